// Why a claim stays Pending (and a pod with it): the claim names a StorageClass the cluster does not
// have. The chain ends at `storageClassName` in the claim's manifest, or in the StatefulSet's
// volumeClaimTemplate that made it.
import { defineMessages, msgOf } from '../i18n/index';
import type { MessageIds } from '../manifest/types';
import { closest } from '../k8s/similar';
import type { Cluster } from './cluster';
import type { KObject } from './store';
import type { Explanation, ExplainStep } from './explain';
import { subjectOf, type Origin, type Sources } from './explain-sources';
import { both } from './explain-messages';
import { through } from './explain-workloads';
import { condition } from './podutil';
import { asArray, objOf } from '../k8s/guards';

const messages = defineMessages({
  'explain.claim.symptom': { en: 'Claim {claim} is Pending: no volume is bound to it', zh: 'PVC {claim} 处于 Pending：没有卷绑定给它' },
  'explain.claim.controller': {
    en: 'The persistentvolume-controller reported ProvisioningFailed: "{message}"',
    zh: 'persistentvolume-controller 报告 ProvisioningFailed："{message}"',
  },
  'explain.claim.controller.dorm': {
    en: 'Locker {claim} cannot be handed out: the dorm has no lockers of type "{storageClass}".',
    zh: '储物柜 {claim} 发不下来：宿舍没有“{storageClass}”这种储物柜。',
  },
  'explain.claim.line': {
    en: 'storageClassName "{storageClass}" names a StorageClass that does not exist (the cluster has: {classes})',
    zh: 'storageClassName "{storageClass}" 指向的 StorageClass 不存在（集群里有：{classes}）',
  },
  'explain.claim.line.dorm': { en: 'Ask for a type of locker the dorm has.', zh: '要一种宿舍里有的储物柜。' },
  'explain.claim.fix': { en: 'Use storageClassName "{storageClass}"', zh: '改用 storageClassName "{storageClass}"' },
  'explain.claim.pod.symptom': { en: 'Pod {pod} is Pending: its claim {claim} is not bound', zh: 'Pod {pod} 处于 Pending：它的 PVC {claim} 没有绑定' },
  'explain.claim.pod.scheduler': { en: 'The scheduler reported FailedScheduling: "{message}"', zh: '调度器报告 FailedScheduling："{message}"' },
  'explain.claim.pod.scheduler.dorm': {
    en: 'Room {pod} waits for its locker {claim} before it can move into a building.',
    zh: '宿舍 {pod} 要等到储物柜 {claim} 才能入住任何一栋楼。',
  },
});

const m = msgOf(messages);

/** A Pending claim's missing StorageClass: its name, the classes there are, and where the name is written. */
function missingClass(c: Cluster, src: Sources, pvc: KObject): { storageClass: string; classes: string[]; at: Partial<ExplainStep> } | undefined {
  const storageClass = pvc.spec?.storageClassName;
  if (pvc.status?.phase !== 'Pending' || typeof storageClass !== 'string' || !storageClass || c.get('StorageClass', undefined, storageClass)) return undefined;
  const classes = c.list('StorageClass').map((sc) => sc.metadata.name);
  return { storageClass, classes, at: src.within(claimOrigin(c, src, pvc), ['storageClassName']) };
}

/** The manifest that wrote the claim: the claim itself, or the StatefulSet template `<template>-<set>-<ordinal>` came from. */
function claimOrigin(c: Cluster, src: Sources, pvc: KObject): Origin | undefined {
  const ns = pvc.metadata.namespace;
  const own = src.find('PersistentVolumeClaim', ns, pvc.metadata.name);
  if (own) return { res: own, spec: ['spec'] };
  for (const set of c.list('StatefulSet', ns)) {
    const res = src.find('StatefulSet', ns, set.metadata.name);
    if (!res) continue;
    const templates = asArray(objOf(res.obj.spec).volumeClaimTemplates);
    const i = templates.findIndex((t) => numbered(pvc.metadata.name, `${String(objOf(objOf(t).metadata).name)}-${set.metadata.name}-`));
    if (i >= 0) return { res, spec: ['spec', 'volumeClaimTemplates', i, 'spec'] };
  }
  return undefined;
}

/** `name` is `prefix` followed by an ordinal. */
function numbered(name: string, prefix: string): boolean {
  return name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length));
}

function claimSteps(c: Cluster, pvc: KObject, miss: NonNullable<ReturnType<typeof missingClass>>): { steps: ExplainStep[]; fix?: Explanation['fix'] } {
  const claim = pvc.metadata.name;
  const { storageClass, classes } = miss;
  const event = [...c.events].reverse().find((e) => e.reason === 'ProvisioningFailed' && e.kind === 'PersistentVolumeClaim' && e.name === claim);
  const message = event?.message ?? `storageclass.storage.k8s.io "${storageClass}" not found`;
  const near = closest(storageClass, classes) ?? classes[0];
  return {
    steps: [
      { text: both(m('explain.claim.controller', { message })), dorm: both(m('explain.claim.controller.dorm', { claim, storageClass })) },
      { text: both(m('explain.claim.line', { storageClass, classes: classes.join(', ') || '-' })), dorm: both(m('explain.claim.line.dorm')), ...miss.at },
    ],
    ...(near ? { fix: { title: both(m('explain.claim.fix', { storageClass: near })) } } : {}),
  };
}

/** Claims Pending on a StorageClass that does not exist, and the pods waiting for them. */
export function explainStorage(c: Cluster, src: Sources): Explanation[] {
  const out: Explanation[] = [];
  const pending = new Map<string, Explanation>();
  for (const pvc of c.list('PersistentVolumeClaim')) {
    const miss = missingClass(c, src, pvc);
    if (!miss) continue;
    const claim = pvc.metadata.name;
    const e = {
      subject: subjectOf(pvc),
      symptom: both(m('explain.claim.symptom', { claim })),
      ...claimSteps(c, pvc, miss),
    };
    pending.set(`${pvc.metadata.namespace}/${claim}`, e);
    out.push(e);
  }
  for (const pod of c.list('Pod')) {
    const sched = condition(pod, 'PodScheduled');
    if (pod.status?.phase !== 'Pending' || sched?.status !== 'False' || !String(sched.message ?? '').includes('unbound immediate PersistentVolumeClaims'))
      continue;
    for (const v of Array.isArray(pod.spec?.volumes) ? pod.spec.volumes : []) {
      const claim = v?.persistentVolumeClaim?.claimName;
      const why = pending.get(`${pod.metadata.namespace}/${claim}`);
      if (!why) continue;
      const args = { pod: pod.metadata.name, claim: String(claim) };
      out.push({
        subject: subjectOf(pod),
        symptom: both(m('explain.claim.pod.symptom', args)),
        ...through(
          [{ text: both(m('explain.claim.pod.scheduler', { message: String(sched.message) })), dorm: both(m('explain.claim.pod.scheduler.dorm', args)) }],
          why,
        ),
      });
      break;
    }
  }
  return out;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
