// The simulator's property-test model, shared by test/unit/sim-properties.test.ts and the chaos
// runs (bench/chaos.ts, test/hardening/chaos.test.ts): random workloads, kubectl-style actions, and
// the runs that check the invariants of sim-invariants.ts after every simulated instant. Not a
// test file itself.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createCluster } from '../../core/cluster/index';
import { applyObject } from '../../core/cluster/apply';
import type { Cluster } from '../../core/cluster/cluster';
import type { KObject } from '../../core/cluster/store';
import { runCommand } from '../../core/kubectl/commands';
import { isTerminal } from '../../core/cluster/podutil';
import {
  checkAllocatable,
  checkAntiAffinity,
  checkConverged,
  checkEndpoints,
  deploymentComplete,
  RolloutBounds,
  watchStatefulSetOrder,
} from './sim-invariants';

// ----- the model: random workloads ---------------------------------------------------------------

export interface DepSpec {
  replicas: number;
  surge: number | string;
  unavail: number | string;
  cpuM: number;
  readyAfter: number;
  minReady: number;
  /** How its pods are placed: 0 default spreading, 1 required anti-affinity to each other per node, 2 preferred anti-affinity per zone, 3 ScheduleAnyway spread per zone, 4 DoNotSchedule spread per node. */
  place: number;
}
export interface StsSpec {
  replicas: number;
  parallel: boolean;
  cpuM: number;
  readyAfter: number;
  minReady: number;
  /** persistentVolumeClaimRetentionPolicy.whenScaled */
  whenScaled: 'Retain' | 'Delete';
  /** Its claims use a WaitForFirstConsumer class whose volumes are pinned to a zone. */
  late: boolean;
}
export interface JobSpec {
  completions: number;
  parallelism: number;
  runFor: number;
  never: boolean;
  indexed: boolean;
  /** podFailurePolicy: Ignore a DisruptionTarget (a pod the taint manager evicted). */
  ignoreDisruption: boolean;
}
export interface World {
  nodes: number;
  nodeCpu: number;
  deps: DepSpec[];
  sts: StsSpec[];
  ds: number[];
  jobs: JobSpec[];
}

export const intOrPct = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('0%', '10%', '25%', '50%', '100%'));
export const depArb = fc.record({
  replicas: fc.integer({ min: 0, max: 8 }),
  surge: intOrPct,
  unavail: intOrPct,
  cpuM: fc.constantFrom(0, 50, 100, 250),
  readyAfter: fc.integer({ min: 0, max: 8 }),
  minReady: fc.integer({ min: 0, max: 3 }),
  place: fc.constantFrom(0, 0, 1, 2, 3, 4),
});

/** The pod spec fields of a placement (DepSpec.place) for the pods labelled app=NAME. */
export function placement(place: number, app: string): Record<string, unknown> {
  const term = (topologyKey: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey });
  const spread = (maxSkew: number, topologyKey: string, whenUnsatisfiable: string) => ({
    topologySpreadConstraints: [{ maxSkew, topologyKey, whenUnsatisfiable, labelSelector: { matchLabels: { app } } }],
  });
  switch (place) {
    case 1:
      return { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('kubernetes.io/hostname')] } } };
    case 2:
      return {
        affinity: {
          podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term('topology.kubernetes.io/zone') }] },
        },
      };
    case 3:
      return spread(1, 'topology.kubernetes.io/zone', 'ScheduleAnyway');
    case 4:
      return spread(1, 'kubernetes.io/hostname', 'DoNotSchedule');
    default:
      return {};
  }
}
export const stsArb = fc.record({
  replicas: fc.integer({ min: 0, max: 5 }),
  parallel: fc.boolean(),
  cpuM: fc.constantFrom(0, 100, 200),
  readyAfter: fc.integer({ min: 0, max: 5 }),
  minReady: fc.integer({ min: 0, max: 3 }),
  whenScaled: fc.constantFrom('Retain' as const, 'Delete' as const),
  late: fc.boolean(),
});
export const jobArb = fc.record({
  completions: fc.integer({ min: 1, max: 4 }),
  parallelism: fc.integer({ min: 1, max: 3 }),
  runFor: fc.integer({ min: 1, max: 20 }),
  never: fc.boolean(),
  indexed: fc.boolean(),
  ignoreDisruption: fc.boolean(),
});

