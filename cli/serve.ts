// `kube-dorm serve [FILE...] [--port 0] [--kubeconfig PATH] [--nodes 3] [--speed 1] [--seed N]`:
// the simulated cluster behind a Kubernetes-API-shaped HTTP endpoint on 127.0.0.1, so the real
// kubectl can talk to it. Writes a kubeconfig (context kube-dorm, random bearer token, mode 0600),
// applies the FILEs, and lets virtual time flow at --speed × wall time until SIGINT/SIGTERM.
import type { MessageIds } from '../core/manifest/types';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createCluster, applyFiles } from '../core/cluster/index';
import { KubeconfigError, privateKubeconfigDir, writeKubeconfig } from '../core/apiserver/kubeconfig';
import { KubeApiServer } from '../core/apiserver/server';
import { Faults } from '../core/apiserver/faults';
import { makeServingCert, type ServingCert } from '../core/apiserver/tls';
import { defineMessages, msgOf, resolveLocale, t, type Locale } from '../core/i18n/index';
import { splitArgv } from './argv';
import { parseKubernetesVersion } from '../core/schema/versions';

const messages = defineMessages({
  'serve.usage': {
    en: 'usage: kube-dorm serve [FILE...] [--port 0] [--kubeconfig PATH] [--nodes 3] [--speed 1] [--seed N] [--client-ca-file PEM] [--credentials-dir DIR] [--kubernetes-version 1.xx] [--lang en|zh-cn]',
    zh: '用法：kube-dorm serve [文件...] [--port 0] [--kubeconfig 路径] [--nodes 3] [--speed 1] [--seed N] [--client-ca-file PEM] [--credentials-dir 目录] [--kubernetes-version 1.xx] [--lang en|zh-cn]',
  },
  'serve.badValue': { en: 'error: invalid value for {flag}: "{value}"', zh: '错误：{flag} 的值无效："{value}"' },
  'serve.unknownFlag': { en: 'error: unknown option {flag}', zh: '错误：未知选项 {flag}' },
  'serve.unreadable': { en: 'error: cannot read {file}: {detail}', zh: '错误：无法读取 {file}：{detail}' },
  'serve.listening': { en: 'Serving the simulated cluster (dorm) at {url}', zh: '模拟集群（宿舍楼）已在 {url} 提供服务' },
  'serve.kubeconfig': { en: 'kubeconfig: {path}', zh: 'kubeconfig：{path}' },
  'serve.try': { en: 'Try: KUBECONFIG={path} kubectl get nodes', zh: '试试：KUBECONFIG={path} kubectl get nodes' },
  'serve.speed': { en: 'Virtual time runs at {speed}× wall time. Press Ctrl+C to stop.', zh: '虚拟时间以墙钟的 {speed} 倍流逝。按 Ctrl+C 停止。' },
  'serve.refused': { en: 'refused {file}:{line}: {message} ({code})', zh: '已拒绝 {file}:{line}：{message}（{code}）' },
  'serve.stopped': { en: 'Stopped.', zh: '已停止。' },
  'serve.overwrite': {
    en: 'error: refusing to overwrite {path}: it is not a kubeconfig written by kube-dorm serve (choose another --kubeconfig path)',
    zh: '错误：拒绝覆盖 {path}：它不是 kube-dorm serve 写出的 kubeconfig（请换一个 --kubeconfig 路径）',
  },
  'serve.notPrivate': {
    en: 'error: refusing to serve: the kubeconfig {path} cannot be kept private ({detail}); choose another --kubeconfig path',
    zh: '错误：拒绝提供服务：kubeconfig {path} 无法保持私有（{detail}）；请换一个 --kubeconfig 路径',
  },
  'serve.syncError': {
    en: 'error syncing "{key}" in {controller} (failure {attempt}): {detail}; retrying in {retry} ms of virtual time',
    zh: '{controller} 同步 "{key}" 出错（第 {attempt} 次）：{detail}；将在虚拟时间 {retry} 毫秒后重试',
  },
  'serve.listenError': { en: 'error: cannot listen on 127.0.0.1:{port}: {detail}', zh: '错误：无法监听 127.0.0.1:{port}：{detail}' },
});
const msg = msgOf(messages);

export interface ServeIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env?: NodeJS.ProcessEnv;
  /** Resolves when the server should stop (default: SIGINT/SIGTERM). */
  stopSignal?: Promise<void>;
  /** Called once the server listens (tests read the URL and kubeconfig from it). */
  onReady?: (info: { url: string; kubeconfig: string; token: string; server: KubeApiServer }) => void;
}

