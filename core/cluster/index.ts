// The embedded simulated cluster: createCluster() wires the store, clock and every controller.
import { Cluster, type ClusterOptions } from './cluster';
import { Kubelet } from './controllers/kubelet';
import { Scheduler } from './controllers/scheduler';
import { NodeLifecycle } from './controllers/nodes';
import { ReplicaSetController } from './controllers/replicaset';
import { DeploymentController } from './controllers/deployment';
import { GarbageCollector } from './controllers/gc';

export { Cluster, type ClusterOptions, type SimEvent } from './cluster';
export type { KObject, WatchEvent } from './store';

/** Kinds the simulator runs (others are kept and listed as "not simulated"). */
export const SIMULATED_KINDS = new Set(['Namespace', 'Pod', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'Endpoints', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'Node']);

const extraControllers: ((c: Cluster) => void)[] = [];
/** Lets controller modules register themselves (one line each). */
export function registerController(f: (c: Cluster) => void): void {
  extraControllers.push(f);
}

export function createCluster(opts: ClusterOptions = {}): Cluster {
  const c = new Cluster(opts);
  new Kubelet(c);
  new Scheduler(c);
  const nodes = new NodeLifecycle(c);
  new ReplicaSetController(c);
  new DeploymentController(c);
  new GarbageCollector(c);
  for (const f of extraControllers) f(c);
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } as any, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  for (let i = 0; i < c.options.nodes; i++) nodes.addNode();
  c.settle();
  return c;
}
