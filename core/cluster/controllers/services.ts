// The Endpoints and EndpointSlice controllers (pkg/controller/endpoint, endpointslice,
// endpointslicemirroring): the take-out dispatch centre's address book 地址簿. Endpoints list
// ready pods in `addresses` and the others in `notReadyAddresses`; EndpointSlices (./endpointslices.ts)
// list them with ready/serving/terminating conditions. Each Service keeps the set of pods its
// selector matches, updated from each pod change, so a sync costs the Service's own pods, not the
// namespace's. What the API server allocates for a Service is in ./service-alloc.ts, where
// requests go in ./traffic.ts.
import type { Cluster, Controller } from '../cluster';
import { isPodReady } from '../podutil';
import { objKey, type KObject } from '../store';
import { isObj } from '../../k8s/guards';
import { EndpointSliceReconciler, MIRROR_CONTROLLER, mirroredGroups, podEndpoint, SLICE_CONTROLLER, type EndpointGroup } from './endpointslices';

export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';
  /** Service key → uids of the pods its selector matches. */
  private members = new Map<string, Set<string>>();
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
      for (const s of c.list('Service', ns)) {
        const sel = s.spec?.selector;
        if (!isObj(sel) || !Object.keys(sel).length) continue;
        const key = objKey(s);
        const set = this.members.get(key);
        if (!set) continue;
        const uid = p.metadata.uid;
        const had = set.has(uid);
        const has = ev.type !== 'DELETED' && matches(sel, p.metadata.labels);
        if (has) set.add(uid);
        else set.delete(uid);
        if (has || had) c.enqueue(this, key);
      }
    });
    // A selector-less Service's hand-written Endpoints are mirrored into EndpointSlices.
    c.watch(['Endpoints'], (ev) => {
      const s = c.get('Service', ev.object.metadata.namespace, ev.object.metadata.name);
      if (s && !hasSelector(s)) c.enqueue(this, objKey(s));
    });
  }

  private matching(svc: KObject): Set<string> {
    const sel = svc.spec?.selector;
    const out = new Set<string>();
    if (!hasSelector(svc)) return out;
    for (const p of this.c.list('Pod', svc.metadata.namespace)) if (matches(sel, p.metadata.labels)) out.add(p.metadata.uid);
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
    const pods: KObject[] = [];
    for (const uid of this.members.get(key) ?? []) {
      const p = this.c.store.getByUid(uid);
      if (!p || !p.status?.podIP || p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
      pods.push(p);
    }
    this.writeEndpoints(svc, ep, pods);
    this.slices.reconcile(svc, this.groups(svc, pods), SLICE_CONTROLLER);
  }

  /** The ports each pod serves for the Service (a named targetPort is looked up per pod), grouped. */
  private groups(svc: KObject, pods: KObject[]): EndpointGroup[] {
    const groups = new Map<string, EndpointGroup>();
    for (const p of pods) {
      const ports = portsFor(svc, p);
      if (!ports) continue;
      const gk = JSON.stringify(ports);
      let g = groups.get(gk);
      if (!g) groups.set(gk, (g = { ports: ports.map((x) => ({ name: x.name ?? '', port: x.port, protocol: x.protocol })), endpoints: new Map() }));
      g.endpoints.set(p.metadata.uid, podEndpoint(svc, p));
    }
    return [...groups.values()];
  }

  private writeEndpoints(svc: KObject, ep: KObject | undefined, pods: KObject[]): void {
    const ns = svc.metadata.namespace;
    const name = svc.metadata.name;
    const groups = new Map<string, { ports: any[]; addresses: any[]; notReadyAddresses: any[] }>();
    const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
    for (const p of pods) {
      if (p.metadata.deletionTimestamp) continue;
      const ports = portsFor(svc, p);
      if (!ports) continue;
      const gk = JSON.stringify(ports);
      let g = groups.get(gk);
      if (!g) groups.set(gk, (g = { ports, addresses: [], notReadyAddresses: [] }));
      const addr: any = {
        ip: p.status.podIP,
        nodeName: p.spec?.nodeName,
        targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns, uid: p.metadata.uid },
      };
      if (p.spec?.hostname && p.spec?.subdomain === name) addr.hostname = p.spec.hostname;
      if (isPodReady(p) || publishNotReady) g.addresses.push(addr);
      else g.notReadyAddresses.push(addr);
    }
    const byIp = (a: any, b: any) => ipNum(a.ip) - ipNum(b.ip);
    const subsets = [...groups.values()].map((g) => {
      const s: any = {};
      if (g.addresses.length) s.addresses = g.addresses.sort(byIp);
      if (g.notReadyAddresses.length) s.notReadyAddresses = g.notReadyAddresses.sort(byIp);
      s.ports = g.ports;
      return s;
    });
    if (ep) {
      const next = subsets.length ? subsets : undefined;
      if (JSON.stringify(ep.subsets) === JSON.stringify(next)) return;
      if (next) ep.subsets = next;
      else delete ep.subsets;
      this.c.update(ep);
    } else {
      const o: KObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, labels: { ...(svc.metadata.labels ?? {}) } } as any };
      if (subsets.length) o.subsets = subsets;
      this.c.create(o);
    }
  }
}

export function hasSelector(svc: KObject): boolean {
  const sel = svc.spec?.selector;
  return isObj(sel) && Object.keys(sel).length > 0;
}

function matches(sel: Record<string, any>, labels: Record<string, string> | undefined): boolean {
  if (!labels) return false;
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== String(v)) return false;
  return true;
}

/** The Endpoints ports of one pod for the Service, or undefined when it serves none of them. */
function portsFor(svc: KObject, p: KObject): { port: number; protocol: string; name?: string }[] | undefined {
  const ports: { port: number; protocol: string; name?: string }[] = [];
  const specPorts: any[] = Array.isArray(svc.spec?.ports) ? svc.spec.ports : [];
  for (const sp of specPorts) {
    const port = resolveTargetPort(sp, p);
    if (port === undefined) continue;
    const e: { port: number; protocol: string; name?: string } = { port, protocol: sp.protocol ?? 'TCP' };
    if (sp.name) e.name = sp.name;
    ports.push(e);
  }
  return !ports.length && specPorts.length ? undefined : ports;
}

function resolveTargetPort(sp: any, pod: KObject): number | undefined {
  const tp = sp?.targetPort ?? sp?.port;
  if (typeof tp === 'number') return tp;
  if (typeof tp === 'string') {
    if (/^\d+$/.test(tp)) return Number(tp);
    for (const c of pod.spec?.containers ?? []) for (const p of c?.ports ?? []) if (p?.name === tp) return p.containerPort;
  }
  return undefined;
}

export function ipNum(ip: string): number {
  return ip.split('.').reduce((s, x) => s * 256 + Number(x), 0);
}
