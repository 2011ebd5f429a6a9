// Watches: a history of the store's events for resourceVersion replay (older versions answer
// 410 Expired; bounded by count and by bytes), the live watches fed from the store and the
// folded Events, bookmarks and `timeoutSeconds` on the injectable timers. A watcher that stops
// reading is dropped once its unsent backlog passes a limit, as the API server drops watchers
// that fall behind, so a client that never reads cannot grow the server's memory.
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../cluster/store';
import type { EventLog } from '../cluster/event-log';
import { hidePrivate, sendStatus, wantsTable, type ReqCtx } from './http';
import { select, shape } from './read';
import type { ResourceDef } from '../k8s/registry';
import { matcher } from './selectors';
import type { ApiState } from './state';
import { toTable } from './tables';

interface HistoryEntry {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  obj: KObject;
  /** Length of the object's JSON (what the entry costs to keep). */
  bytes: number;
}

interface LiveWatch {
  def: ResourceDef;
  match(o: KObject): boolean;
  send(type: string, o: KObject): void;
  end(): void;
}

export interface WatchLimits {
  /** Store events kept for replay at most (default 20,000). */
  historyEvents: number;
  /** Bytes of store events kept for replay at most (default 64 MiB). */
  historyBytes: number;
  /** A watcher whose unsent output passes this is dropped (default 8 MiB). */
  backlogBytes: number;
}

export const DEFAULT_WATCH_LIMITS: WatchLimits = { historyEvents: 20_000, historyBytes: 64 * 1024 * 1024, backlogBytes: 8 * 1024 * 1024 };

/** The store's history and the open watches of one server. */
export class WatchHub {
  private history: HistoryEntry[] = [];
  private historyBytes = 0;
  private live = new Set<LiveWatch>();
  private lastRv = 0;
  /** Watches can resume from this resourceVersion on (older ones were compacted: 410 Expired). */
  private historyFrom = 0;
  readonly limits: WatchLimits;

  constructor(cluster: Cluster, events: EventLog, limits: Partial<WatchLimits> = {}) {
    this.limits = { ...DEFAULT_WATCH_LIMITS, ...limits };
    for (const k of cluster.store.kinds()) for (const o of cluster.list(k)) this.lastRv = Math.max(this.lastRv, Number(o.metadata.resourceVersion) || 0);
    this.historyFrom = this.lastRv;
    cluster.store.watch((ev) => {
      const text = JSON.stringify(ev.object, hidePrivate);
      const obj = JSON.parse(text) as KObject;
      const e: HistoryEntry = { rv: Number(ev.object.metadata.resourceVersion), type: ev.type, obj, bytes: text.length };
      this.lastRv = Math.max(this.lastRv, e.rv);
      this.history.push(e);
      this.historyBytes += e.bytes;
      if (this.history.length > this.limits.historyEvents * 1.5 || this.historyBytes > this.limits.historyBytes) this.compact();
      this.broadcast(obj, ev.type);
    });
    events.onChange((o, count) => this.broadcast(o, count > 1 ? 'MODIFIED' : 'ADDED'));
  }

  /** Number of open watches. */
  get count(): number {
    return this.live.size;
  }

  /** Sends a change to the watches of its kind; a watcher's failure never reaches the controller that made it. */
  private broadcast(obj: KObject, type: string): void {
    for (const w of this.live) {
      try {
        if (w.def.kind === obj.kind && w.match(obj)) w.send(type, obj);
      } catch {
        w.end();
      }
    }
  }

  /** Drops the oldest history down to 3/4 of the limits (amortised O(1) per event). */
  private compact(): void {
    const h = this.history;
    let drop = 0;
    let bytes = this.historyBytes;
    while (drop < h.length && (h.length - drop > this.limits.historyEvents || bytes > this.limits.historyBytes * 0.75)) bytes -= h[drop++].bytes;
    if (!drop) return;
    this.historyFrom = h[drop - 1].rv;
    h.splice(0, drop);
    this.historyBytes = bytes;
  }

  /** The store's current resourceVersion (read without drawing a new one). */
  rv(): string {
    return String(this.lastRv);
  }

  /** Ends every open watch. */
  closeAll(): void {
    for (const w of this.live) w.end();
    this.live.clear();
  }

  /** Starts a watch (GET with `watch=true`) on the response. */
  open(s: ApiState, x: ReqCtx): void {
    const { def, namespace, q, req, res } = x;
    const table = wantsTable(req);
    const include = q.get('includeObject') ?? 'Metadata';
    const match = matcher(def, q);
    const nsOk = (o: KObject) => namespace === undefined || (o.metadata.namespace ?? 'default') === namespace;
    const asked = Number(q.get('resourceVersion') ?? '0');
    if (asked > this.lastRv) {
      // A version this server never reached (a client of another server at the same address, or of
      // this one before a restart with a fresh cluster): apiserver's storage.NewTooLargeResourceVersionError.
      // The client (client-go's reflector, core/remote/informer.ts) lists again.
      const causes = [{ type: 'ResourceVersionTooLarge', message: 'Too large resource version' }];
      return sendStatus(res, 504, 'Timeout', `Timeout: Too large resource version: ${asked}, current: ${this.lastRv}`, { causes, retryAfterSeconds: 1 });
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    const write = (type: string, o: KObject) => {
      const object = table ? toTable(s.cluster, def, [o], o.metadata.resourceVersion, include, true) : shape(o, def);
      res.write(JSON.stringify({ type, object }, hidePrivate) + '\n');
    };
    // A watcher that does not read falls behind: drop it (its client sees the watch end and may re-list).
    const send = (type: string, o: KObject) => {
      write(type, o);
      if (res.writableLength > this.limits.backlogBytes) {
        w.end();
        res.destroy();
      }
    };
    const timers: unknown[] = [];
    const ci = s.opts.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));
    const w: LiveWatch = {
      def,
      match: (o) => nsOk(o) && match(o),
      send,
      end: () => {
        this.live.delete(w);
        for (const h of timers) ci(h);
        if (!res.writableEnded) res.end();
      },
    };
    const rvParam = q.get('resourceVersion');
    if (!rvParam || rvParam === '0') {
      for (const o of select(s, def, namespace, q)) write('ADDED', o);
    } else if (def.kind !== 'Event') {
      // Events are folded from the engine's log, not stored: they replay nothing.
      const from = Number(rvParam);
      if (!(from >= this.historyFrom)) {
        res.write(
          JSON.stringify({
            type: 'ERROR',
            object: {
              kind: 'Status',
              apiVersion: 'v1',
              metadata: {},
              status: 'Failure',
              message: `too old resource version: ${rvParam} (${this.historyFrom})`,
              reason: 'Expired',
              code: 410,
            },
          }) + '\n',
        );
        res.end();
        return;
      }
      for (const h of this.history) if (h.rv > from && h.obj.kind === def.kind && w.match(h.obj)) write(h.type, h.obj);
    }
    this.live.add(w);
    const si = s.opts.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
    if (q.get('allowWatchBookmarks') === 'true')
      timers.push(
        si(
          () =>
            res.write(
              JSON.stringify({ type: 'BOOKMARK', object: { kind: def.kind, apiVersion: def.apiVersion, metadata: { resourceVersion: this.rv() } } }) + '\n',
            ),
          1000,
        ),
      );
    const timeout = Number(q.get('timeoutSeconds') ?? '0');
    let elapsed = 0;
    if (timeout > 0) timers.push(si(() => ++elapsed >= timeout && w.end(), 1000));
    // (IncomingMessage 'close' fires once the request body is read: only the response tells a hang-up.)
    res.on('close', () => w.end());
  }
}
