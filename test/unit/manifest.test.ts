import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, rangeOf, isSuppressed, MAX_FILE_CHARS } from '../../core/manifest/parse';
import { LineIndex } from '../../core/manifest/lines';
import { locate } from '../../core/manifest/locate';
import { Workspace } from '../../core/workspace/index';
import { lintFile } from '../../core/lint';
import { t, resolveLocale } from '../../core/i18n/index';
import { fixtureCorpusFiles } from '../support/corpus';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: dorm
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

test('multi-document YAML becomes resources with kind, name and namespace', () => {
  const f = parseFile('file:///a.yaml', `${deployment}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n`);
  assert.deepEqual(
    f.resources.map((r) => [r.apiVersion, r.kind, r.name, r.namespace]),
    [
      ['apps/v1', 'Deployment', 'web', 'dorm'],
      ['v1', 'Service', 'web', undefined],
    ],
  );
  assert.equal(f.problems.length, 0);
});

test('paths map back to exact source ranges (keys and values)', () => {
  const f = parseFile('file:///a.yaml', deployment);
  const res = f.resources[0];
  assert.deepEqual(rangeOf(res, ['spec', 'template', 'metadata', 'labels'], 'key'), { start: { line: 10, character: 6 }, end: { line: 10, character: 12 } });
  assert.deepEqual(rangeOf(res, ['spec', 'template', 'spec', 'containers', 0, 'image'], 'value'), {
    start: { line: 15, character: 17 },
    end: { line: 15, character: 27 },
  });
  // A missing path falls back to the deepest key that exists (where "missing" diagnostics go).
  assert.deepEqual(rangeOf(res, ['spec', 'template', 'spec', 'containers', 0, 'resources'], 'key').start, { line: 14, character: 10 });
  // Flow mappings work too.
  assert.deepEqual(rangeOf(res, ['spec', 'selector', 'matchLabels', 'app'], 'value'), { start: { line: 7, character: 23 }, end: { line: 7, character: 26 } });
});

test('second document ranges are relative to the whole file', () => {
  const f = parseFile('file:///a.yaml', `${deployment}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n`);
  const svc = f.resources[1];
  assert.equal(rangeOf(svc, ['metadata', 'name']).start.line, 20);
});

test('YAML 1.1 scalars as Kubernetes decodes them', () => {
  const f = parseFile('file:///a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: yes\n  b: 0755\n  c: "yes"\n');
  assert.deepEqual(f.resources[0].obj.data, { a: true, b: 493, c: 'yes' });
});

test('kind: List items are separate resources with their own paths', () => {
  const f = parseFile(
    'file:///l.yaml',
    'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: b\n',
  );
  assert.deepEqual(
    f.resources.map((r) => r.name),
    ['a', 'b'],
  );
  assert.deepEqual(f.resources[1].basePath, ['items', 1]);
  assert.equal(rangeOf(f.resources[1], ['metadata', 'name']).start.line, 10);
});

test('non-Kubernetes YAML gets nothing, not even its syntax errors', () => {
  const compose = parseFile('file:///docker-compose.yml', 'services:\n  web:\n    image: nginx\n  bad: [\n');
  assert.equal(compose.resources.length, 0);
  assert.equal(compose.problems.length, 0);
});

test('broken Kubernetes YAML gets a yaml-syntax error and the other documents still parse', () => {
  const f = parseFile('file:///b.yaml', `apiVersion: v1\nkind: Service\nmetadata:\n  name: [oops\n---\n${deployment}`);
  assert.ok(f.problems.some((p) => p.code === 'yaml-syntax' && p.severity === 'error'));
  assert.deepEqual(
    f.resources.map((r) => r.kind),
    ['Deployment'],
  );
});

test('duplicate keys are reported on the key, the document is still read', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n';
  const f = parseFile('file:///d.yaml', text);
  const dup = f.problems.filter((p) => p.code === 'duplicate-key');
  assert.equal(dup.length, 1);
  assert.equal(dup[0].range.start.line, 4);
  assert.equal(t(dup[0].message, 'en'), 'Duplicate key "name": the same key appears twice in one mapping; only the last value is used.');
  assert.match(t(dup[0].message, 'zh-cn'), /重复的键 "name"/);
  assert.equal(f.resources[0].name, 'b');
});

