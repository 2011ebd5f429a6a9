// Services across the workspace: does the selector find any pods, does targetPort name a port
// those pods declare, and are nodePorts in range, allowed by the type and not taken twice.
import type { MessageIds, Path, RelatedInfo } from '../manifest/types';
import { rangeOf, type Resource } from '../manifest/parse';
import { defineMessages, msgOf } from '../i18n/index';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { isObj } from '../k8s/guards';
import { isCoreKind, nsOf } from '../k8s/identity';
import { NODE_PORT_MAX, NODE_PORT_MIN, serviceType, suggestNodePort } from '../k8s/service';
import { refIndex, serviceSelects, type PodSource } from './refs-index';
import { formatLabels } from './util';
import { scalarText } from '../k8s/guards';

const messages = defineMessages({
  'service-no-match': {
    en: 'Service "{name}" selects pods with {selector}, but no Pod or pod template in namespace "{namespace}" of the workspace carries these labels: the Service would have no endpoints and every request to it fails.',
    zh: 'Service "{name}" 的 selector 是 {selector}，但工作区中命名空间 "{namespace}" 里没有任何 Pod 或 Pod 模板带有这些标签：这个 Service 将没有任何 endpoints，发给它的请求都会失败。',
  },
  'analogy.service-no-match': {
    en: 'The take-out dispatch centre delivers to rooms with this door sign, but no room in the building carries it, so every order goes nowhere.',
    zh: '外卖调度中心只给挂着这个门牌的宿舍送餐，可楼里没有一间宿舍挂这个门牌，所有订单都送不出去。',
  },
  'service-target-port': {
    en: 'targetPort {port} matches no containerPort of the pods this Service selects ({pods}); they declare {declared}. Traffic would be sent to a port nobody listens on.',
    zh: 'targetPort {port} 与此 Service 选中的 Pod（{pods}）的任何 containerPort 都不匹配；它们声明的端口是 {declared}。流量会被送到一个没人监听的端口。',
  },
  'service-target-port.default': {
    en: "This port has no targetPort, so it defaults to port {port}, which matches no containerPort of the pods this Service selects ({pods}); they declare {declared}. Set targetPort to the container's port.",
    zh: '这个端口没有写 targetPort，所以默认等于 port {port}，但它与此 Service 选中的 Pod（{pods}）的任何 containerPort 都不匹配；它们声明的端口是 {declared}。请把 targetPort 设为容器的端口。',
  },
  'service-target-port.named': {
    en: 'targetPort "{port}" names no port of the pods this Service selects ({pods}): no endpoint gets this port. They declare {declared}.',
    zh: 'targetPort "{port}" 这个端口名在此 Service 选中的 Pod（{pods}）中不存在：没有任何 endpoint 会获得这个端口。它们声明的端口是 {declared}。',
  },
  'service-target-port.protocol': {
    en: 'targetPort "{port}" is declared by the selected pods ({pods}) with protocol {podProtocol}, but this Service port uses {protocol}: a named port only matches the same protocol.',
    zh: '选中的 Pod（{pods}）声明的端口 "{port}" 使用 {podProtocol} 协议，而这个 Service 端口用的是 {protocol}：命名端口只和相同协议的端口匹配。',
  },
  'service-target-port.undeclared': {
    en: 'targetPort "{port}" is a port name, but the pods this Service selects ({pods}) declare no ports, so the name cannot be resolved. Declare it under the container\'s ports, or use the port number.',
    zh: 'targetPort "{port}" 是一个端口名，但此 Service 选中的 Pod（{pods}）没有声明任何端口，这个名字无法解析。请在容器的 ports 中声明它，或直接写端口号。',
  },
  'analogy.service-target-port': {
    en: 'The dispatch centre hands the take-out in at a window of the room that the roommates never open, so nobody picks it up.',
    zh: '调度中心把外卖送到宿舍的一个窗口，可舍友们从不开那个窗口，没人去取。',
  },
  'node-port-range': {
    en: 'spec.ports[{index}].nodePort: Invalid value: {port}: provided port is not in the valid range. The range of valid ports is 30000-32767 (for example {suggested}, which no Service in the workspace uses).',
    zh: 'spec.ports[{index}].nodePort：无效值 {port}：端口不在有效范围内（provided port is not in the valid range）。有效范围是 30000-32767，可以改用例如 {suggested}（工作区中还没有 Service 使用它）。',
  },
  'analogy.node-port-range': {
    en: 'Side doors of the dorm buildings are only numbered 30000 to 32767; a side door with another number does not exist.',
    zh: '宿舍楼的侧门只编号 30000 到 32767，别的号码的侧门根本不存在。',
  },
  'node-port-type': {
    en: "spec.ports[{index}].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'. Set `type: NodePort` (or LoadBalancer) to open port {port} on every node, or remove nodePort.",
    zh: "spec.ports[{index}].nodePort：禁止：`type` 为 'ClusterIP' 时不能使用 nodePort。要在每个节点上开放端口 {port}，请设置 `type: NodePort`（或 LoadBalancer）；否则删除 nodePort。",
  },
  'node-port-type.default': {
    en: "spec.ports[{index}].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'. This Service has no type, and type defaults to ClusterIP: add `type: NodePort` to open port {port} on every node, or remove nodePort.",
    zh: "spec.ports[{index}].nodePort：禁止：`type` 为 'ClusterIP' 时不能使用 nodePort。这个 Service 没有写 type，而 type 默认就是 ClusterIP：要在每个节点上开放端口 {port}，请加上 `type: NodePort`；否则删除 nodePort。",
  },
  'analogy.node-port-type': {
    en: 'A ClusterIP Service is a dispatch centre inside the campus only: it has no side door to number.',
    zh: 'ClusterIP 类型的 Service 是只在校园内部服务的调度中心，它根本没有侧门可以编号。',
  },
  'node-port-duplicate': {
    en: 'spec.ports[{index}].nodePort: Invalid value: {port}: provided port is already allocated. Service "{other}" (namespace "{otherNamespace}") claims nodePort {port} too; node ports are shared by the whole cluster, whatever the namespace or protocol.',
    zh: 'spec.ports[{index}].nodePort：无效值 {port}：端口已被占用（provided port is already allocated）。Service "{other}"（命名空间 "{otherNamespace}"）也声明了 nodePort {port}；节点端口在整个集群范围内共享，与命名空间和协议无关。',
  },
  'node-port-duplicate.same-service': {
    en: 'spec.ports[{index}].nodePort: Duplicate value: {port}: port {first} of this Service already uses nodePort {port}/{protocol}.',
    zh: 'spec.ports[{index}].nodePort：重复的值 {port}：这个 Service 的第 {first} 个端口已经使用了 nodePort {port}/{protocol}。',
  },
  'analogy.node-port-duplicate': {
    en: 'Two dispatch centres cannot share one side door number: every building has only one door with that number.',
    zh: '两个调度中心不能共用同一个侧门号：每栋楼只有一扇这个号码的门。',
  },
  'refs.related.pod-labels': {
    en: '{kind} "{name}" makes pods labelled {labels}',
    zh: '{kind} "{name}" 创建的 Pod 带有标签 {labels}',
  },
  'refs.related.pod-labels-other-ns': {
    en: '{kind} "{name}" would match, but it is in namespace "{namespace}": a Service only selects pods in its own namespace',
    zh: '{kind} "{name}" 能匹配，但它在命名空间 "{namespace}" 中：Service 只选择自己命名空间里的 Pod',
  },
  'refs.related.pod-ports': {
    en: '{kind} "{name}" declares ports {ports}',
    zh: '{kind} "{name}" 声明的端口是 {ports}',
  },
  'refs.related.nodeport-other': {
    en: 'Service "{name}" also claims nodePort {port} here',
    zh: 'Service "{name}" 在这里也声明了 nodePort {port}',
  },
});

