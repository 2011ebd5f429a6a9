// The command line `status` and `doctor` share: which kubeconfig and context, which namespace, the
// output format and language (kubectl's flag names: --kubeconfig, --context, -n/--namespace, -A).
import type { MessageId, MessageIds, Msg } from '../core/manifest/types';
import { defineMessages, msgOf, resolveLocale, t, type Locale } from '../core/i18n/index';
import { splitArgv } from './argv';

const messages = defineMessages({
  'remoteArgs.unknown': { en: 'error: unknown option {flag}', zh: '错误：未知选项 {flag}' },
  'remoteArgs.missing': { en: 'error: {flag} needs a value', zh: '错误：{flag} 需要一个值' },
  'remoteArgs.extra': { en: 'error: unexpected argument {arg}', zh: '错误：多余的参数 {arg}' },
  'remoteArgs.format': { en: 'error: --format must be table or json, not "{value}"', zh: '错误：--format 只能是 table 或 json，而不是 "{value}"' },
});
const msg = msgOf(messages);

export interface RemoteArgs {
  kubeconfig?: string;
  context?: string;
  /** undefined: the context's namespace; '' : all namespaces (-A). */
  namespace?: string;
  format: 'table' | 'json';
  locale: Locale;
}

export class RemoteUsageError extends Error {
  constructor(readonly msg: Msg) {
    super(t(msg, 'en'));
  }
}

/** The language of the output: --lang, else LC_ALL/LC_MESSAGES/LANG (read before the rest, so usage errors use it too). */
export function argvLocale(argv: readonly string[], env: NodeJS.ProcessEnv): Locale {
  const langArg = argv.find((a, i) => argv[i - 1] === '--lang' || a.startsWith('--lang='));
  return resolveLocale(langArg?.replace(/^--lang=/, '') ?? (env.LC_ALL || env.LC_MESSAGES || env.LANG));
}

export function parseRemoteArgs(argv: string[], env: NodeJS.ProcessEnv): RemoteArgs {
  const expanded = argv.map((a) => (a === '-n' ? '--namespace' : a === '-A' ? '--all-namespaces' : a.startsWith('-n=') ? `--namespace=${a.slice(3)}` : a));
  const { positional, flags } = splitArgv(expanded, {
    valued: ['--kubeconfig', '--context', '--namespace', '--format', '--lang'],
    bare: ['--all-namespaces'],
    unknown: (flag) => new RemoteUsageError(msg('remoteArgs.unknown', { flag })),
    missing: (flag) => new RemoteUsageError(msg('remoteArgs.missing', { flag })),
  });
  const o: RemoteArgs = { format: 'table', locale: argvLocale(argv, env) };
  if (positional.length) throw new RemoteUsageError(msg('remoteArgs.extra', { arg: positional[0] }));
  for (const { name, value } of flags) {
    if (name === '--kubeconfig') o.kubeconfig = value;
    else if (name === '--context') o.context = value;
    else if (name === '--namespace') o.namespace = value;
    else if (name === '--all-namespaces') o.namespace = '';
    else if (name === '--format') {
      if (value !== 'table' && value !== 'json') throw new RemoteUsageError(msg('remoteArgs.format', { value }));
      o.format = value;
    }
  }
  return o;
}

/** The arguments, or undefined after writing the usage error (with `usageId`'s usage line) to stderr. */
export function argsOrUsage(argv: string[], env: NodeJS.ProcessEnv, stderr: { write(s: string): unknown }, usageId: MessageId): RemoteArgs | undefined {
  try {
    return parseRemoteArgs(argv, env);
  } catch (e) {
    if (!(e instanceof RemoteUsageError)) throw e;
    const locale = argvLocale(argv, env);
    stderr.write(t(e.msg, locale) + '\n' + t(usageId, locale) + '\n');
    return undefined;
  }
}

declare module '../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
