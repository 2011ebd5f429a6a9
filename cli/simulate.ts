// `kube-dorm simulate FILE... [--nodes 3] [--node-cpu 4] [--node-memory 8Gi] [--script FILE]
//  [--until 5m] [--seed N] [--sample-every 1s] [--format table|json] [--lb-pool IP,IP] [--lang en|zh-cn] [--explain] [--kubernetes-version 1.xx]`
import type { MessageIds } from '../core/manifest/types';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCluster, applyFiles } from '../core/cluster/index';
import { parseDuration } from '../core/cluster/clock';
import { runCommand } from '../core/kubectl/commands';
import { printEvents, printGet, podStatus, podReady, podRestarts } from '../core/kubectl/printers';
import { resolveLocale, t, defineMessages, msgOf, type Locale } from '../core/i18n/index';
import { controllerOf } from '../core/cluster/store';
import { splitArgv } from './argv';
import { findKustomization, KustomizeError, renderKustomization, toYaml } from '../core/kustomize/index';
import { diskReader, kustomizationDir } from './kustomize-files';
import { describeKustomizeError } from './render';
import { noticeText } from '../core/cluster/coverage';
import { explain, explanationText } from '../core/cluster/explain';
import { parseKubernetesVersion } from '../core/schema/versions';

const msgs = defineMessages({
  'sim.cli.usage': {
    en: 'usage: kube-dorm simulate FILE... [--nodes 3] [--node-cpu 4] [--node-memory 8Gi] [--script FILE] [--until 5m] [--seed N] [--sample-every 1s] [--format table|json] [--lb-pool IP,...] [--lang en|zh-cn] [--explain] [--kubernetes-version 1.xx]',
    zh: '用法：kube-dorm simulate 文件... [--nodes 3] [--node-cpu 4] [--node-memory 8Gi] [--script 文件] [--until 5m] [--seed N] [--sample-every 1s] [--format table|json] [--lb-pool IP,...] [--lang en|zh-cn] [--explain] [--kubernetes-version 1.xx]',
  },
  'sim.cli.badValue': { en: 'error: invalid value for {flag}: "{value}"', zh: '错误：{flag} 的值无效："{value}"' },
  'sim.cli.unknownFlag': { en: 'error: unknown option {flag}', zh: '错误：未知选项 {flag}' },
  'sim.cli.noFiles': { en: 'error: no manifest file given', zh: '错误：没有指定清单文件' },
  'sim.cli.unreadable': { en: 'error: cannot read {file}: {detail}', zh: '错误：无法读取 {file}：{detail}' },
  'sim.cli.badScript': {
    en: 'error: {file}:{line}: expected "@<time> <command>", got "{text}"',
    zh: '错误：{file}:{line}：应为 "@<时间> <命令>"，实际为 "{text}"',
  },
  'sim.cli.refused': { en: 'refused {file}:{line}: {message} ({code})', zh: '已拒绝 {file}:{line}：{message}（{code}）' },
  'sim.cli.notSimulated': { en: 'not simulated: {list}', zh: '未模拟：{list}' },
  'sim.cli.events': { en: '== Events (kubectl get events) ==', zh: '== 事件（kubectl get events）==' },
  'sim.cli.objects': {
    en: '== Objects at {t}s (kubectl get pods,rs,deploy,sts,ds,jobs,cronjobs,svc,endpoints) ==',
    zh: '== {t} 秒时的对象（kubectl get pods,rs,deploy,sts,ds,jobs,cronjobs,svc,endpoints）==',
  },
  'sim.cli.results': { en: '== Script results ==', zh: '== 脚本结果 ==' },
  'sim.cli.explain': { en: '== Why is it broken? ==', zh: '== 为什么坏了？==' },
  'sim.cli.explainNone': { en: 'Nothing is broken.', zh: '没有发现问题。' },
});
const msg = msgOf(msgs);

