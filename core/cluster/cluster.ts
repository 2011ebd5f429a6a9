// The engine: store + virtual clock + seeded randomness + a work queue of controller keys.
// Controllers are level-triggered: a watch event only enqueues a key; `sync(key)` then compares
// desired and observed state. Timed work (a container that becomes ready in 5 s, a back-off that
// ends, a cron schedule) sits in the clock's queue, so a step costs what changed, not the size of
// the cluster. Event wording follows Kubernetes 1.29.
import { VirtualClock, type Timer } from './clock';
import { Rng } from './rng';
import { Store, type KObject, type WatchEvent } from './store';
import { isClusterScopedKind } from '../k8s/kinds';
import type { NewObject } from '../k8s/types';
import { applyDefaults } from './defaults';
import type { EventArgs, EventReason, SimEvent } from './events';
import { RetryLater } from './admission';

export type { SimEvent } from './events';

export interface ClusterOptions {
  /** Number of worker nodes named node-1..node-N (default 3). */
  nodes?: number;
  nodeCpu?: string | number;
  nodeMemory?: string;
  maxPods?: number;
  seed?: number;
  /** LoadBalancer address pool (as MetalLB would hand out); without one EXTERNAL-IP stays <pending>. */
  lbPool?: string[];
  /** Wall-clock date the simulation pretends to start at (ms since 1970); fixed for determinism. */
  epoch?: number;
  /** Keep at most this many Kubernetes Events (oldest dropped); default unlimited. */
  maxEvents?: number;
}

export interface Controller {
  readonly name: string;
  sync(key: string): void;
}

/** A controller's sync that threw: the key is retried with back-off, the rest of the cluster goes on. */
export interface SyncError {
  /** Virtual time of the failure (ms). */
  t: number;
  controller: string;
  key: string;
  message: string;
  /** Consecutive failures of this key (1 = the first). */
  attempt: number;
  /** When the key is tried again (virtual ms from `t`). */
  retryInMs: number;
}

/**
 * client-go's default controller rate limiter (workqueue.DefaultControllerRateLimiter): a failed key
 * waits 5 ms · 2^(failures-1), at most 1000 s, before it is synced again.
 */
export const RETRY_BASE_MS = 5;
export const RETRY_MAX_MS = 1000_000;
/** Sync errors kept for inspection (oldest dropped). */
const MAX_SYNC_ERRORS = 100;

const DEFAULT_EPOCH = Date.UTC(2025, 0, 1, 0, 0, 0);

const MAX_SYNCS_PER_INSTANT = 2_000_000;

export class Cluster {
  readonly store = new Store();
  readonly clock = new VirtualClock();
  readonly rng: Rng;
  readonly options: Required<Omit<ClusterOptions, 'lbPool' | 'maxEvents'>> & { lbPool: string[]; maxEvents: number };
  /** Kubernetes Events, oldest first (at most `maxEvents`). */
  get events(): SimEvent[] {
    if (this.eventsHead) {
      this.eventLog.splice(0, this.eventsHead);
      this.eventsHead = 0;
    }
    return this.eventLog;
  }
  private eventLog: SimEvent[] = [];
  /** Events before this index are dropped (compacted lazily, so a capped log costs O(1) per event). */
  private eventsHead = 0;
  /** Objects of kinds the simulator keeps but does not run. */
  readonly notSimulated: KObject[] = [];
  private eventListeners: ((e: SimEvent) => void)[] = [];
  private queue: [Controller, string][] = [];
  private queued = new Map<Controller, Set<string>>();
  /** Consecutive failures per controller key (forgotten at the first sync that succeeds). */
  private failures = new Map<Controller, Map<string, number>>();
  /** The pending retry of each failed key (by controller name and key). */
  private retryTimers = new Map<string, Timer>();
  private syncErrorListeners: ((e: SyncError) => void)[] = [];
  /** The latest controller sync errors, oldest first (at most 100). */
  readonly syncErrors: SyncError[] = [];
  private uidSeq = 0;
  private hooks: { [name: string]: unknown } = {};

  constructor(opts: ClusterOptions = {}) {
    this.options = {
      nodes: opts.nodes ?? 3,
      nodeCpu: opts.nodeCpu ?? '4',
      nodeMemory: opts.nodeMemory ?? '8Gi',
      maxPods: opts.maxPods ?? 110,
      seed: opts.seed ?? 1,
      lbPool: opts.lbPool ?? [],
      epoch: opts.epoch ?? DEFAULT_EPOCH,
      maxEvents: opts.maxEvents ?? Infinity,
    };
    this.rng = new Rng(this.options.seed);
  }

