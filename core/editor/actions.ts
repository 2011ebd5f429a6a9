// Quick fixes for the mechanical rules of shared/spec/rules.md. Each fix is one workspace edit
// (previewable and undoable in the editor); "fix all in this file" is offered where fixes are
// independent. Titles never contain a Secret's value. This module picks the fix for each
// diagnostic code; fixes that reach another resource are in fixes-refs.ts.
import type { KDiagnostic, MessageIds, Msg, Range } from '../manifest/types';
import { locate } from '../manifest/locate';
import type { ParsedFile } from '../manifest/parse';
import { defineMessages, msgOf, t, type Locale } from '../i18n/index';
import { getAt, podSpecOf, podTemplatePath } from '../k8s/podspec';
import { parseQuantity } from '../k8s/quantity';
import type { Workspace } from '../workspace/index';
import { dataOf, type FixDataOf, type RuleCode } from '../rules/fix-data';
import { asArray, isObj, objOf, scalarText } from '../k8s/guards';
import { addKey, deleteKey, renameKey, replaceValue, yamlScalar, type TextEdit, type WorkspaceEditSpec } from './edits';
import { one, type CodeActionSpec, type Ctx, type Make } from './fix-context';
import { createRefFixes, headlessFixes, keyFixes, plainEnvFix } from './fixes-refs';
import { hpaV2beta1MetricsEdit } from './migrate';

export type { CodeActionSpec } from './fix-context';

const messages = defineMessages({
  'fix.rename': { en: 'Change to "{to}"', zh: '改为 "{to}"' },
  'fix.apiVersion': { en: 'Use apiVersion {to}', zh: '改用 apiVersion {to}' },
  'fix.apiVersionMetrics': { en: 'Use apiVersion {to} and move the metrics’ targets', zh: '改用 apiVersion {to}，并迁移各指标的目标值' },
  'fix.value': { en: 'Change to {to}', zh: '改为 {to}' },
  'fix.resources': {
    en: 'Add {which} for container "{container}" (requests {req}, limits {lim})',
    zh: '为容器 "{container}" 添加 {which}（requests {req}，limits {lim}）',
  },
  'fix.labelsToSelector': { en: 'Make the template labels match the selector', zh: '让模板标签与 selector 一致' },
  'fix.selectorToLabels': { en: 'Make the selector match the template labels', zh: '让 selector 与模板标签一致' },
  'fix.addSelector': { en: 'Add a selector matching the template labels', zh: '添加与模板标签一致的 selector' },
  'fix.nodePortInRange': { en: 'Use nodePort {port} (inside 30000-32767)', zh: '改用 nodePort {port}（在 30000-32767 之内）' },
  'fix.nodePortFree': { en: 'Use the free nodePort {port}', zh: '改用空闲的 nodePort {port}' },
  'fix.nodePortDrop': { en: 'Remove nodePort (Kubernetes picks a free one)', zh: '删除 nodePort（由 Kubernetes 自动分配）' },
  'fix.setNodePortType': { en: 'Make it a NodePort Service', zh: '改为 NodePort 类型的 Service' },
  'fix.base64': { en: 'Encode the value of "{key}" in base64', zh: '将 "{key}" 的值编码为 base64' },
  'fix.toStringData': { en: 'Move "{key}" to stringData (plain text)', zh: '将 "{key}" 移到 stringData（明文）' },
  'fix.makeHeadless': { en: 'Make Service "{name}" headless (clusterIP: None)', zh: '将 Service "{name}" 设为 headless（clusterIP: None）' },
  'fix.restartPolicy': { en: 'Set restartPolicy to {to}', zh: '将 restartPolicy 设为 {to}' },
  'fix.timeZone': { en: 'Move "{tz}" into spec.timeZone', zh: '将 "{tz}" 移到 spec.timeZone' },
  'fix.removeRollingUpdate': { en: 'Remove rollingUpdate (Recreate takes no settings)', zh: '删除 rollingUpdate（Recreate 不需要这些设置）' },
  'fix.all': { en: 'Fix all "{code}" problems in this file', zh: '修复此文件中所有 "{code}" 问题' },
});

const msg = msgOf(messages);

const DEFAULT_REQUESTS: Record<string, string> = { cpu: '100m', memory: '128Mi' };
const DEFAULT_LIMITS: Record<string, string> = { cpu: '500m', memory: '256Mi' };

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