interface Opts {
  files: string[];
  port: number;
  kubeconfig?: string;
  /** PEM of a CA whose client certificates are accepted instead of the token. */
  clientCaFile?: string;
  /** Keeps the serving certificate and token here, so a restarted serve accepts the kubeconfig it wrote before. */
  credentialsDir?: string;
  nodes: number;
  speed: number;
  seed: number;
  /** The Kubernetes minor to be (/version, discovery, served paths). */
  kubernetesVersion?: string;
  testHooks: boolean;
  locale: Locale;
}

class UsageError extends Error {}

function parseArgv(argv: string[], locale: Locale): Opts {
  const o: Opts = { files: [], port: 0, nodes: 3, speed: 1, seed: 1, testHooks: false, locale };
  const badValue = (flag: string, value: string) => new UsageError(t(msg('serve.badValue', { flag, value }), locale));
  const { positional, flags } = splitArgv(argv, {
    valued: ['--port', '--kubeconfig', '--nodes', '--speed', '--seed', '--lang', '--client-ca-file', '--credentials-dir', '--kubernetes-version'],
    bare: ['--test-hooks'],
    unknown: (flag) => new UsageError(t(msg('serve.unknownFlag', { flag }), locale)),
    missing: (flag) => badValue(flag, ''),
  });
  o.files.push(...positional);
  for (const { name, value: v } of flags) {
    if (name === '--test-hooks') {
      o.testHooks = true;
      continue;
    }
    const bad = () => badValue(name, v);
    const n = Number(v);
    switch (name) {
      case '--port':
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw bad();
        o.port = n;
        break;
      case '--nodes':
        if (!Number.isInteger(n) || n < 0 || n > 1000) throw bad();
        o.nodes = n;
        break;
      case '--speed':
        if (!(n > 0 && n <= 1000)) throw bad();
        o.speed = n;
        break;
      case '--seed':
        if (!Number.isInteger(n)) throw bad();
        o.seed = n;
        break;
      case '--kubeconfig':
        o.kubeconfig = v;
        break;
      case '--client-ca-file':
        o.clientCaFile = v;
        break;
      case '--credentials-dir':
        o.credentialsDir = v;
        break;
      case '--kubernetes-version':
        o.kubernetesVersion = parseKubernetesVersion(v);
        if (!o.kubernetesVersion) throw bad();
        break;
    }
  }
  return o;
}

/**
 * A fresh token and serving certificate; with a folder, the ones kept there (written, owner-only,
 * on first use), so a restarted serve accepts the kubeconfig it wrote before.
 */
async function credentials(dir: string | undefined): Promise<{ token: string; tls: ServingCert }> {
  const file = dir && path.join(dir, 'serve-credentials.json');
  if (file && fs.existsSync(file)) {
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as { token?: unknown; key?: unknown; cert?: unknown };
    if (typeof kept.token === 'string' && typeof kept.key === 'string' && typeof kept.cert === 'string')
      return { token: kept.token, tls: { key: kept.key, cert: kept.cert } };
    throw new Error('not the credentials kube-dorm serve keeps');
  }
  const made = { token: randomBytes(24).toString('hex'), tls: await makeServingCert(new Date()) };
  if (dir && file) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify({ token: made.token, ...made.tls }), { mode: 0o600, flag: 'wx' });
  }
  return made;
}

function isRegularFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Starts the clock loop: virtual time follows wall time × speed. Returns the stop function. */
export function runClock(server: KubeApiServer, speed: number, everyMs = 100): () => void {
  let last = Date.now();
  const h = setInterval(() => {
    const now = Date.now();
    const dt = (now - last) * speed;
    last = now;
    try {
      server.cluster.advance(Math.round(dt));
    } catch {
      // A controller error must not take the terminal session down.
    }
  }, everyMs);
  return () => clearInterval(h);
}

