// The side panel's controls on a real cluster: scale, delete a pod, set an image, roll back. Each is
// told as the kubectl command it equals, needs one permission (what SelfSubjectRulesReview is asked
// about, and what a 403 names), and is executed through the API as kubectl executes it: a merge
// patch of `/scale`, a DELETE, a strategic merge patch of the pod template, and `rollout undo`'s
// JSON patch of the template and annotations from the previous ReplicaSet
// (kubectl/pkg/polymorphichelpers/rollback.go).
import type { KObject } from '../cluster/store';
import type { Msg } from '../manifest/types';
import { HttpError, itemsOf, type RemoteClient } from './client';
import { remoteMsg } from './messages';
import type { ResourceRule } from './cluster';
import { allows } from './cluster';

export type RemoteAction =
  | { type: 'scale'; kind: 'Deployment' | 'StatefulSet' | 'ReplicaSet'; name: string; namespace: string; replicas: number }
  | { type: 'deletePod'; name: string; namespace: string }
  | { type: 'setImage'; kind: 'Deployment' | 'StatefulSet' | 'DaemonSet'; name: string; namespace: string; container: string; image: string }
  | { type: 'rollback'; name: string; namespace: string };

/** The action's `data-action` name in the panel (what a refusal hides). */
export const ACTION_NAMES = { scale: 'scale', deletePod: 'delete-pod', setImage: 'set-image', rollback: 'rollback' } as const;

/** What an action needs: `verb` on `resource` (with its subresource) of `group` in the namespace. */
export interface Permission {
  verb: string;
  group: string;
  resource: string;
  namespace: string;
}

const PLURAL: Record<string, string> = { Deployment: 'deployments', StatefulSet: 'statefulsets', ReplicaSet: 'replicasets', DaemonSet: 'daemonsets' };

/** Quotes a word for a shell when it needs it. */
const sh = (s: string) => (/^[\w.\-/=:@,]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The kubectl command the action equals (with `--context`, so it can be pasted into a terminal). */
export function kubectlCommand(a: RemoteAction, context?: string): string {
  const tail = ` -n ${sh(a.namespace)}${context ? ` --context ${sh(context)}` : ''}`;
  switch (a.type) {
    case 'scale':
      return `kubectl scale ${a.kind.toLowerCase()}/${sh(a.name)} --replicas=${a.replicas}${tail}`;
    case 'deletePod':
      return `kubectl delete pod ${sh(a.name)}${tail}`;
    case 'setImage':
      return `kubectl set image ${a.kind.toLowerCase()}/${sh(a.name)} ${sh(`${a.container}=${a.image}`)}${tail}`;
    case 'rollback':
      return `kubectl rollout undo deployment/${sh(a.name)}${tail}`;
  }
}

export function permissionOf(a: RemoteAction): Permission {
  const ns = a.namespace;
  switch (a.type) {
    case 'scale':
      return { verb: 'patch', group: 'apps', resource: `${PLURAL[a.kind]}/scale`, namespace: ns };
    case 'deletePod':
      return { verb: 'delete', group: '', resource: 'pods', namespace: ns };
    case 'setImage':
      return { verb: 'patch', group: 'apps', resource: PLURAL[a.kind], namespace: ns };
    case 'rollback':
      return { verb: 'patch', group: 'apps', resource: 'deployments', namespace: ns };
  }
}

/** Whether a SelfSubjectRulesReview's rules allow the action (its verb on its resource, subresource included). */
export function rulesAllow(rules: readonly ResourceRule[], a: Pick<Permission, 'verb' | 'group' | 'resource'>): boolean {
  return allows(rules, a.verb, a.group, a.resource);
}

/** Which of the panel's actions the rules do not allow (by `data-action` name), for a namespace. */
export function deniedActions(rules: readonly ResourceRule[], namespace: string): string[] {
  const probes: RemoteAction[] = [
    { type: 'scale', kind: 'Deployment', name: 'x', namespace, replicas: 1 },
    { type: 'deletePod', name: 'x', namespace },
    { type: 'setImage', kind: 'Deployment', name: 'x', namespace, container: 'x', image: 'x' },
    { type: 'rollback', name: 'x', namespace },
  ];
  return probes.filter((a) => !rulesAllow(rules, permissionOf(a))).map((a) => ACTION_NAMES[a.type]);
}

const apps = (ns: string, plural: string, name: string) => `/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/${plural}/${encodeURIComponent(name)}`;

/** The revision annotation of a ReplicaSet (0 when it has none). */
const revisionOf = (o: KObject) => Number(o.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0) || 0;

/** Annotations `rollout undo` leaves as the Deployment has them (rollback.go's annotationsToSkip). */
const SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** The JSON patch of `kubectl rollout undo` (to the previous revision), or a refusal in kubectl's words. */
export async function rollbackPatch(client: RemoteClient, namespace: string, name: string): Promise<unknown[]> {
  const d = (await client.request('GET', apps(namespace, 'deployments', name))) as KObject;
  const owned: KObject[] = itemsOf(await client.request('GET', `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/replicasets`)).filter((rs: KObject) =>
    rs.metadata?.ownerReferences?.some((r) => r.uid === d.metadata.uid),
  );
  const current = revisionOf(d);
  const previous = owned.filter((rs) => revisionOf(rs) > 0 && revisionOf(rs) !== current).sort((a, b) => revisionOf(b) - revisionOf(a))[0];
  if (!previous) throw new Error(`error: no rollout history found for deployment "${name}"`);
  const template = structuredClone(previous.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (SKIP.has(k)) annotations[k] = String(v);
  for (const [k, v] of Object.entries(previous.metadata.annotations ?? {})) if (!SKIP.has(k)) annotations[k] = String(v);
  return [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
}

/** Executes the action through the API; resolves to kubectl's one-line answer. Throws `HttpError` (or an Error in kubectl's words). */
export async function runAction(client: RemoteClient, a: RemoteAction): Promise<string> {
  const ns = encodeURIComponent(a.namespace);
  switch (a.type) {
    case 'scale':
      await client.request('PATCH', `${apps(a.namespace, PLURAL[a.kind], a.name)}/scale`, { spec: { replicas: a.replicas } }, 'application/merge-patch+json');
      return `${a.kind.toLowerCase()}.apps/${a.name} scaled`;
    case 'deletePod':
      await client.request('DELETE', `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(a.name)}`);
      return `pod "${a.name}" deleted`;
    case 'setImage': {
      const patch = { spec: { template: { spec: { containers: [{ name: a.container, image: a.image }] } } } };
      await client.request('PATCH', apps(a.namespace, PLURAL[a.kind], a.name), patch, 'application/strategic-merge-patch+json');
      return `${a.kind.toLowerCase()}.apps/${a.name} image updated`;
    }
    case 'rollback': {
      const patch = await rollbackPatch(client, a.namespace, a.name);
      await client.request('PATCH', apps(a.namespace, 'deployments', a.name), patch, 'application/json-patch+json');
      return `deployment.apps/${a.name} rolled back`;
    }
  }
}

/** A refused action in words: a 403 names the missing permission and the `kubectl auth can-i` that checks it. */
export function refusalOf(e: unknown, a: RemoteAction): Msg {
  if (e instanceof HttpError && e.code === 403) {
    const p = permissionOf(a);
    return remoteMsg('remote.action.forbidden', { verb: p.verb, resource: p.resource, namespace: p.namespace, detail: e.status?.message ?? e.message });
  }
  const detail = e instanceof HttpError ? (e.status?.message ?? e.message) : String((e as Error)?.message ?? e);
  return remoteMsg('remote.action.failed', { detail });
}
