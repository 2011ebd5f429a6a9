// The objects kubectl's generators build from flags: `create deployment|namespace|service`,
// `run` (a Pod) and `expose` (a Service in front of a workload or pod), as kubectl 1.32 sends them.
import { newMeta, type KObject } from '../../cluster/store';
import { fail, flag, notFound, ok, target, type CommandResult } from '../args';
import { resourceName } from '../printers';
import type { VerbContext } from '../verb';
import { dryRun, isDryRun } from '../dryrun';
import { nameErrors } from '../../rules/names';
import type { Container } from '../../k8s/types';

/** A container name from an image, as `kubectl create deployment` derives it (`registry/nginx:1.27` → `nginx`). */
export const containerName = (image: string): string =>
  (image.split('/').at(-1) ?? image)
    .split('@')[0]
    .split(':')[0]
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-');

/** What kubectl's generators say when the positional words are not one NAME. */
export function oneName(cmd: string, got: number): CommandResult {
  return fail(`error: exactly one NAME is required, got ${got}\nSee 'kubectl ${cmd} -h' for help and examples`);
}

export interface CreateOptions {
  /** What kubectl's AlreadyExists answer says it failed at (`deployment:` → `error: failed to create deployment: …`). */
  failedTo?: string;
  /** The past tense printed after the object (`created`, `exposed`). */
  done?: string;
}

/**
 * Creates `o` unless one of its kind and name exists (or prints it under `--dry-run`). kubectl's
 * AlreadyExists answer depends on the command: `Error from server (AlreadyExists): …`, or
 * `error: failed to create deployment: …` for the generators that say what they failed at.
 */
export function createObject({ c, a }: VerbContext, o: KObject, { failedTo, done = 'created' }: CreateOptions = {}): CommandResult {
  if (isDryRun(a)) return dryRun(a, o, done);
  const invalid = [
    ...nameErrors('metadata.name', o.metadata.name, o.kind),
    ...(o.kind === 'Pod' ? o.spec.containers.flatMap((ct: { name: string }, i: number) => nameErrors(`spec.containers[${i}].name`, ct.name, 'label')) : []),
  ];
  if (invalid.length) {
    // The API server's 422: kubectl prints it after what it failed at, or as `The Kind "name" is invalid`.
    const group = resourceName(o.kind).split('.').slice(1);
    const name = `"${o.metadata.name}" is invalid:`;
    if (!failedTo) return fail(`The ${o.kind} ${name}${invalid.length > 1 ? invalid.map((e) => `\n* ${e}`).join('') : ` ${invalid[0]}`}`);
    const causes = invalid.length > 1 ? `[${invalid.join(', ')}]` : invalid[0];
    return fail(`error: failed to create ${failedTo} ${o.kind}${group.length ? '.' + group.join('.') : ''} ${name} ${causes}`);
  }
  const ns = o.kind === 'Namespace' ? undefined : o.metadata.namespace;
  if (c.get(o.kind, ns, o.metadata.name)) {
    const [res, ...group] = resourceName(o.kind).split('.');
    const what = `${res}s${group.length ? '.' + group.join('.') : ''} "${o.metadata.name}" already exists`;
    return fail(failedTo ? `error: failed to create ${failedTo} ${what}` : `Error from server (AlreadyExists): ${what}`);
  }
  c.create(o);
  c.settle();
  return ok(`${resourceName(o.kind)}/${o.metadata.name} ${done}`);
}

export function createDeployment(cx: VerbContext): CommandResult {
  const { a, ns } = cx;
  const name = a.pos[1];
  const image = flag(a, 'image');
  if (!image) return fail('error: required flag(s) "image" not set');
  if (a.pos.length !== 2) return oneName('create deployment', a.pos.length - 1);
  const port = flag(a, 'port');
  const labels = { app: name };
  const ct: Record<string, unknown> = { name: containerName(image), image, resources: {} };
  if (port) ct.ports = [{ containerPort: Number(port) }];
  return createObject(
    cx,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: newMeta({ name, namespace: ns, labels }),
      spec: {
        replicas: Number(flag(a, 'replicas') ?? 1),
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { labels }, spec: { containers: [ct] } },
      },
    },
    { failedTo: 'deployment:' },
  );
}

