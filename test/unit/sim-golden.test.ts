// The golden scenarios of the simulator (the exact event sequences and states Kubernetes 1.29 shows),
// each asserting the exact story: Deployments and ReplicaSets (1–8 and 3b). The other workloads,
// pods, scheduling, Services and node failure (9–20) are in sim-golden-workloads.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, deployment, kubectl, pods, rsOf, scaleEvents } from './sim-helpers';
import { podStatus, podReady } from '../../core/kubectl/printers';
import { isPodReady } from '../../core/cluster/podutil';

const POD_NAME = /^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

test('1. Deployment replicas=3: one RS of 3, revision 1, Pending → ContainerCreating → Running 1/1, rolled out', () => {
  const c = cluster();
  const seen = new Map<string, string[]>();
  c.store.watch((ev) => {
    if (ev.object.kind !== 'Pod' || ev.type === 'DELETED') return;
    const l = seen.get(ev.object.metadata.name) ?? [];
    const s = podStatus(ev.object);
    if (l[l.length - 1] !== s) l.push(s);
    seen.set(ev.object.metadata.name, l);
  });
  apply(c, deployment('web', 3));
  c.advance(10_000);
  const rs = rsOf(c, 'web');
  assert.equal(rs.length, 1);
  assert.deepEqual(scaleEvents(c), [`Scaled up replica set ${rs[0].metadata.name} to 3`]);
  assert.equal(rs[0].metadata.annotations!['deployment.kubernetes.io/revision'], '1');
  const ps = pods(c);
  assert.equal(ps.length, 3);
  for (const p of ps) {
    assert.match(p.metadata.name, POD_NAME);
    assert.equal(podReady(p), '1/1');
    assert.deepEqual(seen.get(p.metadata.name), ['Pending', 'ContainerCreating', 'Running']);
  }
  assert.equal(kubectl(c, 'rollout status deployment/web'), 'deployment "web" successfully rolled out\n');
});

