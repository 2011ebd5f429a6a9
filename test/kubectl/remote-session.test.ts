// The side panel's host on a real cluster (extension/src/remote/session.ts) against `kube-dorm
// serve`: the page gets the same init/diff messages as for the simulated cluster, a change made
// outside (a controller scaling) reaches it, a watch that goes down turns the header "stale" and
// recovers by itself, the namespace filter starts over in one namespace, and the controls refuse
// (naming the kubectl command) until changes are allowed, then change the cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../core/remote/connect';
import { ConnectionState } from '../../core/remote/state';
import { unpackPod } from '../../core/panel/wire';
import { RemoteSession } from '../../extension/src/remote/session';
import type { HostMessage, ControlState } from '../../webview/protocol/panel';
import { applyFiles, createCluster } from '../../core/cluster/index';
import { WEB_DEPLOYMENT } from '../support/api-request';
import { EPOCH, served, until } from './remote-support';

async function session(s: Awaited<ReturnType<typeof served>>, confirm = true) {
  const conn = await connect({ explicit: s.kubeconfig });
  const state = new ConnectionState();
  state.connected(state.connecting(conn.target.context), { server: conn.target.cluster.server, version: 'v1.32.0' });
  const posted: HostMessage[] = [];
  const asked: string[] = [];
  const rs = new RemoteSession(
    {
      post: (m) => posted.push(m),
      state,
      confirmAllow: async (ctx) => (asked.push(ctx), confirm),
      informer: { backoffBaseMs: 20, backoffCapMs: 200 },
      flushMs: 10,
    },
    { ...conn, version: 'v1.32.0' },
  );
  const control = (): ControlState =>
    [...seen, ...posted].reverse().find((m): m is Extract<HostMessage, { type: 'diff' | 'init' }> => m.type === 'diff' || m.type === 'init')!.control;
  const seen: HostMessage[] = [];
  const pods = new Map<string, string>();
  const track = () => {
    for (const m of posted.splice(0)) {
      if (m.type === 'init') {
        pods.clear();
        for (const p of m.state.pods.map(unpackPod)) pods.set(p.id, p.status);
      }
      if (m.type === 'diff' && m.diff) {
        for (const id of m.diff.remove.pods ?? []) pods.delete(id);
        for (const p of (m.diff.upsert.pods ?? []).map(unpackPod)) pods.set(p.id, p.status);
      }
      seen.push(m);
    }
  };
  return { rs, state, posted, asked, control, pods, track, seen, context: conn.target.context };
}

test('the real cluster in the panel: init, a scale from outside, stale while serve is down, recovery', async () => {
  const s = await served();
  const x = await session(s);
  try {
    await x.rs.rc.synced();
    x.rs.handle({ type: 'ready' });
    x.track();
    assert.equal(x.seen[0].type, 'init');
    const init = x.seen[0];
    assert.equal(init.control.remote?.context, x.context);
    assert.equal(init.control.remote?.changesAllowed, false);
    assert.ok(init.strings['remote.panel.stale'], 'the header texts come with the panel texts');
    assert.equal(x.pods.size, 2);
    s.scale(4);
    await until(() => (x.track(), x.pods.size === 4 && [...x.pods.values()].every((st) => st === 'Running')), 'four running pods in the panel');
    await s.stop();
    await until(() => (x.track(), !!x.control().remote?.stale), 'the header says stale');
    assert.ok(x.control().remote!.down.includes('Pod'));
    s.scale(3);
    await s.restart();
    await until(() => (x.track(), !x.control().remote?.stale && x.pods.size === 3), 'recovered without a new panel');
    assert.ok(!x.seen.slice(1).some((m) => m.type === 'init'), 'no new init: the same page goes on');
  } finally {
    x.rs.dispose();
    await s.close();
  }
});