interface Opts {
  files: string[];
  nodes: number;
  nodeCpu: string;
  nodeMemory: string;
  script?: string;
  until: number;
  seed: number;
  sampleEvery: number;
  format: 'table' | 'json';
  lbPool: string[];
  locale: Locale;
  explain: boolean;
  /** The Kubernetes minor the manifests are checked against before they run. */
  kubernetesVersion?: string;
}

class UsageError extends Error {}

function parseArgv(argv: string[], locale: Locale): Opts {
  const o: Opts = {
    files: [],
    nodes: 3,
    nodeCpu: '4',
    nodeMemory: '8Gi',
    until: 300_000,
    seed: 1,
    sampleEvery: 1000,
    format: 'table',
    lbPool: [],
    locale,
    explain: false,
  };
  const bad = (flag: string, value: string) => new UsageError(t(msg('sim.cli.badValue', { flag, value }), locale));
  const { positional, flags } = splitArgv(argv, {
    bare: ['--explain'],
    valued: [
      '--nodes',
      '--node-cpu',
      '--node-memory',
      '--script',
      '--until',
      '--seed',
      '--sample-every',
      '--format',
      '--lb-pool',
      '--lang',
      '--kubernetes-version',
    ],
    unknown: (flag) => new UsageError(t(msg('sim.cli.unknownFlag', { flag }), locale)),
    missing: (flag) => bad(flag, ''),
  });
  o.files.push(...positional);
  for (const { name, value: v } of flags) {
    switch (name) {
      case '--nodes':
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 5000) throw bad(name, v);
        o.nodes = Number(v);
        break;
      case '--node-cpu':
        if (!/^\d+(\.\d+)?m?$/.test(v)) throw bad(name, v);
        o.nodeCpu = v;
        break;
      case '--node-memory':
        if (!/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/.test(v)) throw bad(name, v);
        o.nodeMemory = v;
        break;
      case '--script':
        o.script = v;
        break;
      case '--until': {
        const d = parseDuration(v);
        if (d === undefined) throw bad(name, v);
        o.until = d;
        break;
      }
      case '--seed':
        if (!/^-?\d+$/.test(v)) throw bad(name, v);
        o.seed = Number(v);
        break;
      case '--sample-every': {
        const d = parseDuration(v);
        if (d === undefined || d <= 0) throw bad(name, v);
        o.sampleEvery = d;
        break;
      }
      case '--format':
        if (v !== 'table' && v !== 'json') throw bad(name, v);
        o.format = v;
        break;
      case '--lb-pool':
        o.lbPool = v.split(',').filter(Boolean);
        break;
      case '--lang':
        o.locale = resolveLocale(v);
        break;
      case '--explain':
        o.explain = true;
        break;
      case '--kubernetes-version':
        o.kubernetesVersion = parseKubernetesVersion(v);
        if (!o.kubernetesVersion) throw bad(name, v);
        break;
    }
  }
  if (!o.files.length) throw new UsageError(t('sim.cli.noFiles', o.locale));
  return o;
}

/** Manifest files under a path (a file, or the .yaml/.yml/.json files of a folder, recursively). */
function collect(p: string): string[] {
  const st = fs.statSync(p);
  if (st.isFile()) return [p];
  const out: string[] = [];
  for (const e of fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(p, e.name);
    if (e.isDirectory()) out.push(...collect(full));
    else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(full);
  }
  return out;
}

/** A kustomization rendered natively, as one multi-document input named after its kustomization. */
function renderedInput(dir: string, locale: Locale): { uri: string; text: string } {
  try {
    return { uri: findKustomization(diskReader, path.resolve(dir)) ?? dir, text: toYaml(renderKustomization(diskReader, path.resolve(dir)).objects) };
  } catch (e) {
    if (e instanceof KustomizeError) throw new UsageError(describeKustomizeError(e, locale, process.cwd()).trimEnd());
    throw e;
  }
}

interface ScriptLine {
  at: number;
  command: string;
}

