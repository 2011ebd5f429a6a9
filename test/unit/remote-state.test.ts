// core/remote/state.ts: the connection's state machine (an overtaken attempt's answer is ignored)
// and the gate of the panel's controls on a real cluster: nothing runs before the connection,
// a control the rules review leaves out is not offered, and every control is read-only until
// changes are allowed for that context — once, and only for that context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionState } from '../../core/remote/state';
import { deniedActions, kubectlCommand, type RemoteAction } from '../../core/remote/actions';
import { t } from '../../core/i18n/index';

const scale: RemoteAction = { type: 'scale', kind: 'Deployment', name: 'web', namespace: 'default', replicas: 3 };

test('connecting → connected → disconnected; failures and overtaken attempts', () => {
  const s = new ConnectionState();
  let changes = 0;
  s.onChange(() => changes++);
  assert.equal(s.snapshot().phase, 'disconnected');
  const a = s.connecting('kind-dev');
  const b = s.connecting('team');
  assert.equal(s.connected(a, { server: 'https://a' }), false, 'the first attempt was overtaken by the second');
  assert.deepEqual(s.snapshot(), { phase: 'connecting', context: 'team', changesAllowed: false });
  assert.equal(s.connected(b, { server: 'https://b', version: 'v1.32.0' }), true);
  assert.deepEqual(s.snapshot(), { phase: 'connected', context: 'team', server: 'https://b', version: 'v1.32.0', changesAllowed: false });
  assert.equal(s.failed(b, { id: 'remote.notConnected' }), false, 'a settled attempt cannot fail afterwards');
  const c = s.connecting('broken');
  s.disconnect();
  assert.equal(s.failed(c, { id: 'remote.notConnected' }), false, 'a disconnect overtakes the attempt');
  assert.equal(s.snapshot().phase, 'disconnected');
  const d = s.connecting('broken');
  assert.equal(s.failed(d, { id: 'remote.notConnected' }), true);
  assert.equal(s.snapshot().phase, 'failed');
  assert.ok(changes >= 6);
});

test('the gate: not connected, then read-only (naming the context and the kubectl command), then allowed for that context only', () => {
  const s = new ConnectionState();
  const g0 = s.gate(scale);
  assert.equal(g0.ok || g0.reason, 'not-connected');
  assert.equal(s.allowChanges(), false, 'nothing to allow before a connection');
  s.connected(s.connecting('kind-dev'), { server: 'https://127.0.0.1:6443' });
  const g1 = s.gate(scale);
  assert.ok(!g1.ok && g1.reason === 'read-only');
  const text = t(g1.msg, 'en');
  assert.match(text, /context "kind-dev"/);
  assert.ok(text.includes(kubectlCommand(scale, 'kind-dev')), text);
  assert.match(t(g1.msg, 'zh-cn'), /只读：上下文 "kind-dev"/);
  assert.equal(s.allowChanges(), true);
  assert.deepEqual(s.gate(scale), { ok: true });
  assert.equal(s.snapshot().changesAllowed, true);
  // Another context starts read-only; coming back to the first, its permission is remembered.
  s.connected(s.connecting('team'), { server: 'https://team' });
  assert.equal(s.snapshot().changesAllowed, false);
  assert.equal((s.gate(scale) as { reason: string }).reason, 'read-only');
  s.connected(s.connecting('kind-dev'), { server: 'https://127.0.0.1:6443' });
  assert.deepEqual(s.gate(scale), { ok: true });
  s.revokeChanges();
  assert.equal((s.gate(scale) as { reason: string }).reason, 'read-only');
});

test('the rules review decides what is offered: deployments/scale and pods are separate rules', () => {
  const s = new ConnectionState();
  s.connected(s.connecting('team'), { server: 'https://team' });
  s.allowChanges();
  const rules = [
    { verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] },
    { verbs: ['patch'], apiGroups: ['apps'], resources: ['deployments'] },
  ];
  assert.deepEqual(deniedActions(rules, 'default'), ['scale', 'delete-pod']);
  s.setRules('default', rules, false);
  const g = s.gate(scale);
  assert.ok(!g.ok && g.reason === 'not-allowed');
  assert.match(t(g.msg, 'en'), /do not include patch deployments\/scale/);
  assert.deepEqual(s.gate({ type: 'rollback', name: 'web', namespace: 'default' }), { ok: true });
  // Another namespace has no review yet: offered (a 403 would then name what is missing).
  assert.deepEqual(s.gate({ ...scale, namespace: 'other' }), { ok: true });
  // An incomplete review (an authorizer that cannot list rules) decides nothing.
  s.setRules('default', rules, true);
  assert.deepEqual(s.gate(scale), { ok: true });
});
