// The quick fix at the end of a chain: the files are linted as the editor lints them, and a finding
// at the chain's last line whose code action the editor offers becomes the chain's fix (its code,
// its range and the action's title, in both languages). "Apply fix" then runs that same code action.
import type { KDiagnostic } from '../manifest/types';
import type { Workspace } from '../workspace/index';
import { lintFile } from '../lint';
import { codeActions } from '../editor/actions';
import type { Explanation } from './explain';

/** Fills `fix.code`, `fix.range` and the title of each chain whose last line has a quick fix (`ws`: the chains' files, parsed); returns the same list. */
export function attachFixes(list: Explanation[], ws: Workspace): Explanation[] {
  const at = list.filter((e) => e.steps.at(-1)?.file);
  if (!at.length) return list;
  const lint = new Map<string, KDiagnostic[]>();
  const diagnostics = (uri: string) => {
    let ds = lint.get(uri);
    if (!ds) lint.set(uri, (ds = ws.get(uri) ? safeLint(ws, uri) : []));
    return ds;
  };
  for (const e of at) {
    const last = e.steps[e.steps.length - 1];
    const uri = last.file!;
    const line = last.line! - 1;
    const all = diagnostics(uri);
    // The findings on the chain's line, nearest to its column first.
    const here = all.filter((d) => d.range.start.line <= line && line <= d.range.end.line);
    here.sort((a, b) => Math.abs(a.range.start.character + 1 - last.column!) - Math.abs(b.range.start.character + 1 - last.column!));
    for (const d of here) {
      // The action the editor lists first for it (its preferred one, if any), in each language.
      const pick = (locale: 'en' | 'zh-cn') => {
        const actions = codeActions(ws, uri, d.range, [d], locale);
        return actions.find((a) => a.isPreferred) ?? actions[0];
      };
      const en = pick('en');
      if (!en) continue;
      const r = d.range;
      e.fix = {
        code: d.code,
        range: { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 },
        title: { en: en.title, zh: pick('zh-cn')?.title ?? en.title },
      };
      break;
    }
  }
  return list;
}

function safeLint(ws: Workspace, uri: string): KDiagnostic[] {
  try {
    return lintFile(ws, uri);
  } catch {
    return [];
  }
}