export function worldArb(opts: { deps: [number, number]; sts: [number, number]; ds: [number, number]; jobs: [number, number] }): fc.Arbitrary<World> {
  return fc.record({
    nodes: fc.integer({ min: 2, max: 4 }),
    nodeCpu: fc.constantFrom(4, 8),
    deps: fc.array(depArb, { minLength: opts.deps[0], maxLength: opts.deps[1] }),
    sts: fc.array(stsArb, { minLength: opts.sts[0], maxLength: opts.sts[1] }),
    ds: fc.array(fc.constantFrom(0, 50, 100), { minLength: opts.ds[0], maxLength: opts.ds[1] }),
    jobs: fc.array(jobArb, { minLength: opts.jobs[0], maxLength: opts.jobs[1] }),
  });
}

export const cpu = (m: number) => (m ? { resources: { requests: { cpu: `${m}m`, memory: '32Mi' } } } : {});

export function manifests(w: World): KObject[] {
  const out: any[] = [];
  w.deps.forEach((d, i) => {
    const name = `dep-${i}`;
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        replicas: d.replicas,
        minReadySeconds: d.minReady,
        selector: { matchLabels: { app: name } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: d.surge, maxUnavailable: d.unavail } },
        template: {
          metadata: { labels: { app: name }, annotations: { 'kube-dorm.dev/ready-after': `${d.readyAfter}s` } },
          spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...cpu(d.cpuM) }], ...placement(d.place, name) },
        },
      },
    });
  });
  // A Service in front of each Deployment (the take-out dispatch centre) and a headless one for each StatefulSet.
  w.deps.forEach((_d, i) =>
    out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `dep-${i}` }, spec: { selector: { app: `dep-${i}` }, ports: [{ port: 80 }] } }),
  );
  w.sts.forEach((_s, i) =>
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `sts-${i}` },
      spec: { clusterIP: 'None', selector: { app: `sts-${i}` }, ports: [{ port: 80 }] },
    }),
  );
  if (w.sts.some((s) => s.late))
    out.push({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'late' },
      provisioner: 'example.com/zonal',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
  w.sts.forEach((s, i) => {
    const name = `sts-${i}`;
    out.push({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name },
      spec: {
        serviceName: name,
        replicas: s.replicas,
        minReadySeconds: s.minReady,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: s.whenScaled },
        podManagementPolicy: s.parallel ? 'Parallel' : 'OrderedReady',
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name }, annotations: { 'kube-dorm.dev/ready-after': `${s.readyAfter}s` } },
          spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...cpu(s.cpuM) }] },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(s.late ? { storageClassName: 'late' } : {}) },
          },
        ],
      },
    });
  });
  w.ds.forEach((m, i) => {
    const name = `ds-${i}`;
    out.push({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name },
      spec: {
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.9', ...cpu(m) }] } },
      },
    });
  });
  w.jobs.forEach((j, i) => {
    const name = `job-${i}`;
    out.push({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name },
      spec: {
        completions: j.completions,
        parallelism: j.parallelism,
        backoffLimit: 100,
        ...(j.indexed ? { completionMode: 'Indexed' } : {}),
        ...(j.ignoreDisruption && j.never ? { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } } : {}),
        template: {
          spec: {
            restartPolicy: j.never ? 'Never' : 'OnFailure',
            containers: [{ name: 'work', image: 'busybox:1.36', command: ['sh', '-c', `sleep ${j.runFor}`] }],
          },
        },
      },
    });
  });
  return out;
}

// ----- actions -----------------------------------------------------------------------------------

export type Action =
  | { k: 'scale'; w: number; n: number }
  | { k: 'image'; w: number; v: number }
  | { k: 'undo'; w: number }
  | { k: 'deletePod'; i: number }
  | { k: 'crash'; i: number }
  | { k: 'failNode'; i: number }
  | { k: 'recoverNode'; i: number }
  | { k: 'addNode' }
  | { k: 'cordon'; i: number }
  // Something outside the pods fills a node's disk (GiB of its 100Gi): DiskPressure from 76Gi.
  | { k: 'fill'; i: number; gi: number }
  | { k: 'uncordon'; i: number }
  | { k: 'advance'; ms: number }
  // Re-apply a workload's manifest with another image, replica count and/or template label (chaos runs).
  | { k: 'edit'; w: number; image: number; replicas: number; label: number };

