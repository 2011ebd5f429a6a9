// Routing an authorised request: discovery and OpenAPI documents, the test-only clock hook, then
// resource paths (`/api/v1/...`, `/apis/<group>/<version>/...`, optionally under
// `namespaces/<ns>/`) to the handler of the collection, the object or its subresource.
import type * as http from 'node:http';
import { serveDiscovery } from './discovery';
import { ApiError, methodNotAllowed, notFound, send, type ReqCtx } from './http';
import { get, list } from './read';
import { findResource, METRICS_GROUP, servedInVersion } from '../k8s/registry';
import { isBuiltinGroup } from '../schema/catalog';
import { customDefs } from './crds';
import { serveMetrics } from './metrics';
import { serverSideApply } from './server-side-apply';
import type { ApiState } from './state';
import { evict, podLog, scale, serviceProxy } from './subresources';
import { create, del, deleteCollection, patch, update } from './writes';

export function route(s: ApiState, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
  const u = new URL(req.url ?? '/', 'http://127.0.0.1');
  const q = u.searchParams;
  const method = (req.method ?? 'GET').toUpperCase();
  let parts: string[];
  try {
    parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new ApiError(400, 'BadRequest', `invalid path: ${u.pathname}`);
  }
  // The kinds the stored CRDs serve, beside the built-in ones.
  const custom = customDefs(s.cluster, isBuiltinGroup);
  const target = s.opts.kubernetesVersion;
  const builtin = (g: string, v: string, plural: string) => {
    const d = findResource(g, v, plural);
    return d && servedInVersion(d, target) ? d : undefined;
  };
  const find = (g: string, v: string, plural: string) => builtin(g, v, plural) ?? custom.find((d) => d.group === g && d.version === v && d.plural === plural);
  if (method === 'GET' && serveDiscovery(parts, req, res, s.address, custom, target)) return;
  if (parts.join('/') === 'kube-dorm/advance' && method === 'POST' && s.opts.allowAdvance) {
    const sec = Number(q.get('seconds') ?? '0');
    if (!(sec >= 0 && sec <= 86400)) throw new ApiError(400, 'BadRequest', 'seconds must be between 0 and 86400');
    s.cluster.advance(sec * 1000);
    s.changed();
    return send(res, 200, { now: s.cluster.now });
  }
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
  } else throw notFound();
  if (group === METRICS_GROUP) return serveMetrics(s, method, version, rest, q, res);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && find(group, version, rest[2])?.namespaced) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, sub, ...subrest] = rest;
  const def = find(group, version, plural);
  if (!def) throw notFound();
  if (!def.namespaced) namespace = undefined;
  const x: ReqCtx = { req, res, q, body, def, namespace, name, sub, subrest, method };
  if (name === undefined) collection(s, x);
  else item(s, x);
}

function collection(s: ApiState, x: ReqCtx): void {
  const { q, method } = x;
  if (method === 'GET') {
    if (q.get('watch') === 'true' || q.get('watch') === '1') return s.watches.open(s, x);
    return list(s, x);
  }
  if (method === 'POST') return create(s, x);
  if (method === 'DELETE') return deleteCollection(s, x);
  throw methodNotAllowed();
}

function item(s: ApiState, x: ReqCtx): void {
  const { def, sub, method } = x;
  if (sub === 'log' && def.kind === 'Pod' && method === 'GET') return podLog(s, x);
  if (sub === 'proxy' && def.kind === 'Service') return serviceProxy(s, x);
  if (sub === 'scale' && def.subresources.some((r) => r.name === 'scale')) return scale(s, x);
  if (sub === 'eviction' && def.kind === 'Pod' && method === 'POST') return evict(s, x);
  if (sub && sub !== 'status') throw notFound();
  switch (method) {
    case 'GET':
      return get(s, x);
    case 'PUT':
      return update(s, x);
    case 'PATCH':
      return isApplyPatch(x.req) ? serverSideApply(s, x) : patch(s, x);
    case 'DELETE':
      return del(s, x);
    default:
      throw methodNotAllowed();
  }
}

function isApplyPatch(req: http.IncomingMessage): boolean {
  return (
    String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim() === 'application/apply-patch+yaml'
  );
}
