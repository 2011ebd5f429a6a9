// The lesson engine: one run of one lesson, VS Code-free. It owns a simulated cluster, the
// learner's copies of the starter files (kept in sync by the host as the learner types), the
// commands the learner ran and the requests their Services served. After anything happens the
// host calls update(): the current step's check is evaluated against that real state and, when
// it passes, the step completes itself and the next one becomes current.
//
// Checks are about meaning (objects, fields, diagnostics), never about line numbers.
import { createCluster, type Cluster } from '../cluster/index';
import type { KObject } from '../cluster/store';
import { asKind, controllerOf } from '../cluster/store';
import { isPodReady } from '../cluster/podutil';
import { podStatus } from '../kubectl/printers';
import { runCommand, type CommandResult } from '../kubectl/commands';
import { parseFile, type Resource } from '../manifest/parse';
import type { KDiagnostic } from '../manifest/types';
import { Workspace } from '../workspace/index';
import { lintFile } from '../lint';
import { codeActions } from '../editor/actions';
import { applyEdits } from '../editor/edits';
import { appendDocument, editField, splitPath } from './file-edit';
import { lessonForSeed } from './variants';
import { getAt } from '../k8s/podspec';
import type { Locale } from '../i18n/index';
import type { Action, Check, Lesson, StepDef } from './types';
import { scalarText } from '../k8s/guards';
import type { ContainerStatus, EndpointSubset } from '../k8s/types';

export interface ActionOutcome {
  /** Command output (kubectl-style), if the action ran a command. */
  output?: string;
  error?: boolean;
  /** Files whose text the action changed (the host writes them into the editor). */
  edits?: { file: string; text: string }[];
  /** A file the host should open. */
  open?: string;
}

export interface RunOptions {
  locale?: Locale;
  seed?: number;
  /** Picks the variant of a lesson that has variants (variants.ts; default 0: the first). */
  variantSeed?: number;
  /** URI of a lesson file by name (for diagnostics); default `file:///kube-dorm-lessons/<lesson>/<name>`. */
  uriOf?(name: string): string;
}

const MAX_HISTORY = 200;

/** Requests a Service served: the pods that ever answered, refusals, and its latest batch (one `request`), each answer as its pod's owners (`Kind/name`, controller first), undefined when refused. */
interface Served {
  pods: Set<string>;
  refused: number;
  noEndpoints: number;
  latest: (string[] | undefined)[];
}

export class LessonRun {
  cluster!: Cluster;
  readonly files = new Map<string, string>();
  /** Step ids done, in order. */
  readonly done = new Set<string>();
  readonly quizAnswers = new Map<string, number>();
  /** Command lines the learner ran (without `kubectl`). */
  readonly history: string[] = [];
  /** Pods that answered requests per Service, and refusals. */
  private served = new Map<string, Served>();
  private ws = new Workspace();
  private diagCache = new Map<string, KDiagnostic[]>();
  locale: Locale;

  /** The lesson as this run plays it: for a lesson with variants, the one `variantSeed` picks. */
  readonly lesson: Lesson;

  constructor(
    lesson: Lesson,
    private opts: RunOptions = {},
  ) {
    this.lesson = lessonForSeed(lesson, opts.variantSeed ?? 0);
    this.locale = opts.locale ?? 'en';
    for (const f of this.lesson.def.files) this.setFile(f.name, this.lesson.starters[f.name] ?? '');
    this.resetCluster();
  }

  uriOf(name: string): string {
    return this.opts.uriOf?.(name) ?? `file:///kube-dorm-lessons/${this.lesson.def.id}/${name}`;
  }

