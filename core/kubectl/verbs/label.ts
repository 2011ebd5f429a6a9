// kubectl label: add, change (--overwrite) or remove (KEY-) labels of one object.
import { fail, notFound, ok, target } from '../args';
import { resourceName } from '../printers';
import type { Verb } from '../verb';

export const label: Verb = {
  summary: 'Update the labels on a resource.',
  usage: ['label TYPE/NAME KEY=VALUE... [KEY-]... [--overwrite]'],
  run({ c, a, get }) {
    const tg = target(a);
    if (!tg.kind || !tg.name) return fail('error: required resource not specified');
    const o = tg.kind === 'Node' ? c.get('Node', undefined, tg.name) : get(tg.kind, tg.name);
    if (!o) return notFound(tg.kind, tg.name);
    const labels = { ...(o.metadata.labels ?? {}) };
    for (const kv of a.pos.slice(tg.next)) {
      if (kv.endsWith('-')) delete labels[kv.slice(0, -1)];
      else {
        const [k, v] = kv.split('=');
        if (v === undefined) return fail(`error: invalid label spec: ${kv}`);
        if (k in labels && labels[k] !== v && !a.flags.has('overwrite')) return fail(`error: '${k}' already has a value (${labels[k]}), and --overwrite is false`);
        labels[k] = v;
      }
    }
    o.metadata.labels = labels;
    c.update(o);
    c.settle();
    return ok(`${resourceName(o.kind)}/${o.metadata.name} labeled`);
  },
};
