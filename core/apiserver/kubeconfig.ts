// Writing the kubeconfig that points kubectl at the served cluster, privately: a default location
// in a fresh `mkdtemp` folder (mode 0700), never a predictable path another user could plant; the
// file written through an `O_EXCL|O_NOFOLLOW` temporary file renamed into place (a symlink at the
// path is refused, never followed); and a refusal when the file cannot be kept private (a folder
// others may write to, or a file system without Unix permissions). An existing kubeconfig is only
// replaced when it is ours (a `kube-dorm` context on a loopback cluster), and then merged: the
// contexts, clusters and users the learner added with `kubectl config` stay, and so does the
// namespace they chose for the `kube-dorm` context.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { readYaml as parseYaml } from '../manifest/read-yaml';
import { isObj, scalarText } from '../k8s/guards';

export class KubeconfigError extends Error {
  constructor(
    readonly reason: 'not-ours' | 'not-private',
    message: string,
  ) {
    super(message);
  }
}

const POSIX = process.platform !== 'win32';
const NAMED_LISTS = ['clusters', 'users', 'contexts'] as const;

/** An entry of a kubeconfig's clusters, users or contexts. */
interface NamedEntry {
  name: string;
  context?: { namespace?: string };
  [k: string]: unknown;
}

/** A fresh private folder for a default kubeconfig (`<tmp>/kube-dorm-XXXXXX`, mode 0700). */
export function privateKubeconfigDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kube-dorm-'));
}

/** Whether a kubeconfig's text is one kube-dorm wrote (possibly rewritten by kubectl since). */
export function isKubeDormKubeconfig(text: string): boolean {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return false;
  }
  if (!isObj(doc)) return false;
  const named = (list: unknown, name: string) => (Array.isArray(list) ? list.find((e) => isObj(e) && e.name === name) : undefined);
  const ctx = named(doc.contexts, 'kube-dorm');
  const cluster = named(doc.clusters, 'kube-dorm');
  return (
    isObj(ctx) &&
    isObj(ctx.context) &&
    ctx.context.cluster === 'kube-dorm' &&
    isObj(cluster) &&
    isObj(cluster.cluster) &&
    /^https?:\/\/127\.0\.0\.1(:\d+)?\/?$/.test(scalarText(cluster.cluster.server))
  );
}

/**
 * `ours` merged into `existing`: our cluster, user and context replace the entries of the same
 * names, the others stay in order; the current context becomes ours; a namespace set on our
 * context is kept.
 */
export function mergeKubeconfig(existing: string, ours: string): string {
  // Ours is written by kubeconfigYaml (its named lists are well formed); theirs may hold anything.
  const mine = parseYaml(ours) as Record<string, unknown> & Partial<Record<(typeof NAMED_LISTS)[number], NamedEntry[]>>;
  const old = parseYaml(existing) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...old, apiVersion: mine.apiVersion, kind: mine.kind };
  for (const key of NAMED_LISTS) {
    const theirs = old[key];
    const list: unknown[] = Array.isArray(theirs) ? [...theirs] : [];
    for (const entry of mine[key] ?? []) {
      const i = list.findIndex((e) => isObj(e) && e.name === entry.name);
      const prev = list[i];
      if (key === 'contexts' && i >= 0 && isObj(prev) && isObj(prev.context) && typeof prev.context.namespace === 'string')
        entry.context!.namespace = prev.context.namespace;
      if (i >= 0) list[i] = entry;
      else list.push(entry);
    }
    out[key] = list;
  }
  out['current-context'] = mine['current-context'];
  out.preferences ??= {};
  return stringifyYaml(out);
}

/**
 * Writes `ours` at `file` (merged into the kubeconfig already there, if it is ours). Throws
 * `KubeconfigError` when the file is not ours to replace or cannot be kept private.
 */
export function writeKubeconfig(file: string, ours: string): void {
  const dir = path.dirname(file);
  checkFolder(dir);
  let text = ours;
  const existing = lstatOrUndefined(file);
  if (existing) {
    if (existing.isSymbolicLink()) throw new KubeconfigError('not-ours', `${file} is a symbolic link`);
    if (!existing.isFile()) throw new KubeconfigError('not-ours', `${file} is not a regular file`);
    if (POSIX && existing.uid !== process.getuid!()) throw new KubeconfigError('not-private', `${file} belongs to another user`);
    const current = readNoFollow(file);
    if (!isKubeDormKubeconfig(current)) throw new KubeconfigError('not-ours', `${file} is not a kubeconfig written by kube-dorm`);
    text = mergeKubeconfig(current, ours);
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    try {
      fs.writeFileSync(fd, text);
      if (POSIX) {
        fs.fchmodSync(fd, 0o600);
        const st = fs.fstatSync(fd);
        if ((st.mode & 0o077) !== 0 || st.uid !== process.getuid!())
          throw new KubeconfigError('not-private', `${dir} does not keep file permissions (mode ${(st.mode & 0o777).toString(8)})`);
      }
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** The folder must be ours (or root's with the sticky bit, as /tmp) and not writable by others. */
function checkFolder(dir: string): void {
  const st = fs.statSync(dir);
  if (!st.isDirectory()) throw new KubeconfigError('not-private', `${dir} is not a folder`);
  if (!POSIX) return;
  const sticky = (st.mode & 0o1000) !== 0;
  if (st.uid !== process.getuid!() && !(st.uid === 0 && sticky)) throw new KubeconfigError('not-private', `${dir} belongs to another user`);
  if ((st.mode & 0o022) !== 0 && !sticky) throw new KubeconfigError('not-private', `others may write to ${dir} (mode ${(st.mode & 0o777).toString(8)})`);
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function readNoFollow(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}