/** Code actions for the diagnostics of `uri` that touch `range`. */
export function codeActions(ws: Workspace, uri: string, range: Range, diagnostics: KDiagnostic[], locale: Locale): CodeActionSpec[] {
  const file = ws.get(uri);
  if (!file) return [];
  const out: CodeActionSpec[] = [];
  const here = diagnostics.filter((d) => d.uri === uri && overlaps(d.range, range));
  for (const d of here) out.push(...fixesFor(ws, file, d, locale));
  // Fix all of one kind in the file, where each fix is independent.
  const codes = new Set(here.map((d) => d.code).filter((c) => FIX_ALL.has(c)));
  for (const code of codes) {
    const all = diagnostics.filter((d) => d.uri === uri && d.code === code);
    if (all.length < 2) continue;
    const edits: TextEdit[] = [];
    const fixed: KDiagnostic[] = [];
    for (const d of all) {
      const f = fixesFor(ws, file, d, locale).find((a) => a.isPreferred && a.edit.changes.length === 1 && !a.edit.createFiles);
      if (!f) continue;
      const e = f.edit.changes[0].edits;
      if (e.some((x) => edits.some((y) => overlaps(x.range, y.range)))) continue;
      edits.push(...e);
      fixed.push(d);
    }
    if (fixed.length > 1) out.push({ title: t(msg('fix.all', { code }), locale), kind: 'quickfix', diagnostics: fixed, edit: { changes: [{ uri, edits }] } });
  }
  return out;
}

/** Codes whose fixes are independent of each other (a typo here is a compile error). */
const FIX_ALL: ReadonlySet<string> = new Set<RuleCode>([
  'schema-unknown-field',
  'api-version-removed',
  'api-version-not-served',
  'restart-policy-invalid',
  'quantity-invalid',
  'quantity-suspicious',
  'resources-missing-limits',
  'resources-missing-requests',
  'secret-data-not-base64',
  'schema-enum',
]);

