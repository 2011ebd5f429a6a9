// Test-only fault injection for the served cluster, so the informers of a real-cluster client can be
// tested against `kube-dorm serve` as they would fail against a real API server: dropped watch
// connections, `410 Gone` on the next watch, slow answers, `403 Forbidden` and `500` for chosen
// resources, and a count of the requests served. Off unless the server is given a `Faults`
// (`ApiServerOptions.faults`: the tests, and `kube-dorm serve --test-hooks`), never by default.
// With `--test-hooks`, `/kube-dorm/faults` reads the counts (GET) and sets the plan (POST a
// `FaultPlan` as JSON); `/kube-dorm/faults/drop` (POST) drops every open watch.
import type * as http from 'node:http';
import { send, sendStatus } from './http';
import { resources } from '../k8s/registry';
import type { ApiState } from './state';

export interface FaultPlan {
  /** Resources (plural, e.g. `pods`, `deployments`) every request on which is refused with 403. */
  forbid?: string[];
  /** Resources whose next N requests answer 500. */
  fail?: Record<string, number>;
  /** Resources whose next watch answers `410 Gone` (an ERROR event with reason Expired), once each. */
  gone?: string[];
  /** Every request is answered this many ms late. */
  slowMs?: number;
}

/** What a request asks, as the authorizer sees it: verb, API group, resource, namespace. */
export interface RequestAttributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

/** The authorizer's attributes of a resource request, or undefined for another path. */
export function attributesOf(method: string, url: string): RequestAttributes | undefined {
  const u = new URL(url, 'http://127.0.0.1');
  const p = u.pathname.split('/').filter(Boolean);
  let rest: string[];
  let group = '';
  if (p[0] === 'api' && p[1] === 'v1') rest = p.slice(2);
  else if (p[0] === 'apis' && p.length >= 4) [group, rest] = [p[1], p.slice(3)];
  else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) [namespace, rest] = [rest[1], rest.slice(2)];
  const [resource, name] = rest;
  if (!resource) return undefined;
  const watch = u.searchParams.get('watch') === 'true' || u.searchParams.get('watch') === '1';
  const verbs: Record<string, string> = { GET: name ? 'get' : watch ? 'watch' : 'list', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
  return { verb: verbs[method.toUpperCase()] ?? method.toLowerCase(), group, resource, namespace, name };
}

/** The API server's wording for a refused request (apiserver's responsewriters.forbiddenMessage and errors.NewForbidden). */
export function forbiddenMessage(a: RequestAttributes, user: string): string {
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
  const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  const what = a.name ? `${qualified} "${a.name}"` : qualified;
  return `${what} is forbidden: User "${user}" cannot ${a.verb} resource "${a.resource}" in API group "${a.group}" ${where}`;
}

export class Faults {
  /** Requests served (authorised ones, the fault hooks' own paths aside). */
  requests = 0;
  /** Requests by `verb resource` (`list pods`, `watch pods`, `create selfsubjectrulesreviews`). */
  readonly byKey = new Map<string, number>();
  plan: FaultPlan = {};

  constructor(readonly user = 'kube-dorm-learner') {}

  count(key: string): number {
    return this.byKey.get(key) ?? 0;
  }

  /** Ends every open watch (the clients see their connection drop). */
  dropWatches(s: ApiState): number {
    const n = s.watches.count;
    s.watches.closeAll();
    return n;
  }

  /** Called for each authorised request: answers it with a fault, or calls `next` (late when slow). */
  handle(s: ApiState, req: http.IncomingMessage, res: http.ServerResponse, next: () => void): void {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path.startsWith('/kube-dorm/faults') && s.opts.allowAdvance) return this.hook(s, req, res, method, path);
    this.requests++;
    const a = attributesOf(method, req.url ?? '/');
    if (a) this.byKey.set(`${a.verb} ${a.resource}`, this.count(`${a.verb} ${a.resource}`) + 1);
    const answer = () => {
      if (a && this.plan.forbid?.includes(a.resource)) {
        const details = { ...(a.name ? { name: a.name } : {}), group: a.group, kind: a.resource };
        return sendStatus(res, 403, 'Forbidden', forbiddenMessage(a, this.user), details);
      }
      const fail = a ? (this.plan.fail?.[a.resource] ?? 0) : 0;
      if (a && fail > 0) {
        this.plan.fail![a.resource] = fail - 1;
        return sendStatus(res, 500, 'InternalError', 'Internal error occurred: injected fault');
      }
      if (a?.resource === 'selfsubjectrulesreviews' && a.verb === 'create' && this.plan.forbid?.length) return this.rulesReview(req, res);
      const gone = a?.verb === 'watch' ? (this.plan.gone?.indexOf(a.resource) ?? -1) : -1;
      if (gone >= 0) {
        this.plan.gone!.splice(gone, 1);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Expired', code: 410 };
        const rv = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('resourceVersion') ?? '0';
        res.end(JSON.stringify({ type: 'ERROR', object: { ...status, message: `too old resource version: ${rv} (${s.rv()})` } }) + '\n');
        return;
      }
      next();
    };
    if (this.plan.slowMs) setTimeout(answer, this.plan.slowMs);
    else answer();
  }

  /** With resources forbidden, the rules review lists the others (the served learner may otherwise do everything). */
  private rulesReview(req: http.IncomingMessage, res: http.ServerResponse): void {
    // Subresources are rules of their own (`deployments/scale`), as RBAC lists them.
    const names = resources().flatMap((d) => [d.plural, ...d.subresources.map((sub) => `${d.plural}/${sub.name}`)]);
    const allowed = [...new Set(names)].filter((r) => !this.plan.forbid?.includes(r.split('/')[0])).sort();
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      let spec: unknown = {};
      try {
        spec = JSON.parse(Buffer.concat(chunks).toString('utf8')).spec ?? {};
      } catch {
        // an unreadable body still gets the rules
      }
      const status = { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: allowed }], nonResourceRules: [], incomplete: false };
      send(res, 201, { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec, status });
    });
  }

  private hook(s: ApiState, req: http.IncomingMessage, res: http.ServerResponse, method: string, path: string): void {
    if (method === 'GET') return send(res, 200, { requests: this.requests, byKey: Object.fromEntries(this.byKey), plan: this.plan });
    if (method !== 'POST') return sendStatus(res, 405, 'MethodNotAllowed', 'GET or POST');
    if (path === '/kube-dorm/faults/drop') return send(res, 200, { dropped: this.dropWatches(s) });
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      try {
        const plan = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as FaultPlan;
        this.plan = plan && typeof plan === 'object' ? plan : {};
        send(res, 200, { plan: this.plan });
      } catch (e) {
        sendStatus(res, 400, 'BadRequest', `invalid fault plan: ${(e as Error).message}`);
      }
    });
  }
}
