// Quick-fix data (core/rules/fix-data.ts): one shape per rule code, what every rule really
// attaches has its code's shape, and data of any other shape (as an editor may send back) gives
// no fix and never a throw.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintFile, parseRules } from '../../core/lint';
import { ruleModules } from '../../core/rules/index';
import { FIX_DATA, dataOf, isRuleCode } from '../../core/rules/fix-data';
import { fixesFor } from '../../core/editor/actions';
import type { Resource } from '../../core/manifest/parse';
import type { KDiagnostic } from '../../core/manifest/types';
import type { RuleContext } from '../../core/rules/types';
import { exampleFiles } from '../support/corpus';
import { allDiagnostics, snippetFiles, workspaceOf } from './rules-snippets';

describe('rule codes', () => {
  test('FIX_DATA names exactly the codes the rule modules register', () => {
    const registered = ruleModules.flatMap((m) => m.rules.map((r) => r.code)).sort();
    assert.deepEqual(Object.keys(FIX_DATA).sort(), registered);
  });

  test('isRuleCode knows the modules\u2019 codes and nothing else', () => {
    assert.ok(isRuleCode('schema-unknown-field'));
    for (const r of parseRules) assert.ok(!isRuleCode(r.code), r.code);
    assert.ok(!isRuleCode('toString'));
    assert.ok(!isRuleCode('no-such-rule'));
  });
});

describe('dataOf', () => {
  const d = (code: string, data: unknown) => ({ code, data }) as KDiagnostic;
  const good = { field: 'replica', path: 'spec.replica', type: 'DeploymentSpec', suggestion: 'replicas' };

  test('gives the data of a diagnostic of that code and shape', () => {
    assert.equal(dataOf(d('schema-unknown-field', good), 'schema-unknown-field'), good);
    // Optional fields may be absent, or undefined as a rule writes them; other keys are allowed.
    assert.ok(dataOf(d('schema-unknown-field', { ...good, suggestion: undefined, extra: 1 }), 'schema-unknown-field'));
    // JSON drops undefined fields on the way to the editor and back.
    const sent = JSON.parse(JSON.stringify({ kind: 'Secret', name: 's', namespace: 'default', keys: [], suggestion: undefined }));
    assert.deepEqual(dataOf(d('secret-ref-missing', sent), 'secret-ref-missing'), { kind: 'Secret', name: 's', namespace: 'default', keys: [] });
  });

  test('gives nothing for another code', () => {
    assert.equal(dataOf(d('schema-enum', good), 'schema-unknown-field'), undefined);
  });

  test('gives nothing for data of the wrong shape', () => {
    for (const bad of [
      undefined,
      null,
      'x',
      42,
      [],
      [good],
      {},
      { ...good, field: 1 },
      { ...good, suggestion: { to: 'replicas' } },
      { ...good, path: ['spec'] },
    ]) {
      assert.equal(dataOf(d('schema-unknown-field', bad), 'schema-unknown-field'), undefined, JSON.stringify(bad));
    }
    const res = { container: 'c', containerPath: ['spec', 'containers', 0], missing: ['cpu'] };
    assert.ok(dataOf(d('resources-missing-limits', res), 'resources-missing-limits'));
    assert.equal(dataOf(d('resources-missing-limits', { ...res, containerPath: ['spec', { i: 0 }] }), 'resources-missing-limits'), undefined);
    assert.equal(dataOf(d('resources-missing-limits', { ...res, missing: [1] }), 'resources-missing-limits'), undefined);
    assert.equal(dataOf(d('secret-ref-missing', { kind: 'Pod', name: 's', namespace: 'default', keys: [] }), 'secret-ref-missing'), undefined);
    assert.equal(dataOf(d('node-port-range', { index: 0, nodePort: Infinity, min: 1, max: 2 }), 'node-port-range'), undefined);
    // A code that attaches no data has no data to give.
    assert.equal(dataOf(d('label-value-invalid', {}), 'label-value-invalid'), undefined);
  });
});