  /** A fresh cluster (the lesson's node count), with request accounting. */
  resetCluster(): void {
    const c = this.lesson.def.cluster ?? {};
    this.cluster = createCluster({ nodes: c.nodes ?? 3, nodeCpu: c.nodeCpu, nodeMemory: c.nodeMemory, seed: this.opts.seed ?? 1, maxEvents: 5000 });
    this.served.clear();
    this.history.length = 0;
    const svc = this.cluster.hook<{ request(svc: KObject, count: number, port?: number): { pod?: string; error?: string }[] }>('services');
    if (svc && typeof svc.request === 'function') {
      const orig = svc.request.bind(svc);
      svc.request = (s: KObject, count: number, port?: number) => {
        const res = orig(s, count, port);
        const key = s.metadata.name;
        const e = this.served.get(key) ?? { pods: new Set<string>(), refused: 0, noEndpoints: 0, latest: [] };
        e.latest = [];
        for (const r of res) {
          if (r.error === 'no-endpoints') e.noEndpoints++;
          else if (r.error) e.refused++;
          else if (r.pod) e.pods.add(r.pod);
          const pod = r.pod && !r.error ? this.cluster.get('Pod', s.metadata.namespace ?? 'default', r.pod) : undefined;
          e.latest.push(pod ? ownersOf(this.cluster, pod) : undefined);
        }
        this.served.set(key, e);
        return res;
      };
    }
  }

  // ----- the learner's files ----------------------------------------------------------------

  /** The learner's text of a lesson file changed (typed in the editor, or written by "Show me"). */
  setFile(name: string, text: string): void {
    this.files.set(name, text);
    this.ws.set(this.uriOf(name), text);
    this.diagCache.clear();
  }

  diagnostics(name: string): KDiagnostic[] {
    let d = this.diagCache.get(name);
    if (!d) {
      try {
        d = this.files.has(name) ? lintFile(this.ws, this.uriOf(name)) : [];
      } catch {
        d = [];
      }
      this.diagCache.set(name, d);
    }
    return d;
  }

  private resources(name: string): Resource[] {
    const text = this.files.get(name);
    if (text === undefined) return [];
    return this.ws.get(this.uriOf(name))?.resources ?? parseFile(this.uriOf(name), text).resources;
  }

  // ----- actions ----------------------------------------------------------------------------

  /** Runs a kubectl-style command line as the learner typed it. */
  run(line: string): CommandResult {
    const clean = line.trim().replace(/^kubectl\s+/, '');
    if (!clean) return { output: '', error: false };
    this.history.push(clean);
    if (this.history.length > MAX_HISTORY) this.history.splice(0, this.history.length - MAX_HISTORY);
    // `apply -f NAME` reads the learner's lesson file.
    const r = runCommand(this.cluster, clean, {
      locale: this.locale,
      readFile: (p) => {
        const n = p.replace(/^.*[\\/]/, '');
        const t = this.files.get(n);
        if (t === undefined) throw new Error(`the path "${p}" does not exist`);
        return t;
      },
    });
    return r;
  }

  private podsOf(owner: string, namespace = 'default'): KObject[] {
    return this.cluster.list('Pod', namespace).filter((p) => ownedBy(this.cluster, p, owner));
  }

  /** Performs a control or a "Show me" action. Never throws: problems come back as an error output. */
  perform(a: Action): ActionOutcome {
    try {
      return this.performUnsafe(a);
    } catch (e) {
      return { output: `error: ${String((e as Error)?.message ?? e)}`, error: true };
    }
  }

  private cmd(line: string): ActionOutcome {
    const r = this.run(line);
    return { output: `$ kubectl ${line}\n${r.output}`, error: r.error };
  }

