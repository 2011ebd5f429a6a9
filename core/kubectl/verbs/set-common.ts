// What the `set` subcommands share (kubectl's pkg/cmd/set): the objects named on the command line
// (TYPE/NAME…, TYPE NAME…, TYPE -l SELECTOR, TYPE --all), the pod spec each runs its containers
// from, kubectl's container selection (a shell pattern, `*` by default), and the one write: the
// changed object stored as serve stores kubectl's patch, or the API server's refusal.
import type { KObject } from '../../cluster/store';
import { parseSelector } from '../../k8s/selector';
import type { Container, PodSpec } from '../../k8s/types';
import { fail, notFound, target, type Args, type CommandResult } from '../args';
import { listed } from '../printers';
import type { VerbContext } from '../verb';
import { ApiError, updateAsServer } from '../write';

/** The pod spec an object runs its containers from (the API server has validated its shape). */
export function podSpecHolder(o: KObject): PodSpec | undefined {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

/** Whether a container name matches kubectl's `--containers` pattern (Go's filepath.Match). */
export function matchesContainer(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  try {
    return new RegExp(`^${re}$`).test(name);
  } catch {
    return pattern === name;
  }
}

/** The containers (then the init containers) of a pod spec whose names match the pattern. */
export function selectContainers(spec: PodSpec | undefined, pattern: string): Container[] {
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].filter((x) => x && matchesContainer(pattern, String(x.name ?? '')));
}

/**
 * The objects the resource words name, or kubectl's answer when they name none: `TYPE/NAME…`,
 * `TYPE NAME…`, or `TYPE` with `-l SELECTOR` or `--all`.
 */
export function setTargets({ c, ns, sel }: VerbContext, a: Args, words: string[]): KObject[] | CommandResult {
  if (!words.length) return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (sel !== undefined || a.flags.has('all')) {
    const tg = target({ pos: [words[0]], flags: a.flags });
    if (!tg.kind) return fail(`error: the server doesn't have a resource type "${words[0]}"`);
    return listed(c, tg.kind, { namespace: ns, selector: sel ? parseSelector(sel) : undefined });
  }
  const pairs: [string | undefined, string][] = [];
  if (words.every((w) => w.includes('/'))) for (const w of words) pairs.push([target({ pos: [w], flags: a.flags }).kind, w.split('/')[1]]);
  else if (words.some((w) => w.includes('/')))
    return fail(
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    );
  else {
    if (words.length < 2) return fail('error: resource(s) were provided, but no name was specified');
    const kind = target({ pos: [words[0]], flags: a.flags }).kind;
    for (const w of words.slice(1)) pairs.push([kind, w]);
  }
  const objs: KObject[] = [];
  for (const [kind, name] of pairs) {
    if (!kind) return fail(`error: the server doesn't have a resource type "${words[0].split('/')[0]}"`);
    const o = c.get(kind, ns, name);
    if (!o) return notFound(kind, name);
    objs.push(o);
  }
  return objs;
}

/** Stores the changed copy of `cur`; the API server's refusal as `failed to patch … <message>`, else undefined. */
export function storeChange(cx: VerbContext, cur: KObject, next: KObject, failedTo: string): string | undefined {
  try {
    updateAsServer(cx.c, cur, next);
    return undefined;
  } catch (e) {
    if (e instanceof ApiError) return `error: ${failedTo}${e.message}`;
    throw e;
  }
}
