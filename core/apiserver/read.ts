// Reading: lists and single objects (as JSON or as kubectl's Tables), the objects of a request
// after namespace and selectors, and the shape an object takes at the endpoint asked
// (HorizontalPodAutoscalers converted between autoscaling/v1 and v2).
import type { KObject } from '../cluster/store';
import type { MetricSpec } from '../k8s/types';
import { ApiError, clone, send, wantsTable, type ReqCtx } from './http';
import type { ResourceDef } from '../k8s/registry';
import { matcher } from './selectors';
import type { ApiState } from './state';
import { toTable } from './tables';

/** `deployments.apps`, `pods`: how error messages name a resource. */
export function qualified(def: ResourceDef): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

/** Objects of a resource, filtered by namespace and selectors, sorted by namespace/name. */
export function select(s: ApiState, def: ResourceDef, namespace: string | undefined, q: URLSearchParams): KObject[] {
  let objs = def.kind === 'Event' ? s.events.list(s.rv()) : s.cluster.list(def.kind);
  if (namespace !== undefined) objs = objs.filter((o) => (o.metadata.namespace ?? 'default') === namespace);
  objs = objs.filter(matcher(def, q));
  if (def.kind !== 'Event')
    objs.sort((a, b) => ((a.metadata.namespace ?? '') + '/' + a.metadata.name < (b.metadata.namespace ?? '') + '/' + b.metadata.name ? -1 : 1));
  return objs;
}

/** The stored object (or Event) a request names; 404 NotFound when there is none. */
export function getOrThrow(s: ApiState, def: ResourceDef, namespace: string | undefined, name: string): KObject {
  if (def.kind === 'Event') {
    const e = s.events.list(s.rv()).find((o) => o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
    if (e) return e;
  } else {
    const o = s.cluster.get(def.kind, namespace, name);
    if (o) return o;
  }
  throw new ApiError(404, 'NotFound', `${qualified(def)} "${name}" not found`, { name, group: def.group, kind: def.plural });
}

/** The object as the API returns it (apiVersion of the endpoint asked). */
export function shape(o: KObject, def: ResourceDef): KObject {
  if (o.apiVersion === def.apiVersion && o.kind === def.kind) return o;
  if (o.kind === 'HorizontalPodAutoscaler') return hpaAs(o, def.apiVersion);
  return { ...o, apiVersion: def.apiVersion };
}

/**
 * HorizontalPodAutoscalers are stored as autoscaling/v2 and served at v1 too (as the API server
 * converts): v1's targetCPUUtilizationPercentage ⇄ v2's cpu Utilization metric.
 */
export function hpaAs(o: KObject, apiVersion: string): KObject {
  const c = clone(o);
  c.apiVersion = apiVersion;
  const spec = (c.spec ??= {});
  if (apiVersion === 'autoscaling/v2' && spec.targetCPUUtilizationPercentage !== undefined) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
    delete spec.targetCPUUtilizationPercentage;
  } else if (apiVersion === 'autoscaling/v1') {
    const cpu = (spec.metrics ?? []).find(
      (m?: MetricSpec) => m?.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization',
    );
    if (cpu) spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
    delete spec.metrics;
    delete spec.behavior;
  }
  return c;
}

/** GET of a collection (not a watch): a `<Kind>List` or a Table. */
export function list(s: ApiState, x: ReqCtx): void {
  const { def, namespace, q, res } = x;
  const objs = select(s, def, namespace, q);
  const rv = s.rv();
  if (wantsTable(x.req)) return send(res, 200, toTable(s.cluster, def, objs, rv, q.get('includeObject') ?? 'Metadata'));
  send(res, 200, { kind: `${def.kind}List`, apiVersion: def.apiVersion, metadata: { resourceVersion: rv }, items: objs.map((o) => shape(o, def)) });
}

/** GET of one object (or its status): the object or a one-row Table. */
export function get(s: ApiState, x: ReqCtx): void {
  const { def, namespace, name, q, res } = x;
  const o = getOrThrow(s, def, namespace, name!);
  if (wantsTable(x.req)) return send(res, 200, toTable(s.cluster, def, [o], o.metadata.resourceVersion, q.get('includeObject') ?? 'Metadata'));
  send(res, 200, shape(o, def));
}