export function fixesFor(ws: Workspace, file: ParsedFile, d: KDiagnostic, locale: Locale): CodeActionSpec[] {
  const loc = locate(file, file.lines.offset(d.range.start));
  if (!loc?.resource) return [];
  const c: Ctx = { ws, file, res: loc.resource, path: loc.path, d, locale };
  const make = (title: string, edit: WorkspaceEditSpec | undefined, isPreferred = false): CodeActionSpec[] =>
    edit ? [{ title, kind: 'quickfix', diagnostics: [d], edit, isPreferred }] : [];
  const tt = (m: Msg) => t(m, locale);
  /** Replaces the value at the diagnostic with `to`. */
  const value = (to: string | number | undefined) =>
    to === undefined ? [] : make(tt(msg('fix.value', { to: String(to) })), one(file.uri, [replaceValue(c.res, c.path, yamlScalar(to))]), true);
  const apiVersion = (to: string | undefined) =>
    to === undefined ? [] : make(tt(msg('fix.apiVersion', { to })), one(file.uri, [replaceValue(c.res, ['apiVersion'], to)]), true);
  // Each case reads the data through dataOf: data of the wrong shape (it may come back from an
  // editor) gives no fix.
  try {
    switch (d.code) {
      case 'schema-unknown-field': {
        const to = dataOf(d, d.code)?.suggestion;
        return to !== undefined ? make(tt(msg('fix.rename', { to })), one(file.uri, [renameKey(c.res, c.path, to)]), true) : [];
      }
      case 'api-version-removed': {
        const to = dataOf(d, d.code)?.replacement;
        const metrics = to === 'autoscaling/v2' ? hpaV2beta1MetricsEdit(c.res) : undefined;
        if (to && metrics) return make(tt(msg('fix.apiVersionMetrics', { to })), one(file.uri, [replaceValue(c.res, ['apiVersion'], to), metrics]), true);
        return apiVersion(to);
      }
      case 'api-version-unknown':
        return apiVersion(dataOf(d, d.code)?.suggestion);
      case 'api-version-not-served':
        return apiVersion(dataOf(d, d.code)?.replacement);
      case 'schema-enum':
      case 'quantity-invalid':
      case 'quantity-suspicious':
      case 'service-target-port':
        return value(dataOf(d, d.code)?.suggestion);
      case 'volume-mount-missing':
      case 'probe-port-missing':
        return value(dataOf(d, d.code)?.closest);
      case 'hpa-target-missing':
        return value(dataOf(d, d.code)?.suggestion);
      case 'deployment-strategy-invalid': {
        const data = dataOf(d, d.code);
        if (data?.remove) return make(tt(msg('fix.removeRollingUpdate')), one(file.uri, [deleteKey(c.res, data.remove)]), true);
        if (data?.set && data.to !== undefined)
          return make(tt(msg('fix.value', { to: String(data.to) })), one(file.uri, [replaceValue(c.res, data.set, yamlScalar(data.to))]), true);
        return [];
      }
      case 'restart-policy-invalid': {
        const data = dataOf(d, d.code);
        if (!data?.expected.length) return [];
        const to = data.expected[0];
        if (data.missing) {
          const ps = podSpecOf(c.res);
          return ps ? make(tt(msg('fix.restartPolicy', { to })), one(file.uri, [addKey(c.res, ps.path, 'restartPolicy', [to])]), true) : [];
        }
        return make(tt(msg('fix.restartPolicy', { to })), one(file.uri, [replaceValue(c.res, c.path, to)]), true);
      }
      case 'resources-missing-limits':
      case 'resources-missing-requests': {
        const data = dataOf(d, d.code);
        return data ? resourcesFix(c, data, make) : [];
      }
      case 'selector-mismatch': {
        const data = dataOf(d, d.code);
        return data ? selectorFixes(c, data, make) : [];
      }
      case 'selector-missing': {
        const labels = dataOf(d, d.code)?.labels;
        if (!labels || !Object.keys(labels).length) return [];
        const lines = ['matchLabels:', ...Object.entries(labels).map(([k, v]) => `  ${yamlScalar(k)}: ${yamlScalar(String(v))}`)];
        const spec = getAt(c.res.obj, ['spec']);
        if (spec && typeof spec === 'object' && 'selector' in spec) {
          return make(tt(msg('fix.addSelector')), one(file.uri, [deleteKey(c.res, ['spec', 'selector']), addKey(c.res, ['spec'], 'selector', lines)]), true);
        }
        return make(tt(msg('fix.addSelector')), one(file.uri, [addKey(c.res, ['spec'], 'selector', lines)]), true);
      }
      case 'node-port-range':
      case 'node-port-duplicate': {
        const data = dataOf(d, d.code);
        if (!data) return [];
        const out: CodeActionSpec[] = [];
        if (data.suggestedNodePort !== undefined) {
          out.push(
            ...make(
              tt(msg(d.code === 'node-port-range' ? 'fix.nodePortInRange' : 'fix.nodePortFree', { port: data.suggestedNodePort })),
              one(file.uri, [replaceValue(c.res, c.path, String(data.suggestedNodePort))]),
              true,
            ),
          );
        }
        out.push(...make(tt(msg('fix.nodePortDrop')), one(file.uri, [deleteKey(c.res, c.path)])));
        return out;
      }
      case 'node-port-type': {
        const hasType = getAt(c.res.obj, ['spec', 'type']) !== undefined;
        const setType = hasType ? replaceValue(c.res, ['spec', 'type'], 'NodePort') : addKey(c.res, ['spec'], 'type', ['NodePort']);
        return [
          ...make(tt(msg('fix.setNodePortType')), one(file.uri, [setType]), true),
          ...make(tt(msg('fix.nodePortDrop')), one(file.uri, [deleteKey(c.res, c.path)])),
        ];
      }
      case 'secret-data-not-base64': {
        const data = dataOf(d, d.code);
        return data ? base64Fixes(c, data.key, make) : [];
      }
      case 'secret-ref-missing':
      case 'configmap-ref-missing': {
        const data = dataOf(d, d.code);
        return data ? createRefFixes(c, data, make) : [];
      }
      case 'secret-key-missing':
      case 'configmap-key-missing': {
        const data = dataOf(d, d.code);
        return data ? keyFixes(c, data, make) : [];
      }
      case 'statefulset-service-missing': {
        const data = dataOf(d, d.code);
        return data ? headlessFixes(c, data, make) : [];
      }
      case 'statefulset-service-not-headless': {
        const data = dataOf(d, d.code);
        const svc = data && ws.find('Service', data.service, data.namespace)[0];
        if (!svc) return [];
        const has = getAt(svc.obj, ['spec', 'clusterIP']) !== undefined;
        const e = has ? replaceValue(svc, ['spec', 'clusterIP'], 'None') : addKey(svc, ['spec'], 'clusterIP', ['None']);
        return make(tt(msg('fix.makeHeadless', { name: data.service })), one(svc.uri, [e]), true);
      }
      case 'secret-in-plain-env': {
        const data = dataOf(d, d.code);
        return data ? plainEnvFix(c, data.envPath, make) : [];
      }
      case 'cronjob-schedule-invalid': {
        const data = dataOf(d, d.code);
        if (data?.problem !== 'tz' || data.timeZone === undefined) return [];
        const rest = data.schedule.replace(/^\s*(?:CRON_)?TZ=\S+\s+/, '');
        const edits = [replaceValue(c.res, ['spec', 'schedule'], yamlScalar(rest))];
        edits.push(
          getAt(c.res.obj, ['spec', 'timeZone']) === undefined
            ? addKey(c.res, ['spec'], 'timeZone', [yamlScalar(data.timeZone)])
            : replaceValue(c.res, ['spec', 'timeZone'], yamlScalar(data.timeZone)),
        );
        return make(tt(msg('fix.timeZone', { tz: data.timeZone })), one(file.uri, edits), true);
      }
      case 'name-invalid': {
        // The fix reads the name itself, not the data.
        const v = getAt(c.res.obj, c.path);
        if (typeof v !== 'string') return [];
        const fixed = v
          .toLowerCase()
          .replace(/[^a-z0-9.-]+/g, '-')
          .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
          .slice(0, 63)
          .replace(/[^a-z0-9]+$/, '');
        if (!fixed || fixed === v) return [];
        return make(tt(msg('fix.value', { to: fixed })), one(file.uri, [replaceValue(c.res, c.path, fixed)]), true);
      }
      default:
        return [];
    }
  } catch {
    return [];
  }
}

