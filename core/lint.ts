// The lint engine: runs every rule module over the resources of one file, with the whole
// workspace as context, then applies severities, suppression comments and the schema switch.
import type { KDiagnostic, MessageIds, Severity } from './manifest/types';
import { coreMsg, defineMessages, msgOf } from './i18n/index';
import { locate } from './manifest/locate';
import { isSuppressed, rangeOf, type ParsedFile, type Resource } from './manifest/parse';
import type { RuleContext, RuleMeta, RuleModule } from './rules/types';
import { cachedLocal, isLocalModule, storeLocal } from './lint-cache';
import { ruleModules } from './rules/index';
import { peerIgnores } from './rules/peers';
import type { Workspace } from './workspace/index';
import { objOf } from './k8s/guards';

export interface LintOptions {
  /** Per-rule severity overrides; 'off' silences a rule. */
  severities?: Record<string, Severity | 'off'>;
  /** false = leave schema checks to another tool (e.g. Red Hat YAML). */
  schema?: boolean;
  /** false = ignore suppression comments and peers' ignore annotations (`kube-dorm lint --no-inline-config`). */
  inlineConfig?: boolean;
  /** A suppression comment without ` -- reason` is an error (`kube-dorm lint --require-reasons`). */
  requireReasons?: boolean;
  /** The Kubernetes minor to check against ('1.27'…'1.36'; default the newest): `kubeDorm.kubernetesVersion`, `--kubernetes-version`. */
  kubernetesVersion?: string;
}

const messages = defineMessages({
  'suppression-reason-missing': {
    en: 'This suppression gives no reason: write it as "# kube-dorm-disable-next-line CODE -- why it is fine here".',
    zh: '这条抑制注释没有写理由：请写成 "# kube-dorm-disable-next-line 规则码 -- 为什么这里没问题"。',
  },
  'analogy.suppression-reason-missing': {
    en: 'Taping over the room’s smoke detector is allowed only with a signed note for the dorm inspector saying why.',
    zh: '要遮住房间的烟雾报警器，必须给查房老师留一张签了名、写明原因的纸条。',
  },
});
const msg = msgOf(messages);

/** Codes reported while parsing, not by a rule module. */
export const parseRules: RuleMeta[] = [
  { code: 'yaml-syntax', severity: 'error', title: { en: 'YAML does not parse', zh: 'YAML 无法解析' } },
  { code: 'duplicate-key', severity: 'error', title: { en: 'Same key twice in one mapping', zh: '同一映射中出现重复的键' } },
  { code: 'file-too-large', severity: 'info', title: { en: 'File too large to check', zh: '文件过大，未检查' } },
  { code: 'internal-error', severity: 'hint', title: { en: 'A check could not finish', zh: '检查未能完成' } },
  { code: 'lesson-invalid', severity: 'error', title: { en: 'A workspace lesson file is not valid', zh: '工作区课程文件无效' } },
  { code: 'kustomize-build', severity: 'error', title: { en: 'The kustomization does not build', zh: 'kustomization 无法构建' } },
  {
    code: 'suppression-reason-missing',
    severity: 'error',
    title: { en: 'Suppression comment without a reason (--require-reasons)', zh: '抑制注释没有写理由（--require-reasons）' },
  },
];

let metaCache: Map<string, RuleMeta> | undefined;
export function ruleCatalog(): Map<string, RuleMeta> {
  if (!metaCache) {
    metaCache = new Map();
    for (const m of [...parseRules, ...ruleModules.flatMap((r) => r.rules)]) {
      if (metaCache.has(m.code)) throw new Error(`rule code defined twice: ${m.code}`);
      metaCache.set(m.code, m);
    }
  }
  return metaCache;
}

export function lintFile(ws: Workspace, uri: string, opts: LintOptions = {}): KDiagnostic[] {
  const file = ws.get(uri);
  if (!file) return [];
  return lintParsed(ws, file, opts);
}

/** The rule context and a guarded runner that report into `out`. */
function runner(ws: Workspace, out: KDiagnostic[], kubernetesVersion: string | undefined): (mod: RuleModule, res: Resource) => void {
  const catalog = ruleCatalog();
  const ctx: RuleContext = {
    ws,
    kubernetesVersion,
    report(code, res, path, message, o = {}) {
      const meta = catalog.get(code);
      if (!meta) throw new Error(`unknown rule code: ${code}`);
      // A rendered object's field set by an overlay or a patch is reported where it was set.
      const at = o.range ? undefined : res.locate?.(path, o.part ?? 'value');
      out.push({
        uri: at?.uri ?? res.uri,
        range: o.range ?? at?.range ?? rangeOf(res, path, o.part ?? 'value'),
        severity: o.severity ?? meta.severity,
        code,
        message,
        related: o.related,
        data: o.data,
      });
    },
  };
  return (mod, res) => {
    try {
      mod.check(res, ctx);
    } catch (e) {
      // A rule must never take the editor down: report the failure as a hint on the resource.
      out.push({
        uri: res.uri,
        range: rangeOf(res, ['kind'], 'key'),
        severity: 'hint',
        code: 'internal-error',
        message: coreMsg('internal-error', { rule: mod.rules[0]?.code ?? '?', detail: String((e as Error)?.message ?? e).slice(0, 200) }),
      });
    }
  };
}

