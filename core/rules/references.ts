// References by name between resources: a StatefulSet's governing Service (which must be
// headless), PersistentVolumeClaims used as volumes, and the same object defined twice.
import type { MessageIds, RelatedInfo } from '../manifest/types';
import { rangeOf, type Resource } from '../manifest/parse';
import { defineMessages, msgOf } from '../i18n/index';
import { getAt, podLabelsOf, podSpecOf } from '../k8s/podspec';
import { volumeRefs } from '../k8s/podrefs';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { groupOf, identityOf, isClusterScoped, nsOf } from '../k8s/identity';
import { refIndex, refsMsg } from './refs-index';
import { asArray } from '../k8s/guards';

const messages = defineMessages({
  'statefulset-service-missing': {
    en: 'StatefulSet "{name}" names serviceName "{service}", but there is no Service "{service}" in namespace "{namespace}" in the workspace. Without this headless Service its pods get no stable DNS names such as {example}.',
    zh: 'StatefulSet "{name}" 的 serviceName 是 "{service}"，但工作区中命名空间 "{namespace}" 里没有名为 "{service}" 的 Service。没有这个 headless Service，它的 Pod 就没有稳定的 DNS 名字（例如 {example}）。',
  },
  'analogy.statefulset-service-missing': {
    en: "The counsellors' rooms have fixed door numbers, but the directory board at the entrance that lists them was never put up, so nobody can find room 0 by name.",
    zh: '辅导员的房间有固定门牌号，可门口列出这些门牌的楼层索引牌从来没挂出来，没人能按名字找到 0 号房间。',
  },
  'statefulset-service-not-headless': {
    en: 'Service "{service}" is not headless (it lacks clusterIP: None), yet StatefulSet "{name}" uses it as its serviceName. Only a headless Service gives each pod its own DNS name, such as {example}; a normal Service hides all pods behind one virtual IP.',
    zh: 'Service "{service}" 不是 headless 的（缺少 clusterIP: None），但 StatefulSet "{name}" 把它用作 serviceName。只有 headless Service 才会给每个 Pod 一个自己的 DNS 名字（例如 {example}）；普通 Service 会把所有 Pod 藏在同一个虚拟 IP 后面。',
  },
  'analogy.statefulset-service-not-headless': {
    en: 'The counsellors need a directory listing each fixed room number, but this dispatch centre only has one shared front desk, so you can never ask for counsellor 0 by name.',
    zh: '辅导员们需要一块列出每个固定门牌号的索引牌，可这个调度中心只有一个公用前台，你永远没法点名找 0 号辅导员。',
  },
  'pvc-missing': {
    en: 'persistentvolumeclaim "{claim}" not found: there is no PersistentVolumeClaim "{claim}" in namespace "{namespace}" in the workspace. Unless it is created another way, the pod stays Pending and is never scheduled.',
    zh: 'persistentvolumeclaim "{claim}" not found：工作区中命名空间 "{namespace}" 里没有名为 "{claim}" 的 PersistentVolumeClaim。除非它通过其他方式创建，否则 Pod 会一直处于 Pending，无法被调度。',
  },
  'analogy.pvc-missing': {
    en: 'The roommate is given the number of a storage locker that nobody ever rented, so there is nothing to open.',
    zh: '舍友拿到一个储物柜号码，可这个柜子从来没人租过，根本打不开。',
  },
  'duplicate-resource': {
    en: '{kind} "{name}" is defined {count} times in namespace "{namespace}" in the workspace: they are one object in the cluster, so whichever is applied last overwrites the others.',
    zh: '{kind} "{name}" 在工作区的命名空间 "{namespace}" 中定义了 {count} 次：在集群里它们是同一个对象，最后 apply 的那份会覆盖其他的。',
  },
  'duplicate-resource.cluster': {
    en: '{kind} "{name}" is defined {count} times in the workspace ({kind} is cluster-scoped, namespaces do not tell them apart): whichever is applied last overwrites the others.',
    zh: '{kind} "{name}" 在工作区中定义了 {count} 次（{kind} 是集群级资源，命名空间无法区分它们）：最后 apply 的那份会覆盖其他的。',
  },
  'analogy.duplicate-resource': {
    en: 'Two registration forms for the same room number: the dorm office keeps only the one handed in last.',
    zh: '同一个房间号交了两份登记表：楼管办只保留最后交上来的那一份。',
  },
  'refs.related.defined-here': {
    en: '{kind} "{name}" is defined here',
    zh: '{kind} "{name}" 在这里定义',
  },
  'refs.related.duplicate': {
    en: 'another definition of {kind} "{name}"',
    zh: '{kind} "{name}" 的另一份定义',
  },
});

const msg = msgOf(messages);

function nameHints(res: Resource, ctx: RuleContext, kind: 'Service' | 'PersistentVolumeClaim', name: string): { related: RelatedInfo[]; suggestion?: string } {
  const names = refIndex(ctx.ws).namesOf(kind);
  const ns = nsOf(res);
  const related: RelatedInfo[] = [];
  const suggestion = refIndex(ctx.ws).suggest(kind, ns, name);
  if (suggestion) {
    const r = names.get(ns)!.get(suggestion)!;
    related.push({ uri: r.uri, range: rangeOf(r, ['metadata', 'name']), message: refsMsg('refs.related.did-you-mean', { kind, name: suggestion }) });
  }
  for (const [otherNs, byName] of names) {
    if (otherNs === ns || related.length >= 4) continue;
    const r = byName.get(name);
    if (r)
      related.push({
        uri: r.uri,
        range: rangeOf(r, ['metadata', 'name']),
        message: refsMsg('refs.related.other-namespace', { kind, name, namespace: otherNs }),
      });
  }
  return { related, suggestion };
}

