// Claims and StorageClasses, as a minikube cluster has them: a default StorageClass `standard`
// (provisioner k8s.io/minikube-hostpath, Immediate binding), the DefaultStorageClass admission plugin
// (a claim without storageClassName gets the default class's name), and the persistentvolume-controller
// binding each claim of an existing class at once to a new volume. A claim whose class does not
// exist stays Pending with `ProvisioningFailed: storageclass.storage.k8s.io "X" not found`; one with
// no class at all (`""`, or none and no default) with `FailedBinding`. Creating the class later binds
// it, as the controller's periodic resync would. A class with `volumeBindingMode: WaitForFirstConsumer`
// leaves the claim Pending (`WaitForFirstConsumer`, or `WaitForPodScheduled` while a pod using it
// cannot be placed) until the scheduler places a pod using it: the scheduler names the node
// (`volume.kubernetes.io/selected-node`) and the volume is provisioned there, pinned to the node's
// zone (or, for a local / hostpath provisioner, to the node itself); a provisioner that provisions
// nothing (`kubernetes.io/no-provisioner`) never binds, as there are no PersistentVolume objects
// here. The volumes themselves are not objects: `spec.volumeName` is `pvc-<claim uid>`. The
// scheduler's side is volume-binding.ts.
import type { Cluster, Controller } from '../cluster';
import { newMeta, objKey, type KObject } from '../store';
import type { PodStatus } from '../../k8s/types';
import { scalarText } from '../../k8s/guards';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const DEFAULT_CLASS_BETA = 'storageclass.beta.kubernetes.io/is-default-class';

/** The StorageClass every simulated cluster starts with (minikube's `standard`). */
export function defaultStorageClass(): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: newMeta({ name: 'standard', annotations: { [DEFAULT_CLASS]: 'true' }, labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' } }),
    provisioner: 'k8s.io/minikube-hostpath',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  };
}

/** The default StorageClass (the newest of those annotated as default), as the admission plugin picks it. */
function defaultClass(c: Cluster): KObject | undefined {
  const all = c.list('StorageClass').filter((sc) => [DEFAULT_CLASS, DEFAULT_CLASS_BETA].some((a) => sc.metadata.annotations?.[a] === 'true'));
  return all.sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)))[0];
}