export function createNamespace(cx: VerbContext): CommandResult {
  const name = cx.a.pos[1];
  if (cx.a.pos.length !== 2) return oneName('create namespace', cx.a.pos.length - 1);
  return createObject(cx, { apiVersion: 'v1', kind: 'Namespace', metadata: newMeta({ name }), spec: {} });
}

/** `run NAME --image=IMAGE [--port=P] [--labels=k=v,...]`: one Pod. */
export function runPod(cx: VerbContext): CommandResult {
  const { a, ns } = cx;
  const name = a.pos[0];
  const image = flag(a, 'image');
  if (!name) return fail('error: NAME is required for run');
  if (!image) return fail('error: required flag(s) "image" not set');
  const labels = Object.fromEntries((flag(a, 'labels', 'l') ?? `run=${name}`).split(',').map((kv) => kv.split('=') as [string, string]));
  const port = flag(a, 'port');
  const ct: Record<string, unknown> = { name, image, resources: {} };
  if (port) ct.ports = [{ containerPort: Number(port) }];
  const args = [...a.pos.slice(1), ...(a.rest ?? [])];
  if (args.length) ct[a.flags.has('command') ? 'command' : 'args'] = args;
  return createObject(cx, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: newMeta({ name, namespace: ns, labels }),
    spec: { containers: [ct], dnsPolicy: 'ClusterFirst', restartPolicy: flag(a, 'restart') ?? 'Always' },
  });
}

/** The selector a Service in front of `o` uses: its selector's matchLabels, or a pod's labels. */
function selectorOf(o: KObject): Record<string, string> | undefined {
  if (o.kind === 'Pod' || o.kind === 'Service') return o.kind === 'Pod' ? o.metadata.labels : o.spec?.selector;
  return o.spec?.selector?.matchLabels;
}

/** `expose TYPE NAME --port=P [--target-port=T] [--name=N] [--type=T]`: a Service selecting its pods. */
export function expose(cx: VerbContext): CommandResult {
  const { a, ns, get } = cx;
  const tg = target(a);
  if (!tg.kind || !tg.name) return fail('error: You must provide one or more resources by argument or filename.');
  const o = get(tg.kind, tg.name);
  if (!o) return notFound(tg.kind, tg.name);
  const selector = selectorOf(o);
  if (!selector || !Object.keys(selector).length)
    return fail(`error: couldn't retrieve selectors via --selector flag or introspection: the ${tg.kind} has no selector`);
  const portText = flag(a, 'port') ?? firstPort(o);
  if (!portText) return fail(`error: couldn't find port via --port flag or introspection`);
  const port: Record<string, unknown> = { port: Number(portText), protocol: flag(a, 'protocol') ?? 'TCP' };
  const tp = flag(a, 'target-port');
  port.targetPort = tp === undefined ? Number(portText) : /^\d+$/.test(tp) ? Number(tp) : tp;
  const type = flag(a, 'type');
  const svc: KObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: newMeta({ name: flag(a, 'name') ?? tg.name, namespace: ns, ...(o.metadata.labels ? { labels: { ...o.metadata.labels } } : {}) }),
    spec: { ports: [port], selector: { ...selector }, ...(type ? { type } : {}) },
  };
  return createObject(cx, svc, { done: 'exposed' });
}

function firstPort(o: KObject): string | undefined {
  const spec = o.kind === 'Pod' ? o.spec : o.spec?.template?.spec;
  const p = (spec?.containers ?? []).flatMap((c: Container) => c.ports ?? [])[0];
  return p?.containerPort === undefined ? undefined : String(p.containerPort);
}
