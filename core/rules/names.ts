// Name and label syntax: metadata names per kind (and names inside a pod spec), label keys and
// values in metadata, pod templates and selectors. apimachinery's validation is the reference
// (k8s.io/apimachinery/pkg/util/validation IsDNS1123Subdomain, IsDNS1123Label, IsDNS1035Label,
// IsQualifiedName, IsValidLabelValue; path.IsValidPathSegmentName); the messages repeat its wording.
// The codes belong to the workload module's rule list.
import type { MessageIds, Msg, Path } from '../manifest/types';
import { defineMessages, msgOf, t, type Locale } from '../i18n/index';
import type { Resource } from '../manifest/parse';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue } from '../k8s/labels';
import { getAt, podTemplatePath } from '../k8s/podspec';
import type { RuleContext } from './types';
import { asArray, fieldPath, isObj, show } from './util';

const SUBDOMAIN_TEXT = {
  en: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  zh: "小写的 RFC 1123 子域名（subdomain）只能由小写字母、数字、'-' 和 '.' 组成，并且必须以字母或数字开头和结尾（例如 'example.com'，校验所用的正则表达式是 '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'）",
};
const LABEL_TEXT = {
  en: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  zh: "小写的 RFC 1123 标签（label）只能由小写字母、数字和 '-' 组成，并且必须以字母或数字开头和结尾（例如 'my-name' 或 '123-abc'，校验所用的正则表达式是 '[a-z0-9]([-a-z0-9]*[a-z0-9])?'）",
};
const DNS1035_TEXT = {
  en: "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  zh: "DNS-1035 标签只能由小写字母、数字和 '-' 组成，必须以字母开头、以字母或数字结尾（例如 'my-name' 或 'abc-123'，校验所用的正则表达式是 '[a-z]([-a-z0-9]*[a-z0-9])?'）",
};
const QUALIFIED_NAME_TEXT = {
  en: "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  zh: "名称部分只能由字母、数字、'-'、'_' 或 '.' 组成，并且必须以字母或数字开头和结尾（例如 'MyName'、'my.name' 或 '123-abc'，校验所用的正则表达式是 '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'）",
};
const inv = (en: string, zh: string) => ({ en: `{field}: Invalid value: "{value}": ${en}`, zh: `{field} 的值 "{value}" 无效：${zh}` });

const nameMessages = defineMessages({
  'name-invalid.subdomain': inv(SUBDOMAIN_TEXT.en, SUBDOMAIN_TEXT.zh),
  'name-invalid.label': inv(LABEL_TEXT.en, LABEL_TEXT.zh),
  'name-invalid.dns1035': inv(DNS1035_TEXT.en, DNS1035_TEXT.zh),
  'name-invalid.max-len': inv('must be no more than {max} characters', '长度不能超过 {max} 个字符'),
  'name-invalid.cronjob-len': inv(
    'must be no more than 52 characters (the CronJob controller appends an 11-character suffix to name each Job)',
    '长度不能超过 52 个字符（CronJob 控制器会在名字后追加 11 个字符来命名每个 Job）',
  ),
  'name-invalid.segment-dot': inv("may not be '{bad}'", "不能是 '{bad}'"),
  'name-invalid.segment-char': inv("may not contain '{bad}'", "不能包含 '{bad}'"),
  'analogy.name-invalid': {
    en: 'A room name goes on the door plate and into the campus address book, so it may only use the characters the address book can print.',
    zh: '房间名要刻在门牌上、登进校园地址簿，所以只能用地址簿印得出来的字符。',
  },

  'label-value-invalid.value': inv(
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    "合法的 label 值必须为空字符串，或只由字母、数字、'-'、'_' 或 '.' 组成，并以字母或数字开头和结尾（例如 'MyValue'、'my_value' 或 '12345'，校验所用的正则表达式是 '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?'）",
  ),
  'label-value-invalid.value-long': inv('must be no more than 63 characters', 'label 值不能超过 63 个字符'),
  'label-value-invalid.key-slashes': inv(
    "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    "label 的键（qualified name）只能由字母、数字、'-'、'_' 或 '.' 组成并以字母或数字开头和结尾，前面可以带一个 DNS 子域名前缀和一个 '/'（例如 'example.com/MyName'），不能有多个 '/'",
  ),
  'label-value-invalid.key-prefix-empty': inv('prefix part must be non-empty', '前缀部分（/ 之前）不能为空'),
  'label-value-invalid.key-prefix': inv(`prefix part ${SUBDOMAIN_TEXT.en}`, `前缀部分：${SUBDOMAIN_TEXT.zh}`),
  'label-value-invalid.key-name-empty': inv('name part must be non-empty', '名称部分不能为空'),
  'label-value-invalid.key-name-long': inv('name part must be no more than 63 characters', '名称部分不能超过 63 个字符'),
  'label-value-invalid.key-name': inv(QUALIFIED_NAME_TEXT.en, QUALIFIED_NAME_TEXT.zh),
  'analogy.label-value-invalid': {
    en: 'Door signs are read by the building auntie’s scanner, which only understands letters, digits, "-", "_" and "." — anything else is a smudge she cannot read.',
    zh: '门上的标牌要被楼管阿姨的扫描器读取，它只认字母、数字、“-”“_”“.”，别的字符在它眼里都是污渍。',
  },
});

