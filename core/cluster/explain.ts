// "Why is it broken?": for each unhealthy object of a simulated cluster, a short chain from the
// symptom to its cause, each step in Kubernetes' words and in the dorm's, ending at the manifest
// line to change. Built from what the cluster recorded (object status, the scheduler's condition,
// the kubelet's container states and listening ports), never from localised text.
import type { Text } from '../i18n/index';
import type { Cluster } from './cluster';
import { Sources, type Place } from './explain-sources';
import { explainPod } from './explain-pods';
import { explainService } from './explain-services';
import { explainStorage } from './explain-storage';
import { explainJobs } from './explain-jobs';

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
  fix?: { code?: string; title: Text };
}

/** The explanations of every unhealthy pod and Service; pods with the same cause at the same line are explained once. */
export function explain(c: Cluster, files: readonly { uri: string; text: string }[]): Explanation[] {
  const src = new Sources(files);
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
  for (const pod of sorted(c.list('Pod'))) add(explainPod(c, src, pod));
  for (const svc of sorted(c.list('Service'))) add(explainService(c, src, svc));
  for (const more of [explainStorage, explainJobs]) for (const e of more(c, src)) add(e);
  return out;
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
