// Where a request goes, as kube-proxy and cluster DNS route it. Through a Service's virtual IP
// (ClusterIP, a NodePort on any node — the side door 侧门 — or a LoadBalancer's address) each
// request goes round-robin to a ready endpoint of its EndpointSlices (terminating-but-serving ones
// only when none is ready, as kube-proxy falls back). A headless Service has no virtual IP: the
// client resolves its name (./dns.ts) and connects to the first address the answer gives, which
// CoreDNS rotates. A pod's own IP is reached directly. A failed node answers on none of its side
// doors; the other nodes' doors still work.
import type { Cluster } from '../cluster';
import { asKind, type KObject } from '../store';
import type { EndpointPort, EndpointSlicePort, LoadBalancerIngress, NodeAddress, ServicePort } from '../../k8s/types';
import type { Kubelet } from './kubelet';
import { resolveName, type DnsAnswer } from './dns';
import { sortByIp } from './endpointslices';

export interface RequestResult {
  n: number;
  pod?: string;
  ip?: string;
  port?: number;
  /** How the address was found: the Service's virtual IP (default) or a DNS answer (headless). */
  via?: 'dns';
  error?: 'no-endpoints' | 'refused' | 'unreachable';
}

/** Where a request target (`service/NAME`, a DNS name, `IP[:PORT]`) leads. */
export type Route =
  | { kind: 'service'; svc: KObject; port?: number; node?: string; answer?: DnsAnswer }
  | { kind: 'pod'; ip: string; pod?: KObject; port?: number; answer?: DnsAnswer }
  | { kind: 'external'; answer: DnsAnswer & { kind: 'external' } }
  | { kind: 'no-such-host'; name: string }
  | { kind: 'node-down'; node: string; ip: string; port?: number }
  | { kind: 'closed'; ip: string; port?: number }
  | { kind: 'no-route'; ip: string };

interface Target {
  ip: string;
  pod?: string;
  port?: number;
}

const IP_PORT = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/;

export class Traffic {
  private rr = new Map<string, number>();
  /** The node a NodePort request came in on, for externalTrafficPolicy: Local (set only during one request()). */
  private entryNode: string | undefined;

  constructor(private c: Cluster) {
    c.setHook('services', this);
  }

  /** Sends `count` requests through a Service: virtual IP round-robin, or (headless) DNS answers straight to pods. */
  request(svc: KObject, count: number, port?: number): RequestResult[] {
    const headless = svc.spec?.clusterIP === 'None';
    const sp = (svc.spec?.ports ?? []).find((p: ServicePort) => port === undefined || p.port === port) ?? (svc.spec?.ports ?? [])[0];
    const targets = headless ? this.dnsTargets(svc, sp) : this.proxyTargets(svc, sp);
    const out: RequestResult[] = [];
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    for (let i = 1; i <= count; i++) {
      if (!targets.length) {
        out.push({ n: i, error: 'no-endpoints' });
        continue;
      }
      const idx = (this.rr.get(key) ?? 0) % targets.length;
      this.rr.set(key, idx + 1);
      const t = targets[idx];
      out.push({ n: i, ...this.connect(svc.metadata.namespace ?? 'default', t), ...(headless ? { via: 'dns' as const } : {}) });
    }
    return out;
  }

  /** Where `target` leads from a pod in `namespace`. */
  route(target: string, namespace = 'default', port?: number): Route {
    const m = /^(?:service|services|svc)\/(.+)$/.exec(target);
    if (m) {
      const svc = this.c.get('Service', namespace, m[1]);
      return svc ? { kind: 'service', svc, port } : { kind: 'no-such-host', name: target };
    }
    const ipm = IP_PORT.exec(target);
    if (ipm) return this.routeIp(ipm[1], ipm[2] !== undefined ? Number(ipm[2]) : port);
    const host = target.replace(/:(\d+)$/, '');
    const p = host !== target ? Number(target.slice(host.length + 1)) : port;
    const answer = resolveName(this.c, host, namespace);
    if (!answer) return { kind: 'no-such-host', name: host };
    if (answer.kind === 'external') return { kind: 'external', answer };
    if (answer.kind === 'pod') return { kind: 'pod', ip: answer.ip, pod: this.pod(answer.svc.metadata.namespace, answer.pod), port: p, answer };
    return { kind: 'service', svc: answer.svc, port: p, answer };
  }

  /** Sends `count` requests along a route (Service routes go through request(), so every observer of it sees them). */
  send(route: Route, count: number): RequestResult[] {
    const n = Math.max(1, count);
    const each = (f: (i: number) => RequestResult) => Array.from({ length: n }, (_, i) => f(i + 1));
    switch (route.kind) {
      case 'service': {
        this.entryNode = route.node;
        try {
          return this.request(route.svc, n, route.port);
        } finally {
          this.entryNode = undefined;
        }
      }
      case 'pod': {
        const ns = route.pod?.metadata.namespace ?? 'default';
        const port = route.port ?? (route.answer ? this.firstPort(route.answer.svc) : undefined);
        return each((i) => ({
          n: i,
          ...this.connect(ns, { ip: route.ip, pod: route.pod?.metadata.name, port }),
          ...(route.answer ? { via: 'dns' as const } : {}),
        }));
      }
      case 'node-down':
        return each((i) => ({ n: i, ip: route.ip, port: route.port, error: 'unreachable' }));
      default:
        return each((i) => ({ n: i, error: 'unreachable' }));
    }
  }

