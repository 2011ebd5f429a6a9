// An informer for one resource of a real cluster: list (in pages), then watch from the list's
// resourceVersion with bookmarks; `410 Gone` (an expired resourceVersion, as an ERROR event or as
// the answer) → list again; any other failure → reconnect after a capped exponential back-off with
// jitter, from the last resourceVersion seen. A watch the server ends normally is resumed at once
// from where it stopped (not re-listed). `403` hides only this resource and records the missing
// permission; it is not retried (no requests while idle), the rest of the informers keep going.
// client-node's ListWatch is not used: it stops for good on any error but 410 (no retry of a failed
// list or watch), re-lists after every normal watch end, and its config.js needs Node ≥ 22.
import type { KObject } from '../cluster/store';
import { HttpError, itemsOf, type RemoteClient, type Watching } from './client';
import type { ResourceSpec } from './resources';
import { isObj, objOf, scalarText } from '../k8s/guards';

export type InformerState = 'starting' | 'live' | 'backoff' | 'forbidden' | 'stopped';

/** A permission the user lacks (what `kubectl auth can-i` would be asked). */
export interface MissingPermission {
  verb: string;
  resource: string;
  group: string;
  /** Undefined at the cluster scope. */
  namespace?: string;
  /** The API server's own words. */
  message: string;
}

export interface InformerOptions {
  /** Watch after listing (default true); false lists once (the CLI's `status`). */
  watch?: boolean;
  /** Retry a failed list or watch (default true). */
  retry?: boolean;
  /** Back-off: the first delay and the cap (defaults 1 s and 30 s), halved at random (jitter). */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Page size of a list (default 500). */
  pageSize?: number;
  /** The server ends a watch after this (default 5–10 min, at random, as client-go's reflector). */
  watchTimeoutSeconds?: number;
  random?: () => number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (h: unknown) => void;
}

/** The delay before attempt `failures + 1`: `d = min(cap, base × 2^(failures−1))`, jittered into [d/2, d). */
export function backoffDelay(failures: number, baseMs: number, capMs: number, random: () => number): number {
  const d = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return d / 2 + (random() * d) / 2;
}

/** apiserver's TooLargeResourceVersion: a 504 Timeout whose cause is ResourceVersionTooLarge (client-go relists on it). */
const tooLarge = (e: HttpError) => e.code === 504 && e.causes.some((c) => c.type === 'ResourceVersionTooLarge');

export class Informer {
  /** The objects, by `namespace/name`. */
  readonly objects = new Map<string, KObject>();
  state: InformerState = 'starting';
  /** When the last list answer or watch event (bookmarks too) arrived; undefined before. */
  lastEventAt?: number;
  forbidden?: MissingPermission;
  /** The last failure, in words (never a credential), and the error itself (for `explain`). */
  lastError?: string;
  lastErrorCause?: unknown;
  /** Whether the first list has been answered (or refused for good). */
  settled = false;
  lists = 0;
  watchesOpened = 0;
  private rv = '';
  private failures = 0;
  private watching?: Watching;
  private timer?: unknown;
  private stopped = false;
  private readonly o: Required<InformerOptions>;

  constructor(
    private readonly client: RemoteClient,
    readonly spec: ResourceSpec,
    readonly namespace: string | undefined,
    opts: InformerOptions,
    private readonly onChange: () => void,
  ) {
    this.o = {
      watch: true,
      retry: true,
      backoffBaseMs: 1000,
      backoffCapMs: 30_000,
      pageSize: 500,
      watchTimeoutSeconds: 0,
      random: Math.random,
      now: Date.now,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
      ...opts,
    };
  }

  private path(query: Record<string, string>): string {
    const ns = this.spec.namespaced && this.namespace ? `/namespaces/${encodeURIComponent(this.namespace)}` : '';
    const base = this.spec.group ? `/apis/${this.spec.group}/${this.spec.version}` : `/api/${this.spec.version}`;
    const q = new URLSearchParams(query).toString();
    return `${base}${ns}/${this.spec.plural}${q ? `?${q}` : ''}`;
  }

  start(): void {
    this.stopped = false;
    void this.list();
  }

