// The `kube-dorm` command: lint | simulate | render | lesson | schemas | status | doctor | lsp | serve. Bundled to dist/cli.js; bin/kube-dorm.js calls main().
import type { MessageIds } from '../core/manifest/types';
import { defineMessages, msgOf, resolveLocale, t } from '../core/i18n/index';
import { runLint, type CliIO } from './lint';

const pkg = require('../package.json') as { version: string };

const messages = defineMessages({
  'cli.help': {
    en: `kube-dorm {version}: check Kubernetes manifests, simulate them, serve an editor.

Usage:
  kube-dorm lint [--format text|json|sarif] [--lang en|zh-cn] [--config FILE] [--kubernetes-version 1.xx] PATH...
      Check .yaml/.yml/.json files (folders recursively, skipping node_modules and .git).
      All files form one workspace, so references across files are resolved.
      A kustomization is checked as it renders (its bases too); its patch files are not
      checked as whole objects, nor a Helm chart's values.yaml.
      Config: --config FILE, or .kube-dorm.json in the current folder:
        {"rules": {"image-latest": "off", "resources-missing-limits": "error"}, "schema": true}
      --kubernetes-version 1.27…1.36 (or "kubernetesVersion" in the config; default the newest):
        report APIs that version does not serve and fields added after it.
      CI: --write-baseline FILE records today's findings; --baseline FILE reports only new ones.
        "# kube-dorm-disable-next-line CODE -- reason" silences one line; --require-reasons makes
        a suppression without a reason an error; --no-inline-config ignores suppressions.
      Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
  kube-dorm simulate PATH...   Run manifests in the simulated cluster (a kustomization folder: as rendered).
      --kubernetes-version 1.xx checks them against that version before they run.
  kube-dorm render DIR          Render a kustomization (as kubectl kustomize DIR) and print the YAML.
  kube-dorm schemas import FILE|DIR...
      Copy the CustomResourceDefinitions found there into .kube-dorm/schemas/ (commit it): lint and
      the editor check custom resources against them, as against CRDs anywhere in the workspace.
  kube-dorm serve [FILE...] [--port 0] [--kubeconfig PATH] [--nodes 3] [--speed 1] [--kubernetes-version 1.xx]
      Serve the simulated cluster to kubectl (127.0.0.1 only) and write a kubeconfig.
      --kubernetes-version: /version says it, discovery lists only the APIs it serves.
  kube-dorm status [--kubeconfig FILE] [--context NAME] [-n NS | -A] [--format table|json]
      Print a real cluster as the side panel draws it (buildings, managers, rooms, dispatch centres).
  kube-dorm doctor [--kubeconfig FILE] [--context NAME] [-n NS]
      Check the kubeconfig, reachability, TLS, auth plugin, permissions and version skew.
  kube-dorm lesson check DIR...  Play every step of each lesson in DIR on the simulator; report problems at FILE:LINE:COL.
  kube-dorm lesson new NAME [--dir .kube-dorm/lessons]   Scaffold a lesson that passes lesson check.
  kube-dorm lsp --stdio         Start the language server on stdin/stdout.
  kube-dorm --help | --version

The language follows LC_ALL/LANG (zh_CN → Chinese) unless --lang is given.
`,
    zh: `kube-dorm {version}：检查 Kubernetes 清单、模拟运行、为编辑器提供语言服务。

用法：
  kube-dorm lint [--format text|json|sarif] [--lang en|zh-cn] [--config 文件] [--kubernetes-version 1.xx] 路径...
      检查 .yaml/.yml/.json 文件（目录递归检查，跳过 node_modules 和 .git）。
      所有文件组成一个工作区，跨文件的引用会被解析。
      kustomization 按渲染结果检查（包括其 base）；其补丁文件不按完整对象检查，Helm chart 的 values.yaml 也不检查。
      配置：--config 文件，或当前目录下的 .kube-dorm.json：
        {"rules": {"image-latest": "off", "resources-missing-limits": "error"}, "schema": true}
      --kubernetes-version 1.27…1.36（或配置中的 "kubernetesVersion"；默认最新版本）：
        报告该版本不提供的 API 以及在它之后才加入的字段。
      CI：--write-baseline 文件 记录当前的问题；--baseline 文件 只报告新问题。
        "# kube-dorm-disable-next-line 规则码 -- 理由" 忽略下一行；--require-reasons 让没写理由的
        抑制注释成为错误；--no-inline-config 忽略所有抑制注释。
      退出码：0 无错误，1 发现错误，2 用法或读写错误。
  kube-dorm simulate 路径...    在模拟集群中运行清单（kustomization 目录按渲染结果运行）。
      --kubernetes-version 1.xx 在运行前按该版本检查清单。
  kube-dorm render 目录         渲染 kustomization（同 kubectl kustomize 目录）并输出 YAML。
  kube-dorm schemas import 文件|目录...
      把其中的 CustomResourceDefinition 复制到 .kube-dorm/schemas/（请提交）：lint 和编辑器会据此检查自定义资源，
      与工作区中任何位置的 CRD 一样。
  kube-dorm serve [文件...] [--port 0] [--kubeconfig 路径] [--nodes 3] [--speed 1] [--kubernetes-version 1.xx]
      把模拟集群提供给 kubectl（只监听 127.0.0.1），并写出 kubeconfig。
      --kubernetes-version：/version 报告该版本，发现接口只列出该版本提供的 API。
  kube-dorm status [--kubeconfig 文件] [--context 名称] [-n 命名空间 | -A] [--format table|json]
      按侧边面板的画法打印真实集群（宿舍楼、管理员、宿舍、外卖调度中心）。
  kube-dorm doctor [--kubeconfig 文件] [--context 名称] [-n 命名空间]
      检查 kubeconfig、连通性、TLS、认证插件、权限和版本差异。
  kube-dorm lesson check 目录... 在模拟器上演示目录中每一课的每一步；问题按 文件:行:列 报告。
  kube-dorm lesson new 名称 [--dir .kube-dorm/lessons]   生成一个能通过 lesson check 的课程骨架。
  kube-dorm lsp --stdio         在标准输入/输出上启动语言服务器。
  kube-dorm --help | --version

输出语言跟随 LC_ALL/LANG（zh_CN → 中文），可用 --lang 指定。
`,
  },
  'cli.err.command': { en: 'kube-dorm: unknown command "{cmd}" (see `kube-dorm --help`).', zh: 'kube-dorm：未知命令 "{cmd}"（见 `kube-dorm --help`）。' },
  'cli.err.simulateMissing': {
    en: 'kube-dorm simulate: the simulator is not available in this build.',
    zh: 'kube-dorm simulate：此版本中没有可用的模拟器。',
  },
});
const msg = msgOf(messages);

