// Per-container rules: ports (names and numbers), probes pointing at named ports, resources
// present, env (duplicates, plain-text secrets), volume mounts and image tags. Kubernetes' own
// checks are the reference (pkg/apis/core/validation validateContainerPorts, ValidatePortNumOrName,
// validateVolumeMounts; pkg/api/pod/warnings.go for duplicate env; apimachinery IsValidPortName).
import { defineMessages, msgOf } from '../i18n/index';
import { rangeOf, type Resource } from '../manifest/parse';
import type { Path } from '../manifest/types';
import { closestName } from '../k8s/similar';
import { containersOf, getAt, podSpecOf, type ContainerRef } from '../k8s/podspec';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { asArray, fieldPath, isObj, show } from './util';

const inv = (en: string, zh: string) => ({ en: `{field}: Invalid value: "{value}": ${en}`, zh: `{field} 的值 "{value}" 无效：${zh}` });

export const containerMessages = defineMessages({
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

  'resources-missing-limits': {
    en: 'Container "{container}" sets no {which} limit: without a limit it can use as much as the node has and starve its neighbours (kube-linter unset-*-requirements).',
    zh: '容器 "{container}" 没有设置 {whichZh} 的 limit：没有上限时它可以用光节点上的资源，挤占邻居。',
  },
  'analogy.resources-missing-limits': {
    en: 'A room without a power limiter: one roommate’s heater can trip the whole floor.',
    zh: '房间没装限电器：一个室友开个电暖器，就能让整层楼跳闸。',
  },
  'resources-missing-requests': {
    en: 'Container "{container}" sets no {which} request: the scheduler reserves nothing for it, so it may land on a node that is already full.',
    zh: '容器 "{container}" 没有设置 {whichZh} 的 request：调度器不会为它预留资源，它可能被安排到已经满负荷的节点上。',
  },
  'analogy.resources-missing-requests': {
    en: 'Booking a bed without saying how much power you need: the dorm office may put you on a floor whose wiring is already at its limit.',
    zh: '订床位时不说要用多少电，宿舍办公室可能把你分到一层电路早已满负荷的楼层。',
  },

  'secret-in-plain-env': {
    en: '{field}: environment variable "{name}" looks like a secret but its value is written in plain text in the manifest; anyone who can read this file can read it. Put it in a Secret and use valueFrom.secretKeyRef.',
    zh: '{field}：环境变量 "{name}" 看起来是机密信息，但它的值以明文写在清单里，任何能读这个文件的人都能看到。请把它放进 Secret，并用 valueFrom.secretKeyRef 引用。',
  },
  'analogy.secret-in-plain-env': {
    en: 'This is writing the bank-card PIN on the card itself: keep it in the room’s safe (a Secret) and hand out only the safe’s label.',
    zh: '这就像把银行卡密码写在卡背面：应该锁进房间的保险箱（Secret），只对外给出保险箱的编号。',
  },

  'volume-mount-missing': {
    en: '{field}: Not found: "{value}" (the pod defines no volume with this name{hint})',
    zh: '{field}：找不到（Not found）"{value}"（Pod 里没有定义这个名字的 volume{hintZh}）',
  },
  'analogy.volume-mount-missing': {
    en: 'The roommate asks for a locker by name, but the room was never given a locker with that name.',
    zh: '室友按名字去找储物柜，可这间房根本没有分配这个名字的柜子。',
  },

  'probe-port-missing': {
    en: '{field}: the {probe} uses the port name "{value}", but container "{container}" declares no port with that name{hint}; the kubelet cannot resolve it and the probe fails.',
    zh: '{field}：{probe} 使用了端口名 "{value}"，但容器 "{container}" 没有声明这个名字的端口{hintZh}；kubelet 无法解析它，探针会失败。',
  },
  'analogy.probe-port-missing': {
    en: 'The dorm inspector is told to knock on a window by its name, but this room has no window with that name.',
    zh: '查房老师被要求按名字去敲某扇窗户，可这间房没有这个名字的窗户。',
  },

  'env-duplicate': {
    en: '{field}: hides previous definition of "{name}", which may be dropped when using apply',
    zh: '{field}：覆盖了前面对 "{name}" 的定义；使用 apply 时前面那个可能会被丢掉',
  },
  'env-duplicate.related': { en: 'first definition of "{name}"', zh: '"{name}" 的第一次定义' },
  'analogy.env-duplicate': {
    en: 'Two notes with the same title on the roommate’s desk: only one is read, and which one is easy to get wrong.',
    zh: '室友桌上有两张同名的便条：只会看其中一张，而且很容易弄错是哪张。',
  },

  'image-latest.latest': {
    en: 'Image "{image}" uses the "latest" tag: which version runs depends on when each node pulls it, and a rollback cannot bring the old version back. Pin a version tag or a digest.',
    zh: '镜像 "{image}" 使用了 "latest" 标签：运行哪个版本取决于各节点何时拉取，回滚也回不到旧版本。请固定版本标签或 digest。',
  },
  'image-latest.untagged': {
    en: 'Image "{image}" has no tag, so Kubernetes pulls "{image}:latest": which version runs depends on when each node pulls it. Pin a version tag or a digest.',
    zh: '镜像 "{image}" 没有标签，Kubernetes 会拉取 "{image}:latest"：运行哪个版本取决于各节点何时拉取。请固定版本标签或 digest。',
  },
  'analogy.image-latest': {
    en: 'Ordering "the newest furniture" for every room: each room gets whatever the shop has that day, and the rooms no longer match.',
    zh: '给每个房间订“最新款家具”：每间房拿到的是当天店里的货，房间之间就不一样了。',
  },
});

