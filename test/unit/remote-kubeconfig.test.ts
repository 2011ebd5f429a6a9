// Kubeconfig loading as kubectl does it (KUBECONFIG merged, first wins; relative paths from the
// file that names them), context selection with errors that say what to do, the exec plugin looked
// up on PATH, and the informers' back-off bounds.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkExecPlugin, resolveAuth } from '../../core/remote/auth';
import { backoffDelay } from '../../core/remote/informer';
import { loadKubeconfig, selectContext } from '../../core/remote/kubeconfig';
import { RemoteError } from '../../core/remote/messages';

function tmp(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-kc-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const A = `apiVersion: v1
kind: Config
current-context: a
clusters:
- {name: one, cluster: {server: "https://one.example:6443", certificate-authority: ca.pem}}
users:
- {name: alice, user: {token: from-a}}
contexts:
- {name: a, context: {cluster: one, user: alice, namespace: team}}
`;
const B = `apiVersion: v1
kind: Config
current-context: b
clusters:
- {name: one, cluster: {server: "https://ignored.example"}}
- {name: two, cluster: {server: "https://two.example"}}
users:
- {name: alice, user: {token: from-b}}
- {name: bob, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/login, installHint: ask the admin}}}
contexts:
- {name: b, context: {cluster: two, user: bob}}
- {name: ghost, context: {cluster: nowhere, user: bob}}
`;

test('KUBECONFIG files merge as kubectl merges them: the first to name an entry or the current context wins', async () => {
  const dir = tmp({ 'a/config': A, 'b/config': B, 'a/ca.pem': 'CA' });
  const env = { KUBECONFIG: [path.join(dir, 'a/config'), path.join(dir, 'missing'), path.join(dir, 'b/config')].join(path.delimiter) };
  const kc = await loadKubeconfig({ env });
  assert.equal(kc.currentContext, 'a');
  assert.deepEqual(
    kc.clusters.map((c) => c.server),
    ['https://one.example:6443', 'https://two.example'],
  );
  const a = selectContext(kc);
  assert.equal(a.namespace, 'team');
  assert.equal(a.cluster.caFile, path.join(dir, 'a/ca.pem'), 'a relative file is read from the kubeconfig that names it');
  assert.equal(a.user.token, 'from-a');
  assert.equal(selectContext(kc, 'b').namespace, 'default');
  assert.throws(
    () => selectContext(kc, 'nope'),
    (e: RemoteError) => /no context "nope" \(contexts: a, b, ghost\)\. Fix: pick one with --context NAME/.test(e.message),
  );
  assert.throws(
    () => selectContext(kc, 'ghost'),
    (e: RemoteError) => e.reason === 'no-cluster' && /kubectl config set-cluster nowhere/.test(e.text('en')) && /没有定义/.test(e.text('zh-cn')),
  );
  await assert.rejects(loadKubeconfig({ env: { KUBECONFIG: path.join(dir, 'none') } }), (e: RemoteError) => e.reason === 'no-kubeconfig');
});

test('an exec plugin is looked up on the PATH given (a relative command from the kubeconfig folder) and is named when missing', async () => {
  const dir = tmp({ 'b/config': B });
  const kc = await loadKubeconfig({ explicit: path.join(dir, 'b/config') });
  const target = selectContext(kc, 'b');
  assert.throws(
    () => checkExecPlugin(target, { PATH: '/x/bin' }),
    (e: RemoteError) =>
      /plugin "\.\/bin\/login", which is not on PATH\.\nPATH searched: \/x\/bin\n/.test(e.text('en')) && /installHint: ask the admin/.test(e.text('en')),
  );
  fs.mkdirSync(path.join(dir, 'b/bin'));
  fs.writeFileSync(
    path.join(dir, 'b/bin/login'),
    '#!/bin/sh\necho \'{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t0k"}}\'\n',
    {
      mode: 0o755,
    },
  );
  assert.equal(checkExecPlugin(target, { PATH: '/x/bin' }), path.join(dir, 'b/bin/login'));
  const auth = await resolveAuth(target, { PATH: '/x/bin' });
  assert.equal(auth.headers.Authorization, 'Bearer t0k');
});

test('the back-off doubles from the base, stops at the cap, and is jittered into [d/2, d)', () => {
  assert.equal(
    backoffDelay(1, 1000, 30_000, () => 0),
    500,
  );
  assert.equal(backoffDelay(3, 1000, 30_000, () => 0.999999) < 4000, true);
  assert.equal(
    backoffDelay(3, 1000, 30_000, () => 0),
    2000,
  );
  assert.equal(
    backoffDelay(20, 1000, 30_000, () => 0),
    15_000,
  );
  assert.ok(backoffDelay(20, 1000, 30_000, () => 0.999999) < 30_000);
});
