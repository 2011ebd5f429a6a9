// Per-resource rules about a resource's identity and its workload wiring: names, labels,
// selectors and the pod template's restart policy. Kubernetes' own validation is the reference
// (k8s.io/apimachinery/pkg/util/validation, pkg/apis/core/validation, pkg/apis/apps/validation,
// pkg/apis/batch/validation); the messages repeat its wording so they match `kubectl apply`.
import { defineMessages, msgOf } from '../i18n/index';
import { rangeOf, type Resource } from '../manifest/parse';
import type { Path } from '../manifest/types';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue, isEmptySelector, selectorMatches, formatSelector } from '../k8s/labels';
import { getAt, podTemplatePath } from '../k8s/podspec';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { asArray, fieldPath, isObj, show, showMap } from './util';

// ---------------------------------------------------------------------------------------------
// Messages

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

export const workloadMessages = defineMessages({
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
    en: 'A room name goes on the door plate and into the campus phone book, so it may only use the characters the phone book can print.',
    zh: '房间名要刻在门牌上、登进校园电话簿，所以只能用电话簿印得出来的字符。',
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
    zh: '门上的标牌要被宿管阿姨的扫描器读取，它只认字母、数字、“-”“_”“.”，别的字符在它眼里都是污渍。',
  },

  'selector-missing.required': {
    en: '{field}: Required value: an apps/v1 {kind} must say which pods it manages (spec.selector.matchLabels)',
    zh: '{field}：缺少必填值（Required value）：apps/v1 的 {kind} 必须写明它管理哪些 Pod（spec.selector.matchLabels）',
  },
  'selector-missing.manual': {
    en: '{field}: Required value: `manualSelector` is true, so the Job does not generate its selector and you must write one',
    zh: '{field}：缺少必填值（Required value）：`manualSelector` 为 true，Job 不会自动生成 selector，你必须自己写一个',
  },
  'selector-missing.empty': {
    en: '{field}: Invalid value: {value}: empty selector is invalid for {kindLower}',
    zh: '{field} 的值 {value} 无效：{kind} 不允许空的 selector（它会选中所有 Pod）',
  },
  'analogy.selector-missing': {
    en: 'A building auntie with no door sign to look for cannot tell which rooms are hers to keep filled.',
    zh: '宿管阿姨手里没有要找的门牌，就不知道哪些房间归她管、该由她补满。',
  },

  'selector-mismatch': {
    en: '{field}: Invalid value: {labels}: `selector` does not match template `labels` (selector: {selector})',
    zh: '{field} 的值 {labels} 无效：`selector` 与模板的 `labels` 不匹配（selector：{selector}）',
  },
  'analogy.selector-mismatch': {
    en: 'The building auntie looks for rooms with this door sign, but the rooms you describe carry a different one, so she would never find them.',
    zh: '宿管阿姨按这个门牌找房间，可你描述的房间挂的是另一块门牌，她永远也找不到它们。',
  },

  'restart-policy-invalid': {
    en: '{field}: Unsupported value: "{value}": supported values: {supported}',
    zh: '{field} 不支持取值 "{value}"：在 {kind} 中只能取 {supported}',
  },
  'restart-policy-invalid.default': {
    en: '{field}: Unsupported value: "Always": supported values: {supported} (restartPolicy is not set, and it defaults to "Always")',
    zh: '{field} 不支持取值 "Always"：在 {kind} 中只能取 {supported}（没有写 restartPolicy 时默认就是 "Always"）',
  },
  'analogy.restart-policy-invalid': {
    en: 'An electrician leaves once the job is done, so "always come back" makes no sense for him; a room the building auntie keeps filled, on the other hand, must always be lived in.',
    zh: '电工修完就走，让他“永远回来重修”没有意义；而宿管阿姨负责的房间必须一直有人住，不能“住完就空着”。',
  },
});

// ---------------------------------------------------------------------------------------------
// Names

type NameRule = 'subdomain' | 'label' | 'dns1035' | 'segment';

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

interface NameProblem {
  id: string;
  args?: Record<string, string | number>;
}

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

function checkName(ctx: RuleContext, res: Resource, path: Path, value: unknown, rule: NameRule, prefix = false, extra?: (v: string) => NameProblem[]): void {
  if (typeof value !== 'string') return; // wrong types are the schema rules' business
  const problems = [...nameProblems(value, rule, prefix), ...(extra ? extra(value) : [])];
  for (const p of problems) {
    ctx.report('name-invalid', res, path, { id: p.id, args: { field: fieldPath(path), value: show(value), ...p.args } }, { data: { rule, kind: res.kind } });
  }
}