// ---------------------------------------------------------------------------------------------
// Ports

/** A message id of port-name-invalid. */
type PortNameProblem = Extract<keyof typeof containerMessages, `port-name-invalid.${string}`>;

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

function checkContainerPorts(ctx: RuleContext, res: Resource, ref: ContainerRef): void {
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

const messages = defineMessages({ 'port-name-invalid.duplicate.related': { en: 'first use of this name', zh: '这个名字第一次出现的位置' } });
const msg = msgOf({ ...containerMessages, ...messages });

function checkServicePorts(ctx: RuleContext, res: Resource): void {
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

// ---------------------------------------------------------------------------------------------
// Resources present

const WHICH: Record<string, { en: string; zh: string }> = {
  'cpu,memory': { en: 'cpu and memory', zh: 'cpu 和 memory' },
  cpu: { en: 'cpu', zh: 'cpu' },
  memory: { en: 'memory', zh: 'memory' },
};

/**
 * Regular containers and sidecars (init containers with `restartPolicy: Always`) are checked;
 * plain init containers are not: they run one at a time before the app starts, and a pod's
 * effective request is the larger of the biggest init container and the sum of the others, so
 * the app containers' values are what matters. Ephemeral containers cannot set resources.
 * A request is not "missing" when the limit is set: Kubernetes then defaults the request to it.
 */
function checkResourcesPresent(ctx: RuleContext, res: Resource, ref: ContainerRef): void {
  if (ref.group === 'ephemeralContainers') return;
  if (ref.group === 'initContainers' && ref.container.restartPolicy !== 'Always') return;
  const r = ref.container.resources;
  if (r !== undefined && r !== null && !isObj(r)) return;
  const limits = isObj(r) && isObj(r.limits) ? r.limits : {};
  const requests = isObj(r) && isObj(r.requests) ? r.requests : {};
  const has = (m: Record<string, any>, k: string) => m[k] !== undefined && m[k] !== null;
  const missingLimits = ['cpu', 'memory'].filter((k) => !has(limits, k));
  const missingRequests = ['cpu', 'memory'].filter((k) => !has(requests, k) && !has(limits, k));
  const container = show(ref.container.name ?? `${ref.group}[${ref.index}]`);
  const data = (missing: string[]) => ({ container: ref.container.name, containerPath: ref.path, missing });
  if (missingLimits.length) {
    const w = WHICH[missingLimits.join(',')];
    ctx.report(
      'resources-missing-limits',
      res,
      [...ref.path, 'resources', 'limits'],
      msg('resources-missing-limits', { container, which: w.en, whichZh: w.zh }),
      { part: 'key', data: data(missingLimits) },
    );
  }
  if (missingRequests.length) {
    const w = WHICH[missingRequests.join(',')];
    ctx.report(
      'resources-missing-requests',
      res,
      [...ref.path, 'resources', 'requests'],
      msg('resources-missing-requests', { container, which: w.en, whichZh: w.zh }),
      { part: 'key', data: data(missingRequests) },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Env

const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASS',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'TOKENS',
  'CREDENTIAL',
  'CREDENTIALS',
  'APIKEY',
  'PASSPHRASE',
  'PRIVATEKEY',
  'AUTHTOKEN',
]);
const SECRET_PAIRS = [
  ['API', 'KEY'],
  ['PRIVATE', 'KEY'],
  ['SECRET', 'KEY'],
  ['ACCESS', 'KEY'],
  ['CLIENT', 'SECRET'],
  ['AUTH', 'KEY'],
  ['ENCRYPTION', 'KEY'],
  ['SIGNING', 'KEY'],
];
/** A last word that makes the variable a pointer to a secret rather than the secret itself. */
const NOT_SECRET_TAIL = new Set([
  'FILE',
  'PATH',
  'DIR',
  'NAME',
  'URL',
  'URI',
  'HOST',
  'PORT',
  'USER',
  'USERNAME',
  'ENABLED',
  'ENABLE',
  'TYPE',
  'LENGTH',
  'TTL',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'ID',
  'REF',
  'KEYS',
  'REQUIRED',
  'POLICY',
  'MODE',
  'REGION',
  'HEADER',
  'ENDPOINT',
  'SECONDS',
  'TIMEOUT',
  'LOCATION',
  'STORE',
  'PROVIDER',
  'MOUNT',
]);

/** Whether an env var name looks like it holds a secret (PASSWORD, DB_PASS, apiKey, GITHUB_TOKEN, ...). */
export function looksLikeSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
  if (!words.length || NOT_SECRET_TAIL.has(words[words.length - 1])) return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  for (let i = 0; i + 1 < words.length; i++) if (SECRET_PAIRS.some(([a, b]) => words[i] === a && words[i + 1] === b)) return true;
  return false;
}

function checkEnv(ctx: RuleContext, res: Resource, ref: ContainerRef): void {
  const env = ref.container.env;
  if (!Array.isArray(env)) return;
  const first = new Map<string, number>();
  env.forEach((e, i) => {
    if (!isObj(e) || typeof e.name !== 'string') return;
    const ep = [...ref.path, 'env', i];
    const prev = first.get(e.name);
    if (prev !== undefined) {
      ctx.report('env-duplicate', res, [...ep, 'name'], msg('env-duplicate', { field: fieldPath(ep), name: show(e.name) }), {
        related: [{ uri: res.uri, range: rangeOf(res, [...ref.path, 'env', prev, 'name']), message: msg('env-duplicate.related', { name: show(e.name) }) }],
        data: { name: e.name, first: prev, duplicate: i },
      });
    } else first.set(e.name, i);
    // A literal value (not valueFrom) for a secret-looking name. `$(VAR)` alone only refers to another variable.
    const v = e.value;
    if ((typeof v === 'string' && v !== '' && !/^\$\([A-Za-z_][A-Za-z0-9_.-]*\)$/.test(v)) || typeof v === 'number') {
      if (looksLikeSecretName(e.name)) {
        ctx.report('secret-in-plain-env', res, [...ep, 'value'], msg('secret-in-plain-env', { field: fieldPath(ep), name: show(e.name) }), {
          data: { name: e.name, container: ref.container.name, envPath: ep },
        });
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Volume mounts

function checkVolumeMounts(ctx: RuleContext, res: Resource, refs: ContainerRef[]): void {
  const ps = podSpecOf(res);
  if (!ps) return;
  if (ps.spec.volumes !== undefined && ps.spec.volumes !== null && !Array.isArray(ps.spec.volumes)) return;
  const names: string[] = [];
  for (const v of asArray(ps.spec.volumes)) if (isObj(v) && typeof v.name === 'string') names.push(v.name);
  // A StatefulSet's volumeClaimTemplates become pod volumes of the same name.
  if (res.kind === 'StatefulSet') {
    for (const t of asArray(getAt(res.obj, ['spec', 'volumeClaimTemplates']))) {
      const n = getAt(t, ['metadata', 'name']);
      if (typeof n === 'string') names.push(n);
    }
  }
  const known = new Set(names);
  for (const ref of refs) {
    for (const list of ['volumeMounts', 'volumeDevices']) {
      asArray(ref.container[list]).forEach((m, i) => {
        if (!isObj(m) || typeof m.name !== 'string' || m.name === '' || known.has(m.name)) return;
        const path = [...ref.path, list, i, 'name'];
        const closest = closestName(m.name, names);
        ctx.report(
          'volume-mount-missing',
          res,
          path,
          msg('volume-mount-missing', {
            field: fieldPath(path),
            value: show(m.name),
            hint: closest ? `; did you mean "${closest}"?` : '',
            hintZh: closest ? `；是不是想写 "${closest}"？` : '',
          }),
          { data: { name: m.name, volumes: names, closest } },
        );
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Images

/** The tag of an image reference, '' when it has none, undefined when pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const last = image.slice(lastSlash + 1);
  const colon = last.lastIndexOf(':');
  return colon === -1 ? '' : last.slice(colon + 1);
}

function checkImage(ctx: RuleContext, res: Resource, ref: ContainerRef): void {
  const image = ref.container.image;
  if (typeof image !== 'string' || image.trim() === '' || /\$[({]/.test(image)) return;
  const tag = imageTag(image.trim());
  if (tag === undefined || (tag !== '' && tag !== 'latest')) return;
  ctx.report('image-latest', res, [...ref.path, 'image'], msg(tag === '' ? 'image-latest.untagged' : 'image-latest.latest', { image: show(image, 120) }), {
    data: { image, tag },
  });
}

// ---------------------------------------------------------------------------------------------

const rules = [
  {
    code: 'port-name-invalid',
    severity: 'error',
    title: { en: 'Port name is not a valid IANA service name or DNS label, or is repeated', zh: '端口名不合法或重复' },
  },
  { code: 'port-number-invalid', severity: 'error', title: { en: 'Port number outside 1–65535', zh: '端口号不在 1–65535 之间' } },
  { code: 'resources-missing-limits', severity: 'warning', title: { en: 'Container without cpu/memory limits', zh: '容器没有设置 cpu/memory limits' } },
  { code: 'resources-missing-requests', severity: 'warning', title: { en: 'Container without cpu/memory requests', zh: '容器没有设置 cpu/memory requests' } },
  { code: 'secret-in-plain-env', severity: 'warning', title: { en: 'Secret-looking env var with a plain-text value', zh: '疑似机密的环境变量使用了明文值' } },
  { code: 'volume-mount-missing', severity: 'error', title: { en: 'volumeMount names no volume of the pod', zh: 'volumeMount 引用的 volume 不存在' } },
  { code: 'probe-port-missing', severity: 'warning', title: { en: 'Probe port name not declared by the container', zh: '探针使用的端口名未在容器中声明' } },
  { code: 'env-duplicate', severity: 'warning', title: { en: 'Same env var twice in one container', zh: '同一容器中环境变量重复' } },
  { code: 'image-latest', severity: 'info', title: { en: 'Image with :latest or without a tag', zh: '镜像使用 :latest 或没有标签' } },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type ContainersCode = (typeof rules)[number]['code'];

export const containerRules: RuleModule = {
  rules,
  check(res, ctx) {
    if (!isObj(res.obj)) return;
    if (res.kind === 'Service') {
      checkServicePorts(ctx, res);
      return;
    }
    const refs = containersOf(res);
    if (!refs.length && !podSpecOf(res)) return;
    for (const ref of refs) {
      checkContainerPorts(ctx, res, ref);
      checkResourcesPresent(ctx, res, ref);
      checkEnv(ctx, res, ref);
      checkImage(ctx, res, ref);
    }
    checkVolumeMounts(ctx, res, refs);
  },
};