test('2. rolling update replicas=4 at 25%/25%: new→1, old→3, new→2, old→1, new→4, old→0 and never >5 pods / <3 available', () => {
  const c = cluster();
  apply(c, deployment('web', 4));
  c.advance(10_000);
  let maxPods = 0;
  let minAvail = 4;
  c.store.watch(() => {
    const active = pods(c, (p) => !p.metadata.deletionTimestamp);
    maxPods = Math.max(maxPods, active.length);
    minAvail = Math.min(minAvail, active.filter(isPodReady).length);
  });
  kubectl(c, 'set image deployment/web web=nginx:1.28');
  c.advance(30_000);
  const [oldName, newName] = [...rsOf(c, 'web')]
    .sort((a, b) => Number(a.metadata.annotations!['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations!['deployment.kubernetes.io/revision']))
    .map((r) => r.metadata.name);
  assert.deepEqual(scaleEvents(c).slice(1), [
    `Scaled up replica set ${newName} to 1`,
    `Scaled down replica set ${oldName} to 3 from 4`,
    `Scaled up replica set ${newName} to 2 from 1`,
    `Scaled down replica set ${oldName} to 1 from 3`,
    `Scaled up replica set ${newName} to 4 from 2`,
    `Scaled down replica set ${oldName} to 0 from 1`,
  ]);
  assert.ok(maxPods <= 5, `max ${maxPods}`);
  assert.ok(minAvail >= 3, `min available ${minAvail}`);
});

/** Ten rooms rolled at maxSurge 3 / maxUnavailable 2 to a template whose rooms never get ready (and crash, with `crash`). */
function stalledRollout(annotations: Record<string, string>): { c: ReturnType<typeof cluster>; oldRS: string } {
  const c = cluster({ nodes: 5 });
  apply(c, deployment('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
  c.advance(10_000);
  const d = c.get('Deployment', 'default', 'web')!;
  const oldRS = rsOf(c, 'web')[0].metadata.name;
  d.spec.template.metadata.annotations = annotations;
  c.update(d, true);
  return { c, oldRS };
}

test('3. replicas=10 surge 3 unavailable 2: new→3, old→8, new→5; crash-looping new pods stall at 13 pods / 8 available; undo scales the broken RS down', () => {
  const { c } = stalledRollout({ 'kube-dorm.dev/crash-after': '2s', 'kube-dorm.dev/ready-after': 'never' });
  c.advance(120_000);
  const ev = scaleEvents(c).slice(1);
  assert.match(ev[0], /^Scaled up replica set web-\w+ to 3$/);
  assert.match(ev[1], /^Scaled down replica set web-\w+ to 8 from 10$/);
  assert.match(ev[2], /^Scaled up replica set web-\w+ to 5 from 3$/);
  assert.equal(ev.length, 3);
  const active = pods(c, (p) => !p.metadata.deletionTimestamp);
  assert.equal(active.length, 13);
  assert.equal(active.filter(isPodReady).length, 8);
  assert.equal(kubectl(c, 'rollout undo deployment/web'), 'deployment.apps/web rolled back\n');
  c.advance(30_000);
  const broken = rsOf(c, 'web').find((r) => r.spec.template.metadata.annotations?.['kube-dorm.dev/crash-after'])!;
  assert.equal(broken.spec.replicas, 0);
  assert.equal(pods(c, (p) => !p.metadata.deletionTimestamp).length, 10);
});

test('3b. proportional scaling: the stalled 10-replica rollout (old 8, new 5) scaled to 15 adds 3 to the old RS and 2 to the new (Kubernetes docs example)', () => {
  const { c, oldRS } = stalledRollout({ 'kube-dorm.dev/ready-after': 'never' });
  c.advance(60_000);
  const newRS = rsOf(c, 'web').find((r) => r.metadata.name !== oldRS)!.metadata.name;
  const before = scaleEvents(c).length;
  kubectl(c, 'scale deployment/web --replicas=15');
  c.advance(60_000);
  // allowed = 15 + 3 = 18, 5 to add: old 8 × 18/13 → 11 (+3), new 5 × 18/13 → 7 (+2); largest first.
  assert.deepEqual(scaleEvents(c).slice(before), [`Scaled up replica set ${oldRS} to 11 from 8`, `Scaled up replica set ${newRS} to 7 from 5`]);
  assert.equal(pods(c, (p) => !p.metadata.deletionTimestamp).length, 18);
  // Scaling down mid-rollout shares the cut the same way (older first on ties): 18 → 13 allowed for 10.
  kubectl(c, 'scale deployment/web --replicas=10');
  c.advance(60_000);
  assert.deepEqual(scaleEvents(c).slice(before + 2), [`Scaled down replica set ${oldRS} to 8 from 11`, `Scaled down replica set ${newRS} to 5 from 7`]);
});

test('4. fenceposts: replicas=1 surges one then removes one; maxSurge 0 + maxUnavailable 1% → remove one, add one', () => {
  const c = cluster();
  apply(c, deployment('web', 1));
  c.advance(5000);
  kubectl(c, 'set image deployment/web web=nginx:1.28');
  c.advance(10_000);
  assert.deepEqual(
    scaleEvents(c)
      .slice(1)
      .map((m) => m.replace(/web-\w+/, 'RS')),
    ['Scaled up replica set RS to 1', 'Scaled down replica set RS to 0 from 1'],
  );
  const c2 = cluster();
  apply(c2, deployment('api', 2, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '1%' } } }));
  c2.advance(5000);
  kubectl(c2, 'set image deployment/api api=nginx:1.28');
  c2.advance(20_000);
  assert.deepEqual(
    scaleEvents(c2)
      .slice(1)
      .map((m) => m.replace(/api-\w+/, 'RS')),
    [
      'Scaled up replica set RS to 0',
      'Scaled down replica set RS to 1 from 2',
      'Scaled up replica set RS to 1 from 0',
      'Scaled down replica set RS to 0 from 1',
      'Scaled up replica set RS to 2 from 1',
    ].filter((m) => m !== 'Scaled up replica set RS to 0'),
  );
});

test('5. Recreate: all old pods Terminating, then zero pods, then the new RS', () => {
  const c = cluster();
  apply(c, deployment('web', 3, { strategy: { type: 'Recreate' } }));
  c.advance(5000);
  const running: number[] = [];
  c.store.watch(() => running.push(pods(c, (p) => podStatus(p) === 'Running').length));
  kubectl(c, 'set image deployment/web web=nginx:1.28');
  assert.ok(pods(c).every((p) => podStatus(p) === 'Terminating'));
  c.advance(10_000);
  // Running pods drop to zero (old ones all gone) before any new one runs.
  const firstZero = running.indexOf(0);
  assert.ok(firstZero >= 0);
  assert.ok(running.slice(0, firstZero).every((n) => n <= 3));
  assert.equal(pods(c, (p) => podStatus(p) === 'Running').length, 3);
  assert.deepEqual(
    scaleEvents(c)
      .slice(1)
      .map((m) => m.replace(/web-\w+/, 'RS')),
    ['Scaled down replica set RS to 0 from 3', 'Scaled up replica set RS to 3'],
  );
});

test('6. undo: rev1 → rev2 → rollout undo → the rev1 RS becomes revision 3; history shows 2 and 3', () => {
  const c = cluster();
  apply(c, deployment('web', 2));
  c.advance(5000);
  const rev1 = rsOf(c, 'web')[0].metadata.name;
  kubectl(c, 'set image deployment/web web=nginx:1.28');
  c.advance(20_000);
  kubectl(c, 'rollout undo deployment/web');
  c.advance(20_000);
  assert.equal(c.get('ReplicaSet', 'default', rev1)!.metadata.annotations!['deployment.kubernetes.io/revision'], '3');
  assert.equal(c.get('Deployment', 'default', 'web')!.metadata.annotations!['deployment.kubernetes.io/revision'], '3');
  assert.equal(kubectl(c, 'rollout history deployment/web'), 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n');
});

test('7. revisionHistoryLimit: after 12 template changes only 10 old RSes + the current remain', () => {
  const c = cluster();
  apply(c, deployment('web', 1));
  c.advance(5000);
  for (let i = 1; i <= 12; i++) {
    kubectl(c, `set image deployment/web web=nginx:1.${i}`);
    c.advance(10_000);
  }
  assert.equal(rsOf(c, 'web').length, 11);
  const revs = rsOf(c, 'web')
    .map((r) => Number(r.metadata.annotations!['deployment.kubernetes.io/revision']))
    .sort((a, b) => a - b);
  assert.deepEqual(revs, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
});

test('8. ReplicaSet 5→3 with one unscheduled and one not-ready pod: those two are deleted', () => {
  // One node with 1 CPU and 250m per pod: four pods fit, the fifth stays unscheduled.
  // (Before: 300m per pod, so the 4th was already unscheduled and 5→3 rightly removed two unscheduled pods.)
  const c = cluster({ nodes: 1, nodeCpu: '1' });
  const rs = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'rs' },
    spec: {
      replicas: 4,
      selector: { matchLabels: { app: 'x' } },
      template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'x', image: 'nginx', resources: { requests: { cpu: '250m' } } }] } },
    },
  };
  apply(c, rs);
  c.advance(5000);
  assert.equal(pods(c, (p) => !!p.spec.nodeName && isPodReady(p)).length, 4, 'four pods fit and are ready');
  // The oldest pod turns not ready (its readiness patched by hand): the rank must beat its age.
  const notReady = pods(c)[0];
  notReady.status.conditions.find((x: any) => x.type === 'Ready').status = 'False';
  c.update(notReady);
  kubectl(c, 'scale rs/rs --replicas=5');
  const unscheduled = pods(c).filter((p) => !p.spec.nodeName);
  assert.equal(unscheduled.length, 1, 'exactly the fifth pod does not fit');
  assert.equal(unscheduled[0].status.conditions.find((x: any) => x.type === 'PodScheduled').reason, 'Unschedulable');
  const before = c.events.length;
  kubectl(c, 'scale rs/rs --replicas=3');
  const deleted = c.events
    .slice(before)
    .filter((e) => e.object === 'ReplicaSet/rs')
    .map((e) => `${e.reason} ${e.message}`);
  // ActivePodsWithRanks: unscheduled first, then not-ready before ready.
  assert.deepEqual(deleted, [`SuccessfulDelete Deleted pod: ${unscheduled[0].metadata.name}`, `SuccessfulDelete Deleted pod: ${notReady.metadata.name}`]);
  assert.equal(c.get('Pod', 'default', unscheduled[0].metadata.name), undefined, 'an unscheduled pod goes at once');
  assert.ok(notReady.metadata.deletionTimestamp, 'the scheduled one is Terminating');
  c.advance(35_000);
  const left = pods(c);
  assert.equal(left.length, 3);
  assert.ok(left.every((p) => isPodReady(p) && p !== notReady));
});
