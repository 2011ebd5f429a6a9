// `kube-dorm doctor`: the checks between a learner and a real cluster, in the order they can fail —
// the kubeconfig, the context, the credential plugin, reaching the server, TLS, the credentials,
// the permissions the view needs, and version skew — each with what to do when it fails. A check
// that cannot run because an earlier one failed is skipped, not failed again.
import type { MessageIds, Msg } from '../manifest/types';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { defineMessages, msgOf } from '../i18n/index';
import { catalogSource } from '../schema/catalog';
import { authKind, checkExecPlugin, resolveAuth, type RequestAuth } from './auth';
import { RemoteClient, serverVersion } from './client';
import { allows, RemoteCluster } from './cluster';
import { explain } from './explain';
import { loadKubeconfig, selectContext, type KubeconfigLocation, type KubeTarget, type LoadedKubeconfig } from './kubeconfig';
import { RemoteError, remoteMsg } from './messages';
import { WATCHED } from './resources';

const messages = defineMessages({
  'doctor.kubeconfig.ok': { en: 'read {files}', zh: '已读取 {files}' },
  'doctor.context.ok': {
    en: 'context "{context}": server {server}, user "{user}" ({auth}), namespace {namespace}',
    zh: '上下文 "{context}"：服务器 {server}，用户 "{user}"（{auth}），命名空间 {namespace}',
  },
  'doctor.plugin.ok': { en: 'credential plugin {plugin} found at {path}', zh: '凭据插件 {plugin} 位于 {path}' },
  'doctor.plugin.none': { en: 'no credential plugin (the user authenticates with: {auth})', zh: '无凭据插件（用户的认证方式：{auth}）' },
  'doctor.reach.ok': { en: '{host}:{port} accepts connections', zh: '{host}:{port} 可以连接' },
  'doctor.tls.ok': { en: "the server's certificate is trusted", zh: '服务器证书可信' },
  'doctor.tls.plain': {
    en: 'plain HTTP: nothing is encrypted (a real cluster serves HTTPS)',
    zh: '明文 HTTP：没有任何加密（真实集群使用 HTTPS）',
  },
  'doctor.tls.insecure': {
    en: 'insecure-skip-tls-verify is set: the server is not authenticated. Fix: set certificate-authority-data instead.',
    zh: '设置了 insecure-skip-tls-verify：没有验证服务器身份。解决：改为设置 certificate-authority-data。',
  },
  'doctor.auth.ok': { en: 'the server accepts the credentials (Kubernetes {version})', zh: '服务器接受了凭据（Kubernetes {version}）' },
  'doctor.perm.ok': {
    en: 'may list and watch everything the dorm view draws in the namespace "{namespace}"',
    zh: '在命名空间 "{namespace}" 中可以列出并监视宿舍视图需要的一切',
  },
  'doctor.perm.missing': {
    en: 'may not {missing} in the namespace "{namespace}": those parts of the view stay hidden. Fix: ask for a Role granting list and watch on them (check: `kubectl auth can-i --list -n {namespace}`).',
    zh: '在命名空间 "{namespace}" 中不能 {missing}：视图中这些部分会隐藏。解决：申请授予它们 list 和 watch 权限的 Role（检查：`kubectl auth can-i --list -n {namespace}`）。',
  },
  'doctor.perm.unknown': {
    en: 'the server did not answer a SelfSubjectRulesReview ({detail}); permissions will show as the view loads',
    zh: '服务器没有回答 SelfSubjectRulesReview（{detail}）；权限会在视图加载时显示',
  },
  'doctor.skew.ok': {
    en: 'server {server}; Kube Dorm checks manifests against Kubernetes 1.{ours}',
    zh: '服务器 {server}；Kube Dorm 按 Kubernetes 1.{ours} 检查清单',
  },
  'doctor.skew.warn': {
    en: 'server {server} is {n} minor versions from Kubernetes 1.{ours}, which Kube Dorm checks manifests against: fields newer than the server pass the lint but the server refuses them. Fix: use "Check Against Cluster" (a server-side dry run) before applying.',
    zh: '服务器 {server} 与 Kube Dorm 检查清单所用的 Kubernetes 1.{ours} 相差 {n} 个小版本：比服务器新的字段能通过检查，但服务器会拒绝。解决：应用前先用“对照集群检查”（服务器端试运行）。',
  },
  'doctor.skipped': { en: 'skipped (an earlier check failed)', zh: '已跳过（前面的检查失败了）' },
});
const msg = msgOf(messages);

export type CheckLevel = 'ok' | 'warn' | 'fail' | 'skip';
export type CheckId = 'kubeconfig' | 'context' | 'plugin' | 'reach' | 'tls' | 'auth' | 'permissions' | 'skew';
export interface DoctorCheck {
  id: CheckId;
  level: CheckLevel;
  msg: Msg;
}

const errMsg = (e: unknown, target?: KubeTarget, file = ''): Msg =>
  e instanceof RemoteError ? e.msg : target ? explain(e, target) : remoteMsg('remote.badKubeconfig', { file, detail: String((e as Error)?.message ?? e) });

/** The Kubernetes minor version the schema catalog (what lint checks against) was generated from. */
export function catalogMinor(): number {
  return Number(/release-1\.(\d+)/.exec(catalogSource())?.[1] ?? 0);
}