  private performUnsafe(a: Action): ActionOutcome {
    if ('apply' in a) return this.cmd(`apply -f ${a.apply}`);
    if ('open' in a) return { open: a.open };
    if ('kubectl' in a) return this.cmd(a.kubectl);
    if ('deletePod' in a) {
      const pods = this.podsOf(a.deletePod).filter((p) => !p.metadata.deletionTimestamp);
      const p = pods.sort((x, y) => x.metadata.name.localeCompare(y.metadata.name))[0];
      if (!p) return { output: `error: no pod of ${a.deletePod} to delete`, error: true };
      return this.cmd(`delete pod ${p.metadata.name}`);
    }
    if ('scale' in a) return this.cmd(`scale ${a.scale.toLowerCase()} --replicas=${a.replicas}`);
    if ('request' in a) return this.cmd(`request service/${a.request} --count ${a.count ?? 6}`);
    if ('addNode' in a) return this.cmd('add node');
    if ('oom' in a) {
      const p = this.podsOf(a.oom).find((x) => podStatus(x) === 'Running');
      if (!p) return { output: `error: no running pod of ${a.oom}`, error: true };
      return this.cmd(`oom ${p.metadata.name}`);
    }
    if ('advance' in a) {
      this.cluster.advance(Math.max(0, Math.min(a.advance, 24 * 3600_000)));
      return {};
    }
    if ('addressPool' in a) {
      const pool = this.cluster.options.lbPool;
      for (const ip of a.addressPool) if (!pool.includes(ip)) pool.push(ip);
      // A MetalLB-like controller hands addresses to LoadBalancer Services still <pending>.
      const admit = this.cluster.hook<((o: KObject) => void) | undefined>('admit:Service');
      for (const s of this.cluster.list('Service')) {
        if (s.spec?.type !== 'LoadBalancer' || s.status?.loadBalancer?.ingress?.length || !admit) continue;
        admit(s);
        this.cluster.update(s);
      }
      this.cluster.settle();
      this.history.push(`address-pool ${a.addressPool.join(',')}`);
      return { output: `ipaddresspool: ${pool.join(', ')}` };
    }
    if ('set' in a || 'remove' in a) {
      const file = 'set' in a ? a.set.file : a.remove.file;
      const r = editField(this.uriOf(file), this.files.get(file) ?? '', a);
      if ('error' in r) return { output: r.error, error: true };
      this.setFile(file, r.text);
      return { edits: [{ file, text: r.text }] };
    }
    if ('append' in a) {
      const next = appendDocument(this.files.get(a.append.file) ?? '', a.append.text);
      this.setFile(a.append.file, next);
      return { edits: [{ file: a.append.file, text: next }] };
    }
    if ('quickfix' in a) {
      const { file, code } = a.quickfix;
      const uri = this.uriOf(file);
      const diags = this.diagnostics(file).filter((d) => d.code === code);
      if (!diags.length) return { output: `no ${code} left in ${file}` };
      const edited = new Map<string, string>();
      const acts = codeActions(this.ws, uri, diags[0].range, this.diagnostics(file), this.locale).filter((x) => x.diagnostics.some((d) => d.code === code));
      const act = acts.find((x) => x.isPreferred) ?? acts[0];
      if (!act) return { output: `error: no quick fix for ${code}`, error: true };
      for (const ch of act.edit.changes) {
        const name = this.nameOf(ch.uri);
        if (!name) continue;
        const f = this.ws.get(ch.uri);
        if (!f) continue;
        edited.set(name, applyEdits(f.text, f.lines, ch.edits));
      }
      for (const [n, t] of edited) this.setFile(n, t);
      return { edits: [...edited].map(([f, text]) => ({ file: f, text })), output: act.title };
    }
    return { output: 'error: unknown action', error: true };
  }

  private nameOf(uri: string): string | undefined {
    for (const n of this.files.keys()) if (this.uriOf(n) === uri) return n;
    return undefined;
  }

  // ----- checks and progress ----------------------------------------------------------------

  evaluate(check: Check): boolean {
    try {
      return this.evalUnsafe(check);
    } catch {
      return false;
    }
  }

