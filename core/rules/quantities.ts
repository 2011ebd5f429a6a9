// Resource quantities wherever Kubernetes takes one: syntax (quantity-invalid), values that are
// valid but almost surely a typo (quantity-suspicious), and requests above limits
// (requests-exceed-limits, pkg/apis/core/validation ValidateResourceRequirements).
import type { MessageIds, Path } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';
import { rangeOf, type Resource } from '../manifest/parse';
import { QUANTITY_MESSAGE_RE, formatBytes, formatCpu, parseQuantity, parseQuantityDetailed } from '../k8s/quantity';
import { containersOf, getAt, podSpecPath } from '../k8s/podspec';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { asArray, fieldPath, isObj, show } from './util';

export const quantityMessages = defineMessages({
  'quantity-invalid': {
    en: `{field}: "{value}" is not a quantity: quantities must match the regular expression '${QUANTITY_MESSAGE_RE}'{hint}`,
    zh: `{field}："{value}" 不是合法的数量（quantity）：数量必须匹配正则表达式 '${QUANTITY_MESSAGE_RE}'{hintZh}`,
  },
  'quantity-invalid.negative': {
    en: '{field}: Invalid value: "{value}": must be greater than or equal to 0',
    zh: '{field} 的值 "{value}" 无效：必须大于或等于 0',
  },
  'analogy.quantity-invalid': {
    en: 'The power limiter only understands amounts written its way ("500m", "2", "64Mi"); "64mb" or "1 core" is a note it cannot read.',
    zh: '限电器只认它自己的写法（"500m"、"2"、"64Mi"）；"64mb" 或 "1 core" 这样的字条它看不懂。',
  },

  'quantity-suspicious.millibytes': {
    en: '{field}: "{value}" means {number} millibytes, i.e. {bytes} bytes (the suffix "m" is milli, not mega); did you mean "{suggest}"?',
    zh: '{field}："{value}" 表示 {number} 毫字节，也就是 {bytes} 字节（后缀 "m" 是“毫”，不是“兆”）；是不是想写 "{suggest}"？',
  },
  'quantity-suspicious.cpu-high': {
    en: '{field}: "{value}" is {cores} CPU cores, more than almost any node has, so the pod would never be scheduled; did you mean "{suggest}"?',
    zh: '{field}："{value}" 表示 {cores} 个 CPU 核心，几乎没有节点有这么多，Pod 将永远无法被调度；是不是想写 "{suggest}"？',
  },
  'quantity-suspicious.bytes-low': {
    en: '{field}: "{value}" is only {bytes} bytes (a number without a suffix counts bytes); did you mean "{suggest}"?',
    zh: '{field}："{value}" 只有 {bytes} 字节（不带单位的数字按字节计算）；是不是想写 "{suggest}"？',
  },
  'analogy.quantity-suspicious': {
    en: 'Setting the power limiter to a thousandth of a watt, or to the output of a power station: it is a valid number, but not what you meant.',
    zh: '把限电器调到千分之一瓦，或者调到一座发电站的功率：数字本身没错，但肯定不是你想要的。',
  },

  'requests-exceed-limits': {
    en: '{field}: Invalid value: "{value}": must be less than or equal to {resource} limit of {limit}',
    zh: '{field} 的值 "{value}" 无效：必须小于或等于 {resource} 的 limit（{limit}）',
  },
  'requests-exceed-limits.equal': {
    en: '{field}: Invalid value: "{value}": must be equal to {resource} limit of {limit}',
    zh: '{field} 的值 "{value}" 无效：{resource} 不能超售，request 必须等于 limit（{limit}）',
  },
  'requests-exceed-limits.related': { en: 'the {resource} limit', zh: '{resource} 的 limit' },
  'analogy.requests-exceed-limits': {
    en: 'Booking more power for the room than its limiter lets through: the reservation can never be used.',
    zh: '给房间预订的电量比限电器允许通过的还多：这份预订永远用不上。',
  },
});

const msg = msgOf(quantityMessages);

// ---------------------------------------------------------------------------------------------
// Where quantities live

interface QuantityMap {
  /** Path of a map resource-name → quantity. */
  path: Path;
  /** Whether the map's keys are resource names (cpu, memory, ...), to enable the suspicious checks. */
  named: boolean;
}

