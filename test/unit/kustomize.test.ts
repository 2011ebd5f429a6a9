// The native Kustomize renderer at the core: it reads only through the reader it is given, reports
// every bad input as a KustomizeError (in both languages, with the file and entry at fault), and
// keeps a source map from rendered fields to the kustomization line or patch that set them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../core/i18n/index';
import { renderKustomization } from '../../core/kustomize/index';
import { failure, memory } from '../support/kustomize-memory';
import { nameHash, sha256Hex } from '../../core/kustomize/hash';
import { splitImage } from '../../core/kustomize/transforms';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "1"\n';

test('SHA-256 is the standard one (the hash suffix depends on it)', () => {
  assert.equal(sha256Hex(new TextEncoder().encode('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(sha256Hex(new Uint8Array(0)), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test("the hash suffix is kustomize's: a ConfigMap {A: base, B: base} gets -576d2khbbg, whatever its name", () => {
  // Printed by `kubectl kustomize` (kustomize v5.5) for configMapGenerator name: cfg, literals A=base, B=base.
  assert.equal(nameHash({ kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { A: 'base', B: 'base' } }), '576d2khbbg');
  assert.equal(nameHash({ kind: 'ConfigMap', metadata: { name: 'other' }, data: { A: 'base', B: 'base' } }), '576d2khbbg');
});

test('image references split as kustomize splits them (a registry port is not a tag)', () => {
  assert.deepEqual(splitImage('localhost:5000/app:1.2@sha256:ab'), { name: 'localhost:5000/app', tag: '1.2', digest: 'sha256:ab' });
  assert.deepEqual(splitImage('localhost:5000/app'), { name: 'localhost:5000/app', tag: '', digest: '' });
});

test('bad input is a clear KustomizeError naming the file and entry, never a crash', () => {
  const cases: [string, Record<string, string>, string, (string | number)[] | undefined][] = [
    ['missing resource file', { '/k/kustomization.yaml': 'resources:\n  - nope.yaml\n' }, 'kz.noFile', ['resources', 0]],
    ['no kustomization in a base', { '/k/kustomization.yaml': 'resources:\n  - base\n', '/k/base/x.yaml': CM }, 'kz.noKustomization', undefined],
    ['a cycle', { '/k/kustomization.yaml': 'resources:\n  - ../j\n', '/j/kustomization.yaml': 'resources:\n  - ../k\n' }, 'kz.cycle', undefined],
    ['a file outside the root', { '/k/kustomization.yaml': 'resources:\n  - ../x.yaml\n', '/x.yaml': CM }, 'kz.outsideRoot', ['resources', 0]],
    ['a remote base', { '/k/kustomization.yaml': 'resources:\n  - github.com/org/repo//base?ref=v1\n' }, 'kz.remote', ['resources', 0]],
    [
      'a bad target regex',
      { '/k/kustomization.yaml': 'resources: [cm.yaml]\npatches:\n  - target: {name: "("}\n    patch: "[]"\n', '/k/cm.yaml': CM },
      'kz.badRegex',
      ['patches', 0, 'target', 'name'],
    ],
    [
      'a JSON patch on a missing path',
      {
        '/k/kustomization.yaml': 'resources: [cm.yaml]\npatches:\n  - target: {kind: ConfigMap}\n    patch: "[{op: replace, path: /nope/x, value: 1}]"\n',
        '/k/cm.yaml': CM,
      },
      'kz.jsonPatch',
      ['patches', 0],
    ],
    [
      'a JSON patch with no target',
      { '/k/kustomization.yaml': 'resources: [cm.yaml]\npatches:\n  - patch: "[{op: remove, path: /data}]"\n', '/k/cm.yaml': CM },
      'kz.jsonNeedsTarget',
      ['patches', 0],
    ],
    [
      'a strategic-merge patch that matches nothing',
      {
        '/k/kustomization.yaml': 'resources: [cm.yaml]\npatchesStrategicMerge:\n  - p.yaml\n',
        '/k/cm.yaml': CM,
        '/k/p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n',
      },
      'kz.noMatch',
      ['patchesStrategicMerge', 0],
    ],
    [
      'merge into nothing',
      { '/k/kustomization.yaml': 'configMapGenerator:\n  - name: x\n    behavior: merge\n    literals: [a=b]\n' },
      'kz.missing',
      ['configMapGenerator', 0, 'behavior'],
    ],
    [
      'the same object twice',
      { '/k/kustomization.yaml': 'resources: [a.yaml, b.yaml]\n', '/k/a.yaml': CM, '/k/b.yaml': CM },
      'kz.duplicateId',
      ['resources', 1],
    ],
    [
      'a Component under resources',
      { '/k/kustomization.yaml': 'resources: [c]\n', '/k/c/kustomization.yaml': 'kind: Component\n' },
      'kz.componentInResources',
      ['kind'],
    ],
    ['a kustomization that is not a map', { '/k/kustomization.yaml': '- a\n- b\n' }, 'kz.notMap', []],
    ['broken YAML', { '/k/kustomization.yaml': 'resources: [a\n' }, 'kz.yaml', []],
  ];
  for (const [what, files, id, at] of cases) {
    const e = failure(files);
    assert.equal(e.msg.id, id, what);
    if (at) assert.deepEqual(e.at, at, what);
    assert.notEqual(t(e.msg, 'zh-cn'), t(e.msg, 'en'), `${what}: translated`);
    assert.match(t(e.msg, 'zh-cn'), /[\u4e00-\u9fff]/, what);
  }
});

test('the source map names the kustomization line or patch that set a field; patch files are listed', () => {
  const r = renderKustomization(
    memory({
      '/k/kustomization.yaml': 'resources:\n  - ../b\nnamespace: prod\ncommonLabels:\n  env: prod\npatches:\n  - path: p.yaml\n',
      '/k/p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  b: "2"\n',
      '/b/kustomization.yaml': 'resources: [cm.yaml]\n',
      '/b/cm.yaml': CM,
    }),
    '/k',
  );
  assert.deepEqual(r.patchFiles, ['/k/p.yaml']);
  assert.deepEqual(r.kustomizations, ['/k/kustomization.yaml', '/b/kustomization.yaml']);
  const [cm] = r.objects;
  assert.deepEqual(cm.origin, { file: '/b/cm.yaml', doc: 0, at: [], basePath: [] });
  const set = (path: string) => cm.fields.filter((f) => f.path.join('.') === path).map((f) => `${f.source.file} ${f.source.at.join('.')}`);
  assert.deepEqual(set('metadata.namespace'), ['/k/kustomization.yaml namespace']);
  assert.deepEqual(set('metadata.labels.env'), ['/k/kustomization.yaml commonLabels.env']);
  assert.deepEqual(set('data.b'), ['/k/p.yaml data.b']);
  assert.deepEqual(set('data.a'), [], 'the base set it');
});
