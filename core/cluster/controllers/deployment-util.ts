// The Deployment controller's helpers (pkg/controller/deployment/util): the rolling-update
// fenceposts, a pod template's identity and hash, and the annotations the controller keeps on
// Deployments and their ReplicaSets.
import { decodedForm, intOrPercent } from '../defaults';
import { canonicalJson } from '../rng';
import type { KObject } from '../store';
import type { DeploymentCondition, PodTemplateSpec, ReplicaSetCondition } from '../../k8s/types';

export const REV = 'deployment.kubernetes.io/revision';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAXR = 'deployment.kubernetes.io/max-replicas';
export const HASH = 'pod-template-hash';
const REV_HISTORY = 'deployment.kubernetes.io/revision-history';
const MAX_REV_HISTORY_CHARS = 2000;

/** maxSurge (rounded up) and maxUnavailable (rounded down); both 0 → maxUnavailable 1. */
export function resolveFenceposts(d: KObject): { maxSurge: number; maxUnavailable: number } {
  const replicas = Number(d.spec?.replicas ?? 1);
  if (d.spec?.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: replicas };
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const maxSurge = intOrPercent(ru.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = intOrPercent(ru.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

/**
 * A template's identity, ignoring the pod-template-hash label (EqualIgnoreHash), taken in the form
 * the API server stores it: `creationTimestamp: null`, `resources: {}` and other spellings of an
 * absent field do not make a template different, so equal templates get the same pod-template-hash.
 */
export function templateKey(t: unknown): string {
  // Read as a pod template; anything else has no metadata to drop and is compared as it is.
  const c = decodedForm(t ?? {}) as PodTemplateSpec;
  if (c.metadata?.labels) delete c.metadata.labels[HASH];
  if (c.metadata?.labels && !Object.keys(c.metadata.labels).length) delete c.metadata.labels;
  if (c.metadata && !Object.keys(c.metadata).length) delete c.metadata;
  return canonicalJson(c);
}

// templateKey of a stored object's spec.template, cached per object and resourceVersion: a sync
// compares the Deployment's template with every ReplicaSet's, and templates with large
// annotations or env lists made that canonical JSON the whole cost of a sync.
const keyCache = new WeakMap<object, { rv: string; template: unknown; key: string }>();
export function templateKeyOf(o: KObject): string {
  const rv = o.metadata?.resourceVersion;
  const template = o.spec?.template;
  const hit = keyCache.get(o);
  if (hit && rv !== undefined && hit.rv === rv && hit.template === template) return hit.key;
  const key = templateKey(template);
  if (rv !== undefined) keyCache.set(o, { rv, template, key });
  return key;
}

/** Annotations the Deployment controller never copies from a Deployment to its ReplicaSets (annotationsToSkip). */
export const ANNOTATIONS_NOT_COPIED: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REV,
  REV_HISTORY,
  DESIRED,
  MAXR,
  'deprecated.deployment.rollback.to',
]);

/**
 * copyDeploymentAnnotationsToReplicaSet: the Deployment's annotations (such as
 * `kubernetes.io/change-cause`, which `rollout history` reads from the ReplicaSets) onto `rs`,
 * except the controller's own; true if `rs` changed.
 */
export function copyAnnotations(d: KObject, rs: KObject): boolean {
  let changed = false;
  const ann = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_NOT_COPIED.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

/** The revisions a ReplicaSet had before a rollback, oldest first, kept within the controller's 2000 characters. */
export function appendRevisionHistory(ann: Record<string, string>, oldRevision: string): void {
  const revisions = ann[REV_HISTORY] ? ann[REV_HISTORY].split(',') : [];
  revisions.push(oldRevision);
  while (revisions.join(',').length > MAX_REV_HISTORY_CHARS && revisions.length > 1) revisions.shift();
  if (revisions.join(',').length <= MAX_REV_HISTORY_CHARS) ann[REV_HISTORY] = revisions.join(',');
}

/**
 * getReplicaFailures (progress.go): the new ReplicaSet's ReplicaFailure condition, else the first
 * one among all its ReplicaSets, as a Deployment condition (ReplicaSetToDeploymentCondition: the
 * update time is the transition time).
 */
export function replicaFailureOf(rsList: KObject[], newRS: KObject | undefined): DeploymentCondition | undefined {
  for (const rs of newRS ? [newRS, ...rsList] : rsList) {
    const c = (rs.status?.conditions ?? []).find((x?: ReplicaSetCondition) => x?.type === 'ReplicaFailure');
    if (c)
      return {
        type: c.type,
        status: c.status,
        lastUpdateTime: c.lastTransitionTime,
        lastTransitionTime: c.lastTransitionTime,
        reason: c.reason,
        message: c.message,
      };
  }
  return undefined;
}

/**
 * Moves a ReplicaSet's failure into the Deployment's conditions (SetDeploymentCondition: one of the
 * same status and reason is kept; RemoveDeploymentCondition when no ReplicaSet has one).
 */
export function setReplicaFailure(conds: DeploymentCondition[], failure: DeploymentCondition | undefined): DeploymentCondition[] {
  const cur = conds.find((x) => x.type === 'ReplicaFailure');
  if (!failure) return cur ? conds.filter((x) => x !== cur) : conds;
  if (cur && cur.status === failure.status && cur.reason === failure.reason) return conds;
  return [...conds.filter((x) => x !== cur), failure];
}