  /** Simulated milliseconds since the start. */
  get now(): number {
    return this.clock.now;
  }

  /** An RFC 3339 timestamp for simulated time `ms` (default now), as the API server writes them. */
  iso(ms = this.clock.now): string {
    const sec = Math.floor(ms / 1000);
    if (sec === this.isoSec) return this.isoText;
    this.isoSec = sec;
    return (this.isoText = new Date(this.options.epoch + sec * 1000).toISOString().replace('.000Z', 'Z'));
  }
  private isoSec = NaN;
  private isoText = '';

  /** Simulated ms for an RFC 3339 timestamp written by iso(). */
  msOf(iso: string | undefined): number | undefined {
    if (!iso) return undefined;
    // Timestamps come in runs (every pod of a batch has the same one) and are asked again at every
    // scale-down: the last parse is kept, and the recent ones.
    if (iso === this.lastIso) return this.lastMs;
    let ms = this.parsedIso.get(iso);
    if (ms === undefined && !this.parsedIso.has(iso)) {
      const v = Date.parse(iso);
      ms = Number.isFinite(v) ? v - this.options.epoch : undefined;
      if (this.parsedIso.size >= 8192) this.parsedIso.clear();
      this.parsedIso.set(iso, ms);
    }
    this.lastIso = iso;
    this.lastMs = ms;
    return ms;
  }
  private lastIso: string | undefined;
  private lastMs: number | undefined;
  private parsedIso = new Map<string, number | undefined>();

