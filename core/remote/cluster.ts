// A real cluster seen through informers: one per resource of WATCHED, in one namespace or all. It
// gives the panel's view-model from the informers' caches (the same builder as the simulated
// cluster's), how fresh the picture is (the last event; "stale" while a watch is down), which parts
// are hidden for lack of permission, and the SelfSubjectRulesReview that decides what controls to
// offer.
import { isObj, scalarText } from '../k8s/guards';
import type { KObject } from '../cluster/store';
import { buildState, type PanelState } from '../panel/view';
import { listSource, type ObjectSource } from '../panel/source';
import type { RemoteClient } from './client';
import { Informer, type InformerOptions, type MissingPermission } from './informer';
import { WATCHED, type ResourceSpec } from './resources';

export interface Freshness {
  /** When the last event (or list answer) arrived, in ms since the epoch; undefined before any. */
  lastEventAt?: number;
  /** A watch is down (reconnecting): the picture may be out of date. */
  stale: boolean;
  /** The kinds whose watch is down. */
  down: string[];
}

/** One rule of a SelfSubjectRulesReview. */
export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
}

export interface RemoteClusterOptions extends InformerOptions {
  /** Only this namespace (cluster-scoped kinds are always whole); all namespaces when undefined. */
  namespace?: string;
  /** Called after any change in a cache or in an informer's state. */
  onChange?: () => void;
  resources?: readonly ResourceSpec[];
}

export class RemoteCluster {
  readonly informers: Informer[];

  constructor(
    readonly client: RemoteClient,
    opts: RemoteClusterOptions = {},
  ) {
    const changed = () => opts.onChange?.();
    this.informers = (opts.resources ?? WATCHED).map((r) => new Informer(client, r, opts.namespace, opts, changed));
  }

  start(): void {
    for (const i of this.informers) i.start();
  }

  stop(): void {
    for (const i of this.informers) i.stop();
    this.client.close();
  }

  informer(kind: string): Informer | undefined {
    return this.informers.find((i) => i.spec.kind === kind);
  }

  /** Resolves once every informer has answered its first list (or was refused, or failed without retry). */
  synced(poll: (fn: () => void) => void = (fn) => setTimeout(fn, 10)): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.informers.every((i) => i.settled) ? resolve() : poll(check));
      check();
    });
  }

  /** The cached objects as the panel's source; `now` is wall time (ms since the epoch) unless given with its epoch. */
  source(now: number = Date.now(), epoch = 0): ObjectSource {
    const lists: Record<string, KObject[]> = {};
    for (const i of this.informers) lists[i.spec.kind] = [...i.objects.values()];
    return listSource(lists, now, epoch);
  }

  /** The panel's view-model of the cached cluster. */
  state(now?: number, epoch?: number, opts: { tables?: boolean } = {}): PanelState {
    return buildState(this.source(now, epoch), opts);
  }

  /** Events, newest last (the panel tells them twice: kubectl's line and the dorm story). */
  events(): KObject[] {
    const evs = [...(this.informer('Event')?.objects.values() ?? [])];
    const at = (e: KObject) => scalarText(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp);
    return evs.sort((a, b) => at(a).localeCompare(at(b)));
  }

  freshness(): Freshness {
    const times = this.informers.map((i) => i.lastEventAt).filter((x): x is number => x !== undefined);
    const down = this.informers.filter((i) => i.stale).map((i) => i.spec.kind);
    return { lastEventAt: times.length ? Math.max(...times) : undefined, stale: down.length > 0, down };
  }

  /** The permissions whose lack hides a part of the view. */
  missing(): MissingPermission[] {
    return this.informers.map((i) => i.forbidden).filter((x): x is MissingPermission => !!x);
  }

  /** The user's rules in a namespace (SelfSubjectRulesReview): what the controls may offer. */
  async rulesReview(namespace: string): Promise<{ rules: ResourceRule[]; incomplete: boolean }> {
    const body = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } };
    const r = await this.client.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', body);
    const status = isObj(r) && isObj(r.status) ? r.status : {};
    return { rules: Array.isArray(status.resourceRules) ? (status.resourceRules as ResourceRule[]) : [], incomplete: !!status.incomplete };
  }
}

/** Whether the rules allow `verb` on `resource` of `group` ('*' matches anything). */
export function allows(rules: readonly ResourceRule[], verb: string, group: string, resource: string): boolean {
  const has = (list: readonly string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));
  return rules.some((r) => has(r.verbs, verb) && has(r.apiGroups, group) && has(r.resources, resource));
}
