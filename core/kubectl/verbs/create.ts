// kubectl create: from a file (as apply), or from the command line with kubectl's generators.
import { fail, flag } from '../args';
import type { Verb } from '../verb';
import { applyFile } from './apply';
import { createCronJob, createData, createJob, createService } from './create-kinds';
import { createSecretDockerRegistry, createSecretTls } from './create-secrets';
import { createDeployment, createNamespace } from './generate';

export const create: Verb = {
  summary: 'Create a resource from a file or from the command line.',
  usage: [
    'create -f FILE',
    'create deployment NAME --image=IMAGE [--replicas=N] [--port=P]',
    'create service clusterip|nodeport|loadbalancer NAME --tcp=PORT[:TARGET]',
    'create job NAME --image=IMAGE [-- COMMAND...]',
    'create job NAME --from=cronjob/NAME',
    'create cronjob NAME --image=IMAGE --schedule=SCHEDULE [-- COMMAND...]',
    'create secret generic NAME --from-literal=KEY=VALUE ...',
    'create secret tls NAME --cert=FILE --key=FILE',
    'create secret docker-registry NAME --docker-username=U --docker-password=P [--docker-email=E] [--docker-server=S]',
    'create configmap NAME --from-literal=KEY=VALUE ...',
    'create namespace NAME',
    '(any of them with --dry-run=client [-o yaml|json] to print the object instead)',
  ],
  valueFlags: ['f', 'filename', 'from', 'from-literal', 'replicas', 'port', 'tcp', 'schedule'],
  run(cx) {
    if (flag(cx.a, 'f', 'filename')) return applyFile(cx);
    const what = cx.a.pos[0];
    if (what === 'job') return createJob(cx);
    if (what === 'cronjob' || what === 'cj') return createCronJob(cx);
    if (what === 'service' || what === 'svc') return createService(cx);
    if (what === 'deployment' || what === 'deploy') return createDeployment(cx);
    if (what === 'namespace' || what === 'ns') return createNamespace(cx);
    if (what === 'secret' && cx.a.pos[1] === 'tls') return createSecretTls(cx);
    if (what === 'secret' && cx.a.pos[1] === 'docker-registry') return createSecretDockerRegistry(cx);
    if (what === 'secret' || what === 'configmap' || what === 'cm') return createData(cx, what === 'cm' ? 'configmap' : what);
    return fail(`error: unknown create subcommand "${what ?? ''}"`);
  },
};
