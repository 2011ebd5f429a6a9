// HorizontalPodAutoscalers against the workspace: the scale target exists, and when the HPA
// scales on CPU or memory utilisation, every container of the target's pods requests that
// resource (utilisation is usage ÷ request; the controller reports "missing request for cpu").
import type { MessageIds, Path } from '../manifest/types';
import { rangeOf, type Resource } from '../manifest/parse';
import { defineMessages, msgOf } from '../i18n/index';
import { closestName } from '../k8s/similar';
import { nsOf } from '../k8s/identity';
import { containersOf, podSpecOf } from '../k8s/podspec';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { asArray, isObj, objOf, show } from './util';
import { scalarText } from '../k8s/guards';

const messages = defineMessages({
  'hpa-target-missing': {
    en: 'scaleTargetRef: there is no {kind} "{name}" in namespace "{namespace}" in the workspace: unless it is created another way, the HorizontalPodAutoscaler reports FailedGetScale and scales nothing.{hint}',
    zh: 'scaleTargetRef：工作区的命名空间 "{namespace}" 中没有 {kind} "{name}"：除非它通过其他方式创建，否则 HorizontalPodAutoscaler 会报 FailedGetScale，什么也不会扩缩。{hintZh}',
  },
  'analogy.hpa-target-missing': {
    en: 'The autoscaler is told to ask a head manager who does not work in this building for more rooms: nobody answers.',
    zh: '自动扩缩器被要求去找一位根本不在这栋楼上班的总管理员要房间：没人回应。',
  },
  'hpa-target-no-requests': {
    en: 'The HorizontalPodAutoscaler scales {target} on {resource} utilisation, but container(s) {containers} set no {resource} request: utilisation is usage divided by the request, so the controller reports "missing request for {resource}" (FailedGetResourceMetric) and does not scale. Set resources.requests.{resource} on every container.',
    zh: 'HorizontalPodAutoscaler 按 {resource} 利用率扩缩 {target}，但容器 {containers} 没有设置 {resource} 的 request：利用率是用量除以 request，所以控制器会报 "missing request for {resource}"（FailedGetResourceMetric），不会扩缩。请给每个容器设置 resources.requests.{resource}。',
  },
  'hpa-target-no-requests.related': { en: 'the {kind} whose containers set no request', zh: '这个 {kind} 的容器没有设置 request' },
  'analogy.hpa-target-no-requests': {
    en: 'The autoscaler judges how busy a room is by its use against its power limiter’s booking; a room that booked nothing cannot be said to be busy or idle.',
    zh: '自动扩缩器按房间用电量占限电器预订量的比例判断忙闲；一间什么都没预订的房间，无从判断忙还是闲。',
  },
});

const msg = msgOf(messages);

/** Kinds an HPA scales that the workspace can hold; custom kinds with a scale subresource are not judged. */
const SCALABLE: Record<string, string[]> = {
  Deployment: ['apps/v1'],
  StatefulSet: ['apps/v1'],
  ReplicaSet: ['apps/v1'],
  ReplicationController: ['v1'],
};

/** The resources the HPA computes utilisation of, with the path that asks for it. */
function utilisationTargets(res: Resource): { resource: string; path: Path; container?: string }[] {
  const spec = objOf(res.obj.spec);
  if (res.apiVersion === 'autoscaling/v1') {
    return spec.targetCPUUtilizationPercentage !== undefined ? [{ resource: 'cpu', path: ['spec', 'targetCPUUtilizationPercentage'] }] : [];
  }
  // autoscaling/v2 without metrics defaults to 80% average CPU utilisation.
  if (spec.metrics === undefined || spec.metrics === null) return [{ resource: 'cpu', path: ['spec', 'scaleTargetRef'] }];
  const out: { resource: string; path: Path; container?: string }[] = [];
  asArray(spec.metrics).forEach((m, i) => {
    if (!isObj(m)) return;
    const src = m.type === 'Resource' ? m.resource : m.type === 'ContainerResource' ? m.containerResource : undefined;
    if (!isObj(src) || (src.name !== 'cpu' && src.name !== 'memory') || objOf(src.target).type !== 'Utilization') return;
    const key = m.type === 'Resource' ? 'resource' : 'containerResource';
    out.push({ resource: src.name, path: ['spec', 'metrics', i, key, 'name'], container: key === 'containerResource' ? String(src.container) : undefined });
  });
  return out;
}

