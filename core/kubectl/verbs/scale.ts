// kubectl scale: replicas of a Deployment, ReplicaSet or StatefulSet; parallelism of a Job.
import { fail, flag, notFound, ok, target } from '../args';
import { resourceName } from '../printers';
import type { Verb } from '../verb';
import { SCALABLE_KINDS } from '../../k8s/kinds';

/** The /scale kinds, and a Job, whose parallelism the built-in kubectl also sets. */
const SCALABLE = new Set([...SCALABLE_KINDS, 'Job']);

export const scale: Verb = {
  summary: 'Set a new size for a deployment, replica set, stateful set or job.',
  usage: ['scale TYPE/NAME --replicas=N'],
  valueFlags: ['replicas'],
  run({ c, a, get }) {
    const tg = target(a);
    const replicas = Number(flag(a, 'replicas'));
    if (!tg.kind || !tg.name) return fail('error: required resource not specified');
    if (!Number.isInteger(replicas) || replicas < 0) return fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const o = get(tg.kind, tg.name);
    if (!o) return notFound(tg.kind, tg.name);
    if (!SCALABLE.has(o.kind)) return fail(`error: cannot scale ${resourceName(o.kind)}`);
    if (o.kind === 'Job') o.spec.parallelism = replicas;
    else o.spec.replicas = replicas;
    c.update(o, true);
    c.settle();
    return ok(`${resourceName(o.kind)}/${o.metadata.name} scaled`);
  },
};
