// "Why?" in the panel: an explanation (core/cluster/explain.ts) as the panel shows it — in the
// panel's language, places as a file name and 0-based line and column (as editors count), the
// quick fix's code and range when the editor has one. Structured data: the page never parses text.
import type { MessageIds } from '../manifest/types';
import { explainObject, type Explanation } from '../cluster/explain';
import { Sources } from '../cluster/explain-sources';
import type { Cluster } from '../cluster/cluster';
import { defineMessages, msgOf, t, type Locale, type Text } from '../i18n/index';
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
  'lens.why.title': { en: '⚠ {symptom}: {cause}', zh: '⚠ {symptom}：{cause}' },
  'lens.why.more': { en: ' (+{n} more)', zh: '（另有 {n} 个）' },
  'lens.why.show': { en: 'Show why', zh: '查看原因' },
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

const msg = msgOf(whyMessages);

/** A lens on a resource's first line after a simulation: what went wrong there and why. */
export interface WhyLens {
  uri: string;
  /** 0-based line of the resource's first line. */
  line: number;
  /** The symptom and the chain's first step ("+N more" when several chains end in this resource). */
  title: string;
  /** "Show why". */
  show: string;
  /** The whole chain as text, one step a line. */
  tooltip: string;
  subject: Explanation['subject'];
}

const MAX_TITLE = 180;

/** One lens per resource that a chain ends in (the first chain; the others are counted), in `locale`; `src`: the files the chains point into. */
export function whyLenses(list: readonly Explanation[], src: Sources, locale: Locale): WhyLens[] {
  const pick = (x: Text) => (locale === 'zh-cn' ? x.zh : x.en);
  const byResource = new Map<string, { lens: WhyLens; n: number }>();
  for (const e of list) {
    const last = e.steps[e.steps.length - 1];
    if (!last?.file || !last.line) continue;
    const res = src.resourceAt(last.file, last.line - 1);
    if (!res) continue;
    // Its first line of content (a document's range starts at its `---`, if any).
    const line = res.doc.file.lines.position(res.doc.yaml.contents?.range?.[0] ?? res.doc.start).line;
    const key = `${last.file}#${line}`;
    const had = byResource.get(key);
    if (had) {
      had.n++;
      continue;
    }
    const title = t(msg('lens.why.title', { symptom: pick(e.symptom), cause: pick(e.steps[0].text) }), locale);
    const tooltip = [pick(e.symptom), ...e.steps.map((s, i) => `${i + 1}. ${pick(s.text)}`)].join('\n');
    byResource.set(key, { lens: { uri: last.file, line, title, show: t(msg('lens.why.show'), locale), tooltip, subject: e.subject }, n: 0 });
  }
  return [...byResource.values()].map(({ lens, n }) => {
    const more = n ? t(msg('lens.why.more', { n }), locale) : '';
    const room = MAX_TITLE - more.length;
    return { ...lens, title: (lens.title.length > room ? lens.title.slice(0, room - 1) + '…' : lens.title) + more };
  });
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof whyMessages> {}
}
