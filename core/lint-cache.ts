// Verdicts of the local rule modules (no rule of the module looks across resources) depend only on
// the resource and its place in its YAML document. When the incremental parser reuses a document
// (core/manifest/incremental.ts: same text, same yaml Document object), those verdicts are reused
// too, with their lines moved if the document moved. A keystroke then re-runs the local rules of one
// document, and the cross-resource rules of all (their verdicts depend on the whole workspace).
import type { Document } from 'yaml';
import type { ParsedDoc } from './manifest/parse';
import type { KDiagnostic, Range } from './manifest/types';
import type { RuleModule } from './rules/types';

interface Entry {
  line: number;
  /** The Kubernetes version the verdicts were given for (the lint option; undefined = the newest). */
  version: string | undefined;
  diags: KDiagnostic[];
}

const cache = new WeakMap<Document.Parsed, Entry>();

export function isLocalModule(mod: RuleModule): boolean {
  return !mod.rules.some((r) => r.crossResource);
}

const startLine = (doc: ParsedDoc) => doc.file.lines.position(doc.start).line;

function moved(r: Range, delta: number): Range {
  return { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } };
}

/** The local verdicts for `doc` if its yaml Document was checked before (copies, lines adjusted). */
export function cachedLocal(doc: ParsedDoc, version: string | undefined): KDiagnostic[] | undefined {
  const e = cache.get(doc.yaml);
  if (!e || e.version !== version) return undefined;
  const delta = startLine(doc) - e.line;
  return e.diags.map((d) =>
    delta === 0
      ? { ...d }
      : { ...d, range: moved(d.range, delta), related: d.related?.map((r) => (r.uri === d.uri ? { ...r, range: moved(r.range, delta) } : r)) },
  );
}

export function storeLocal(doc: ParsedDoc, diags: KDiagnostic[], version: string | undefined): void {
  cache.set(doc.yaml, { line: startLine(doc), version, diags: diags.map((d) => ({ ...d })) });
}
