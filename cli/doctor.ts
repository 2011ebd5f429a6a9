// `kube-dorm doctor [--kubeconfig F] [--context C] [-n NS] [--format table|json] [--lang]`: checks
// the way to a real cluster (core/remote/doctor.ts) and prints each check with what to do when it
// failed. Exit status: 0 no check failed (warnings allowed), 1 a check failed, 2 usage error.
import type { MessageIds } from '../core/manifest/types';
import { defineMessages, msgOf, t } from '../core/i18n/index';
import { runDoctor, type CheckLevel } from '../core/remote/doctor';
import { argsOrUsage } from './remote-args';
import type { StatusIO } from './status';

const doctorMessages = defineMessages({
  'doctor.usage': {
    en: 'usage: kube-dorm doctor [--kubeconfig FILE] [--context NAME] [-n NAMESPACE] [--format table|json] [--lang en|zh-cn]',
    zh: '用法：kube-dorm doctor [--kubeconfig 文件] [--context 名称] [-n 命名空间] [--format table|json] [--lang en|zh-cn]',
  },
  'doctor.title.kubeconfig': { en: 'kubeconfig', zh: 'kubeconfig' },
  'doctor.title.context': { en: 'context', zh: '上下文' },
  'doctor.title.plugin': { en: 'auth plugin', zh: '认证插件' },
  'doctor.title.reach': { en: 'reachability', zh: '连通性' },
  'doctor.title.tls': { en: 'TLS', zh: 'TLS' },
  'doctor.title.auth': { en: 'credentials', zh: '凭据' },
  'doctor.title.permissions': { en: 'permissions', zh: '权限' },
  'doctor.title.skew': { en: 'version skew', zh: '版本差异' },
});

const doctorMsg = msgOf(doctorMessages);

const MARK: Record<CheckLevel, string> = { ok: '✓', warn: '!', fail: '✗', skip: '-' };

export async function runDoctorCommand(argv: string[], io: StatusIO): Promise<number> {
  const env = io.env ?? process.env;
  const args = argsOrUsage(argv, env, io.stderr, 'doctor.usage');
  if (!args) return 2;
  const locale = args.locale;
  const checks = await runDoctor({ explicit: args.kubeconfig, context: args.context, namespace: args.namespace || undefined, env });
  if (args.format === 'json') {
    io.stdout.write(
      JSON.stringify(
        checks.map((c) => ({ id: c.id, level: c.level, message: t(c.msg, locale) })),
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const c of checks) io.stdout.write(`${MARK[c.level]} ${t(doctorMsg(`doctor.title.${c.id}`), locale)}: ${t(c.msg, locale).replace(/\n/g, '\n    ')}\n`);
  }
  return checks.some((c) => c.level === 'fail') ? 1 : 0;
}

declare module '../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof doctorMessages> {}
}
