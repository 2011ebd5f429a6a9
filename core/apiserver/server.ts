// A Kubernetes-API-shaped HTTP server over the simulated cluster, so the real kubectl client can
// talk to it: /version, legacy discovery, OpenAPI v2/v3, list/get/watch (Tables, selectors,
// resourceVersion, bookmarks), create/update/delete, the four PATCH types, /scale, /status,
// pods/log, services/proxy and Events. Node's `http` only; no vscode. Binds 127.0.0.1 only.
// Virtual time is the caller's business (cli/serve.ts advances the clock); every mutation is
// settled at once so watchers see the controllers' reaction.
import * as http from 'node:http';
import * as https from 'node:https';
import type { ServingCert } from './tls';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../cluster/store';
import { isClusterScopedKind } from '../k8s/kinds';
import { applyObject } from '../cluster/apply';
import { applyDefaults } from '../cluster/defaults';
import { SIMULATED_KINDS_LIST } from '../cluster/kinds';
import { parseSelector } from '../k8s/selector';
import { formatSelector } from '../k8s/labels';
import { Workspace } from '../workspace/index';
import { lintFile } from '../lint';
import { t } from '../i18n/index';
import { findResource, groups, resources, type ResourceDef } from './registry';
import { eventObjects, toTable } from './tables';
import { jsonPatch, leafPaths, mergePatch, PatchError, strategicMergePatch, valueAt } from './patch';
import { openApiV2, openApiV3Index, openApiV3Doc } from './openapi';
import { encodeOpenApiV2 } from './openapi-pb';
import { decodeProtobufObject, isProtobuf } from './protobuf';
import { PodLogs } from './logs';
import { isObj } from '../k8s/guards';

export const KUBE_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0', gitCommit: '0000000000000000000000000000000000000000', gitTreeState: 'clean', buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.23.4', compiler: 'gc', platform: 'linux/amd64' };

export interface ApiServerOptions {
  /** Bearer token every request must carry. */
  token: string;
  /** Serve HTTPS with this certificate (kubectl only sends a token over TLS); plain HTTP without. */
  tls?: ServingCert;
  /** Called after every change made through the API (the panel refreshes on it). */
  onChange?: () => void;
  /**
   * Called after each change with a kubectl-style line (`delete pod web-x`, `scale deployment/web
   * --replicas=3`, `create deployment web`, `patch deployment web`), so lessons can count it as
   * a command the learner ran.
   */
  onAction?: (line: string) => void;
  /** Test-only: enables POST /kube-dorm/advance?seconds=N (authorised like every request). */
  allowAdvance?: boolean;
  /** Wall-clock timers for bookmarks and watch timeouts (injected so core stays clock-free in tests). */
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (h: unknown) => void;
}

interface HistoryEntry {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  obj: KObject;
}

interface LiveWatch {
  def: ResourceDef;
  match(o: KObject): boolean;
  send(type: string, o: KObject): void;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Engine-private fields (`_progressed`, ...) never leave the server. */
const hidePrivate = (k: string, v: unknown) => (k.charCodeAt(0) === 95 ? undefined : v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v, hidePrivate));
const HISTORY = 20_000;
/** The real API server's request body limit (3 MiB). */
const MAX_BODY = 3 * 1024 * 1024;

export function qualified(def: ResourceDef): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

export class KubeApiServer {
  readonly logs: PodLogs;
  private server?: http.Server;
  private history: HistoryEntry[] = [];
  private watches = new Set<LiveWatch>();
  private sockets = new Set<import('node:net').Socket>();
  private url = '';
  private v2pb?: Buffer;

  constructor(
    readonly cluster: Cluster,
    readonly opts: ApiServerOptions,
  ) {
    this.logs = new PodLogs(cluster);
    for (const k of cluster.store.kinds()) for (const o of cluster.list(k)) this.lastRv = Math.max(this.lastRv, Number(o.metadata.resourceVersion) || 0);
    this.historyFrom = this.lastRv;
    cluster.store.watch((ev) => {
      const obj = clone(ev.object);
      const e: HistoryEntry = { rv: Number(ev.object.metadata.resourceVersion), type: ev.type, obj };
      this.lastRv = Math.max(this.lastRv, e.rv);
      this.history.push(e);
      if (this.history.length > HISTORY * 1.5) this.historyFrom = this.history.splice(0, this.history.length - HISTORY).pop()!.rv;
      // A watcher's failure must never reach the controller that made the change.
      for (const w of this.watches) {
        try {
          if (w.def.kind === obj.kind && w.match(obj)) w.send(ev.type, obj);
        } catch {
          (w as { end?: () => void }).end?.();
        }
      }
    });
    cluster.onEvent(() => {
      for (const w of this.watches) {
        if (w.def.kind !== 'Event') continue;
        try {
          const list = eventObjects(cluster, this.rv());
          const last = list[list.length - 1];
          if (last && w.match(last)) w.send(last.count > 1 ? 'MODIFIED' : 'ADDED', last);
        } catch {
          (w as { end?: () => void }).end?.();
        }
      }
    });
  }

