// Claims and StorageClasses, as a minikube cluster has them: a default StorageClass `standard`
// (provisioner k8s.io/minikube-hostpath, Immediate binding), the DefaultStorageClass admission plugin
// (a claim without storageClassName gets the default class's name), and the persistentvolume-controller
// binding each claim of an existing class at once to a new volume. A claim whose class does not
// exist stays Pending with `ProvisioningFailed: storageclass.storage.k8s.io "X" not found`; one with
// no class at all (`""`, or none and no default) with `FailedBinding`. Creating the class later binds
// it, as the controller's periodic resync would. The volumes themselves are not objects here:
// `spec.volumeName` is `pvc-<claim uid>`. The scheduler's side is volume-binding.ts.
import type { Cluster, Controller } from '../cluster';
import { newMeta, objKey, type KObject } from '../store';

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

  constructor(private c: Cluster) {
    c.setHook('admit:PersistentVolumeClaim', (pvc: KObject) => {
      pvc.spec ??= {};
      if (pvc.spec.storageClassName === undefined || pvc.spec.storageClassName === null) {
        const sc = defaultClass(c);
        if (sc) pvc.spec.storageClassName = sc.metadata.name;
      }
      const cls = pvc.spec.storageClassName;
      if (pvc.spec.volumeName || (typeof cls === 'string' && cls && c.get('StorageClass', undefined, cls))) bind(pvc);
      else pvc.status = { phase: 'Pending' };
    });
    c.watch(['PersistentVolumeClaim'], (ev) => {
      if (ev.type === 'DELETED') this.told.delete(ev.object.metadata.uid);
      else if (ev.object.status?.phase === 'Pending') c.enqueue(this, objKey(ev.object));
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

  private tell(pvc: KObject, what: string, record: () => void): void {
    if (this.told.get(pvc.metadata.uid) === what) return;
    this.told.set(pvc.metadata.uid, what);
    record();
  }
}
