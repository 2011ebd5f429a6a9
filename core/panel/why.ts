// "Why?" in the panel: an explanation (core/cluster/explain.ts) as the panel shows it — in the
// panel's language, places as a file name and 0-based line and column (as editors count), the
// quick fix's code and range when the editor has one. Structured data: the page never parses text.
import { explainObject, type Explanation } from '../cluster/explain';
import type { Cluster } from '../cluster/cluster';
import { defineMessages, type Locale, type Text } from '../i18n/index';
import type { WhyChain, WhyStep } from './why-wire';

export type { WhyChain, WhyStep } from './why-wire';

/** The panel's texts for "Why?" (sent with the others, core/panel/messages.ts panelStrings). */
export const whyMessages = defineMessages({
  'panel.why.button': { en: 'Why?', zh: '为什么？' },
  'panel.why.label': { en: 'Why is {kind} {name} not healthy?', zh: '{kind} {name} 为什么不正常？' },
  'panel.why.title': { en: 'Why is {kind} {name} not healthy?', zh: '{kind} {name} 为什么不正常？' },
  'panel.why.steps': { en: 'From the symptom to the line to change', zh: '从症状到需要修改的那一行' },
  'panel.why.dorm': { en: 'In the dorm:', zh: '宿舍里：' },
  'panel.why.goto': { en: 'Go to line {line}', zh: '跳到第 {line} 行' },
  'panel.why.gotoLabel': { en: 'Go to {file}, line {line}, column {column}', zh: '跳到 {file} 第 {line} 行第 {column} 列' },
  'panel.why.fix': { en: 'Apply fix: {title}', zh: '应用修复：{title}' },
  'panel.why.advice': { en: 'To do: {title}', zh: '建议：{title}' },
  'panel.why.none': {
    en: 'Nothing is known to be wrong with {name} right now (it may still be starting).',
    zh: '目前看不出 {name} 有什么问题（它可能还在启动）。',
  },
  'panel.why.close': { en: 'Close', zh: '关闭' },
});

/** An explanation as the panel shows it. */
export function whyChain(e: Explanation, locale: Locale, displayName: (uri: string) => string = (u) => u.replace(/^.*\//, '')): WhyChain {
  const pick = (x: Text) => (locale === 'zh-cn' ? x.zh : x.en);
  const steps: WhyStep[] = e.steps.map((s) => ({
    text: pick(s.text),
    dorm: pick(s.dorm),
    ...(s.file && s.line && s.column ? { at: { uri: s.file, file: displayName(s.file), line: s.line - 1, column: s.column - 1 } } : {}),
  }));
  const last = e.steps[e.steps.length - 1];
  const r = e.fix?.range;
  const fix: WhyChain['fix'] = e.fix && {
    title: pick(e.fix.title),
    ...(e.fix.code && r && last?.file
      ? { code: e.fix.code, uri: last.file, range: { line: r.line - 1, column: r.column - 1, endLine: r.endLine - 1, endColumn: r.endColumn - 1 } }
      : {}),
  };
  return { symptom: pick(e.symptom), steps, ...(fix ? { fix } : {}) };
}

/** The chain of one object of the cluster, or null when nothing is known to be wrong with it. */
export function whyOf(
  c: Cluster,
  files: readonly { uri: string; text: string }[],
  subject: { kind: string; namespace?: string; name: string },
  locale: Locale,
  displayName?: (uri: string) => string,
): WhyChain | null {
  const e = explainObject(c, files, subject.kind, subject.namespace, subject.name);
  return e ? whyChain(e, locale, displayName) : null;
}