function resourcesFix(c: Ctx, data: FixDataOf<'resources-missing-limits'>, make: Make): CodeActionSpec[] {
  const cp = data.containerPath;
  const container = objOf(getAt(c.res.obj, cp));
  const res = container.resources;
  const requests = objOf(objOf(res).requests);
  const limits = objOf(objOf(res).limits);
  // Requests default to the limit when only the limit is set, so a limit never goes below a request.
  const req: Record<string, string> = {};
  const lim: Record<string, string> = {};
  for (const k of ['cpu', 'memory']) {
    const r = requests[k] ?? limits[k] ?? DEFAULT_REQUESTS[k];
    req[k] = scalarText(r);
    const l = limits[k] ?? (parseQuantity(r) !== undefined && parseQuantity(r)! > parseQuantity(DEFAULT_LIMITS[k])! ? scalarText(r) : DEFAULT_LIMITS[k]);
    lim[k] = scalarText(l);
  }
  const edits: (TextEdit | undefined)[] = [];
  const wantLimits = c.d.code === 'resources-missing-limits';
  const want = wantLimits ? lim : req;
  const which = wantLimits ? 'limits' : 'requests';
  const missing = data.missing;
  const section = objOf(res)[which];
  if (!res || typeof res !== 'object') {
    edits.push(
      addKey(c.res, cp, 'resources', ['requests:', `  cpu: ${req.cpu}`, `  memory: ${req.memory}`, 'limits:', `  cpu: ${lim.cpu}`, `  memory: ${lim.memory}`]),
    );
  } else if (!section || typeof section !== 'object' || !Object.keys(section).length) {
    if (section !== undefined) edits.push(deleteKey(c.res, [...cp, 'resources', which]));
    edits.push(
      addKey(
        c.res,
        [...cp, 'resources'],
        which,
        missing.map((k) => `${k}: ${want[k]}`),
      ),
    );
  } else {
    for (const k of missing) edits.push(addKey(c.res, [...cp, 'resources', which], k, [want[k]]));
    // addKey appends at the same spot each time: merge them into one insertion.
    const merged = edits.filter((e): e is TextEdit => !!e);
    if (merged.length > 1) {
      const first = merged[0];
      edits.length = 0;
      edits.push({ range: first.range, newText: merged.map((e) => e.newText).join('') });
    }
  }
  const name = scalarText(container.name);
  return make(
    t(
      msg('fix.resources', { which: !res ? 'requests/limits' : which, container: name, req: `${req.cpu}/${req.memory}`, lim: `${lim.cpu}/${lim.memory}` }),
      c.locale,
    ),
    one(c.file.uri, edits),
    true,
  );
}