  private evalUnsafe(ch: Check): boolean {
    const c = this.cluster;
    if ('all' in ch) return ch.all.every((x) => this.evaluate(x));
    if ('any' in ch) return ch.any.some((x) => this.evaluate(x));
    if ('not' in ch) return !this.evaluate(ch.not);
    if ('pods' in ch) {
      const q = ch.pods;
      let pods = this.podsOf(q.owner, q.namespace).filter((p) => !p.metadata.deletionTimestamp);
      if (q.status) pods = pods.filter((p) => podStatus(p) === q.status);
      if (q.ready !== undefined) pods = pods.filter((p) => isPodReady(p) === q.ready);
      if (q.lastReason)
        pods = pods.filter((p) =>
          (p.status?.containerStatuses ?? []).some(
            (s?: ContainerStatus) => s?.lastState?.terminated?.reason === q.lastReason || s?.state?.terminated?.reason === q.lastReason,
          ),
        );
      if (q.image) {
        if (!pods.length) return false;
        if (!pods.every((p) => p.spec?.containers?.[0]?.image === q.image)) return false;
      }
      return count(pods.length, q.count, q.min);
    }
    if ('object' in ch) {
      const q = ch.object;
      const o = c.get(q.kind, q.namespace ?? 'default', q.name);
      if (!o) return q.exists === false && !q.path;
      if (!q.path) return q.exists !== false;
      const v = getAt(o, splitPath(q.path));
      if (q.exists !== undefined) return (v !== undefined && v !== null && !(Array.isArray(v) && !v.length)) === q.exists;
      return same(v, q.equals);
    }
    if ('replicaSets' in ch) {
      const q = ch.replicaSets;
      const d = c.get('Deployment', q.namespace ?? 'default', q.deployment);
      if (!d) return false;
      const rss = c.list('ReplicaSet', q.namespace ?? 'default').filter((r) => controllerOf(r)?.uid === d.metadata.uid);
      if (q.revision !== undefined && !rss.some((r) => Number(r.metadata.annotations?.['deployment.kubernetes.io/revision']) === q.revision)) return false;
      return count(rss.length, undefined, q.min ?? 1);
    }
    if ('endpoints' in ch) {
      const q = ch.endpoints;
      const ep = asKind(c.get('Endpoints', q.namespace ?? 'default', q.service), 'Endpoints');
      if (!ep) return false;
      const n = (ep.subsets ?? []).reduce((s: number, x?: EndpointSubset) => s + (x?.addresses?.length ?? 0), 0);
      return count(n, q.ready, q.min);
    }
    if ('event' in ch) {
      const q = ch.event;
      return c.events.some((e) => e.reason === q.reason && (!q.kind || e.kind === q.kind) && (!q.name || e.name === q.name || e.name.startsWith(q.name + '-')));
    }
    if ('command' in ch) {
      const re = new RegExp(ch.command.matches);
      return this.history.some((h) => re.test(h));
    }
    if ('served' in ch) {
      const q = ch.served;
      const e = this.served.get(q.service);
      if (!e) return false;
      if (q.owner !== undefined || q.share !== undefined) return latestShare(e.latest, q.owner, q.share);
      if (q.refused) return e.refused + e.noEndpoints > 0 && e.pods.size === 0;
      return e.pods.size >= (q.distinctPods ?? 1);
    }
    if ('diagnostics' in ch) {
      const q = ch.diagnostics;
      if (!this.files.has(q.file)) return false;
      return this.diagnostics(q.file).some((d) => d.code === q.code) === q.present;
    }
    if ('file' in ch) {
      const q = ch.file;
      const rs = this.resources(q.file).filter((r) => r.kind === q.kind && (q.name === undefined || r.name === q.name));
      return rs.some((r) =>
        valuesAt(r.obj, splitPath(q.path)).some((v) => {
          if (q.exists !== undefined) return (v !== undefined) === q.exists;
          if (q.matches !== undefined) return v !== undefined && typeof v !== 'object' && new RegExp(q.matches).test(scalarText(v));
          return same(v, q.equals);
        }),
      );
    }
    if ('nodes' in ch) return count(c.list('Node').length, ch.nodes.count, ch.nodes.min);
    return false;
  }

