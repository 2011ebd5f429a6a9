// The per-resource rules over the real kubernetes/examples corpus, as one workspace:
// nothing throws, and no error-severity diagnostic of these rules appears (every one seen while
// developing was judged; the corpus has none that is a true Kubernetes error for these codes).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Workspace } from '../../core/workspace/index';
import { lintFile } from '../../core/lint';
import { t } from '../../core/i18n/index';
import { PER_RESOURCE_CODES } from './rules-workload-helpers';
import { corpusRoot as ROOT, corpusSkip } from '../support/corpus';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ya?ml|json)$/.test(n)) out.push(p);
  }
  return out;
}

/** Error-severity checks added for issue 15, held to the same bar: no error on the corpus. */
const ISSUE15_ERROR_CODES = new Set(['container-port-conflict', 'deployment-strategy-invalid', 'schema-format']);

describe('per-resource rules on the kubernetes/examples corpus', { skip: corpusSkip }, () => {
  it('runs without a throw and reports no errors; warnings are the expected kinds', () => {
    const all = files(ROOT);
    assert.ok(all.length > 200, `corpus has ${all.length} files`);
    const ws = new Workspace();
    for (const f of all) ws.set('file://' + f, readFileSync(f, 'utf8'));
    const errors: string[] = [];
    const counts: Record<string, number> = {};
    for (const f of all) {
      for (const d of lintFile(ws, 'file://' + f)) {
        if (d.code === 'internal-error') errors.push(`${relative(ROOT, f)}: internal-error ${t(d.message, 'en')}`);
        if (!PER_RESOURCE_CODES.has(d.code) && !ISSUE15_ERROR_CODES.has(d.code)) continue;
        counts[d.code] = (counts[d.code] ?? 0) + 1;
        if (d.severity === 'error') errors.push(`${relative(ROOT, f)}:${d.range.start.line + 1} ${d.code} ${t(d.message, 'en')}`);
      }
    }
    assert.deepEqual(errors, []);
    // Real plain-text passwords in the corpus (mysql, minio, galera examples) are found.
    assert.ok((counts['secret-in-plain-env'] ?? 0) >= 10, JSON.stringify(counts));
    assert.ok((counts['resources-missing-limits'] ?? 0) > 0);
  });
});
