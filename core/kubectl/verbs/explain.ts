// kubectl explain TYPE[.FIELD...] [--recursive] (../explain): documentation of a kind or field from the schema catalog.
import { KIND_ALIASES } from '../aliases';
import { explain as explainText } from '../explain';
import { fail, ok } from '../args';
import type { Verb } from '../verb';

export const explain: Verb = {
  summary: 'Get documentation for a resource.',
  usage: ['explain TYPE[.FIELD...] [--recursive]'],
  run({ a, env }) {
    const word = a.pos[0];
    if (!word) return fail('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
    const [type, ...path] = word.split('.');
    const kind = KIND_ALIASES[type.toLowerCase()];
    // kubectl explain says it without the "error: " other verbs put first.
    if (!kind) return fail(`the server doesn't have a resource type "${type}"`);
    const r = explainText(kind, path, a.flags.has('recursive') && a.flags.get('recursive') !== 'false', env.kubernetesVersion);
    return r.error ? fail(r.text) : ok(r.text);
  },
};
