// The object store: what the API server holds. Objects are kept in Kubernetes' own JSON shape,
// indexed by kind/namespace/name and by owner uid, and every change is published to watchers as
// ADDED / MODIFIED / DELETED, as a watch on the API server would deliver it.
import { isClusterScopedKind } from '../k8s/kinds';
import type {
  ConfigMap,
  CronJob,
  DaemonSet,
  Event,
  Deployment,
  Endpoints,
  EndpointSlice,
  HorizontalPodAutoscaler,
  Job,
  Namespace,
  Node,
  ObjectMeta,
  OwnerReference,
  Pod,
  ReplicaSet,
  Secret,
  Service,
  StatefulSet,
} from '../k8s/types';

export type { ObjectMeta, OwnerReference };

/**
 * A stored object of any kind. Fields other than spec and status (a Secret's `data`, an
 * EndpointSlice's `endpoints`, ...) are `unknown`: read them through `asKind` (the kind's model
 * type) or the guards of core/k8s/guards.ts. spec and status are still `any`: the controllers and
 * kubectl read them in about 1,100 places (ANY_ALLOWED in eslint.config.mjs says so).
 */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [k: string]: unknown;
}

/** The model type of each kind whose spec and status code may read typed (core/k8s/types.ts). */
export interface KindModels {
  Pod: Pod;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  DaemonSet: DaemonSet;
  StatefulSet: StatefulSet;
  Job: Job;
  CronJob: CronJob;
  Service: Service;
  Endpoints: Endpoints;
  EndpointSlice: EndpointSlice;
  Node: Node;
  Namespace: Namespace;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  Event: Event;
  ConfigMap: ConfigMap;
  Secret: Secret;
}

/**
 * `o` as its kind's model type (spec and status typed), or undefined when it is of another kind:
 * how code moves off KObject's `any` spec and status one area at a time, without the store's
 * callers all changing at once. A cast, not a copy or a check of the fields: the store holds what
 * the API server admitted.
 */
export function asKind<K extends keyof KindModels>(o: KObject | undefined, kind: K): KindModels[K] | undefined {
  return o?.kind === kind ? (o as unknown as KindModels[K]) : undefined;
}

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface WatchEvent {
  type: WatchType;
  object: KObject;
}
export type Watcher = (ev: WatchEvent) => void;

/**
 * Metadata of an object about to be created: Cluster.create and the store fill in uid,
 * resourceVersion and creationTimestamp (and a name from generateName).
 */
export function newMeta(m: Partial<ObjectMeta>): ObjectMeta {
  return m as ObjectMeta;
}

/** A JSON.stringify replacer dropping engine-private fields (`_progressed`, ...): they never leave the API server. */
export const hidePrivate = (k: string, v: unknown): unknown => (k.charCodeAt(0) === 95 ? undefined : v);
/** A deep copy without engine-private fields, as the API server hands an object out (or takes one in). */
export const publicCopy = <T>(v: T): T => JSON.parse(JSON.stringify(v, hidePrivate));

export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function objKey(o: KObject): string {
  return keyOf(o.metadata.namespace, o.metadata.name);
}

export class Store {
  private byKind = new Map<string, Map<string, KObject>>();
  private byOwner = new Map<string, Set<KObject>>();
  private byUid = new Map<string, KObject>();
  private watchers: Watcher[] = [];
  private kindWatchers = new Map<string, Watcher[]>();
  private rv = 0;