const msg = msgOf(nameMessages);

// ---------------------------------------------------------------------------------------------
// Names

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'segment';

/**
 * What `metadata.name` must be, per kind, as the API server validates it:
 * - Service: DNS-1035 label (ValidateServiceName = NameIsDNS1035Label, core/validation).
 * - Namespace: DNS-1123 label (ValidateNamespaceName = NameIsDNSLabel).
 * - StatefulSet: DNS-1123 label (apps/validation ValidateStatefulSetName = NameIsDNSLabel in
 *   current releases; the name becomes each pod's hostname `<name>-<ordinal>`).
 * - RBAC roles and bindings: a path segment (ValidateRBACName = path.IsValidPathSegmentName),
 *   so `system:controller:x` is fine.
 * - The other built-in kinds below: DNS-1123 subdomain (NameIsDNSSubdomain). CronJob adds a
 *   52-character limit. Unknown kinds (CRDs, ...) are not checked.
 */
const NAME_RULES: Record<string, NameRule> = {
  Service: 'dns1035',
  Namespace: 'label',
  StatefulSet: 'label',
  Role: 'segment',
  ClusterRole: 'segment',
  RoleBinding: 'segment',
  ClusterRoleBinding: 'segment',
};
for (const k of [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'DaemonSet',
  'Job',
  'CronJob',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Ingress',
  'IngressClass',
  'NetworkPolicy',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'LimitRange',
  'ResourceQuota',
  'StorageClass',
  'Endpoints',
  'EndpointSlice',
  'Node',
  'PriorityClass',
  'PodTemplate',
])
  NAME_RULES[k] = 'subdomain';

type NameProblem = Msg;

/** The problems Kubernetes would list for `value` under `rule` (prefix: a generateName, whose trailing '-' is allowed). */
export function nameProblems(value: string, rule: NameRule, prefix = false): NameProblem[] {
  // apimachinery's maskTrailingDash: a generateName may end with '-' (the random suffix follows).
  const v = prefix && value.length > 1 && value.endsWith('-') ? value.slice(0, -1) + 'a' : value;
  const out: NameProblem[] = [];
  switch (rule) {
    case 'subdomain':
      if (v.length > 253) out.push(msg('name-invalid.max-len', { max: 253 }));
      if (!isDns1123Subdomain(v.slice(0, 253)) || v.length === 0) out.push(msg('name-invalid.subdomain'));
      break;
    case 'label':
      if (v.length > 63) out.push(msg('name-invalid.max-len', { max: 63 }));
      if (!isDns1123Label(v.slice(0, 63)) || v.length === 0) out.push(msg('name-invalid.label'));
      break;
    case 'dns1035':
      if (v.length > 63) out.push(msg('name-invalid.max-len', { max: 63 }));
      if (!isDns1035Label(v.slice(0, 63)) || v.length === 0) out.push(msg('name-invalid.dns1035'));
      break;
    case 'segment':
      if (!prefix && (v === '.' || v === '..')) out.push(msg('name-invalid.segment-dot', { bad: v }));
      for (const bad of ['/', '%']) if (v.includes(bad)) out.push(msg('name-invalid.segment-char', { bad }));
      break;
  }
  return out;
}

