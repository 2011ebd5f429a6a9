// The generated schema catalog (kinds, fields, types, docs), the curated enum table checked against
// it, the removed-API table, and the did-you-mean helper the schema rules suggest fields with.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const root = path.resolve(__dirname, '..', '..');
// The catalog is generated at build time; make sure it exists (the generator skips when fresh).
execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-schema.mjs')], { cwd: root, stdio: 'pipe' });

import { allKinds, fieldsOf, isBuiltinGroup, kindsNamed, lookupKind, resolvePath, typeInfo } from '../../core/schema/catalog';
import { ENUMS, typeBaseName } from '../../core/schema/enums';
import { REMOVED_APIS } from '../../core/schema/removed';
import { closest, editDistance } from '../../core/k8s/similar';

describe('schema catalog', () => {
  it('knows which kinds are served where, namespaced or not, with their plural', () => {
    const d = lookupKind('apps/v1', 'Deployment');
    assert.deepEqual(d && { type: d.type, namespaced: d.namespaced, plural: d.plural, group: d.group }, {
      type: 'V1Deployment',
      namespaced: true,
      plural: 'deployments',
      group: 'apps',
    });
    const ns = lookupKind('v1', 'Namespace');
    assert.equal(ns?.namespaced, false);
    assert.equal(ns?.group, '');
    assert.equal(lookupKind('extensions/v1beta1', 'Deployment'), undefined);
    assert.equal(lookupKind('apps/v1', 'Service'), undefined);
    assert.equal(lookupKind('autoscaling/v2', 'HorizontalPodAutoscaler')?.type, 'V2HorizontalPodAutoscaler');
    assert.equal(lookupKind('events.k8s.io/v1', 'Event')?.type, 'EventsV1Event');
    assert.equal(lookupKind('v1', 'Event')?.type, 'CoreV1Event');
    // Newest stable version first: that is the one to suggest.
    assert.deepEqual(
      kindsNamed('HorizontalPodAutoscaler').map((k) => k.apiVersion),
      ['autoscaling/v2', 'autoscaling/v1'],
    );
    assert.deepEqual(
      kindsNamed('CronJob').map((k) => k.apiVersion),
      ['batch/v1'],
    );
    assert.ok(isBuiltinGroup('') && isBuiltinGroup('apps') && isBuiltinGroup('networking.k8s.io'));
    assert.ok(!isBuiltinGroup('monitoring.coreos.com'));
    // Stale files the package ships but does not export are not served (flowcontrol v1beta3 left in 1.32).
    assert.equal(lookupKind('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema'), undefined);
    assert.ok(allKinds().length > 60);
  });

  it('has fields with types, required flags and docs', () => {
    const spec = new Map(fieldsOf('V1DeploymentSpec').map((f) => [f.name, f]));
    assert.equal(spec.get('replicas')?.typeText, 'int32');
    assert.equal(spec.get('replicas')?.required, false);
    assert.match(spec.get('replicas')?.doc ?? '', /Number of desired pods/);
    assert.equal(spec.get('selector')?.required, true);
    // A field without its own doc falls back to its type's doc.
    assert.match(spec.get('selector')?.doc ?? '', /label selector/i);
    const port = new Map(fieldsOf('V1ServicePort').map((f) => [f.name, f]));
    assert.equal(port.get('targetPort')?.typeText, 'IntOrString');
    assert.equal(port.get('port')?.required, true);
    assert.equal(new Map(fieldsOf('V1ResourceRequirements').map((f) => [f.name, f])).get('limits')?.typeText, '{}Quantity');
    assert.equal(new Map(fieldsOf('V1ObjectMeta').map((f) => [f.name, f])).get('labels')?.typeText, '{}string');
    // JSON names, not the TypeScript ones.
    const props = typeInfo('V1JSONSchemaProps');
    assert.ok(props?.fields.has('x-kubernetes-preserve-unknown-fields') && props.fields.has('$ref') && props.fields.has('default'));
    assert.ok(!props?.fields.has('_default'));
    assert.deepEqual(fieldsOf('NoSuchType'), []);
  });

  it('resolves a manifest path to its field, type and doc', () => {
    const r = resolvePath('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.equal(r?.field?.name, 'image');
    assert.equal(r?.parentType, 'V1Container');
    assert.deepEqual(r?.type, { kind: 'primitive', name: 'string' });
    assert.match(r?.doc ?? '', /Container image name/);
    const lbl = resolvePath('v1', 'Pod', ['metadata', 'labels', 'app']);
    assert.deepEqual(lbl?.type, { kind: 'primitive', name: 'string' });
    assert.equal(resolvePath('apps/v1', 'Deployment', ['spec', 'replica']), undefined);
    assert.equal(resolvePath('apps/v1', 'Deployment', ['spec', 'replicas', 'x']), undefined);
    assert.equal(resolvePath('example.com/v1', 'Thing', ['spec']), undefined);
    assert.equal(resolvePath('apps/v1', 'Deployment', [])?.type.kind, 'ref');
  });

  it('every enum table entry names a string (or list-of-string) field that exists in the catalog', () => {
    const byBase = new Map<string, string[]>();
    // Collect every catalog type reachable from the served kinds.
    const seen = new Set<string>();
    const queue = allKinds().map((k) => k.type);
    while (queue.length) {
      const n = queue.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      const b = typeBaseName(n);
      if (!byBase.has(b)) byBase.set(b, []);
      byBase.get(b)!.push(n);
      for (const f of fieldsOf(n)) {
        const inner = f.typeText.replace(/^(\[\]|\{\})+/, '');
        if (typeInfo(inner)) queue.push(inner);
      }
    }
    const problems: string[] = [];
    for (const [key, values] of Object.entries(ENUMS)) {
      const [base, field] = key.split('.');
      const types = byBase.get(base) ?? [];
      const hits = types.flatMap((n) => fieldsOf(n).filter((f) => f.name === field));
      if (!hits.length) problems.push(`${key}: no such field`);
      for (const h of hits) if (h.typeText !== 'string' && h.typeText !== '[]string') problems.push(`${key}: is ${h.typeText}`);
      if (!values.length || new Set(values).size !== values.length) problems.push(`${key}: empty or repeated values`);
    }
    assert.deepEqual(problems, []);
    assert.ok(Object.keys(ENUMS).length >= 25);
  });

  it('removed APIs are really not served, and their replacements are', () => {
    for (const r of REMOVED_APIS) {
      assert.equal(lookupKind(r.apiVersion, r.kind), undefined, `${r.apiVersion} ${r.kind} is still served`);
      if (r.replacement) assert.ok(lookupKind(r.replacement, r.kind), `${r.replacement} ${r.kind} is not served`);
    }
  });
});

describe('did you mean', () => {
  it('measures edits with swaps costing one', () => {
    assert.equal(editDistance('contianers', 'containers'), 1);
    assert.equal(editDistance('replica', 'replicas'), 1);
    assert.equal(editDistance('abc', 'xyz'), 3);
    assert.equal(editDistance('', 'abc'), 3);
  });
  it('picks the closest sibling, case-insensitively, and nothing when too far', () => {
    assert.equal(closest('contianers', ['initContainers', 'containers', 'volumes']), 'containers');
    assert.equal(closest('imagePullPolice', ['image', 'imagePullPolicy', 'name']), 'imagePullPolicy');
    assert.equal(closest('clusterip', ['ClusterIP', 'NodePort']), 'ClusterIP');
    assert.equal(closest('banana', ['replicas', 'selector', 'template']), undefined);
    assert.equal(
      closest('nmae', ['name', 'image'], (c) => c === 'name'),
      'name',
    );
  });
});
