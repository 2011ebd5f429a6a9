// kubectl logs: a pod's container log (`-c`, `--previous`, `--tail`, `--timestamps`), the first
// pod of a workload or Service (`deploy/web`, `job/pi`, `svc/web`), or every pod matching `-l`.
// The lines are the simulated ones the API server serves (core/cluster/logs.ts); `-f` prints what
// is there now (the built-in kubectl answers once; the panel follows).
import type { Cluster } from '../../cluster/cluster';
import type { KObject } from '../../cluster/store';
import { PodLogs } from '../../cluster/logs';
import { selectorMatches } from '../../k8s/labels';
import { parseSelector } from '../../k8s/selector';
import { fail, flag, ok, target, type CommandResult } from '../args';
import { listed } from '../printers';
import type { Verb, VerbContext } from '../verb';
import type { Container } from '../../k8s/types';

const LOGS = new WeakMap<Cluster, PodLogs>();

/** The cluster's log book, created once so requests sent through Services are recorded from then on. */
export function podLogs(c: Cluster): PodLogs {
  let l = LOGS.get(c);
  if (!l) LOGS.set(c, (l = new PodLogs(c)));
  return l;
}

export const logs: Verb = {
  summary: 'Print the logs for a container in a pod.',
  usage: ['logs POD|TYPE/NAME [-c CONTAINER] [--previous] [--tail N] [--timestamps]', 'logs -l SELECTOR [--tail N]'],
  valueFlags: ['c', 'container', 'tail'],
  run(cx) {
    const { c, a, ns, sel } = cx;
    const tailFlag = flag(a, 'tail');
    if (tailFlag !== undefined && !/^-?\d+$/.test(tailFlag))
      return fail(`error: invalid argument "${tailFlag}" for "--tail" flag: strconv.ParseInt: parsing "${tailFlag}": invalid syntax`);
    if (sel) {
      const pods = listed(c, 'Pod', { namespace: ns, selector: parseSelector(sel) });
      if (!pods.length) return ok(`No resources found in ${ns} namespace.`);
      const tail = tailFlag === undefined ? 10 : Number(tailFlag);
      let out = '';
      for (const p of pods) {
        const r = podLog(cx, p, tail);
        if (r.error) return { output: out + r.output, error: true };
        out += r.output;
      }
      return ok(out);
    }
    const tg = target(a);
    const word = a.pos[0];
    if (!word) return fail('error: expected POD or TYPE/NAME is a required argument for the logs command');
    const tail = tailFlag === undefined ? undefined : Number(tailFlag);
    if (!word.includes('/') || tg.kind === 'Pod') {
      const name = word.includes('/') ? tg.name! : word;
      const pod = c.get('Pod', ns, name);
      if (!pod) return fail(`error: error from server (NotFound): pods "${name}" not found in namespace "${ns}"`);
      return podLog(cx, pod, tail);
    }
    if (!tg.kind || !tg.name) return fail(`error: the server doesn't have a resource type "${word.split('/')[0]}"`);
    const owner = c.get(tg.kind, ns, tg.name);
    if (!owner) return fail(`error: error from server (NotFound): ${word.split('/')[0]} "${tg.name}" not found in namespace "${ns}"`);
    const pods = podsOf(c, owner);
    if (!pods.length) return fail(`error: timed out waiting for the condition`);
    const r = podLog(cx, pods[0], tail);
    return pods.length > 1 && !r.error ? ok(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n${r.output}`) : r;
  },
};

/** The pods a workload or Service selects, in kubectl's pick order (by name). */
function podsOf(c: Cluster, owner: KObject): KObject[] {
  const ns = owner.metadata.namespace ?? 'default';
  const sel = owner.spec?.selector;
  if (!sel) return [];
  return listed(c, 'Pod', { namespace: ns }).filter((p) => selectorMatches(sel, p.metadata.labels, owner.kind === 'Service'));
}

/** One pod's log, with the API server's refusals as kubectl prints them. */
function podLog({ c, a }: VerbContext, pod: KObject, tail: number | undefined): CommandResult {
  const name = pod.metadata.name;
  const containers: string[] = (pod.spec?.containers ?? []).map((x: Container) => x.name);
  const inits: string[] = (pod.spec?.initContainers ?? []).map((x: Container) => x.name);
  const book = podLogs(c);
  const wanted = a.flags.has('all-containers')
    ? [...inits, ...containers]
    : [flag(a, 'c', 'container') ?? pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? containers[0]];
  let out = '';
  for (const container of wanted) {
    if (!container || ![...containers, ...inits].includes(container)) return fail(`error: container ${container} is not valid for pod ${name}`);
    if (book.containerState(pod, container) === 'waiting')
      return fail(`Error from server (BadRequest): container "${container}" in pod "${name}" is waiting to start: ${book.waitingReason(pod, container)}`);
    const lines = book.lines(pod, container, { previous: a.flags.has('previous') || a.flags.has('p'), tailLines: tail, timestamps: a.flags.has('timestamps') });
    const prefix = a.flags.has('prefix') ? `[pod/${name}/${container}] ` : '';
    out += lines.map((l) => `${prefix}${l}\n`).join('');
  }
  return { output: out, error: false };
}
