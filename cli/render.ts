// `kube-dorm render DIR [--lang en|zh-cn]`: renders a kustomization natively (as `kubectl kustomize
// DIR` does) and prints the objects as YAML. Exit status: 0 rendered, 1 the kustomization does not
// build, 2 usage.
import type { MessageIds } from '../core/manifest/types';
import * as path from 'node:path';
import { defineMessages, msgOf, resolveLocale, t, type Locale } from '../core/i18n/index';
import { KustomizeError, renderKustomization, toYaml } from '../core/kustomize/index';
import { splitArgv } from './argv';
import { diskReader } from './kustomize-files';
import type { CliIO } from './lint';

const messages = defineMessages({
  'render.usage': {
    en: 'usage: kube-dorm render DIR [--lang en|zh-cn]   (DIR: a folder with kustomization.yaml, or the file itself)',
    zh: '用法：kube-dorm render 目录 [--lang en|zh-cn]   （目录：含 kustomization.yaml 的文件夹，或该文件本身）',
  },
  'render.unknownFlag': { en: 'kube-dorm render: unknown option {flag}', zh: 'kube-dorm render：未知选项 {flag}' },
  'render.failed': { en: 'kube-dorm render: {detail}', zh: 'kube-dorm render：{detail}' },
  'render.where': { en: '  in {file}{at}', zh: '  位于 {file}{at}' },
});
const msg = msgOf(messages);

class UsageError extends Error {}

/** A KustomizeError as the CLI prints it: the message, then where (file and YAML path). */
export function describeKustomizeError(e: KustomizeError, locale: Locale, cwd: string): string {
  const lines = [t(msg('render.failed', { detail: t(e.msg, locale) }), locale)];
  if (e.file) lines.push(t(msg('render.where', { file: path.relative(cwd, e.file) || e.file, at: e.at?.length ? ` (${e.at.join('.')})` : '' }), locale));
  return lines.join('\n') + '\n';
}

export function runRender(argv: string[], io: CliIO): number {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  let locale = resolveLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
  let target: string;
  try {
    const { positional, flags } = splitArgv(argv, {
      valued: ['--lang'],
      unknown: (flag) => new UsageError(t(msg('render.unknownFlag', { flag }), locale)),
      missing: () => new UsageError(t('render.usage', locale)),
    });
    for (const f of flags) locale = resolveLocale(f.value);
    if (positional.length !== 1) throw new UsageError(t('render.usage', locale));
    target = path.resolve(cwd, positional[0]);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(e.message + '\n');
    return 2;
  }
  try {
    io.stdout.write(toYaml(renderKustomization(diskReader, target).objects));
    return 0;
  } catch (e) {
    if (!(e instanceof KustomizeError)) throw e;
    io.stderr.write(describeKustomizeError(e, locale, cwd));
    return 1;
  }
}

declare module '../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
