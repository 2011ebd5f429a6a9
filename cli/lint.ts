// `kube-dorm lint [--format text|json|sarif] [--lang en|zh-cn] [--config FILE] [--baseline FILE]
//   [--write-baseline FILE] [--require-reasons] [--no-inline-config] [--kubernetes-version 1.xx] PATH...`
// Every file goes into one Workspace, so cross-file rules (a Secret in another file) work as in the editor.
import type { MessageIds, Severity } from '../core/manifest/types';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineMessages, msgOf, resolveLocale, t, type Locale } from '../core/i18n/index';
import { ruleCatalog } from '../core/lint';
import { lintWorkspaceFile } from '../core/lint-workspace';
import { Workspace } from '../core/workspace/index';
import { SCHEMAS_DIR } from '../core/workspace/crd-import';
import { KUBERNETES_VERSIONS, parseKubernetesVersion } from '../core/schema/versions';
import { toJson, toSarif, toText } from './format';
import { diskReader, withKustomizeInputs } from './kustomize-files';
import { applyBaseline, fingerprints, makeBaseline, readBaseline } from './baseline';

export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  cwd?: string;
  env?: Record<string, string | undefined>;
}

const messages = defineMessages({
  'cli.err.noPaths': { en: 'kube-dorm lint: no PATH given (try `kube-dorm lint .`).', zh: 'kube-dorm lint：未指定路径（试试 `kube-dorm lint .`）。' },
  'cli.err.missing': { en: 'kube-dorm lint: cannot read "{path}": {reason}', zh: 'kube-dorm lint：无法读取 "{path}"：{reason}' },
  'cli.err.option': {
    en: 'kube-dorm lint: unknown option "{opt}" (see `kube-dorm --help`).',
    zh: 'kube-dorm lint：未知选项 "{opt}"（见 `kube-dorm --help`）。',
  },
  'cli.err.value': {
    en: 'kube-dorm lint: {opt} expects one of {choices}, got "{value}".',
    zh: 'kube-dorm lint：{opt} 的取值应为 {choices} 之一，实际为 "{value}"。',
  },
  'cli.err.needsValue': { en: 'kube-dorm lint: {opt} needs a value.', zh: 'kube-dorm lint：{opt} 需要一个值。' },
  'cli.err.config': { en: 'kube-dorm lint: bad config file "{path}": {reason}', zh: 'kube-dorm lint：配置文件 "{path}" 有误：{reason}' },
  'cli.warn.unknownRule': {
    en: 'kube-dorm lint: config "{path}" names an unknown rule "{code}" (ignored).',
    zh: 'kube-dorm lint：配置 "{path}" 中的规则 "{code}" 不存在（已忽略）。',
  },
  'cli.err.baseline': { en: 'kube-dorm lint: bad baseline "{path}": {reason}', zh: 'kube-dorm lint：基线文件 "{path}" 有误：{reason}' },
  'cli.info.wroteBaseline': {
    en: 'kube-dorm lint: wrote {count} finding(s) to the baseline "{path}"; later runs with --baseline report only new ones.',
    zh: 'kube-dorm lint：已把 {count} 个问题写入基线 "{path}"；之后带 --baseline 运行时只报告新问题。',
  },
  'cli.reason.ENOENT': { en: 'no such file or directory', zh: '文件或目录不存在' },
  'cli.reason.EACCES': { en: 'permission denied', zh: '没有访问权限' },
  'cli.reason.EISDIR': { en: 'is a directory', zh: '这是一个目录' },
  'cli.warn.noFiles': {
    en: 'kube-dorm lint: no .yaml, .yml or .json files under the given paths.',
    zh: 'kube-dorm lint：给定路径下没有 .yaml、.yml 或 .json 文件。',
  },
});
const msg = msgOf(messages);

const SKIP_DIRS = new Set(['node_modules', '.git']);
const EXT = /\.(ya?ml|json)$/i;
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

export interface LintConfig {
  rules: Record<string, Severity | 'off'>;
  schema: boolean;
  /** The Kubernetes minor to check against (`"kubernetesVersion": "1.30"`); the newest when absent. */
  kubernetesVersion?: string;
}

class UsageError extends Error {}

/** The file-system errors that have a sentence of their own (`cli.reason.<code>`). */
const FS_REASONS = ['ENOENT', 'EACCES', 'EISDIR'] as const;
const hasReason = (code: string | undefined): code is (typeof FS_REASONS)[number] => (FS_REASONS as readonly (string | undefined)[]).includes(code);

function reason(e: unknown, locale: Locale): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (hasReason(code)) return t(`cli.reason.${code}`, locale);
  return code ?? String((e as Error)?.message ?? e);
}