  newUid(): string {
    const n = ++this.uidSeq;
    const hex = n.toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${hex}`;
  }

  /** A named slot for components to find each other (kubelet, scheduler, ...). */
  setHook(name: string, v: unknown): void {
    this.hooks[name] = v;
  }
  hook<T>(name: string): T {
    return this.hooks[name] as T;
  }

  // ----- work queue --------------------------------------------------------------------------

  enqueue(c: Controller, key: string): void {
    let s = this.queued.get(c);
    if (!s) this.queued.set(c, (s = new Set()));
    if (s.has(key)) return;
    s.add(key);
    this.queue.push([c, key]);
  }

  /** Watch helper: calls `fn` for each change of `kinds`. */
  watch(kinds: string[], fn: (ev: WatchEvent) => void): () => void {
    return this.store.watch(fn, kinds);
  }

  /** Runs queued controller syncs until nothing is left to do at this instant. */
  settle(): void {
    let n = 0;
    let head = 0;
    while (head < this.queue.length) {
      const [c, key] = this.queue[head++];
      this.queued.get(c)!.delete(key);
      if (++n > MAX_SYNCS_PER_INSTANT) {
        this.deferLoop(this.queue.slice(head - 1));
        return;
      }
      this.runSync(c, key);
      if (head > 4096 && head * 2 > this.queue.length) {
        this.queue = this.queue.slice(head);
        head = 0;
      }
    }
    this.queue = [];
  }

  /**
   * Controllers that keep waking each other at one instant (a bug, or two owners fighting over an
   * object) must not stop the clock: the rest of the queue continues a millisecond later, reported
   * like a failed sync.
   */
  private deferLoop(rest: [Controller, string][]): void {
    this.queue = [];
    for (const [c, key] of rest) this.queued.get(c)?.delete(key);
    this.clock.after(1, () => {
      for (const [c, key] of rest) this.enqueue(c, key);
    });
    const message = `simulator did not settle (controller loop): ${MAX_SYNCS_PER_INSTANT} syncs at one instant, ${rest.length} keys continue 1 ms later`;
    this.reportSyncError({ t: this.clock.now, controller: 'work-queue', key: '', message, attempt: 1, retryInMs: 1 });
  }

  /**
   * One sync, isolated: a controller that throws on a key (an object the API server should have
   * refused, a bug) is logged and the key retried with exponential back-off, as client-go's work
   * queue does; other keys and virtual time go on.
   */
  private runSync(c: Controller, key: string): void {
    const failed = this.failures.get(c);
    try {
      c.sync(key);
    } catch (e) {
      this.syncFailed(c, key, e);
      return;
    }
    if (failed?.delete(key) && !failed.size) this.failures.delete(c);
  }

  private syncFailed(c: Controller, key: string, e: unknown): void {
    // A pod the API server refused (core/cluster/admission.ts): the owner already has its
    // FailedCreate event, so the key is retried with the same back-off but is no controller error.
    const refused = e instanceof RetryLater;
    let perKey = this.failures.get(c);
    if (!perKey) this.failures.set(c, (perKey = new Map()));
    const attempt = (perKey.get(key) ?? 0) + 1;
    perKey.set(key, attempt);
    const retryInMs = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(attempt - 1, 30));
    // One retry timer per key, the earliest (as client-go's delaying queue keeps one entry per item).
    const id = `${c.name}\u0000${key}`;
    const pending = this.retryTimers.get(id);
    if (!pending || pending.cancelled || pending.at > this.clock.now + retryInMs) {
      if (pending) pending.cancelled = true;
      const timer = this.clock.after(retryInMs, () => {
        this.retryTimers.delete(id);
        this.enqueue(c, key);
      });
      this.retryTimers.set(id, timer);
    }
    if (!refused) this.reportSyncError({ t: this.clock.now, controller: c.name, key, message: errorText(e), attempt, retryInMs });
  }

  /** A timer (a container start, a back-off end) that throws is reported like a failed sync; time goes on. */
  private runTimer(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.reportSyncError({ t: this.clock.now, controller: 'timer', key: '', message: errorText(e), attempt: 1, retryInMs: 0 });
    }
  }

  private reportSyncError(err: SyncError): void {
    this.syncErrors.push(err);
    if (this.syncErrors.length > MAX_SYNC_ERRORS) this.syncErrors.shift();
    for (const f of this.syncErrorListeners) f(err);
  }

  /** Calls `fn` for each controller sync that threw (the server logs them). */
  onSyncError(fn: (e: SyncError) => void): () => void {
    this.syncErrorListeners.push(fn);
    return () => {
      this.syncErrorListeners = this.syncErrorListeners.filter((f) => f !== fn);
    };
  }

  /** Advances the virtual clock by `ms`, running everything that falls due on the way. */
  advance(ms: number): void {
    this.advanceTo(this.clock.now + Math.max(0, ms));
  }

  advanceTo(target: number): void {
    this.settle();
    for (;;) {
      const due = this.clock.popDue(target);
      if (!due.length) break;
      this.clock.now = due[0].at;
      for (const t of due) if (!t.cancelled) this.runTimer(t.fn);
      this.settle();
    }
    if (target > this.clock.now) this.clock.now = target;
  }

  /** Advances until `pred()` holds (checked after each instant) or `maxMs` passes; returns whether it held. */
  advanceUntil(pred: () => boolean, maxMs: number): boolean {
    const limit = this.clock.now + maxMs;
    this.settle();
    if (pred()) return true;
    for (;;) {
      const next = this.clock.peek();
      if (next === undefined || next > limit) {
        this.clock.now = limit;
        return pred();
      }
      this.advanceTo(next);
      if (pred()) return true;
    }
  }

  // ----- events ------------------------------------------------------------------------------

  onEvent(fn: (e: SimEvent) => void): () => void {
    this.eventListeners.push(fn);
    return () => {
      this.eventListeners = this.eventListeners.filter((f) => f !== fn);
    };
  }

  /** Records a Kubernetes Event about `obj`: its reason with the reason's arguments, and kubectl's message. */
  recordEvent<R extends EventReason>(
    obj: KObject | { kind: string; metadata: { name: string; namespace?: string } },
    type: 'Normal' | 'Warning',
    reason: R,
    args: EventArgs[R],
    message: string,
    source = '',
  ): void {
    const e = {
      t: this.clock.now,
      type,
      reason,
      args,
      object: `${obj.kind}/${obj.metadata.name}`,
      kind: obj.kind,
      name: obj.metadata.name,
      namespace: obj.metadata.namespace ?? 'default',
      message,
      source,
    } as SimEvent;
    this.eventLog.push(e);
    if (this.eventLog.length - this.eventsHead > this.options.maxEvents) {
      this.eventsHead = this.eventLog.length - this.options.maxEvents;
      if (this.eventsHead >= 4096 && this.eventsHead * 2 >= this.eventLog.length) {
        this.eventLog.splice(0, this.eventsHead);
        this.eventsHead = 0;
      }
    }
    for (const f of this.eventListeners) f(e);
  }

  // ----- API server --------------------------------------------------------------------------

  /**
   * Creates an object as the API server would: metadata, defaults, then stores it. `fresh`: the
   * caller built `obj` itself and no two places in it are one object (a controller's pod from a
   * cloned template), so the walk that separates YAML aliases is skipped.
   */
  create(obj: NewObject, fresh = false): KObject {
    if (!fresh) unalias(obj);
    const md = (obj.metadata ??= {});
    if (isClusterScopedKind(obj.kind) || this.isClusterScopedCustom(obj)) delete md.namespace;
    else md.namespace ??= 'default';
    // Admission that may refuse the object (an AdmissionError) runs before a name is drawn for it.
    const refuse = this.hooks['admission:' + obj.kind] as ((o: NewObject) => void) | undefined;
    if (refuse) refuse(obj);
    if (!md.name && md.generateName) {
      // 27^5 suffixes: collisions are certain in big clusters; the real controller retries the
      // AlreadyExists error with a new name, so draw again.
      do md.name = md.generateName + this.randomSuffix();
      while (this.store.get(obj.kind, md.namespace, md.name));
    }
    md.uid = this.newUid();
    md.creationTimestamp = this.iso();
    if (obj.spec !== undefined || ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'].includes(obj.kind)) md.generation = 1;
    applyDefaults(obj);
    const stored = obj as KObject;
    const admit = this.hooks['admit:' + obj.kind] as ((o: KObject) => void) | undefined;
    if (admit) admit(stored);
    return this.store.create(stored);
  }

  /** A custom resource whose stored CustomResourceDefinition says `scope: Cluster`. */
  private isClusterScopedCustom(obj: { kind: string; apiVersion?: string }): boolean {
    const group = typeof obj.apiVersion === 'string' ? obj.apiVersion.slice(0, Math.max(0, obj.apiVersion.lastIndexOf('/'))) : '';
    if (!group.includes('.')) return false;
    return this.store.list('CustomResourceDefinition').some((c) => c.spec?.group === group && c.spec?.names?.kind === obj.kind && c.spec?.scope === 'Cluster');
  }

  randomSuffix(): string {
    const A = 'bcdfghjklmnpqrstvwxz2456789';
    let s = '';
    for (let i = 0; i < 5; i++) s += A[this.rng.int(A.length)];
    return s;
  }

  /** Publishes a change made in place; bumps generation when asked (spec changes). */
  update(obj: KObject, specChanged = false): void {
    if (specChanged) obj.metadata.generation = (obj.metadata.generation ?? 0) + 1;
    this.store.update(obj);
  }

  /**
   * Deletes an object. Pods on a node are deleted gracefully (Terminating until the kubelet has
   * stopped them); everything else goes at once and the garbage collector removes dependents.
   */
  delete(obj: KObject, opts: { gracePeriodSeconds?: number } = {}): void {
    if (obj.kind === 'Pod') {
      const kubelet = this.hooks['kubelet'] as { deletePod(p: KObject, grace?: number): void } | undefined;
      if (kubelet && obj.spec?.nodeName && opts.gracePeriodSeconds !== 0) {
        kubelet.deletePod(obj, opts.gracePeriodSeconds);
        return;
      }
    }
    this.store.remove(obj);
  }

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.store.get(kind, namespace, name);
  }

  list(kind: string, namespace?: string): KObject[] {
    return this.store.list(kind, namespace);
  }
}

function errorText(e: unknown): string {
  return String(e instanceof Error ? e.message : e).slice(0, 300);
}

/**
 * Gives every object inside `obj` a single parent: an object created in code (not decoded from
 * JSON) may share one annotations map between its metadata and its pod template, and the
 * Deployment controller's revision annotation would then change the template too — a new
 * ReplicaSet on every sync, for ever. Shared sub-objects are replaced by copies, in place.
 */
function unalias(obj: unknown): void {
  const seen = new Set<object>();
  const ancestors = new Set<object>();
  const walk = (v: Record<string, unknown>): void => {
    ancestors.add(v);
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x === null || typeof x !== 'object') continue;
      if (ancestors.has(x)) {
        v[k] = null; // a cycle (a recursive YAML anchor): no JSON object has one
        continue;
      }
      const own = (seen.has(x) ? JSON.parse(JSON.stringify(x)) : x) as Record<string, unknown>;
      v[k] = own;
      seen.add(own);
      walk(own);
    }
    ancestors.delete(v);
  };
  if (obj && typeof obj === 'object') {
    seen.add(obj);
    walk(obj as Record<string, unknown>);
  }
}