function check(res: Resource, ctx: RuleContext): void {
  const spec = objOf(res.obj.spec);
  const ref = spec.scaleTargetRef;
  if (!isObj(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string' || !SCALABLE[ref.kind]) return;
  if (typeof ref.apiVersion === 'string' && !SCALABLE[ref.kind].includes(ref.apiVersion)) return;
  const ns = nsOf(res);
  const target = ctx.ws.find(ref.kind, ref.name, ns)[0];
  if (!target) {
    const names = [...ctx.ws.byKind(ref.kind)].filter((r) => nsOf(r) === ns && r.name).map((r) => r.name!);
    const suggestion = closestName(ref.name, names);
    ctx.report(
      'hpa-target-missing',
      res,
      ['spec', 'scaleTargetRef', 'name'],
      msg('hpa-target-missing', {
        kind: ref.kind,
        name: show(ref.name),
        namespace: ns,
        hint: suggestion ? ` Did you mean "${suggestion}"?` : '',
        hintZh: suggestion ? `是不是想写 "${suggestion}"？` : '',
      }),
      { data: { kind: ref.kind, name: ref.name, namespace: ns, suggestion } },
    );
    return;
  }
  const podLevel = podSpecOf(target)?.spec.resources;
  const containers = containersOf(target).filter((c) => c.group === 'containers' || (c.group === 'initContainers' && c.container.restartPolicy === 'Always'));
  for (const t of utilisationTargets(res)) {
    const has = (m: unknown) => isObj(m) && m[t.resource] !== undefined && m[t.resource] !== null;
    if (isObj(podLevel) && (has(podLevel.requests) || has(podLevel.limits))) continue;
    const missing = containers
      .filter((c) => t.container === undefined || c.container.name === t.container)
      .filter((c) => !isObj(c.container.resources) || (!has(c.container.resources.requests) && !has(c.container.resources.limits)))
      .map((c) => scalarText(c.container.name ?? `${c.group}[${c.index}]`));
    if (!missing.length) continue;
    ctx.report(
      'hpa-target-no-requests',
      res,
      t.path,
      msg('hpa-target-no-requests', {
        target: `${target.kind} "${target.name ?? '?'}"`,
        resource: t.resource,
        containers: missing.map((n) => `"${show(n, 40)}"`).join(', '),
      }),
      {
        related: [
          {
            uri: target.uri,
            range: rangeOf(target, containersOf(target)[0]?.path ?? ['kind'], 'key'),
            message: msg('hpa-target-no-requests.related', { kind: target.kind }),
          },
        ],
        data: { resource: t.resource, target: target.name ?? '', containers: missing },
      },
    );
  }
}

const rules = [
  {
    code: 'hpa-target-missing',
    severity: 'warning',
    crossResource: true,
    title: { en: 'HorizontalPodAutoscaler target not in the workspace', zh: 'HorizontalPodAutoscaler 的目标不在工作区中' },
  },
  {
    code: 'hpa-target-no-requests',
    severity: 'warning',
    crossResource: true,
    title: { en: 'HPA scales on utilisation of a resource its target does not request', zh: 'HPA 按利用率扩缩，但目标没有设置对应的 request' },
  },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type AutoscalingCode = (typeof rules)[number]['code'];

export const autoscalingRules: RuleModule = {
  rules,
  check(res, ctx) {
    if (res.kind === 'HorizontalPodAutoscaler' && /^autoscaling\//.test(res.apiVersion) && isObj(res.obj)) check(res, ctx);
  },
};

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
