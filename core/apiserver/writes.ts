// Writes: create (review kinds answered, never stored), replace (PUT, and the object or status a
// patch produced), the JSON, merge and strategic merge patches, and delete (grace period,
// preconditions, Orphan propagation; a namespace takes its contents along). Every change goes
// through `Cluster.create/update/delete` or `applyObject`, so the controllers react exactly as to
// the panel.
import { replaceObject } from '../cluster/apply';
import { applyDefaults } from '../cluster/defaults';
import { noticeText, notSimulatedFields } from '../cluster/coverage';
import { namespaceDeleteRefusal, terminatingRefusal, type NamespaceController } from '../cluster/controllers/namespace';
import { newMeta, type KObject } from '../cluster/store';
import { isObj } from '../k8s/guards';
import type { DeleteOptions, ObjectMeta } from '../k8s/types';
import { parseYamlBody } from './body';
import { ApiError, clone, managerOf, send, type ReqCtx } from './http';
import { recordManager } from './managed-fields';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from '../k8s/patch';
import { getOrThrow, hpaAs, qualified, select, shape } from './read';
import type { ResourceDef } from '../k8s/registry';
import type { ApiState } from './state';
import { checkImmutable, validate } from '../cluster/validation';
import { checkNamespace, decodeBody, warn } from './validate';
import { establishedStatus, isCustomDef } from './crds';

/** Kinds whose status the server owns from the start (a created object's status is dropped). */
const STATUS_OWNED = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'PersistentVolumeClaim'];