/**
 * What the API server answers for an invalid name (`metadata.name: Invalid value: "Bad_Name": a
 * lowercase RFC 1123 subdomain …`), one entry per problem, in `L`: `metadata.name` of a built-in
 * kind by its rule, or another field by the rule given (a container name is a DNS-1123 label).
 */
export function nameErrors(field: string, value: string, rule: NameRule | string, L: Locale = 'en'): string[] {
  const r = field === 'metadata.name' ? NAME_RULES[rule] : (rule as NameRule);
  if (!r) return [];
  return nameProblems(value, r).map((p) => t({ id: p.id, args: { field, value, ...p.args } }, L));
}

function checkName(ctx: RuleContext, res: Resource, path: Path, value: unknown, rule: NameRule, prefix = false, extra?: (v: string) => NameProblem[]): void {
  if (typeof value !== 'string') return; // wrong types are the schema rules' business
  const problems = [...nameProblems(value, rule, prefix), ...(extra ? extra(value) : [])];
  for (const p of problems) {
    ctx.report('name-invalid', res, path, { id: p.id, args: { field: fieldPath(path), value: show(value), ...p.args } }, { data: { rule, kind: res.kind } });
  }
}

export function checkNames(res: Resource, ctx: RuleContext): void {
  const md = res.obj.metadata;
  const rule = NAME_RULES[res.kind];
  if (isObj(md)) {
    if (rule) {
      const cronLen = res.kind === 'CronJob' ? (v: string): NameProblem[] => (v.length > 52 ? [msg('name-invalid.cronjob-len')] : []) : undefined;
      if (md.name !== undefined && md.name !== null) checkName(ctx, res, ['metadata', 'name'], md.name, rule, false, cronLen);
      else if (md.generateName !== undefined && md.generateName !== null) checkName(ctx, res, ['metadata', 'generateName'], md.generateName, rule, true);
    }
    // metadata.namespace must name a namespace: a DNS-1123 label (ValidateObjectMeta → ValidateNamespaceName).
    if (typeof md.namespace === 'string' && md.namespace !== '') checkName(ctx, res, ['metadata', 'namespace'], md.namespace, 'label');
  }
  // Inside a pod spec: container names, volume names, hostname and subdomain are DNS-1123 labels.
  const tpl = podTemplatePath(res.kind);
  if (!tpl || (!NAME_RULES[res.kind] && res.kind !== 'Pod')) return;
  const specPath = [...tpl, 'spec'];
  const spec = getAt(res.obj, specPath);
  if (!isObj(spec)) return;
  for (const group of ['initContainers', 'containers', 'ephemeralContainers']) {
    asArray(spec[group]).forEach((c, i) => {
      if (isObj(c) && typeof c.name === 'string') checkName(ctx, res, [...specPath, group, i, 'name'], c.name, 'label');
    });
  }
  asArray(spec.volumes).forEach((v, i) => {
    if (isObj(v) && typeof v.name === 'string') checkName(ctx, res, [...specPath, 'volumes', i, 'name'], v.name, 'label');
  });
  for (const f of ['hostname', 'subdomain']) if (typeof spec[f] === 'string' && spec[f] !== '') checkName(ctx, res, [...specPath, f], spec[f], 'label');
}

// ---------------------------------------------------------------------------------------------
// Labels

/** A message id of label-value-invalid. */
type LabelProblem = Extract<keyof typeof nameMessages, `label-value-invalid.${string}`>;

/** The problems apimachinery's IsQualifiedName reports for a label key. */
export function labelKeyProblems(key: string): LabelProblem[] {
  const parts = key.split('/');
  let name: string;
  const out: LabelProblem[] = [];
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) out.push('label-value-invalid.key-prefix-empty');
    else if (!isDns1123Subdomain(prefix)) out.push('label-value-invalid.key-prefix');
  } else return ['label-value-invalid.key-slashes'];
  if (name.length === 0) out.push('label-value-invalid.key-name-empty');
  else {
    if (name.length > 63) out.push('label-value-invalid.key-name-long');
    if (!/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name)) out.push('label-value-invalid.key-name');
  }
  return out;
}

