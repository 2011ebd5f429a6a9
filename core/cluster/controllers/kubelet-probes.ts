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

type Kind = 'Startup' | 'Readiness' | 'Liveness';

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

function failed(h: ProbeHost, kind: Kind, failure: string, kill: boolean): void {
  const { c, r, cs } = h;
  c.recordEvent(r.pod, 'Warning', 'Unhealthy', { container: cs.name, probe: kind }, `${kind} probe failed: ${failure}`, 'kubelet');
  if (!kill) return;
  const what = kind === 'Startup' ? 'startup' : 'liveness';
  c.recordEvent(r.pod, 'Normal', 'Killing', { container: cs.name, liveness: true }, `Container ${cs.name} failed ${what} probe, will be restarted`, 'kubelet');
  h.kill();
}

/** Schedules the probes of the container `h.cs`, which has just started; returns when it counts as started (startupProbe passed), null = never. */
export function scheduleProbes(h: ProbeHost): number | null {
  const { cs } = h;
  const b = cs.b;
  // How long the pod's probe workers have been ticking when the container starts.
  const since = Math.max(0, h.c.now - h.r.admittedAt);
  let start = 0;
  const sp = cs.spec?.startupProbe;
  if (sp && typeof sp === 'object') {
    const a = answer(h, sp);
    // failureThreshold failures in a row: the last of them kills the container.
    const giveUp = tick(sp, 0, since) + periodMs(sp) * (threshold(sp) - 1);
    const ok = a.okFrom === null ? null : tick(sp, a.okFrom, since);
    if (ok === null || ok > giveUp) {
      h.later(giveUp, () => failed(h, 'Startup', a.failure, true));
      return null;
    }
    start = ok;
  }
  const probe = cs.spec?.readinessProbe;
  const byFile = probe?.exec ? answer(h, probe) : undefined;
  const successes = probe ? Math.max(1, num(probe.successThreshold, 1)) : 1;
  if (byFile?.known) {
    // Ready from the first probe that finds the file (successThreshold in a row), unready once it is gone.
    if (byFile.okFrom !== null) h.later(nthReadiness(probe, byFile.okFrom, start, since, successes), () => h.setReady(true));
    if (byFile.okUntil !== null)
      h.later(nthReadiness(probe, byFile.okUntil, start, since, threshold(probe)), () => {
        failed(h, 'Readiness', byFile.failure, false);
        h.setReady(false);
      });
  } else if (b.readyAfterMs === 0 && !probe && !start) cs.ready = true;
  else if (b.readyAfterMs !== null) {
    h.later(probe ? nthReadiness(probe, b.readyAfterMs, start, since, successes) : start + b.readyAfterMs, () => h.setReady(true));
  } else if (probe) {
    h.later(nthReadiness(probe, start, start, since, threshold(probe)), () => failed(h, 'Readiness', answer(h, probe).failure, false));
  }
  const live = cs.spec?.livenessProbe;
  if (!live || typeof live !== 'object') return start;
  const a = answer(h, live);
  // Failures start at the first tick that finds it down; failureThreshold of them in a row kill it.
  let firstFailure: number | undefined;
  if (a.okFrom === null) firstFailure = tick(live, start, since);
  else if (a.okUntil !== null) firstFailure = tick(live, Math.max(a.okUntil, a.okFrom, start), since);
  if (firstFailure !== undefined) h.later(firstFailure + periodMs(live) * (threshold(live) - 1), () => failed(h, 'Liveness', a.failure, true));
  return start;
}
