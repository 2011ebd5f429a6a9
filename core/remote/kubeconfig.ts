// Loading a kubeconfig as kubectl does: an explicit file, else the files of KUBECONFIG (merged, the
// first file to set a name or the current context wins), else ~/.kube/config; then choosing a
// context. Entries are read by @kubernetes/client-node's own kubeconfig parsers (config_types:
// `certificate-authority-data` → caData, `exec`, `auth-provider`, …), and relative file paths are
// resolved against the file that names them, as client-go does. The result holds credentials:
// it is never logged or printed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readYaml as parseYaml } from '../manifest/read-yaml';
import { isObj } from '../k8s/guards';
import { RemoteError, remoteMsg } from './messages';

// client-node is ESM and this bundle CommonJS: its modules are loaded with import() (its config.js
// needs Node ≥ 22 through undici; config_types and exec_auth load on Node 20), types taken from it.
const importParsers = () => import('@kubernetes/client-node/dist/config_types.js');
type ConfigTypes = Awaited<ReturnType<typeof importParsers>>;
export type KcCluster = ReturnType<ConfigTypes['newClusters']>[number];
export type KcUser = ReturnType<ConfigTypes['newUsers']>[number];
export type KcContext = ReturnType<ConfigTypes['newContexts']>[number];

/** The user as the kubeconfig gives it, with the raw fields client-node's parser drops (tokenFile). */
export interface KubeUser extends KcUser {
  tokenFile?: string;
}

/** One context, resolved: where to connect and as whom. Holds credentials: never log it. */
export interface KubeTarget {
  context: string;
  /** The context's namespace, or `default`. */
  namespace: string;
  cluster: KcCluster;
  user: KubeUser;
  /** The folder of the file that defined the user (relative exec commands are resolved from it). */
  userDir: string;
}

export interface LoadedKubeconfig {
  files: string[];
  currentContext?: string;
  contexts: KcContext[];
  clusters: KcCluster[];
  users: KubeUser[];
  /** The folder of the file each user came from. */
  userDirs: Map<string, string>;
}

export interface KubeconfigLocation {
  /** --kubeconfig FILE (or the setting kubeDorm.kubeconfig): only this file. */
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** The files kubectl would read, in order (those that exist). */
export function kubeconfigFiles(loc: KubeconfigLocation = {}): { files: string[]; searched: string[] } {
  const env = loc.env ?? process.env;
  const searched = loc.explicit
    ? [loc.explicit]
    : env.KUBECONFIG
      ? env.KUBECONFIG.split(path.delimiter).filter(Boolean)
      : [path.join(loc.home ?? os.homedir(), '.kube', 'config')];
  const files = loc.explicit ? searched : searched.filter((f) => fs.existsSync(f));
  return { files, searched };
}

let configTypes: Promise<ConfigTypes> | undefined;
/** client-node's kubeconfig parsers, loaded on first use. */
const parsers = (): Promise<ConfigTypes> => (configTypes ??= importParsers());

const absolute = (dir: string, f: string | undefined) => (f && !path.isAbsolute(f) ? path.join(dir, f) : f);

/** Reads and merges the kubeconfig files; throws `RemoteError` when none can be used. */
export async function loadKubeconfig(loc: KubeconfigLocation = {}): Promise<LoadedKubeconfig> {
  const { files, searched } = kubeconfigFiles(loc);
  if (!files.length) throw new RemoteError(remoteMsg('remote.noKubeconfig', { searched: searched.join(path.delimiter) }), 'no-kubeconfig');
  const { newClusters, newContexts, newUsers } = await parsers();
  const out: LoadedKubeconfig = { files, contexts: [], clusters: [], users: [], userDirs: new Map() };
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parseYaml(fs.readFileSync(file, 'utf8'));
      if (doc === null || doc === undefined) doc = {};
      if (!isObj(doc)) throw new Error('not a YAML mapping');
    } catch (e) {
      throw new RemoteError(remoteMsg('remote.badKubeconfig', { file, detail: (e as Error).message }), 'bad-kubeconfig');
    }
    const dir = path.dirname(path.resolve(file));
    const has = (list: { name: string }[], name: string) => list.some((x) => x.name === name);
    try {
      for (const c of newClusters(doc.clusters, { onInvalidEntry: 'filter' }))
        if (!has(out.clusters, c.name)) out.clusters.push({ ...c, caFile: absolute(dir, c.caFile) });
      const rawUsers = Array.isArray(doc.users) ? doc.users : [];
      for (const u of newUsers(doc.users, { onInvalidEntry: 'filter' })) {
        if (has(out.users, u.name)) continue;
        const found: unknown = rawUsers.find((r: unknown) => isObj(r) && r.name === u.name);
        const raw: unknown = isObj(found) ? found.user : undefined;
        const tokenFile = isObj(raw) && typeof raw.tokenFile === 'string' ? absolute(dir, raw.tokenFile) : undefined;
        out.users.push({ ...u, certFile: absolute(dir, u.certFile), keyFile: absolute(dir, u.keyFile), tokenFile });
        out.userDirs.set(u.name, dir);
      }
      for (const c of newContexts(doc.contexts, { onInvalidEntry: 'filter' })) if (!has(out.contexts, c.name)) out.contexts.push(c);
    } catch (e) {
      throw new RemoteError(remoteMsg('remote.badKubeconfig', { file, detail: (e as Error).message }), 'bad-kubeconfig');
    }
    const cur = doc['current-context'];
    if (out.currentContext === undefined && typeof cur === 'string' && cur) out.currentContext = cur;
  }
  return out;
}

/** The context to use (`--context`, else the current one), resolved to its cluster and user. */
export function selectContext(kc: LoadedKubeconfig, name?: string): KubeTarget {
  const available = kc.contexts.map((c) => c.name).join(', ') || '-';
  const want = name || kc.currentContext;
  if (!want) throw new RemoteError(remoteMsg('remote.noCurrentContext', { available }), 'no-context');
  const ctx = kc.contexts.find((c) => c.name === want);
  if (!ctx) throw new RemoteError(remoteMsg('remote.noContext', { context: want, available }), 'no-context');
  const cluster = kc.clusters.find((c) => c.name === ctx.cluster);
  if (!cluster) throw new RemoteError(remoteMsg('remote.noCluster', { context: ctx.name, cluster: ctx.cluster }), 'no-cluster');
  // A context without a user is allowed (an anonymous client); one naming a missing user is not.
  const user = kc.users.find((u) => u.name === ctx.user) ?? (ctx.user ? undefined : { name: '' });
  if (!user) throw new RemoteError(remoteMsg('remote.noUser', { context: ctx.name, user: ctx.user }), 'no-user');
  return { context: ctx.name, namespace: ctx.namespace || 'default', cluster, user, userDir: kc.userDirs.get(user.name) ?? process.cwd() };
}