/** Reads and checks a config file; throws UsageError with a message in `locale`. */
export async function loadConfig(file: string, locale: Locale, io: CliIO): Promise<LintConfig> {
  const fail = (reason: string) => new UsageError(t(msg('cli.err.config', { path: file, reason }), locale));
  let raw: string;
  try {
    raw = await fsp.readFile(file, 'utf8');
  } catch (e) {
    throw fail(reason(e, locale));
  }
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    throw fail((e as Error).message);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw fail('expected a JSON object {"rules": {...}, "schema": true}');
  const o = v as Record<string, unknown>;
  const cfg: LintConfig = { rules: {}, schema: true };
  if (o.schema !== undefined) {
    if (typeof o.schema !== 'boolean') throw fail('"schema" must be true or false');
    cfg.schema = o.schema;
  }
  if (o.kubernetesVersion !== undefined) {
    const version = typeof o.kubernetesVersion === 'string' ? parseKubernetesVersion(o.kubernetesVersion) : undefined;
    if (!version) throw fail(`"kubernetesVersion" must be one of ${KUBERNETES_VERSIONS.join('|')}`);
    cfg.kubernetesVersion = version;
  }
  if (o.rules !== undefined) {
    if (!o.rules || typeof o.rules !== 'object' || Array.isArray(o.rules)) throw fail('"rules" must be an object of rule code → severity');
    const catalog = ruleCatalog();
    for (const [code, sev] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof sev !== 'string' || !SEVERITIES.includes(sev)) throw fail(`rule "${code}": severity must be one of ${SEVERITIES.join('|')}`);
      if (!catalog.has(code)) io.stderr.write(t(msg('cli.warn.unknownRule', { path: file, code }), locale) + '\n');
      cfg.rules[code] = sev as Severity | 'off';
    }
  }
  return cfg;
}

/** The .yaml/.yml/.json files under `p` (a file given explicitly is taken whatever its name). */
export async function collect(p: string, out: string[], explicit: boolean): Promise<void> {
  const st = await fsp.stat(p); // errors propagate: a missing PATH is a usage/I-O error
  if (st.isDirectory()) {
    const entries = await fsp.readdir(p, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = path.join(p, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await collect(child, out, false);
      } else if (e.isFile() && EXT.test(e.name)) out.push(child);
    }
  } else if (st.isFile() && (explicit || EXT.test(p))) out.push(p);
}

/** The files of `.kube-dorm/schemas/` under `cwd` (none when the folder is absent or unreadable). */
async function schemaFiles(cwd: string): Promise<string[]> {
  const out: string[] = [];
  await collect(path.join(cwd, SCHEMAS_DIR), out, false).catch(() => undefined);
  return out;
}

interface LintArgs {
  format: 'text' | 'json' | 'sarif';
  locale: Locale;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  requireReasons: boolean;
  inlineConfig: boolean;
  kubernetesVersion?: string;
  paths: string[];
}

function parseArgs(argv: string[], env: CliIO['env']): LintArgs {
  let locale = resolveLocale(env?.LC_ALL || env?.LC_MESSAGES || env?.LANG);
  const args: LintArgs = { format: 'text', locale, paths: [], requireReasons: false, inlineConfig: true };
  // --lang first, so that every later message is in the chosen language.
  for (let i = 0; i < argv.length; i++) {
    const m = /^--lang(?:=(.*))?$/.exec(argv[i]);
    if (m) {
      const v = m[1] ?? argv[i + 1];
      if (v === 'en' || v === 'zh-cn' || v === 'zh-CN') args.locale = locale = v === 'en' ? 'en' : 'zh-cn';
    }
  }
  const value = (opt: string, inline: string | undefined, i: number): [string, number] => {
    if (inline !== undefined) return [inline, i];
    if (i + 1 >= argv.length) throw new UsageError(t(msg('cli.err.needsValue', { opt }), locale));
    return [argv[i + 1], i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.paths.push(...argv.slice(i + 1));
      break;
    }
    const m = /^(--[a-z-]+)(?:=(.*))?$/.exec(a);
    if (m) {
      const [, opt, inline] = m;
      let v: string;
      if (opt === '--format' || opt === '-f') {
        [v, i] = value(opt, inline, i);
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(t(msg('cli.err.value', { opt, choices: 'text|json|sarif', value: v }), locale));
        args.format = v;
      } else if (opt === '--lang') {
        [v, i] = value(opt, inline, i);
        if (!/^(en|zh-cn)$/i.test(v)) throw new UsageError(t(msg('cli.err.value', { opt, choices: 'en|zh-cn', value: v }), locale));
      } else if (opt === '--config') {
        [v, i] = value(opt, inline, i);
        args.config = v;
      } else if (opt === '--baseline') {
        [v, i] = value(opt, inline, i);
        args.baseline = v;
      } else if (opt === '--write-baseline') {
        [v, i] = value(opt, inline, i);
        args.writeBaseline = v;
      } else if (opt === '--kubernetes-version') {
        [v, i] = value(opt, inline, i);
        args.kubernetesVersion = parseKubernetesVersion(v);
        if (!args.kubernetesVersion) throw new UsageError(t(msg('cli.err.value', { opt, choices: KUBERNETES_VERSIONS.join('|'), value: v }), locale));
      } else if (opt === '--require-reasons' && inline === undefined) {
        args.requireReasons = true;
      } else if (opt === '--no-inline-config' && inline === undefined) {
        args.inlineConfig = false;
      } else throw new UsageError(t(msg('cli.err.option', { opt: a }), locale));
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(t(msg('cli.err.option', { opt: a }), locale));
    } else args.paths.push(a);
  }
  return args;
}

