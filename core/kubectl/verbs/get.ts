// kubectl get: tables, `-o wide`, `-o json|yaml` (both print JSON) and `-o name`.
import { parseSelector } from '../../k8s/selector';
import { KIND_ALIASES } from '../aliases';
import { fail, flag, ok } from '../args';
import { printGet, resourceName } from '../printers';
import type { Verb } from '../verb';

export const get: Verb = {
  summary: 'Display one or many resources.',
  usage: ['get TYPE[,TYPE] [NAME] [-l SEL] [-n NS | -A] [-o wide|json|yaml|name]'],
  run({ c, a, ns, sel }) {
    const types = (a.pos[0] ?? '').split(',').filter(Boolean);
    if (!types.length) return fail('error: You must specify the type of resource to get.');
    let names = a.pos.slice(1);
    const kinds: string[] = [];
    for (const ty of types) {
      const [k, n] = ty.split('/');
      const kind = KIND_ALIASES[k.toLowerCase()];
      if (!kind) return fail(`error: the server doesn't have a resource type "${k}"`);
      kinds.push(kind);
      if (n) names = [...names, n];
    }
    const o = flag(a, 'o', 'output');
    const all = a.flags.has('A') || a.flags.has('all-namespaces');
    const matching = (k: string) => c.list(k).filter((x) => all || k === 'Node' || (x.metadata.namespace ?? 'default') === ns).filter((x) => !names.length || names.includes(x.metadata.name));
    if (o === 'json' || o === 'yaml') {
      const items = kinds.flatMap(matching);
      return ok(JSON.stringify(items.length === 1 && names.length === 1 ? items[0] : { apiVersion: 'v1', kind: 'List', items }, null, 2));
    }
    if (o === 'name') return ok(kinds.flatMap((k) => matching(k).map((x) => `${resourceName(k)}/${x.metadata.name}`)).join('\n'));
    const parts = kinds.map((k) => printGet(c, k, { namespace: ns, allNamespaces: all, selector: sel ? parseSelector(sel) : undefined, names, wide: o === 'wide', withKind: kinds.length > 1 })).filter(Boolean);
    if (!parts.length) return ok(all ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    return ok(parts.join('\n'));
  },
};
