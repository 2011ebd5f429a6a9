// A Service whose targetPort lands on a container that listens on nothing, or on another port,
// judged from the well-known images' facts (core/k8s/images.ts, the same the simulator uses):
// busybox behind port 80 is the course's chapter 3 gotcha. Only Docker Hub official images are
// judged; unknown images, and known images given a command that may change what they serve, are not.
import type { MessageIds, Path } from '../manifest/types';
import { rangeOf, type Resource } from '../manifest/parse';
import { defineMessages, msgOf } from '../i18n/index';
import { officialImagePorts } from '../k8s/images';
import { nsOf, isCoreKind } from '../k8s/identity';
import { containersOf, getAt, podTemplatePath, type ContainerRef } from '../k8s/podspec';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { refIndex, type PodSource } from './refs-index';
import { asArray, isObj, show } from './util';

const messages = defineMessages({
  'service-target-not-listening.shell': {
    en: 'Service "{service}" sends port {port} to port {target} of {kind} "{name}", but container "{container}" runs "{image}", a shell image that listens on no port: it only runs its command. Connections are refused and the Service has nothing to reach. Run a server in it, or point the Service at the container that serves.',
    zh: 'Service "{service}" 把端口 {port} 转发到 {kind} "{name}" 的端口 {target}，但容器 "{container}" 运行的是 "{image}"，这是一个不监听任何端口的 shell 镜像：它只执行自己的命令。连接会被拒绝，Service 无处可达。请在里面运行一个服务器，或把 Service 指向真正提供服务的容器。',
  },
  'service-target-not-listening.none': {
    en: 'Service "{service}" sends port {port} to port {target} of {kind} "{name}", but container "{container}" runs "{image}", which listens on no port. Connections are refused.',
    zh: 'Service "{service}" 把端口 {port} 转发到 {kind} "{name}" 的端口 {target}，但容器 "{container}" 运行的 "{image}" 不监听任何端口。连接会被拒绝。',
  },
  'service-target-not-listening.other': {
    en: 'Service "{service}" sends port {port} to port {target} of {kind} "{name}", but container "{container}" runs "{image}", which listens on {listens}, not {target}. Connections are refused: make the server listen on {target}, or send the Service to {listens} (targetPort and containerPort).',
    zh: 'Service "{service}" 把端口 {port} 转发到 {kind} "{name}" 的端口 {target}，但容器 "{container}" 运行的 "{image}" 监听的是 {listens}，不是 {target}。连接会被拒绝：要么让服务器监听 {target}，要么把 Service 指向 {listens}（targetPort 和 containerPort 一起改）。',
  },
  'service-target-not-listening.related': { en: 'container "{container}" (image "{image}")', zh: '容器 "{container}"（镜像 "{image}"）' },
  'analogy.service-target-not-listening': {
    en: 'The take-out dispatch centre sends orders to a window nobody in the room ever opens: the rider knocks and no one answers.',
    zh: '外卖调度中心把订单送到房间里没人开的那扇窗：骑手敲了半天也没人应。',
  },
});

const msg = msgOf(messages);

/** A command that may start a listener in a shell image (busybox httpd, nc -l, python's http.server, ...). */
const MAY_LISTEN = /httpd|\bnc\b|netcat|socat|http\.server|SimpleHTTPServer|listen|serve|\b(python|node|ruby|php|java)\b/i;

interface Facts {
  listens: number[];
  shell: boolean;
}

/** What a container listens on, or undefined when it cannot be known from the manifest. */
function listeningFacts(c: Record<string, unknown>, annotations: unknown): Facts | undefined {
  const ann = isObj(annotations) ? annotations : {};
  const a = ann[`kube-dorm.dev/listen.${String(c.name)}`] ?? ann['kube-dorm.dev/listen'];
  if (typeof a === 'string')
    return {
      listens: a
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number)
        .filter(Number.isFinite),
      shell: false,
    };
  if (typeof c.image !== 'string') return undefined;
  const p = officialImagePorts(c.image);
  if (!p) return undefined;
  const cmd = [...asArray(c.command), ...asArray(c.args)].map(String).join(' ');
  if (p.shell) return MAY_LISTEN.test(cmd) ? undefined : { listens: [], shell: true };
  // A server image given its own command or arguments may serve elsewhere.
  return cmd.trim() ? undefined : { listens: p.listens, shell: false };
}

