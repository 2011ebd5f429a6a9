// Port rules: container, probe, lifecycle-handler and Service ports — names (IANA service names for
// containers, DNS labels for Services, unique within their list), numbers in 1–65535, and probes
// that name a port the container declares. Kubernetes' checks are the reference
// (pkg/apis/core/validation validateContainerPorts, ValidatePortNumOrName, ValidateServicePort;
// apimachinery IsValidPortName). The codes belong to the containers module's rule list.
import type { MessageIds, Path } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';
import { rangeOf, type Resource } from '../manifest/parse';
import { closestName } from '../k8s/similar';
import { getAt, type ContainerRef } from '../k8s/podspec';
import type { RuleContext } from './types';
import { asArray, fieldPath, isObj, show } from './util';

const inv = (en: string, zh: string) => ({ en: `{field}: Invalid value: "{value}": ${en}`, zh: `{field} 的值 "{value}" 无效：${zh}` });

const portMessages = defineMessages({
  'port-name-invalid.too-long': inv('must be no more than 15 characters', '端口名不能超过 15 个字符'),
  'port-name-invalid.charset': inv(
    'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    '端口名只能包含小写字母、数字（a-z、0-9）和连字符（-）',
  ),
  'port-name-invalid.letter': inv('must contain at least one letter (a-z)', '端口名至少要包含一个字母（a-z）'),
  'port-name-invalid.hyphens': inv('must not contain consecutive hyphens', '端口名不能包含连续的连字符（--）'),
  'port-name-invalid.edge': inv('must not begin or end with a hyphen', '端口名不能以连字符开头或结尾'),
  'port-name-invalid.dns-label': inv(
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    "小写的 RFC 1123 标签（label）只能由小写字母、数字和 '-' 组成，并且必须以字母或数字开头和结尾（例如 'my-name' 或 '123-abc'）",
  ),
  'port-name-invalid.dns-label-long': inv('must be no more than 63 characters', '不能超过 63 个字符'),
  'port-name-invalid.duplicate': { en: '{field}: Duplicate value: "{value}"', zh: '{field} 的值重复："{value}" 已经用过了' },
  'port-name-invalid.required': {
    en: '{field}: Required value: a Service with more than one port must give every port a name',
    zh: '{field}：缺少必填值（Required value）：Service 有多个端口时，每个端口都必须有名字',
  },
  'analogy.port-name-invalid': {
    en: 'A named window of the room is what the take-out dispatcher shouts across the yard, so the name must be short, lowercase and unique within the room.',
    zh: '房间窗口的名字是外卖调度员隔着院子喊的，所以要短、要小写，而且同一间房里不能重名。',
  },

  'port-number-invalid': {
    en: '{field}: Invalid value: {value}: must be between 1 and 65535, inclusive',
    zh: '{field} 的值 {value} 无效：端口号必须在 1 到 65535 之间（含两端）',
  },
  'analogy.port-number-invalid': {
    en: 'Window numbers on the dorm only go from 1 to 65535; a window numbered outside that range does not exist on the building.',
    zh: '宿舍楼的窗口编号只有 1 到 65535，超出这个范围的窗口在楼上根本不存在。',
  },

  'probe-port-missing': {
    en: '{field}: the {probe} uses the port name "{value}", but container "{container}" declares no port with that name{hint}; the kubelet cannot resolve it and the probe fails.',
    zh: '{field}：{probe} 使用了端口名 "{value}"，但容器 "{container}" 没有声明这个名字的端口{hintZh}；kubelet 无法解析它，探针会失败。',
  },
  'analogy.probe-port-missing': {
    en: 'The dorm inspector is told to knock on a window by its name, but this room has no window with that name.',
    zh: '查房老师被要求按名字去敲某扇窗户，可这间房没有这个名字的窗户。',
  },
  'port-name-invalid.duplicate.related': { en: 'first use of this name', zh: '这个名字第一次出现的位置' },

  'container-port-conflict': {
    en: '{field}: containers "{container}" and "{other}" both listen on port {port}/{protocol}: containers of one pod share one network namespace, so the second one to bind fails with "address already in use" and keeps restarting.',
    zh: '{field}：容器 "{container}" 和 "{other}" 都监听端口 {port}/{protocol}：同一个 Pod 的容器共用一个网络命名空间，后绑定的那个会报 "address already in use" 并不断重启。',
  },
  'container-port-conflict.related': { en: 'container "{container}" declares {port}/{protocol} here', zh: '容器 "{container}" 在这里声明了 {port}/{protocol}' },
  'analogy.container-port-conflict': {
    en: 'Two roommates cannot both own the one socket by the door: whoever plugs in second finds it taken.',
    zh: '门口只有一个插座，两个舍友不能同时占着：后插的那个总会发现已经被占了。',
  },
});