/** Where the rule pages live for SARIF helpUri: next to the installed bundle (dist/../docs/rules/). */
function helpBase(): string {
  return pathToFileURL(path.join(__dirname, '..', 'docs', 'rules')).href + '/';
}

export async function runLint(argv: string[], io: CliIO, version: string): Promise<number> {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  let args: LintArgs;
  try {
    args = parseArgs(argv, env);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(e.message + '\n');
      return 2;
    }
    throw e;
  }
  const { locale } = args;
  try {
    if (!args.paths.length) throw new UsageError(t('cli.err.noPaths', locale));
    let config: LintConfig = { rules: {}, schema: true };
    if (args.config) config = await loadConfig(path.resolve(cwd, args.config), locale, io);
    else {
      const dflt = path.join(cwd, '.kube-dorm.json');
      if (
        await fsp.stat(dflt).then(
          (s) => s.isFile(),
          () => false,
        )
      )
        config = await loadConfig(dflt, locale, io);
    }

    const files: string[] = [];
    for (const p of args.paths) {
      try {
        await collect(path.resolve(cwd, p), files, true);
      } catch (e) {
        throw new UsageError(t(msg('cli.err.missing', { path: p, reason: reason(e, locale) }), locale));
      }
    }
    const unique = withKustomizeInputs([...new Set(files)], (p) => EXT.test(p));
    if (!unique.length) io.stderr.write(t('cli.warn.noFiles', locale) + '\n');

    const ws = new Workspace();
    const uris: [string, string][] = [];
    for (const f of unique) {
      let text: string;
      try {
        text = await fsp.readFile(f, 'utf8');
      } catch (e) {
        throw new UsageError(t(msg('cli.err.missing', { path: f, reason: reason(e, locale) }), locale));
      }
      const uri = pathToFileURL(f).href;
      ws.set(uri, text);
      const rel = path.relative(cwd, f);
      uris.push([uri, rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : f]);
    }
    // The committed CRD schemas (`kube-dorm schemas import`): context for custom resources, not linted unless named.
    for (const f of await schemaFiles(cwd)) {
      const uri = pathToFileURL(f).href;
      if (!ws.has(uri)) ws.set(uri, await fsp.readFile(f, 'utf8'));
    }
    const opts = {
      severities: config.rules,
      schema: config.schema,
      requireReasons: args.requireReasons,
      inlineConfig: args.inlineConfig,
      kubernetesVersion: args.kubernetesVersion ?? config.kubernetesVersion,
    };
    let results = uris.map(([uri, file]) => ({ uri, file, diagnostics: lintWorkspaceFile(ws, uri, opts, diskReader) }));
    if (args.writeBaseline) {
      const b = makeBaseline(ws, results);
      const out = path.resolve(cwd, args.writeBaseline);
      try {
        await fsp.writeFile(out, JSON.stringify(b, null, 2) + '\n');
      } catch (e) {
        throw new UsageError(t(msg('cli.err.baseline', { path: args.writeBaseline, reason: reason(e, locale) }), locale));
      }
      io.stderr.write(
        t(msg('cli.info.wroteBaseline', { count: results.reduce((n, r) => n + r.diagnostics.length, 0), path: args.writeBaseline }), locale) + '\n',
      );
      results = applyBaseline(ws, results, b);
    } else if (args.baseline) {
      let b;
      try {
        b = await readBaseline(path.resolve(cwd, args.baseline));
      } catch (e) {
        throw new UsageError(t(msg('cli.err.baseline', { path: args.baseline, reason: e instanceof SyntaxError ? e.message : reason(e, locale) }), locale));
      }
      results = applyBaseline(ws, results, b);
    }

    if (args.format === 'json') io.stdout.write(JSON.stringify(toJson(results, locale), null, 2) + '\n');
    else if (args.format === 'sarif')
      io.stdout.write(
        JSON.stringify(
          toSarif(results, { version, root: cwd, helpBase: helpBase(), catalog: ruleCatalog(), locale, fingerprints: fingerprints(ws, results) }),
          null,
          2,
        ) + '\n',
      );
    else io.stdout.write(toText(results, locale, !!io.stdout.isTTY && !env.NO_COLOR));

    return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(e.message + '\n');
      // Code scanning still gets a valid log, with the failure as a tool notification.
      if (args.format === 'sarif')
        io.stdout.write(
          JSON.stringify(toSarif([], { version, root: cwd, helpBase: helpBase(), catalog: ruleCatalog(), locale, failure: e.message }), null, 2) + '\n',
        );
      return 2;
    }
    throw e;
  }
}

declare module '../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
