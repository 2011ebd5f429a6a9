// Custom resources against the CustomResourceDefinitions of the workspace: registration per served
// version (multi-document files, a Helm chart's crds/ folder), each schema check with the API
// server's wording, the schema's source on every finding, the one info for a kind with no CRD, and
// the CEL rules listed as not checked.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const root = path.resolve(__dirname, '..', '..');
execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-schema.mjs')], { cwd: root, stdio: 'pipe' });

import { Workspace } from '../../core/workspace/index';
import { crdIndex } from '../../core/workspace/crds';
import { lintFile } from '../../core/lint';
import { t } from '../../core/i18n/index';
import type { KDiagnostic } from '../../core/manifest/types';
import { parseCrd, schemaAt } from '../../core/schema/crd';

const FIX = path.join(root, 'test', 'fixtures', 'crd');
const fixture = (p: string) => readFileSync(path.join(FIX, p), 'utf8');
const CR = 'file:///ws/widget.yaml';

function workspace(): Workspace {
  const ws = new Workspace();
  ws.set('file:///ws/crds.yaml', fixture('crds.yaml'));
  ws.set('file:///ws/chart/crds/lamp.yaml', fixture('chart/crds/lamp.yaml'));
  return ws;
}
function lint(text: string, ws = workspace()): KDiagnostic[] {
  ws.set(CR, text);
  return lintFile(ws, CR);
}
const en = (d: KDiagnostic) => t(d.message, 'en');
const widget = (spec: string, extra = '') => `apiVersion: dorm.example.com/v1
kind: Widget
metadata:
  name: desk
spec:
${spec}${extra}`;

describe('CRD index', () => {
  it('registers each served version of every CRD, in multi-document files and Helm crds/ folders', () => {
    const idx = crdIndex(workspace());
    assert.ok(idx.get('dorm.example.com/v1', 'Widget'));
    assert.equal(idx.get('dorm.example.com/v1beta1', 'Widget'), undefined, 'served: false');
    assert.ok(idx.get('dorm.example.com/v1alpha1', 'Gadget'));
    assert.ok(idx.get('light.example.com/v1', 'Lamp'));
    assert.deepEqual(
      idx.crds().map((c) => c.crd.name),
      ['lamps.light.example.com', 'widgets.dorm.example.com', 'gadgets.dorm.example.com'],
    );
  });
  it('is reused while no file holding a CRD changes, rebuilt when one does', () => {
    const ws = workspace();
    ws.set(CR, widget('  size: small\n'));
    const idx = crdIndex(ws);
    // A keystroke in a custom resource re-parses its file only: the CRDs' Resources, and so the index, stay.
    ws.set(CR, widget('  size: large\n'));
    assert.equal(crdIndex(ws), idx);
    // The CRD's file re-parsed: new Resources with new ranges, a new index.
    ws.set('file:///ws/chart/crds/lamp.yaml', fixture('chart/crds/lamp.yaml') + '\n');
    const rebuilt = crdIndex(ws);
    assert.notEqual(rebuilt, idx);
    assert.ok(rebuilt.get('light.example.com/v1', 'Lamp'));
  });
  it('reads names, scope, printer columns and the status subresource', () => {
    const ws = workspace();
    const w = parseCrd([...ws.byKind('CustomResourceDefinition')].find((r) => r.name === 'widgets.dorm.example.com')!.obj)!;
    assert.deepEqual([w.plural, w.singular, w.shortNames, w.namespaced, w.listKind], ['widgets', 'widget', ['wg'], true, 'WidgetList']);
    assert.deepEqual(
      w.versions[0].printerColumns.map((c) => c.name),
      ['Size', 'Replicas', 'Age'],
    );
    assert.equal(w.versions[0].statusSubresource, true);
    assert.equal(schemaAt(w.versions[0].schema!, ['spec', 'tags', 0])?.schema.minLength, 2);
    assert.deepEqual(schemaAt(w.versions[0].schema!, ['spec', 'labels', 'floor'])?.schemaPath, [
      'properties',
      'spec',
      'properties',
      'labels',
      'additionalProperties',
    ]);
  });
  it('a CRD without group, kind or plural registers nothing, and never throws', () => {
    for (const obj of [
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' },
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', spec: { group: 'g', names: {} } },
      null,
      'x',
    ])
      assert.equal(parseCrd(obj), undefined);
  });
});

