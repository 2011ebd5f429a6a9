// Per-resource rules about a resource's identity and its workload wiring: names and labels
// (names.ts), selectors and the pod template's restart policy. Kubernetes' own validation is the
// reference (k8s.io/apimachinery/pkg/util/validation, pkg/apis/core/validation, pkg/apis/apps/validation,
// pkg/apis/batch/validation); the messages repeat its wording so they match `kubectl apply`.
import type { MessageIds, Path } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';
import { rangeOf, type Resource } from '../manifest/parse';
import { isEmptySelector, selectorMatches, formatSelector } from '../k8s/labels';
import { getAt, podTemplatePath } from '../k8s/podspec';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { asArray, fieldPath, isObj, objOf, show, showMap } from './util';
import { checkLabels, checkNames } from './names';
import { APPS_WORKLOAD_KINDS } from '../k8s/kinds';

export { labelKeyProblems, labelValueProblems, nameProblems } from './names';

// ---------------------------------------------------------------------------------------------
// Messages

export const workloadMessages = defineMessages({
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
    zh: '楼管阿姨手里没有要找的门牌，就不知道哪些房间归她管、该由她补满。',
  },

  'selector-mismatch': {
    en: '{field}: Invalid value: {labels}: `selector` does not match template `labels` (selector: {selector})',
    zh: '{field} 的值 {labels} 无效：`selector` 与模板的 `labels` 不匹配（selector：{selector}）',
  },
  'analogy.selector-mismatch': {
    en: 'The building auntie looks for rooms with this door sign, but the rooms you describe carry a different one, so she would never find them.',
    zh: '楼管阿姨按这个门牌找房间，可你描述的房间挂的是另一块门牌，她永远也找不到它们。',
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
    zh: '水电工修完就走，让他“永远回来重修”没有意义；而楼管阿姨负责的房间必须一直有人住，不能“住完就空着”。',
  },
});

// ---------------------------------------------------------------------------------------------
// Selectors

const APPS_SELECTOR_KINDS = APPS_WORKLOAD_KINDS;
const VALID_OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A selector we can evaluate as Kubernetes would (otherwise other messages apply, not a mismatch). */
function evaluableSelector(sel: Record<string, unknown>): boolean {
  if (sel.matchLabels !== undefined && sel.matchLabels !== null && !isObj(sel.matchLabels)) return false;
  if (isObj(sel.matchLabels) && Object.values(sel.matchLabels).some((v) => typeof v !== 'string')) return false;
  if (sel.matchExpressions !== undefined && sel.matchExpressions !== null && !Array.isArray(sel.matchExpressions)) return false;
  return asArray(sel.matchExpressions).every(
    (r) =>
      isObj(r) &&
      typeof r.key === 'string' &&
      typeof r.operator === 'string' &&
      VALID_OPERATORS.has(r.operator) &&
      (r.values === undefined || r.values === null || (Array.isArray(r.values) && r.values.every((v: unknown) => typeof v === 'string'))),
  );
}

/** Template labels that would satisfy `sel`, starting from the labels the template has (for the quick fix). */
export function labelsToMatch(sel: Record<string, unknown>, current: Record<string, unknown>): Record<string, string> {
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
  suggested: Record<string, unknown>,
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
      data: { labels: suggested, selector: objOf(getAt(res.obj, selPath)) },
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

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof workloadMessages & typeof messages> {}
}
