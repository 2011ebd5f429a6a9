// The kubelet's probes (pkg/kubelet/prober) for one started container: a startupProbe holds the
// readiness and liveness probes back until it succeeds (and kills the container after
// failureThreshold failures); readiness makes the container ready (successThreshold successes);
// liveness kills it after failureThreshold failures. A probe on a port answers when the image
// listens there; an exec probe checking a file (`cat /tmp/healthy`) answers while the container's
// script keeps that file (`touch`, `rm`); other exec probes pass.
// When probes run (prober/worker.go): each probe's worker starts when the kubelet admits the pod
// and ticks every periodSeconds from then — not from the container's start, and on across its
// restarts; a tick before initialDelaySeconds after the container started, or while a startupProbe
// has not passed, probes nothing. The readiness worker is also triggered at once when the pod's
// status is synced while the container is not ready (prober_manager.go UpdatePodStatus): at the
// container's start, and when its startupProbe passes. (A kubelet started less than a period ago
// delays its workers by a random part of a period: the simulated kubelet is long running.)
// Every failed probe records `Unhealthy` (prober.go), the failureThreshold-th liveness or startup
// failure then `Killing`. Without a readiness probe a running container is ready at once
// (prober_manager.go: no worker, ready = running), as the status sync after its start reports it.
import type { Cluster } from '../cluster';
import type { Probe } from '../../k8s/types';
import { probePort } from '../profiles';
import { fileTimeline, probedFile } from '../profiles-script';
import { probeFailure } from './kubelet-config';
import type { CState, PodRuntime } from './kubelet-pod';

/** What the kubelet lends the probes: timers that die with the container, readiness, and a kill. */
export interface ProbeHost {
  c: Cluster;
  r: PodRuntime;
  cs: CState;
  later(ms: number, fn: () => void): void;
  setReady(ready: boolean): void;
  kill(): void;
}

/** The kubelet's side of ContainerProbes. */
interface ProbeKubelet {
  cLater(r: PodRuntime, cs: CState, ms: number, fn: () => void): void;
  setReady(r: PodRuntime, cs: CState, ready: boolean): void;
  exit(r: PodRuntime, cs: CState, exitCode: number, reason: string): void;
}

/** The ProbeHost of one started container (a class: no closures per started container). */
export class ContainerProbes implements ProbeHost {
  constructor(
    private k: ProbeKubelet,
    readonly c: Cluster,
    readonly r: PodRuntime,
    readonly cs: CState,
  ) {}

  later(ms: number, fn: () => void): void {
    this.k.cLater(this.r, this.cs, ms, fn);
  }

  setReady(ready: boolean): void {
    this.k.setReady(this.r, this.cs, ready);
  }

  kill(): void {
    this.k.exit(this.r, this.cs, 137, 'Error');
  }
}

type Kind = 'Startup' | 'Readiness' | 'Liveness';

/**
 * The kubelet learns that a container runs, or has exited, at its next pod sync (PLEG relists every
 * second): a process that exits within this long of its start is reported with its exit, never as
 * ready (kubelet.ts acts on an exit after the same delay).
 */
const STATUS_SYNC_MS = 1000;

const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
/** The timing fields of a probe, as a decoded manifest gives them (any may be missing or wrong). */
type ProbeTiming = { periodSeconds?: unknown; initialDelaySeconds?: unknown; failureThreshold?: unknown } | undefined;
const periodMs = (p: ProbeTiming) => num(p?.periodSeconds, 10) * 1000;
const delayMs = (p: ProbeTiming) => num(p?.initialDelaySeconds, 0) * 1000;
const threshold = (p: ProbeTiming) => Math.max(1, num(p?.failureThreshold, 3));
/**
 * The first tick at or after `t` that probes (times in ms after the container's start): ticks come
 * every period from the worker's start, `since` ms before the container's; none before
 * initialDelaySeconds, and not one at the very instant the container starts (the worker has not
 * seen it running yet).
 */
const tick = (p: ProbeTiming, t: number, since: number) => Math.ceil((Math.max(delayMs(p), t, 1) + since) / periodMs(p)) * periodMs(p) - since;

