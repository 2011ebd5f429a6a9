// Node pressure as the kubelet reports it (pkg/kubelet/nodestatus/setters.go: MemoryPressure,
// DiskPressure, PIDPressure with their reasons, messages and `Node X status is now: ...` events)
// and as the node lifecycle controller's TaintNodesByCondition turns it into NoSchedule taints
// (`node.kubernetes.io/memory-pressure`, `disk-pressure`, `pid-pressure`). Shared by the eviction
// managers (eviction.ts for memory, eviction-local.ts for disk and process IDs) and node creation.
import type { Cluster } from '../cluster';
import type { KObject } from '../store';
import { setCondition } from '../podutil';
import type { Taint } from '../../k8s/types';

export type Pressure = 'memory' | 'disk' | 'pid';

/** evictionPressureTransitionPeriod: a condition stays on this long after its threshold was last met. */
export const PRESSURE_TRANSITION_MS = 300_000;

/** One signal as an eviction manager tracks it. */
export interface PressureState {
  on: boolean;
  lastMet: number;
}

export const noPressure = (): PressureState => ({ on: false, lastMet: 0 });

const PRESSURES = {
  memory: {
    type: 'MemoryPressure',
    taint: 'node.kubernetes.io/memory-pressure',
    on: ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available', 'NodeHasInsufficientMemory'],
    off: ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available', 'NodeHasSufficientMemory'],
  },
  disk: {
    type: 'DiskPressure',
    taint: 'node.kubernetes.io/disk-pressure',
    on: ['KubeletHasDiskPressure', 'kubelet has disk pressure', 'NodeHasDiskPressure'],
    off: ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure', 'NodeHasNoDiskPressure'],
  },
  pid: {
    type: 'PIDPressure',
    taint: 'node.kubernetes.io/pid-pressure',
    on: ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available', 'NodeHasInsufficientPID'],
    off: ['KubeletHasSufficientPID', 'kubelet has sufficient PID available', 'NodeHasSufficientPID'],
  },
} as const;

export const taintOf = (p: Pressure): string => PRESSURES[p].taint;

/** The condition a healthy kubelet reports for `p` (set on every new node). */
export function setNoPressure(node: KObject, p: Pressure, iso: string): void {
  const [reason, message] = PRESSURES[p].off;
  setCondition(node, { type: PRESSURES[p].type, status: 'False', reason, message }, iso);
}

/** The kubelet's pressure condition (and its event) turned on or off, and the node controller's taint for it. */
export function setPressure(c: Cluster, name: string, p: Pressure, on: boolean): void {
  const n = c.get('Node', undefined, name);
  if (!n) return;
  const def = PRESSURES[p];
  const [reason, message, event] = on ? def.on : def.off;
  setCondition(n, { type: def.type, status: on ? 'True' : 'False', reason, message }, c.iso());
  const taints: Taint[] = (Array.isArray(n.spec.taints) ? (n.spec.taints as Taint[]) : []).filter((t) => t.key !== def.taint);
  if (on) taints.push({ key: def.taint, effect: 'NoSchedule', timeAdded: c.iso() });
  if (taints.length) n.spec.taints = taints;
  else delete n.spec.taints;
  c.update(n);
  c.recordEvent(n, 'Normal', event, {}, `Node ${name} status is now: ${event}`, 'kubelet');
}

/** An eviction manager's observation of `p` on `node`: on while its threshold is met, off PRESSURE_TRANSITION_MS after it was last met. */
export function observePressure(c: Cluster, node: string, p: Pressure, st: PressureState, met: boolean): void {
  if (met) st.lastMet = c.now;
  const on = met || (st.on && c.now - st.lastMet < PRESSURE_TRANSITION_MS);
  if (on === st.on) return;
  st.on = on;
  setPressure(c, node, p, on);
}
