// The head manager's rollout as a chart: desired, updated, ready and available replicas of a
// Deployment over virtual time, a step line each from the samples the host keeps
// (core/panel/rollout.ts), drawn up to the panel's clock so it grows as the rollout happens. The
// four lines differ by dash as well as colour (high contrast, colour blindness); a revision change
// is a marked vertical line. Its text alternative says the counts now.
import type { RolloutSample, WorkloadView } from '../protocol/panel';
import { el, svg } from '../shared/dom';
import type { PanelContext } from './context';
import { fmtTime } from './format';
import { picture } from './pictures';

const W = 280;
const H = 96;
const PAD = { left: 22, right: 6, top: 6, bottom: 16 };
export const SERIES = ['desired', 'updated', 'ready', 'available'] as const;
/** A quiet spell this long ends a burst of changes: the chart shows the latest burst, from a little before it. */
const QUIET_MS = 60_000;
const BEFORE_MS = 10_000;
/** The chart follows the clock this long after the last change, then stays (redrawn only when the counts change). */
const FOLLOW_MS = 30_000;

/** The time span drawn and the samples in it: the latest burst of changes, led by the counts in force before it. */
function windowOf(s: RolloutSample[], now: number): { from: number; to: number; shown: RolloutSample[] } {
  let i = s.length - 1;
  while (i > 0 && s[i][0] - s[i - 1][0] < QUIET_MS) i--;
  const from = i > 0 ? Math.max(s[i - 1][0], s[i][0] - BEFORE_MS) : s[0][0];
  const last = s[s.length - 1][0];
  const to = Math.max(last, Math.min(now, last + FOLLOW_MS), from + 1000);
  const before = s[i - 1];
  return { from, to, shown: before ? [[from, before[1], before[2], before[3], before[4], before[5]], ...s.slice(i)] : s };
}

/** The chart and its legend for a Deployment with samples; undefined without any. */
export function rolloutChart(ctx: PanelContext, w: WorkloadView): HTMLElement | undefined {
  const all = w.rollout ?? [];
  if (!all.length) return undefined;
  const { L } = ctx;
  const last = all[all.length - 1];
  const { from: t0, to: t1, shown: s } = windowOf(all, ctx.control.t);
  const yMax = Math.max(1, ...s.flatMap((x) => x.slice(1, 5)));
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / yMax) * (H - PAD.top - PAD.bottom);
  const now = Object.fromEntries(SERIES.map((k, i) => [k, last[i + 1]])) as Record<(typeof SERIES)[number], number>;
  const label = L('pic.rollout', { name: w.name, span: fmtTime(t1 - t0), ...now });
  const pic = picture('rollout', W, H, label);
  pic.setAttribute('data-samples', String(all.length));
  pic.setAttribute('data-now', SERIES.map((k) => `${k}:${now[k]}`).join(','));
  const axis = (v: number) => svg('text', { className: 'pic-axis', x: PAD.left - 3, y: y(v) + 3, 'text-anchor': 'end', text: String(v) });
  pic.append(
    svg('path', { className: 'pic-grid', d: `M${PAD.left} ${y(0)} H${W - PAD.right} M${PAD.left} ${y(yMax)} H${W - PAD.right}` }),
    axis(0),
    axis(yMax),
    svg('text', { className: 'pic-axis', x: PAD.left, y: H - 3, text: fmtTime(t0) }),
    svg('text', { className: 'pic-axis', x: W - PAD.right, y: H - 3, 'text-anchor': 'end', text: fmtTime(t1) }),
  );
  // Revision changes: where the head manager started a new building auntie.
  s.forEach((p, i) => {
    if (i === 0 || p[5] === s[i - 1][5] || !p[5]) return;
    pic.append(
      svg('path', { className: 'pic-rev', d: `M${x(p[0])} ${PAD.top} V${y(0)}`, 'data-revision': p[5] }),
      svg('text', { className: 'pic-axis', x: x(p[0]) + 2, y: PAD.top + 8, text: `rev ${p[5]}` }),
    );
  });
  SERIES.forEach((k, i) => {
    // Equal counts would hide each other: each line sits a pixel apart.
    const off = (i - 1.5) * 1.2;
    pic.append(svg('path', { className: `pic-series ${k}`, 'data-series': k, 'data-points': s.length, d: stepPath(s, i + 1, x, (v) => y(v) + off, t1) }));
  });
  const legend = el('ul', { className: 'pic-legend' });
  for (const k of SERIES) legend.append(el('li', { 'data-series': k }, svgSwatch(k), el('span', { text: `${L(`pic.${k}`)} ${now[k]}` })));
  return el('figure', { className: 'rollout', 'data-kind': 'rollout', 'data-following': String(following(ctx, w)) }, pic, legend);
}

function stepPath(s: RolloutSample[], i: number, x: (t: number) => number, y: (v: number) => number, t1: number): string {
  let d = `M${x(s[0][0]).toFixed(1)} ${y(s[0][i]).toFixed(1)}`;
  for (const p of s.slice(1)) d += ` H${x(p[0]).toFixed(1)} V${y(p[i]).toFixed(1)}`;
  return `${d} H${x(t1).toFixed(1)}`;
}

const svgSwatch = (k: string) =>
  svg(
    'svg',
    { className: 'pic-swatch', 'data-pic': 'swatch', width: 18, height: 8, 'aria-hidden': 'true' },
    svg('path', { className: `pic-series ${k}`, d: 'M0 4 H18' }),
  );

/** Whether a Deployment's chart still follows the clock (its last change is recent). */
export const following = (ctx: PanelContext, w: WorkloadView) => {
  const last = w.rollout?.[w.rollout.length - 1];
  return !!last && ctx.control.t - last[0] < FOLLOW_MS;
};

/** Redraws the charts that follow the clock (called when time moves without their counts changing). */
export function followClock(ctx: PanelContext): void {
  for (const w of ctx.model.workloads.values()) {
    if (w.kind !== 'Deployment' || !w.rollout?.length) continue;
    const old = ctx.cardEls.get(w.id)?.querySelector('figure.rollout');
    if (!old || old.getAttribute('data-following') !== 'true') continue;
    const next = rolloutChart(ctx, w);
    if (next) old.replaceWith(next);
  }
}