/** Severity overrides, the schema switch and suppression comments (each diagnostic in its own file), then source order. Idempotent. */
export function finish(out: KDiagnostic[], opts: LintOptions, fileOf: (uri: string) => ParsedFile | undefined): KDiagnostic[] {
  const catalog = ruleCatalog();
  const inline = opts.inlineConfig !== false;
  const result: KDiagnostic[] = [];
  for (const d of out) {
    const meta = catalog.get(d.code);
    if (opts.schema === false && meta?.schema) continue;
    const override = opts.severities?.[d.code];
    if (override === 'off') continue;
    const file = inline ? fileOf(d.uri) : undefined;
    if (file && isSuppressed(file, d.code, d.range.start.line)) continue;
    if (file && peerIgnored(file, d)) continue;
    // A copy: parse problems live on the cached ParsedFile and must keep their default severity.
    result.push(override ? { ...d, severity: override } : d);
  }
  result.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  return result;
}

export function lintParsed(ws: Workspace, file: ParsedFile, opts: LintOptions = {}): KDiagnostic[] {
  const out: KDiagnostic[] = [...file.problems];
  if (!file.templated && !file.tooLarge) {
    const run = runner(ws, out, opts.kubernetesVersion);
    for (const doc of file.docs) {
      if (doc.hasErrors || !doc.resources.length) continue;
      // Local modules: reused for an unchanged document (core/lint-cache.ts); cross-resource: always run.
      const cached = cachedLocal(doc, opts.kubernetesVersion);
      if (cached) out.push(...cached);
      else {
        const from = out.length;
        for (const res of doc.resources) for (const mod of ruleModules) if (isLocalModule(mod)) run(mod, res);
        storeLocal(doc, out.slice(from), opts.kubernetesVersion);
      }
      for (const res of doc.resources) for (const mod of ruleModules) if (!isLocalModule(mod)) run(mod, res);
    }
  }
  if (opts.requireReasons && opts.inlineConfig !== false)
    for (const s of file.suppressions)
      if (!s.reason)
        out.push({
          uri: file.uri,
          range: file.lines.range(file.lines.lineStart(s.line), file.lines.lineStart(s.line) + file.lines.lineText(s.line).length),
          severity: 'error',
          code: 'suppression-reason-missing',
          message: msg('suppression-reason-missing'),
        });
  return finish(out, opts, () => file);
}

/**
 * Runs every rule module over objects that are not one file's documents (a rendered Kustomize
 * overlay, whose objects keep pointing at their source documents), with `ws` as their world.
 * No verdict cache: the same document renders differently under different overlays.
 */
export function lintResources(ws: Workspace, resources: Iterable<Resource>, opts: LintOptions, fileOf: (uri: string) => ParsedFile | undefined): KDiagnostic[] {
  const out: KDiagnostic[] = [];
  const run = runner(ws, out, opts.kubernetesVersion);
  for (const res of resources) for (const mod of ruleModules) run(mod, res);
  return finish(out, opts, fileOf);
}

/** Whether a peer's ignore annotation on the diagnostic's resource covers it (core/rules/peers.ts). */
function peerIgnored(file: ParsedFile, d: KDiagnostic): boolean {
  if (!file.resources.some((r) => objOf(r.obj.metadata).annotations)) return false;
  const res = locate(file, file.lines.offset(d.range.start))?.resource;
  return !!res && peerIgnores(res, d);
}

/**
 * Where a finding is, independent of its line: the resource (`Kind/namespace/name`) and the field
 * path inside it. Baselines and SARIF fingerprints use it, so edits above a finding do not move it.
 */
export function anchorOf(file: ParsedFile, d: KDiagnostic): { resource: string; path: string } {
  const loc = locate(file, file.lines.offset(d.range.start));
  const res = loc?.resource;
  const resource = res ? `${res.kind}/${res.namespace ?? ''}/${res.name ?? ''}` : loc ? `#${loc.doc.index}` : '';
  let path = '';
  for (const seg of loc?.path ?? []) path += typeof seg === 'number' ? `[${seg}]` : path ? `.${seg}` : String(seg);
  return { resource, path };
}

declare module './manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