test('the five duplicate-key defects of the corpus are found', () => {
  const files = new Map(fixtureCorpusFiles().map((f) => [f.rel, f]));
  for (const p of [
    '_archived/volumes/scaleio/sc-pvc.yaml',
    '_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml',
    '_archived/openshift-origin/openshift-controller.yaml',
    '_archived/openshift-origin/etcd-discovery-controller.yaml',
    '_archived/openshift-origin/etcd-controller.yaml',
  ]) {
    const file = files.get(p);
    assert.ok(file, `${p} is in test/fixtures/corpus`);
    const f = parseFile(file.uri, file.text);
    assert.ok(
      f.problems.some((d) => d.code === 'duplicate-key'),
      p,
    );
  }
});

test('Helm/Go templates are recognised and not misreported', () => {
  const f = parseFile(
    'file:///t.yaml',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  ports: {{- toYaml .Values.ports | nindent 4 }}\n',
  );
  assert.equal(f.templated, true);
  assert.equal(f.resources.length, 0);
  assert.equal(f.problems.length, 0);
});

test('a YAML alias bomb is refused with a clear error instead of expanding', () => {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 12; i++)
    lines.push(
      `x${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(',')}]`,
    );
  const f = parseFile('file:///bomb.yaml', lines.join('\n'));
  assert.equal(f.resources.length, 0);
  const p = f.problems.find((d) => d.code === 'yaml-syntax');
  assert.ok(p);
  assert.match(t(p.message, 'en'), /YAML bomb/);
});

test('huge files are skipped with a notice; binary junk gets one clear error', () => {
  const huge = parseFile('file:///huge.yaml', 'apiVersion: v1\nkind: ConfigMap\n' + 'x'.repeat(MAX_FILE_CHARS));
  assert.equal(huge.tooLarge, true);
  assert.deepEqual(
    huge.problems.map((p) => p.code),
    ['file-too-large'],
  );
  const junk = parseFile('file:///junk.yaml', 'apiVersion: v1\nkind: Pod\n\u0000\u0001\u0002\uFFFD');
  assert.deepEqual(
    junk.problems.map((p) => p.code),
    ['yaml-syntax'],
  );
});

test('CRLF, BOM and tabs keep positions right', () => {
  const crlf = parseFile('file:///c.yaml', '\uFEFFapiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: web\r\n');
  assert.equal(crlf.resources[0].name, 'web');
  assert.deepEqual(rangeOf(crlf.resources[0], ['metadata', 'name']), { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } });
  const tabs = parseFile('file:///t.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: web\n');
  assert.ok(tabs.problems.some((p) => p.code === 'yaml-syntax'));
});

test('100k-deep nesting does not crash or hang', () => {
  const f = parseFile('file:///deep.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: ' + '['.repeat(100_000));
  assert.ok(f.problems.length > 0);
  const g = parseFile('file:///deep2.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: ' + '['.repeat(50_000) + ']'.repeat(50_000));
  assert.ok(g.resources.length + g.problems.length > 0);
});

test('suppression comments: next line and whole document', () => {
  const f = parseFile(
    'file:///s.yaml',
    'apiVersion: v1\nkind: Service\nmetadata:\n  # kube-dorm-disable-next-line duplicate-key\n  name: a\n  name: b\n---\n# kube-dorm-disable\napiVersion: v1\nkind: Service\nmetadata:\n  name: c\n',
  );
  assert.equal(isSuppressed(f, 'duplicate-key', 4), true);
  assert.equal(isSuppressed(f, 'duplicate-key', 5), false);
  assert.equal(isSuppressed(f, 'anything', 11), true);
  assert.equal(isSuppressed(f, 'anything', 2), false);
});

