// Why a Service does not answer: its selector matches no pod (naming the label that differs), some
// of its pods are not Ready (down to one of them, with that pod's chain), or its targetPort is a
// port nothing in its pods listens on.
import { formatSelector, selectorMatches } from '../k8s/labels';
import { isObj } from '../k8s/guards';
import { closest } from '../k8s/similar';
import type { Cluster } from './cluster';
import type { KObject } from './store';
import type { Explanation, ExplainStep } from './explain';
import { subjectOf, type Sources } from './explain-sources';
import { both, explainMsg as m, joined } from './explain-messages';
import type { Kubelet } from './controllers/kubelet';
import { brokenPod, through } from './explain-workloads';
import type { ServicePort } from '../k8s/types';

export function explainService(c: Cluster, src: Sources, svc: KObject): Explanation | undefined {
  const sel = svc.spec?.selector;
  if (!isObj(sel) || !Object.keys(sel).length || svc.spec?.type === 'ExternalName') return undefined;
  const pods = c.list('Pod', svc.metadata.namespace).filter((p) => !p.metadata.deletionTimestamp);
  const matching = pods.filter((p) => selectorMatches(sel, p.metadata.labels ?? {}, true));
  if (!matching.length) return noPods(src, svc, sel as Record<string, string>, pods);
  return tooFew(c, src, svc, matching) ?? refused(c, src, svc, matching);
}

/** Some of the Service's pods are not Ready, so its address book lists fewer rooms than it selects. */
function tooFew(c: Cluster, src: Sources, svc: KObject, pods: KObject[]): Explanation | undefined {
  const bad = brokenPod(c, src, pods);
  if (!bad) return undefined;
  const ep = c.get('Endpoints', svc.metadata.namespace, svc.metadata.name);
  const ready = new Set<string>();
  for (const sub of Array.isArray(ep?.subsets) ? ep.subsets : [])
    for (const a of sub?.addresses ?? []) if (a?.targetRef?.name) ready.add(String(a.targetRef.name));
  const args = { service: svc.metadata.name, pod: bad.pod.metadata.name, ready: ready.size, total: pods.length };
  return {
    subject: subjectOf(svc),
    symptom: both(m('explain.few.symptom', args)),
    ...through([{ text: joined(both(m('explain.few.endpoints', args)), bad.why.symptom), dorm: both(m('explain.few.endpoints.dorm', args)) }], bad.why),
  };
}

function at(src: Sources, svc: KObject, path: (string | number)[]): Partial<ExplainStep> {
  const res = src.find('Service', svc.metadata.namespace, svc.metadata.name);
  return res ? src.at(res, path) : {};
}

/** The selector label that differs on the pod closest to matching (fewest differing labels). */
function nearest(sel: Record<string, string>, pods: KObject[]): { pod: KObject; key: string } | undefined {
  let best: { pod: KObject; key: string; n: number } | undefined;
  for (const pod of pods) {
    const labels = pod.metadata.labels ?? {};
    const differ = Object.keys(sel).filter((k) => labels[k] !== String(sel[k]));
    if (differ.length && (!best || differ.length < best.n)) best = { pod, key: differ[0], n: differ.length };
  }
  return best;
}

function noPods(src: Sources, svc: KObject, sel: Record<string, string>, pods: KObject[]): Explanation {
  const service = svc.metadata.name;
  const near = nearest(sel, pods);
  const key = near?.key ?? Object.keys(sel)[0];
  const wanted = String(sel[key]);
  const steps: ExplainStep[] = [
    {
      text: both(m('explain.selector.none', { selector: formatSelector(sel, true), namespace: svc.metadata.namespace ?? 'default' })),
      dorm: both(m('explain.selector.none.dorm', { service })),
    },
  ];
  const dorm = both(m('explain.selector.line.dorm', { key, wanted }));
  let fix: Explanation['fix'];
  if (!near) steps.push({ text: both(m('explain.selector.absent', { key, wanted })), dorm, ...at(src, svc, ['spec', 'selector', key]) });
  else {
    const labels: Record<string, string> = near.pod.metadata.labels ?? {};
    const pod = near.pod.metadata.name;
    if (key in labels) {
      const actual = labels[key];
      const similar = closest(wanted, [actual]);
      const hint = similar ? both(m('explain.selector.hint', { name: similar })) : { en: '', zh: '' };
      const text = (l: 'en' | 'zh') => both(m('explain.selector.value', { pod, key, actual, wanted, hint: hint[l] }))[l];
      steps.push({ text: { en: text('en'), zh: text('zh') }, dorm, ...at(src, svc, ['spec', 'selector', key]) });
      fix = { title: both(m('explain.selector.fix', { key, value: actual })) };
    } else {
      const similar = closest(key, Object.keys(labels));
      const hint = similar ? both(m('explain.selector.hint', { name: similar })) : { en: '', zh: '' };
      const list = Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      const text = (l: 'en' | 'zh') => both(m('explain.selector.key', { pod, key, labels: list || '-', hint: hint[l] }))[l];
      steps.push({ text: { en: text('en'), zh: text('zh') }, dorm, ...at(src, svc, ['spec', 'selector', key]) });
      if (similar) fix = { title: both(m('explain.selector.fix', { key: similar, value: wanted })) };
    }
  }
  return { subject: subjectOf(svc), symptom: both(m('explain.selector.symptom', { service })), steps, ...(fix ? { fix } : {}) };
}

/** The port a Service port's targetPort names on a pod (a number, a container port's name, or the port itself). */
function resolve(sp: ServicePort | undefined, pod: KObject): number | undefined {
  const tp = sp?.targetPort ?? sp?.port;
  if (typeof tp === 'number') return tp;
  if (typeof tp === 'string' && /^\d+$/.test(tp)) return Number(tp);
  for (const ctr of pod.spec?.containers ?? []) for (const p of ctr?.ports ?? []) if (p?.name === tp) return Number(p.containerPort);
  return undefined;
}

function refused(c: Cluster, src: Sources, svc: KObject, pods: KObject[]): Explanation | undefined {
  const kubelet = c.hook<Kubelet | undefined>('kubelet');
  if (!kubelet) return undefined;
  const ports: ServicePort[] = Array.isArray(svc.spec?.ports) ? svc.spec.ports : [];
  const service = svc.metadata.name;
  for (let i = 0; i < ports.length; i++) {
    for (const pod of pods) {
      if (pod.status?.phase !== 'Running') continue;
      const listens = kubelet.listens(pod);
      const port = resolve(ports[i], pod);
      if (!listens?.length || port === undefined || listens.includes(port)) continue;
      const args = { service, pod: pod.metadata.name, port, listens: listens.join(', ') };
      const field = ports[i]?.targetPort !== undefined ? 'targetPort' : 'port';
      return {
        subject: subjectOf(svc),
        symptom: both(m('explain.port.symptom', { service, port })),
        steps: [
          { text: both(m('explain.port.refused', args)), dorm: both(m('explain.port.refused.dorm', args)) },
          {
            text: both(m('explain.port.line', { target: String(ports[i]?.targetPort ?? ports[i]?.port), port })),
            dorm: both(m('explain.port.line.dorm')),
            ...at(src, svc, ['spec', 'ports', i, field]),
          },
        ],
        fix: { title: both(m('explain.port.fix', { port: listens[0] })) },
      };
    }
  }
  return undefined;
}
