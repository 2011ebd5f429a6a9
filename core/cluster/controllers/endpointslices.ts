// EndpointSlices (pkg/controller/endpointslice and endpointslicemirroring): the address book 地址簿
// of the take-out dispatch centre in the form kube-proxy, CoreDNS and `kubectl describe svc` read
// today. One `discovery.k8s.io/v1` EndpointSlice holds at most 100 endpoints that share a port
// list; each endpoint carries the conditions ready / serving / terminating (a terminating room is
// listed, not ready). The reconciler is incremental as the real one is: an endpoint stays in the
// slice it is in, a changed slice is rewritten, new endpoints go where there is room, and a
// Service with no endpoints keeps one empty placeholder slice.
import type { Cluster } from '../cluster';
import { isPodReady } from '../podutil';
import { randomSuffix, Rng } from '../rng';
import type { KObject } from '../store';
import { newMeta } from '../store';
import type { EndpointAddress, EndpointPort } from '../../k8s/types';
import { ownerRef } from './common';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const SLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
export const MIRROR_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
const MAX_ENDPOINTS_PER_SLICE = 100;

/** An endpoint of a slice, keyed by the pod's uid (or the address when no pod stands behind it). */
export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; name: string; namespace: string; uid: string };
}

export interface EndpointGroup {
  ports: { name: string; port: number; protocol: string; appProtocol?: string }[];
  endpoints: Map<string, SliceEndpoint>;
}

/** The endpoint a pod gives a Service (endpointslice util podToEndpoint). */
export function podEndpoint(svc: KObject, p: KObject): SliceEndpoint {
  const publish = !!svc.spec?.publishNotReadyAddresses;
  const serving = publish || isPodReady(p);
  const terminating = !!p.metadata.deletionTimestamp;
  const ep: SliceEndpoint = {
    addresses: [p.status.podIP],
    conditions: { ready: publish || (serving && !terminating), serving, terminating },
  };
  if (p.spec?.hostname && p.spec?.subdomain === svc.metadata.name) ep.hostname = p.spec.hostname;
  if (p.spec?.nodeName) ep.nodeName = p.spec.nodeName;
  ep.targetRef = { kind: 'Pod', name: p.metadata.name, namespace: p.metadata.namespace ?? 'default', uid: p.metadata.uid };
  return ep;
}

/** The endpoint groups a selector-less Service's hand-written Endpoints give (the mirroring controller). */
export function mirroredGroups(ep: KObject | undefined): EndpointGroup[] {
  const out: EndpointGroup[] = [];
  for (const s of Array.isArray(ep?.subsets) ? ep.subsets : []) {
    const g: EndpointGroup = {
      ports: (Array.isArray(s?.ports) ? s.ports : []).map((p?: EndpointPort) => ({ name: p?.name ?? '', port: p?.port, protocol: p?.protocol ?? 'TCP' })),
      endpoints: new Map(),
    };
    const add = (a: EndpointAddress | undefined, ready: boolean) => {
      if (typeof a?.ip !== 'string') return;
      const e: SliceEndpoint = { addresses: [a.ip], conditions: { ready, serving: ready, terminating: false } };
      if (a.hostname) e.hostname = a.hostname;
      if (a.nodeName) e.nodeName = a.nodeName;
      if (a.targetRef) e.targetRef = a.targetRef as SliceEndpoint['targetRef'];
      g.endpoints.set(a.targetRef?.uid ?? a.ip, e);
    };
    for (const a of Array.isArray(s?.addresses) ? s.addresses : []) add(a, true);
    for (const a of Array.isArray(s?.notReadyAddresses) ? s.notReadyAddresses : []) add(a, false);
    out.push(g);
  }
  return out;
}

const sameEndpoint = (a: SliceEndpoint, b: SliceEndpoint) =>
  a === b ||
  (a.addresses[0] === b.addresses[0] &&
    a.conditions?.ready === b.conditions.ready &&
    a.conditions?.serving === b.conditions.serving &&
    a.conditions?.terminating === b.conditions.terminating &&
    a.hostname === b.hostname &&
    a.nodeName === b.nodeName &&
    a.targetRef?.uid === b.targetRef?.uid &&
    a.targetRef?.name === b.targetRef?.name &&
    a.addresses.length === b.addresses.length);
const sameLabels = (a: Record<string, string> | undefined, b: Record<string, string>) => {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b).length && ka.every((k) => a![k] === b[k]);
};
const keyOfEndpoint = (e: SliceEndpoint) => e.targetRef?.uid ?? e.addresses[0];
const portsKey = (ports: unknown) => JSON.stringify(ports ?? []);
/** A stored slice's endpoints (none when it has no list). */
const endpointsOf = (s: KObject): SliceEndpoint[] => (Array.isArray(s.endpoints) ? (s.endpoints as SliceEndpoint[]) : []);

