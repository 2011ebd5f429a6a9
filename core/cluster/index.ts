// The embedded simulated cluster: createCluster() wires the store, clock and every controller.
import { Cluster, type ClusterOptions } from './cluster';
import { SIMULATED_KINDS_LIST } from './kinds';
import { Kubelet } from './controllers/kubelet';
import { Scheduler } from './controllers/scheduler';
import { NodeLifecycle } from './controllers/nodes';
import { ReplicaSetController } from './controllers/replicaset';
import { DeploymentController } from './controllers/deployment';
import { GarbageCollector } from './controllers/gc';
import { EndpointsController } from './controllers/services';
import { ServiceAllocator } from './controllers/service-alloc';
import { Traffic } from './controllers/traffic';
import { ServiceAccountController } from './controllers/serviceaccounts';
import { StatefulSetController } from './controllers/statefulset';
import { DaemonSetController } from './controllers/daemonset';
import { JobController } from './controllers/job';
import { CronJobController } from './controllers/cronjob';
import { NamespaceController } from './controllers/namespace';
import { PersistentVolumeController, defaultStorageClass } from './controllers/volumes';
import { EvictionManager } from './controllers/eviction';
import { LocalEvictionManager } from './controllers/eviction-local';

export { Cluster, type ClusterOptions, type SimEvent } from './cluster';
export type { KObject, WatchEvent } from './store';

/** Kinds the simulator runs (others are kept and listed as "not simulated"). */
export const SIMULATED_KINDS = new Set(SIMULATED_KINDS_LIST);

export function createCluster(opts: ClusterOptions = {}): Cluster {
  const c = new Cluster(opts);
  new Kubelet(c);
  new Scheduler(c);
  const nodes = new NodeLifecycle(c);
  new ReplicaSetController(c);
  new DeploymentController(c);
  new StatefulSetController(c);
  new DaemonSetController(c);
  new JobController(c);
  new CronJobController(c);
  new ServiceAllocator(c);
  new EndpointsController(c);
  new Traffic(c);
  new ServiceAccountController(c);
  new GarbageCollector(c);
  new NamespaceController(c);
  new PersistentVolumeController(c);
  new EvictionManager(c);
  new LocalEvictionManager(c);
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  c.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  });
  c.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
  // The API server keeps the slice of its own Service (no controller manages it).
  c.create({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  });
  c.create(defaultStorageClass());
  for (let i = 0; i < c.options.nodes; i++) nodes.addNode();
  c.settle();
  return c;
}
export { applyFiles, applyObject, type ApplyResult } from './apply';