/**
 * When the `n`-th readiness probe from `from` on runs: the immediate one at `start` (the container's
 * start, or its startupProbe's success) if it probes, then the ticks.
 */
function nthReadiness(p: ProbeTiming, from: number, start: number, since: number, n: number): number {
  let t = start >= delayMs(p) && from <= start ? start : tick(p, Math.max(from, start), since);
  for (let i = 1; i < n; i++) t = tick(p, t + 1, since);
  return t;
}

/** When probe `p` answers: from `okFrom` (null = never) until `okUntil` (null = for ever), and its failure text. */
function answer(h: ProbeHost, p: Probe | undefined): { okFrom: number | null; okUntil: number | null; failure: string; known?: boolean } {
  const { cs, r } = h;
  if (p?.exec) {
    const file = probedFile(p.exec.command);
    const life = file ? fileTimeline([...(cs.spec?.command ?? []), ...(cs.spec?.args ?? [])]).get(file) : undefined;
    // busybox cat's complaint; other commands fail silently.
    const failure = /^(\S*\/)?cat$|\bcat\s/.test(String(p.exec.command?.[0] ?? '') + ' ' + String(p.exec.command?.slice?.(1).join(' ') ?? ''))
      ? `cat: can't open '${file}': No such file or directory`
      : '';
    if (!life) return { okFrom: 0, okUntil: null, failure };
    return { okFrom: Number.isFinite(life.from) ? life.from : null, okUntil: life.to, failure, known: true };
  }
  const port = probePort(p, cs.spec);
  const failure = probeFailure(p, r.pod, port);
  if (port !== undefined && cs.b.listens && !cs.b.listens.includes(port)) return { okFrom: null, okUntil: null, failure };
  return { okFrom: 0, okUntil: null, failure };
}

/** Records one failed probe, as the kubelet's prober does on every failure (prober.go: `%s probe failed: %s`). */
function unhealthy(h: ProbeHost, kind: Kind, failure: string): void {
  const { c, r, cs } = h;
  c.recordEvent(r.pod, 'Warning', 'Unhealthy', { container: cs.name, probe: kind }, `${kind} probe failed: ${failure}`, 'kubelet');
}

/** The liveness or startup probe's `failureThreshold`-th failure: the kubelet kills the container (kuberuntime_manager.go). */
function killFor(h: ProbeHost, kind: 'Startup' | 'Liveness'): void {
  const { c, r, cs } = h;
  const what = kind === 'Startup' ? 'startup' : 'liveness';
  c.recordEvent(r.pod, 'Normal', 'Killing', { container: cs.name, liveness: true }, `Container ${cs.name} failed ${what} probe, will be restarted`, 'kubelet');
  h.kill();
}

/** Runs `fn` at `ms` after the container's start (scheduleProbes runs at the start; timers run later). */
type At = (ms: number, fn: () => void) => void;

/**
 * Records `Unhealthy` for every probe of `p` from `first` (ms after the start) on, `count` of them
 * (Infinity: while the container runs, the timers dying with it); `then` runs after the `thenAt`-th
 * (the last one unless said). Probes after the first come at the worker's ticks.
 */
function failures(
  h: ProbeHost,
  at: At,
  p: ProbeTiming,
  kind: Kind,
  failure: string,
  first: number,
  since: number,
  count: number,
  then?: () => void,
  thenAt = count,
): void {
  if (count <= 0) return;
  let n = 0;
  const step = (t: number) =>
    at(t, () => {
      unhealthy(h, kind, failure);
      if (++n === thenAt) then?.();
      if (n < count) step(tick(p, t + 1, since));
    });
  step(first);
}

/** How many probes of `p` run from `first` until (not including) `until`. */
function probesBetween(p: ProbeTiming, first: number, until: number, since: number): number {
  let n = 0;
  for (let t = first; t < until; t = tick(p, t + 1, since)) n++;
  return n;
}

/**
 * The readiness probe's failures from its first probe until `okFrom` (null: never ok), then from
 * `okUntil` on (null: never again): every failure is recorded, the container is unready after
 * `failureThreshold` of them in a row once it was ready.
 */
