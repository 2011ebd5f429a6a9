// kubectl api-resources and api-versions, from the discovery facts `kube-dorm serve` answers with
// (core/k8s/registry.ts), and `config view|current-context|get-contexts` for the one simulated
// context. The built-in kubectl reads no kubeconfig and holds no token: it prints what kubectl
// prints for the kubeconfig `kube-dorm serve` writes (kubectl redacts the token there too).
import { servedGroups, servedResources, type ResourceDef } from '../../k8s/registry';
import { fail, flag, ok, type CommandResult } from '../args';
import { table } from '../printers';
import type { Verb, VerbContext } from '../verb';

/** The context and user of the kubeconfig `kube-dorm serve` writes. */
export const CONTEXT_NAME = 'kube-dorm';
export const USER_NAME = 'kube-dorm-learner';

/** Each group's preferred version, as kubectl's ServerPreferredResources picks them (of those the targeted `version` serves). */
function preferred(version: string | undefined): ResourceDef[] {
  const pref = new Map(servedGroups(version).map((g) => [g.name, g.versions[0]]));
  return servedResources(version)
    .filter((d) => (d.group ? pref.get(d.group) === d.version : d.version === 'v1'))
    .sort((a, b) => a.group.localeCompare(b.group) || a.plural.localeCompare(b.plural));
}

export const apiResources: Verb = {
  summary: 'Print the supported API resources on the server.',
  usage: ['api-resources [--namespaced=true|false] [--api-group=GROUP] [-o wide|name] [--no-headers]'],
  valueFlags: ['api-group'],
  run({ a, env }) {
    let list = preferred(env.kubernetesVersion);
    const namespaced = a.flags.get('namespaced');
    if (namespaced !== undefined) list = list.filter((d) => d.namespaced === (namespaced !== 'false'));
    const group = flag(a, 'api-group');
    if (group !== undefined) list = list.filter((d) => d.group === group);
    const format = flag(a, 'o', 'output');
    if (format === 'name') return ok(list.map((d) => (d.group ? `${d.plural}.${d.group}` : d.plural)).join('\n'));
    if (format !== undefined && format !== 'wide') return fail(`error: --output ${format} is not available`);
    const wide = format === 'wide';
    const rows = list.map((d) => {
      const row = [d.plural, d.shortNames.join(','), d.apiVersion, String(d.namespaced), d.kind];
      return wide ? [...row, d.verbs.join(','), d.categories.join(',')] : row;
    });
    const head = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
    return ok(table(a.flags.has('no-headers') ? rows : [head, ...rows]));
  },
};

export const apiVersions: Verb = {
  summary: 'Print the supported API versions on the server, in the form of "group/version".',
  usage: ['api-versions'],
  run({ env }) {
    const all = ['v1', ...servedGroups(env.kubernetesVersion).flatMap((g) => g.versions.map((v) => `${g.name}/${v}`))];
    return ok(all.sort().join('\n'));
  },
};

/** `config view`: the kubeconfig (its context's namespace is the environment's, not `-n`'s) of `kube-dorm serve`, as kubectl shows it (data omitted, token redacted). */
function view({ env }: VerbContext): string {
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    '    certificate-authority-data: DATA+OMITTED',
    '    server: https://127.0.0.1:6443',
    `  name: ${CONTEXT_NAME}`,
    'contexts:',
    '- context:',
    `    cluster: ${CONTEXT_NAME}`,
    `    namespace: ${env.namespace ?? 'default'}`,
    `    user: ${USER_NAME}`,
    `  name: ${CONTEXT_NAME}`,
    `current-context: ${CONTEXT_NAME}`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: ${USER_NAME}`,
    '  user:',
    '    token: REDACTED',
  ].join('\n');
}

export const config: Verb = {
  summary: 'Show the simulated kubeconfig (one context, kube-dorm; the built-in kubectl holds no token).',
  usage: ['config view', 'config current-context', 'config get-contexts'],
  run(cx): CommandResult {
    const sub = cx.a.pos[0];
    if (sub === 'view') return ok(view(cx));
    if (sub === 'current-context') return ok(CONTEXT_NAME);
    if (sub === 'get-contexts')
      return ok(
        table([
          ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'],
          ['*', CONTEXT_NAME, CONTEXT_NAME, USER_NAME, cx.env.namespace ?? 'default'],
        ]),
      );
    return fail(`error: unknown command "config ${sub ?? ''}"`);
  },
};