export function labelValueProblems(value: string): LabelProblem[] {
  const out: LabelProblem[] = [];
  if (value.length > 63) out.push('label-value-invalid.value-long');
  if (!isLabelValue(value.slice(0, 63))) out.push('label-value-invalid.value');
  return out;
}

function checkLabelMap(ctx: RuleContext, res: Resource, path: Path, map: unknown): void {
  if (!isObj(map)) return;
  const field = fieldPath(path);
  for (const [k, v] of Object.entries(map)) {
    for (const id of labelKeyProblems(k)) ctx.report('label-value-invalid', res, [...path, k], msg(id, { field, value: show(k) }), { part: 'key' });
    if (typeof v === 'string') {
      for (const id of labelValueProblems(v)) ctx.report('label-value-invalid', res, [...path, k], msg(id, { field: fieldPath(path, k), value: show(v) }));
    }
  }
}

function checkLabelSelector(ctx: RuleContext, res: Resource, path: Path, sel: unknown): void {
  if (!isObj(sel)) return;
  checkLabelMap(ctx, res, [...path, 'matchLabels'], sel.matchLabels);
  asArray(sel.matchExpressions).forEach((req, i) => {
    if (!isObj(req)) return;
    const rp = [...path, 'matchExpressions', i];
    if (typeof req.key === 'string') {
      for (const id of labelKeyProblems(req.key))
        ctx.report('label-value-invalid', res, [...rp, 'key'], msg(id, { field: fieldPath([...rp, 'key']), value: show(req.key) }));
    }
    asArray(req.values).forEach((v, j) => {
      if (typeof v !== 'string') return;
      for (const id of labelValueProblems(v))
        ctx.report('label-value-invalid', res, [...rp, 'values', j], msg(id, { field: fieldPath([...rp, 'values', j]), value: show(v) }));
    });
  });
}

/** LabelSelector fields (matchLabels/matchExpressions) per kind; plain map selectors are listed separately. */
const SELECTOR_PATHS: Record<string, Path[]> = {
  Deployment: [['spec', 'selector']],
  ReplicaSet: [['spec', 'selector']],
  StatefulSet: [['spec', 'selector']],
  DaemonSet: [['spec', 'selector']],
  Job: [['spec', 'selector']],
  CronJob: [['spec', 'jobTemplate', 'spec', 'selector']],
  PodDisruptionBudget: [['spec', 'selector']],
  PersistentVolumeClaim: [['spec', 'selector']],
  NetworkPolicy: [['spec', 'podSelector']],
};
const PLAIN_SELECTOR_PATHS: Record<string, Path> = {
  Service: ['spec', 'selector'],
  ReplicationController: ['spec', 'selector'],
};

export function checkLabels(res: Resource, ctx: RuleContext): void {
  const obj = res.obj;
  checkLabelMap(ctx, res, ['metadata', 'labels'], getAt(obj, ['metadata', 'labels']));
  const tpl = podTemplatePath(res.kind);
  if (tpl && tpl.length) checkLabelMap(ctx, res, [...tpl, 'metadata', 'labels'], getAt(obj, [...tpl, 'metadata', 'labels']));
  if (res.kind === 'CronJob') checkLabelMap(ctx, res, ['spec', 'jobTemplate', 'metadata', 'labels'], getAt(obj, ['spec', 'jobTemplate', 'metadata', 'labels']));
  if (res.kind === 'StatefulSet') {
    asArray(getAt(obj, ['spec', 'volumeClaimTemplates'])).forEach((_, i) => {
      const p = ['spec', 'volumeClaimTemplates', i, 'metadata', 'labels'];
      checkLabelMap(ctx, res, p, getAt(obj, p));
    });
  }
  for (const p of SELECTOR_PATHS[res.kind] ?? []) checkLabelSelector(ctx, res, p, getAt(obj, p));
  const plain = PLAIN_SELECTOR_PATHS[res.kind];
  if (plain) checkLabelMap(ctx, res, plain, getAt(obj, plain));
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof nameMessages> {}
}