  private routeIp(ip: string, port: number | undefined): Route {
    const c = this.c;
    for (const svc of c.list('Service')) {
      if (svc.spec?.clusterIP === ip) return { kind: 'service', svc, port };
      if ((svc.status?.loadBalancer?.ingress ?? []).some((i?: LoadBalancerIngress) => i?.ip === ip)) return { kind: 'service', svc, port };
    }
    const node = c.list('Node').find((n) => (n.status?.addresses ?? []).some((a?: NodeAddress) => a?.type === 'InternalIP' && a.address === ip));
    if (node) {
      if (this.c.hook<Kubelet>('kubelet').isNodeDown(node.metadata.name)) return { kind: 'node-down', node: node.metadata.name, ip, port };
      const svc = port === undefined ? undefined : c.list('Service').find((s) => (s.spec?.ports ?? []).some((p?: ServicePort) => p?.nodePort === port));
      if (!svc) return { kind: 'closed', ip, port };
      const sp = svc.spec.ports.find((p?: ServicePort) => p?.nodePort === port);
      return { kind: 'service', svc, port: sp.port, node: svc.spec?.externalTrafficPolicy === 'Local' ? node.metadata.name : undefined };
    }
    const pod = c.list('Pod').find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork);
    if (pod) return { kind: 'pod', ip, pod, port };
    return { kind: 'no-route', ip };
  }

  private pod(ns: string | undefined, name: string | undefined): KObject | undefined {
    return name ? this.c.get('Pod', ns, name) : undefined;
  }

  /** The first port a Service's endpoints serve (a DNS name carries no port). */
  private firstPort(svc: KObject): number | undefined {
    const ep = asKind(this.c.get('Endpoints', svc.metadata.namespace, svc.metadata.name), 'Endpoints');
    return ep?.subsets?.[0]?.ports?.[0]?.port;
  }

  /** kube-proxy's view: the EndpointSlices' ready endpoints (serving terminating ones only when none is ready). */
  private proxyTargets(svc: KObject, sp: ServicePort | undefined): Target[] {
    const slices = this.c.store.ownedBy(svc.metadata.uid).flatMap((o) => asKind(o, 'EndpointSlice') ?? []);
    const ready: Target[] = [];
    const terminating: Target[] = [];
    for (const s of slices) {
      const p = (s.ports ?? []).find((x?: EndpointSlicePort) => (x?.name ?? '') === (sp?.name ?? '')) ?? s.ports?.[0];
      for (const e of s.endpoints ?? []) {
        if (this.entryNode && e.nodeName !== this.entryNode) continue;
        const t = { ip: e.addresses?.[0], pod: e.targetRef?.name, port: p?.port };
        if (e.conditions?.ready !== false) ready.push(t);
        else if (e.conditions?.serving && e.conditions?.terminating) terminating.push(t);
      }
    }
    const list = ready.length ? ready : terminating;
    return sortByIp(list, (t) => t.ip);
  }

  /** A client's view of a headless Service: the DNS answer's addresses, in Endpoints order. */
  private dnsTargets(svc: KObject, sp: ServicePort | undefined): Target[] {
    const ep = asKind(this.c.get('Endpoints', svc.metadata.namespace, svc.metadata.name), 'Endpoints');
    const out: Target[] = [];
    for (const s of ep?.subsets ?? []) {
      const p = (s.ports ?? []).find((x: EndpointPort) => !sp?.name || x.name === sp.name) ?? s.ports?.[0];
      for (const a of s.addresses ?? []) out.push({ ip: a.ip, pod: a.targetRef?.name, port: p?.port });
    }
    return out;
  }

  /** One connection to an address: refused when nothing listens on the port, lost when the pod's node is down. */
  private connect(ns: string, t: Target): Omit<RequestResult, 'n'> {
    const pod = t.pod ? this.c.get('Pod', ns, t.pod) : undefined;
    const kubelet = this.c.hook<Kubelet>('kubelet');
    if (pod?.spec?.nodeName && kubelet.isNodeDown(pod.spec.nodeName)) return { pod: t.pod, ip: t.ip, port: t.port, error: 'unreachable' };
    const listens = pod ? kubelet.listens(pod) : null;
    const ok = listens === null || t.port === undefined || listens.includes(t.port);
    return { pod: t.pod, ip: t.ip, port: t.port, error: ok ? undefined : 'refused' };
  }
}