export class EndpointSliceReconciler {
  /** Slice names are drawn from their own seeded source, so adding slices leaves every pod name as it was. */
  private names: Rng;

  constructor(private c: Cluster) {
    this.names = new Rng((c.options.seed ^ 0x5eed51ce) >>> 0);
  }

  /** Brings the Service's slices (those `manager` manages) to the desired endpoint groups. */
  reconcile(svc: KObject, groups: EndpointGroup[], manager: string): void {
    const c = this.c;
    const existing = c.store
      .ownedBy(svc.metadata.uid)
      .filter((o) => o.kind === 'EndpointSlice' && o.metadata.labels?.[MANAGED_BY_LABEL] === manager)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const labels = this.labels(svc, manager);
    const byKey = new Map<string, EndpointGroup>();
    for (const g of groups) {
      const k = portsKey(g.ports);
      const prev = byKey.get(k);
      if (prev) for (const [id, e] of g.endpoints) prev.endpoints.set(id, e);
      else byKey.set(k, { ports: g.ports, endpoints: new Map(g.endpoints) });
    }
    const wanted = [...byKey.values()].some((g) => g.endpoints.size > 0);
    const withRoom = new Map<string, KObject[]>();
    const keep: KObject[] = [];
    for (const s of existing) {
      const g = byKey.get(portsKey(s.ports));
      const next: SliceEndpoint[] = [];
      for (const e of endpointsOf(s)) {
        const want = g?.endpoints.get(keyOfEndpoint(e));
        if (!want) continue;
        next.push(want);
        g!.endpoints.delete(keyOfEndpoint(e));
      }
      const placeholder = !wanted && keep.length === 0 && !(Array.isArray(s.ports) && s.ports.length);
      if (!next.length && !placeholder) {
        c.delete(s);
        continue;
      }
      keep.push(s);
      this.write(s, next, labels);
      if (g && next.length < MAX_ENDPOINTS_PER_SLICE) withRoom.set(portsKey(s.ports), [...(withRoom.get(portsKey(s.ports)) ?? []), s]);
    }
    for (const [k, g] of byKey) {
      const fresh = sortByIp([...g.endpoints.values()], (e) => e.addresses[0]);
      for (const s of withRoom.get(k) ?? []) {
        const room = MAX_ENDPOINTS_PER_SLICE - endpointsOf(s).length;
        if (room > 0 && fresh.length) this.write(s, [...endpointsOf(s), ...fresh.splice(0, room)], labels);
      }
      while (fresh.length) keep.push(this.create(svc, g.ports, fresh.splice(0, MAX_ENDPOINTS_PER_SLICE), labels));
    }
    if (!keep.length) this.create(svc, [], [], labels);
  }

  private labels(svc: KObject, manager: string): Record<string, string> {
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    labels[SERVICE_NAME_LABEL] = svc.metadata.name;
    labels[MANAGED_BY_LABEL] = manager;
    if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    return labels;
  }

  /** Rewrites a slice only when something in it changed. */
  private write(s: KObject, endpoints: SliceEndpoint[], labels: Record<string, string>): void {
    const cur = endpointsOf(s);
    const same = cur.length === endpoints.length && cur.every((e, i) => sameEndpoint(e, endpoints[i])) && sameLabels(s.metadata.labels, labels);
    if (same) return;
    s.endpoints = endpoints;
    s.metadata.labels = { ...labels };
    this.c.update(s);
  }

  private create(svc: KObject, ports: EndpointGroup['ports'], endpoints: SliceEndpoint[], labels: Record<string, string>): KObject {
    const ns = svc.metadata.namespace ?? 'default';
    let name: string;
    do name = `${svc.metadata.name}-${randomSuffix(this.names)}`;
    while (this.c.get('EndpointSlice', ns, name));
    const slice: KObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: newMeta({ name, generateName: `${svc.metadata.name}-`, namespace: ns, labels: { ...labels }, ownerReferences: [ownerRef(svc)] }),
      addressType: 'IPv4',
      endpoints,
      ports,
    };
    return this.c.create(slice);
  }
}

export function ipNum(ip: string): number {
  let n = 0;
  let part = 0;
  for (let i = 0; i < ip.length; i++) {
    const d = ip.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) part = part * 10 + d;
    else {
      n = n * 256 + part;
      part = 0;
    }
  }
  return n * 256 + part;
}

/** `list` in address order (each address read once). */
export function sortByIp<T>(list: T[], ip: (x: T) => string): T[] {
  return list
    .map((x) => ({ x, n: ipNum(ip(x)) }))
    .sort((a, b) => a.n - b.n)
    .map((e) => e.x);
}