type SimulateModule = { runSimulate(argv: string[], io: { stdout: CliIO['stdout']; stderr: CliIO['stderr'] }): number };

/** The simulator is another engineer's module: loaded lazily, and its absence is a clear message, not a crash. */
function loadSimulate(): SimulateModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('./simulate') as Partial<SimulateModule>;
    return typeof m.runSimulate === 'function' ? (m as SimulateModule) : undefined;
  } catch {
    return undefined;
  }
}

export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const env = io.env ?? process.env;
  // `kube-dorm lint . | head` closes the pipe early: that is not an error worth a stack trace.
  if (io.stdout === process.stdout)
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  const langArg = argv.find((a, i) => argv[i - 1] === '--lang' || a.startsWith('--lang='));
  const locale = resolveLocale(langArg?.replace(/^--lang=/, '') ?? (env.LC_ALL || env.LC_MESSAGES || env.LANG));
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      (cmd === undefined ? io.stderr : io.stdout).write(t(msg('cli.help', { version: pkg.version }), locale));
      return cmd === undefined ? 2 : 0;
    case '--version':
    case '-v':
    case 'version':
      io.stdout.write(pkg.version + '\n');
      return 0;
    case 'lint':
      if (rest.includes('--help') || rest.includes('-h')) {
        io.stdout.write(t(msg('cli.help', { version: pkg.version }), locale));
        return 0;
      }
      return runLint(rest, io, pkg.version);
    case 'lsp': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for `lsp`, so `lint` starts fast
      const { runLsp } = require('./lsp') as typeof import('./lsp');
      return runLsp(rest, io);
    }
    case 'simulate': {
      const sim = loadSimulate();
      if (!sim) {
        io.stderr.write(t('cli.err.simulateMissing', locale) + '\n');
        return 2;
      }
      return sim.runSimulate(rest, io);
    }
    case 'render': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for `render`, so `lint` starts fast
      const { runRender } = require('./render') as typeof import('./render');
      return runRender(rest, io);
    }
    case 'serve': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for `serve`, so `lint` starts fast
      const { runServe } = require('./serve') as typeof import('./serve');
      return runServe(rest, io);
    }
    case 'schemas': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for `schemas`
      const { runSchemas } = require('./schemas') as typeof import('./schemas');
      return runSchemas(rest, io);
    }
    case 'status': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for `status`, so `lint` starts fast
      const { runStatus } = require('./status') as typeof import('./status');
      return runStatus(rest, io);
    }
    case 'lesson': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for `lesson`, so `lint` starts fast
      const { runLesson } = require('./lesson') as typeof import('./lesson');
      return runLesson(rest, io);
    }
    case 'doctor': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for `doctor`
      const { runDoctorCommand } = require('./doctor') as typeof import('./doctor');
      return runDoctorCommand(rest, io);
    }
    default:
      io.stderr.write(t(msg('cli.err.command', { cmd }), locale) + '\n');
      return 2;
  }
}

declare module '../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