const msg = msgOf(messages);

const MAX_RELATED = 5;

function describePods(list: PodSource[]): string {
  const names = list.slice(0, 3).map((s) => `${s.res.kind} "${s.res.name ?? '?'}"`);
  return list.length > 3 ? `${names.join(', ')}, …` : names.join(', ');
}

function describePorts(list: PodSource[]): string {
  const seen = new Set<string>();
  for (const s of list) for (const p of s.ports) seen.add(p.name ? `${p.name}=${p.containerPort}/${p.protocol}` : `${p.containerPort}/${p.protocol}`);
  const all = [...seen];
  return all.length ? (all.length > 8 ? `${all.slice(0, 8).join(', ')}, …` : all.join(', ')) : '—';
}

function portsRelated(list: PodSource[]): RelatedInfo[] {
  return list
    .filter((s) => s.ports.length)
    .slice(0, MAX_RELATED)
    .map((s) => ({
      uri: s.res.uri,
      range: rangeOf(s.res, s.ports[0].path.slice(0, -1), 'key'),
      message: msg('refs.related.pod-ports', { kind: s.res.kind, name: s.res.name ?? '?', ports: describePorts([s]) }),
    }));
}

function checkSelector(res: Resource, ctx: RuleContext, spec: Record<string, unknown>): void {
  if (serviceType(res) === 'ExternalName') return;
  const selector = spec.selector;
  // No selector: endpoints are managed by hand (or by another controller), nothing to match.
  if (!isObj(selector) || Object.keys(selector).length === 0) return;
  const ns = nsOf(res);
  const idx = refIndex(ctx.ws);
  const matched = idx.selectedBy(ns, selector);
  if (matched.length === 0) {
    reportNoMatch(res, ctx, selector, ns, idx.podSourcesIn(ns));
    return;
  }
  checkTargetPorts(res, ctx, spec, matched);
}

