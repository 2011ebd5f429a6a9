// Pure helpers of the panel's drawing: speeds, owner icons, group colours, the clock.

export const SPEEDS = [0.5, 1, 2, 5, 10, 30];

/** Owner kind → codicon: the head manager, the building auntie, the counsellors, the power room, the electrician, the cleaning auntie. */
export const GROUP_ICONS: Record<string, string> = {
  Deployment: 'organization',
  ReplicaSet: 'person',
  StatefulSet: 'mortar-board',
  DaemonSet: 'zap',
  Job: 'tools',
  CronJob: 'history',
  Pod: 'home',
};

export const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** A stable hue for a group name (colours the rooms of one owner alike). */
export function hue(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length && i < 200; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h % 360;
}

/** Simulated ms as m:ss, or h:mm:ss past the hour. */
export function fmtTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${h ? `${h}:` : ''}${String(m).padStart(h ? 2 : 1, '0')}:${String(ss).padStart(2, '0')}`;
}
