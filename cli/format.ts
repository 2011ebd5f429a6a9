// Output formats of `kube-dorm lint`: text (for people), JSON (for scripts), SARIF 2.1.0 (for code scanning).
import type { KDiagnostic, MessageIds, Severity } from '../core/manifest/types';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderDiagnosticMessage, t, defineMessages, msgOf, type Locale } from '../core/i18n/index';
import type { RuleMeta } from '../core/rules/types';

const messages = defineMessages({
  'cli.summary.none': { en: 'No problems found in {files} file(s).', zh: '检查了 {files} 个文件，未发现问题。' },
  'cli.summary': {
    en: '{total} problem(s) ({errors} error(s), {warnings} warning(s), {infos} info, {hints} hint(s)) in {files} file(s).',
    zh: '共 {total} 个问题（{errors} 个错误，{warnings} 个警告，{infos} 个提示信息，{hints} 个建议），检查了 {files} 个文件。',
  },
  'cli.severity.error': { en: 'error', zh: '错误' },
  'cli.severity.warning': { en: 'warning', zh: '警告' },
  'cli.severity.info': { en: 'info', zh: '提示' },
  'cli.severity.hint': { en: 'hint', zh: '建议' },
});
const msg = msgOf(messages);

export interface FileResult {
  /** Path as shown to the user (relative to the working directory when inside it). */
  file: string;
  diagnostics: KDiagnostic[];
}

export interface JsonProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export function toJson(results: FileResult[], locale: Locale): JsonProblem[] {
  const out: JsonProblem[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      out.push({
        file: r.file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: d.severity,
        code: d.code,
        message: renderDiagnosticMessage(d, locale),
      });
    }
  }
  return out;
}

export function counts(results: FileResult[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) for (const d of r.diagnostics) c[d.severity]++;
  return c;
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export function toText(results: FileResult[], locale: Locale, color: boolean): string {
  const paint = (code: string, s: string) => (color ? code + s + RESET : s);
  const lines: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const [first, ...rest] = renderDiagnosticMessage(d, locale).split('\n');
      const where = `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}:`;
      lines.push(`${paint(BOLD, where)} ${paint(COLORS[d.severity], t(`cli.severity.${d.severity}`, locale))} ${paint(DIM, d.code)} ${first}`);
      for (const l of rest) lines.push(`    ${paint(DIM, l)}`);
      // Where else it concerns, e.g. the CRD file a custom resource's schema came from.
      for (const rel of d.related ?? [])
        lines.push(`    ${paint(DIM, `↳ ${t(rel.message, locale)} (${rel.range.start.line + 1}:${rel.range.start.character + 1})`)}`);
    }
  }
  const c = counts(results);
  const total = c.error + c.warning + c.info + c.hint;
  const summary = total
    ? t(msg('cli.summary', { total, errors: c.error, warnings: c.warning, infos: c.info, hints: c.hint, files: results.length }), locale)
    : t(msg('cli.summary.none', { files: results.length }), locale);
  if (lines.length) lines.push('');
  lines.push(paint(c.error ? COLORS.error : '', summary));
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) as GitHub code scanning reads it.

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
/** GitHub's security-severity-free "problem.severity" for the rule list. */
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation', hint: 'recommendation' };

export interface SarifOptions {
  version: string;
  /** Root that artifact URIs are relative to (%SRCROOT%). */
  root: string;
  /** Base of the rule pages: `<base><code>.md`. */
  helpBase: string;
  catalog: Map<string, RuleMeta>;
  locale: Locale;
  /** Line-independent fingerprints (cli/baseline.ts), so code scanning tracks a finding across commits. */
  fingerprints?: Map<KDiagnostic, string>;
  /** The run failed before linting (a usage or I/O error): reported as a tool notification. */
  failure?: string;
}

function relUri(root: string, file: string): string {
  const abs = path.resolve(root, file);
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return pathToFileURL(abs).href;
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}

export function toSarif(results: FileResult[], o: SarifOptions): object {
  const rules = [...o.catalog.values()];
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const title = (r: RuleMeta) => (o.locale === 'zh-cn' ? r.title.zh : r.title.en);
  const sarifResults: object[] = [];
  for (const r of results) {
    const uri = relUri(o.root, r.file);
    for (const d of r.diagnostics) {
      const res: Record<string, unknown> = {
        ruleId: d.code,
        level: LEVEL[d.severity],
        message: { text: renderDiagnosticMessage(d, o.locale) },
        locations: [
          {
            physicalLocation: {
              // Relative to %SRCROOT% inside the working directory; an absolute file URI outside it.
              artifactLocation: uri.startsWith('file:') ? { uri } : { uri, uriBaseId: '%SRCROOT%' },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
      };
      const ri = index.get(d.code);
      if (ri !== undefined) res.ruleIndex = ri;
      const fp = o.fingerprints?.get(d);
      if (fp) res.partialFingerprints = { 'kubeDorm/v1': fp };
      sarifResults.push(res);
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-dorm',
            semanticVersion: o.version,
            version: o.version,
            informationUri: o.helpBase.replace(/docs\/rules\/?$/, ''),
            rules: rules.map((r) => ({
              id: r.code,
              name: r.code.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: title(r) },
              fullDescription: { text: `${r.title.en} / ${r.title.zh}` },
              helpUri: o.helpBase + r.code + '.md',
              help: { text: title(r), markdown: `[${r.code}](${o.helpBase + r.code}.md): ${title(r)}` },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: {
                tags: ['kubernetes', ...(r.schema ? ['schema'] : []), ...(r.crossResource ? ['cross-resource'] : [])],
                'problem.severity': PROBLEM_SEVERITY[r.severity],
              },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(o.root).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          o.failure === undefined
            ? { executionSuccessful: true }
            : { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: o.failure } }] },
        ],
        results: sarifResults,
      },
    ],
  };
}

declare module '../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
