// The scheduler's VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding).
// PreFilter: every claim a pod names must exist and not be being deleted, and a claim of an
// Immediate class must be Bound; otherwise the pod is unschedulable on every node, in the plugin's
// words. Filter: a bound volume pinned to a topology (provisioned for a WaitForFirstConsumer class)
// keeps the pod to nodes of that topology; a late-binding claim whose class provisions nothing
// finds no volume anywhere. PreBind: the late-binding claims are provisioned on the chosen node.
import type { Cluster } from '../cluster';
import type { KObject } from '../store';
import { claimNames, isDelayed, NO_PROVISIONER, type PersistentVolumeController, type VolumeTopology } from './volumes';

export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";

/** What the Filter and PreBind need of a pod's claims. */
export interface VolumeState {
  /** Late-binding claims not yet bound, to provision on the chosen node. */
  delayed: KObject[];
  /** Topologies of the pod's bound volumes. */
  pinned: VolumeTopology[];
  /** A late-binding claim whose class provisions nothing (no PersistentVolume objects here). */
  unprovisionable: boolean;
}

/** Why `pod`'s claims keep it off every node (kube-scheduler's PreFilter message), or undefined. */
export function volumeBindingFailure(c: Cluster, pod: KObject): string | undefined {
  let unbound = false;
  for (const claim of claimNames(pod)) {
    const pvc = c.get('PersistentVolumeClaim', pod.metadata.namespace, claim);
    if (!pvc) return `persistentvolumeclaim "${claim}" not found`;
    if (pvc.metadata.deletionTimestamp) return `persistentvolumeclaim "${claim}" is being deleted`;
    if (pvc.status?.phase !== 'Bound' && !isDelayed(c, pvc)) unbound = true;
  }
  return unbound ? 'pod has unbound immediate PersistentVolumeClaims' : undefined;
}

/** The pod's claims as the Filter sees them; undefined when they constrain no node. */
export function volumeState(c: Cluster, pod: KObject): VolumeState | undefined {
  const names = claimNames(pod);
  if (!names.length) return undefined;
  const pv = c.hook<PersistentVolumeController>('persistentvolume-controller');
  const s: VolumeState = { delayed: [], pinned: [], unprovisionable: false };
  for (const name of names) {
    const pvc = c.get('PersistentVolumeClaim', pod.metadata.namespace, name);
    if (!pvc) continue;
    if (pvc.status?.phase === 'Bound') {
      const t = pv.topologyOf(pvc);
      if (t) s.pinned.push(t);
    } else if (isDelayed(c, pvc)) {
      s.delayed.push(pvc);
      if (c.get('StorageClass', undefined, pvc.spec.storageClassName)?.provisioner === NO_PROVISIONER) s.unprovisionable = true;
    }
  }
  return s.delayed.length || s.pinned.length ? s : undefined;
}

/** The Filter: undefined when the node can use the pod's volumes, else the reason. */
export function volumeFilter(s: VolumeState, labels: Record<string, string>): string | undefined {
  if (s.pinned.some((t) => labels[t.key] !== t.value)) return ERR_NODE_CONFLICT;
  return s.unprovisionable ? ERR_BIND_CONFLICT : undefined;
}

/** PreBind: the late-binding claims get the node (`volume.kubernetes.io/selected-node`) and their volumes. */
export function bindDelayedClaims(c: Cluster, s: VolumeState, node: KObject): void {
  const pv = c.hook<PersistentVolumeController>('persistentvolume-controller');
  for (const pvc of s.delayed) if (pvc.status?.phase !== 'Bound') pv.provisionOn(pvc, node);
}