export async function runServe(argv: string[], io: ServeIO): Promise<number> {
  const env = io.env ?? process.env;
  const langArg = argv.find((a, i) => argv[i - 1] === '--lang' || a.startsWith('--lang='));
  const locale = resolveLocale(langArg?.replace(/^--lang=/, '') ?? (env.LC_ALL || env.LC_MESSAGES || env.LANG));
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(t('serve.usage', locale) + '\n');
    return 0;
  }
  let o: Opts;
  try {
    o = parseArgv(argv, locale);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(e.message + '\n' + t('serve.usage', locale) + '\n');
    return 2;
  }
  const files: { uri: string; text: string }[] = [];
  for (const f of o.files) {
    try {
      const st = fs.statSync(f);
      // In a folder only regular files are read: a FIFO or device named *.yaml would block for ever.
      const list = st.isDirectory()
        ? fs
            .readdirSync(f)
            .filter((x) => /\.(ya?ml|json)$/.test(x))
            .sort()
            .map((x) => path.join(f, x))
            .filter(isRegularFile)
        : [f];
      for (const p of list) files.push({ uri: p, text: fs.readFileSync(p, 'utf8') });
    } catch (e) {
      io.stderr.write(t(msg('serve.unreadable', { file: f, detail: (e as Error).message }), locale) + '\n');
      return 2;
    }
  }
  // The engine's event log is bounded too (the API server also drops Events after an hour).
  const cluster = createCluster({ nodes: o.nodes, seed: o.seed, epoch: Math.floor(Date.now() / 1000) * 1000, maxEvents: 10_000 });
  // A controller that fails on one object is logged and retried with back-off; the rest goes on.
  cluster.onSyncError((e) =>
    io.stderr.write(
      t(msg('serve.syncError', { key: e.key, controller: e.controller, attempt: e.attempt, detail: e.message, retry: e.retryInMs }), locale) + '\n',
    ),
  );
  let token: string;
  let tls: ServingCert;
  try {
    ({ token, tls } = await credentials(o.credentialsDir));
  } catch (e) {
    io.stderr.write(t(msg('serve.unreadable', { file: o.credentialsDir ?? '', detail: (e as Error).message }), locale) + '\n');
    return 2;
  }
  let clientCA: string | undefined;
  try {
    clientCA = o.clientCaFile === undefined ? undefined : fs.readFileSync(o.clientCaFile, 'utf8');
  } catch (e) {
    io.stderr.write(t(msg('serve.unreadable', { file: o.clientCaFile ?? '', detail: (e as Error).message }), locale) + '\n');
    return 2;
  }
  // --test-hooks also counts requests and lets a test inject faults (core/apiserver/faults.ts).
  const server = new KubeApiServer(cluster, {
    token,
    tls,
    clientCA,
    kubernetesVersion: o.kubernetesVersion,
    allowAdvance: o.testHooks,
    faults: o.testHooks ? new Faults() : undefined,
  });
  let url: string;
  try {
    url = await server.listen(o.port);
  } catch (e) {
    io.stderr.write(t(msg('serve.listenError', { port: o.port, detail: (e as Error).message }), locale) + '\n');
    return 1;
  }
  // Never clobber a learner's real ~/.kube/config, never follow a planted symlink, never leave the token readable.
  const kubeconfig = path.resolve(o.kubeconfig ?? path.join(privateKubeconfigDir(), 'kubeconfig'));
  try {
    writeKubeconfig(kubeconfig, server.kubeconfig());
  } catch (e) {
    await server.close();
    if (!o.kubeconfig) fs.rmSync(path.dirname(kubeconfig), { recursive: true, force: true });
    const id = e instanceof KubeconfigError && e.reason === 'not-ours' ? 'serve.overwrite' : 'serve.notPrivate';
    io.stderr.write(t(msg(id, { path: kubeconfig, detail: (e as Error).message }), locale) + '\n');
    return 2;
  }
  if (files.length) {
    const r = applyFiles(cluster, files, { kubernetesVersion: o.kubernetesVersion });
    for (const l of r.lines) io.stdout.write(l + '\n');
    for (const d of r.diagnostics)
      io.stderr.write(t(msg('serve.refused', { file: d.uri, line: d.range.start.line + 1, message: t(d.message, locale), code: d.code }), locale) + '\n');
    for (const e of r.errors) io.stderr.write(e + '\n');
  }
  io.stdout.write(t(msg('serve.listening', { url }), locale) + '\n');
  io.stdout.write(t(msg('serve.kubeconfig', { path: kubeconfig }), locale) + '\n');
  io.stdout.write(t(msg('serve.try', { path: kubeconfig }), locale) + '\n');
  io.stdout.write(t(msg('serve.speed', { speed: o.speed }), locale) + '\n');
  const stopClock = runClock(server, o.speed);
  io.onReady?.({ url, kubeconfig, token, server });
  await (io.stopSignal ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  stopClock();
  await server.close();
  try {
    if (!o.kubeconfig) fs.rmSync(path.dirname(kubeconfig), { recursive: true, force: true });
  } catch {
    // already gone
  }
  io.stdout.write(t('serve.stopped', locale) + '\n');
  return 0;
}

declare module '../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
