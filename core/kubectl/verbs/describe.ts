// kubectl describe TYPE [NAME_PREFIX] | TYPE/NAME [-l SEL]: the kinds with a describer in ../describe
// (pods, workloads, services, endpoints, nodes, PVCs, secrets, configmaps, namespaces), and Events
// through kubectl's generic describer (../describe-generic.ts). A name that matches no object
// exactly describes those it prefixes, as kubectl does.
import type { KObject } from '../../cluster/store';
import { parseSelector } from '../../k8s/selector';
import { fail, notFound, ok, target, type CommandResult } from '../args';
import { describe as describeObjects, DESCRIBERS } from '../describe';
import { apiEvents, describeGeneric } from '../describe-generic';
import { listed, resourceName } from '../printers';
import { tabwrite } from '../tabwriter';
import type { Verb } from '../verb';

/** The objects named (exactly, else by prefix) among `all`, described; every name that matches none is NotFound. */
function describeNamed(all: KObject[], names: string[], text: (objs: KObject[], prefixed: boolean) => string, missing: (n: string) => string): CommandResult {
  const out: string[] = [];
  const errors: string[] = [];
  for (const n of names) {
    const exact = all.filter((o) => o.metadata.name === n);
    const found = exact.length ? exact : all.filter((o) => o.metadata.name.startsWith(n));
    if (found.length) out.push(text(found, !exact.length));
    else errors.push(missing(n));
  }
  const joined = out.join('\n\n') + errors.join('');
  return errors.length ? fail(joined) : ok(joined);
}

export const describe: Verb = {
  summary: 'Show details of a specific resource or group of resources.',
  usage: [
    'describe pod|deployment|replicaset|statefulset|daemonset|job|cronjob|service|endpoints|node|pvc|secret|configmap|namespace|events [NAME_PREFIX] [-l SEL]',
    'describe TYPE/NAME',
  ],
  run({ c, a, ns, sel }) {
    const word = a.pos[0];
    if (!word) return fail('error: You must specify the type of resource to describe.');
    const tg = target(a);
    if (!tg.kind) return fail(`error: the server doesn't have a resource type "${word.split('/')[0]}"`);
    const events = tg.kind === 'Event';
    if (!events && !DESCRIBERS[tg.kind])
      return fail(`error: describe ${resourceName(tg.kind)} is not simulated yet; \`get ${word.split('/')[0]} NAME -o yaml\` shows the whole object`);
    const selector = sel ? parseSelector(sel) : undefined;
    const all = events
      ? apiEvents(c).filter((e) => e.metadata.namespace === ns && (!selector || selector(e.metadata.labels)))
      : listed(c, tg.kind, { namespace: ns, selector });
    const text = events
      ? (objs: KObject[], prefixed = false) => objs.map((o) => tabwrite(describeGeneric(o))).join(prefixed ? '\n' : '\n\n') + '\n'
      : (objs: KObject[], prefixed = false) => describeObjects(c, objs, prefixed);
    const names = word.includes('/') ? [tg.name!] : a.pos.slice(1);
    if (!names.length) return all.length ? ok(text(all)) : ok(`No resources found in ${ns} namespace.`);
    return describeNamed(all, names, text, (n) => (events ? `Error from server (NotFound): events "${n}" not found\n` : notFound(tg.kind!, n).output));
  },
};