/** The target port number in one pod source and the containers it can land on. */
function targets(s: PodSource, tp: number | string): { port: number; candidates: ContainerRef[] } | undefined {
  const refs = containersOf(s.res).filter((r) => r.group === 'containers' || (r.group === 'initContainers' && r.container.restartPolicy === 'Always'));
  if (typeof tp === 'string') {
    for (const r of refs) {
      const p = asArray(r.container.ports).find((x) => isObj(x) && x.name === tp);
      if (isObj(p) && typeof p.containerPort === 'number') return { port: p.containerPort, candidates: [r] };
    }
    return undefined; // service-target-port speaks
  }
  const declaring = refs.filter((r) => asArray(r.container.ports).some((x) => isObj(x) && x.containerPort === tp));
  // Pods that declare ports but not this one: service-target-port already says so.
  if (!declaring.length && refs.some((r) => asArray(r.container.ports).length)) return undefined;
  return { port: tp, candidates: declaring.length ? declaring : refs };
}

function check(res: Resource, ctx: RuleContext): void {
  const spec = res.obj?.spec;
  if (!isObj(spec) || !isObj(spec.selector) || !Object.keys(spec.selector).length || !Array.isArray(spec.ports)) return;
  if (spec.type === 'ExternalName') return;
  const selector = spec.selector;
  const matched = refIndex(ctx.ws).selectedBy(nsOf(res), selector);
  spec.ports.forEach((p: unknown, i: number) => {
    if (!isObj(p) || typeof p.port !== 'number') return;
    const explicit = p.targetPort !== undefined && p.targetPort !== null && p.targetPort !== 0;
    const tp = explicit ? p.targetPort : p.port;
    if (typeof tp !== 'number' && (typeof tp !== 'string' || /^\d*$/.test(tp))) return;
    const path: Path = ['spec', 'ports', i, explicit ? 'targetPort' : 'port'];
    for (const s of matched) {
      const t = targets(s, tp);
      const tpl = podTemplatePath(s.res.kind);
      if (!t || !t.candidates.length || !tpl) continue;
      const annotations = getAt(s.res.obj, [...tpl, 'metadata', 'annotations']);
      const facts = t.candidates.map((r) => ({ r, f: listeningFacts(r.container, annotations) }));
      if (facts.some((x) => !x.f || x.f.listens.includes(t.port))) continue;
      const { r, f } = facts[0];
      const listens = [...new Set(facts.flatMap((x) => x.f!.listens))];
      const id = f!.shell ? 'shell' : f!.listens.length ? 'other' : 'none';
      const args = {
        service: res.name ?? '?',
        port: p.port,
        target: t.port,
        kind: s.res.kind,
        name: s.res.name ?? '?',
        container: show(r.container.name ?? '?', 60),
        image: show(r.container.image, 80),
        listens: f!.listens.join(', '),
      };
      ctx.report('service-target-not-listening', res, path, msg(`service-target-not-listening.${id}`, args), {
        related: [{ uri: s.res.uri, range: rangeOf(s.res, [...r.path, 'image']), message: msg('service-target-not-listening.related', args) }],
        data: { listens },
      });
      return;
    }
  });
}

const rules = [
  {
    code: 'service-target-not-listening',
    severity: 'warning',
    crossResource: true,
    title: { en: "Service targets a port the container's image does not listen on", zh: 'Service 指向的端口，容器镜像并没有监听' },
  },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type ListeningCode = (typeof rules)[number]['code'];

export const listeningRules: RuleModule = {
  rules,
  check(res, ctx) {
    if (isCoreKind(res, 'Service')) check(res, ctx);
  },
};

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