function checkNames(res: Resource, ctx: RuleContext): void {
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
type LabelProblem = Extract<keyof typeof workloadMessages, `label-value-invalid.${string}`>;

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

function checkLabels(res: Resource, ctx: RuleContext): void {
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

// ---------------------------------------------------------------------------------------------
// Selectors

const APPS_SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);
const VALID_OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A selector we can evaluate as Kubernetes would (otherwise other messages apply, not a mismatch). */
function evaluableSelector(sel: Record<string, any>): boolean {
  if (sel.matchLabels !== undefined && sel.matchLabels !== null && !isObj(sel.matchLabels)) return false;
  if (isObj(sel.matchLabels) && Object.values(sel.matchLabels).some((v) => typeof v !== 'string')) return false;
  if (sel.matchExpressions !== undefined && sel.matchExpressions !== null && !Array.isArray(sel.matchExpressions)) return false;
  return asArray(sel.matchExpressions).every(
    (r) =>
      isObj(r) &&
      typeof r.key === 'string' &&
      VALID_OPERATORS.has(r.operator) &&
      (r.values === undefined || r.values === null || (Array.isArray(r.values) && r.values.every((v: unknown) => typeof v === 'string'))),
  );
}

/** Template labels that would satisfy `sel`, starting from the labels the template has (for the quick fix). */
export function labelsToMatch(sel: Record<string, any>, current: Record<string, any>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(current)) if (typeof v === 'string') out[k] = v;
  if (isObj(sel.matchLabels)) for (const [k, v] of Object.entries(sel.matchLabels)) out[k] = String(v);
  for (const r of asArray(sel.matchExpressions)) {
    if (!isObj(r) || typeof r.key !== 'string') continue;
    const values = asArray(r.values).map(String);
    if (r.operator === 'In' && !(r.key in out && values.includes(out[r.key]))) out[r.key] = values[0] ?? '';
    else if (r.operator === 'Exists' && !(r.key in out)) out[r.key] = '';
    else if (r.operator === 'DoesNotExist') delete out[r.key];
    else if (r.operator === 'NotIn' && r.key in out && values.includes(out[r.key])) delete out[r.key];
  }
  return out;
}

function checkSelector(res: Resource, ctx: RuleContext): void {
  const obj = res.obj;
  let specPath: Path;
  if (APPS_SELECTOR_KINDS.has(res.kind) || res.kind === 'Job' || res.kind === 'ReplicationController') specPath = ['spec'];
  else if (res.kind === 'CronJob') specPath = ['spec', 'jobTemplate', 'spec'];
  else return;
  const spec = getAt(obj, specPath);
  if (!isObj(spec)) return;
  const selPath = [...specPath, 'selector'];
  const sel = spec.selector;
  const tplPath = [...specPath, 'template'];
  const labelsPath = [...tplPath, 'metadata', 'labels'];
  const labels = getAt(obj, labelsPath);
  const field = fieldPath(selPath);

  if (res.kind === 'ReplicationController') {
    // A plain map; when absent or empty it defaults to the template's labels.
    if (!isObj(sel) || Object.keys(sel).length === 0 || !Object.values(sel).every((v) => typeof v === 'string')) return;
    if (selectorMatches(sel, labels, true)) return;
    reportMismatch(ctx, res, labelsPath, labels, formatSelector(sel, true), { ...(isObj(labels) ? labels : {}), ...sel }, selPath);
    return;
  }

  const isApps = APPS_SELECTOR_KINDS.has(res.kind);
  const manual = (res.kind === 'Job' || res.kind === 'CronJob') && spec.manualSelector === true;
  if (!isApps && !manual) return; // a Job's selector is generated for it
  if (isApps && res.apiVersion !== 'apps/v1') return; // older APIs defaulted it; api-version-removed speaks there

  if (sel === undefined || sel === null) {
    ctx.report('selector-missing', res, specPath, msg(manual ? 'selector-missing.manual' : 'selector-missing.required', { field, kind: res.kind }), {
      part: 'key',
      data: { labels: isObj(labels) ? labels : {} },
    });
    return;
  }
  if (!isObj(sel) || !evaluableSelector(sel)) return;
  if (isEmptySelector(sel)) {
    ctx.report(
      'selector-missing',
      res,
      selPath,
      msg('selector-missing.empty', { field, value: show(sel), kind: res.kind, kindLower: res.kind.toLowerCase() }),
      {
        part: 'key',
        data: { labels: isObj(labels) ? labels : {} },
      },
    );
    return;
  }
  if (labels !== undefined && labels !== null && !isObj(labels)) return;
  if (selectorMatches(sel, labels ?? {})) return;
  reportMismatch(ctx, res, labelsPath, labels, formatSelector(sel), labelsToMatch(sel, isObj(labels) ? labels : {}), selPath);
}

