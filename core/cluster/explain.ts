// "Why is it broken?": for each unhealthy object of a simulated cluster, a short chain from the
// symptom to its cause, each step in Kubernetes' words and in the dorm's, ending at the manifest
// line to change. Built from what the cluster recorded (object status, the scheduler's condition,
// the kubelet's container states and listening ports), never from localised text.
import type { Text } from '../i18n/index';
import type { KDiagnostic } from '../manifest/types';
import type { Cluster } from './cluster';
import { controllerOf, type KObject } from './store';
import { Sources, type Place } from './explain-sources';
import { explainPod } from './explain-pods';
import { explainService } from './explain-services';
import { explainStorage } from './explain-storage';
import { explainJobs } from './explain-jobs';
import { explainCronJob, explainDeployment, explainRefusal, explainReplicaSet } from './explain-workloads';
import { attachFixes } from './explain-fix';
import { condition } from './podutil';
import type { ContainerStatus } from '../k8s/types';

export type { Place } from './explain-sources';

export interface ExplainStep extends Partial<Place> {
  /** In Kubernetes' words. */
  text: Text;
  /** The same step in the dorm's words. */
  dorm: Text;
}

export interface Explanation {
  subject: { kind: string; namespace?: string; name: string };
  symptom: Text;
  /** From the symptom to its cause; the last step is at the line to change. */
  steps: ExplainStep[];
  /**
   * What to change. `code` and `range` when the editor offers a quick fix there: the diagnostic code
   * of the linter's finding whose code action applies it, and that finding's range (1-based).
   */
  fix?: { code?: string; range?: { line: number; column: number; endLine: number; endColumn: number }; title: Text };
}

export interface ExplainOptions {
  /** What `applyFiles` refused (its diagnostics): each refused object gets a chain to the refused line. */
  refused?: readonly KDiagnostic[];
  /** false: leave out the quick fixes (no linting; an editor's lenses need only the chains). */
  fixes?: boolean;
  /** `files` already parsed (a caller asking again and again about the same files keeps them). */
  sources?: Sources;
}

type Files = readonly { uri: string; text: string }[];

/**
 * The explanations of every unhealthy pod, Service and CronJob, every stalled rollout and every
 * refused object; pods with the same cause at the same line are explained once.
 */
export function explain(c: Cluster, files: Files, opts: ExplainOptions = {}): Explanation[] {
  const src = opts.sources ?? new Sources(files);
  const out: Explanation[] = [];
  const seen = new Set<string>();
  const add = (e: Explanation | undefined) => {
    if (!e) return;
    const last = e.steps[e.steps.length - 1];
    const k = last?.file ? `${e.subject.kind} ${last.file}:${last.line}:${last.column} ${e.fix?.title.en ?? ''}` : JSON.stringify(e.subject);
    if (seen.has(k)) return;
    seen.add(k);
    out.push(e);
  };
  // Pods of one controller in the same state have the same chain: the first one stands for them.
  const states = new Set<string>();
  for (const pod of sorted(c.list('Pod'))) {
    const state = stateOf(pod);
    if (state !== undefined && states.has(state)) continue;
    if (state !== undefined) states.add(state);
    add(explainPod(c, src, pod));
  }
  for (const svc of sorted(c.list('Service'))) add(explainService(c, src, svc));
  for (const more of [explainStorage, explainJobs]) for (const e of more(c, src)) add(e);
  for (const d of sorted(c.list('Deployment'))) add(explainDeployment(c, src, d, true));
  for (const cj of sorted(c.list('CronJob'))) add(explainCronJob(c, src, cj));
  for (const d of opts.refused ?? []) add(explainRefusal(src, d));
  return opts.fixes === false ? out : attachFixes(out, src.ws);
}

type One = (c: Cluster, src: Sources, o: KObject) => Explanation | undefined;
const BY_KIND: Record<string, One> = {
  Pod: explainPod,
  Service: explainService,
  Deployment: (c, src, o) => explainDeployment(c, src, o, false),
  ReplicaSet: explainReplicaSet,
  CronJob: explainCronJob,
};

/** The explanation of one object (a panel card's "Why?": a room, a Service, a manager, a timetable), or undefined when nothing is known to be wrong with it. */
export function explainObject(c: Cluster, files: Files, kind: string, namespace: string | undefined, name: string): Explanation | undefined {
  const o = Object.prototype.hasOwnProperty.call(BY_KIND, kind) ? c.get(kind, namespace ?? 'default', name) : undefined;
  if (!o) return undefined;
  const src = new Sources(files);
  const e = BY_KIND[kind](c, src, o);
  return e && attachFixes([e], src.ws)[0];
}

/** A controlled pod's state as its chain reads it (controller, phase, scheduling, containers' states), or undefined for a bare pod. */
function stateOf(pod: KObject): string | undefined {
  const ref = controllerOf(pod);
  if (!ref) return undefined;
  const containers = (pod.status?.containerStatuses ?? []).map((cs: ContainerStatus) => [
    cs?.name,
    cs?.ready,
    cs?.state?.waiting?.reason ?? (cs?.state?.running ? 'running' : cs?.state?.terminated?.reason),
    cs?.lastState?.terminated?.reason,
  ]);
  return JSON.stringify([ref.uid, pod.status?.phase, condition(pod, 'PodScheduled')?.reason, containers]);
}

function sorted<T extends { metadata: { namespace?: string; name: string } }>(xs: T[]): T[] {
  const k = (x: T) => `${x.metadata.namespace ?? ''}/${x.metadata.name}`;
  return xs.slice().sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

/** A chain as text, one line per step with its place (`file:line:column`), for the CLI. */
export function explanationText(e: Explanation, pick: (x: Text) => string): string {
  const lines = [`${e.subject.kind}/${e.subject.name}: ${pick(e.symptom)}`];
  e.steps.forEach((s, i) => {
    const at = s.file ? `  (${s.file}:${s.line}:${s.column})` : '';
    lines.push(`  ${i + 1}. ${pick(s.text)}${at}`);
    lines.push(`     ${pick(s.dorm)}`);
  });
  if (e.fix) lines.push(`  → ${pick(e.fix.title)}`);
  return lines.join('\n');
}
