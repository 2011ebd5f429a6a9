// Validation is never skipped (issue 20, item 3). The API server validates a write by linting the
// object; before, three cases stored the object unchecked: nesting deeper than the linter reads
// (its parse error was filtered out with the YAML syntax errors), an object too large for the
// linter (its "file too large" notice is not an error), and a rule that threw (its internal-error
// is a hint). Each is now refused with a clear Status and nothing is stored.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ruleModules } from '../../core/rules/index';
import { serveInProcess } from './serve-support';

const cleanups: (() => unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';

/** `{"x": {"x": … "leaf" … }}` nested `depth` levels. */
function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { x: v };
  return v;
}

test('an object nested deeper than the linter reads is refused (422), not stored unchecked', async () => {
  const { srv, req } = await serveInProcess();
  cleanups.push(() => srv.close());
  const deep = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'deep', annotations: { a: 'b' } },
    spec: {
      replicas: -5,
      selector: { matchLabels: { app: 'deep' } },
      template: { metadata: { labels: { app: 'deep' } }, spec: { containers: [{ name: 'c', image: 'nginx', env: [{ name: 'E', value: 'v' }] }] } },
      x: nested(1_500),
    },
  };
  const r = await req('POST', DEPLOYS, deep);
  assert.equal(r.status, 422, r.text.slice(0, 300));
  assert.equal(r.json.reason, 'Invalid');
  assert.match(r.json.message, /^Deployment\.apps "deep" is invalid: the object could not be validated: Brackets nested more than 1000 levels deep/);
  assert.equal((await req('GET', `${DEPLOYS}/deep`)).status, 404);
});

test('a patch that grows an object past the size the server stores gets 413, and the object is unchanged', async () => {
  const { srv, req } = await serveInProcess();
  cleanups.push(() => srv.close());
  const big = 'x'.repeat(1_000_000);
  assert.equal((await req('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'grow' }, data: { a: big } })).status, 201);
  // Six copies of a 1 MB value: a 7 MB object from a 200-byte patch (the linter skips files over 5 MB).
  const ops = ['b', 'c', 'd', 'e', 'f', 'g'].map((k) => ({ op: 'copy', from: '/data/a', path: `/data/${k}` }));
  const r = await req('PATCH', `${CM}/grow`, ops, { 'Content-Type': 'application/json-patch+json' });
  assert.equal(r.status, 413, r.text.slice(0, 300));
  assert.equal(r.json.reason, 'RequestEntityTooLarge');
  assert.equal(r.json.message, 'Request entity too large: limit is 3145728');
  const after = await req('GET', `${CM}/grow`);
  assert.deepEqual(Object.keys(after.json.data), ['a']);
});

test('a rule that throws makes the write fail (422), never pass unchecked', async () => {
  const { srv, req } = await serveInProcess();
  cleanups.push(() => srv.close());
  // A planted linter bug: one rule module that throws on a ConfigMap named `boom`.
  const bug = {
    rules: [],
    check(res: { kind: string; name?: string }) {
      if (res.kind === 'ConfigMap' && res.name === 'boom') throw new Error('planted rule failure');
    },
  };
  ruleModules.push(bug);
  try {
    const r = await req('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'boom' }, data: { a: 'b' } });
    assert.equal(r.status, 422, r.text.slice(0, 300));
    assert.match(r.json.message, /^ConfigMap "boom" is invalid: the object could not be validated: .*planted rule failure/);
    assert.equal((await req('GET', `${CM}/boom`)).status, 404);
    // Other objects are still checked and stored.
    assert.equal((await req('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fine' }, data: { a: 'b' } })).status, 201);
  } finally {
    ruleModules.splice(ruleModules.indexOf(bug), 1);
  }
});

// The object is linted as decoded (core/manifest/object-doc.ts), not written out as JSON and parsed
// again as YAML: a value the YAML reader took for a Helm template made the object unreadable, and
// nesting past what JSON.stringify can write failed the request with a stack overflow.
test('a value with template braces is validated and stored like any other value', async () => {
  const { srv, req } = await serveInProcess();
  cleanups.push(() => srv.close());
  const data = { 'values.tpl': 'replicas: {{ .Values.replicas }}', script: 'echo ${HOME} -}}' };
  const r = await req('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'helmish' }, data });
  assert.equal(r.status, 201, r.text.slice(0, 300));
  assert.deepEqual((await req('GET', `${CM}/helmish`)).json.data, data);
  // And it is still checked: a label value with braces is refused.
  const bad = await req('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'helmish2', labels: { a: '{{ x }}' } }, data });
  assert.equal(bad.status, 422, bad.text.slice(0, 300));
  assert.match(bad.json.message, /^ConfigMap "helmish2" is invalid: metadata\.labels\[a\]: Invalid value: "\{\{ x \}\}"/);
});

test('an object nested far deeper than JSON.stringify goes is refused (422) as too deep', async () => {
  const { srv, req } = await serveInProcess();
  cleanups.push(() => srv.close());
  const body = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"abyss"},"data":{"a":"b"},"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
  const r = await req('POST', CM, body, { 'Content-Type': 'application/json' });
  assert.equal(r.status, 422, r.text.slice(0, 300));
  assert.match(r.json.message, /^ConfigMap "abyss" is invalid: the object could not be validated: Brackets nested more than 1000 levels deep/);
  assert.equal((await req('GET', `${CM}/abyss`)).status, 404);
});
