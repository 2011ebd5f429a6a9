// What `kubectl top` reads: the CPU and memory each running container uses, as metrics-server
// would report it. A pure function of the pod and the virtual time: the image profile's idle
// figure (or `kube-dorm.dev/cpu` / `kube-dorm.dev/memory`), a small wobble drawn from a hash of the
// container and the 15-second scrape window, then the container's limits: a container never shows
// more CPU than limits.cpu (it is throttled there, not killed) nor more memory than limits.memory.
import type { KObject } from './store';
import type { Container, ContainerStatus, NodeCondition } from '../k8s/types';
import { behaviorOf } from './profiles';
import { fnv32a } from './rng';
import { parseQuantity } from '../k8s/quantity';

/** metrics-server's scrape resolution: the figures change once per window. */
export const SCRAPE_MS = 15_000;
/** The `window` metrics-server reports with every sample. */
export const METRICS_WINDOW = '30s';
/** What a node's own daemons (kubelet, container runtime, system) use besides its pods. */
export const NODE_SYSTEM_CPU_NANO = 45_000_000;
export const NODE_SYSTEM_MEMORY = 600 * 1024 * 1024;

export interface ContainerUsage {
  name: string;
  /** CPU in nanocores (metrics-server's unit). */
  cpuNano: number;
  /** Working-set memory in bytes (a whole number of KiB). */
  memory: number;
  /** CPU held at limits.cpu in this scrape window: the process wants more (CFS throttling). */
  throttled: boolean;
}

/** 0 ≤ x < 1 from a hash of the key and the scrape window of `now`. */
function wobble(key: string, now: number): number {
  return fnv32a(`${key}@${Math.floor(now / SCRAPE_MS)}`) / 2 ** 32;
}

/** A limit (cores or bytes) of a container, when it sets one. */
function limitOf(container: Container, resource: 'cpu' | 'memory'): number | undefined {
  const v = container?.resources?.limits?.[resource];
  return v === undefined ? undefined : parseQuantity(v);
}

/**
 * Usage of the pod's running containers at `now`; undefined when none runs (metrics-server has no
 * sample for such a pod, so `kubectl top` does not list it).
 */
export function podUsage(pod: KObject, now: number): ContainerUsage[] | undefined {
  // A finished (or evicted) pod's containers are gone, whatever its last status says.
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return undefined;
  const statuses: (ContainerStatus | undefined)[] = Array.isArray(pod.status?.containerStatuses) ? pod.status.containerStatuses : [];
  const running = new Set(statuses.filter((s) => s?.state?.running).map((s) => s?.name));
  if (!running.size) return undefined;
  const containers: Container[] = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  const out: ContainerUsage[] = [];
  for (const c of containers) {
    if (!running.has(c?.name)) continue;
    const b = behaviorOf(c, pod.metadata.annotations, new Set());
    const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}/${c.name}`;
    const w = wobble(key, now);
    // ±20 % around the figure the process asks for, then throttled at limits.cpu.
    const wants = Math.round(b.cpuCores * 1e9 * (0.8 + 0.4 * w));
    const cpuLimit = limitOf(c, 'cpu');
    const cpuNano = cpuLimit !== undefined ? Math.min(wants, Math.round(cpuLimit * 1e9)) : wants;
    let memory = Math.round(((b.memoryBytes ?? DEFAULT_MEMORY) * (0.96 + 0.08 * w)) / 1024) * 1024;
    const memLimit = limitOf(c, 'memory');
    if (memLimit !== undefined) memory = Math.min(memory, Math.floor(memLimit / 1024) * 1024);
    out.push({ name: c.name, cpuNano, memory, throttled: cpuNano < wants });
  }
  return out;
}

/** Memory of a container whose image the simulator does not know. */
export const DEFAULT_MEMORY = 4 * 1024 * 1024;

/** Whether a node is Ready (metrics-server scrapes only kubelets that answer). */
function nodeReady(n: KObject): boolean {
  const conds: (NodeCondition | undefined)[] = Array.isArray(n.status?.conditions) ? n.status.conditions : [];
  return conds.some((c) => c?.type === 'Ready' && c.status === 'True');
}

/** A node's usage: its daemons plus its pods' containers; undefined for a node that is not Ready. */
export function nodeUsage(node: KObject, pods: KObject[], now: number): { cpuNano: number; memory: number } | undefined {
  if (!nodeReady(node)) return undefined;
  const w = wobble(`node/${node.metadata.name}`, now);
  let cpuNano = Math.round(NODE_SYSTEM_CPU_NANO * (0.8 + 0.4 * w));
  let memory = Math.round((NODE_SYSTEM_MEMORY * (0.98 + 0.04 * w)) / 1024) * 1024;
  for (const p of pods) {
    if (p.spec?.nodeName !== node.metadata.name) continue;
    for (const u of podUsage(p, now) ?? []) {
      cpuNano += u.cpuNano;
      memory += u.memory;
    }
  }
  return { cpuNano, memory };
}

/** metrics-server's quantities: CPU in nanocores (`1234567n`), memory in KiB (`3072Ki`). */
export function usageQuantities(u: { cpuNano: number; memory: number }): { cpu: string; memory: string } {
  return { cpu: `${u.cpuNano}n`, memory: `${Math.round(u.memory / 1024)}Ki` };
}