test('controls refuse until changes are allowed (modal naming the context), then act and say the kubectl command', async () => {
  const s = await served();
  const x = await session(s);
  try {
    await x.rs.rc.synced();
    x.rs.handle({ type: 'ready' });
    x.rs.handle({ type: 'scale', kind: 'Deployment', name: 'web', replicas: 5 });
    await until(() => x.posted.some((m) => m.type === 'output'), 'a refusal');
    const refusal = x.posted.find((m) => m.type === 'output') as Extract<HostMessage, { type: 'output' }>;
    assert.equal(refusal.error, true);
    assert.match(refusal.text, new RegExp(`read-only: the context "${x.context}"`));
    assert.match(refusal.text, /kubectl scale deployment\/web --replicas=5 -n default/);
    assert.equal(s.c.get('Deployment', 'default', 'web')!.spec.replicas, 2, 'nothing changed');
    x.rs.handle({ type: 'allowChanges' });
    await until(() => x.state.snapshot().changesAllowed, 'allowed');
    assert.deepEqual(x.asked, [x.context], 'the confirmation named the context');
    x.posted.length = 0;
    x.rs.handle({ type: 'scale', kind: 'Deployment', name: 'web', replicas: 5 });
    await until(() => s.c.get('Deployment', 'default', 'web')!.spec.replicas === 5, 'scaled');
    await until(() => x.posted.some((m) => m.type === 'output'), 'the command and its answer');
    const out = x.posted.find((m): m is Extract<HostMessage, { type: 'output' }> => m.type === 'output')!;
    assert.equal(out.text, `$ kubectl scale deployment/web --replicas=5 -n default --context ${x.context}\ndeployment.apps/web scaled`);
    assert.equal(out.error, false);
    // What the page sends is validated first: a bad message is reported and never acted on.
    x.posted.length = 0;
    x.rs.handle({ type: 'scale', kind: 'Deployment', name: 'web', replicas: -1 });
    x.rs.handle({ type: 'namespace', namespace: 'x'.repeat(300) });
    const bad = x.posted.filter((m): m is Extract<HostMessage, { type: 'output' }> => m.type === 'output');
    assert.equal(bad.length, 2);
    assert.ok(bad.every((m) => m.error && /does not accept/.test(m.text)));
    assert.equal(x.rs.namespace, undefined);
    x.rs.handle({ type: 'crash', pod: 'x' });
    await until(() => x.posted.some((m) => m.type === 'output' && /simulator control/.test(m.text)), 'a simulator-only control is refused');
  } finally {
    x.rs.dispose();
    await s.close();
  }
});

test('a refused confirmation keeps the panel read-only; the namespace filter starts over in one namespace', async () => {
  const s = await served();
  const x = await session(s, false);
  try {
    await x.rs.rc.synced();
    x.rs.handle({ type: 'ready' });
    x.rs.handle({ type: 'allowChanges' });
    await until(() => x.asked.length === 1, 'asked');
    assert.equal(x.state.snapshot().changesAllowed, false);
    x.rs.handle({ type: 'namespace', namespace: 'kube-system' });
    await x.rs.rc.synced();
    await until(() => (x.track(), x.seen.some((m) => m.type === 'init' && m.control.remote?.namespace === 'kube-system')), 'a fresh init for kube-system');
    assert.ok(![...x.pods.keys()].some((id) => id.startsWith('default/')), [...x.pods.keys()].join());
    assert.deepEqual(x.rs.rc.informer('Pod')!.namespace, 'kube-system');
  } finally {
    x.rs.dispose();
    await s.close();
  }
});

test('a server that starts over with a fresh store: the informers re-list (TooLargeResourceVersion) and the panel follows', async () => {
  const s = await served();
  const x = await session(s);
  try {
    await x.rs.rc.synced();
    x.rs.handle({ type: 'ready' });
    s.scale(5);
    await until(() => (x.track(), x.pods.size === 5), 'five rooms');
    await s.stop();
    await until(() => (x.track(), !!x.control().remote?.stale), 'stale');
    // Another cluster at the same address: 1 replica, resourceVersions far below the ones seen.
    const fresh = createCluster({ nodes: 2, epoch: EPOCH });
    applyFiles(fresh, [{ uri: 'file:///web.yaml', text: WEB_DEPLOYMENT.replace('replicas: 2', 'replicas: 1') }]);
    fresh.advance(20_000);
    await s.restart(fresh);
    await until(() => (x.track(), !x.control().remote?.stale && x.pods.size === 1), 'the fresh cluster drawn, the old rooms gone', 30_000);
    assert.ok(x.rs.rc.informer('Pod')!.lists >= 2, 'the pods were listed again');
  } finally {
    x.rs.dispose();
    await s.close();
  }
});
