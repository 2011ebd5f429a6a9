// kubectl create: from a file (as apply), or a Job from a CronJob, a Secret or a ConfigMap from literals.
import type { CronJobController } from '../../cluster/controllers/cronjob';
import { fail, flag, notFound, ok, type CommandResult } from '../args';
import type { Verb, VerbContext } from '../verb';
import { applyFile } from './apply';
import { createDeployment, createNamespace } from './generate';

export const create: Verb = {
  summary: 'Create a resource from a file or from the command line.',
  usage: [
    'create -f FILE',
    'create job NAME --from=cronjob/NAME',
    'create secret generic NAME --from-literal=KEY=VALUE ...',
    'create configmap NAME --from-literal=KEY=VALUE ...',
    'create deployment NAME --image=IMAGE [--replicas=N] [--port=P]',
    'create namespace NAME',
  ],
  valueFlags: ['f', 'filename', 'from', 'from-literal', 'replicas', 'port'],
  run(cx) {
    if (flag(cx.a, 'f', 'filename')) return applyFile(cx);
    const what = cx.a.pos[0];
    if (what === 'job') return createJob(cx);
    if (what === 'deployment' || what === 'deploy') return createDeployment(cx);
    if (what === 'namespace' || what === 'ns') return createNamespace(cx);
    if (what === 'secret' || what === 'configmap') return createData(cx, what);
    return fail(`error: unknown create subcommand "${what ?? ''}"`);
  },
};

/** `create job NAME --from=cronjob/NAME`: a Job run now from the CronJob's template. */
function createJob({ c, a, ns }: VerbContext): CommandResult {
  const name = a.pos[1];
  const from = flag(a, 'from');
  if (!name || !from?.startsWith('cronjob/')) return fail('error: create job NAME --from=cronjob/NAME');
  const cj = c.get('CronJob', ns, from.slice('cronjob/'.length));
  if (!cj) return notFound('CronJob', from.slice('cronjob/'.length));
  if (c.get('Job', ns, name)) return fail(`error: failed to create job: jobs.batch "${name}" already exists`);
  c.hook<CronJobController>('cronjobs').createJob(cj, name, undefined, true);
  c.settle();
  return ok(`job.batch/${name} created`);
}

/** `create secret generic NAME` / `create configmap NAME` with `--from-literal=KEY=VALUE`. */
function createData({ c, a, ns }: VerbContext, what: 'secret' | 'configmap'): CommandResult {
  const name = what === 'secret' ? a.pos[2] : a.pos[1];
  if (!name) return fail(`error: exactly one NAME is required`);
  const lits = (flag(a, 'from-literal') ?? '').split('\u0000').filter(Boolean);
  const data: Record<string, string> = {};
  for (const l of lits) {
    const i = l.indexOf('=');
    if (i <= 0) return fail(`error: invalid literal source ${l}, expected key=value`);
    data[l.slice(0, i)] = what === 'secret' ? Buffer.from(l.slice(i + 1)).toString('base64') : l.slice(i + 1);
  }
  const kind = what === 'secret' ? 'Secret' : 'ConfigMap';
  // kubectl's own wording (it differs between the two: "create configmap:" has a colon).
  if (c.get(kind, ns, name)) return fail(`error: failed to create ${what}${what === 'configmap' ? ':' : ''} ${what}s "${name}" already exists`);
  c.create({ apiVersion: 'v1', kind, metadata: { name, namespace: ns } as any, ...(what === 'secret' ? { type: 'Opaque' } : {}), data });
  c.settle();
  return ok(`${what}/${name} created`);
}