function reportNoMatch(res: Resource, ctx: RuleContext, selector: Record<string, unknown>, ns: string, inNs: PodSource[]): void {
  const idx = refIndex(ctx.ws);
  const wanted = Object.entries(selector).map(([k, v]) => [k, scalarText(v)] as const);
  const score = (s: PodSource): number => {
    let n = 0;
    for (const [k, v] of wanted)
      if (k in s.labels) n += s.labels[k] === v ? 3 : 1;
      else if (Object.values(s.labels).includes(v)) n += 1;
    return n;
  };
  const ranked = inNs.map((s) => ({ s, n: score(s) })).sort((a, b) => b.n - a.n);
  const near = (ranked.some((r) => r.n > 0) ? ranked.filter((r) => r.n > 0) : ranked).slice(0, 3).map((r) => r.s);
  const related: RelatedInfo[] = near.map((s) => ({
    uri: s.res.uri,
    range: rangeOf(s.res, s.labelsPath, 'key'),
    message: msg('refs.related.pod-labels', { kind: s.res.kind, name: s.res.name ?? '?', labels: formatLabels(s.labels) }),
  }));
  for (const [otherNs, list] of idx.podSources()) {
    if (otherNs === ns || related.length >= MAX_RELATED) continue;
    for (const s of list) {
      if (related.length >= MAX_RELATED) break;
      if (serviceSelects(selector, s))
        related.push({
          uri: s.res.uri,
          range: rangeOf(s.res, s.labelsPath, 'key'),
          message: msg('refs.related.pod-labels-other-ns', { kind: s.res.kind, name: s.res.name ?? '?', namespace: otherNs }),
        });
    }
  }
  ctx.report(
    'service-no-match',
    res,
    ['spec', 'selector'],
    msg('service-no-match', { name: res.name ?? '?', selector: formatLabels(selector), namespace: ns }),
    {
      part: 'key',
      related,
      data: {
        selector: Object.fromEntries(wanted),
        namespace: ns,
        labelsInUse: inNs.slice(0, 20).map((s) => ({ kind: s.res.kind, name: s.res.name, labels: s.labels })),
      },
    },
  );
}

function checkTargetPorts(res: Resource, ctx: RuleContext, spec: Record<string, unknown>, matched: PodSource[]): void {
  const ports = spec.ports;
  if (!Array.isArray(ports)) return;
  const declaring = matched.filter((s) => s.ports.length > 0);
  const containerPorts = dedupePorts(declaring);
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
    const explicit = p.targetPort !== undefined && p.targetPort !== null && p.targetPort !== 0;
    const tp = explicit ? p.targetPort : p.port;
    const path: Path = ['spec', 'ports', i, explicit ? 'targetPort' : 'port'];
    const args = { pods: describePods(matched), declared: describePorts(declaring) };
    if (typeof tp === 'number') {
      // A pod that declares no ports may still listen on any of them: only judge when all declare.
      if (declaring.length === 0 || declaring.length < matched.length) return;
      if (declaring.some((s) => s.ports.some((d) => d.containerPort === tp))) return;
      const distinct = [...new Set(containerPorts.map((c) => c.containerPort))];
      ctx.report('service-target-port', res, path, msg(explicit ? 'service-target-port' : 'service-target-port.default', { ...args, port: tp }), {
        related: portsRelated(declaring),
        data: { targetPort: tp, containerPorts, suggestion: distinct.length === 1 ? distinct[0] : undefined, addTargetPort: !explicit },
      });
    } else if (typeof tp === 'string' && tp !== '' && !/^\d+$/.test(tp)) {
      if (matched.some((s) => s.ports.some((d) => d.name === tp && d.protocol === protocol))) return;
      const sameName = containerPorts.find((c) => c.name === tp);
      if (sameName) {
        ctx.report('service-target-port', res, path, msg('service-target-port.protocol', { ...args, port: tp, podProtocol: sameName.protocol, protocol }), {
          related: portsRelated(declaring),
          data: { targetPort: tp, containerPorts, protocol: sameName.protocol },
        });
        return;
      }
      const named = [...new Set(containerPorts.filter((c) => c.name).map((c) => c.name!))];
      ctx.report(
        'service-target-port',
        res,
        path,
        msg(declaring.length ? 'service-target-port.named' : 'service-target-port.undeclared', { ...args, port: tp }),
        {
          related: portsRelated(declaring),
          severity: declaring.length ? undefined : 'hint',
          data: {
            targetPort: tp,
            containerPorts,
            suggestion: named.length === 1 ? named[0] : containerPorts.length === 1 ? containerPorts[0].containerPort : undefined,
          },
        },
      );
    }
  });
}

