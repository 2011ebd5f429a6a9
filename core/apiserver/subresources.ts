// Subresources other than /status: /scale (`autoscaling/v1 Scale`), pods/log (with follow),
// pods/eviction and services/proxy.
import type { KObject } from '../cluster/store';
import type { Container } from '../k8s/types';
import { formatSelector } from '../k8s/labels';
import { ApiError, clone, managerOf, methodNotAllowed, send, type ReqCtx } from './http';
import { recordManager } from './managed-fields';
import { getOrThrow, qualified } from './read';
import type { ApiState } from './state';
import { decodeBody } from './validate';
import { applyPatch, remove } from './writes';

function scaleOf(o: KObject): KObject {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      uid: o.metadata.uid,
      resourceVersion: o.metadata.resourceVersion,
      creationTimestamp: o.metadata.creationTimestamp,
    },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, selector: formatSelector(o.spec?.selector) },
  };
}

/** GET, PUT or PATCH of `/scale`. */
export function scale(s: ApiState, x: ReqCtx): void {
  const { def, namespace, name, method, res } = x;
  const o = getOrThrow(s, def, namespace, name!);
  const cur = scaleOf(o);
  if (method === 'GET') return send(res, 200, cur);
  let next: KObject;
  if (method === 'PUT') next = decodeBody(x);
  else if (method === 'PATCH') next = applyPatch(cur, x) as KObject;
  else throw methodNotAllowed();
  if (next.metadata?.resourceVersion && next.metadata.resourceVersion !== o.metadata.resourceVersion) {
    throw new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(def)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    );
  }
  const n = Number(next.spec?.replicas);
  if (!Number.isInteger(n) || n < 0)
    throw new ApiError(
      422,
      'Invalid',
      `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${next.spec?.replicas}: must be greater than or equal to 0`,
    );
  if (x.q.get('dryRun') !== 'All' && n !== o.spec?.replicas) {
    const before = clone(o);
    o.spec.replicas = n;
    s.cluster.update(o, true);
    recordManager(s.cluster, o, before, x.q.get('fieldManager') ?? managerOf(x.req), 'Update');
    s.changed();
    s.action('scale', def, name!, ` --replicas=${n}`);
  }
  send(res, 200, scaleOf(o));
}

/** GET of pods/log: the container's simulated lines, then more while `follow=true`. */
export function podLog(s: ApiState, x: ReqCtx): void {
  const { namespace, name, q, res } = x;
  const pod = getOrThrow(s, x.def, namespace, name!);
  const containers: string[] = (pod.spec?.containers ?? []).map((c: Container) => c.name);
  let container = q.get('container') ?? undefined;
  if (!container) {
    container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? containers[0];
    if (containers.length > 1 && !pod.metadata.annotations?.['kubectl.kubernetes.io/default-container']) {
      throw new ApiError(400, 'BadRequest', `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
    }
  }
  const all = [...containers, ...(pod.spec?.initContainers ?? []).map((c: Container) => c.name)];
  if (!all.includes(container)) throw new ApiError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
  const st = s.logs.containerState(pod, container);
  if (st === 'waiting')
    throw new ApiError(400, 'BadRequest', `container "${container}" in pod "${name}" is waiting to start: ${s.logs.waitingReason(pod, container)}`);
  const opts = {
    previous: q.get('previous') === 'true',
    tailLines: q.has('tailLines') ? Number(q.get('tailLines')) : undefined,
    timestamps: q.get('timestamps') === 'true',
  };
  const lines = s.logs.lines(pod, container, opts);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.write(lines.map((l) => l + '\n').join(''));
  if (q.get('follow') !== 'true') {
    res.end();
    return;
  }
  const off = s.logs.follow(
    pod,
    container,
    (l) => res.write(l + '\n'),
    () => res.end(),
  );
  res.on('close', off);
}

/** POST of pods/eviction: a graceful delete (no PodDisruptionBudgets are simulated). */
export function evict(s: ApiState, x: ReqCtx): void {
  const { def, namespace, name, res } = x;
  const pod = getOrThrow(s, def, namespace, name!);
  remove(s, pod, {});
  s.changed();
  s.action('delete', def, name!);
  send(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}

/** services/proxy: one request through the Service to a ready endpoint's simulated server. */
export function serviceProxy(s: ApiState, x: ReqCtx): void {
  const { def, namespace, name, res, subrest, method } = x;
  const svcName = name!.split(':')[0];
  const svc = getOrThrow(s, def, namespace, svcName);
  const r = s.logs.request(svc, method, '/' + subrest.join('/'));
  if (!r.ok) throw new ApiError(503, 'ServiceUnavailable', r.error ?? `no endpoints available for service "${svcName}"`);
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end(r.body);
}
