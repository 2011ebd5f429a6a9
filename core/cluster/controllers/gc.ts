// The garbage collector (pkg/controller/garbagecollector), background propagation: when an
// owner is deleted, the objects naming it in ownerReferences are deleted too.
import type { Cluster, Controller } from '../cluster';

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  constructor(private c: Cluster) {
    c.store.watch((ev) => {
      if (ev.type === 'DELETED' && c.store.ownedCount(ev.object.metadata.uid) > 0) c.enqueue(this, ev.object.metadata.uid);
    });
  }

  sync(uid: string): void {
    if (this.c.store.getByUid(uid)) return;
    for (const o of this.c.store.ownedBy(uid)) {
      // Only when no other owner is left (an object may have several).
      const others = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid && this.c.store.getByUid(r.uid));
      if (others.length) continue;
      if (o.kind === 'Pod' && o.metadata.deletionTimestamp) continue;
      this.c.delete(o);
    }
  }
}