export function create(s: ApiState, x: ReqCtx): void {
  const { def, q, res } = x;
  const o = decodeBody(x);
  o.apiVersion ??= def.apiVersion;
  o.kind ??= def.kind;
  if (o.kind === 'HorizontalPodAutoscaler') Object.assign(o, hpaAs(o, 'autoscaling/v2'));
  if (o.kind !== def.kind)
    throw new ApiError(400, 'BadRequest', `the API version in the data (${o.apiVersion}) does not match the expected API version (${def.apiVersion})`);
  if (!isObj(o.metadata)) o.metadata = newMeta({});
  if (REVIEWS.has(def.kind)) return send(res, 201, review(o));
  const md = o.metadata;
  if (def.namespaced) {
    if (md.namespace && x.namespace && md.namespace !== x.namespace)
      throw new ApiError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    md.namespace = x.namespace ?? md.namespace ?? 'default';
  } else delete md.namespace;
  if (!md.name && !md.generateName)
    throw new ApiError(422, 'Invalid', `${o.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
  checkNamespace(s.cluster, def, md.namespace);
  const terminating = md.name ? terminatingRefusal(s.cluster, def.kind, md.name, md.namespace) : undefined;
  if (terminating) throw new ApiError(403, 'Forbidden', terminating, { name: md.name, group: def.group, kind: def.plural });
  if (md.name && s.cluster.get(def.kind, md.namespace, md.name)) {
    throw new ApiError(409, 'AlreadyExists', `${qualified(def)} "${md.name}" already exists`, { name: md.name, group: def.group, kind: def.plural });
  }
  const warnings = [
    ...validate(o, def, q.get('fieldValidation') === 'Strict', s.opts.kubernetesVersion),
    ...notSimulatedFields(o).map((n) => noticeText(n, 'en')),
  ];
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation', 'managedFields'] as const)
    delete (md as Partial<ObjectMeta>)[k];
  if (o.kind === 'Secret') o.type ??= 'Opaque';
  if (STATUS_OWNED.includes(o.kind) || (isCustomDef(def) && def.crdVersion.statusSubresource)) delete o.status;
  if (o.kind === 'CustomResourceDefinition') o.status = establishedStatus(o, s.cluster.iso());
  recordManager(s.cluster, o, undefined, q.get('fieldManager') ?? managerOf(x.req), 'Update');
  warn(res, warnings);
  if (q.get('dryRun') === 'All') {
    const d = clone(o);
    applyDefaults(d);
    d.metadata.creationTimestamp = s.cluster.iso();
    d.metadata.uid = '00000000-0000-0000-0000-000000000000';
    return send(res, 201, d);
  }
  const created = s.cluster.create(o);
  s.changed();
  s.action('create', def, created.metadata.name);
  send(res, 201, shape(s.cluster.get(def.kind, created.metadata.namespace, created.metadata.name) ?? created, def));
}

/** Replaces `cur` (the stored object) with `next`, keeping what the server owns. */
export function replace(s: ApiState, cur: KObject, next: KObject, def: ResourceDef, x: ReqCtx, status = false): KObject {
  const md: Partial<ObjectMeta> = next.metadata ?? {};
  if (md.name && md.name !== cur.metadata.name)
    throw new ApiError(400, 'BadRequest', `the name of the object (${md.name}) does not match the name on the URL (${cur.metadata.name})`);
  if (md.resourceVersion && md.resourceVersion !== cur.metadata.resourceVersion) {
    throw new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(def)} "${cur.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name: cur.metadata.name, group: def.group, kind: def.plural },
    );
  }
  if (status) {
    cur.status = next.status;
    if (x.q.get('dryRun') !== 'All') s.cluster.update(cur);
    s.changed();
    return cur;
  }
  next.apiVersion = cur.apiVersion;
  next.kind = cur.kind;
  next.metadata = newMeta({ ...md, name: cur.metadata.name, namespace: cur.metadata.namespace });
  const warnings = [
    ...validate(next, def, x.q.get('fieldValidation') === 'Strict', s.opts.kubernetesVersion),
    ...notSimulatedFields(next).map((n) => noticeText(n, 'en')),
  ];
  checkImmutable(cur, next, def);
  warn(x.res, warnings);
  if (x.q.get('dryRun') === 'All')
    return { ...clone(cur), ...next, metadata: { ...cur.metadata, labels: next.metadata.labels, annotations: next.metadata.annotations } };
  const before = clone(cur);
  replaceObject(s.cluster, cur, next);
  recordManager(s.cluster, cur, before, x.q.get('fieldManager') ?? managerOf(x.req), 'Update');
  s.changed();
  return cur;
}

/** PUT of an object or its status. */
export function update(s: ApiState, x: ReqCtx): void {
  const { def, namespace, name, res } = x;
  const cur = getOrThrow(s, def, namespace, name!);
  let next = decodeBody(x);
  if (next.kind === 'HorizontalPodAutoscaler') next = hpaAs(next, 'autoscaling/v2');
  const out = replace(s, cur, next, def, x, x.sub === 'status');
  if (x.q.get('dryRun') !== 'All') s.action('replace', def, cur.metadata.name);
  send(res, 200, shape(out, def));
}

/** `cur` with the request's JSON, merge or strategic merge patch applied. */
export function applyPatch(cur: unknown, x: ReqCtx): unknown {
  const ct = String(x.req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
  let body: unknown;
  try {
    body = ct === 'application/apply-patch+yaml' ? parseYamlBody(x.body.toString('utf8')) : JSON.parse(x.body.toString('utf8'));
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
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
        );
    }
  } catch (e) {
    if (e instanceof PatchError) throw new ApiError(422, 'Invalid', e.message);
    throw e;
  }
}

/** PATCH of an object or its status (server-side apply is `serverSideApply`). */
export function patch(s: ApiState, x: ReqCtx): void {
  const { def, namespace, name, res } = x;
  const cur = getOrThrow(s, def, namespace, name!);
  const next = applyPatch(clone(cur), x) as KObject;
  if (!isObj(next)) throw new ApiError(422, 'Invalid', 'the patch did not produce an object');
  // A patch that carries no resourceVersion never conflicts.
  if (next.metadata?.resourceVersion === cur.metadata.resourceVersion || !next.metadata?.resourceVersion)
    next.metadata = newMeta({ ...next.metadata, resourceVersion: undefined });
  const out = replace(s, cur, next, def, x, x.sub === 'status');
  if (x.q.get('dryRun') !== 'All') s.action('patch', def, cur.metadata.name);
  send(res, 200, shape(out, def));
}

/** The API server's NamespaceLifecycle admission: `default`, `kube-system`, ... are never deleted. */
function refuseImmortal(o: KObject): void {
  const refusal = o.kind === 'Namespace' ? namespaceDeleteRefusal(o.metadata.name) : undefined;
  if (refusal) throw new ApiError(403, 'Forbidden', refusal, { name: o.metadata.name, kind: 'namespaces' });
}

/** Deletes an object (orphaning its dependents if asked; a namespace deletes its contents at once). */
export function remove(s: ApiState, o: KObject, opts: { gracePeriodSeconds?: number; propagationPolicy?: string }): void {
  refuseImmortal(o);
  const c = s.cluster;
  if (opts.propagationPolicy === 'Orphan') {
    for (const d of c.store.ownedBy(o.metadata.uid)) {
      const before = d.metadata.ownerReferences;
      d.metadata.ownerReferences = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== o.metadata.uid);
      if (!d.metadata.ownerReferences.length) delete d.metadata.ownerReferences;
      c.store.update(d, before ?? []);
    }
  }
  // A namespace turns Terminating; the namespace controller deletes what it holds, then the namespace.
  if (o.kind === 'Namespace') c.hook<NamespaceController>('namespaces').delete(o);
  else c.delete(o, { gracePeriodSeconds: opts.gracePeriodSeconds });
}

/** DELETE of one object; DeleteOptions come in the body or the query. */
export function del(s: ApiState, x: ReqCtx): void {
  const { def, namespace, name, res, q } = x;
  const o = getOrThrow(s, def, namespace, name!);
  let opts: DeleteOptions = {};
  if (x.body.length) {
    try {
      opts = JSON.parse(x.body.toString('utf8')) as DeleteOptions;
    } catch {
      opts = {};
    }
  }
  const grace = opts.gracePeriodSeconds ?? (q.has('gracePeriodSeconds') ? Number(q.get('gracePeriodSeconds')) : undefined);
  const pp = opts.propagationPolicy ?? q.get('propagationPolicy') ?? undefined;
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== o.metadata.uid)
    throw new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(def)} "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${o.metadata.uid}`,
    );
  if (pre?.resourceVersion && pre.resourceVersion !== o.metadata.resourceVersion)
    throw new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(def)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    );
  if (def.kind === 'Event') throw new ApiError(405, 'MethodNotAllowed', 'events of the simulated cluster cannot be deleted');
  refuseImmortal(o);
  if ((opts.dryRun ?? []).includes?.('All') || q.get('dryRun') === 'All') return send(res, 200, shape(o, def));
  remove(s, o, { gracePeriodSeconds: grace, propagationPolicy: pp });
  s.changed();
  s.action('delete', def, name!);
  const still = s.cluster.get(def.kind, namespace, name!);
  if (still) return send(res, 200, shape(still, def));
  send(res, 200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name, group: def.group, kind: def.plural, uid: o.metadata.uid },
  });
}

