// Credentials for one kubeconfig context, as request options: the cluster's CA, a client
// certificate, and the Authorization header from a token, a token file, an exec credential plugin
// (run by @kubernetes/client-node's ExecAuth, which caches the credential until it expires) or an
// OIDC id-token. An exec plugin that is not on PATH is found missing before anything runs, and the
// error names it, the PATH searched and the fix. The options hold secrets: never logged or printed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KubeTarget, KubeUser } from './kubeconfig';
import { RemoteError, remoteMsg } from './messages';

/** How to connect: TLS material and headers. Holds secrets: never log it. */
export interface RequestAuth {
  ca?: Buffer;
  cert?: Buffer | string;
  key?: Buffer | string;
  rejectUnauthorized: boolean;
  servername?: string;
  headers: Record<string, string>;
}

/** How the user authenticates (for `doctor`; no secret in it). */
export function authKind(u: KubeUser): 'exec' | 'oidc' | 'token' | 'client-certificate' | 'basic' | 'auth-provider' | 'none' {
  if (u.exec) return 'exec';
  if (u.authProvider?.name === 'oidc') return 'oidc';
  if (u.authProvider) return 'auth-provider';
  if (u.token || u.tokenFile) return 'token';
  if (u.certData || u.certFile) return 'client-certificate';
  if (u.username) return 'basic';
  return 'none';
}

const fromFileOrData = (file: string | undefined, data: string | undefined): Buffer | undefined =>
  file ? fs.readFileSync(file) : data ? Buffer.from(data, 'base64') : undefined;

/**
 * Where a command would be found on PATH (as the plugin's spawn would find it), or undefined. A
 * command with a path separator is taken relative to the kubeconfig's folder, as client-go does.
 */
export function findOnPath(command: string, env: NodeJS.ProcessEnv, baseDir: string): string | undefined {
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  const isFile = (p: string) => {
    try {
      const st = fs.statSync(p);
      if (!st.isFile()) return false;
      if (process.platform !== 'win32') fs.accessSync(p, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (command.includes('/') || command.includes(path.sep)) {
    const p = path.resolve(baseDir, command);
    return exts.map((e) => p + e).find(isFile);
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const hit = exts.map((e) => path.join(dir, command + e)).find(isFile);
    if (hit) return hit;
  }
  return undefined;
}

/** Throws the "plugin not on PATH" error when the user's exec plugin cannot be found; returns its path. */
export function checkExecPlugin(target: KubeTarget, env: NodeJS.ProcessEnv): string | undefined {
  const exec = target.user.exec;
  if (!exec) return undefined;
  const plugin = String(exec.command ?? '');
  const found = plugin ? findOnPath(plugin, env, target.userDir) : undefined;
  if (found) return found;
  const hint = typeof exec.installHint === 'string' && exec.installHint.trim() ? `\ninstallHint: ${exec.installHint.trim()}` : '';
  throw new RemoteError(remoteMsg('remote.execMissing', { user: target.user.name, plugin, path: env.PATH ?? '', hint }), 'exec-missing');
}

const importExecAuth = () => import('@kubernetes/client-node/dist/exec_auth.js');
type ExecAuth = InstanceType<Awaited<ReturnType<typeof importExecAuth>>['ExecAuth']>;
const execAuths = new Map<string, Promise<ExecAuth>>();
/**
 * One ExecAuth per user and plugin configuration, so a plugin's credential is reused until its
 * expirationTimestamp (ExecAuth caches by user name only: two kubeconfigs with a user of the same
 * name but another plugin must not share a credential).
 */
function execAuthFor(user: KubeUser): Promise<ExecAuth> {
  const key = `${user.name}\0${JSON.stringify(user.exec)}`;
  let a = execAuths.get(key);
  if (!a) execAuths.set(key, (a = importExecAuth().then((m) => new m.ExecAuth())));
  return a;
}

/** JWT `exp` (seconds) of an id-token, if readable. */
function jwtExpiry(token: string): number | undefined {
  try {
    const exp = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))?.exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** The request options for a context (runs the exec plugin when there is one). */
export async function resolveAuth(target: KubeTarget, env: NodeJS.ProcessEnv = process.env, now = Date.now()): Promise<RequestAuth> {
  const { cluster, user } = target;
  const auth: RequestAuth = {
    ca: fromFileOrData(cluster.caFile, cluster.caData),
    cert: fromFileOrData(user.certFile, user.certData),
    key: fromFileOrData(user.keyFile, user.keyData),
    rejectUnauthorized: !cluster.skipTLSVerify,
    servername: cluster.tlsServerName,
    headers: {},
  };
  if (user.exec) {
    const command = checkExecPlugin(target, env);
    const opts: { headers?: Record<string, string>; cert?: string; key?: string } = { headers: {} };
    try {
      // The command found on PATH is the one run, whatever PATH the process itself has.
      await (await execAuthFor(user)).applyAuthentication({ ...user, exec: { ...user.exec, command } }, opts);
    } catch (e) {
      throw new RemoteError(
        remoteMsg('remote.execFailed', {
          plugin: String(user.exec.command),
          detail: String((e as Error).message)
            .trim()
            .slice(0, 500),
        }),
        'exec-failed',
      );
    }
    Object.assign(auth.headers, opts.headers);
    if (opts.cert) auth.cert = opts.cert;
    if (opts.key) auth.key = opts.key;
  } else if (user.authProvider?.name === 'oidc') {
    const idToken = user.authProvider.config?.['id-token'];
    const exp = typeof idToken === 'string' ? jwtExpiry(idToken) : undefined;
    if (typeof idToken !== 'string' || !idToken || (exp !== undefined && exp * 1000 <= now))
      throw new RemoteError(remoteMsg('remote.oidcExpired', { user: user.name }), 'oidc-expired');
    auth.headers.Authorization = `Bearer ${idToken}`;
  } else if (user.authProvider) {
    throw new RemoteError(remoteMsg('remote.authUnsupported', { user: user.name, provider: String(user.authProvider.name) }), 'auth-unsupported');
  } else if (user.token) auth.headers.Authorization = `Bearer ${user.token}`;
  else if (user.tokenFile) auth.headers.Authorization = `Bearer ${fs.readFileSync(user.tokenFile, 'utf8').trim()}`;
  else if (user.username) auth.headers.Authorization = `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}`;
  return auth;
}
