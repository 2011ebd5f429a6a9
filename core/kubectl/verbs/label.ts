// kubectl label: add, change (--overwrite) or remove (KEY-) labels of one object, or of every
// object of a type matching `-l SELECTOR` (or `--all`). An object left as it was is "not labeled".
import type { KObject } from '../../cluster/store';
import { parseSelector } from '../../k8s/selector';
import { fail, notFound, ok, target } from '../args';
import { listed, resourceName } from '../printers';
import type { Verb } from '../verb';

export const label: Verb = {
  summary: 'Update the labels on a resource.',
  usage: ['label TYPE/NAME KEY=VALUE... [KEY-]... [--overwrite]', 'label TYPE -l SELECTOR|--all KEY=VALUE...'],
  run({ c, a, ns, sel, get }) {
    const many = sel !== undefined || a.flags.has('all');
    const tg = many ? { ...target({ pos: [a.pos[0] ?? ''], flags: a.flags }), next: 1 } : target(a);
    if (!tg.kind || (!many && !tg.name)) return fail('error: required resource not specified');
    const changes = a.pos.slice(tg.next);
    if (!changes.length) return fail('error: at least one label update is required');
    for (const kv of changes) if (!kv.endsWith('-') && !/^[^=]+=[^=]*$/.test(kv)) return fail(`error: invalid label spec: ${kv}`);
    let objs: KObject[];
    if (many) objs = listed(c, tg.kind, { namespace: ns, selector: sel ? parseSelector(sel) : undefined });
    else {
      const o = tg.kind === 'Node' ? c.get('Node', undefined, tg.name!) : get(tg.kind, tg.name!);
      if (!o) return notFound(tg.kind, tg.name!);
      objs = [o];
    }
    const out: string[] = [];
    for (const o of objs) {
      const labels = { ...(o.metadata.labels ?? {}) };
      for (const kv of changes) {
        if (kv.endsWith('-')) delete labels[kv.slice(0, -1)];
        else {
          const [k, v] = kv.split('=');
          if (k in labels && labels[k] !== v && !a.flags.has('overwrite'))
            return fail(`${out.map((l) => l + '\n').join('')}error: '${k}' already has a value (${labels[k]}), and --overwrite is false`);
          labels[k] = v;
        }
      }
      const changed = sorted(labels) !== sorted(o.metadata.labels ?? {});
      if (changed) {
        o.metadata.labels = labels;
        c.update(o);
        c.settle();
      }
      const onlyRemoved = changes.every((kv) => kv.endsWith('-'));
      out.push(`${resourceName(o.kind)}/${o.metadata.name} ${!changed ? 'not labeled' : onlyRemoved ? 'unlabeled' : 'labeled'}`);
    }
    return ok(out.join('\n'));
  },
};

const sorted = (labels: Record<string, string>): string => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
