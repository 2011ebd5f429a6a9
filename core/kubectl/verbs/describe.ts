// kubectl describe TYPE [NAME_PREFIX] | TYPE/NAME [-l SEL]: the kinds with a describer in ../describe
// (pods, workloads, services, endpoints, nodes, PVCs, secrets, configmaps, namespaces). A name that matches no object exactly describes those it prefixes, as kubectl does.
import { parseSelector } from '../../k8s/selector';
import { fail, notFound, ok, target } from '../args';
import { describe as describeObjects, DESCRIBERS } from '../describe';
import { listed, resourceName } from '../printers';
import type { Verb } from '../verb';

export const describe: Verb = {
  summary: 'Show details of a specific resource or group of resources.',
  usage: [
    'describe pod|deployment|replicaset|statefulset|daemonset|job|cronjob|service|endpoints|node|pvc|secret|configmap|namespace [NAME_PREFIX] [-l SEL]',
    'describe TYPE/NAME',
  ],
  run({ c, a, ns, sel }) {
    const word = a.pos[0];
    if (!word) return fail('error: You must specify the type of resource to describe.');
    const tg = target(a);
    if (!tg.kind) return fail(`error: the server doesn't have a resource type "${word.split('/')[0]}"`);
    if (!DESCRIBERS[tg.kind])
      return fail(`error: describe ${resourceName(tg.kind)} is not simulated yet; \`get ${word.split('/')[0]} NAME -o yaml\` shows the whole object`);
    const all = listed(c, tg.kind, { namespace: ns, selector: sel ? parseSelector(sel) : undefined });
    const names = word.includes('/') ? [tg.name!] : a.pos.slice(1);
    if (!names.length) return all.length ? ok(describeObjects(c, all)) : ok(`No resources found in ${ns} namespace.`);
    const out: string[] = [];
    const errors: string[] = [];
    for (const n of names) {
      const exact = all.filter((o) => o.metadata.name === n);
      const found = exact.length ? exact : all.filter((o) => o.metadata.name.startsWith(n));
      if (found.length) out.push(describeObjects(c, found, !exact.length));
      else errors.push(notFound(tg.kind, n).output);
    }
    const text = out.join('\n\n') + errors.join('');
    return errors.length ? fail(text) : ok(text);
  },
};