  /** Starts listening on 127.0.0.1 (never another address); resolves to the base URL. */
  listen(port = 0): Promise<string> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
    const srv = this.opts.tls ? https.createServer({ key: this.opts.tls.key, cert: this.opts.tls.cert }, handler) : http.createServer(handler);
    this.server = srv;
    srv.on('connection', (s: import('node:net').Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    return new Promise((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const a = srv.address() as AddressInfo;
        this.url = `${this.opts.tls ? 'https' : 'http'}://127.0.0.1:${a.port}`;
        resolve(this.url);
      });
    });
  }

  get address(): string {
    return this.url;
  }

  close(): Promise<void> {
    for (const w of this.watches) (w as any).end?.();
    this.watches.clear();
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A kubeconfig for this server (context `kube-dorm`). */
  kubeconfig(): string {
    return [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: kube-dorm',
      '  cluster:',
      `    server: ${this.url}`,
      ...(this.opts.tls ? [`    certificate-authority-data: ${Buffer.from(this.opts.tls.cert).toString('base64')}`] : []),
      'users:',
      '- name: kube-dorm-learner',
      '  user:',
      `    token: ${this.opts.token}`,
      'contexts:',
      '- name: kube-dorm',
      '  context:',
      '    cluster: kube-dorm',
      '    user: kube-dorm-learner',
      '    namespace: default',
      'current-context: kube-dorm',
      'preferences: {}',
      '',
    ].join('\n');
  }

  /** The store's current resourceVersion (read without drawing a new one). */
  private rv(): string {
    return String(this.lastRv);
  }
  private lastRv = 0;
  /** Watches can resume from this resourceVersion on (older ones were compacted: 410 Expired). */
  private historyFrom = 0;

  // ----- HTTP plumbing ----------------------------------------------------------------------------

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (d: Buffer) => {
      size += d.length;
      if (size <= MAX_BODY) chunks.push(d);
    });
    req.on('end', () => {
      if (size > MAX_BODY) {
        this.status(res, 413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
        return;
      }
      try {
        this.route(req, res, Buffer.concat(chunks));
      } catch (e) {
        if (res.headersSent) {
          res.end();
          return;
        }
        if (e instanceof ApiError) this.status(res, e.code, e.reason, e.message, e.details);
        else this.status(res, 500, 'InternalError', `Internal error occurred: ${(e as Error)?.message ?? String(e)}`);
      }
    });
  }

  private authorised(req: http.IncomingMessage): boolean {
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(h);
    if (!m) return false;
    const a = Buffer.from(m[1].trim());
    const b = Buffer.from(this.opts.token);
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
    return diff === 0;
  }

  private send(res: http.ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body, hidePrivate);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...headers });
    res.end(text);
  }

  private status(res: http.ServerResponse, code: number, reason: string, message: string, details?: Record<string, unknown>): void {
    this.send(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
  }

  private action(verb: string, def: ResourceDef, name: string, extra = ''): void {
    this.opts.onAction?.(`${verb} ${verb === 'scale' ? `${def.singular}/${name}` : `${def.singular} ${name}`}${extra}`);
  }

  private changed(): void {
    this.cluster.settle();
    this.opts.onChange?.();
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = u.searchParams;
    const method = (req.method ?? 'GET').toUpperCase();
    if (!this.authorised(req)) {
      this.status(res, 401, 'Unauthorized', 'Unauthorized');
      return;
    }
    let parts: string[];
    try {
      parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      throw new ApiError(400, 'BadRequest', `invalid path: ${u.pathname}`);
    }
    const p = '/' + parts.join('/');
    if (method === 'GET') {
      if (p === '/version') return this.send(res, 200, KUBE_VERSION);
      if (p === '/healthz' || p === '/livez' || p === '/readyz') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      }
      if (p === '/api') return this.send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: this.url.replace(/^https?:\/\//, '') }] });
      if (p === '/apis') return this.send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: groups().map((g) => this.apiGroup(g)) });
      if (p === '/api/v1') return this.send(res, 200, this.resourceList('', 'v1'));
      if (parts[0] === 'apis' && parts.length === 2) {
        const g = groups().find((x) => x.name === parts[1]);
        if (!g) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
        return this.send(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...this.apiGroup(g) });
      }
      if (parts[0] === 'apis' && parts.length === 3) {
        const list = this.resourceList(parts[1], parts[2]);
        if (!list.resources.length) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
        return this.send(res, 200, list);
      }
      if (p === '/openapi/v2') {
        // kubectl asks for gnostic's protobuf encoding; other clients get JSON.
        if (/protobuf/.test(req.headers.accept ?? '')) {
          this.v2pb ??= encodeOpenApiV2(openApiV2() as Record<string, unknown>);
          res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' });
          res.end(this.v2pb);
          return;
        }
        return this.send(res, 200, openApiV2());
      }
      if (p === '/openapi/v3') return this.send(res, 200, openApiV3Index());
      if (parts[0] === 'openapi' && parts[1] === 'v3') {
        const doc = openApiV3Doc(parts.slice(2).join('/'));
        if (!doc) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
        return this.send(res, 200, doc, { 'Cache-Control': 'public, immutable' });
      }
    }
    if (p === '/kube-dorm/advance' && method === 'POST' && this.opts.allowAdvance) {
      const s = Number(q.get('seconds') ?? '0');
      if (!(s >= 0 && s <= 86400)) throw new ApiError(400, 'BadRequest', 'seconds must be between 0 and 86400');
      this.cluster.advance(s * 1000);
      this.changed();
      return this.send(res, 200, { now: this.cluster.now });
    }
    // Resource paths: /api/v1/... or /apis/<group>/<version>/...
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api' && parts[1] === 'v1') {
      group = '';
      version = 'v1';
      rest = parts.slice(2);
    } else if (parts[0] === 'apis' && parts.length >= 4) {
      group = parts[1];
      version = parts[2];
      rest = parts.slice(3);
    } else throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3 && findResource(group, version, rest[2])?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const [plural, name, sub, ...subrest] = rest;
    const def = findResource(group, version, plural);
    if (!def) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (!def.namespaced) namespace = undefined;
    const ctx: ReqCtx = { req, res, q, body, def, namespace, name, sub, subrest, method };
    if (name === undefined) return this.collection(ctx);
    return this.item(ctx);
  }

  private apiGroup(g: { name: string; versions: string[] }): Record<string, unknown> {
    const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
    return { name: g.name, versions, preferredVersion: versions[0] };
  }

  private resourceList(group: string, version: string): { kind: string; apiVersion: string; groupVersion: string; resources: unknown[] } {
    const out: unknown[] = [];
    for (const d of resources().filter((x) => x.group === group && x.version === version)) {
      out.push({
        name: d.plural,
        singularName: d.singular,
        namespaced: d.namespaced,
        kind: d.kind,
        verbs: d.verbs,
        ...(d.shortNames.length ? { shortNames: d.shortNames } : {}),
        ...(d.categories.length ? { categories: d.categories } : {}),
        storageVersionHash: Buffer.from(`${d.apiVersion}/${d.kind}`).toString('base64').slice(0, 11),
      });
      for (const s of d.subresources) {
        out.push({ name: `${d.plural}/${s.name}`, singularName: '', namespaced: d.namespaced, ...(s.group !== undefined ? { group: s.group, version: s.version } : {}), kind: s.kind, verbs: s.verbs });
      }
    }
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: out };
  }

  // ----- reading ------------------------------------------------------------------------------------

  /** Objects of a resource, filtered by namespace and selectors, sorted by namespace/name. */
  private select(def: ResourceDef, namespace: string | undefined, q: URLSearchParams): KObject[] {
    const c = this.cluster;
    let objs = def.kind === 'Event' ? eventObjects(c, this.rv()) : c.list(def.kind).filter((o) => o.apiVersion === def.apiVersion || !this.servedElsewhere(o, def));
    if (namespace !== undefined) objs = objs.filter((o) => (o.metadata.namespace ?? 'default') === namespace);
    const match = this.matcher(def, q);
    objs = objs.filter(match);
    if (def.kind !== 'Event') objs.sort((a, b) => ((a.metadata.namespace ?? '') + '/' + a.metadata.name < (b.metadata.namespace ?? '') + '/' + b.metadata.name ? -1 : 1));
    return objs;
  }

  /** Whether an object stored under another apiVersion belongs to a different resource (e.g. events.k8s.io). */
  private servedElsewhere(_o: KObject, def: ResourceDef): boolean {
    return def.group === 'events.k8s.io';
  }

  private matcher(def: ResourceDef, q: URLSearchParams): (o: KObject) => boolean {
    const ls = q.get('labelSelector');
    const fs = q.get('fieldSelector');
    let labelOk: (o: KObject) => boolean = () => true;
    if (ls) {
      for (const part of ls.match(/[^,(]+(\([^)]*\))?/g) ?? [ls]) {
        const p = part.trim();
        const key = '[A-Za-z0-9][\\w./-]*';
        const ok = new RegExp(`^(!?${key}|${key}\\s*(==|=|!=)\\s*[\\w.-]*|${key}\\s+(in|notin)\\s+\\([\\w.,\\s-]*\\))$`).test(p);
        if (!ok || /[()]/.test(ls.replace(/\s(in|notin)\s+\([^)]*\)/g, ''))) throw new ApiError(400, 'BadRequest', `unable to parse requirement: found '${p}', expected: identifier`);
      }
      const pred = parseSelector(ls);
      labelOk = (o) => pred(o.metadata.labels ?? {});
    }
    const fieldReqs: { path: string; op: '=' | '!='; value: string }[] = [];
    if (fs) {
      for (const part of fs.split(',')) {
        const m = /^\s*([\w.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
        if (!m) throw new ApiError(400, 'BadRequest', `invalid selector: '${fs}'; can't understand '${part}'`);
        const path = m[1];
        if (!FIELD_LABELS(def.kind).includes(path)) throw new ApiError(400, 'BadRequest', `field label not supported: ${path}`);
        fieldReqs.push({ path, op: m[2] === '!=' ? '!=' : '=', value: m[3] });
      }
    }
    return (o) => {
      if (!labelOk(o)) return false;
      for (const r of fieldReqs) {
        const v = fieldValue(o, r.path);
        if ((v === r.value) !== (r.op === '=')) return false;
      }
      return true;
    };
  }

  private wantsTable(req: http.IncomingMessage): boolean {
    return /as=Table/.test(req.headers.accept ?? '');
  }

  private collection(x: ReqCtx): void {
    const { def, namespace, q, method, res } = x;
    if (method === 'GET') {
      if (q.get('watch') === 'true' || q.get('watch') === '1') return this.watch(x);
      const objs = this.select(def, namespace, q);
      const rv = this.rv();
      if (this.wantsTable(x.req)) return this.send(res, 200, toTable(this.cluster, def.kind, objs, rv, q.get('includeObject') ?? 'Metadata'));
      return this.send(res, 200, { kind: `${def.kind}List`, apiVersion: def.apiVersion, metadata: { resourceVersion: rv }, items: objs.map((o) => this.shape(o, def)) });
    }
    if (method === 'POST') return this.create(x);
    if (method === 'DELETE') {
      const objs = this.select(def, namespace, q);
      for (const o of objs) this.remove(o, {});
      this.changed();
      return this.send(res, 200, { kind: `${def.kind}List`, apiVersion: def.apiVersion, metadata: {}, items: objs.map((o) => this.shape(o, def)) });
    }
    throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  }

  /** The object as the API returns it (apiVersion of the endpoint asked). */
  private shape(o: KObject, def: ResourceDef): KObject {
    if (o.apiVersion === def.apiVersion && o.kind === def.kind) return o;
    if (o.kind === 'HorizontalPodAutoscaler') return hpaAs(o, def.apiVersion);
    return { ...o, apiVersion: def.apiVersion };
  }

  private getOrThrow(def: ResourceDef, namespace: string | undefined, name: string): KObject {
    if (def.kind === 'Event') {
      const e = eventObjects(this.cluster, this.rv()).find((o) => o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
      if (e) return e;
    } else {
      const o = this.cluster.get(def.kind, namespace, name);
      if (o) return o;
    }
    throw new ApiError(404, 'NotFound', `${qualified(def)} "${name}" not found`, { name, group: def.group, kind: def.plural });
  }

  private item(x: ReqCtx): void {
    const { def, namespace, name, sub, method, res, q } = x;
    if (sub === 'log' && def.kind === 'Pod' && method === 'GET') return this.podLog(x);
    if (sub === 'proxy' && def.kind === 'Service') return this.serviceProxy(x);
    if (sub === 'scale' && def.subresources.some((s) => s.name === 'scale')) return this.scale(x);
    if (sub === 'eviction' && def.kind === 'Pod' && method === 'POST') {
      // An Eviction is a graceful delete (no PodDisruptionBudgets are simulated).
      const pod = this.getOrThrow(def, namespace, name!);
      this.remove(pod, {});
      this.changed();
      this.action('delete', def, name!);
      return this.send(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    }
    if (sub && sub !== 'status') throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (method === 'GET') {
      const o = this.getOrThrow(def, namespace, name!);
      if (this.wantsTable(x.req)) return this.send(res, 200, toTable(this.cluster, def.kind, [o], o.metadata.resourceVersion, q.get('includeObject') ?? 'Metadata'));
      return this.send(res, 200, this.shape(o, def));
    }
    if (method === 'PUT') return this.update(x);
    if (method === 'PATCH') return this.patch(x);
    if (method === 'DELETE') return this.delete(x);
    throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  }

  // ----- watch ----------------------------------------------------------------------------------

  private watch(x: ReqCtx): void {
    const { def, namespace, q, req, res } = x;
    const table = this.wantsTable(req);
    const include = q.get('includeObject') ?? 'Metadata';
    const match = this.matcher(def, q);
    const nsOk = (o: KObject) => namespace === undefined || (o.metadata.namespace ?? 'default') === namespace;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    const write = (type: string, o: KObject) => {
      const object = table ? toTable(this.cluster, def.kind, [o], o.metadata.resourceVersion, include, true) : this.shape(o, def);
      res.write(JSON.stringify({ type, object }, hidePrivate) + '\n');
    };
    const w: LiveWatch & { end?: () => void } = { def, match: (o) => nsOk(o) && match(o), send: write };
    const rvParam = q.get('resourceVersion');
    const bookmarks = q.get('allowWatchBookmarks') === 'true';
    if (def.kind === 'Event') {
      if (!rvParam || rvParam === '0') for (const e of this.select(def, namespace, q)) write('ADDED', e);
    } else if (!rvParam || rvParam === '0') {
      for (const o of this.select(def, namespace, q)) write('ADDED', o);
    } else {
      const from = Number(rvParam);
      if (!(from >= this.historyFrom)) {
        res.write(JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${rvParam} (${this.historyFrom})`, reason: 'Expired', code: 410 } }) + '\n');
        res.end();
        return;
      }
      for (const h of this.history) if (h.rv > from && h.obj.kind === def.kind && w.match(h.obj)) write(h.type, h.obj);
    }
    this.watches.add(w);
    const si = this.opts.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
    const ci = this.opts.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout));
    const timers: unknown[] = [];
    if (bookmarks) timers.push(si(() => res.write(JSON.stringify({ type: 'BOOKMARK', object: { kind: def.kind, apiVersion: def.apiVersion, metadata: { resourceVersion: this.rv() } } }) + '\n'), 1000));
    const timeout = Number(q.get('timeoutSeconds') ?? '0');
    let elapsed = 0;
    if (timeout > 0) timers.push(si(() => ++elapsed >= timeout && end(), 1000));
    const end = () => {
      this.watches.delete(w);
      for (const h of timers) ci(h);
      if (!res.writableEnded) res.end();
    };
    w.end = end;
    // (IncomingMessage 'close' fires once the request body is read: only the response tells a hang-up.)
    res.on('close', end);
  }

  // ----- writing --------------------------------------------------------------------------------

  private decodeBody(x: ReqCtx): KObject {
    const ct = String(x.req.headers['content-type'] ?? 'application/json');
    let v: unknown;
    try {
      if (isProtobuf(ct)) v = decodeProtobufObject(x.body);
      else if (/yaml/.test(ct)) v = parseYaml(x.body.toString('utf8'));
      else v = JSON.parse(x.body.toString('utf8'));
    } catch (e) {
      throw new ApiError(isProtobuf(ct) ? 415 : 400, isProtobuf(ct) ? 'UnsupportedMediaType' : 'BadRequest', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (${(e as Error).message})`);
    }
    if (!isObj(v)) throw new ApiError(400, 'BadRequest', 'the body of the request must be an object');
    return v as KObject;
  }

  /** Lint the object as the API server's validation would; returns warnings for unknown fields (or throws). */
  private validate(o: KObject, def: ResourceDef, strict: boolean): string[] {
    const ws = new Workspace();
    const uri = `kube-dorm-api:///${def.plural}/${o.metadata?.name ?? 'new'}.json`;
    ws.set(uri, JSON.stringify(o, null, 2));
    let diags;
    try {
      diags = lintFile(ws, uri).filter((d) => d.severity === 'error');
    } catch {
      return [];
    }
    const warnings: string[] = [];
    const unknown = diags.filter((d) => d.code === 'schema-unknown-field');
    for (const d of unknown) warnings.push(`unknown field "${String(d.data?.path ?? t(d.message, 'en'))}"`);
    if (strict && unknown.length) {
      throw new ApiError(400, 'BadRequest', `${o.kind} in version "${def.version}" cannot be handled as a ${o.kind}: strict decoding error: ${warnings.join(', ')}`);
    }
    // A wrong JSON type fails decoding before validation: 400 BadRequest, as the API server says it.
    const typeErr = diags.find((d) => d.code === 'schema-type');
    if (typeErr) {
      const m = t(typeErr.message, 'en').replace(/: write .* to make it a string\.$/, '');
      throw new ApiError(400, 'BadRequest', `${o.kind} in version "${def.version}" cannot be handled as a ${o.kind}: json: ${m}`);
    }
    const errs = diags.filter((d) => d.code !== 'schema-unknown-field' && d.code !== 'yaml-syntax');
    if (errs.length) {
      const name = o.metadata?.name ?? '';
      const msgs = errs.map((d) => t(d.message, 'en'));
      const causes = errs.map((d, i) => {
        const field = String(d.data?.path ?? /^([\w.[\]-]+):/.exec(msgs[i])?.[1] ?? 'metadata');
        // kubectl prints `field: message`, so the message does not repeat the field.
        return { reason: 'FieldValueInvalid', message: field && msgs[i].startsWith(field + ': ') ? msgs[i].slice(field.length + 2) : msgs[i], field };
      });
      const kindGroup = def.group ? `${o.kind}.${def.group}` : o.kind;
      throw new ApiError(422, 'Invalid', `${kindGroup} "${name}" is invalid: ${msgs.length > 1 ? '[' + msgs.join(', ') + ']' : msgs[0]}`, { name, group: def.group, kind: o.kind, causes });
    }
    return warnings;
  }

  private pruneUnknown(o: KObject, warnings: string[]): void {
    for (const w of warnings) {
      const m = /^unknown field "(.*)"$/.exec(w);
      if (!m) continue;
      const segs = m[1].split(/\.|(?=\[)/).map((s) => (/^\[(\d+)\]$/.exec(s) ? Number(/\d+/.exec(s)![0]) : s));
      let cur: any = o;
      for (let i = 0; i < segs.length - 1 && cur; i++) cur = cur[segs[i]];
      if (cur && typeof cur === 'object') delete cur[segs[segs.length - 1] as any];
    }
  }

  private warn(res: http.ServerResponse, warnings: string[]): void {
    if (warnings.length) res.setHeader('Warning', warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', '));
  }

  private checkNamespace(def: ResourceDef, namespace: string | undefined): void {
    if (def.namespaced && namespace && !this.cluster.get('Namespace', undefined, namespace)) {
      throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
    }
  }

  private create(x: ReqCtx): void {
    const { def, q, res } = x;
    const o = this.decodeBody(x);
    o.apiVersion ??= def.apiVersion;
    o.kind ??= def.kind;
    if (o.kind === 'HorizontalPodAutoscaler') Object.assign(o, hpaAs(o, 'autoscaling/v2'));
    if (o.kind !== def.kind) throw new ApiError(400, 'BadRequest', `the API version in the data (${o.apiVersion}) does not match the expected API version (${def.apiVersion})`);
    if (!isObj(o.metadata)) o.metadata = {} as any;
    if (REVIEWS.has(def.kind)) return this.send(res, 201, review(o));
    const md = o.metadata;
    if (def.namespaced) {
      if (md.namespace && x.namespace && md.namespace !== x.namespace) throw new ApiError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      md.namespace = x.namespace ?? md.namespace ?? 'default';
    } else delete md.namespace;
    if (!md.name && !md.generateName) throw new ApiError(422, 'Invalid', `${o.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
    this.checkNamespace(def, md.namespace);
    if (md.name && this.cluster.get(def.kind, md.namespace, md.name)) {
      throw new ApiError(409, 'AlreadyExists', `${qualified(def)} "${md.name}" already exists`, { name: md.name, group: def.group, kind: def.plural });
    }
    const warnings = this.validate(o, def, q.get('fieldValidation') === 'Strict');
    this.pruneUnknown(o, warnings);
    for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation', 'managedFields'] as const) delete (md as any)[k];
    if (o.kind === 'Secret') o.type ??= 'Opaque';
    if (['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'PersistentVolumeClaim'].includes(o.kind)) delete o.status;
    this.recordManager(o, undefined, q.get('fieldManager') ?? managerOf(x.req), 'Update');
    this.warn(res, warnings);
    if (q.get('dryRun') === 'All') {
      const d = clone(o);
      applyDefaults(d);
      d.metadata.creationTimestamp = this.cluster.iso();
      d.metadata.uid = '00000000-0000-0000-0000-000000000000';
      return this.send(res, 201, d);
    }
    const created = this.cluster.create(o);
    this.changed();
    this.action('create', def, created.metadata.name);
    this.send(res, 201, this.shape(this.cluster.get(def.kind, created.metadata.namespace, created.metadata.name) ?? created, def));
  }

  /** Replaces `cur` (the stored object) with `next`, keeping what the server owns. */
  private replace(cur: KObject, next: KObject, def: ResourceDef, x: ReqCtx, status = false): KObject {
    const md = next.metadata ?? ({} as any);
    if (md.name && md.name !== cur.metadata.name) throw new ApiError(400, 'BadRequest', `the name of the object (${md.name}) does not match the name on the URL (${cur.metadata.name})`);
    if (md.resourceVersion && md.resourceVersion !== cur.metadata.resourceVersion) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(def)} "${cur.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`, { name: cur.metadata.name, group: def.group, kind: def.plural });
    }
    if (status) {
      cur.status = next.status;
      if (x.q.get('dryRun') !== 'All') this.cluster.update(cur);
      this.changed();
      return cur;
    }
    next.apiVersion = cur.apiVersion;
    next.kind = cur.kind;
    next.metadata = { ...md, name: cur.metadata.name, namespace: cur.metadata.namespace } as any;
    const warnings = this.validate(next, def, x.q.get('fieldValidation') === 'Strict');
    this.pruneUnknown(next, warnings);
    this.checkImmutable(cur, next, def);
    this.warn(x.res, warnings);
    if (x.q.get('dryRun') === 'All') return { ...clone(cur), ...next, metadata: { ...cur.metadata, labels: next.metadata.labels, annotations: next.metadata.annotations } };
    const before = clone(cur);
    if (SIMULATED_KINDS_LIST.includes(cur.kind)) {
      applyObject(this.cluster, clone(next), { lines: [], errors: [], diagnostics: [], notSimulated: [] });
      // ownerReferences (orphaning, adoption) and finalizers are metadata applyObject leaves alone.
      for (const f of ['ownerReferences', 'finalizers'] as const) {
        if (JSON.stringify(next.metadata[f] ?? null) !== JSON.stringify(cur.metadata[f] ?? null) && (f !== 'ownerReferences' || next.metadata[f] !== undefined)) {
          const owners = cur.metadata.ownerReferences;
          if (next.metadata[f] === undefined) delete cur.metadata[f];
          else cur.metadata[f] = next.metadata[f] as any;
          this.cluster.store.update(cur, f === 'ownerReferences' ? owners ?? [] : undefined);
        }
      }
    } else {
      for (const k of Object.keys(cur)) if (k !== 'metadata' && k !== 'status') delete cur[k];
      for (const [k, v] of Object.entries(next)) if (k !== 'metadata' && k !== 'status') cur[k] = v;
      cur.metadata.labels = next.metadata.labels;
      cur.metadata.annotations = next.metadata.annotations;
      this.cluster.update(cur, JSON.stringify(before.spec) !== JSON.stringify(cur.spec));
    }
    this.recordManager(cur, before, x.q.get('fieldManager') ?? managerOf(x.req), 'Update');
    this.changed();
    return cur;
  }

  /** Update-only validation the linter cannot know: immutable selectors, Job templates, Pod specs. */
  private checkImmutable(cur: KObject, next: KObject, def: ResourceDef): void {
    const invalid = (field: string, msg: string) => {
      const kindGroup = def.group ? `${cur.kind}.${def.group}` : cur.kind;
      throw new ApiError(422, 'Invalid', `${kindGroup} "${cur.metadata.name}" is invalid: ${field}: ${msg}`, { name: cur.metadata.name, group: def.group, kind: cur.kind, causes: [{ reason: 'FieldValueInvalid', message: msg, field }] });
    };
    const same = (a: unknown, b: unknown) => JSON.stringify(canon(a)) === JSON.stringify(canon(b));
    if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(cur.kind) && next.spec?.selector !== undefined && !same(next.spec.selector, cur.spec?.selector)) {
      invalid('spec.selector', `Invalid value: ${JSON.stringify(next.spec.selector)}: field is immutable`);
    }
    if (cur.kind === 'Job' && next.spec?.template !== undefined && !same(stripTemplateDefaults(next.spec.template), stripTemplateDefaults(cur.spec?.template))) {
      invalid('spec.template', `Invalid value: ${JSON.stringify(next.spec.template?.metadata?.labels ?? {})}: field is immutable`);
    }
    if (cur.kind === 'Pod' && next.spec !== undefined) {
      const strip = (spec: any) => {
        const sp = clone(spec ?? {});
        applyDefaults({ kind: 'Pod', spec: sp });
        for (const c of [...(sp.containers ?? []), ...(sp.initContainers ?? [])]) if (c) delete c.image;
        for (const k of ['nodeName', 'tolerations', 'activeDeadlineSeconds', 'terminationGracePeriodSeconds']) delete sp[k];
        return sp;
      };
      if (!same(strip(next.spec), strip(cur.spec))) {
        invalid('spec', 'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)');
      }
    }
  }

  private update(x: ReqCtx): void {
    const { def, namespace, name, res } = x;
    const cur = this.getOrThrow(def, namespace, name!);
    let next = this.decodeBody(x);
    if (next.kind === 'HorizontalPodAutoscaler') next = hpaAs(next, 'autoscaling/v2');
    const out = this.replace(cur, next, def, x, x.sub === 'status');
    if (x.q.get('dryRun') !== 'All') this.action('replace', def, cur.metadata.name);
    this.send(res, 200, this.shape(out, def));
  }

  private applyPatch(cur: unknown, x: ReqCtx): unknown {
    const ct = String(x.req.headers['content-type'] ?? '').split(';')[0].trim();
    let body: unknown;
    try {
      body = ct === 'application/apply-patch+yaml' ? parseYaml(x.body.toString('utf8')) : JSON.parse(x.body.toString('utf8'));
    } catch (e) {
      throw new ApiError(400, 'BadRequest', `error decoding patch: ${(e as Error).message}`);
    }
    try {
      switch (ct) {
        case 'application/json-patch+json':
          return jsonPatch(cur, body);
        case 'application/merge-patch+json':
          return mergePatch(cur, body);
        case 'application/strategic-merge-patch+json':
          return strategicMergePatch(cur, body);
        default:
          throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
      }
    } catch (e) {
      if (e instanceof PatchError) throw new ApiError(422, 'Invalid', e.message);
      throw e;
    }
  }

  private patch(x: ReqCtx): void {
    const { def, namespace, name, res, req } = x;
    const ct = String(req.headers['content-type'] ?? '').split(';')[0].trim();
    if (ct === 'application/apply-patch+yaml') return this.serverSideApply(x);
    const cur = this.getOrThrow(def, namespace, name!);
    const next = this.applyPatch(clone(cur), x) as KObject;
    if (!isObj(next)) throw new ApiError(422, 'Invalid', 'the patch did not produce an object');
    // A patch that carries no resourceVersion never conflicts.
    if (next.metadata?.resourceVersion === cur.metadata.resourceVersion || !next.metadata?.resourceVersion) next.metadata = { ...next.metadata, resourceVersion: undefined } as any;
    const out = this.replace(cur, next, def, x, x.sub === 'status');
    if (x.q.get('dryRun') !== 'All') this.action('patch', def, cur.metadata.name);
    this.send(res, 200, this.shape(out, def));
  }

  // ----- server-side apply ------------------------------------------------------------------------

  private recordManager(cur: KObject, before: KObject | undefined, manager: string, operation: 'Apply' | 'Update', applied?: KObject): void {
    const fields = [...leafPaths(applied ?? stripMeta(cur)).keys()].filter((p) => !p.startsWith('status'));
    const changed = before ? fields.filter((p) => JSON.stringify(valueAt(before, p)) !== JSON.stringify(valueAt(cur, p))) : fields;
    if (!changed.length && operation === 'Update') return;
    const mf: any[] = ((cur.metadata as any).managedFields ??= []);
    // Fields this change touched move to `manager`; an applier owns exactly what it applied.
    for (const e of mf) if (e.manager !== manager || e.operation !== operation) e.fieldsV1 = fromPaths(toPaths(e.fieldsV1).filter((p) => !changed.includes(p)));
    let mine = mf.find((e) => e.manager === manager && e.operation === operation);
    if (!mine) mf.push((mine = { manager, operation, apiVersion: cur.apiVersion, time: this.cluster.iso(), fieldsType: 'FieldsV1', fieldsV1: {} }));
    const owned = operation === 'Apply' ? changed.concat(fields.filter((p) => !changed.includes(p))) : [...new Set([...toPaths(mine.fieldsV1), ...changed])];
    mine.fieldsV1 = fromPaths(owned);
    mine.time = this.cluster.iso();
    (cur.metadata as any).managedFields = mf.filter((e) => Object.keys(e.fieldsV1).length || e === mine);
  }

  private serverSideApply(x: ReqCtx): void {
    const { def, namespace, name, res, q } = x;
    const manager = q.get('fieldManager');
    if (!manager) throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    let applied: KObject;
    try {
      applied = parseYaml(x.body.toString('utf8'));
    } catch (e) {
      throw new ApiError(400, 'BadRequest', `error decoding YAML: ${(e as Error).message}`);
    }
    if (!isObj(applied)) throw new ApiError(400, 'BadRequest', 'the body of the request must be an object');
    applied.metadata = { ...(applied.metadata ?? {}), name: name!, ...(namespace ? { namespace } : {}) } as any;
    const cur = def.kind === 'Event' ? undefined : this.cluster.get(def.kind, namespace, name!);
    if (!cur) {
      // Apply to a missing object creates it.
      x.body = Buffer.from(JSON.stringify(applied));
      (x.req.headers as any)['content-type'] = 'application/json';
      this.checkNamespace(def, namespace);
      const o = clone(applied);
      const warnings = this.validate(o, def, q.get('fieldValidation') === 'Strict');
      this.pruneUnknown(o, warnings);
      if (q.get('dryRun') === 'All') return this.send(res, 201, o);
      const created = this.cluster.create(o);
      this.recordManager(created, undefined, manager, 'Apply', stripMeta(applied));
      this.changed();
      this.action('apply', def, created.metadata.name);
      return this.send(res, 201, this.shape(created, def));
    }
    const appliedLeaves = leafPaths(stripMeta(applied));
    const force = q.get('force') === 'true';
    const conflicts: string[] = [];
    for (const e of ((cur.metadata as any).managedFields ?? []) as any[]) {
      if (e.manager === manager) continue;
      for (const p of toPaths(e.fieldsV1)) {
        if (appliedLeaves.has(p) && JSON.stringify(appliedLeaves.get(p)) !== JSON.stringify(valueAt(cur, p))) conflicts.push(`conflict with "${e.manager}"${e.operation === 'Update' ? ` using ${e.apiVersion}` : ''}: .${p}`);
      }
    }
    if (conflicts.length && !force) {
      const n = conflicts.length;
      throw new ApiError(409, 'Conflict', `Apply failed with ${n} conflict${n > 1 ? 's' : ''}: ${conflicts.join('\n')}`, { name, group: def.group, kind: def.plural, causes: conflicts.map((m) => ({ reason: 'FieldManagerConflict', message: m.replace(/: (\.[^:]*)$/, ''), field: /: (\.[^:]*)$/.exec(m)?.[1] })) });
    }
    // Fields this manager applied before and no longer applies are removed.
    const mineBefore = ((cur.metadata as any).managedFields ?? []).find((e: any) => e.manager === manager && e.operation === 'Apply');
    let next = strategicMergePatch(clone(cur), stripMeta(applied, true)) as KObject;
    for (const p of mineBefore ? toPaths(mineBefore.fieldsV1) : []) {
      if (appliedLeaves.has(p)) continue;
      const owners = ((cur.metadata as any).managedFields ?? []).filter((e: any) => e !== mineBefore && toPaths(e.fieldsV1).includes(p));
      if (!owners.length) next = removeAt(next, p);
    }
    next.metadata.resourceVersion = undefined as any;
    const before = clone(cur);
    const out = this.replace(cur, next, def, { ...x, q: new URLSearchParams([...q.entries()].filter(([k]) => k !== 'fieldManager')) });
    void before;
    this.recordManager(out, undefined, manager, 'Apply', stripMeta(applied));
    if (q.get('dryRun') !== 'All') this.action('apply', def, out.metadata.name);
    this.send(res, 200, this.shape(out, def));
  }

  // ----- delete -----------------------------------------------------------------------------------

  private remove(o: KObject, opts: { gracePeriodSeconds?: number; propagationPolicy?: string }): void {
    const c = this.cluster;
    if (opts.propagationPolicy === 'Orphan') {
      for (const d of c.store.ownedBy(o.metadata.uid)) {
        const before = d.metadata.ownerReferences;
        d.metadata.ownerReferences = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== o.metadata.uid);
        if (!d.metadata.ownerReferences.length) delete d.metadata.ownerReferences;
        c.store.update(d, before ?? []);
      }
    }
    if (o.kind === 'Namespace') {
      for (const k of c.store.kinds()) {
        if (isClusterScopedKind(k)) continue;
        for (const x of c.list(k, o.metadata.name)) c.delete(x, { gracePeriodSeconds: 0 });
      }
    }
    c.delete(o, { gracePeriodSeconds: opts.gracePeriodSeconds });
  }

  private delete(x: ReqCtx): void {
    const { def, namespace, name, res, q } = x;
    const o = this.getOrThrow(def, namespace, name!);
    let opts: any = {};
    if (x.body.length) {
      try {
        opts = JSON.parse(x.body.toString('utf8'));
      } catch {
        opts = {};
      }
    }
    const grace = opts.gracePeriodSeconds ?? (q.has('gracePeriodSeconds') ? Number(q.get('gracePeriodSeconds')) : undefined);
    const pp = opts.propagationPolicy ?? q.get('propagationPolicy') ?? undefined;
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== o.metadata.uid) throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(def)} "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${o.metadata.uid}`);
    if (pre?.resourceVersion && pre.resourceVersion !== o.metadata.resourceVersion) throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(def)} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
    if (def.kind === 'Event') throw new ApiError(405, 'MethodNotAllowed', 'events of the simulated cluster cannot be deleted');
    if ((opts.dryRun ?? []).includes?.('All') || q.get('dryRun') === 'All') return this.send(res, 200, this.shape(o, def));
    this.remove(o, { gracePeriodSeconds: grace, propagationPolicy: pp });
    this.changed();
    this.action('delete', def, name!);
    const still = this.cluster.get(def.kind, namespace, name!);
    if (still) return this.send(res, 200, this.shape(still, def));
    this.send(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: def.group, kind: def.plural, uid: o.metadata.uid } });
  }

  // ----- subresources -----------------------------------------------------------------------------

  private scaleOf(o: KObject): KObject {
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
      spec: { replicas: o.spec?.replicas ?? 0 },
      status: { replicas: o.status?.replicas ?? 0, selector: formatSelector(o.spec?.selector) },
    };
  }

  private scale(x: ReqCtx): void {
    const { def, namespace, name, method, res } = x;
    const o = this.getOrThrow(def, namespace, name!);
    const cur = this.scaleOf(o);
    if (method === 'GET') return this.send(res, 200, cur);
    let next: KObject;
    if (method === 'PUT') next = this.decodeBody(x);
    else if (method === 'PATCH') next = this.applyPatch(cur, x) as KObject;
    else throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    if (next.metadata?.resourceVersion && next.metadata.resourceVersion !== o.metadata.resourceVersion) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(def)} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    const n = Number(next.spec?.replicas);
    if (!Number.isInteger(n) || n < 0) throw new ApiError(422, 'Invalid', `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${next.spec?.replicas}: must be greater than or equal to 0`);
    if (x.q.get('dryRun') !== 'All' && n !== o.spec?.replicas) {
      const before = clone(o);
      o.spec.replicas = n;
      this.cluster.update(o, true);
      this.recordManager(o, before, x.q.get('fieldManager') ?? managerOf(x.req), 'Update');
      this.changed();
      this.action('scale', def, name!, ` --replicas=${n}`);
    }
    this.send(res, 200, this.scaleOf(o));
  }

  private podLog(x: ReqCtx): void {
    const { namespace, name, q, res, req } = x;
    const pod = this.getOrThrow(x.def, namespace, name!);
    const containers: string[] = (pod.spec?.containers ?? []).map((c: any) => c.name);
    let container = q.get('container') ?? undefined;
    if (!container) {
      container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? containers[0];
      if (containers.length > 1 && !q.get('container') && !pod.metadata.annotations?.['kubectl.kubernetes.io/default-container']) {
        throw new ApiError(400, 'BadRequest', `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
      }
    }
    const all = [...containers, ...(pod.spec?.initContainers ?? []).map((c: any) => c.name)];
    if (!all.includes(container!)) throw new ApiError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
    const st = this.logs.containerState(pod, container!);
    if (st === 'waiting') throw new ApiError(400, 'BadRequest', `container "${container}" in pod "${name}" is waiting to start: ${this.logs.waitingReason(pod, container!)}`);
    const opts = { previous: q.get('previous') === 'true', tailLines: q.has('tailLines') ? Number(q.get('tailLines')) : undefined, timestamps: q.get('timestamps') === 'true' };
    const lines = this.logs.lines(pod, container!, opts);
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.write(lines.map((l) => l + '\n').join(''));
    if (q.get('follow') !== 'true') {
      res.end();
      return;
    }
    const off = this.logs.follow(pod, container!, (l) => res.write(l + '\n'), () => res.end());
    res.on('close', off);
  }

  private serviceProxy(x: ReqCtx): void {
    const { def, namespace, name, res, subrest, method } = x;
    const svcName = name!.split(':')[0];
    const svc = this.getOrThrow(def, namespace, svcName);
    const r = this.logs.request(svc, method, '/' + subrest.join('/'));
    if (!r.ok) throw new ApiError(503, 'ServiceUnavailable', r.error ?? `no endpoints available for service "${svcName}"`);
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(r.body);
  }
}

interface ReqCtx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  q: URLSearchParams;
  body: Buffer;
  def: ResourceDef;
  namespace?: string;
  name?: string;
  sub?: string;
  subrest: string[];
  method: string;
}

/**
 * HorizontalPodAutoscalers are stored as autoscaling/v2 and served at v1 too (as the API server
 * converts): v1's targetCPUUtilizationPercentage ⇄ v2's cpu Utilization metric.
 */
function hpaAs(o: KObject, apiVersion: string): KObject {
  const c = clone(o);
  c.apiVersion = apiVersion;
  const spec = (c.spec ??= {});
  if (apiVersion === 'autoscaling/v2' && spec.targetCPUUtilizationPercentage !== undefined) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
    delete spec.targetCPUUtilizationPercentage;
  } else if (apiVersion === 'autoscaling/v1') {
    const cpu = (spec.metrics ?? []).find((m: any) => m?.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization');
    if (cpu) spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
    delete spec.metrics;
    delete spec.behavior;
  }
  return c;
}

/** Review kinds are answered, never stored: the one learner may do everything (`kubectl auth can-i`, `auth whoami`). */
const REVIEWS = new Set(['SelfSubjectAccessReview', 'SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectRulesReview', 'SelfSubjectReview', 'TokenReview']);
function review(o: KObject): KObject {
  const user = { username: 'kube-dorm-learner', groups: ['system:masters', 'system:authenticated'] };
  switch (o.kind) {
    case 'SelfSubjectRulesReview':
      return { ...o, status: { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false } };
    case 'SelfSubjectReview':
      return { ...o, status: { userInfo: user } };
    case 'TokenReview':
      return { ...o, status: { authenticated: false, error: 'token reviews are not simulated' } };
    default:
      return { ...o, status: { allowed: true, reason: 'the kube-dorm learner may do everything in the simulated cluster' } };
  }
}

function managerOf(req: http.IncomingMessage): string {
  return String(req.headers['user-agent'] ?? 'unknown').split('/')[0] || 'unknown';
}

/** JSON with sorted keys (for comparisons). */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (isObj(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])]));
  return v;
}

/** A Job's pod template as the user wrote it (the server adds controller-uid labels and defaults). */
function stripTemplateDefaults(t: any): unknown {
  const c = clone(t ?? {});
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid', 'job-name', 'batch.kubernetes.io/job-name']) if (c.metadata?.labels) delete c.metadata.labels[k];
  if (c.spec) applyDefaults({ kind: 'Pod', spec: c.spec });
  return c;
}

/** The object without server-owned metadata, for field ownership. */
function stripMeta(o: KObject, keepName = false): KObject {
  const c = clone(o);
  delete c.status;
  if (isObj(c.metadata)) {
    for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'deletionTimestamp', 'ownerReferences']) delete (c.metadata as any)[k];
    if (!keepName) {
      delete (c.metadata as any).name;
      delete (c.metadata as any).namespace;
    }
    if (!Object.keys(c.metadata).length) delete (c as any).metadata;
  }
  return c;
}

/** fieldsV1 as a flat set of leaf paths (we store them as `{"f:spec.replicas": {}}`). */
function toPaths(f: unknown): string[] {
  return isObj(f) ? Object.keys(f).map((k) => k.replace(/^f:/, '')) : [];
}
function fromPaths(ps: string[]): Record<string, object> {
  const o: Record<string, object> = {};
  for (const p of [...new Set(ps)].sort()) o[`f:${p}`] = {};
  return o;
}
function removeAt(o: KObject, leaf: string): KObject {
  const segs = leaf.split(/\.(?![^[]*\])/);
  const last = segs.pop()!;
  const parent = segs.length ? valueAt(o, segs.join('.')) : o;
  if (isObj(parent) && !/\[/.test(last)) delete parent[last];
  return o;
}

/** Field selectors each kind supports (as the real registry does; metadata.* for every kind). */
function FIELD_LABELS(kind: string): string[] {
  const base = ['metadata.name', 'metadata.namespace'];
  switch (kind) {
    case 'Pod':
      return [...base, 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'];
    case 'Event':
      return [...base, 'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'];
    case 'Secret':
      return [...base, 'type'];
    case 'Namespace':
      return [...base, 'status.phase'];
    case 'Node':
      return [...base, 'spec.unschedulable'];
    case 'ReplicaSet':
    case 'Job':
      return [...base, 'status.replicas', 'status.successful'];
    default:
      return base;
  }
}

function fieldValue(o: KObject, path: string): string {
  if (path === 'source') return (o as any).source?.component ?? '';
  let cur: any = o;
  for (const s of path.split('.')) cur = cur?.[s];
  if (cur === undefined || cur === null) return path === 'metadata.namespace' && !isClusterScopedKind(o.kind) ? 'default' : '';
  return String(cur);
}
