// The Endpoints and EndpointSlice controllers (pkg/controller/endpoint, endpointslice,
// endpointslicemirroring): the take-out dispatch centre's address book 地址簿. Endpoints list
// ready pods in `addresses` and the others in `notReadyAddresses`; EndpointSlices (./endpointslices.ts)
// list them with ready/serving/terminating conditions. Each Service keeps the set of pods its
// selector matches, updated from each pod change, so a sync costs the Service's own pods, not the
// namespace's. What the API server allocates for a Service is in ./service-alloc.ts, where
// requests go in ./traffic.ts.
import type { Cluster, Controller } from '../cluster';
import { isPodReady } from '../podutil';
import { newMeta, objKey, type KObject } from '../store';
import type { Container, ContainerPort, EndpointAddress, EndpointSubset, ServicePort } from '../../k8s/types';
import { isObj } from '../../k8s/guards';
import {
  EndpointSliceReconciler,
  ipNum,
  MIRROR_CONTROLLER,
  mirroredGroups,
  podEndpoint,
  SLICE_CONTROLLER,
  type EndpointGroup,
  type SliceEndpoint,
} from './endpointslices';

/** A pod a Service's selector matches, with what was computed from it while it stays the same (`sig`). */
interface Member {
  sig: string;
  /** JSON of its Endpoints ports ('' when it serves none of the Service's ports). */
  gk?: string;
  ports?: { port: number; protocol: string; name?: string }[];
  ipn?: number;
  addr?: EndpointAddress;
  ready?: boolean;
  ep?: SliceEndpoint;
}

interface Group {
  ports: { port: number; protocol: string; name?: string }[];
  addresses: Member[];
  notReady: Member[];
  slice: EndpointGroup;
}

export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';
  /** Service key → the pods its selector matches, by uid. */
  private members = new Map<string, Map<string, Member>>();
  private slices: EndpointSliceReconciler;

  constructor(private c: Cluster) {
    this.slices = new EndpointSliceReconciler(c);
    c.watch(['Service'], (ev) => {
      const key = objKey(ev.object);
      if (ev.type === 'DELETED') this.members.delete(key);
      else this.members.set(key, this.matching(ev.object));
      c.enqueue(this, key);
    });
    c.watch(['Pod'], (ev) => {
      const p = ev.object;
      const ns = p.metadata.namespace;
      let sig: string | undefined;
      for (const s of c.list('Service', ns)) {
        const sel = s.spec?.selector;
        if (!isObj(sel) || !Object.keys(sel).length) continue;
        const key = objKey(s);
        const set = this.members.get(key);
        if (!set) continue;
        const uid = p.metadata.uid;
        const had = set.get(uid);
        if (ev.type !== 'DELETED' && matches(sel, p.metadata.labels)) {
          // Only what an endpoint shows counts: a container starting inside a pod changes nothing here.
          sig ??= endpointSignature(p);
          if (had?.sig === sig) continue;
          set.set(uid, { sig });
          c.enqueue(this, key);
        } else if (had) {
          set.delete(uid);
          c.enqueue(this, key);
        }
      }
    });
    // A selector-less Service's hand-written Endpoints are mirrored into EndpointSlices.
    c.watch(['Endpoints'], (ev) => {
      const s = c.get('Service', ev.object.metadata.namespace, ev.object.metadata.name);
      if (s && !hasSelector(s)) c.enqueue(this, objKey(s));
    });
  }

  private matching(svc: KObject): Map<string, Member> {
    const sel = svc.spec?.selector;
    const out = new Map<string, Member>();
    if (!hasSelector(svc)) return out;
    for (const p of this.c.list('Pod', svc.metadata.namespace)) if (matches(sel, p.metadata.labels)) out.set(p.metadata.uid, { sig: endpointSignature(p) });
    return out;
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const svc = this.c.get('Service', ns, name);
    const ep = this.c.get('Endpoints', ns, name);
    if (!svc) {
      if (ep && ep.metadata.labels?.['endpoints.kubernetes.io/managed-by'] !== 'user') this.c.delete(ep);
      return; // the garbage collector removes the Service's EndpointSlices
    }
    if (!hasSelector(svc)) {
      // Endpoints managed by hand (the `kubernetes` Service's are the API server's own).
      if (ep?.metadata.labels?.['endpointslice.kubernetes.io/skip-mirror'] !== 'true' && svc.spec?.type !== 'ExternalName')
        this.slices.reconcile(svc, mirroredGroups(ep), MIRROR_CONTROLLER);
      return;
    }
    const groups = new Map<string, Group>();
    const publish = !!svc.spec?.publishNotReadyAddresses;
    for (const [uid, m] of this.members.get(key) ?? []) {
      const p = this.c.store.getByUid(uid);
      if (!p || !p.status?.podIP || p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
      if (m.gk === undefined) {
        m.ports = portsFor(svc, p);
        m.gk = m.ports ? JSON.stringify(m.ports) : '';
      }
      if (!m.ports) continue;
      let g = groups.get(m.gk);
      if (!g) {
        const ports = m.ports.map((x) => ({ name: x.name ?? '', port: x.port, protocol: x.protocol }));
        groups.set(m.gk, (g = { ports: m.ports, addresses: [], notReady: [], slice: { ports, endpoints: new Map() } }));
      }
      m.ep ??= podEndpoint(svc, p);
      g.slice.endpoints.set(uid, m.ep);
      if (p.metadata.deletionTimestamp) continue; // Endpoints drop a terminating pod; its slice keeps it
      if (!m.addr) {
        m.ipn = ipNum(p.status.podIP);
        m.ready = isPodReady(p) || publish;
        m.addr = { ip: p.status.podIP, nodeName: p.spec?.nodeName, targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns, uid } };
        if (p.spec?.hostname && p.spec?.subdomain === name) m.addr.hostname = p.spec.hostname;
      }
      (m.ready ? g.addresses : g.notReady).push(m);
    }
    this.writeEndpoints(svc, ep, [...groups.values()]);
    this.slices.reconcile(
      svc,
      [...groups.values()].map((g) => g.slice),
      SLICE_CONTROLLER,
    );
  }

  /** Endpoints: ready addresses and the others, by port list, in address order; rewritten only when an address changed. */
  private writeEndpoints(svc: KObject, ep: KObject | undefined, groups: Group[]): void {
    const byIp = (a: Member, b: Member) => a.ipn! - b.ipn!;
    const subsets = groups
      .filter((g) => g.addresses.length || g.notReady.length)
      .map((g) => {
        const s: EndpointSubset = {};
        if (g.addresses.length) s.addresses = g.addresses.sort(byIp).map((m) => m.addr!);
        if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(byIp).map((m) => m.addr!);
        s.ports = g.ports;
        return s;
      });
    if (ep) {
      if (sameSubsets(ep.subsets, subsets)) return;
      if (subsets.length) ep.subsets = subsets;
      else delete ep.subsets;
      this.c.update(ep);
    } else {
      const o: KObject = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: newMeta({ name: svc.metadata.name, namespace: svc.metadata.namespace, labels: { ...(svc.metadata.labels ?? {}) } }),
      };
      if (subsets.length) o.subsets = subsets;
      this.c.create(o);
    }
  }
}