  /** Subscribes to every change (or only `kinds`); returns the unsubscribe function. */
  watch(fn: Watcher, kinds?: string[]): () => void {
    if (!kinds) {
      this.watchers.push(fn);
      return () => {
        this.watchers = this.watchers.filter((w) => w !== fn);
      };
    }
    for (const k of kinds) {
      const list = this.kindWatchers.get(k) ?? [];
      list.push(fn);
      this.kindWatchers.set(k, list);
    }
    return () => {
      for (const k of kinds)
        this.kindWatchers.set(
          k,
          (this.kindWatchers.get(k) ?? []).filter((w) => w !== fn),
        );
    };
  }

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.byKind.get(kind)?.get(keyOf(isClusterScopedKind(kind) ? undefined : namespace, name));
  }

  getByUid(uid: string): KObject | undefined {
    return this.byUid.get(uid);
  }

  /** Objects of a kind (in insertion order), optionally in one namespace. */
  list(kind: string, namespace?: string): KObject[] {
    const m = this.byKind.get(kind);
    if (!m) return [];
    const all = [...m.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  kinds(): string[] {
    return [...this.byKind.keys()].filter((k) => (this.byKind.get(k)?.size ?? 0) > 0);
  }

  /** Objects whose ownerReferences name `uid`. */
  ownedBy(uid: string): KObject[] {
    const s = this.byOwner.get(uid);
    return s ? [...s] : [];
  }

  /** Calls `fn` on each object `uid` owns, in the order ownedBy lists them, without copying the set. */
  forEachOwned(uid: string, fn: (o: KObject) => void): void {
    this.byOwner.get(uid)?.forEach((o) => fn(o));
  }

  /** Whether `obj` is indexed under owner `uid` (what forEachOwned(uid) walks). */
  isOwnedBy(uid: string, obj: KObject): boolean {
    return this.byOwner.get(uid)?.has(obj) ?? false;
  }

  ownedCount(uid: string): number {
    return this.byOwner.get(uid)?.size ?? 0;
  }

  /** The resourceVersion of the latest change (what a list answered now carries). */
  get lastResourceVersion(): string {
    return String(this.rv);
  }

  nextResourceVersion(): string {
    return String(++this.rv);
  }

  create(obj: KObject): KObject {
    const kind = obj.kind;
    let m = this.byKind.get(kind);
    if (!m) this.byKind.set(kind, (m = new Map()));
    const key = objKey(obj);
    if (m.has(key)) throw new Error(`${kind} "${obj.metadata.name}" already exists`);
    obj.metadata.resourceVersion = this.nextResourceVersion();
    m.set(key, obj);
    this.byUid.set(obj.metadata.uid, obj);
    for (const ref of obj.metadata.ownerReferences ?? []) this.indexOwner(ref.uid, obj);
    this.emit({ type: 'ADDED', object: obj });
    return obj;
  }

  /** Publishes an in-place change to `obj` (which must be the stored object). */
  update(obj: KObject, ownersBefore?: OwnerReference[]): KObject {
    obj.metadata.resourceVersion = this.nextResourceVersion();
    if (ownersBefore) {
      for (const ref of ownersBefore) this.byOwner.get(ref.uid)?.delete(obj);
      for (const ref of obj.metadata.ownerReferences ?? []) this.indexOwner(ref.uid, obj);
    }
    this.emit({ type: 'MODIFIED', object: obj });
    return obj;
  }

  /** Removes the object for good (graceful deletion is the engine's business). */
  remove(obj: KObject): boolean {
    const m = this.byKind.get(obj.kind);
    const key = objKey(obj);
    if (!m || m.get(key) !== obj) return false;
    m.delete(key);
    this.byUid.delete(obj.metadata.uid);
    for (const ref of obj.metadata.ownerReferences ?? []) this.byOwner.get(ref.uid)?.delete(obj);
    obj.metadata.resourceVersion = this.nextResourceVersion();
    this.emit({ type: 'DELETED', object: obj });
    return true;
  }

  private indexOwner(uid: string, obj: KObject): void {
    let s = this.byOwner.get(uid);
    if (!s) this.byOwner.set(uid, (s = new Set()));
    s.add(obj);
  }

  private emit(ev: WatchEvent): void {
    const kw = this.kindWatchers.get(ev.object.kind);
    if (kw) for (const w of kw) w(ev);
    for (const w of this.watchers) w(ev);
  }
}

export function controllerOf(o: KObject): OwnerReference | undefined {
  const refs = o.metadata.ownerReferences;
  // Not an array (a malformed object): find() answers (or throws) as it always did.
  if (!Array.isArray(refs)) return (refs as OwnerReference[] | undefined)?.find((r) => r.controller);
  // A loop, not find(): every controller asks this of every pod it walks.
  for (let i = 0; i < refs.length; i++) if (refs[i].controller) return refs[i];
  return undefined;
}
