// The aggregated metrics API (`metrics.k8s.io/v1beta1`), as metrics-server serves it: PodMetrics
// and NodeMetrics, listed (namespaced or across namespaces, with label selectors) or read by name,
// computed from the simulated usage (core/cluster/usage.ts) at the moment asked; never stored.
import type { KObject } from '../cluster/store';
import { METRICS_WINDOW, nodeUsage, podUsage, usageQuantities } from '../cluster/usage';
import { findResource, METRICS_GROUP, METRICS_RESOURCES } from '../k8s/registry';
import { ApiError, methodNotAllowed, notFound, send } from './http';
import { select } from './read';
import type { ApiState } from './state';

const API_VERSION = `${METRICS_GROUP}/v1beta1`;

function meta(o: KObject): Record<string, unknown> {
  const m = o.metadata;
  return {
    name: m.name,
    ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
    creationTimestamp: m.creationTimestamp,
    ...(m.labels ? { labels: m.labels } : {}),
  };
}

function podMetrics(s: ApiState, p: KObject, timestamp: string): Record<string, unknown> | undefined {
  const u = podUsage(p, s.cluster.now);
  if (!u) return undefined;
  const containers = u.map((c) => ({ name: c.name, usage: usageQuantities(c) }));
  return { kind: 'PodMetrics', apiVersion: API_VERSION, metadata: meta(p), timestamp, window: METRICS_WINDOW, containers };
}

function nodeMetrics(s: ApiState, n: KObject, pods: KObject[], timestamp: string): Record<string, unknown> | undefined {
  const u = nodeUsage(n, pods, s.cluster.now);
  if (!u) return undefined;
  return { kind: 'NodeMetrics', apiVersion: API_VERSION, metadata: meta(n), timestamp, window: METRICS_WINDOW, usage: usageQuantities(u) };
}

/**
 * Answers `rest` (the path after `/apis/metrics.k8s.io/v1beta1/`): `pods`, `nodes`,
 * `namespaces/NS/pods[/NAME]`, `nodes/NAME`. GET only, as metrics-server allows.
 */
export function serveMetrics(s: ApiState, method: string, version: string, rest: string[], q: URLSearchParams, res: Parameters<typeof send>[0]): void {
  if (version !== 'v1beta1') throw notFound();
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest[2] === 'pods') {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, ...more] = rest;
  const def = METRICS_RESOURCES.find((d) => d.plural === plural);
  if (!def || more.length || (namespace !== undefined && !def.namespaced)) throw notFound();
  if (method !== 'GET') throw methodNotAllowed();
  // The seconds metrics-server's timestamps carry.
  const timestamp = s.cluster.iso(Math.floor(s.cluster.now / 1000) * 1000).replace(/\.\d+Z$/, 'Z');
  const source = findResource('', 'v1', plural)!;
  const pods = s.cluster.list('Pod');
  const build = (o: KObject) => (def.kind === 'PodMetrics' ? podMetrics(s, o, timestamp) : nodeMetrics(s, o, pods, timestamp));
  if (name !== undefined) {
    const o = s.cluster.get(source.kind, namespace, name);
    const m = o && build(o);
    // metrics-server names the resource podmetrics/nodemetrics, and a pod by namespace/name.
    const resource = def.kind.toLowerCase();
    const id = namespace !== undefined ? `${namespace}/${name}` : name;
    if (!m) throw new ApiError(404, 'NotFound', `${resource}.${METRICS_GROUP} "${id}" not found`, { name: id, group: METRICS_GROUP, kind: resource });
    return send(res, 200, m);
  }
  const items = select(s, source, namespace, q)
    .map(build)
    .filter((m) => m !== undefined);
  send(res, 200, { kind: `${def.kind}List`, apiVersion: API_VERSION, metadata: {}, items });
}
