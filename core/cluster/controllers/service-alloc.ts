// What the API server allocates for a Service (pkg/registry/core/service): a ClusterIP from the
// service CIDR 10.96.0.0/12, NodePorts from 30000–32767 (the side doors 侧门, one number on every
// node), and — with an address pool configured, as MetalLB would — a LoadBalancer address for the
// doorman 门卫. A nodePort asked for that another Service holds is refused with Kubernetes' words;
// nothing is allocated for a refused Service.
import type { Cluster } from '../cluster';
import type { KObject } from '../store';
import { invalidField } from '../admission';
import { isObj } from '../../k8s/guards';
import type { ServicePort } from '../../k8s/types';

const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

export class ServiceAllocator {
  private ips = new Set<string>(['10.96.0.1']);
  /** nodePort → uid of the Service holding it. */
  private nodePorts = new Map<number, string>();
  private lbUsed = new Set<string>();

  constructor(private c: Cluster) {
    c.setHook('admit:Service', (s: KObject) => this.admit(s));
    c.setHook('admitUpdate:Service', (cur: KObject, next: KObject) => this.admitUpdate(cur, next));
    c.watch(['Service'], (ev) => {
      if (ev.type === 'DELETED') this.release(ev.object);
    });
  }

  /** The node port numbers a Service of this type gets (none for ClusterIP/ExternalName/headless). */
  private wantsNodePorts(spec: unknown): boolean {
    return isObj(spec) && (spec.type === 'NodePort' || spec.type === 'LoadBalancer');
  }

  /** Refuses a nodePort held by another Service or out of range; allocates nothing. */
  private check(s: KObject, ports: unknown[]): void {
    ports.forEach((p, i) => {
      if (!isObj(p) || typeof p.nodePort !== 'number') return;
      const field = `spec.ports[${i}].nodePort`;
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)
        throw invalidField(
          'Service',
          s.metadata.name,
          field,
          p.nodePort,
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        );
      const holder = this.nodePorts.get(p.nodePort);
      if (holder !== undefined && holder !== s.metadata.uid)
        throw invalidField('Service', s.metadata.name, field, p.nodePort, 'provided port is already allocated');
    });
  }

  private allocatePorts(s: KObject, ports: unknown[]): void {
    for (const p of ports) {
      if (!isObj(p)) continue;
      let np = typeof p.nodePort === 'number' ? p.nodePort : undefined;
      if (np === undefined) {
        do np = NODE_PORT_MIN + this.c.rng.int(NODE_PORT_MAX - NODE_PORT_MIN + 1);
        while (this.nodePorts.has(np));
        p.nodePort = np;
      }
      this.nodePorts.set(np, s.metadata.uid);
    }
  }

  private admit(s: KObject): void {
    const spec = s.spec;
    const ports: unknown[] = Array.isArray(spec.ports) ? spec.ports : [];
    if (this.wantsNodePorts(spec)) this.check(s, ports);
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
    if (this.wantsNodePorts(spec)) this.allocatePorts(s, ports);
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

  /** An update keeps the ports it had, is refused a port another Service holds, and gets new ports allocated. */
  private admitUpdate(cur: KObject, next: KObject): void {
    const ports: unknown[] = Array.isArray(next.spec?.ports) ? next.spec.ports : [];
    const mine = (np: number) => this.nodePorts.get(np) === cur.metadata.uid;
    if (this.wantsNodePorts(next.spec)) {
      for (const p of ports) {
        if (!isObj(p)) continue;
        const old = (cur.spec?.ports ?? []).find((x?: ServicePort) => x?.port === p.port);
        if (p.nodePort === undefined && old?.nodePort) p.nodePort = old.nodePort;
      }
      this.check({ ...next, metadata: { ...next.metadata, uid: cur.metadata.uid } }, ports);
    }
    const keep = new Set<number>(
      this.wantsNodePorts(next.spec) ? ports.map((p) => (isObj(p) ? p.nodePort : undefined)).filter((n) => typeof n === 'number') : [],
    );
    for (const p of cur.spec?.ports ?? []) if (p?.nodePort && mine(p.nodePort) && !keep.has(p.nodePort)) this.nodePorts.delete(p.nodePort);
    if (this.wantsNodePorts(next.spec)) this.allocatePorts(cur, ports);
    else for (const p of ports) if (isObj(p)) delete p.nodePort;
  }

  private release(s: KObject): void {
    if (s.spec?.clusterIP) this.ips.delete(s.spec.clusterIP);
    for (const p of s.spec?.ports ?? []) if (p?.nodePort && this.nodePorts.get(p.nodePort) === s.metadata.uid) this.nodePorts.delete(p.nodePort);
    for (const i of s.status?.loadBalancer?.ingress ?? []) this.lbUsed.delete(i.ip);
  }
}