function readinessFailures(
  h: ProbeHost,
  at: At,
  probe: ProbeTiming,
  okFrom: number | null,
  okUntil: number | null,
  failure: string,
  start: number,
  since: number,
): void {
  const first = nthReadiness(probe, start, start, since, 1);
  const firstOk = okFrom === null ? null : nthReadiness(probe, okFrom, start, since, 1);
  failures(h, at, probe, 'Readiness', failure, first, since, firstOk === null ? Infinity : probesBetween(probe, first, firstOk, since));
  if (firstOk === null || okUntil === null) return;
  const gone = nthReadiness(probe, okUntil, start, since, 1);
  failures(h, at, probe, 'Readiness', failure, gone, since, Infinity, () => h.setReady(false), threshold(probe));
}

/** An At for a container started at `t0` (a returned arrow: esbuild's keepNames leaves it unnamed, no __name per start). */
function atStart(h: ProbeHost, t0: number): At {
  return (ms, fn) => h.later(ms - (h.c.now - t0), fn);
}

/** Schedules the probes of the container `h.cs`, which has just started; returns when it counts as started (startupProbe passed), null = never. */
export function scheduleProbes(h: ProbeHost): number | null {
  const { cs } = h;
  const b = cs.b;
  // How long the pod's probe workers have been ticking when the container starts.
  const since = Math.max(0, h.c.now - h.r.admittedAt);
  const t0 = h.c.now;
  const at = atStart(h, t0);
  let start = 0;
  const sp = cs.spec?.startupProbe;
  if (sp && typeof sp === 'object') {
    const a = answer(h, sp);
    // failureThreshold failures in a row: the last of them kills the container.
    const first = tick(sp, 0, since);
    const giveUp = first + periodMs(sp) * (threshold(sp) - 1);
    const ok = a.okFrom === null ? null : tick(sp, a.okFrom, since);
    if (ok === null || ok > giveUp) {
      failures(h, at, sp, 'Startup', a.failure, first, since, threshold(sp), () => killFor(h, 'Startup'));
      return null;
    }
    failures(h, at, sp, 'Startup', a.failure, first, since, probesBetween(sp, first, ok, since));
    start = ok;
  }
  const probe = cs.spec?.readinessProbe;
  if (probe && typeof probe === 'object') {
    const successes = Math.max(1, num(probe.successThreshold, 1));
    const byFile = probe.exec ? answer(h, probe) : undefined;
    // The image answers from its warm-up on (the profile's, `kube-dorm.dev/ready-after`, initialDelaySeconds folded in), or from when its script keeps the file.
    const okFrom = byFile?.known ? byFile.okFrom : b.readyAfterMs;
    const okUntil = byFile?.known ? byFile.okUntil : null;
    if (okFrom !== null) at(nthReadiness(probe, okFrom, start, since, successes), () => h.setReady(true));
    readinessFailures(h, at, probe, okFrom, okUntil, (byFile ?? answer(h, probe)).failure, start, since);
  } else if (b.exitAfterMs !== null && b.exitAfterMs <= start + (b.readyAfterMs ?? 0) + STATUS_SYNC_MS) {
    // It exits before the kubelet's next status sync would report it ready: never seen ready.
  } else if (b.readyAfterMs === 0 && !start) cs.ready = true;
  // No readiness probe: ready once started (prober_manager.go), unless `kube-dorm.dev/ready-after` scripts a warm-up.
  else if (b.readyAfterMs !== null) at(start + b.readyAfterMs, () => h.setReady(true));
  const live = cs.spec?.livenessProbe;
  if (!live || typeof live !== 'object') return start;
  const a = answer(h, live);
  // Failures start at the first tick that finds it down; failureThreshold of them in a row kill it.
  let firstFailure: number | undefined;
  if (a.okFrom === null) firstFailure = tick(live, start, since);
  else if (a.okUntil !== null) firstFailure = tick(live, Math.max(a.okUntil, a.okFrom, start), since);
  if (firstFailure !== undefined) failures(h, at, live, 'Liveness', a.failure, firstFailure, since, threshold(live), () => killFor(h, 'Liveness'));
  return start;
}
