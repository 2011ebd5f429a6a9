// Baselines for `kube-dorm lint`: `--write-baseline FILE` records today's findings, `--baseline FILE`
// reports only findings not in it. A finding is matched by file, code, resource and field path
// (core/lint.ts anchorOf), never by line, so edits above a finding do not break the match; each
// baseline entry absorbs at most as many findings as it counts.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { anchorOf } from '../core/lint';
import type { KDiagnostic } from '../core/manifest/types';
import type { Workspace } from '../core/workspace/index';

export interface BaselineEntry {
  file: string;
  code: string;
  resource: string;
  path: string;
  /** How many findings share this key (two containers without limits in one file, ...). */
  count: number;
}

export interface Baseline {
  version: 1;
  tool: 'kube-dorm';
  findings: BaselineEntry[];
}

/** A file's diagnostics, with the URI the workspace knows it by. */
export interface Linted {
  file: string;
  uri: string;
  diagnostics: KDiagnostic[];
}

const keyOf = (e: { file: string; code: string; resource: string; path: string }) => [e.file, e.code, e.resource, e.path].join('\u0000');

/** The line-independent key of a finding. */
export function findingKey(ws: Workspace, r: Linted, d: KDiagnostic): { file: string; code: string; resource: string; path: string } {
  const f = ws.get(r.uri);
  const a = f ? anchorOf(f, d) : { resource: '', path: '' };
  return { file: r.file, code: d.code, ...a };
}

/** A stable fingerprint for SARIF's partialFingerprints (the key, hashed; the n-th finding of equal keys gets :n). */
export function fingerprints(ws: Workspace, results: Linted[]): Map<KDiagnostic, string> {
  const out = new Map<KDiagnostic, string>();
  const seen = new Map<string, number>();
  for (const r of results)
    for (const d of r.diagnostics) {
      const k = keyOf(findingKey(ws, r, d));
      const n = seen.get(k) ?? 0;
      seen.set(k, n + 1);
      out.set(d, `${createHash('sha256').update(k).digest('hex').slice(0, 32)}:${n + 1}`);
    }
  return out;
}

export function makeBaseline(ws: Workspace, results: Linted[]): Baseline {
  const m = new Map<string, BaselineEntry>();
  for (const r of results)
    for (const d of r.diagnostics) {
      const k = findingKey(ws, r, d);
      const e = m.get(keyOf(k));
      if (e) e.count++;
      else m.set(keyOf(k), { ...k, count: 1 });
    }
  const findings = [...m.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return { version: 1, tool: 'kube-dorm', findings };
}

/** Reads a baseline; throws an Error with a short reason when it is not one. */
export async function readBaseline(file: string): Promise<Baseline> {
  const v: unknown = JSON.parse(await fsp.readFile(file, 'utf8'));
  const o = v as Partial<Baseline> | null;
  if (!o || typeof o !== 'object' || o.version !== 1 || !Array.isArray(o.findings))
    throw new Error('not a kube-dorm baseline (expected {"version": 1, "findings": [...]})');
  for (const e of o.findings)
    if (!e || typeof e !== 'object' || typeof e.file !== 'string' || typeof e.code !== 'string' || typeof e.resource !== 'string' || typeof e.path !== 'string')
      throw new Error('a finding needs file, code, resource and path (strings)');
  return { version: 1, tool: 'kube-dorm', findings: o.findings.map((e) => ({ ...e, count: Number.isInteger(e.count) && e.count > 0 ? e.count : 1 })) };
}

/** The results without the findings the baseline holds. */
export function applyBaseline<R extends Linted>(ws: Workspace, results: R[], baseline: Baseline): R[] {
  const left = new Map<string, number>();
  for (const e of baseline.findings) left.set(keyOf(e), (left.get(keyOf(e)) ?? 0) + e.count);
  return results.map((r) => ({
    ...r,
    diagnostics: r.diagnostics.filter((d) => {
      const k = keyOf(findingKey(ws, r, d));
      const n = left.get(k) ?? 0;
      if (n <= 0) return true;
      left.set(k, n - 1);
      return false;
    }),
  }));
}
