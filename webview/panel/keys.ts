// Keyboard: Space play / pause, "." step, + / - speed, t switches the view; on a room (or the
// selected one) Delete, c crash, m out of memory; Enter / Space on a room selects it. Keys typed in
// an input, a select or with a modifier are left alone.
import type { PanelContext } from './context';
import { nsArg } from './context';
import { setView } from './controls';
import { SPEEDS } from './format';

export function onKey(ctx: PanelContext, e: KeyboardEvent): void {
  const { host, control, model } = ctx;
  const t = e.target as HTMLElement | null;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const room = t?.closest?.('[data-kind="pod"]') as HTMLElement | null;
  if (room && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    room.click();
    return;
  }
  const pod = room
    ? [...model.pods.values()].find((p) => p.name === room.dataset.name && p.namespace === room.dataset.namespace)
    : ctx.selectedPod
      ? model.pods.get(ctx.selectedPod)
      : undefined;
  const ns = pod && nsArg(pod.namespace);
  switch (e.key) {
    case ' ':
      if (t && t.tagName === 'BUTTON') return;
      e.preventDefault();
      host.post({ type: control.playing ? 'pause' : 'play' });
      break;
    case '.':
      host.post({ type: 'step', ms: 1000 });
      break;
    case '+':
    case '-': {
      const i = SPEEDS.indexOf(control.speed) + (e.key === '+' ? 1 : -1);
      if (i >= 0 && i < SPEEDS.length) host.post({ type: 'speed', speed: SPEEDS[i] });
      break;
    }
    case 't':
      setView(ctx, ctx.persisted.view === 'dorm' ? 'table' : 'dorm');
      break;
    case 'Delete':
      if (pod) host.post({ type: 'deletePod', name: pod.name, namespace: ns });
      break;
    case 'c':
      if (pod) host.post({ type: 'crash', pod: pod.name, namespace: ns });
      break;
    case 'm':
      if (pod) host.post({ type: 'oom', pod: pod.name, namespace: ns });
      break;
  }
}