export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** The claim's StorageClass binds late (volumeBindingMode WaitForFirstConsumer). */
export function isDelayed(c: Cluster, pvc: KObject): boolean {
  const cls = pvc.spec?.storageClassName;
  return !pvc.spec?.volumeName && typeof cls === 'string' && c.get('StorageClass', undefined, cls)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** The names of the claims `pod` mounts (spec.volumes[].persistentVolumeClaim.claimName). */
export function claimNames(pod: KObject): string[] {
  const out: string[] = [];
  for (const v of Array.isArray(pod.spec?.volumes) ? pod.spec.volumes : []) {
    const name = v?.persistentVolumeClaim?.claimName;
    if (typeof name === 'string') out.push(name);
  }
  return out;
}

/** Where a provisioned volume can be used: a label every node using it must carry (a PV's nodeAffinity). */
export interface VolumeTopology {
  key: string;
  value: string;
}

function bind(pvc: KObject): void {
  pvc.spec.volumeName ??= `pvc-${pvc.metadata.uid}`;
  pvc.status = {
    phase: 'Bound',
    accessModes: pvc.spec.accessModes ?? ['ReadWriteOnce'],
    capacity: { storage: pvc.spec.resources?.requests?.storage ?? '1Gi' },
  };
}

export class PersistentVolumeController implements Controller {
  readonly name = 'persistentvolume-controller';
  /** The last event recorded per pending claim (uid), so a cause is told once. */
  private told = new Map<string, string>();
  /** claim uid → the topology its volume was provisioned in (WaitForFirstConsumer classes). */
  private pinned = new Map<string, VolumeTopology>();

  constructor(private c: Cluster) {
    c.setHook('persistentvolume-controller', this);
    c.setHook('admit:PersistentVolumeClaim', (pvc: KObject) => {
      pvc.spec ??= {};
      if (pvc.spec.storageClassName === undefined || pvc.spec.storageClassName === null) {
        const sc = defaultClass(c);
        if (sc) pvc.spec.storageClassName = sc.metadata.name;
      }
      const cls = pvc.spec.storageClassName;
      if (pvc.spec.volumeName || (typeof cls === 'string' && cls && c.get('StorageClass', undefined, cls) && !isDelayed(c, pvc))) bind(pvc);
      else pvc.status = { phase: 'Pending' };
    });
    c.watch(['PersistentVolumeClaim'], (ev) => {
      if (ev.type === 'DELETED') {
        this.told.delete(ev.object.metadata.uid);
        this.pinned.delete(ev.object.metadata.uid);
      } else if (ev.object.status?.phase === 'Pending') c.enqueue(this, objKey(ev.object));
    });
    // A pod the scheduler could not place waits with its late-binding claims (WaitForPodScheduled).
    c.watch(['Pod'], (ev) => {
      const p = ev.object;
      if (ev.type !== 'MODIFIED' || p.spec?.nodeName) return;
      for (const name of claimNames(p)) {
        const pvc = c.get('PersistentVolumeClaim', p.metadata.namespace, name);
        if (pvc?.status?.phase === 'Pending') c.enqueue(this, objKey(pvc));
      }
    });
    // A new StorageClass (or one made default) may be the one a pending claim waits for.
    c.watch(['StorageClass'], (ev) => {
      if (ev.type === 'DELETED') return;
      for (const pvc of c.list('PersistentVolumeClaim')) if (pvc.status?.phase === 'Pending') c.enqueue(this, objKey(pvc));
    });
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const pvc = this.c.get('PersistentVolumeClaim', ns, name);
    if (!pvc || pvc.status?.phase !== 'Pending' || pvc.metadata.deletionTimestamp) return;
    let cls = pvc.spec?.storageClassName;
    if (cls === undefined || cls === null) {
      // Retroactive default StorageClass assignment (Kubernetes 1.28+).
      cls = defaultClass(this.c)?.metadata.name;
      if (cls !== undefined) pvc.spec.storageClassName = cls;
    }
    if (typeof cls === 'string' && cls && isDelayed(this.c, pvc)) return this.waitForConsumer(pvc);
    if (typeof cls === 'string' && cls && this.c.get('StorageClass', undefined, cls)) {
      bind(pvc);
      this.told.delete(pvc.metadata.uid);
      this.c.update(pvc);
      return;
    }
    if (typeof cls === 'string' && cls) {
      const error = `storageclass.storage.k8s.io "${cls}" not found`;
      this.tell(pvc, error, () => this.c.recordEvent(pvc, 'Warning', 'ProvisioningFailed', { storageClass: cls, error }, error, 'persistentvolume-controller'));
    } else {
      const message = 'no persistent volumes available for this claim and no storage class is set';
      this.tell(pvc, message, () => this.c.recordEvent(pvc, 'Normal', 'FailedBinding', {}, message, 'persistentvolume-controller'));
    }
  }

  /** emitEventForUnboundDelayBindingClaim: no pod yet, or the pods using it that wait to be scheduled. */
  private waitForConsumer(pvc: KObject): void {
    const name = pvc.metadata.name;
    const pods = this.c
      .list('Pod', pvc.metadata.namespace)
      .filter(
        (p) =>
          !p.spec?.nodeName &&
          (p.status as PodStatus | undefined)?.conditions?.some((x) => x.type === 'PodScheduled' && x.status === 'False') &&
          claimNames(p).includes(name),
      )
      .map((p) => p.metadata.name);
    if (!pods.length) {
      const message = 'waiting for first consumer to be created before binding';
      return this.tell(pvc, message, () => this.c.recordEvent(pvc, 'Normal', 'WaitForFirstConsumer', {}, message, 'persistentvolume-controller'));
    }
    const message = pods.length > 1 ? `waiting for pods ${pods.join(',')} to be scheduled` : `waiting for pod ${pods[0]} to be scheduled`;
    this.tell(pvc, message, () => this.c.recordEvent(pvc, 'Normal', 'WaitForPodScheduled', { pods }, message, 'persistentvolume-controller'));
  }

  /**
   * The scheduler chose `node` for a pod using the late-binding claim `pvc` (its PreBind): the claim
   * is annotated with the node, and the volume provisioned in the node's topology and bound.
   */
  provisionOn(pvc: KObject, node: KObject): void {
    (pvc.metadata.annotations ??= {})[SELECTED_NODE] = node.metadata.name;
    const sc = this.c.get('StorageClass', undefined, pvc.spec.storageClassName);
    const key = /local|hostpath/i.test(scalarText(sc?.provisioner)) ? 'kubernetes.io/hostname' : 'topology.kubernetes.io/zone';
    const value = node.metadata.labels?.[key];
    if (typeof value === 'string') this.pinned.set(pvc.metadata.uid, { key, value });
    bind(pvc);
    this.told.delete(pvc.metadata.uid);
    this.c.update(pvc);
  }

  /** The topology the claim's volume was provisioned in, if it is pinned to one. */
  topologyOf(pvc: KObject): VolumeTopology | undefined {
    return this.pinned.get(pvc.metadata.uid);
  }

  private tell(pvc: KObject, what: string, record: () => void): void {
    if (this.told.get(pvc.metadata.uid) === what) return;
    this.told.set(pvc.metadata.uid, what);
    record();
  }
}