  stop(): void {
    this.stopped = true;
    this.state = 'stopped';
    this.watching?.close();
    this.watching = undefined;
    if (this.timer !== undefined) this.o.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** Whether this part of the picture may be out of date (a watch is down, or was never up). */
  get stale(): boolean {
    return this.state === 'backoff' || (this.state === 'starting' && this.failures > 0);
  }

  private touch(): void {
    this.lastEventAt = this.o.now();
  }

  private async list(): Promise<void> {
    if (this.stopped) return;
    this.lists++;
    const fresh = new Map<string, KObject>();
    let cont = '';
    try {
      do {
        const page = await this.client.request('GET', this.path({ limit: String(this.o.pageSize), ...(cont ? { continue: cont } : {}) }));
        for (const o of itemsOf(page)) fresh.set(this.keyOf(o), { ...o, kind: this.spec.kind });
        const md = isObj(page) && isObj(page.metadata) ? page.metadata : {};
        cont = scalarText(md.continue);
        this.rv = scalarText(md.resourceVersion);
      } while (cont && !this.stopped);
    } catch (e) {
      return this.failed(e, 'list');
    }
    if (this.stopped) return;
    this.objects.clear();
    for (const [k, o] of fresh) this.objects.set(k, o);
    this.settled = true;
    this.touch();
    this.forbidden = undefined;
    this.lastError = undefined;
    if (!this.o.watch) {
      this.state = 'live';
      this.onChange();
      return;
    }
    this.onChange();
    this.openWatch();
  }

  private keyOf(o: unknown): string {
    const md = objOf(isObj(o) ? o.metadata : undefined);
    return `${scalarText(md.namespace)}/${scalarText(md.name)}`;
  }

  private openWatch(): void {
    if (this.stopped) return;
    const timeout = this.o.watchTimeoutSeconds || Math.round(300 * (1 + this.o.random()));
    const path = this.path({ watch: 'true', resourceVersion: this.rv, allowWatchBookmarks: 'true', timeoutSeconds: String(timeout) });
    let events = 0;
    let relist = false;
    this.watchesOpened++;
    this.watching = this.client.watch(path, {
      open: () => {
        this.state = 'live';
        this.lastError = undefined;
        this.onChange();
      },
      event: (type, object) => {
        // A watch event's object, as the server sent it (JSON: a Status for ERROR, else an object).
        const obj = object as KObject | undefined;
        events++;
        this.touch();
        if (type !== 'ERROR') this.failures = 0;
        if (type === 'ERROR') {
          if (obj?.code === 410) relist = true;
          else this.lastError = scalarText(obj?.message ?? 'watch error');
          return;
        }
        const rv = obj?.metadata?.resourceVersion;
        if (rv) this.rv = String(rv);
        if (type === 'BOOKMARK') return;
        if (type === 'DELETED') this.objects.delete(this.keyOf(obj));
        else if (type === 'ADDED' || type === 'MODIFIED') this.objects.set(this.keyOf(obj), { ...(obj as KObject), kind: this.spec.kind });
        this.onChange();
      },
      end: (err) => {
        this.watching = undefined;
        if (this.stopped) return;
        if (relist || (err instanceof HttpError && (err.code === 410 || tooLarge(err)))) {
          // The resourceVersion is too old (or one the server never reached: a server that started
          // over with a fresh store): only a new list tells what is there now.
          this.rv = '';
          void this.list();
          return;
        }
        if (err || this.lastError) return this.failed(err ?? new Error(this.lastError), 'watch');
        if (events === 0) this.failures++;
        // The server ended the watch (its timeout): resume from the last resourceVersion, at once
        // unless watches keep ending empty-handed.
        if (this.failures > 0) return this.retryLater(() => this.openWatch());
        this.openWatch();
      },
    });
  }

  private failed(e: unknown, verb: 'list' | 'watch'): void {
    if (this.stopped) return;
    if (e instanceof HttpError && e.code === 403) {
      this.state = 'forbidden';
      this.settled = true;
      this.objects.clear();
      const group = this.spec.group;
      this.forbidden = {
        verb,
        resource: this.spec.plural,
        group,
        namespace: this.spec.namespaced ? this.namespace : undefined,
        message: e.status?.message ?? e.message,
      };
      this.onChange();
      return;
    }
    this.lastError = (e as Error)?.message ?? String(e);
    this.lastErrorCause = e;
    this.failures++;
    if (!this.o.retry) {
      this.state = 'backoff';
      this.settled = true;
      this.onChange();
      return;
    }
    this.state = 'backoff';
    this.onChange();
    this.retryLater(() => (verb === 'watch' && this.rv ? this.openWatch() : void this.list()));
  }

  backoffMs(): number {
    return backoffDelay(this.failures, this.o.backoffBaseMs, this.o.backoffCapMs, this.o.random);
  }

  private retryLater(fn: () => void): void {
    this.state = 'backoff';
    this.timer = this.o.setTimer(() => {
      this.timer = undefined;
      if (!this.stopped) fn();
    }, this.backoffMs());
  }
}