function quantityMaps(res: Resource): { maps: QuantityMap[]; single: { path: Path; resource: string }[] } {
  const maps: QuantityMap[] = [];
  const single: { path: Path; resource: string }[] = [];
  const obj = res.obj;
  const claimSpec = (base: Path) => {
    maps.push({ path: [...base, 'resources', 'requests'], named: true }, { path: [...base, 'resources', 'limits'], named: true });
  };
  for (const ref of containersOf(res)) {
    maps.push({ path: [...ref.path, 'resources', 'requests'], named: true }, { path: [...ref.path, 'resources', 'limits'], named: true });
  }
  const sp = podSpecPath(res.kind);
  if (sp) {
    maps.push(
      { path: [...sp, 'resources', 'requests'], named: true },
      { path: [...sp, 'resources', 'limits'], named: true },
      { path: [...sp, 'overhead'], named: true },
    );
    asArray(getAt(obj, [...sp, 'volumes'])).forEach((v, i) => {
      if (!isObj(v)) return;
      single.push({ path: [...sp, 'volumes', i, 'emptyDir', 'sizeLimit'], resource: 'storage' });
      if (isObj(v.ephemeral)) claimSpec([...sp, 'volumes', i, 'ephemeral', 'volumeClaimTemplate', 'spec']);
    });
  }
  switch (res.kind) {
    case 'PersistentVolumeClaim':
      claimSpec(['spec']);
      break;
    case 'StatefulSet':
      asArray(getAt(obj, ['spec', 'volumeClaimTemplates'])).forEach((_, i) => claimSpec(['spec', 'volumeClaimTemplates', i, 'spec']));
      break;
    case 'PersistentVolume':
      maps.push({ path: ['spec', 'capacity'], named: true });
      break;
    case 'ResourceQuota':
      maps.push({ path: ['spec', 'hard'], named: false }); // namespace totals: syntax only
      break;
    case 'LimitRange':
      asArray(getAt(obj, ['spec', 'limits'])).forEach((_, i) => {
        // Syntax only: a namespace's bounds may legitimately be large or small.
        for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) maps.push({ path: ['spec', 'limits', i, f], named: false });
      });
      break;
  }
  return { maps, single };
}

// ---------------------------------------------------------------------------------------------
// Checks

/** A likely intended spelling for a malformed quantity ("64mb" → "64Mi", "1 core" → "1"). */
export function suggestQuantity(raw: string): string | undefined {
  const s = raw.trim();
  const compact = s.replace(/\s+/g, '');
  if (compact !== raw && compact !== '' && parseQuantity(compact) !== undefined) return compact; // "100 m", " 64Mi"
  let m = /^([0-9]*\.?[0-9]+)(cores?|cpus?|vcpus?)$/i.exec(compact);
  if (m) return m[1];
  m = /^([0-9]*\.?[0-9]+)(millicores?|millicpus?|mcpus?)$/i.exec(compact);
  if (m) return `${m[1]}m`;
  m = /^([0-9]*\.?[0-9]+)([kmgtpe])(i?)(b?)$/i.exec(compact); // 64mb, 2GB, 1K, 512MiB
  if (m) return `${m[1]}${m[2].toUpperCase()}i`;
  m = /^([0-9]*\.?[0-9]+)(bytes?|b)$/i.exec(compact);
  if (m) return m[1];
  return undefined;
}

function isBytes(resource: string): boolean {
  return resource === 'memory' || resource === 'storage' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-');
}

function checkQuantity(ctx: RuleContext, res: Resource, path: Path, field: string, value: unknown, resource: string | undefined): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'string' && typeof value !== 'number') return; // schema-type
  const q = parseQuantityDetailed(value);
  if (!q) {
    const suggestion = typeof value === 'string' ? suggestQuantity(value) : undefined;
    ctx.report(
      'quantity-invalid',
      res,
      path,
      msg('quantity-invalid', {
        field,
        value: show(value),
        hint: suggestion ? `; did you mean "${suggestion}"?` : '',
        hintZh: suggestion ? `；是不是想写 "${suggestion}"？` : '',
      }),
      { data: { value: String(value), suggestion, resource } },
    );
    return;
  }
  if (q.value < 0) {
    ctx.report('quantity-invalid', res, path, msg('quantity-invalid.negative', { field, value: show(value) }), { data: { value: String(value), resource } });
    return;
  }
  if (!resource) return;
  if (isBytes(resource)) {
    if (q.suffix === 'm') {
      ctx.report(
        'quantity-suspicious',
        res,
        path,
        msg('quantity-suspicious.millibytes', { field, value: show(value), number: q.number, bytes: +q.value.toPrecision(6), suggest: `${q.number}Mi` }),
        { data: { value: String(value), suggestion: `${q.number}Mi`, resource } },
      );
    } else if (q.value > 0 && q.value < 2 ** 20) {
      const suggest = q.suffix === '' ? `${q.number}Mi` : q.suffix === 'Ki' || q.suffix === 'k' ? `${q.number}Mi` : formatBytes(2 ** 20);
      ctx.report(
        'quantity-suspicious',
        res,
        path,
        msg('quantity-suspicious.bytes-low', { field, value: show(value), bytes: +q.value.toPrecision(6), suggest }),
        { data: { value: String(value), suggestion: suggest, resource } },
      );
    }
  } else if (resource === 'cpu') {
    if (q.value > 64) {
      const suggest = q.suffix === '' && Number.isInteger(q.value) ? `${q.number}m` : formatCpu(64);
      ctx.report(
        'quantity-suspicious',
        res,
        path,
        msg('quantity-suspicious.cpu-high', { field, value: show(value), cores: +q.value.toPrecision(6), suggest }),
        { data: { value: String(value), suggestion: suggest, resource } },
      );
    }
  }
}

