// Namespaces (the API server's NamespaceLifecycle admission and the namespace controller): a deleted
// namespace turns Terminating (status.phase, deletionTimestamp), everything in it is deleted (pods
// gracefully), and the namespace goes once it is empty. `default`, `kube-system`, `kube-public` and
// `kube-node-lease` can never be deleted, and nothing new may be created in a Terminating namespace.
import type { Cluster, Controller } from '../cluster';
import { isClusterScopedKind } from '../../k8s/kinds';
import type { KObject } from '../store';
import { kindsNamed } from '../../schema/catalog';

/** Namespaces the API server never deletes. */
export const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** The API server's refusal to delete an immortal namespace (Forbidden), or undefined. */
export function namespaceDeleteRefusal(name: string): string | undefined {
  return IMMORTAL_NAMESPACES.has(name) ? `namespaces "${name}" is forbidden: this namespace may not be deleted` : undefined;
}

/** The refusal to create `kind/name` in a Terminating namespace (Forbidden), or undefined. */
export function terminatingRefusal(c: Cluster, kind: string, name: string, ns: string | undefined): string | undefined {
  if (!ns || isClusterScopedKind(kind)) return undefined;
  const n = c.get('Namespace', undefined, ns);
  if (!n?.metadata.deletionTimestamp) return undefined;
  const k = kindsNamed(kind)[0];
  const resource = k ? `${k.plural}${k.group ? `.${k.group}` : ''}` : kind.toLowerCase();
  return `${resource} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`;
}

export class NamespaceController implements Controller {
  readonly name = 'namespace';

  constructor(private c: Cluster) {
    c.setHook('namespaces', this);
    c.store.watch((ev) => {
      const ns = ev.object.metadata.namespace;
      if (ev.type === 'DELETED' && ns && this.c.get('Namespace', undefined, ns)?.metadata.deletionTimestamp) c.enqueue(this, ns);
    });
  }

  /** Starts deleting namespace `o` (its contents first); throws the API server's refusal for an immortal one. */
  delete(o: KObject): void {
    const refusal = namespaceDeleteRefusal(o.metadata.name);
    if (refusal) throw new Error(refusal);
    // Kinds the simulator keeps but does not run go with it.
    for (let i = this.c.notSimulated.length - 1; i >= 0; i--)
      if (this.c.notSimulated[i].metadata?.namespace === o.metadata.name) this.c.notSimulated.splice(i, 1);
    if (!o.metadata.deletionTimestamp) {
      o.metadata.deletionTimestamp = this.c.iso();
      o.metadata.deletionGracePeriodSeconds = 0;
      o.status = { ...(o.status ?? {}), phase: 'Terminating' };
      this.c.update(o);
    }
    this.c.enqueue(this, o.metadata.name);
  }

  sync(ns: string): void {
    const n = this.c.get('Namespace', undefined, ns);
    if (!n?.metadata.deletionTimestamp) return;
    let left = 0;
    for (const k of this.c.store.kinds()) {
      if (isClusterScopedKind(k)) continue;
      for (const x of this.c.list(k, ns)) {
        left++;
        if (!x.metadata.deletionTimestamp) this.c.delete(x);
      }
    }
    if (!left) this.c.store.remove(n);
  }
}
