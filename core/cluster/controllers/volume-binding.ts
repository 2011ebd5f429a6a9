// The scheduler's VolumeBinding plugin, PreFilter (pkg/scheduler/framework/plugins/volumebinding):
// every claim a pod names must exist and not be being deleted, and (the simulated classes bind
// Immediately) be Bound; otherwise the pod is unschedulable on every node, in the plugin's words.
import type { Cluster } from '../cluster';
import type { KObject } from '../store';

/** Why `pod`'s claims keep it off every node (kube-scheduler's PreFilter message), or undefined. */
export function volumeBindingFailure(c: Cluster, pod: KObject): string | undefined {
  let unbound = false;
  for (const v of Array.isArray(pod.spec?.volumes) ? pod.spec.volumes : []) {
    const claim = v?.persistentVolumeClaim?.claimName;
    if (typeof claim !== 'string') continue;
    const pvc = c.get('PersistentVolumeClaim', pod.metadata.namespace, claim);
    if (!pvc) return `persistentvolumeclaim "${claim}" not found`;
    if (pvc.metadata.deletionTimestamp) return `persistentvolumeclaim "${claim}" is being deleted`;
    if (pvc.status?.phase !== 'Bound') unbound = true;
  }
  return unbound ? 'pod has unbound immediate PersistentVolumeClaims' : undefined;
}