describe('what the rules attach', () => {
  test('every diagnostic with data has its code\u2019s shape, and every code with a shape is seen', (t) => {
    const seen = new Set<string>();
    for (const diag of allDiagnostics()) {
      if (!isRuleCode(diag.code)) continue;
      seen.add(diag.code);
      if (diag.data === undefined) continue;
      assert.ok(dataOf(diag, diag.code), `${diag.code} at ${diag.uri}:${diag.range.start.line + 1}: data ${JSON.stringify(diag.data)} is not of its shape`);
    }
    const unseen = Object.keys(FIX_DATA).filter((c) => !seen.has(c) && c !== 'label-value-invalid');
    t.diagnostic(`${seen.size} rule codes seen`);
    assert.deepEqual(unseen, [], 'add a snippet that raises these codes');
  });
});

describe('data of the wrong shape', () => {
  /** Fixes that read only the manifest, not the data. */
  const NO_DATA_READ = new Set(['name-invalid', 'node-port-type']);
  const files = [...exampleFiles('broken'), ...snippetFiles()];
  const ws = workspaceOf(files);
  const fixable = files.flatMap((f) => lintFile(ws, f.uri)).filter((d) => !NO_DATA_READ.has(d.code) && fixesFor(ws, ws.get(d.uri)!, d, 'en').length > 0);

  test('gives no fix for any diagnostic that has one, and never throws', () => {
    assert.ok(fixable.length >= 15, `only ${fixable.length} fixable diagnostics`);
    let tried = 0;
    for (const d of fixable) {
      const data = d.data ?? {};
      const variants: unknown[] = [undefined, null, 'garbage', 7, [], [data]];
      // Each field in turn replaced by a value of another kind (kept only when that breaks the shape).
      for (const k of Object.keys(data)) variants.push({ ...data, [k]: { injected: ['x'] } }, { ...data, [k]: 'x' });
      for (const v of variants) {
        if (isRuleCode(d.code) && FIX_DATA[d.code](v)) continue;
        tried++;
        assert.deepEqual(fixesFor(ws, ws.get(d.uri)!, { ...d, data: v as Record<string, unknown> }, 'en'), [], `${d.code} with data ${JSON.stringify(v)}`);
      }
    }
    assert.ok(tried > 100, `${tried} malformed variants`);
  });

  // Before the data was checked, a value of the wrong type went into the fix.
  const one = (code: string) => {
    const d = fixable.find((x) => x.code === code);
    assert.ok(d, `no fixable ${code}`);
    return d;
  };
  const titles = (d: KDiagnostic) => fixesFor(ws, ws.get(d.uri)!, d, 'en').map((a) => a.title);

  test('a suggestion of the wrong type is not offered as the new value', () => {
    const d = one('schema-enum');
    assert.deepEqual(titles({ ...d, data: { ...d.data, suggestion: true } }), []);
  });

  test('a name of the wrong type does not become the name of a created object', () => {
    const d = one('secret-ref-missing');
    assert.deepEqual(titles({ ...d, data: { ...d.data, name: { n: 1 } } }), []);
    const s = one('statefulset-service-missing');
    assert.deepEqual(titles({ ...s, data: { ...s.data, service: 42 } }), []);
  });
});

/** Compile-time checks (tsc type-checks the tests): a rule can only attach its own code's shape. */
export function typeChecks(ctx: RuleContext, res: Resource): void {
  ctx.report('schema-enum', res, [], { id: 'schema-enum' }, { data: { allowed: ['Always'], suggestion: 'Always' } });
  // @ts-expect-error another code's data
  ctx.report('node-port-range', res, [], { id: 'node-port-range' }, { data: { allowed: ['Always'] } });
  // @ts-expect-error a field of the wrong type
  ctx.report('pvc-missing', res, [], { id: 'pvc-missing' }, { data: { name: 'c', namespace: 7 } });
  // @ts-expect-error a code no module registers
  ctx.report('no-such-rule', res, [], { id: 'x' });
  // @ts-expect-error a code that attaches no data
  ctx.report('label-value-invalid', res, [], { id: 'label-value-invalid' }, { data: {} });
}
