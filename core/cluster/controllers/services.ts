// Services and the Endpoints controller (pkg/controller/endpoint). The API server allocates the
// ClusterIP (service CIDR 10.96.0.0/12) and NodePorts (30000–32767); a LoadBalancer stays
// <pending> on a local cluster unless an address pool (MetalLB-style) is configured. Endpoints
// list ready pods in `addresses` and the others in `notReadyAddresses`; the take-out dispatch
// centre only ever sends an order to a ready kitchen.
import type { Cluster, Controller } from '../cluster';
import { isPodReady } from '../podutil';
import { keyOf, objKey, type KObject } from '../store';
import type { Kubelet } from './kubelet';
import { isObj } from '../../k8s/guards';

export interface RequestResult {
  n: number;
  pod?: string;
  ip?: string;
  port?: number;
  error?: 'no-endpoints' | 'refused';
}

export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';
  private ips = new Set<string>(['10.96.0.1']);
  private nodePorts = new Set<number>();
  private lbUsed = new Set<string>();
  private rr = new Map<string, number>();

  constructor(private c: Cluster) {
    c.setHook('services', this);
    c.setHook('admit:Service', (s: KObject) => this.admit(s));
    c.watch(['Service'], (ev) => {
      if (ev.type === 'DELETED') {
        const s = ev.object;
        if (s.spec?.clusterIP) this.ips.delete(s.spec.clusterIP);
        for (const p of s.spec?.ports ?? []) if (p?.nodePort) this.nodePorts.delete(p.nodePort);
        for (const i of s.status?.loadBalancer?.ingress ?? []) this.lbUsed.delete(i.ip);
      }
      c.enqueue(this, objKey(ev.object));
    });
    c.watch(['Pod'], (ev) => {
      const p = ev.object;
      const ns = p.metadata.namespace;
      for (const s of c.list('Service', ns)) {
        const sel = s.spec?.selector;
        if (!isObj(sel) || !Object.keys(sel).length) continue;
        if (matches(sel, p.metadata.labels) || inEndpoints(c.get('Endpoints', ns, s.metadata.name), p.metadata.uid)) c.enqueue(this, objKey(s));
      }
    });
  }

  private admit(s: KObject): void {
    const spec = s.spec;
    if (spec.clusterIP === undefined || spec.clusterIP === '') {
      if (spec.type !== 'ExternalName') {
        let ip: string;
        do ip = `10.${96 + this.c.rng.int(16)}.${this.c.rng.int(256)}.${1 + this.c.rng.int(254)}`;
        while (this.ips.has(ip));
        this.ips.add(ip);
        spec.clusterIP = ip;
      }
    } else if (spec.clusterIP !== 'None') this.ips.add(spec.clusterIP);
    if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
    if (spec.type !== 'ExternalName') {
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
      spec.internalTrafficPolicy ??= 'Cluster';
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
        if (!isObj(p)) continue;
        if (typeof p.nodePort === 'number') this.nodePorts.add(p.nodePort);
        else {
          let np: number;
          do np = 30000 + this.c.rng.int(2768);
          while (this.nodePorts.has(np));
          this.nodePorts.add(np);
          p.nodePort = np;
        }
      }
    }
    s.status = { loadBalancer: {} };
    if (spec.type === 'LoadBalancer' && this.c.options.lbPool.length) {
      const ip = this.c.options.lbPool.find((a) => !this.lbUsed.has(a));
      if (ip) {
        this.lbUsed.add(ip);
        s.status.loadBalancer = { ingress: [{ ip, ipMode: 'VIP' }] };
        this.c.clock.after(0, () => this.c.recordEvent(s, 'Normal', 'IPAllocated', { ip }, `Assigned IP ["${ip}"]`, 'metallb-controller'));
      }
    }
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const svc = this.c.get('Service', ns, name);
    const ep = this.c.get('Endpoints', ns, name);
    if (!svc) {
      if (ep && ep.metadata.labels?.['endpoints.kubernetes.io/managed-by'] !== 'user') this.c.delete(ep);
      return;
    }
    const sel = svc.spec?.selector;
    if (!isObj(sel) || !Object.keys(sel).length) return; // endpoints managed by hand
    const groups = new Map<string, { ports: any[]; addresses: any[]; notReadyAddresses: any[] }>();
    const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
    for (const p of this.c.list('Pod', ns)) {
      if (!matches(sel, p.metadata.labels) || !p.status?.podIP || p.metadata.deletionTimestamp) continue;
      if (p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
      const ports: any[] = [];
      for (const sp of Array.isArray(svc.spec.ports) ? svc.spec.ports : []) {
        const port = resolveTargetPort(sp, p);
        if (port === undefined) continue;
        const e: any = { port, protocol: sp.protocol ?? 'TCP' };
        if (sp.name) e.name = sp.name;
        ports.push(e);
      }
      if (!ports.length && (svc.spec.ports ?? []).length) continue;
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

  /** Sends `count` requests through a Service: each goes to the next ready endpoint (round-robin). */
  request(svc: KObject, count: number, port?: number): RequestResult[] {
    const ep = this.c.get('Endpoints', svc.metadata.namespace, svc.metadata.name);
    const targets: { ip: string; pod?: string; port: number }[] = [];
    const sp = (svc.spec?.ports ?? []).find((p: any) => port === undefined || p.port === port) ?? (svc.spec?.ports ?? [])[0];
    for (const s of ep?.subsets ?? []) {
      const epPort = (s.ports ?? []).find((p: any) => !sp?.name || p.name === sp.name) ?? s.ports?.[0];
      for (const a of s.addresses ?? []) targets.push({ ip: a.ip, pod: a.targetRef?.name, port: epPort?.port });
    }
    const out: RequestResult[] = [];
    const key = objKey(svc);
    const kubelet = this.c.hook<Kubelet>('kubelet');
    for (let i = 1; i <= count; i++) {
      if (!targets.length) {
        out.push({ n: i, error: 'no-endpoints' });
        continue;
      }
      const idx = (this.rr.get(key) ?? 0) % targets.length;
      this.rr.set(key, idx + 1);
      const t = targets[idx];
      const pod = t.pod ? this.c.get('Pod', svc.metadata.namespace, t.pod) : undefined;
      const listens = pod ? kubelet.listens(pod) : null;
      const ok = listens === null || t.port === undefined || listens.includes(t.port);
      out.push({ n: i, pod: t.pod, ip: t.ip, port: t.port, error: ok ? undefined : 'refused' });
    }
    return out;
  }
}

function matches(sel: Record<string, any>, labels: Record<string, string> | undefined): boolean {
  if (!labels) return false;
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== String(v)) return false;
  return true;
}

function inEndpoints(ep: KObject | undefined, uid: string): boolean {
  for (const s of ep?.subsets ?? []) for (const a of [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]) if (a.targetRef?.uid === uid) return true;
  return false;
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

function ipNum(ip: string): number {
  return ip.split('.').reduce((s, x) => s * 256 + Number(x), 0);
}

export { keyOf };