test('lintFile applies suppression and per-rule severity overrides', () => {
  const ws = new Workspace();
  ws.set('file:///d.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n');
  assert.deepEqual(
    lintFile(ws, 'file:///d.yaml').map((d) => [d.code, d.severity]),
    [['duplicate-key', 'error']],
  );
  assert.deepEqual(
    lintFile(ws, 'file:///d.yaml', { severities: { 'duplicate-key': 'warning' } }).map((d) => d.severity),
    ['warning'],
  );
  assert.deepEqual(lintFile(ws, 'file:///d.yaml', { severities: { 'duplicate-key': 'off' } }), []);
  ws.set('file:///d.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  # kube-dorm-disable-next-line duplicate-key\n  name: b\n');
  assert.deepEqual(lintFile(ws, 'file:///d.yaml'), []);
});

test('workspace index updates incrementally on set, delete and rename', () => {
  const ws = new Workspace();
  ws.set('file:///a.yaml', deployment);
  ws.set('file:///b.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n');
  assert.equal([...ws.byKind('Deployment')].length, 1);
  assert.equal(ws.find('Deployment', 'web', 'dorm').length, 1);
  assert.equal(ws.find('Deployment', 'web', undefined).length, 0);
  const v = ws.version;
  ws.set('file:///b.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n');
  assert.equal(ws.version, v, 'same text is not re-parsed');
  ws.rename('file:///a.yaml', 'file:///c.yaml');
  assert.equal([...ws.byKind('Deployment')][0].uri, 'file:///c.yaml');
  ws.delete('file:///c.yaml');
  assert.equal([...ws.byKind('Deployment')].length, 0);
  assert.deepEqual(ws.uris(), ['file:///b.yaml']);
});

test('LineIndex handles CR, LF and CRLF line ends', () => {
  const li = new LineIndex('a\r\nb\rc\nd');
  assert.deepEqual(
    [0, 3, 5, 7].map((o) => li.position(o).line),
    [0, 1, 2, 3],
  );
  assert.equal(li.lineText(0), 'a');
  assert.equal(li.offset({ line: 3, character: 0 }), 7);
});

test('locale resolution follows VS Code and POSIX tags', () => {
  assert.equal(resolveLocale('zh-cn'), 'zh-cn');
  assert.equal(resolveLocale('zh_CN.UTF-8'), 'zh-cn');
  assert.equal(resolveLocale('zh-tw'), 'zh-cn');
  assert.equal(resolveLocale('en-US'), 'en');
  assert.equal(resolveLocale(undefined), 'en');
});

test('locate: the cursor maps to the resource and path it is on', () => {
  const text = `${deployment}---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: svc\n`;
  const f = parseFile('file:///a.yaml', text);
  const at = (needle: string, delta = 0) => locate(f, text.indexOf(needle) + delta)!;
  const img = at('nginx:1.27', 2);
  assert.deepEqual(img.path, ['spec', 'template', 'spec', 'containers', 0, 'image']);
  assert.equal(img.part, 'value');
  assert.equal(img.scalar?.value, 'nginx:1.27');
  assert.equal(img.resource?.kind, 'Deployment');
  const key = at('matchLabels', 3);
  assert.deepEqual([key.path, key.part], [['spec', 'selector', 'matchLabels'], 'key']);
  const item = at('svc', 1);
  assert.equal(item.resource?.name, 'svc');
  assert.deepEqual(item.path, ['metadata', 'name']);
});

test('brackets nested deeper than the limit are refused at once with a clear error', () => {
  const f = parseFile('file:///deep.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: ' + '['.repeat(5000));
  assert.deepEqual(
    f.problems.map((p) => p.code),
    ['yaml-syntax'],
  );
  assert.match(t(f.problems[0].message, 'en'), /nested more than 1000 levels/);
  // Brackets inside quotes and comments do not count.
  const ok = parseFile('file:///ok.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: "${'['.repeat(2000)}"\n# ${'{'.repeat(2000)}\n`);
  assert.equal(ok.problems.length, 0);
  assert.equal(ok.resources.length, 1);
});