function dedupePorts(list: PodSource[]): { name?: string; containerPort: number; protocol: string }[] {
  const m = new Map<string, { name?: string; containerPort: number; protocol: string }>();
  for (const s of list)
    for (const p of s.ports) m.set(`${p.name ?? ''}|${p.containerPort}|${p.protocol}`, { name: p.name, containerPort: p.containerPort, protocol: p.protocol });
  return [...m.values()];
}

function checkNodePorts(res: Resource, ctx: RuleContext, spec: Record<string, unknown>): void {
  const ports = spec.ports;
  if (!Array.isArray(ports)) return;
  const explicitType = typeof spec.type === 'string';
  const type = serviceType(res);
  const idx = refIndex(ctx.ws);
  const self = `${nsOf(res)}\u0000${res.name ?? ''}`;
  const seen = new Map<string, number>();
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const np = p.nodePort;
    if (typeof np !== 'number' || np === 0 || !Number.isFinite(np)) return;
    const path: Path = ['spec', 'ports', i, 'nodePort'];
    if (type === 'ClusterIP') {
      ctx.report('node-port-type', res, path, msg(explicitType ? 'node-port-type' : 'node-port-type.default', { index: i, port: np }), {
        data: { index: i, nodePort: np, setType: 'NodePort' },
      });
      return;
    }
    if (type !== 'NodePort' && type !== 'LoadBalancer') return;
    if (np < NODE_PORT_MIN || np > NODE_PORT_MAX) {
      const suggested = suggestNodePort(np, idx.usedNodePorts());
      ctx.report('node-port-range', res, path, msg('node-port-range', { index: i, port: np, suggested: suggested ?? NODE_PORT_MIN }), {
        data: { index: i, nodePort: np, min: NODE_PORT_MIN, max: NODE_PORT_MAX, suggestedNodePort: suggested },
      });
      return;
    }
    const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
    const k = `${np}/${protocol}`;
    const first = seen.get(k);
    if (first !== undefined) {
      ctx.report('node-port-duplicate', res, path, msg('node-port-duplicate.same-service', { index: i, port: np, protocol, first }), {
        related: [
          {
            uri: res.uri,
            range: rangeOf(res, ['spec', 'ports', first, 'nodePort']),
            message: msg('refs.related.nodeport-other', { name: res.name ?? '?', port: np }),
          },
        ],
        data: { index: i, nodePort: np, suggestedNodePort: suggestNodePort(np, idx.usedNodePorts()) },
      });
      return;
    }
    seen.set(k, i);
    const others = (idx.nodePorts().get(np) ?? []).filter((u) => u.service !== self);
    if (others.length === 0) return;
    const o = others[0];
    ctx.report('node-port-duplicate', res, path, msg('node-port-duplicate', { index: i, port: np, other: o.res.name ?? '?', otherNamespace: nsOf(o.res) }), {
      related: others.slice(0, MAX_RELATED).map((u) => ({
        uri: u.res.uri,
        range: rangeOf(u.res, ['spec', 'ports', u.index, 'nodePort']),
        message: msg('refs.related.nodeport-other', { name: u.res.name ?? '?', port: np }),
      })),
      data: {
        index: i,
        nodePort: np,
        others: others.map((u) => ({ name: u.res.name, namespace: nsOf(u.res), uri: u.res.uri })),
        suggestedNodePort: suggestNodePort(np, idx.usedNodePorts()),
      },
    });
  });
}

const rules = [
  {
    code: 'service-no-match',
    severity: 'warning',
    crossResource: true,
    title: { en: 'Service selector matches no pods in the workspace', zh: 'Service 的 selector 在工作区中匹配不到任何 Pod' },
  },
  {
    code: 'service-target-port',
    severity: 'warning',
    crossResource: true,
    title: { en: 'Service targetPort matches no containerPort of its pods', zh: 'Service 的 targetPort 与其 Pod 的 containerPort 不匹配' },
  },
  { code: 'node-port-range', severity: 'error', title: { en: 'nodePort outside 30000-32767', zh: 'nodePort 不在 30000-32767 范围内' } },
  { code: 'node-port-type', severity: 'error', title: { en: 'nodePort on a ClusterIP Service', zh: 'ClusterIP 类型的 Service 设置了 nodePort' } },
  {
    code: 'node-port-duplicate',
    severity: 'error',
    crossResource: true,
    title: { en: 'Two Services claim the same nodePort', zh: '两个 Service 声明了同一个 nodePort' },
  },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type ServicesCode = (typeof rules)[number]['code'];

export const servicesModule: RuleModule = {
  rules,
  check(res, ctx) {
    if (!isCoreKind(res, 'Service')) return;
    const spec = res.obj?.spec;
    if (!isObj(spec)) return;
    checkNodePorts(res, ctx, spec);
    checkSelector(res, ctx, spec);
  },
};

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