const msg = msgOf(portMessages);

/** A message id of port-name-invalid. */
type PortNameProblem = Extract<keyof typeof portMessages, `port-name-invalid.${string}`>;

/** apimachinery IsValidPortName (IANA_SVC_NAME), message ids in Kubernetes' order. */
export function portNameProblems(name: string): PortNameProblem[] {
  const out: PortNameProblem[] = [];
  if (name.length > 15) out.push('port-name-invalid.too-long');
  if (!/^[-a-z0-9]+$/.test(name)) out.push('port-name-invalid.charset');
  if (!/[a-z]/.test(name)) out.push('port-name-invalid.letter');
  if (name.includes('--')) out.push('port-name-invalid.hyphens');
  if (name.length > 0 && (name[0] === '-' || name[name.length - 1] === '-')) out.push('port-name-invalid.edge');
  return out;
}

function reportPortName(ctx: RuleContext, res: Resource, path: Path, name: string): boolean {
  const problems = portNameProblems(name);
  for (const id of problems) ctx.report('port-name-invalid', res, path, msg(id, { field: fieldPath(path), value: show(name) }));
  return problems.length > 0;
}

function checkPortNumber(ctx: RuleContext, res: Resource, path: Path, v: unknown, allowZero = false): void {
  if (typeof v !== 'number' || !Number.isInteger(v)) return; // strings and fractions: schema-type
  if (allowZero && v === 0) return;
  if (v < 1 || v > 65535)
    ctx.report('port-number-invalid', res, path, msg('port-number-invalid', { field: fieldPath(path), value: v }), {
      data: { port: v, closest: Math.min(65535, Math.max(1, v)) },
    });
}

