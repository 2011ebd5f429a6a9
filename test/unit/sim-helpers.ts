// Shared helpers for the simulator tests (not a test file itself).
import { createCluster, type ClusterOptions } from '../../core/cluster/index';
import { applyObject } from '../../core/cluster/apply';
import type { Cluster } from '../../core/cluster/cluster';
import type { KObject } from '../../core/cluster/store';
import { runCommand } from '../../core/kubectl/commands';

export function cluster(opts: ClusterOptions = {}): Cluster {
  return createCluster({ seed: 7, ...opts });
}

export function apply(c: Cluster, ...objs: any[]): void {
  const out = { lines: [], errors: [], diagnostics: [], notSimulated: [] };
  for (const o of objs) applyObject(c, structuredClone(o), out);
  if (out.errors.length) throw new Error(out.errors.join('\n'));
  c.settle();
}

export function kubectl(c: Cluster, line: string): string {
  return runCommand(c, line).output;
}

export function deployment(name: string, replicas: number, extra: any = {}, podExtra: any = {}, annotations: Record<string, string> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name } as any,
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name }, annotations }, spec: { containers: [{ name, image: 'nginx:1.27', ...podExtra }] } },
      ...extra,
    },
  };
}

export function scaleEvents(c: Cluster): string[] {
  return c.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message.replace(/-[bcdfghjklmnpqrstvwxz2456789]{6,10}\b/g, (m) => m));
}

export function pods(c: Cluster, pred: (p: KObject) => boolean = () => true): KObject[] {
  return c.list('Pod').filter(pred);
}

export function rsOf(c: Cluster, d: string): KObject[] {
  const dep = c.get('Deployment', 'default', d)!;
  return c.store.ownedBy(dep.metadata.uid).filter((o) => o.kind === 'ReplicaSet');
}

/** A 1Gi ReadWriteOnce claim, of `storageClassName` when given. */
export function claim(name: string, storageClassName?: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name } as any,
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(storageClassName === undefined ? {} : { storageClassName }) },
  };
}

/** A pod mounting the claim `claimName` at /data (`spec` merged into its spec). */
export function podWith(name: string, claimName: string, spec: any = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name } as any,
    spec: {
      containers: [{ name: 'db', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
      ...spec,
    },
  };
}

/** The events about the object `name`, as `TYPE REASON SOURCE: MESSAGE`. */
export function eventsOf(c: Cluster, name: string): string[] {
  return c.events.filter((e) => e.name === name).map((e) => `${e.type} ${e.reason} ${e.source}: ${e.message}`);
}