/** Whether stored subsets hold the same address objects (those a sync keeps while a pod stays the same) and ports. */
function sameSubsets(cur: unknown, next: EndpointSubset[]): boolean {
  const a: (EndpointSubset | undefined)[] = Array.isArray(cur) ? cur : [];
  if (a.length !== next.length) return false;
  const same = (x: unknown[] | undefined, y: unknown[] | undefined) => (x?.length ?? 0) === (y?.length ?? 0) && (x ?? []).every((v, i) => v === y![i]);
  return a.every(
    (s, i) =>
      same(s?.addresses, next[i].addresses) &&
      same(s?.notReadyAddresses, next[i].notReadyAddresses) &&
      JSON.stringify(s?.ports) === JSON.stringify(next[i].ports),
  );
}

/** Everything of a pod that its Endpoints address or EndpointSlice endpoint shows. */
function endpointSignature(p: KObject): string {
  const ports = (p.spec?.containers ?? [])
    .map((c?: Container) => (c?.ports ?? []).map((x?: ContainerPort) => `${x?.name}=${x?.containerPort}`).join(','))
    .join(';');
  return `${p.metadata.name}|${p.status?.podIP}|${isPodReady(p)}|${!!p.metadata.deletionTimestamp}|${p.spec?.nodeName}|${p.status?.phase}|${p.spec?.hostname}|${p.spec?.subdomain}|${ports}`;
}

export function hasSelector(svc: KObject): boolean {
  const sel = svc.spec?.selector;
  return isObj(sel) && Object.keys(sel).length > 0;
}

function matches(sel: Record<string, unknown>, labels: Record<string, string> | undefined): boolean {
  if (!labels) return false;
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== String(v)) return false;
  return true;
}

/** The Endpoints ports of one pod for the Service, or undefined when it serves none of them. */
function portsFor(svc: KObject, p: KObject): { port: number; protocol: string; name?: string }[] | undefined {
  const ports: { port: number; protocol: string; name?: string }[] = [];
  const specPorts: ServicePort[] = Array.isArray(svc.spec?.ports) ? svc.spec.ports : [];
  for (const sp of specPorts) {
    const port = resolveTargetPort(sp, p);
    if (port === undefined) continue;
    const e: { port: number; protocol: string; name?: string } = { port, protocol: sp.protocol ?? 'TCP' };
    if (sp.name) e.name = sp.name;
    ports.push(e);
  }
  return !ports.length && specPorts.length ? undefined : ports;
}

function resolveTargetPort(sp: ServicePort | undefined, pod: KObject): number | undefined {
  const tp = sp?.targetPort ?? sp?.port;
  if (typeof tp === 'number') return tp;
  if (typeof tp === 'string') {
    if (/^\d+$/.test(tp)) return Number(tp);
    for (const c of pod.spec?.containers ?? []) for (const p of c?.ports ?? []) if (p?.name === tp) return p.containerPort;
  }
  return undefined;
}