  /** The first step not done yet, or undefined when all are. */
  current(): StepDef | undefined {
    return this.lesson.def.steps.find((s) => !this.done.has(s.id));
  }

  /** Completes the current step while its check passes (and the next, and so on); returns the ids completed. */
  update(): string[] {
    const out: string[] = [];
    for (let s = this.current(); s && this.evaluate(s.check); s = this.current()) {
      this.done.add(s.id);
      out.push(s.id);
    }
    return out;
  }

  /** Runs "Show me" for a step: its actions in order. */
  showMe(stepId: string): ActionOutcome[] {
    const s = this.lesson.def.steps.find((x) => x.id === stepId);
    if (!s) return [];
    return s.show.map((a) => this.perform(a));
  }

  answer(quizId: string, choice: number): { correct: boolean } | undefined {
    const q = this.lesson.def.quiz.find((x) => x.id === quizId);
    if (!q) return undefined;
    this.quizAnswers.set(quizId, choice);
    return { correct: q.answer === choice };
  }

  get complete(): boolean {
    return this.lesson.def.steps.every((s) => this.done.has(s.id));
  }

  /**
   * Restores a run from saved progress: marks steps done and rebuilds the cluster by replaying the
   * cluster actions of the done steps (file edits are not replayed: the files kept them).
   */
  restore(doneSteps: string[], quiz: Record<string, number> = {}): void {
    const known = new Set(this.lesson.def.steps.map((s) => s.id));
    for (const s of this.lesson.def.steps) {
      if (!doneSteps.includes(s.id)) break;
      for (const a of s.show) if (!('set' in a || 'remove' in a || 'append' in a || 'quickfix' in a || 'open' in a)) this.perform(a);
      this.cluster.advance(30_000);
      this.done.add(s.id);
    }
    for (const id of doneSteps) if (known.has(id)) this.done.add(id);
    for (const [k, v] of Object.entries(quiz)) if (typeof v === 'number') this.quizAnswers.set(k, v);
  }
}

function count(n: number, exact: number | undefined, min: number | undefined): boolean {
  if (exact !== undefined) return n === exact;
  return n >= (min ?? 1);
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return String(a) === String(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Values at a path where `*` walks every list item. */
function valuesAt(obj: unknown, path: (string | number)[]): unknown[] {
  let cur: unknown[] = [obj];
  for (const seg of path) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (c === null || typeof c !== 'object') continue;
      if (seg === '*') {
        if (Array.isArray(c)) next.push(...c);
      } else next.push((c as Record<string | number, unknown>)[seg]);
    }
    cur = next;
  }
  return cur;
}

/**
 * The latest batch's share answered (by pods of `owner`, or by any pod): within `share` (percent),
 * and, when no minimum is given, at least one answer.
 */
function latestShare(latest: (string[] | undefined)[], owner: string | undefined, share: { min?: number; max?: number } | undefined): boolean {
  if (!latest.length) return false;
  const k = latest.filter((o) => o !== undefined && (owner === undefined || o.includes(owner))).length;
  const pct = (100 * k) / latest.length;
  if (share?.min === undefined ? k === 0 : pct < share.min) return false;
  return share?.max === undefined || pct <= share.max;
}

/** A pod's controllers, from its own up (ReplicaSet/x, Deployment/y). */
function ownersOf(c: Cluster, p: KObject): string[] {
  const out: string[] = [];
  let cur: KObject | undefined = p;
  for (let i = 0; i < 4 && cur; i++) {
    const ref = controllerOf(cur);
    if (!ref) break;
    out.push(`${ref.kind}/${ref.name}`);
    cur = c.store.getByUid(ref.uid);
  }
  return out;
}

/** Whether `p` belongs to `owner` (`Kind/name`): its controller or any controller above it. */
export function ownedBy(c: Cluster, p: KObject, owner: string): boolean {
  return ownersOf(c, p).includes(owner);
}
