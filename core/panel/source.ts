// What the panel's view-model reads: plain lists of objects by kind, a lookup by uid for owner
// chains, and the time. The simulated cluster gives one (clusterSource), and so does the cache of a
// real cluster's informers (listSource over the objects it was sent), so the side panel and
// `kube-dorm status` draw both from one builder (core/panel/view.ts).
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../cluster/store';
import type { PrintClock } from '../kubectl/printers';

export interface ObjectSource extends PrintClock {
  /** Objects of one kind (every namespace the source holds). */
  list(kind: string): readonly KObject[];
  get(kind: string, namespace: string | undefined, name: string): KObject | undefined;
  getByUid(uid: string): KObject | undefined;
  /** Objects the source holds but does not run (the simulator's unsupported kinds); [] for a real cluster. */
  readonly notSimulated: readonly KObject[];
}

/** The simulated cluster as a source. */
export function clusterSource(c: Cluster): ObjectSource {
  return {
    get now() {
      return c.now;
    },
    msOf: (iso) => c.msOf(iso),
    list: (kind) => c.list(kind),
    get: (kind, ns, name) => c.get(kind, ns, name),
    getByUid: (uid) => c.store.getByUid(uid),
    notSimulated: c.notSimulated,
  };
}

/** Whether a value is a `Cluster` rather than an `ObjectSource` (a cluster has its store). */
export const isCluster = (x: Cluster | ObjectSource): x is Cluster => 'store' in x;

/**
 * A source over plain lists: `now` in ms since `epoch` (a real cluster: `Date.now()` and 0). Each
 * object gets its kind from its list (list items from an API server carry none).
 */
export function listSource(objects: Readonly<Record<string, readonly KObject[]>>, now: number, epoch = 0): ObjectSource {
  const byUid = new Map<string, KObject>();
  const byKey = new Map<string, KObject>();
  const lists: Record<string, KObject[]> = {};
  for (const [kind, objs] of Object.entries(objects)) {
    lists[kind] = objs.map((o) => (o.kind === kind ? o : { ...o, kind }));
    for (const o of lists[kind]) {
      if (o.metadata?.uid) byUid.set(o.metadata.uid, o);
      byKey.set(`${kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`, o);
    }
  }
  return {
    now,
    msOf: (iso) => {
      if (!iso) return undefined;
      const v = Date.parse(iso);
      return Number.isFinite(v) ? v - epoch : undefined;
    },
    list: (kind) => lists[kind] ?? [],
    get: (kind, ns, name) => byKey.get(`${kind}/${ns ?? ''}/${name}`) ?? (ns === undefined ? undefined : byKey.get(`${kind}//${name}`)),
    getByUid: (uid) => byUid.get(uid),
    notSimulated: [],
  };
}
