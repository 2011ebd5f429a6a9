// `kube-dorm schemas import FILE|DIR... [--out DIR] [--lang en|zh-cn]`: copies the CRDs found in the
// given files or folders into `.kube-dorm/schemas/` (one file per CRD; commit the folder), which
// `kube-dorm lint` and the editor read. Exit status: 0 imported, 1 no CRD found, 2 usage or I/O.
import type { MessageIds } from '../core/manifest/types';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { defineMessages, msgOf, resolveLocale, t } from '../core/i18n/index';
import { importSchemas, SCHEMAS_DIR } from '../core/workspace/crd-import';
import { splitArgv } from './argv';
import { collect, type CliIO } from './lint';

const messages = defineMessages({
  'schemas.usage': {
    en: 'usage: kube-dorm schemas import FILE|DIR... [--out DIR] [--lang en|zh-cn]   (writes one file per CRD into .kube-dorm/schemas/)',
    zh: '用法：kube-dorm schemas import 文件|目录... [--out 目录] [--lang en|zh-cn]   （每个 CRD 写成 .kube-dorm/schemas/ 下的一个文件）',
  },
  'schemas.unknownFlag': { en: 'kube-dorm schemas: unknown option {flag}', zh: 'kube-dorm schemas：未知选项 {flag}' },
  'schemas.io': { en: 'kube-dorm schemas: {path}: {reason}', zh: 'kube-dorm schemas：{path}：{reason}' },
  'schemas.wrote': { en: 'imported {name} ({versions}) from {from} → {file}', zh: '已导入 {name}（{versions}），来自 {from} → {file}' },
  'schemas.skipped': {
    en: 'skipped a CustomResourceDefinition in {from}: it has no group, kind or plural',
    zh: '跳过 {from} 中的一个 CustomResourceDefinition：缺少 group、kind 或 plural',
  },
  'schemas.none': {
    en: 'kube-dorm schemas: no CustomResourceDefinition found in the given files.',
    zh: 'kube-dorm schemas：给定的文件里没有 CustomResourceDefinition。',
  },
  'schemas.done': {
    en: '{count} CRD schema(s) in {dir}: commit the folder; kube-dorm lint and the editor read it.',
    zh: '{dir} 中共 {count} 个 CRD 结构定义：请提交该目录；kube-dorm lint 和编辑器会读取它。',
  },
});
const msg = msgOf(messages);

class UsageError extends Error {}

export async function runSchemas(argv: string[], io: CliIO): Promise<number> {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  let locale = resolveLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
  let out = path.join(cwd, SCHEMAS_DIR);
  let inputs: string[];
  try {
    const { positional, flags } = splitArgv(argv, {
      valued: ['--lang', '--out'],
      unknown: (flag) => new UsageError(t(msg('schemas.unknownFlag', { flag }), locale)),
      missing: () => new UsageError(t('schemas.usage', locale)),
    });
    for (const f of flags) {
      if (f.name === '--lang') locale = resolveLocale(f.value);
      else out = path.resolve(cwd, f.value);
    }
    if (positional[0] !== 'import' || positional.length < 2) throw new UsageError(t('schemas.usage', locale));
    inputs = positional.slice(1);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(e.message + '\n');
    return 2;
  }
  const rel = (p: string) => path.relative(cwd, p).split(path.sep).join('/') || p;
  const files: { name: string; text: string }[] = [];
  try {
    const paths: string[] = [];
    for (const p of inputs) await collect(path.resolve(cwd, p), paths, true);
    for (const p of paths) files.push({ name: rel(p), text: await fsp.readFile(p, 'utf8') });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.stderr.write(t(msg('schemas.io', { path: err.path ? rel(err.path) : inputs.join(' '), reason: err.code ?? err.message }), locale) + '\n');
    return 2;
  }
  const result = importSchemas(files);
  for (const s of result.skipped) io.stderr.write(t(msg('schemas.skipped', { from: s.from }), locale) + '\n');
  if (!result.schemas.length) {
    io.stderr.write(t('schemas.none', locale) + '\n');
    return 1;
  }
  try {
    await fsp.mkdir(out, { recursive: true });
    for (const s of result.schemas) {
      const file = path.join(out, s.fileName);
      await fsp.writeFile(file, s.text);
      io.stdout.write(t(msg('schemas.wrote', { name: s.name, versions: s.versions.join(', '), from: s.from, file: rel(file) }), locale) + '\n');
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.stderr.write(t(msg('schemas.io', { path: rel(err.path ?? out), reason: err.code ?? err.message }), locale) + '\n');
    return 2;
  }
  io.stdout.write(t(msg('schemas.done', { count: result.schemas.length, dir: rel(out) }), locale) + '\n');
  return 0;
}

declare module '../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
