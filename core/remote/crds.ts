// The CRDs installed in a connected cluster, for lint: one informer on
// apiextensions.k8s.io/v1 customresourcedefinitions (list, then watch: never polled), reported as
// a whole list once the first list answered and again whenever one changes (coalesced). A 403
// reports an empty list: custom resources are then checked against the workspace's CRDs only.
// Read-only: nothing is ever written to the cluster.
import type { KObject } from '../cluster/store';
import type { RemoteClient } from './client';
import { Informer, type InformerOptions } from './informer';
import type { ResourceSpec } from './resources';

export const CRD_SPEC: ResourceSpec = {
  kind: 'CustomResourceDefinition',
  group: 'apiextensions.k8s.io',
  version: 'v1',
  plural: 'customresourcedefinitions',
  namespaced: false,
};

export interface ClusterCrdsOptions extends InformerOptions {
  /** Changes within this many ms are reported once (default 300). */
  coalesceMs?: number;
}

export class ClusterCrds {
  readonly informer: Informer;
  private timer: unknown;
  private lastKey: string | undefined;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (h: unknown) => void;

  constructor(
    client: RemoteClient,
    private readonly report: (crds: KObject[]) => void,
    private readonly opts: ClusterCrdsOptions = {},
  ) {
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.informer = new Informer(client, CRD_SPEC, undefined, opts, () => this.changed());
  }

  start(): void {
    this.informer.start();
  }

  stop(): void {
    this.informer.stop();
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** The CRDs in the cache, by name. */
  list(): KObject[] {
    return [...this.informer.objects.values()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  }

  private changed(): void {
    if (!this.informer.settled || this.timer !== undefined) return;
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      this.flush();
    }, this.opts.coalesceMs ?? 300);
  }

  /** Reports the list when it differs from the last one reported (names and resourceVersions). */
  private flush(): void {
    const list = this.list();
    const key = list.map((o) => `${o.metadata.name}@${String(o.metadata.resourceVersion ?? '')}`).join('\n');
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.report(list);
  }
}