describe('custom resources validated against their CRD', () => {
  it('a valid custom resource (int-or-string, preserved fields, maps, an embedded resource, status) has no findings', () => {
    assert.deepEqual(lint(fixture('widget.yaml')), []);
  });
  it('unknown field, with a suggestion and the rename quick-fix data', () => {
    const [d] = lint(widget('  size: small\n  replcas: 2\n'));
    assert.equal(d.code, 'schema-unknown-field');
    assert.equal(en(d), 'unknown field "spec.replcas". Did you mean "replicas"?');
    assert.equal((d.data as { suggestion: string }).suggestion, 'replicas');
    assert.equal(d.range.start.line, 6);
  });
  it('preserved unknown fields and additionalProperties accept any key', () => {
    assert.deepEqual(lint(widget('  size: small\n  extra:\n    a: {b: 1}\n  labels:\n    x: hello\n')), []);
  });
  it('types, in the API server wording, with the quote / unquote fix data', () => {
    const ds = lint(widget('  size: small\n  replicas: "3"\n  nickname: 7\n  port: [1]\n'));
    assert.deepEqual(
      ds.map((d) => [d.code, en(d), (d.data as { fix?: string }).fix]),
      [
        [
          'schema-type',
          'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string". Remove the quotes around 3.',
          'unquote',
        ],
        [
          'schema-type',
          'spec.nickname: Invalid value: "integer": spec.nickname in body must be of type string: "integer". Write 7 in quotes ("7") to make it a string.',
          'quote',
        ],
        ['schema-type', 'spec.port: Invalid value: "array": spec.port in body must be of type integer,string: "array"', undefined],
      ],
    );
  });
  it('required and enum', () => {
    const ds = lint(widget('  replicas: 2\n'));
    assert.deepEqual(
      ds.map((d) => [d.code, en(d)]),
      [['schema-required', 'spec.size: Required value: "size" must be set']],
    );
    const [e] = lint(widget('  size: smal\n'));
    assert.equal(en(e), 'spec.size: Unsupported value: "smal": supported values: "small", "medium", "large". Did you mean "small"?');
    assert.equal((e.data as { suggestion: string }).suggestion, 'small');
  });
  it('schema-constraint: minimum, maximum, pattern, maxLength, maxItems, minLength of items, exclusiveMaximum', () => {
    const ds = lint(widget('  size: small\n  replicas: 20\n  nickname: Desk-Number-One\n  tags: [a, bb, cc, dd]\n'));
    assert.deepEqual(
      ds.map((d) => [d.code, en(d)]),
      [
        ['schema-constraint', 'spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10'],
        ['schema-constraint', 'spec.nickname: Too long: may not be longer than 8'],
        ['schema-constraint', `spec.nickname: Invalid value: "Desk-Number-One": spec.nickname in body should match '^[a-z]+$'`],
        ['schema-constraint', 'spec.tags: Too many: 4: must have at most 3 items'],
        ['schema-constraint', 'spec.tags[0]: Invalid value: "a": spec.tags[0] in body should be at least 2 chars long'],
      ],
    );
    assert.deepEqual(lint(widget('  size: small\n  replicas: 0\n')).map(en), [
      'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1',
    ]);
    const g = lint('apiVersion: dorm.example.com/v1alpha1\nkind: Gadget\nmetadata:\n  name: g\nspec:\n  power: 100\n');
    assert.deepEqual(g.map(en), ['spec.power: Invalid value: 100: spec.power in body should be less than 100']);
  });
  it('format, and embedded resources (apiVersion and kind required, metadata an ObjectMeta)', () => {
    const ds = lint(widget('  size: small\n  contact: nobody\n  template:\n    metadata:\n      name: notes\n      labes: {}\n'));
    assert.deepEqual(
      ds.map((d) => [d.code, en(d)]),
      [
        ['schema-format', 'spec.contact: Invalid value: "nobody": spec.contact in body must be of type email: "nobody"'],
        ['schema-required', 'spec.template.apiVersion: Required value: must not be empty'],
        ['schema-required', 'spec.template.kind: Required value: must not be empty'],
        ['schema-unknown-field', 'unknown field "spec.template.metadata.labes". Did you mean "labels"?'],
      ],
    );
  });
  it('every finding says where its schema came from: the CRD file, at the schema node that decided it', () => {
    const [d] = lint(widget('  size: small\n  replicas: 20\n'));
    assert.equal(d.related?.length, 1);
    const r = d.related[0];
    assert.equal(r.uri, 'file:///ws/crds.yaml');
    assert.equal(t(r.message, 'en'), 'schema from CustomResourceDefinition "widgets.dorm.example.com" (version v1) in ws/crds.yaml');
    assert.equal(fixture('crds.yaml').split('\n')[r.range.start.line].trim(), 'replicas:');
  });
  it('the CRD in a Helm chart’s crds/ folder is used; the chart’s templates stay unchecked', () => {
    const ds = lint('apiVersion: light.example.com/v1\nkind: Lamp\nmetadata:\n  name: desk\nspec:\n  watts: 100\n');
    assert.deepEqual(
      ds.map((d) => d.code),
      ['schema-constraint'],
    );
    const ws = workspace();
    ws.set('file:///ws/chart/templates/lamp.yaml', fixture('chart/templates/lamp.yaml'));
    assert.deepEqual(lintFile(ws, 'file:///ws/chart/templates/lamp.yaml'), []);
  });
  it('a version the CRD does not serve: api-version-unknown naming the served ones, with the apiVersion fix', () => {
    const [d] = lint('apiVersion: dorm.example.com/v1beta1\nkind: Widget\nmetadata:\n  name: desk\n');
    assert.equal(d.code, 'api-version-unknown');
    assert.equal(
      en(d),
      'no matches for kind "Widget" in version "dorm.example.com/v1beta1": the CustomResourceDefinition "widgets.dorm.example.com" serves Widget at dorm.example.com/v1.',
    );
    assert.equal((d.data as { suggestion: string }).suggestion, 'dorm.example.com/v1');
  });
  it('a custom resource with no CRD: one info per kind and file, never an error; its metadata is still checked', () => {
    const text = ['a', 'b'].map((n) => `apiVersion: unknown.example.com/v1\nkind: Thing\nmetadata:\n  name: ${n}\nspec:\n  whatever: 1\n`).join('---\n');
    const ds = lint(text, new Workspace());
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.range.start.line]),
      [['custom-resource-unknown', 'info', 1]],
    );
    const bad = lint('apiVersion: unknown.example.com/v1\nkind: Thing\nmetadata:\n  name: a\n  labes: {}\n', new Workspace());
    assert.deepEqual(bad.map((d) => d.code).sort(), ['custom-resource-unknown', 'schema-unknown-field']);
  });
  it('CEL rules: one info per rule set on the CRD, saying they are not checked', () => {
    const ws = workspace();
    const ds = lintFile(ws, 'file:///ws/crds.yaml');
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, en(d)]),
      [
        [
          'crd-validations-not-checked',
          'info',
          '1 x-kubernetes-validations rule(s) (CEL) at spec are not checked by Kube Dorm: no maintained CEL evaluator for JavaScript is bundled. The API server checks them when a Widget is applied.',
        ],
      ],
    );
  });
  it('editing the CRD changes the verdict on its custom resources (cross-resource)', () => {
    const ws = workspace();
    assert.equal(lint(widget('  size: small\n  replicas: 20\n'), ws).length, 1);
    ws.set('file:///ws/crds.yaml', fixture('crds.yaml').replace('maximum: 10', 'maximum: 50'));
    assert.deepEqual(lintFile(ws, CR), []);
    ws.delete('file:///ws/crds.yaml');
    assert.deepEqual(
      lintFile(ws, CR).map((d) => d.code),
      ['custom-resource-unknown'],
    );
  });
  it('schema checks can be switched off with the other schema rules', () => {
    const ws = workspace();
    ws.set(CR, widget('  size: smal\n  replicas: 20\n'));
    assert.deepEqual(lintFile(ws, CR, { schema: false }), []);
  });
});