function tcpCheck(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port, timeout: timeoutMs }, () => {
      s.destroy();
      resolve();
    });
    s.on('timeout', () => s.destroy(Object.assign(new Error(`no answer in ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
    s.on('error', reject);
  });
}

function tlsCheck(host: string, port: number, auth: RequestAuth, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const servername = auth.servername ?? (net.isIP(host) ? undefined : host);
    const s = tls.connect(
      { host, port, ca: auth.ca, cert: auth.cert, key: auth.key, servername, rejectUnauthorized: auth.rejectUnauthorized, timeout: timeoutMs },
      () => {
        s.destroy();
        resolve();
      },
    );
    s.on('timeout', () => s.destroy(Object.assign(new Error(`no TLS answer in ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
    s.on('error', reject);
  });
}

export interface DoctorOptions extends KubeconfigLocation {
  context?: string;
  namespace?: string;
  timeoutMs?: number;
}

export async function runDoctor(o: DoctorOptions): Promise<DoctorCheck[]> {
  const env = o.env ?? process.env;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const out: DoctorCheck[] = [];
  const order: CheckId[] = ['kubeconfig', 'context', 'plugin', 'reach', 'tls', 'auth', 'permissions', 'skew'];
  const done = () => {
    for (const id of order) if (!out.some((c) => c.id === id)) out.push({ id, level: 'skip', msg: msg('doctor.skipped') });
    return out;
  };
  let kc: LoadedKubeconfig;
  try {
    kc = await loadKubeconfig(o);
    out.push({ id: 'kubeconfig', level: 'ok', msg: msg('doctor.kubeconfig.ok', { files: kc.files.join(', ') }) });
  } catch (e) {
    out.push({ id: 'kubeconfig', level: 'fail', msg: errMsg(e) });
    return done();
  }
  let target: KubeTarget;
  try {
    target = selectContext(kc, o.context);
  } catch (e) {
    out.push({ id: 'context', level: 'fail', msg: errMsg(e) });
    return done();
  }
  const namespace = o.namespace ?? target.namespace;
  const server = target.cluster.server;
  out.push({
    id: 'context',
    level: 'ok',
    msg: msg('doctor.context.ok', { context: target.context, server, user: target.user.name, auth: authKind(target.user), namespace }),
  });
  try {
    const path = checkExecPlugin(target, env);
    out.push({
      id: 'plugin',
      level: 'ok',
      msg: path ? msg('doctor.plugin.ok', { plugin: String(target.user.exec.command), path }) : msg('doctor.plugin.none', { auth: authKind(target.user) }),
    });
  } catch (e) {
    out.push({ id: 'plugin', level: 'fail', msg: errMsg(e) });
    return done();
  }
  const u = new URL(server);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  try {
    await tcpCheck(host, port, timeoutMs);
    out.push({ id: 'reach', level: 'ok', msg: msg('doctor.reach.ok', { host, port }) });
  } catch (e) {
    out.push({ id: 'reach', level: 'fail', msg: explain(e, target) });
    return done();
  }
  let auth: RequestAuth;
  try {
    auth = await resolveAuth(target, env);
  } catch (e) {
    out.push({ id: 'auth', level: 'fail', msg: errMsg(e, target) });
    return done();
  }
  if (u.protocol !== 'https:') out.push({ id: 'tls', level: 'warn', msg: msg('doctor.tls.plain') });
  else
    try {
      await tlsCheck(host, port, auth, timeoutMs);
      out.push({ id: 'tls', level: auth.rejectUnauthorized ? 'ok' : 'warn', msg: msg(auth.rejectUnauthorized ? 'doctor.tls.ok' : 'doctor.tls.insecure') });
    } catch (e) {
      out.push({ id: 'tls', level: 'fail', msg: explain(e, target) });
      return done();
    }
  const client = new RemoteClient(server, () => Promise.resolve(auth), timeoutMs);
  try {
    // /api needs authentication (/version may not): a 401 here is the credentials'.
    await client.request('GET', '/api');
    const version = await serverVersion(client);
    const gitVersion = version.gitVersion ?? '?';
    out.push({ id: 'auth', level: 'ok', msg: msg('doctor.auth.ok', { version: gitVersion }) });
    await permissions(client, namespace, out);
    const minor = Number((version.minor ?? '').replace(/\D/g, '')) || Number(/^v?1\.(\d+)/.exec(gitVersion)?.[1] ?? NaN);
    const ours = catalogMinor();
    const n = Math.abs(minor - ours);
    out.push(
      Number.isFinite(n) && n > 1
        ? { id: 'skew', level: 'warn', msg: msg('doctor.skew.warn', { server: gitVersion, n, ours }) }
        : { id: 'skew', level: 'ok', msg: msg('doctor.skew.ok', { server: gitVersion, ours }) },
    );
  } catch (e) {
    out.push({ id: 'auth', level: 'fail', msg: explain(e, target) });
  } finally {
    client.close();
  }
  return done();
}

async function permissions(client: RemoteClient, namespace: string, out: DoctorCheck[]): Promise<void> {
  try {
    const { rules } = await new RemoteCluster(client, { resources: [] }).rulesReview(namespace);
    const missing = WATCHED.flatMap((r) => ['list', 'watch'].filter((v) => !allows(rules, v, r.group, r.plural)).map((v) => `${v} ${r.plural}`));
    out.push(
      missing.length
        ? { id: 'permissions', level: 'warn', msg: msg('doctor.perm.missing', { missing: missing.join(', '), namespace }) }
        : { id: 'permissions', level: 'ok', msg: msg('doctor.perm.ok', { namespace }) },
    );
  } catch (e) {
    out.push({ id: 'permissions', level: 'warn', msg: msg('doctor.perm.unknown', { detail: (e as Error).message }) });
  }
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