function selectorFixes(c: Ctx, data: FixDataOf<'selector-mismatch'>, make: Make): CodeActionSpec[] {
  const out: CodeActionSpec[] = [];
  const t0 = podTemplatePath(c.res.kind);
  if (!t0) return out;
  const labelsPath = [...t0, 'metadata', 'labels'];
  const selector = data.selector;
  const matchLabels = c.res.kind === 'ReplicationController' ? selector : selector.matchLabels;
  const labels = getAt(c.res.obj, labelsPath);
  // 1. Template labels ← selector.
  if (isObj(matchLabels) && !asArray(selector.matchExpressions).length) {
    const edits: (TextEdit | undefined)[] = [];
    if (!labels || typeof labels !== 'object') {
      if (labels !== undefined) edits.push(deleteKey(c.res, labelsPath));
      edits.push(
        addKey(
          c.res,
          [...t0, 'metadata'],
          'labels',
          Object.entries(matchLabels).map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(String(v))}`),
        ),
      );
    } else {
      const adds: string[] = [];
      const have = objOf(labels);
      for (const [k, v] of Object.entries(matchLabels)) {
        if (k in have) {
          if (String(have[k]) !== String(v)) edits.push(replaceValue(c.res, [...labelsPath, k], yamlScalar(String(v))));
        } else adds.push(k);
      }
      const addEdits = adds.map((k) => addKey(c.res, labelsPath, k, [yamlScalar(String(matchLabels[k]))]));
      if (addEdits.length && addEdits.every(Boolean)) edits.push({ range: addEdits[0]!.range, newText: addEdits.map((e) => e!.newText).join('') });
      else if (addEdits.length) edits.push(undefined);
    }
    out.push(...make(t(msg('fix.labelsToSelector'), c.locale), one(c.file.uri, edits), true));
  }
  // 2. Selector ← template labels (apps/v1 kinds with matchLabels only).
  if (labels && typeof labels === 'object' && Object.keys(labels).length && c.res.kind !== 'ReplicationController' && !selector.matchExpressions) {
    const lines = Object.entries(labels).map(([k, v]) => `${yamlScalar(k)}: ${yamlScalar(String(v))}`);
    const has = getAt(c.res.obj, ['spec', 'selector', 'matchLabels']) !== undefined;
    const e = has ? [deleteKey(c.res, ['spec', 'selector', 'matchLabels']), addKey(c.res, ['spec', 'selector'], 'matchLabels', lines)] : [];
    // deleteKey + addKey on the same mapping overlap when matchLabels is its only key: rebuild the selector instead.
    const only = has && Object.keys(selector).length === 1;
    const edits = only ? [deleteKey(c.res, ['spec', 'selector']), addKey(c.res, ['spec'], 'selector', ['matchLabels:', ...lines.map((l) => `  ${l}`)])] : e;
    out.push(...make(t(msg('fix.selectorToLabels'), c.locale), one(c.file.uri, edits)));
  }
  return out;
}

function base64Fixes(c: Ctx, key: string, make: Make): CodeActionSpec[] {
  const value = getAt(c.res.obj, ['data', key]);
  if (typeof value !== 'string') return [];
  const out: CodeActionSpec[] = [];
  const encoded = Buffer.from(value, 'utf8').toString('base64');
  out.push(...make(t(msg('fix.base64', { key }), c.locale), one(c.file.uri, [replaceValue(c.res, ['data', key], encoded)]), true));
  const sd = getAt(c.res.obj, ['stringData']);
  const dataObj = getAt(c.res.obj, ['data']);
  const onlyKey = dataObj && typeof dataObj === 'object' && Object.keys(dataObj).length === 1;
  const del = onlyKey ? deleteKey(c.res, ['data']) : deleteKey(c.res, ['data', key]);
  const add =
    sd && typeof sd === 'object' && Object.keys(sd).length
      ? addKey(c.res, ['stringData'], key, [yamlScalar(value)])
      : sd === undefined
        ? addKey(c.res, [], 'stringData', [`${yamlScalar(key)}: ${yamlScalar(value)}`])
        : undefined;
  out.push(...make(t(msg('fix.toStringData', { key }), c.locale), one(c.file.uri, [del, add])));
  return out;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
