// kubectl get: tables (`-o wide`, `-L`, `--show-labels`, `-A`), `get all`, and the object forms
// `-o json|yaml|name|jsonpath=…|custom-columns=…`. Names that do not exist answer NotFound after
// what was found, as kubectl does.
import type { Cluster } from '../../cluster/cluster';
import type { KObject } from '../../cluster/store';
import { parseSelector } from '../../k8s/selector';
import { isClusterScopedKind } from '../../k8s/kinds';
import { KIND_ALIASES } from '../aliases';
import { fail, flag, notFound, ok, type Args, type CommandResult } from '../args';
import { JsonPathError } from '../jsonpath';
import { customColumns, jsonpathOf, listOrObject, nameOf, toJson, toYaml } from '../output';
import { listed, printGet, type GetOptions } from '../printers';
import type { Verb } from '../verb';

/** The kinds of kubectl's `all` category the simulator prints, in kubectl's order. */
const ALL = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'CronJob', 'Job'];

const FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export const get: Verb = {
  summary: 'Display one or many resources.',
  usage: ['get TYPE[,TYPE] [NAME] [-l SEL] [-n NS | -A] [-o wide|json|yaml|name|jsonpath=…|custom-columns=…] [-L KEY] [--show-labels]'],
  valueFlags: ['L', 'label-columns'],
  run({ c, a, ns, sel }) {
    const types = (a.pos[0] ?? '').split(',').filter(Boolean);
    if (!types.length) return fail('error: You must specify the type of resource to get.');
    let names = a.pos.slice(1);
    const kinds: string[] = [];
    for (const ty of types) {
      const [k, n] = ty.split('/');
      if (k.toLowerCase() === 'all') {
        kinds.push(...ALL);
        continue;
      }
      const kind = KIND_ALIASES[k.toLowerCase()] ?? KIND_ALIASES[k.toLowerCase().split('.')[0]];
      if (!kind) return fail(`error: the server doesn't have a resource type "${k}"`);
      kinds.push(kind);
      if (n) names = [...names, n];
    }
    const all = a.flags.has('A') || a.flags.has('all-namespaces');
    const labelColumns = (flag(a, 'L', 'label-columns') ?? '').split(',').filter(Boolean);
    const opts: GetOptions = {
      namespace: ns,
      allNamespaces: all,
      selector: sel ? parseSelector(sel) : undefined,
      names,
      labelColumns,
      showLabels: a.flags.has('show-labels'),
    };
    const missing = names.length ? names.filter((n) => !kinds.some((k) => c.get(k, k === 'Node' || k === 'Namespace' ? undefined : ns, n))) : [];
    const errors = missing.map((n) => notFound(kinds[0], n).output).join('');
    const r = print(c, a, kinds, opts, types.length > 1 || types.includes('all'));
    if (r.error) return r;
    if (!errors) return r;
    return { output: (r.output.startsWith('No resources found') ? '' : r.output) + errors, error: true };
  },
};

/** The output for `kinds`, in the form `-o` asks for. */
function print(c: Cluster, a: Args, kinds: string[], opts: GetOptions, withKind: boolean): CommandResult {
  const o = flag(a, 'o', 'output') ?? '';
  const objs = (): KObject[] => kinds.flatMap((k) => listed(c, k, opts));
  const single = opts.names?.length === 1 && kinds.length === 1;
  // kubectl names the namespace only when a namespaced kind was asked for in one (`get pv`, `get nodes`: no namespace).
  const inNamespace = !opts.allNamespaces && kinds.some((k) => !isClusterScopedKind(k));
  const none = () => ok(inNamespace ? `No resources found in ${opts.namespace} namespace.\n` : 'No resources found\n');
  try {
    if (o === 'json') return ok(toJson(listOrObject(objs(), single)));
    if (o === 'yaml') return ok(toYaml(listOrObject(objs(), single)));
    if (o === 'name') return objs().length ? ok(objs().map(nameOf).join('\n')) : none();
    if (o.startsWith('jsonpath=')) return ok(jsonpathOf(o.slice('jsonpath='.length), objs(), single));
    if (o.startsWith('custom-columns=')) return objs().length ? ok(customColumns(o.slice('custom-columns='.length), objs())) : none();
  } catch (e) {
    if (e instanceof JsonPathError) return fail(`error: error parsing jsonpath ${o.slice(o.indexOf('=') + 1)}, ${e.message}`);
    throw e;
  }
  if (o && o !== 'wide') return fail(`error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${FORMATS}`);
  const parts = kinds.map((k) => printGet(c, k, { ...opts, wide: o === 'wide', withKind })).filter(Boolean);
  return parts.length ? ok(parts.join('\n')) : none();
}
