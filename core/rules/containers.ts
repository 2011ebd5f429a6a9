// Per-container rules: ports (ports.ts: names and numbers, probes pointing at named ports, Service
// ports), resources present, env (duplicates, plain-text secrets), volume mounts and image tags.
// Kubernetes' own checks are the reference (pkg/apis/core/validation validateVolumeMounts;
// pkg/api/pod/warnings.go for duplicate env).
import type { MessageIds } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';
import { rangeOf, type Resource } from '../manifest/parse';
import { closestName } from '../k8s/similar';
import { containersOf, getAt, podSpecOf, type ContainerRef } from '../k8s/podspec';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { asArray, fieldPath, isObj, show } from './util';
import { checkContainerPorts, checkPortConflicts, checkServicePorts } from './ports';
import { imageReferenceProblem } from '../k8s/images';

export { portNameProblems } from './ports';

export const containerMessages = defineMessages({
  'resources-missing-limits': {
    en: 'Container "{container}" sets no {which} limit: without a limit it can use as much as the node has and starve its neighbours (kube-linter unset-*-requirements).',
    zh: '容器 "{container}" 没有设置 {whichZh} 的 limit：没有上限时它可以用光节点上的资源，挤占邻居。',
  },
  'analogy.resources-missing-limits': {
    en: 'A room without a power limiter: one roommate’s heater can trip the whole floor.',
    zh: '房间没装限电器：一个舍友开个电暖器，就能让整层楼跳闸。',
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
    zh: '舍友按名字去找储物柜，可这间房根本没有分配这个名字的柜子。',
  },

  'env-duplicate': {
    en: '{field}: hides previous definition of "{name}", which may be dropped when using apply',
    zh: '{field}：覆盖了前面对 "{name}" 的定义；使用 apply 时前面那个可能会被丢掉',
  },
  'env-duplicate.related': { en: 'first definition of "{name}"', zh: '"{name}" 的第一次定义' },
  'analogy.env-duplicate': {
    en: 'Two notes with the same title on the roommate’s desk: only one is read, and which one is easy to get wrong.',
    zh: '舍友桌上有两张同名的便条：只会看其中一张，而且很容易弄错是哪张。',
  },

  'image-latest.latest': {
    en: 'Image "{image}" uses the "latest" tag: which version runs depends on when each node pulls it, and a rollback cannot bring the old version back. Pin a version tag or a digest.',
    zh: '镜像 "{image}" 使用了 "latest" 标签：运行哪个版本取决于各节点何时拉取，回滚也回不到旧版本。请固定版本标签或 digest。',
  },
  'image-latest.untagged': {
    en: 'Image "{image}" has no tag, so Kubernetes pulls "{image}:latest": which version runs depends on when each node pulls it. Pin a version tag or a digest.',
    zh: '镜像 "{image}" 没有标签，Kubernetes 会拉取 "{image}:latest"：运行哪个版本取决于各节点何时拉取。请固定版本标签或 digest。',
  },
  'image-reference-invalid': {
    en: 'Image "{image}" is not a valid image reference ({problem}): the kubelet cannot pull it and the container stays Waiting with reason InvalidImageName ("Failed to apply default image tag"). Replace the placeholder with a real image, e.g. registry.example.com/team/app:1.0.',
    zh: '镜像 "{image}" 不是合法的镜像引用（{problem}）：kubelet 无法拉取，容器会一直处于 Waiting，原因为 InvalidImageName（"Failed to apply default image tag"）。请把占位符换成真实的镜像，例如 registry.example.com/team/app:1.0。',
  },
  'analogy.image-reference-invalid': {
    en: 'The furniture order names no shop and no model, only "<your furniture here>": the delivery never comes and the room stays empty.',
    zh: '家具订单上没写店名和型号，只写了“<这里填你的家具>”：货永远送不来，房间一直空着。',
  },
  'analogy.image-latest': {
    en: 'Ordering "the newest furniture" for every room: each room gets whatever the shop has that day, and the rooms no longer match.',
    zh: '给每个房间订“最新款家具”：每间房拿到的是当天店里的货，房间之间就不一样了。',
  },
});

const msg = msgOf(containerMessages);

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
function checkResourcesPresent(ctx: RuleContext, res: Resource, ref: ContainerRef, pod: PodResources): void {
  if (ref.group === 'ephemeralContainers') return;
  if (ref.group === 'initContainers' && ref.container.restartPolicy !== 'Always') return;
  const r = ref.container.resources;
  if (r !== undefined && r !== null && !isObj(r)) return;
  const limits = isObj(r) && isObj(r.limits) ? r.limits : {};
  const requests = isObj(r) && isObj(r.requests) ? r.requests : {};
  const has = (m: Record<string, unknown>, k: string) => m[k] !== undefined && m[k] !== null;
  // A resource the pod sets at pod level (spec.resources, PodLevelResources) bounds and reserves it for every container.
  const missingLimits = ['cpu', 'memory'].filter((k) => !has(limits, k) && !pod.limits.has(k));
  const missingRequests = ['cpu', 'memory'].filter((k) => !has(requests, k) && !has(limits, k) && !pod.requests.has(k));
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

interface PodResources {
  limits: Set<string>;
  requests: Set<string>;
}

/** The resources the pod sets at pod level (`spec.resources`); a pod-level limit also defaults the pod-level request. */
function podResources(res: Resource): PodResources {
  const r = podSpecOf(res)?.spec.resources;
  const keys = (m: unknown) => new Set(isObj(m) ? Object.keys(m).filter((k) => m[k] !== undefined && m[k] !== null) : []);
  const limits = keys(isObj(r) ? r.limits : undefined);
  return { limits, requests: new Set([...keys(isObj(r) ? r.requests : undefined), ...limits]) };
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

/** Values of on/off switches (MYSQL_ALLOW_EMPTY_PASSWORD: "yes"): a flag is not a secret, whatever its name. */
const FLAG_VALUES = new Set(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'enabled', 'disabled']);

/** Whether a literal env value is an on/off switch rather than a secret. */
export function isFlagValue(v: unknown): boolean {
  return typeof v === 'boolean' || ((typeof v === 'string' || typeof v === 'number') && FLAG_VALUES.has(String(v).trim().toLowerCase()));
}

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
      if (looksLikeSecretName(e.name) && !isFlagValue(v)) {
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
  const problem = imageReferenceProblem(image.trim());
  if (problem) {
    ctx.report('image-reference-invalid', res, [...ref.path, 'image'], msg('image-reference-invalid', { image: show(image, 120), problem }));
    return;
  }
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
  {
    code: 'image-reference-invalid',
    severity: 'warning',
    title: { en: 'Image is not a valid image reference (InvalidImageName)', zh: '镜像不是合法的镜像引用（InvalidImageName）' },
  },
  {
    code: 'container-port-conflict',
    severity: 'error',
    title: { en: 'Two containers of one pod use the same port', zh: '同一 Pod 的两个容器使用了同一个端口' },
  },
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
    const pod = podResources(res);
    for (const ref of refs) {
      checkContainerPorts(ctx, res, ref);
      checkResourcesPresent(ctx, res, ref, pod);
      checkEnv(ctx, res, ref);
      checkImage(ctx, res, ref);
    }
    checkVolumeMounts(ctx, res, refs);
    checkPortConflicts(ctx, res, refs);
  },
};

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof containerMessages> {}
}
