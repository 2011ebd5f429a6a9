// Kubernetes Events as API objects (what `kube-dorm serve` lists and watches, and what the built-in
// kubectl describes), folded from the engine's event log as the real event
// recorder folds repeats (same namespace, object, type, reason and message: one Event whose
// count grows). Folding is incremental: each engine event updates one entry and is handed to the
// watches as that one Event, so an event costs the same however long the log is. Events expire
// an hour (virtual time) after they were last seen, as the API server's --event-ttl keeps them,
// and at most `maxEvents` are kept (the least recently seen go first).
import type { Cluster, SimEvent } from './cluster';
import type { KObject } from './store';
import { resourceForKind } from '../k8s/registry';

/** The API server's default --event-ttl. */
export const EVENT_TTL_MS = 60 * 60 * 1000;
/** Folded Events kept at most. */
export const MAX_EVENTS = 10_000;

interface Folded {
  first: SimEvent;
  last: SimEvent;
  count: number;
  /** Sequence number of the fold (its name and uid derive from it). */
  idx: number;
}

export class EventLog {
  private folded = new Map<string, Folded>();
  private seq = 0;
  private listeners: ((o: KObject, count: number) => void)[] = [];

  /** `rv` gives the resourceVersion stamped on the Events handed to `onChange` listeners. */
  constructor(
    private readonly cluster: Cluster,
    private readonly rv: () => string,
    private readonly limits: { ttlMs: number; max: number } = { ttlMs: EVENT_TTL_MS, max: MAX_EVENTS },
  ) {
    for (const e of cluster.events) this.fold(e);
    this.trim();
    cluster.onEvent((e) => {
      const f = this.fold(e);
      if (this.folded.size > this.limits.max * 1.25) this.trim();
      // kubectl describe's log has no listener: build the Event only for a watch.
      if (!this.listeners.length) return;
      const o = this.toObject(f, this.rv());
      for (const fn of this.listeners) fn(o, f.count);
    });
  }

  /** Calls `fn` with the Event each new engine event created or updated (and its count). */
  onChange(fn: (o: KObject, count: number) => void): void {
    this.listeners.push(fn);
  }

  /** The Events not yet expired, least recently seen first. */
  list(rv: string): KObject[] {
    this.trim();
    return [...this.folded.values()].sort((a, b) => a.last.t - b.last.t).map((f) => this.toObject(f, rv));
  }

  /** Number of folded Events kept (for tests and the bench). */
  get size(): number {
    return this.folded.size;
  }

  private fold(e: SimEvent): Folded {
    this.seq++;
    const k = `${e.namespace}|${e.object}|${e.type}|${e.reason}|${e.message}`;
    const f = this.folded.get(k);
    if (f) {
      f.last = e;
      f.count++;
      return f;
    }
    const n: Folded = { first: e, last: e, count: 1, idx: this.seq };
    this.folded.set(k, n);
    return n;
  }

  /** Drops expired Events, then the least recently seen beyond `max`. */
  private trim(): void {
    const oldest = this.cluster.now - this.limits.ttlMs;
    for (const [k, f] of this.folded) if (f.last.t < oldest) this.folded.delete(k);
    if (this.folded.size <= this.limits.max) return;
    const byAge = [...this.folded].sort((a, b) => a[1].last.t - b[1].last.t);
    for (const [k] of byAge.slice(0, byAge.length - this.limits.max)) this.folded.delete(k);
  }

  private toObject(f: Folded, rv: string): KObject {
    const c = this.cluster;
    const e = f.last;
    const involved = c.get(e.kind, e.namespace, e.name);
    const res = resourceForKind(e.kind);
    const [component, host] = e.source.split('/');
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${e.name}.${(0x181a0000000000 + f.idx * 7919).toString(16)}`,
        namespace: e.namespace,
        uid: `00000000-0000-4000-9000-${f.idx.toString(16).padStart(12, '0')}`,
        resourceVersion: rv,
        creationTimestamp: c.iso(f.first.t),
      },
      involvedObject: {
        kind: e.kind,
        namespace: e.kind === 'Node' ? undefined : e.namespace,
        name: e.name,
        uid: involved?.metadata.uid ?? (e.kind === 'Node' ? e.name : undefined),
        apiVersion: res?.apiVersion ?? 'v1',
        resourceVersion: involved?.metadata.resourceVersion,
      },
      reason: e.reason,
      message: e.message,
      source: { component: component || 'kube-dorm', host: host || involved?.spec?.nodeName },
      firstTimestamp: c.iso(f.first.t),
      lastTimestamp: c.iso(e.t),
      count: f.count,
      type: e.type,
      eventTime: null,
      reportingComponent: component || 'kube-dorm',
      reportingInstance: host ?? '',
    };
  }
}
