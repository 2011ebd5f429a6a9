// The informers of a real cluster against `kube-dorm serve`'s API server, with each injected fault:
// the view-model they give equals the simulated view of the same cluster; a dropped watch resumes
// from its resourceVersion; 410 Gone re-lists; 500s back off and recover; 403 hides one part and
// names the permission; slow answers still sync; a stopped server makes the picture "stale" and a
// restarted one recovers; idle informers make no requests beyond their open watches.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildState, type PanelState } from '../../core/panel/view';
import { allows, type RemoteCluster } from '../../core/remote/cluster';
import { EPOCH, served, until } from './remote-support';

const sortById = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
const READ_KINDS = new Set(['Node', 'Pod', 'Service', 'Endpoints', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
/** What the remote view holds: everything but Secrets and ConfigMaps (not read from a real cluster). */
function comparable(s: PanelState) {
  return {
    nodes: sortById(s.nodes),
    pods: sortById(s.pods),
    services: sortById(s.services),
    // The rollout chart's history is the one part that differs by design: the simulator records each
    // Deployment write at its virtual time; a real cluster's is sampled whenever the view is built.
    workloads: sortById(s.workloads).map(({ rollout: _rollout, ...w }) => w),
    tables: s.tables.filter((t) => READ_KINDS.has(t.kind)).map((t) => ({ ...t, rows: [...t.rows].sort((a, b) => a[0].localeCompare(b[0])) })),
  };
}
/** Waits until the remote view equals the simulated one (the informers of different kinds catch up separately). */
async function converges(s: Awaited<ReturnType<typeof served>>, rc: { state(now: number, epoch: number): PanelState }, what: string) {
  const same = () => JSON.stringify(comparable(rc.state(s.c.now, EPOCH))) === JSON.stringify(comparable(buildState(s.c)));
  await until(same, what).catch(() => assert.deepEqual(comparable(rc.state(s.c.now, EPOCH)), comparable(buildState(s.c)), what));
}
const podCount = (rc: { informer(k: string): { objects: Map<string, unknown> } | undefined }) => rc.informer('Pod')!.objects.size;

test('the view-model of a served cluster, read through informers, equals the simulated view of the same cluster', async () => {
  const s = await served();
  const { rc, target } = await s.open();
  try {
    assert.equal(target.context, 'kube-dorm');
    await rc.synced();
    const remote = rc.state(s.c.now, EPOCH);
    const sim = buildState(s.c);
    assert.ok(sim.pods.length === 2 && sim.services.length === 1, 'the simulated cluster runs web (2 rooms) and its dispatch centre');
    assert.deepEqual(comparable(remote), comparable(sim));
    assert.deepEqual(remote.notSimulated, []);
    // A change in the cluster reaches the cache through the watch.
    s.scale(3);
    await converges(s, rc, 'the third pod to arrive through the watch');
    assert.equal(podCount(rc), 3);
    assert.equal(s.faults.count('list pods'), 1, 'one list, then only the watch');
  } finally {
    rc.stop();
    await s.close();
  }
});

test('a dropped watch resumes from its resourceVersion (no re-list) and misses nothing', async () => {
  const s = await served();
  const { rc } = await s.open();
  try {
    await rc.synced();
    await until(() => rc.informers.every((i) => i.state === 'live'), 'every watch to be open');
    const watchesBefore = s.faults.count('watch pods');
    s.faults.dropWatches(s.srv);
    s.scale(4);
    await converges(s, rc, 'the pods created while the watch was down');
    assert.equal(podCount(rc), 4);
    assert.equal(s.faults.count('list pods'), 1, 'no re-list after a dropped watch');
    assert.ok(s.faults.count('watch pods') > watchesBefore, 'the watch was opened again');
  } finally {
    rc.stop();
    await s.close();
  }
});

test('410 Gone on a watch re-lists, and objects deleted meanwhile leave the cache', async () => {
  const s = await served();
  const { rc } = await s.open();
  try {
    await rc.synced();
    await until(() => rc.informer('Pod')!.state === 'live', 'the pod watch');
    s.faults.plan = { gone: ['pods'] };
    s.faults.dropWatches(s.srv);
    s.scale(1);
    await until(() => s.faults.count('list pods') === 2, 'the re-list after 410');
    await converges(s, rc, 'the cache to lose the deleted pods');
    assert.equal(podCount(rc), 1);
    assert.deepEqual(s.faults.plan.gone, [], 'the 410 was answered');
  } finally {
    rc.stop();
    await s.close();
  }
});

test('500s back off (stale meanwhile) and recover; slow answers still sync', async () => {
  const s = await served();
  s.faults.plan = { fail: { deployments: 3 }, slowMs: 50 };
  let sawStale = false;
  const holder: { rc?: RemoteCluster } = {};
  const { rc } = await s.open({ onChange: () => (sawStale ||= !!holder.rc?.freshness().down.includes('Deployment')) });
  holder.rc = rc;
  try {
    await until(() => rc.informer('Deployment')!.objects.size === 1, 'the deployment after the 500s');
    assert.ok(sawStale, 'the deployments were "stale" while their list failed');
    assert.equal(s.faults.count('list deployments'), 4, 'three failures, then the list that worked');
    await rc.synced();
    await until(() => !rc.freshness().stale, 'every watch to be up');
    assert.ok(rc.freshness().lastEventAt! > 0);
  } finally {
    rc.stop();
    await s.close();
  }
});

test('403 on pods hides the rooms only, names the missing permission, and the rules review agrees', async () => {
  const s = await served();
  s.faults.plan = { forbid: ['pods'] };
  const { rc } = await s.open({ namespace: 'default' });
  try {
    await rc.synced();
    const st = rc.state(s.c.now, EPOCH);
    assert.equal(st.pods.length, 0);
    assert.equal(st.nodes.length, 2, 'the buildings are still drawn');
    assert.ok(
      st.workloads.some((w) => w.kind === 'Deployment' && w.name === 'web'),
      'the managers are still drawn',
    );
    const [m, ...more] = rc.missing();
    assert.equal(more.length, 0);
    assert.equal(m.verb, 'list');
    assert.equal(m.resource, 'pods');
    assert.equal(m.namespace, 'default');
    assert.equal(m.message, 'pods is forbidden: User "kube-dorm-learner" cannot list resource "pods" in API group "" in the namespace "default"');
    assert.equal(rc.freshness().stale, false, 'a refused part is not a broken watch');
    const { rules } = await rc.rulesReview('default');
    assert.equal(allows(rules, 'list', '', 'pods'), false);
    assert.equal(allows(rules, 'patch', 'apps', 'deployments'), true);
    const before = s.faults.count('list pods');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(s.faults.count('list pods'), before, 'a refusal is not retried');
  } finally {
    rc.stop();
    await s.close();
  }
});

test('a stopped server makes the picture stale; restarted, the informers recover by themselves', async () => {
  const s = await served();
  const { rc } = await s.open();
  try {
    await rc.synced();
    await until(() => rc.informers.every((i) => i.state === 'live'), 'every watch');
    await s.stop();
    await until(() => rc.freshness().stale, '"stale"');
    await s.restart();
    s.scale(3);
    await until(() => !rc.freshness().stale && podCount(rc) === 3, 'recovery');
  } finally {
    rc.stop();
    await s.close();
  }
});

test('request budget: idle informers make no requests beyond their open watches', async () => {
  const s = await served();
  const { rc } = await s.open();
  try {
    await rc.synced();
    await until(() => rc.informers.every((i) => i.state === 'live'), 'every watch');
    const before = s.faults.requests;
    assert.equal(before, rc.informers.length * 2, 'one list and one watch per resource');
    // Bookmarks arrive every second on the open watches meanwhile.
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(s.faults.requests, before);
    assert.equal(rc.freshness().stale, false);
  } finally {
    rc.stop();
    await s.close();
  }
});