/** Native resources may be overcommitted (request < limit); hugepages and extended resources may not (pkg/apis/core/helper IsOvercommitAllowed). */
function overcommitAllowed(name: string): boolean {
  const native = !name.includes('/') || name.includes('kubernetes.io/');
  return native && !name.startsWith('hugepages-');
}

function checkRequestsVsLimits(ctx: RuleContext, res: Resource, base: Path): void {
  const requests = getAt(res.obj, [...base, 'requests']);
  const limits = getAt(res.obj, [...base, 'limits']);
  if (!isObj(requests) || !isObj(limits)) return;
  for (const [name, req] of Object.entries(requests)) {
    const lim = limits[name];
    if ((typeof req !== 'string' && typeof req !== 'number') || (typeof lim !== 'string' && typeof lim !== 'number')) continue;
    const r = parseQuantity(req);
    const l = parseQuantity(lim);
    if (r === undefined || l === undefined || r < 0 || l < 0) continue;
    const eps = Math.max(Math.abs(l), Math.abs(r)) * 1e-12;
    const allowed = overcommitAllowed(name);
    const bad = allowed ? r > l + eps : Math.abs(r - l) > eps;
    if (!bad) continue;
    const path = [...base, 'requests', name];
    ctx.report(
      'requests-exceed-limits',
      res,
      path,
      msg(allowed ? 'requests-exceed-limits' : 'requests-exceed-limits.equal', {
        field: fieldPath([...base, 'requests'], name),
        value: show(req),
        resource: show(name, 60),
        limit: show(lim),
      }),
      {
        related: [
          { uri: res.uri, range: rangeOf(res, [...base, 'limits', name]), message: msg('requests-exceed-limits.related', { resource: show(name, 60) }) },
        ],
        data: { resource: name, request: String(req), limit: String(lim), containerPath: base.slice(0, -1) },
      },
    );
  }
}

const rules = [
  { code: 'quantity-invalid', severity: 'error', title: { en: 'Not a Kubernetes quantity', zh: '不是合法的 Kubernetes 数量（quantity）' } },
  { code: 'quantity-suspicious', severity: 'warning', title: { en: 'Quantity valid but almost surely wrong', zh: '数量合法但几乎肯定写错了' } },
  { code: 'requests-exceed-limits', severity: 'error', title: { en: 'Request greater than limit', zh: 'request 大于 limit' } },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type QuantitiesCode = (typeof rules)[number]['code'];

export const quantityRules: RuleModule = {
  rules,
  check(res, ctx) {
    if (!isObj(res.obj)) return;
    const { maps, single } = quantityMaps(res);
    for (const m of maps) {
      const map = getAt(res.obj, m.path);
      if (!isObj(map)) continue;
      for (const [name, value] of Object.entries(map)) checkQuantity(ctx, res, [...m.path, name], fieldPath(m.path, name), value, m.named ? name : undefined);
    }
    for (const s of single) checkQuantity(ctx, res, s.path, fieldPath(s.path), getAt(res.obj, s.path), s.resource);
    for (const ref of containersOf(res)) checkRequestsVsLimits(ctx, res, [...ref.path, 'resources']);
    const sp = podSpecPath(res.kind);
    if (sp) checkRequestsVsLimits(ctx, res, [...sp, 'resources']);
  },
};

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof quantityMessages> {}
}