/** A port given as number or name (IntOrString): a probe's, a handler's or a Service's targetPort. */
function checkPortNumOrName(ctx: RuleContext, res: Resource, path: Path, v: unknown, allowZero = false): void {
  if (typeof v === 'number') checkPortNumber(ctx, res, path, v, allowZero);
  else if (typeof v === 'string' && v !== '') reportPortName(ctx, res, path, v);
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export function checkContainerPorts(ctx: RuleContext, res: Resource, ref: ContainerRef): void {
  const c = ref.container;
  const seen = new Map<string, number>();
  asArray(c.ports).forEach((p, i) => {
    if (!isObj(p)) return;
    const pp = [...ref.path, 'ports', i];
    checkPortNumber(ctx, res, [...pp, 'containerPort'], p.containerPort);
    checkPortNumber(ctx, res, [...pp, 'hostPort'], p.hostPort, true);
    if (typeof p.name === 'string' && p.name !== '') {
      const bad = reportPortName(ctx, res, [...pp, 'name'], p.name);
      if (!bad && seen.has(p.name)) {
        ctx.report('port-name-invalid', res, [...pp, 'name'], msg('port-name-invalid.duplicate', { field: fieldPath([...pp, 'name']), value: show(p.name) }), {
          related: [
            { uri: res.uri, range: rangeOf(res, [...ref.path, 'ports', seen.get(p.name)!, 'name']), message: msg('port-name-invalid.duplicate.related') },
          ],
        });
      } else if (!seen.has(p.name)) seen.set(p.name, i);
    }
  });
  const declared = [...seen.keys()];
  for (const probe of PROBES) {
    const pr = c[probe];
    if (!isObj(pr)) continue;
    for (const handler of ['httpGet', 'tcpSocket']) {
      const port = getAt(pr, [handler, 'port']);
      const path = [...ref.path, probe, handler, 'port'];
      if (typeof port === 'string' && port !== '') {
        if (reportPortName(ctx, res, path, port)) continue;
        if (!declared.includes(port)) {
          const closest = closestName(port, declared);
          ctx.report(
            'probe-port-missing',
            res,
            path,
            msg('probe-port-missing', {
              field: fieldPath(path),
              probe,
              value: show(port),
              container: show(c.name ?? ref.index),
              hint: closest ? ` (did you mean "${closest}"?)` : '',
              hintZh: closest ? `（是不是想写 "${closest}"？）` : '',
            }),
            { data: { name: port, ports: declared, closest } },
          );
        }
      } else checkPortNumber(ctx, res, path, port);
    }
    checkPortNumber(ctx, res, [...ref.path, probe, 'grpc', 'port'], getAt(pr, ['grpc', 'port']));
  }
  const lc = c.lifecycle;
  if (isObj(lc)) {
    for (const hook of ['postStart', 'preStop']) {
      for (const handler of ['httpGet', 'tcpSocket']) {
        checkPortNumOrName(ctx, res, [...ref.path, 'lifecycle', hook, handler, 'port'], getAt(lc, [hook, handler, 'port']));
      }
    }
  }
}

export function checkServicePorts(ctx: RuleContext, res: Resource): void {
  const ports = getAt(res.obj, ['spec', 'ports']);
  if (!Array.isArray(ports)) return;
  const seen = new Map<string, number>();
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const pp = ['spec', 'ports', i];
    checkPortNumber(ctx, res, [...pp, 'port'], p.port);
    checkPortNumOrName(ctx, res, [...pp, 'targetPort'], p.targetPort, true);
    const name = p.name;
    if (typeof name === 'string' && name !== '') {
      const np = [...pp, 'name'];
      const args = { field: fieldPath(np), value: show(name) };
      // ValidateServicePort: a Service port name is a DNS-1123 label (not an IANA_SVC_NAME).
      let bad = false;
      if (name.length > 63) {
        ctx.report('port-name-invalid', res, np, msg('port-name-invalid.dns-label-long', args));
        bad = true;
      }
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
        ctx.report('port-name-invalid', res, np, msg('port-name-invalid.dns-label', args));
        bad = true;
      }
      if (!bad && seen.has(name)) {
        ctx.report('port-name-invalid', res, np, msg('port-name-invalid.duplicate', args), {
          related: [{ uri: res.uri, range: rangeOf(res, ['spec', 'ports', seen.get(name)!, 'name']), message: msg('port-name-invalid.duplicate.related') }],
        });
      } else if (!seen.has(name)) seen.set(name, i);
    } else if ((name === undefined || name === null || name === '') && ports.length > 1) {
      ctx.report('port-name-invalid', res, [...pp, 'name'], msg('port-name-invalid.required', { field: fieldPath([...pp, 'name']) }), {
        part: 'key',
        data: { missing: true },
      });
    }
  });
}

/**
 * Two containers of one pod (regular containers and sidecars, which run together) declaring the
 * same containerPort and protocol: they share the pod's network namespace, so both cannot bind it.
 * Plain init containers run one at a time before the others and may reuse a port.
 */
export function checkPortConflicts(ctx: RuleContext, res: Resource, refs: ContainerRef[]): void {
  const first = new Map<string, { ref: ContainerRef; index: number }>();
  for (const ref of refs) {
    if (ref.group === 'ephemeralContainers' || (ref.group === 'initContainers' && ref.container.restartPolicy !== 'Always')) continue;
    const mine = new Set<string>();
    asArray(ref.container.ports).forEach((p, i) => {
      if (!isObj(p) || typeof p.containerPort !== 'number') return;
      const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
      const key = `${p.containerPort}/${protocol}`;
      if (mine.has(key)) return; // twice in one container: the API server's Duplicate value (schema)
      mine.add(key);
      const prev = first.get(key);
      if (!prev) {
        first.set(key, { ref, index: i });
        return;
      }
      const path = [...ref.path, 'ports', i, 'containerPort'];
      const name = (r: ContainerRef) => show(r.container.name ?? `${r.group}[${r.index}]`);
      const args = { port: p.containerPort, protocol, container: name(ref), other: name(prev.ref) };
      ctx.report('container-port-conflict', res, path, msg('container-port-conflict', { field: fieldPath(path), ...args }), {
        related: [
          {
            uri: res.uri,
            range: rangeOf(res, [...prev.ref.path, 'ports', prev.index, 'containerPort']),
            message: msg('container-port-conflict.related', { ...args, container: name(prev.ref) }),
          },
        ],
      });
    });
  }
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof portMessages> {}
}