/** DELETE of a collection (`kubectl delete pods --all`, with selectors). */
export function deleteCollection(s: ApiState, x: ReqCtx): void {
  const { def, namespace, q, res } = x;
  const objs = select(s, def, namespace, q);
  objs.forEach(refuseImmortal);
  for (const o of objs) remove(s, o, {});
  s.changed();
  send(res, 200, { kind: `${def.kind}List`, apiVersion: def.apiVersion, metadata: {}, items: objs.map((o) => shape(o, def)) });
}

/** Review kinds are answered, never stored: the one learner may do everything (`kubectl auth can-i`, `auth whoami`). */
const REVIEWS = new Set([
  'SelfSubjectAccessReview',
  'SubjectAccessReview',
  'LocalSubjectAccessReview',
  'SelfSubjectRulesReview',
  'SelfSubjectReview',
  'TokenReview',
]);
function review(o: KObject): KObject {
  const user = { username: 'kube-dorm-learner', groups: ['system:masters', 'system:authenticated'] };
  switch (o.kind) {
    case 'SelfSubjectRulesReview':
      return {
        ...o,
        status: {
          resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
          nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
          incomplete: false,
        },
      };
    case 'SelfSubjectReview':
      return { ...o, status: { userInfo: user } };
    case 'TokenReview':
      return { ...o, status: { authenticated: false, error: 'token reviews are not simulated' } };
    default:
      return { ...o, status: { allowed: true, reason: 'the kube-dorm learner may do everything in the simulated cluster' } };
  }
}
