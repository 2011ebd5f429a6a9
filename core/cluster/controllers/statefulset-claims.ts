// A StatefulSet's claims (pkg/controller/statefulset/stateful_set_utils.go): one claim per
// volumeClaimTemplate and pod, `<template>-<set>-<ordinal>`, and persistentVolumeClaimRetentionPolicy
// (StatefulSetAutoDeletePVC): whenDeleted Delete makes the set an owner of its claims, whenScaled
// Delete makes a condemned pod (ordinal ≥ replicas) the owner of its claims, so the garbage
// collector deletes them with their owner; Retain keeps them (the default for both).
import type { Cluster } from '../cluster';
import type { KObject, OwnerReference } from '../store';
import { clone } from './common';
import type { PersistentVolumeClaimTemplate } from '../../k8s/types';

/** The claims templates of a StatefulSet. */
export function claimTemplates(set: KObject): PersistentVolumeClaimTemplate[] {
  return Array.isArray(set.spec?.volumeClaimTemplates) ? set.spec.volumeClaimTemplates : [];
}

function policyOf(set: KObject): { whenDeleted: boolean; whenScaled: boolean } {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted === 'Delete', whenScaled: p?.whenScaled === 'Delete' };
}

function ref(o: KObject): OwnerReference {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid };
}

/** The owner references a claim of `set`'s pod should carry (updateClaimOwnerRefForSetAndPod). */
function wantedOwners(set: KObject, pod: KObject | undefined, scaledDown: boolean): OwnerReference[] {
  const { whenDeleted, whenScaled } = policyOf(set);
  if (scaledDown && whenScaled) return pod ? [ref(pod)] : [];
  return whenDeleted ? [ref(set)] : [];
}

/** Sets the claim's owner references to what the policy asks for (other owners kept). */
function own(c: Cluster, claim: KObject, set: KObject, pod: KObject | undefined, scaledDown: boolean): void {
  // The set and any pod (an earlier pod of the same ordinal included) are the policy's to manage.
  const before = claim.metadata.ownerReferences ?? [];
  const next = [...before.filter((r) => r.uid !== set.metadata.uid && r.kind !== 'Pod'), ...wantedOwners(set, pod, scaledDown)];
  if (JSON.stringify(next) === JSON.stringify(before)) return;
  if (next.length) claim.metadata.ownerReferences = next;
  else delete claim.metadata.ownerReferences;
  c.store.update(claim, before);
}

/** Creates the claims of pod `podName` that do not exist yet; calls `created(name)` for each. */
export function createClaims(c: Cluster, set: KObject, podName: string, created: (claim: string) => void): void {
  const ns = set.metadata.namespace;
  for (const t of claimTemplates(set)) {
    const claimName = `${t?.metadata?.name}-${podName}`;
    if (c.get('PersistentVolumeClaim', ns, claimName)) continue;
    const owners = wantedOwners(set, undefined, false);
    c.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName,
        namespace: ns,
        labels: { ...(set.spec?.selector?.matchLabels ?? {}), ...(t?.metadata?.labels ?? {}) },
        ...(owners.length ? { ownerReferences: owners } : {}),
      },
      spec: clone(t?.spec ?? {}),
    });
    created(claimName);
  }
}

/** Before a pod is deleted (scale-down or not), its claims get the owners the retention policy asks for. */
export function ownClaims(c: Cluster, set: KObject, pod: KObject, scaledDown: boolean): void {
  const ns = set.metadata.namespace;
  for (const t of claimTemplates(set)) {
    const claim = c.get('PersistentVolumeClaim', ns, `${t?.metadata?.name}-${pod.metadata.name}`);
    if (claim) own(c, claim, set, pod, scaledDown);
  }
}
