// Cluster DNS as CoreDNS's `kubernetes` plugin answers it (the DNS specification for Services and
// Pods, cluster domain `cluster.local`), with a pod's resolv.conf: search
// `NS.svc.cluster.local svc.cluster.local cluster.local`, ndots 5.
// - `SVC.NS.svc.cluster.local` → the ClusterIP (the dispatch centre's one phone number);
// - a headless Service (clusterIP None) → the IPs of its ready pods, no virtual IP at all;
// - `HOST.SVC.NS.svc.cluster.local` → the one pod whose hostname is HOST in headless Service SVC
//   (a StatefulSet pod `mysql-0.mysql`, or a pod with `hostname` and `subdomain`);
// - an ExternalName Service → a CNAME to its external name.
import type { Cluster } from '../cluster';
import type { KObject } from '../store';
import type { EndpointAddress } from '../../k8s/types';

export const CLUSTER_DOMAIN = 'cluster.local';

export type DnsAnswer =
  | { kind: 'service'; fqdn: string; svc: KObject; ip: string }
  | { kind: 'headless'; fqdn: string; svc: KObject; records: { ip: string; pod?: string }[] }
  | { kind: 'pod'; fqdn: string; svc: KObject; ip: string; pod?: string }
  | { kind: 'external'; fqdn: string; svc: KObject; cname: string };

/** The names a resolver tries for `name` from a pod in `namespace` (search list first below 5 dots). */
export function candidates(name: string, namespace: string): string[] {
  const n = name.toLowerCase();
  if (n.endsWith('.')) return [n.slice(0, -1)];
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN].map((d) => `${n}.${d}`);
  return n.split('.').length - 1 >= 5 ? [n, ...search] : [...search, n];
}

/** Resolves a name as a pod in `namespace` would; undefined is NXDOMAIN. */
export function resolveName(c: Cluster, name: string, namespace = 'default'): DnsAnswer | undefined {
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?\.?$/i.test(name)) return undefined;
  for (const fqdn of candidates(name, namespace)) {
    const a = lookup(c, fqdn);
    if (a) return a;
  }
  return undefined;
}

function lookup(c: Cluster, fqdn: string): DnsAnswer | undefined {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const labels = fqdn.slice(0, -suffix.length).split('.');
  if (labels.length === 2) {
    const [name, ns] = labels;
    const svc = c.get('Service', ns, name);
    if (!svc) return undefined;
    if (svc.spec?.type === 'ExternalName') return { kind: 'external', fqdn, svc, cname: String(svc.spec.externalName ?? '') };
    if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return { kind: 'service', fqdn, svc, ip: svc.spec.clusterIP };
    const records = readyAddresses(c, svc).map((a) => ({ ip: a.ip, pod: a.targetRef?.name }));
    return records.length ? { kind: 'headless', fqdn, svc, records } : undefined;
  }
  if (labels.length === 3) {
    const [host, name, ns] = labels;
    const svc = c.get('Service', ns, name);
    if (!svc || svc.spec?.clusterIP !== 'None') return undefined;
    const a = readyAddresses(c, svc).find((x) => x.hostname === host);
    return a ? { kind: 'pod', fqdn, svc, ip: a.ip, pod: a.targetRef?.name } : undefined;
  }
  return undefined;
}

/** The addresses CoreDNS publishes for a Service: its Endpoints' ready ones (not-ready ones too with publishNotReadyAddresses). */
function readyAddresses(c: Cluster, svc: KObject): EndpointAddress[] {
  const ep = c.get('Endpoints', svc.metadata.namespace, svc.metadata.name);
  const out: EndpointAddress[] = [];
  for (const s of Array.isArray(ep?.subsets) ? ep.subsets : []) for (const a of Array.isArray(s?.addresses) ? s.addresses : []) out.push(a);
  return out;
}

/** The DNS name of a pod with a hostname under a subdomain (a StatefulSet pod with serviceName), or ''. */
export function podDnsName(p: KObject): string {
  const host = p.spec?.hostname;
  const sub = p.spec?.subdomain;
  if (typeof host !== 'string' || !host || typeof sub !== 'string' || !sub) return '';
  return `${host}.${sub}.${p.metadata.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}`;
}
