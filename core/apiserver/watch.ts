// Watches: a history of the store's events for resourceVersion replay (older versions answer
// 410 Expired), the live watches fed from the store and the engine's event log, bookmarks and
// `timeoutSeconds` on the injectable timers.
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../cluster/store';
import { clone, hidePrivate, wantsTable, type ReqCtx } from './http';
import { select, shape } from './read';
import type { ResourceDef } from './registry';
import { matcher } from './selectors';
import type { ApiState } from './state';
import { eventObjects, toTable } from './tables';

interface HistoryEntry {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  obj: KObject;
}

interface LiveWatch {
  def: ResourceDef;
  match(o: KObject): boolean;
  send(type: string, o: KObject): void;
  end(): void;
}

/** Store events kept for replay. */
const HISTORY = 20_000;

/** The store's history and the open watches of one server. */
export class WatchHub {
  private history: HistoryEntry[] = [];
  private live = new Set<LiveWatch>();
  private lastRv = 0;
  /** Watches can resume from this resourceVersion on (older ones were compacted: 410 Expired). */
  private historyFrom = 0;

  constructor(cluster: Cluster) {
    for (const k of cluster.store.kinds()) for (const o of cluster.list(k)) this.lastRv = Math.max(this.lastRv, Number(o.metadata.resourceVersion) || 0);
    this.historyFrom = this.lastRv;
    cluster.store.watch((ev) => {
      const obj = clone(ev.object);
      const e: HistoryEntry = { rv: Number(ev.object.metadata.resourceVersion), type: ev.type, obj };
      this.lastRv = Math.max(this.lastRv, e.rv);
      this.history.push(e);
      if (this.history.length > HISTORY * 1.5) this.historyFrom = this.history.splice(0, this.history.length - HISTORY).pop()!.rv;
      // A watcher's failure must never reach the controller that made the change.
      for (const w of this.live) {
        try {
          if (w.def.kind === obj.kind && w.match(obj)) w.send(ev.type, obj);
        } catch {
          w.end();
        }
      }
    });
    cluster.onEvent(() => {
      for (const w of this.live) {
        if (w.def.kind !== 'Event') continue;
        try {
          const list = eventObjects(cluster, this.rv());
          const last = list[list.length - 1];
          if (last && w.match(last)) w.send(last.count > 1 ? 'MODIFIED' : 'ADDED', last);
        } catch {
          w.end();
        }
      }
    });
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
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    const write = (type: string, o: KObject) => {
      const object = table ? toTable(s.cluster, def.kind, [o], o.metadata.resourceVersion, include, true) : shape(o, def);
      res.write(JSON.stringify({ type, object }, hidePrivate) + '\n');
    };
    const timers: unknown[] = [];
    const ci = s.opts.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));
    const w: LiveWatch = {
      def,
      match: (o) => nsOk(o) && match(o),
      send: write,
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
        res.write(JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${rvParam} (${this.historyFrom})`, reason: 'Expired', code: 410 } }) + '\n');
        res.end();
        return;
      }
      for (const h of this.history) if (h.rv > from && h.obj.kind === def.kind && w.match(h.obj)) write(h.type, h.obj);
    }
    this.live.add(w);
    const si = s.opts.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
    if (q.get('allowWatchBookmarks') === 'true') timers.push(si(() => res.write(JSON.stringify({ type: 'BOOKMARK', object: { kind: def.kind, apiVersion: def.apiVersion, metadata: { resourceVersion: this.rv() } } }) + '\n'), 1000));
    const timeout = Number(q.get('timeoutSeconds') ?? '0');
    let elapsed = 0;
    if (timeout > 0) timers.push(si(() => ++elapsed >= timeout && w.end(), 1000));
    // (IncomingMessage 'close' fires once the request body is read: only the response tells a hang-up.)
    res.on('close', () => w.end());
  }
}
