// Suppression comments in the editor: completion of rule codes after `# kube-dorm-disable-next-line`
// or `# kube-dorm-disable`, and a hover on a code there (title, default severity, the analogy).
// Every code of the rule catalog is known here, so a new rule needs nothing in this file.
import { ruleCatalog } from '../lint';
import { hasMessage, t, type Locale } from '../i18n/index';
import type { LineIndex } from '../manifest/lines';
import type { Range } from '../manifest/types';

const DIRECTIVE = /#\s*kube-dorm-disable(?:-next-line)?\b/;

/** The code word under `offset` in a suppression comment (before any ` -- reason`), if the offset is in one. */
export function suppressionWordAt(text: string, lines: LineIndex, offset: number): { start: number; end: number; word: string } | undefined {
  const line = lines.position(offset).line;
  const lineStart = lines.lineStart(line);
  const lt = lines.lineText(line);
  const m = DIRECTIVE.exec(lt);
  if (!m) return undefined;
  const codesFrom = lineStart + m.index + m[0].length;
  const reason = /(?:^|\s)--(?:\s|$)/.exec(lt.slice(m.index + m[0].length));
  const codesTo = reason ? codesFrom + reason.index : lineStart + lt.length;
  if (offset < codesFrom || offset > codesTo) return undefined;
  let start = offset;
  let end = offset;
  while (start > codesFrom && /[a-z0-9-]/.test(text[start - 1])) start--;
  while (end < codesTo && /[a-z0-9-]/.test(text[end])) end++;
  return { start, end, word: text.slice(start, end) };
}

export interface CodeItem {
  code: string;
  title: string;
  severity: string;
  analogy: string | undefined;
}

function item(code: string, locale: Locale): CodeItem | undefined {
  const meta = ruleCatalog().get(code);
  if (!meta) return undefined;
  const analogy = `analogy.${code}`;
  return {
    code,
    title: locale === 'zh-cn' ? meta.title.zh : meta.title.en,
    severity: meta.severity,
    analogy: hasMessage(analogy) ? t(analogy, locale) : undefined,
  };
}

/** Every rule code, for completion in a suppression comment. */
export function suppressionCodes(locale: Locale): CodeItem[] {
  return [...ruleCatalog().keys()].sort().map((c) => item(c, locale)!);
}

/** A hover for the rule code under the cursor in a suppression comment. */
export function suppressionHover(text: string, lines: LineIndex, offset: number, locale: Locale): { markdown: string; range: Range } | undefined {
  const w = suppressionWordAt(text, lines, offset);
  const it = w && item(w.word, locale);
  if (!w || !it) return undefined;
  const parts = [`**${it.code}** · ${it.severity}`, it.title];
  if (it.analogy) parts.push(`🏠 ${it.analogy}`);
  return { markdown: parts.join('\n\n'), range: lines.range(w.start, w.end) };
}