function parseScript(file: string, text: string, locale: Locale): ScriptLine[] {
  const out: ScriptLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const m = /^@(\S+)\s+(.+)$/.exec(line);
    const at = m ? parseDuration(m[1]) : undefined;
    if (!m || at === undefined) throw new UsageError(t(msg('sim.cli.badScript', { file, line: i + 1, text: raw.trim().slice(0, 80) }), locale));
    out.push({ at, command: m[2] });
  });
  return out.sort((a, b) => a.at - b.at);
}

export function runSimulate(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): number {
  const envLocale = resolveLocale(process.env.KUBE_DORM_LANG ?? process.env.LC_ALL ?? process.env.LANG);
  let opts: Opts;
  const files: { uri: string; text: string }[] = [];
  let script: ScriptLine[] = [];
  try {
    opts = parseArgv(argv, envLocale);
    for (const f of opts.files) {
      // A kustomization (its folder or its file) runs as it renders, as `kubectl apply -k` would apply it.
      const kdir = kustomizationDir(f);
      if (kdir) {
        files.push(renderedInput(kdir, opts.locale));
        continue;
      }
      let paths: string[];
      try {
        paths = collect(f);
      } catch (e) {
        throw new UsageError(t(msg('sim.cli.unreadable', { file: f, detail: (e as NodeJS.ErrnoException).code ?? String(e) }), opts.locale));
      }
      for (const p of paths) {
        try {
          files.push({ uri: p, text: fs.readFileSync(p, 'utf8') });
        } catch (e) {
          throw new UsageError(t(msg('sim.cli.unreadable', { file: p, detail: (e as NodeJS.ErrnoException).code ?? String(e) }), opts.locale));
        }
      }
    }
    if (opts.script) {
      let text: string;
      try {
        text = fs.readFileSync(opts.script, 'utf8');
      } catch (e) {
        throw new UsageError(t(msg('sim.cli.unreadable', { file: opts.script, detail: (e as NodeJS.ErrnoException).code ?? String(e) }), opts.locale));
      }
      script = parseScript(opts.script, text, opts.locale);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(e.message + '\n' + t('sim.cli.usage', envLocale) + '\n');
      return 2;
    }
    throw e;
  }
  const L = opts.locale;
  const c = createCluster({ nodes: opts.nodes, nodeCpu: opts.nodeCpu, nodeMemory: opts.nodeMemory, seed: opts.seed, lbPool: opts.lbPool });
  const applied = applyFiles(c, files, { kubernetesVersion: opts.kubernetesVersion });
  let exit = 0;
  for (const d of applied.diagnostics) {
    io.stderr.write(t(msg('sim.cli.refused', { file: d.uri, line: d.range.start.line + 1, message: t(d.message, L), code: d.code }), L) + '\n');
    exit = 1;
  }
  // An object the API server refuses (a namespace that does not exist) fails the command, as in kubectl.
  for (const e of applied.errors) {
    io.stderr.write(e + '\n');
    exit = 1;
  }
  if (c.notSimulated.length)
    io.stderr.write(t(msg('sim.cli.notSimulated', { list: c.notSimulated.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ') }), L) + '\n');
  for (const n of applied.notSimulatedFields ?? []) io.stderr.write(noticeText(n, L, true) + '\n');

  const until = Math.max(opts.until, script.length ? script[script.length - 1].at : 0);
  const samples: any[] = [];
  const sample = () => {
    samples.push({
      t: c.now / 1000,
      pods: c
        .list('Pod')
        .slice()
        .sort((a, b) => ((a.metadata.namespace ?? '') + a.metadata.name < (b.metadata.namespace ?? '') + b.metadata.name ? -1 : 1))
        .map((p) => {
          const ref = controllerOf(p);
          return {
            name: p.metadata.name,
            namespace: p.metadata.namespace,
            status: podStatus(p),
            ready: podReady(p),
            restarts: podRestarts(c, p),
            node: p.spec?.nodeName ?? null,
            owner: ref ? `${ref.kind}/${ref.name}` : null,
            image: (p.spec?.containers ?? []).map((x: any) => x.image).join(','),
            ip: p.status?.podIP ?? null,
          };
        }),
    });
  };
  const results: { t: number; command: string; output: string }[] = [];
  const scriptDir = opts.script ? path.dirname(opts.script) : process.cwd();
  const readFile = (p: string) => fs.readFileSync(path.resolve(scriptDir, p), 'utf8');
  let si = 0;
  const json = opts.format === 'json';
  let nextSample = 0;
  c.settle();
  for (;;) {
    const nextAction = si < script.length ? script[si].at : Infinity;
    const next = Math.min(nextAction, json ? nextSample : Infinity, until);
    c.advanceTo(next);
    if (json && c.now === nextSample && nextSample <= until) {
      sample();
      nextSample += opts.sampleEvery;
    }
    while (si < script.length && script[si].at <= c.now) {
      const r = runCommand(c, script[si].command, { locale: L, readFile, kubernetesVersion: opts.kubernetesVersion });
      results.push({ t: c.now / 1000, command: script[si].command, output: r.output });
      si++;
    }
    if (c.now >= until && si >= script.length && (!json || nextSample > until)) break;
  }
  const explanations = opts.explain ? explain(c, files, { refused: applied.diagnostics }) : [];
  if (json) {
    const final = {
      pods: c.list('Pod'),
      replicaSets: c.list('ReplicaSet'),
      deployments: c.list('Deployment'),
      statefulSets: c.list('StatefulSet'),
      daemonSets: c.list('DaemonSet'),
      jobs: c.list('Job'),
      cronJobs: c.list('CronJob'),
      services: c.list('Service'),
      endpoints: c.list('Endpoints'),
      nodes: c.list('Node'),
      persistentVolumeClaims: c.list('PersistentVolumeClaim'),
      notSimulated: c.notSimulated.map((o) => ({ kind: o.kind, name: o.metadata?.name, namespace: o.metadata?.namespace })),
      notSimulatedFields: (applied.notSimulatedFields ?? []).map((n) => ({ kind: n.kind, path: n.path, message: noticeText(n, L) })),
    };
    const events = c.events.map((e) => ({ t: e.t / 1000, type: e.type, reason: e.reason, object: e.object, namespace: e.namespace, message: e.message }));
    io.stdout.write(
      JSON.stringify({
        events,
        samples,
        final,
        results,
        ...(opts.explain
          ? { explanations: explanations.map((e) => ({ ...e, steps: e.steps.map((s) => ({ file: null, line: null, column: null, ...s })) })) }
          : {}),
      }) + '\n',
    );
  } else {
    const out: string[] = [];
    if (results.length) {
      out.push(t('sim.cli.results', L));
      for (const r of results) out.push(`@${r.t}s $ ${r.command}\n${r.output.trimEnd()}`);
      out.push('');
    }
    out.push(t('sim.cli.events', L));
    out.push(printEvents(c, 'default', true).trimEnd());
    out.push('');
    out.push(t(msg('sim.cli.objects', { t: c.now / 1000 }), L));
    const kinds = ['Pod', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'Endpoints'];
    out.push(
      kinds
        .map((k) => printGet(c, k, { allNamespaces: true, withKind: true }))
        .filter(Boolean)
        .join('\n')
        .trimEnd(),
    );
    if (opts.explain) {
      const pick = (x: { en: string; zh: string }) => (L === 'en' ? x.en : x.zh);
      out.push('', t('sim.cli.explain', L));
      out.push(explanations.length ? explanations.map((e) => explanationText(e, pick)).join('\n\n') : t('sim.cli.explainNone', L));
    }
    io.stdout.write(out.join('\n') + '\n');
  }
  return exit;
}

declare module '../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof msgs> {}
}