function checkStatefulSet(res: Resource, ctx: RuleContext): void {
  if (res.kind !== 'StatefulSet' || groupOf(res) !== 'apps') return;
  const service = getAt(res.obj, ['spec', 'serviceName']);
  if (typeof service !== 'string' || service === '') return;
  const ns = nsOf(res);
  const example = `${res.name ?? 'web'}-0.${service}.${ns}.svc.cluster.local`;
  const found = refIndex(ctx.ws).findServices(ns, service);
  if (found.length === 0) {
    const { related, suggestion } = nameHints(res, ctx, 'Service', service);
    ctx.report(
      'statefulset-service-missing',
      res,
      ['spec', 'serviceName'],
      msg('statefulset-service-missing', { name: res.name ?? '?', service, namespace: ns, example }),
      {
        related,
        data: { service, namespace: ns, statefulSet: res.name, selector: podLabelsOf(res) ?? {}, suggestion },
      },
    );
    return;
  }
  if (found.some((s) => getAt(s.obj, ['spec', 'clusterIP']) === 'None')) return;
  const svc = found[0];
  const hasClusterIP = getAt(svc.obj, ['spec', 'clusterIP']) !== undefined;
  ctx.report(
    'statefulset-service-not-headless',
    res,
    ['spec', 'serviceName'],
    msg('statefulset-service-not-headless', { name: res.name ?? '?', service, example }),
    {
      related: found.slice(0, 3).map((s) => ({
        uri: s.uri,
        range: hasClusterIP ? rangeOf(s, ['spec', 'clusterIP']) : rangeOf(s, ['metadata', 'name']),
        message: msg('refs.related.defined-here', { kind: 'Service', name: service }),
      })),
      data: { service, namespace: ns, serviceUri: svc.uri },
    },
  );
}

function checkClaims(res: Resource, ctx: RuleContext): void {
  const ps = podSpecOf(res);
  if (!ps) return;
  const ns = nsOf(res);
  const idx = refIndex(ctx.ws);
  // The StatefulSet controller replaces a pod volume named like a volumeClaimTemplate with the
  // claim it makes for each pod (<template>-<statefulset>-<ordinal>): such a volume is no reference.
  const templated = new Set<string>();
  const vcts = res.kind === 'StatefulSet' ? getAt(res.obj, ['spec', 'volumeClaimTemplates']) : undefined;
  for (const t of asArray(vcts)) {
    const name = getAt(t, ['metadata', 'name']);
    if (typeof name === 'string') templated.add(name);
  }
  for (const ref of volumeRefs(ps.spec, ps.path)) {
    if (ref.kind !== 'PersistentVolumeClaim' || (ref.volume !== undefined && templated.has(ref.volume))) continue;
    if (idx.findClaim(ns, ref.name)) continue;
    const { related, suggestion } = nameHints(res, ctx, 'PersistentVolumeClaim', ref.name);
    ctx.report('pvc-missing', res, ref.namePath, msg('pvc-missing', { claim: ref.name, namespace: ns }), {
      related,
      data: { name: ref.name, namespace: ns, suggestion },
    });
  }
}

function checkDuplicate(res: Resource, ctx: RuleContext): void {
  const id = identityOf(res);
  if (!id) return;
  const list = refIndex(ctx.ws).identities().get(id);
  if (!list || list.length < 2) return;
  const cluster = isClusterScoped(res);
  const others = list.filter((r) => r !== res);
  ctx.report(
    'duplicate-resource',
    res,
    ['metadata', 'name'],
    msg(cluster ? 'duplicate-resource.cluster' : 'duplicate-resource', { kind: res.kind, name: res.name ?? '?', namespace: nsOf(res), count: list.length }),
    {
      related: others
        .slice(0, 5)
        .map((r) => ({ uri: r.uri, range: rangeOf(r, ['metadata', 'name']), message: msg('refs.related.duplicate', { kind: r.kind, name: r.name ?? '?' }) })),
      data: { kind: res.kind, namespace: cluster ? undefined : nsOf(res), name: res.name, others: others.map((r) => r.uri) },
    },
  );
}

const rules = [
  {
    code: 'statefulset-service-missing',
    severity: 'warning',
    crossResource: true,
    title: { en: 'StatefulSet serviceName names no Service in the workspace', zh: 'StatefulSet 的 serviceName 在工作区中找不到对应的 Service' },
  },
  {
    code: 'statefulset-service-not-headless',
    severity: 'warning',
    crossResource: true,
    title: { en: 'StatefulSet Service is not headless', zh: 'StatefulSet 使用的 Service 不是 headless 的' },
  },
  {
    code: 'pvc-missing',
    severity: 'warning',
    crossResource: true,
    title: { en: 'PersistentVolumeClaim not in the workspace', zh: '引用的 PersistentVolumeClaim 不在工作区中' },
  },
  {
    code: 'duplicate-resource',
    severity: 'warning',
    crossResource: true,
    title: { en: 'Same kind/namespace/name defined twice', zh: '同一 kind/命名空间/名称被定义了两次' },
  },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type ReferencesCode = (typeof rules)[number]['code'];

export const referencesModule: RuleModule = {
  rules,
  check(res, ctx) {
    checkStatefulSet(res, ctx);
    checkClaims(res, ctx);
    checkDuplicate(res, ctx);
  },
};

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
