// The kubelet's probes (pkg/kubelet/prober) for one started container: a startupProbe holds the
// readiness and liveness probes back until it succeeds (and kills the container after
// failureThreshold failures); readiness makes the container ready (successThreshold successes);
// liveness kills it after failureThreshold failures. A probe on a port answers when the image
// listens there; an exec probe checking a file (`cat /tmp/healthy`) answers while the container's
// script keeps that file (`touch`, `rm`); other exec probes pass.
import type { Cluster } from '../cluster';
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
const periodMs = (p: any) => num(p?.periodSeconds, 10) * 1000;
const delayMs = (p: any) => num(p?.initialDelaySeconds, 0) * 1000;
const threshold = (p: any) => Math.max(1, num(p?.failureThreshold, 3));
/** The first probe at or after `t` (probes run every period from the start; none before initialDelaySeconds). */
const tick = (p: any, t: number) => Math.ceil(Math.max(delayMs(p), t) / periodMs(p)) * periodMs(p);

/** When probe `p` answers: from `okFrom` (null = never) until `okUntil` (null = for ever), and its failure text. */
function answer(h: ProbeHost, p: any): { okFrom: number | null; okUntil: number | null; failure: string; known?: boolean } {
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
  let start = 0;
  const sp = cs.spec?.startupProbe;
  if (sp && typeof sp === 'object') {
    const a = answer(h, sp);
    const giveUp = delayMs(sp) + periodMs(sp) * threshold(sp);
    const ok = a.okFrom === null ? null : tick(sp, a.okFrom);
    if (ok === null || ok >= giveUp) {
      h.later(giveUp, () => failed(h, 'Startup', a.failure, true));
      return null;
    }
    start = ok;
  }
  const probe = cs.spec?.readinessProbe;
  const byFile = probe?.exec ? answer(h, probe) : undefined;
  if (byFile?.known) {
    // Ready from the first probe that finds the file (successThreshold in a row), unready once it is gone.
    if (byFile.okFrom !== null) h.later(start + tick(probe, byFile.okFrom) + periodMs(probe) * (num(probe.successThreshold, 1) - 1), () => h.setReady(true));
    if (byFile.okUntil !== null)
      h.later(start + tick(probe, byFile.okUntil) + periodMs(probe) * (threshold(probe) - 1), () => {
        failed(h, 'Readiness', byFile.failure, false);
        h.setReady(false);
      });
  } else if (b.readyAfterMs === 0 && !probe && !start) cs.ready = true;
  else if (b.readyAfterMs !== null) {
    const extra = probe ? periodMs(probe) * (num(probe.successThreshold, 1) - 1) : 0;
    h.later(start + b.readyAfterMs + extra, () => h.setReady(true));
  } else if (probe) {
    h.later(start + delayMs(probe) + periodMs(probe) * (threshold(probe) - 1), () => failed(h, 'Readiness', answer(h, probe).failure, false));
  }
  const live = cs.spec?.livenessProbe;
  if (!live || typeof live !== 'object') return start;
  const a = answer(h, live);
  // Failures start at the first probe that finds it down; failureThreshold of them in a row kill it.
  let firstFailure: number | undefined;
  if (a.okFrom === null) firstFailure = live.exec ? tick(live, 0) : delayMs(live) + periodMs(live);
  else if (a.okUntil !== null) firstFailure = tick(live, Math.max(a.okUntil, a.okFrom));
  if (firstFailure !== undefined) h.later(start + firstFailure + periodMs(live) * (threshold(live) - 1), () => failed(h, 'Liveness', a.failure, true));
  return start;
}