export const idx = fc.nat({ max: 50 });
export const advance = fc.record({ k: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 60_000 }) });
export const healthyActions = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('image' as const), w: idx, v: fc.integer({ min: 1, max: 4 }) }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('undo' as const), w: idx }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('scale' as const), w: idx, n: fc.integer({ min: 0, max: 8 }) }), weight: 1 },
  { arbitrary: advance, weight: 4 },
);
export const chaosActions = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('scale' as const), w: idx, n: fc.integer({ min: 0, max: 6 }) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('image' as const), w: idx, v: fc.integer({ min: 1, max: 4 }) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('undo' as const), w: idx }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('deletePod' as const), i: idx }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('crash' as const), i: idx }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('failNode' as const), i: idx }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('recoverNode' as const), i: idx }), weight: 1 },
  { arbitrary: fc.constant({ k: 'addNode' as const }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('cordon' as const), i: idx }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('uncordon' as const), i: idx }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('fill' as const), i: idx, gi: fc.constantFrom(0, 0, 40, 80, 95) }), weight: 1 },
  { arbitrary: advance, weight: 4 },
);

/** The workloads an action may target, in a stable order. */
export function workloads(c: Cluster, kinds: string[]): KObject[] {
  return kinds.flatMap((k) => c.list(k));
}

export function livePods(c: Cluster): KObject[] {
  return c
    .list('Pod')
    .filter((p) => !p.metadata.deletionTimestamp && !isTerminal(p))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** Runs one action through the kubectl-style commands; returns the command line (for messages). */
export function act(c: Cluster, a: Action, kinds: string[], tick: (ms: number) => void): string {
  const pick = <T>(xs: T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
  const nodes = c.list('Node');
  const run = (line: string) => {
    runCommand(c, line);
    return line;
  };
  switch (a.k) {
    case 'scale': {
      const w = pick(
        workloads(
          c,
          kinds.filter((k) => k !== 'DaemonSet' && k !== 'Job'),
        ),
        a.w,
      );
      return w ? run(`kubectl scale ${w.kind.toLowerCase()}/${w.metadata.name} --replicas=${a.n}`) : 'noop';
    }
    case 'image': {
      const w = pick(
        workloads(
          c,
          kinds.filter((k) => k !== 'Job'),
        ),
        a.w,
      );
      return w ? run(`kubectl set image ${w.kind.toLowerCase()}/${w.metadata.name} app=nginx:1.${27 + a.v}`) : 'noop';
    }
    case 'undo': {
      const w = pick(workloads(c, ['Deployment']), a.w);
      return w ? run(`kubectl rollout undo deployment/${w.metadata.name}`) : 'noop';
    }
    case 'deletePod': {
      const p = pick(livePods(c), a.i);
      return p ? run(`kubectl delete pod ${p.metadata.name}`) : 'noop';
    }
    case 'crash': {
      const p = pick(livePods(c), a.i);
      return p ? run(`crash pod ${p.metadata.name}`) : 'noop';
    }
    case 'failNode':
    case 'recoverNode':
    case 'cordon':
    case 'uncordon': {
      const n = pick(nodes, a.i);
      const verb = a.k === 'failNode' ? 'fail node' : a.k === 'recoverNode' ? 'recover node' : a.k;
      return n ? run(`${verb} ${n.metadata.name}`) : 'noop';
    }
    case 'addNode':
      return nodes.length < 6 ? run('add node') : 'noop';
    case 'fill': {
      const n = pick(nodes, a.i);
      return n ? run(`fill node ${n.metadata.name} --disk ${a.gi}Gi`) : 'noop';
    }
    case 'edit': {
      const w = pick(
        workloads(
          c,
          kinds.filter((k) => k === 'Deployment' || k === 'StatefulSet'),
        ),
        a.w,
      );
      if (!w) return 'noop';
      const spec = JSON.parse(JSON.stringify(w.spec));
      const what: string[] = [];
      if (a.image) {
        spec.template.spec.containers[0].image = `nginx:1.${27 + a.image}`;
        what.push(`image=nginx:1.${27 + a.image}`);
      }
      if (a.replicas >= 0) {
        spec.replicas = a.replicas;
        what.push(`replicas=${a.replicas}`);
      }
      if (a.label) {
        spec.template.metadata.labels = { ...spec.template.metadata.labels, tier: `t${a.label}` };
        what.push(`tier=t${a.label}`);
      }
      const out = { lines: [], errors: [] as string[], diagnostics: [], notSimulated: [] };
      applyObject(c, { apiVersion: w.apiVersion, kind: w.kind, metadata: { name: w.metadata.name, namespace: w.metadata.namespace } as any, spec }, out);
      if (out.errors.length) throw new Error(`re-apply ${w.kind}/${w.metadata.name}: ${out.errors.join('; ')}`);
      return `apply ${w.kind.toLowerCase()}/${w.metadata.name} ${what.join(' ') || '(unchanged)'}`;
    }
    case 'advance':
      tick(a.ms);
      return `advance ${a.ms}ms`;
  }
}

// ----- the runs ----------------------------------------------------------------------------------

export interface RunResult {
  history: string;
}

export function simulate(w: World, actions: Action[], seed: number, opts: { bounds: boolean; tight?: boolean; scaleAnytime?: boolean }): RunResult {
  // Ample capacity (so convergence can be asked for), or tight: 1-CPU nodes that cannot hold everything.
  // One room per node (required anti-affinity) converges only with a node more than the largest Deployment (scales reach 12).
  const spreadOut = w.deps.some((d) => d.place === 1) ? 13 : 0;
  const nodeCount = opts.tight ? w.nodes : Math.max(w.nodes, spreadOut, Math.ceil(demand(w) / (w.nodeCpu * 0.8)) + 1);
  const c = createCluster({ nodes: nodeCount, nodeCpu: opts.tight ? 1 : w.nodeCpu, nodeMemory: opts.tight ? '512Mi' : '16Gi', seed });
  const history: string[] = [];
  const bounds = new RolloutBounds(c, history);
  watchStatefulSetOrder(c, history);
  const kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];
  const every = () => {
    checkAllocatable(c, history);
    checkEndpoints(c, history);
    checkAntiAffinity(c, history);
    if (opts.bounds) bounds.check();
    return false;
  };
  const tick = (ms: number) => {
    c.advanceUntil(every, ms);
  };
  const out = { lines: [], errors: [] as string[], diagnostics: [], notSimulated: [] };
  for (const o of manifests(w)) applyObject(c, o, out);
  assert.deepEqual(out.errors, []);
  c.settle();
  every();
  for (const a of actions) {
    // The floor holds during rollouts, not while a scale-up is still creating pods.
    if (opts.bounds && a.k === 'scale') {
      const d = workloads(
        c,
        kinds.filter((k) => k !== 'DaemonSet' && k !== 'Job'),
      )[a.w % Math.max(1, c.list('Deployment').length + c.list('StatefulSet').length)];
      if (d?.kind === 'Deployment') {
        if (!opts.scaleAnytime && !deploymentComplete(c, d)) continue; // scale only a settled Deployment here
        bounds.disarm(d.metadata.name);
      }
    }
    history.push(act(c, a, kinds, tick));
    every();
  }
  if (opts.tight) tick(10 * 60_000);
  else checkConverged(c, history);
  const objects = c.store
    .kinds()
    .sort()
    .map((k) => [k, c.list(k)]);
  return { history: JSON.stringify({ events: c.events, objects }) };
}

export function demand(w: World): number {
  const d = w.deps.reduce((s, x) => s + (8 + 8) * x.cpuM, 0);
  const s = w.sts.reduce((s2, x) => s2 + 6 * x.cpuM, 0);
  const ds = w.ds.reduce((s2, x) => s2 + 6 * x, 0);
  return (d + s + ds) / 1000;
}

/** Chaos actions plus re-applies of edited manifests (image, replicas, template labels). */
export const editAction = fc.record({
  k: fc.constant('edit' as const),
  w: idx,
  image: fc.integer({ min: 0, max: 4 }),
  replicas: fc.integer({ min: -1, max: 6 }),
  label: fc.integer({ min: 0, max: 3 }),
});
export const chaosWithEdits = fc.oneof({ arbitrary: chaosActions, weight: 5 }, { arbitrary: editAction, weight: 2 });