function reportMismatch(
  ctx: RuleContext,
  res: Resource,
  labelsPath: Path,
  labels: unknown,
  selector: string,
  suggested: Record<string, string>,
  selPath: Path,
): void {
  ctx.report(
    'selector-mismatch',
    res,
    labelsPath,
    msg('selector-mismatch', { field: fieldPath(labelsPath), labels: showMap(labels), selector: show(selector, 120) }),
    {
      part: 'key',
      related: [{ uri: res.uri, range: rangeOfSafe(res, selPath), message: msg('selector-mismatch.related') }],
      data: { labels: suggested, selector: getAt(res.obj, selPath) },
    },
  );
}

const messages = defineMessages({
  'selector-mismatch.related': { en: 'the selector', zh: '这里是 selector' },
});
const msg = msgOf({ ...workloadMessages, ...messages });

function rangeOfSafe(res: Resource, path: Path) {
  return rangeOf(res, path, 'key');
}

// ---------------------------------------------------------------------------------------------
// Restart policy in context

const ALWAYS_ONLY = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet']);
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);
const POLICIES = new Set(['Always', 'OnFailure', 'Never']);

function checkRestartPolicy(res: Resource, ctx: RuleContext): void {
  const tpl = podTemplatePath(res.kind);
  if (!tpl || !(ALWAYS_ONLY.has(res.kind) || RUN_TO_COMPLETION.has(res.kind))) return;
  const specPath = [...tpl, 'spec'];
  const spec = getAt(res.obj, specPath);
  if (!isObj(spec)) return;
  const path = [...specPath, 'restartPolicy'];
  const rp = spec.restartPolicy;
  const field = fieldPath(path);
  if (ALWAYS_ONLY.has(res.kind)) {
    if (typeof rp === 'string' && POLICIES.has(rp) && rp !== 'Always') {
      ctx.report('restart-policy-invalid', res, path, msg('restart-policy-invalid', { field, value: rp, supported: '"Always"', kind: res.kind }), {
        data: { expected: ['Always'] },
      });
    }
    return;
  }
  if (rp === 'Always') {
    ctx.report('restart-policy-invalid', res, path, msg('restart-policy-invalid', { field, value: rp, supported: '"OnFailure", "Never"', kind: res.kind }), {
      data: { expected: ['OnFailure', 'Never'] },
    });
  } else if (rp === undefined || rp === null) {
    ctx.report('restart-policy-invalid', res, specPath, msg('restart-policy-invalid.default', { field, supported: '"OnFailure", "Never"', kind: res.kind }), {
      part: 'key',
      data: { expected: ['OnFailure', 'Never'], missing: true },
    });
  }
}

// ---------------------------------------------------------------------------------------------

const rules = [
  { code: 'name-invalid', severity: 'error', title: { en: 'Name is not a valid DNS name for its kind', zh: '名称不是该类资源允许的 DNS 名称' } },
  { code: 'label-value-invalid', severity: 'error', title: { en: 'Label key or value has invalid syntax', zh: 'label 的键或值语法无效' } },
  { code: 'selector-missing', severity: 'error', title: { en: 'Workload without a selector', zh: '工作负载缺少 selector' } },
  { code: 'selector-mismatch', severity: 'error', title: { en: 'Selector does not match the template labels', zh: 'selector 与模板 labels 不匹配' } },
  {
    code: 'restart-policy-invalid',
    severity: 'error',
    title: { en: 'restartPolicy not allowed for this kind of workload', zh: '此类工作负载不允许该 restartPolicy' },
  },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type WorkloadCode = (typeof rules)[number]['code'];

export const workloadRules: RuleModule = {
  rules,
  check(res, ctx) {
    if (!isObj(res.obj)) return;
    checkNames(res, ctx);
    checkLabels(res, ctx);
    checkSelector(res, ctx);
    checkRestartPolicy(res, ctx);
  },
};
