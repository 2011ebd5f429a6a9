// The lint engine: runs every rule module over the resources of one file, with the whole
// workspace as context, then applies severities, suppression comments and the schema switch.
import { coreMsg } from './i18n/index';
import { isSuppressed, rangeOf, type ParsedFile, type Resource } from './manifest/parse';
import type { KDiagnostic, Severity } from './manifest/types';
import type { RuleContext, RuleMeta, RuleModule } from './rules/types';
import { cachedLocal, isLocalModule, storeLocal } from './lint-cache';
import { ruleModules } from './rules/index';
import type { Workspace } from './workspace/index';

export interface LintOptions {
  /** Per-rule severity overrides; 'off' silences a rule. */
  severities?: Record<string, Severity | 'off'>;
  /** false = leave schema checks to another tool (e.g. Red Hat YAML). */
  schema?: boolean;
}

/** Codes reported while parsing, not by a rule module. */
export const parseRules: RuleMeta[] = [
  { code: 'yaml-syntax', severity: 'error', title: { en: 'YAML does not parse', zh: 'YAML 无法解析' } },
  { code: 'duplicate-key', severity: 'error', title: { en: 'Same key twice in one mapping', zh: '同一映射中出现重复的键' } },
  { code: 'file-too-large', severity: 'info', title: { en: 'File too large to check', zh: '文件过大，未检查' } },
  { code: 'internal-error', severity: 'hint', title: { en: 'A check could not finish', zh: '检查未能完成' } },
  { code: 'kustomize-build', severity: 'error', title: { en: 'The kustomization does not build', zh: 'kustomization 无法构建' } },
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
function runner(ws: Workspace, out: KDiagnostic[]): (mod: RuleModule, res: Resource) => void {
  const catalog = ruleCatalog();
  const ctx: RuleContext = {
    ws,
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

/** Severity overrides, the schema switch and suppression comments (each diagnostic in its own file), then source order. */
function finish(out: KDiagnostic[], opts: LintOptions, fileOf: (uri: string) => ParsedFile | undefined): KDiagnostic[] {
  const catalog = ruleCatalog();
  const result: KDiagnostic[] = [];
  for (const d of out) {
    const meta = catalog.get(d.code);
    if (opts.schema === false && meta?.schema) continue;
    const override = opts.severities?.[d.code];
    if (override === 'off') continue;
    const file = fileOf(d.uri);
    if (file && isSuppressed(file, d.code, d.range.start.line)) continue;
    // A copy: parse problems live on the cached ParsedFile and must keep their default severity.
    result.push(override ? { ...d, severity: override } : d);
  }
  result.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  return result;
}

export function lintParsed(ws: Workspace, file: ParsedFile, opts: LintOptions = {}): KDiagnostic[] {
  const out: KDiagnostic[] = [...file.problems];
  if (!file.templated && !file.tooLarge) {
    const run = runner(ws, out);
    for (const doc of file.docs) {
      if (doc.hasErrors || !doc.resources.length) continue;
      // Local modules: reused for an unchanged document (core/lint-cache.ts); cross-resource: always run.
      const cached = cachedLocal(doc);
      if (cached) out.push(...cached);
      else {
        const from = out.length;
        for (const res of doc.resources) for (const mod of ruleModules) if (isLocalModule(mod)) run(mod, res);
        storeLocal(doc, out.slice(from));
      }
      for (const res of doc.resources) for (const mod of ruleModules) if (!isLocalModule(mod)) run(mod, res);
    }
  }
  return finish(out, opts, () => file);
}

/**
 * Runs every rule module over objects that are not one file's documents (a rendered Kustomize
 * overlay, whose objects keep pointing at their source documents), with `ws` as their world.
 * No verdict cache: the same document renders differently under different overlays.
 */
export function lintResources(ws: Workspace, resources: Iterable<Resource>, opts: LintOptions, fileOf: (uri: string) => ParsedFile | undefined): KDiagnostic[] {
  const out: KDiagnostic[] = [];
  const run = runner(ws, out);
  for (const res of resources) for (const mod of ruleModules) run(mod, res);
  return finish(out, opts, fileOf);
}
