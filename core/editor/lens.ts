// CodeLens and inlay hints: facts a learner would otherwise look up — how many pods a Service
// selects, which Services select a workload, the number a named targetPort resolves to, what a
// CPU quantity means.
import type { MessageIds, Range } from '../manifest/types';
import { rangeOf, type Resource } from '../manifest/parse';
import { defineMessages, msgOf, t, type Locale } from '../i18n/index';
import { containersOf, getAt, podTemplatePath, WORKLOAD_KINDS } from '../k8s/podspec';
import { isObj } from '../k8s/guards';
import { parseQuantity } from '../k8s/quantity';
import type { Workspace } from '../workspace/index';
import { selectedWorkloads, selectingServices } from './navigate';

export interface LensSpec {
  range: Range;
  title: string;
  /** What clicking does: show these locations, or run the simulate command on the file. */
  action: { type: 'references'; targets: { uri: string; range: Range }[] } | { type: 'simulate'; uri: string } | { type: 'none' };
}

export interface InlayHintSpec {
  position: Range['start'];
  label: string;
  tooltip?: string;
}

const messages = defineMessages({
  'lens.simulate': { en: '▶ Simulate', zh: '▶ 模拟' },
  'lens.podsMatch': { en: '{count} pod(s) match', zh: '匹配 {count} 个 Pod' },
  'lens.noPods': { en: 'no pods match', zh: '没有匹配的 Pod' },
  'lens.servicesSelect': { en: '{count} Service(s) select this', zh: '被 {count} 个 Service 选中' },
  'hint.targetPort': { en: 'the container port {name} of {who}', zh: '{who} 的容器端口 {name}' },
  'hint.cpu': { en: '{cores} CPU', zh: '{cores} 个 CPU' },
});

const msg = msgOf(messages);

/** Desired pod count of a workload (what "N pods match" counts), or 1 for a Pod. */
function podCount(r: Resource): number {
  if (r.kind === 'Pod') return 1;
  if (r.kind === 'DaemonSet' || r.kind === 'CronJob') return 1;
  if (r.kind === 'Job') {
    const p = getAt(r.obj, ['spec', 'parallelism']);
    return typeof p === 'number' ? p : 1;
  }
  const n = getAt(r.obj, ['spec', 'replicas']);
  return typeof n === 'number' && n >= 0 ? n : 1;
}

export interface LensOptions {
  locale: Locale;
  /** Offer "▶ Simulate" (only when the editor has the command). */
  simulate?: boolean;
}

export function codeLenses(ws: Workspace, uri: string, o: LensOptions): LensSpec[] {
  const file = ws.get(uri);
  if (!file || file.templated) return [];
  const out: LensSpec[] = [];
  for (const r of file.resources) {
    const isWorkload = WORKLOAD_KINDS.includes(r.kind) || r.kind === 'Pod';
    if (!isWorkload && r.kind !== 'Service') continue;
    const range = rangeOf(r, ['kind'], 'key');
    if (o.simulate) out.push({ range, title: t(msg('lens.simulate'), o.locale), action: { type: 'simulate', uri } });
    if (r.kind === 'Service') {
      if (!getAt(r.obj, ['spec', 'selector'])) continue;
      const sel = selectedWorkloads(ws, r);
      const count = sel.reduce((n, w) => n + podCount(w), 0);
      const targets = sel.map((w) => ({ uri: w.uri, range: rangeOf(w, [...(podTemplatePath(w.kind) ?? []), 'metadata', 'labels'], 'key') }));
      out.push({
        range,
        title: count ? t(msg('lens.podsMatch', { count }), o.locale) : t(msg('lens.noPods'), o.locale),
        action: { type: 'references', targets },
      });
    } else {
      const svcs = selectingServices(ws, r);
      if (!svcs.length) continue;
      out.push({
        range,
        title: t(msg('lens.servicesSelect', { count: svcs.length }), o.locale),
        action: { type: 'references', targets: svcs.map((s) => ({ uri: s.uri, range: rangeOf(s, ['spec', 'selector'], 'key') })) },
      });
    }
  }
  return out;
}

export function inlayHints(ws: Workspace, uri: string, range: Range, o: { locale: Locale }): InlayHintSpec[] {
  const file = ws.get(uri);
  if (!file || file.templated) return [];
  const out: InlayHintSpec[] = [];
  const inRange = (r: Range) => r.start.line >= range.start.line && r.start.line <= range.end.line;
  for (const r of file.resources) {
    // Named targetPorts → the number they resolve to in the selected pods.
    if (r.kind === 'Service') {
      const ports = getAt(r.obj, ['spec', 'ports']);
      if (!Array.isArray(ports)) continue;
      const selected = selectedWorkloads(ws, r);
      ports.forEach((p: unknown, i: number) => {
        if (!isObj(p) || typeof p.targetPort !== 'string') return;
        const vr = rangeOf(r, ['spec', 'ports', i, 'targetPort']);
        if (!inRange(vr)) return;
        const numbers = new Set<number>();
        let who = '';
        for (const w of selected)
          for (const c of containersOf(w)) {
            for (const cp of Array.isArray(c.container.ports) ? c.container.ports : []) {
              if (cp?.name === p.targetPort && typeof cp.containerPort === 'number') {
                numbers.add(cp.containerPort);
                who ||= `${w.kind}/${w.name}`;
              }
            }
          }
        if (numbers.size)
          out.push({ position: vr.end, label: ` → ${[...numbers].join(' | ')}`, tooltip: t(msg('hint.targetPort', { name: p.targetPort, who }), o.locale) });
      });
    }
    // CPU quantities in millicores → cores.
    for (const c of containersOf(r)) {
      for (const which of ['requests', 'limits']) {
        const v = getAt(c.container, ['resources', which, 'cpu']);
        if (typeof v !== 'string' || !v.endsWith('m')) continue;
        const cores = parseQuantity(v);
        if (cores === undefined) continue;
        const vr = rangeOf(r, [...c.path, 'resources', which, 'cpu']);
        if (inRange(vr)) out.push({ position: vr.end, label: ` = ${t(msg('hint.cpu', { cores: +cores.toPrecision(4) }), o.locale)}` });
      }
    }
  }
  return out;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
