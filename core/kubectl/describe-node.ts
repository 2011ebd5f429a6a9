// `kubectl describe node` (k8s.io/kubectl/pkg/describe, kubectl 1.32 wording): conditions,
// addresses, capacity, the pods that run there and what they request against the allocatable.
import type { Cluster } from '../cluster/cluster';
import { humanDuration } from '../cluster/clock';
import type { KObject } from '../cluster/store';
import { formatBytes, formatCpu, parseQuantity } from '../k8s/quantity';
import { eventsBlock, labelsBlock, rfc1123 } from './describe';
import type { NodeAddress, NodeCondition, Taint } from '../k8s/types';

/** Go's zero time in kubectl's describe format (a condition that never heartbeated). */
const ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';

function roles(n: KObject): string {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) out.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) out.add(String(v));
  }
  return [...out].sort().join(',') || '<none>';
}

function taints(n: KObject): string {
  const list: Taint[] = n.spec?.taints ?? [];
  if (!list.length) return 'Taints:\t<none>\n';
  return list.map((t, i) => `${i ? '\t' : 'Taints:\t'}${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`).join('');
}

const mapBlock = (title: string, m: Record<string, unknown> | undefined) =>
  `${title}:\n` +
  Object.keys(m ?? {})
    .sort()
    .map((k) => `  ${k}:\t${String(m![k])}\n`)
    .join('');

/** Requests and limits of a pod (containers summed, each init container a floor), in base units. */
function podResources(p: KObject, which: 'requests' | 'limits'): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const ct of p.spec?.containers ?? []) for (const [k, v] of Object.entries(ct.resources?.[which] ?? {})) sum[k] = (sum[k] ?? 0) + (parseQuantity(v) ?? 0);
  for (const ct of p.spec?.initContainers ?? [])
    for (const [k, v] of Object.entries(ct.resources?.[which] ?? {})) sum[k] = Math.max(sum[k] ?? 0, parseQuantity(v) ?? 0);
  return sum;
}

const show = (resource: string, v: number) => (v === 0 ? '0' : resource === 'cpu' ? formatCpu(v) : formatBytes(v));

/** `100m (2%)`: the amount and its share of the allocatable, truncated as kubectl does. */
function share(resource: string, v: number, alloc: Record<string, unknown>): string {
  const total = parseQuantity(alloc[resource] ?? '0') ?? 0;
  return `${show(resource, v)} (${total ? Math.trunc((v / total) * 100) : 0}%)`;
}

function nodePods(c: Cluster, n: KObject): { text: string; requests: Record<string, number>; limits: Record<string, number> } {
  const alloc = n.status?.allocatable ?? {};
  const pods = c
    .list('Pod')
    .filter((p) => p.spec?.nodeName === n.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .sort((a, b) => ((a.metadata.namespace ?? '') + '/' + a.metadata.name < (b.metadata.namespace ?? '') + '/' + b.metadata.name ? -1 : 1));
  let text = `Non-terminated Pods:\t(${pods.length} in total)\n`;
  text += '  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n';
  text += '  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n';
  const requests: Record<string, number> = {};
  const limits: Record<string, number> = {};
  for (const p of pods) {
    const r = podResources(p, 'requests');
    const l = podResources(p, 'limits');
    for (const [k, v] of Object.entries(r)) requests[k] = (requests[k] ?? 0) + v;
    for (const [k, v] of Object.entries(l)) limits[k] = (limits[k] ?? 0) + v;
    const age = humanDuration(c.now - (c.msOf(p.metadata.creationTimestamp) ?? 0));
    text += `  ${p.metadata.namespace ?? 'default'}\t${p.metadata.name}\t\t${share('cpu', r.cpu ?? 0, alloc)}\t${share('cpu', l.cpu ?? 0, alloc)}\t${share('memory', r.memory ?? 0, alloc)}\t${share('memory', l.memory ?? 0, alloc)}\t${age}\n`;
  }
  return { text, requests, limits };
}

function describeNode(c: Cluster, n: KObject): string {
  const st = n.status ?? {};
  let s = `Name:\t${n.metadata.name}\nRoles:\t${roles(n)}\n`;
  s += labelsBlock('Labels', n.metadata.labels) + labelsBlock('Annotations', n.metadata.annotations, ': ');
  s += `CreationTimestamp:\t${rfc1123(c, n.metadata.creationTimestamp)}\n` + taints(n) + `Unschedulable:\t${n.spec?.unschedulable === true}\n`;
  // kube-dorm serve keeps no node Leases, and kubectl says so; the built-in says what it says.
  s += `Lease:\tFailed to get lease: leases.coordination.k8s.io "${n.metadata.name}" not found\n`;
  const conds: NodeCondition[] = st.conditions ?? [];
  if (conds.length) {
    s += 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n';
    s += '  ----\t------\t-----------------\t------------------\t------\t-------\n';
    const time = (iso: string | undefined) => (iso ? rfc1123(c, iso) : ZERO_TIME);
    for (const x of conds)
      s += `  ${x.type} \t${x.status} \t${time(x.lastHeartbeatTime)} \t${time(x.lastTransitionTime)} \t${x.reason ?? ''} \t${x.message ?? ''}\n`;
  }
  s += 'Addresses:\n' + (st.addresses ?? []).map((a: NodeAddress) => `  ${a.type}:\t${a.address}\n`).join('');
  if (st.capacity) s += mapBlock('Capacity', st.capacity);
  if (st.allocatable) s += mapBlock('Allocatable', st.allocatable);
  const i = st.nodeInfo ?? {};
  s += 'System Info:\n';
  for (const [title, v] of [
    ['Machine ID', i.machineID],
    ['System UUID', i.systemUUID],
    ['Boot ID', i.bootID],
    ['Kernel Version', i.kernelVersion],
    ['OS Image', i.osImage],
    ['Operating System', i.operatingSystem],
    ['Architecture', i.architecture],
    ['Container Runtime Version', i.containerRuntimeVersion],
    ['Kubelet Version', i.kubeletVersion],
    ['Kube-Proxy Version', i.kubeProxyVersion],
  ])
    s += `  ${title}:\t${v ?? ''}\n`;
  if (n.spec?.podCIDR) s += `PodCIDR:\t${n.spec.podCIDR}\n`;
  if (n.spec?.podCIDRs?.length) s += `PodCIDRs:\t${n.spec.podCIDRs.join(',')}\n`;
  if (n.spec?.providerID) s += `ProviderID:\t${n.spec.providerID}\n`;
  const pods = nodePods(c, n);
  s += pods.text;
  const alloc = st.allocatable ?? {};
  s += 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n  Resource\tRequests\tLimits\n  --------\t--------\t------\n';
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) s += `  ${r}\t${share(r, pods.requests[r] ?? 0, alloc)}\t${share(r, pods.limits[r] ?? 0, alloc)}\n`;
  return s + eventsBlock(c, n);
}

export const NODE_DESCRIBERS: Record<string, (c: Cluster, o: KObject) => string> = { Node: describeNode };
