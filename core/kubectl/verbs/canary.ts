// Simulator verb: a canary of a Deployment, a second Deployment whose pods the same Services
// select (the side panel's Canary control runs it).
import { t } from '../../i18n/index';
import { simMsg } from '../messages';
import { fail, flag, notFound, ok, target } from '../args';
import type { Verb } from '../verb';

export const canary: Verb = {
  summary: 'Simulator: run a canary of a deployment (NAME-canary, labelled track=canary beside the app labels), or scale the one there is.',
  usage: ['canary deployment/NAME [--image IMAGE] [--replicas N]'],
  valueFlags: ['replicas'],
  run({ c, a, ns, L, get }) {
    const tg = target(a);
    if (tg.kind !== 'Deployment' || !tg.name) return fail(t(simMsg('sim.badArgs', { detail: 'canary deployment/NAME [--image IMAGE] [--replicas N]' }), L));
    const replicas = Number(flag(a, 'replicas') ?? 1);
    if (!Number.isInteger(replicas) || replicas < 0) return fail('error: --replicas must be an integer greater than or equal to 0');
    const d = get('Deployment', tg.name);
    if (!d) return notFound('Deployment', tg.name);
    const cname = `${tg.name}-canary`.slice(0, 253);
    const existing = get('Deployment', cname);
    if (existing) {
      existing.spec.replicas = replicas;
      c.update(existing, true);
      c.settle();
      return ok(`deployment.apps/${cname} scaled`);
    }
    const tpl = structuredClone(d.spec.template);
    tpl.metadata ??= {};
    tpl.metadata.labels = { ...(tpl.metadata.labels ?? {}), track: 'canary' };
    delete tpl.metadata.labels['pod-template-hash'];
    const image = flag(a, 'image');
    if (image && tpl.spec?.containers?.[0]) tpl.spec.containers[0].image = image;
    const matchLabels = { ...(d.spec.selector?.matchLabels ?? {}), track: 'canary' };
    c.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: cname, namespace: ns, labels: { ...(d.metadata.labels ?? {}), track: 'canary' } },
      spec: { replicas, selector: { matchLabels }, template: tpl },
    });
    c.settle();
    return ok(`deployment.apps/${cname} created`);
  },
};
