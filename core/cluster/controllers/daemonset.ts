// The DaemonSet controller (pkg/controller/daemon): the power room in every building — one pod on
// each node its nodeSelector and tolerations allow; a new node gets one; RollingUpdate replaces
// one pod at a time (maxUnavailable 1). Like the real controller it adds tolerations for
// not-ready/unreachable/pressure and unschedulable nodes, so a cordoned node keeps its pod.
import type { Cluster, Controller } from '../cluster';
import { templateHash } from '../rng';
import { controlled, podFromTemplate, statusChanged } from './common';
import { isActive, isPodReady, isTerminal, tolerates } from '../podutil';
import { controllerOf, keyOf, objKey, type KObject } from '../store';
import { intOrPercent } from '../defaults';
import type { DaemonSetStatus, NodeSelectorRequirement, Toleration } from '../../k8s/types';

const REV = 'controller-revision-hash';
const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';

  constructor(private c: Cluster) {
    c.watch(['DaemonSet'], (ev) => {
      if (ev.type !== 'DELETED') c.enqueue(this, objKey(ev.object));
    });
    c.watch(['Pod'], (ev) => {
      const ref = controllerOf(ev.object);
      if (ref?.kind === 'DaemonSet') c.enqueue(this, keyOf(ev.object.metadata.namespace, ref.name));
    });
    c.watch(['Node'], () => {
      for (const ds of c.list('DaemonSet')) c.enqueue(this, objKey(ds));
    });
  }

  private tolerationsOf(ds: KObject): Toleration[] {
    const own = Array.isArray(ds.spec?.template?.spec?.tolerations) ? ds.spec.template.spec.tolerations : [];
    return [...own, ...DAEMON_TOLERATIONS];
  }

  /** Whether a daemon pod should run on `node` (nodeSelector, affinity and NoSchedule/NoExecute taints). */
  shouldRun(ds: KObject, node: KObject, existing = false): boolean {
    const sel = ds.spec?.template?.spec?.nodeSelector;
    const labels = node.metadata.labels ?? {};
    if (sel && typeof sel === 'object') for (const [k, v] of Object.entries(sel)) if (labels[k] !== String(v)) return false;
    const tol = this.tolerationsOf(ds);
    for (const t of Array.isArray(node.spec?.taints) ? node.spec.taints : []) {
      // New pods need NoSchedule and NoExecute taints tolerated; running ones only NoExecute.
      if ((t.effect === 'NoExecute' || (!existing && t.effect === 'NoSchedule')) && !tolerates(tol, t)) return false;
    }
    return true;
  }

  sync(key: string): void {
    const [ns, name] = key.split('/');
    const ds = this.c.get('DaemonSet', ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const rev = templateHash(ds.spec?.template);
    const pods = controlled(this.c, ds, 'Pod');
    const byNode = new Map<string, KObject[]>();
    for (const p of pods) {
      const n = targetNode(p);
      if (!n) continue;
      if (!byNode.has(n)) byNode.set(n, []);
      byNode.get(n)!.push(p);
    }
    const nodes = this.c.list('Node');
    let desired = 0;
    let misscheduled = 0;
    for (const node of nodes) {
      const nn = node.metadata.name;
      const here = (byNode.get(nn) ?? []).filter((p) => !p.metadata.deletionTimestamp);
      const should = this.shouldRun(ds, node);
      if (should) desired++;
      for (const p of here.filter(isTerminal)) {
        this.c.recordEvent(
          ds,
          'Warning',
          'FailedDaemonPod',
          { pod: p.metadata.name, node: nn },
          `Found failed daemon pod ${ns}/${p.metadata.name} on node ${nn}, will try to kill it`,
          'daemonset-controller',
        );
        this.deletePod(ds, p);
      }
      const live = here.filter(isActive);
      if (should && live.length === 0) {
        if (!(byNode.get(nn) ?? []).some((p) => p.metadata.deletionTimestamp && p.metadata.labels?.[REV] === rev)) this.createPod(ds, nn, rev);
      } else if (!should && live.length && !this.shouldRun(ds, node, true)) {
        misscheduled++;
        for (const p of live) this.deletePod(ds, p);
      } else if (live.length > 1) for (const p of live.slice(1)) this.deletePod(ds, p);
    }
    // RollingUpdate: replace old pods while no more than maxUnavailable are unavailable.
    if (ds.spec?.updateStrategy?.type !== 'OnDelete') {
      const maxUnavailable = Math.max(1, intOrPercent(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, false));
      const current = controlled(this.c, ds, 'Pod');
      let unavailable =
        current.filter((p) => !p.metadata.deletionTimestamp && !isTerminal(p) && !isPodReady(p)).length +
        current.filter((p) => p.metadata.deletionTimestamp).length;
      const missing = nodes.filter((n) => this.shouldRun(ds, n) && !current.some((p) => targetNode(p) === n.metadata.name && isActive(p))).length;
      unavailable += missing;
      const old = current
        .filter((p) => isActive(p) && p.metadata.labels?.[REV] !== rev)
        .sort((a, b) => (a.spec?.nodeName ?? '').localeCompare(b.spec?.nodeName ?? ''));
      for (const p of old) {
        if (unavailable >= maxUnavailable) break;
        this.deletePod(ds, p);
        unavailable++;
      }
    }
    const live = controlled(this.c, ds, 'Pod').filter(isActive);
    const next: DaemonSetStatus = {
      currentNumberScheduled: live.length,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: live.filter(isPodReady).length,
      observedGeneration: ds.metadata.generation ?? 1,
      updatedNumberScheduled: live.filter((p) => p.metadata.labels?.[REV] === rev).length,
      numberAvailable: live.filter(isPodReady).length,
    };
    const unavailable = desired - (next.numberAvailable ?? 0);
    if (unavailable > 0) next.numberUnavailable = unavailable;
    if (!next.numberAvailable) delete next.numberAvailable;
    if (statusChanged(ds, next)) this.c.update(ds);
  }

  private createPod(ds: KObject, node: string, rev: string): void {
    const pod = podFromTemplate(this.c, ds.spec?.template, ds, {
      extraLabels: { [REV]: rev, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
      mutate: (p) => {
        const tol: (Toleration | undefined)[] = Array.isArray(p.spec.tolerations) ? p.spec.tolerations : [];
        for (const t of DAEMON_TOLERATIONS) if (!tol.some((x) => x?.key === t.key && x?.effect === t.effect)) tol.push({ ...t });
        p.spec.tolerations = tol;
        p.spec.affinity = {
          ...(p.spec.affinity ?? {}),
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
            },
          },
        };
      },
    });
    this.c.recordEvent(ds, 'Normal', 'SuccessfulCreate', { pod: pod.metadata.name }, `Created pod: ${pod.metadata.name}`, 'daemonset-controller');
  }

  private deletePod(ds: KObject, p: KObject): void {
    this.c.delete(p);
    this.c.recordEvent(ds, 'Normal', 'SuccessfulDelete', { pod: p.metadata.name }, `Deleted pod: ${p.metadata.name}`, 'daemonset-controller');
  }
}

function targetNode(p: KObject): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  const terms = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms?.[0]?.matchFields?.find((f: NodeSelectorRequirement) => f.key === 'metadata.name')?.values?.[0];
}
