// kubectl run (one Pod), expose (a Service in front of a workload or pod), auth can-i (the
// simulated learner may do everything).
import { fail, ok } from '../args';
import type { Verb } from '../verb';
import { expose as exposeObject, runPod } from './generate';

export const run: Verb = {
  summary: 'Run a particular image on the cluster (one Pod).',
  usage: ['run NAME --image=IMAGE [--port=P] [--labels=K=V,...] [--restart=Always|OnFailure|Never] [-- ARG...]'],
  valueFlags: ['port', 'labels', 'restart'],
  run: runPod,
};

export const expose: Verb = {
  summary: 'Take a deployment, replica set, pod or service and expose it as a new Service.',
  usage: ['expose deployment|rs|pod|svc NAME --port=P [--target-port=T] [--name=NAME] [--type=ClusterIP|NodePort|LoadBalancer]'],
  valueFlags: ['port', 'target-port', 'name', 'type', 'protocol'],
  run: exposeObject,
};

export const auth: Verb = {
  summary: 'Inspect authorization (the simulated learner may do everything: `auth can-i VERB TYPE` answers yes).',
  usage: ['auth can-i VERB TYPE[/NAME]'],
  run({ a }) {
    if (a.pos[0] !== 'can-i') return fail(`error: unknown command "auth ${a.pos[0] ?? ''}"`);
    if (a.pos.length < 2) return fail('error: you must specify two arguments: verb resource or verb resource/resourceName.');
    return ok('yes');
  },
};
