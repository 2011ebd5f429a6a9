// Prototype pollution through the API server: every patch type and server-side apply refuse the
// `__proto__`, `constructor` and `prototype` segments with a Status, bodies refuse `__proto__`
// keys, and nothing reaches Object.prototype (a polluted `authorization` would let a tokenless
// request in, or lock every client out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { serveInProcess, TOKEN } from './serve-support';

const DEPLOY_PATH = '/apis/apps/v1/namespaces/default/deployments/web';
const JSON_PATCH = { 'Content-Type': 'application/json-patch+json' };
const MERGE = { 'Content-Type': 'application/merge-patch+json' };
const STRATEGIC = { 'Content-Type': 'application/strategic-merge-patch+json' };
const APPLY = { 'Content-Type': 'application/apply-patch+yaml' };

const polluted = () => ['authorization', 'polluted', 'x'].filter((k) => k in ({} as Record<string, unknown>));

function tokenless(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url + '/api/v1/namespaces/default/pods', { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

test('patches and server-side apply refuse __proto__, constructor and prototype; Object.prototype stays clean', async () => {
  const { srv, url, req } = await serveInProcess();
  try {
    const cases: [string, unknown, Record<string, string>][] = [
      ['json patch /__proto__/authorization (the real token)', [{ op: 'add', path: '/__proto__/authorization', value: `Bearer ${TOKEN}` }], JSON_PATCH],
      ['json patch /__proto__/authorization (a wrong token)', [{ op: 'add', path: '/__proto__/authorization', value: 'Bearer x' }], JSON_PATCH],
      ['json patch replace under __proto__', [{ op: 'replace', path: '/metadata/__proto__/polluted', value: 1 }], JSON_PATCH],
      ['json patch /constructor/prototype', [{ op: 'add', path: '/constructor/prototype/polluted', value: 1 }], JSON_PATCH],
      ['json patch copy from __proto__', [{ op: 'copy', from: '/__proto__', path: '/spec/x' }], JSON_PATCH],
      ['json patch move to __proto__', [{ op: 'move', from: '/metadata/labels', path: '/__proto__' }], JSON_PATCH],
      ['merge patch __proto__', '{"__proto__": {"polluted": 1}}', MERGE],
      ['merge patch nested __proto__', '{"metadata": {"labels": {"__proto__": {"polluted": "1"}}}}', MERGE],
      ['merge patch constructor.prototype', '{"constructor": {"prototype": {"polluted": 1}}}', MERGE],
      ['strategic patch __proto__', '{"spec": {"__proto__": {"polluted": 1}}}', STRATEGIC],
      ['strategic patch list item __proto__', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","__proto__":{"polluted":1}}]}}}}', STRATEGIC],
      ['strategic patch $setElementOrder/__proto__', '{"spec": {"$setElementOrder/__proto__": [{"polluted": 1}]}}', STRATEGIC],
    ];
    for (const [what, body, headers] of cases) {
      const r = await req('PATCH', DEPLOY_PATH, body, headers);
      assert.ok(r.status === 422 || r.status === 400, `${what}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.equal(r.json?.kind, 'Status', what);
      assert.deepEqual(polluted(), [], `${what} polluted Object.prototype`);
      assert.equal(await tokenless(url), 401, `${what}: a tokenless request must still get 401`);
      assert.equal((await req('GET', DEPLOY_PATH)).status, 200, `${what}: the token must still work`);
    }
    const apply = await req(
      'PATCH',
      `${DEPLOY_PATH}?fieldManager=kubectl`,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n__proto__: {polluted: 1}\nspec: {replicas: 3}\n',
      APPLY,
    );
    assert.ok(apply.status === 422 || apply.status === 400, `apply: ${apply.status} ${apply.text.slice(0, 200)}`);
    const applyNew = await req(
      'PATCH',
      '/api/v1/namespaces/default/configmaps/fresh?fieldManager=kubectl',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fresh}\ndata: {constructor: {prototype: {polluted: 1}}}\n',
      APPLY,
    );
    assert.ok(applyNew.status === 422 || applyNew.status === 400, `apply (create): ${applyNew.status} ${applyNew.text.slice(0, 200)}`);
    const create = await req(
      'POST',
      '/api/v1/namespaces/default/configmaps',
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","__proto__":{"polluted":1}},"data":{"a":"b"}}',
    );
    assert.equal(create.status, 400, create.text);
    const yamlCreate = await req(
      'POST',
      '/api/v1/namespaces/default/configmaps',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm2}\ndata:\n  __proto__: {polluted: 1}\n',
      { 'Content-Type': 'application/yaml' },
    );
    assert.equal(yamlCreate.status, 400, yamlCreate.text);
    assert.deepEqual(polluted(), []);
    // A harmless patch still works.
    const ok = await req('PATCH', DEPLOY_PATH, '{"metadata":{"labels":{"tier":"web"}}}', MERGE);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.metadata.labels.tier, 'web');
  } finally {
    for (const k of ['authorization', 'polluted', 'x']) delete (Object.prototype as Record<string, unknown>)[k];
    await srv.close();
  }
});
