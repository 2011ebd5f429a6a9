// kubectl version, and the verbs that need a running container (exec, attach, cp, port-forward):
// the simulator runs none, so they answer with one sentence saying why and what to use instead.
import { t } from '../../i18n/index';
import { simMsg } from '../messages';
import { fail, ok } from '../args';
import type { Verb } from '../verb';

/** The Kubernetes version the simulated cluster reports (as `kube-dorm serve`'s /version does). */
export const SERVER_VERSION = 'v1.32.0';

export const version: Verb = {
  summary: 'Print the client and server version information.',
  usage: ['version [--client]'],
  run({ a }) {
    const client = `Client Version: ${SERVER_VERSION}\nKustomize Version: v5.5.0\n`;
    return ok(a.flags.has('client') && a.flags.get('client') !== 'false' ? client : `${client}Server Version: ${SERVER_VERSION}\n`);
  },
};

export const noContainer: Verb = {
  summary: 'Not simulated: the cluster runs no real containers (exec, attach, cp, port-forward).',
  usage: ['exec POD -- COMMAND', 'attach POD', 'cp POD:PATH PATH', 'port-forward TYPE/NAME PORT'],
  run({ verb, L }) {
    const id = verb === 'cp' ? 'sim.noContainer.cp' : verb === 'port-forward' ? 'sim.noContainer.portForward' : 'sim.noContainer.exec';
    return fail(t(simMsg(id, { verb }), L));
  },
};
