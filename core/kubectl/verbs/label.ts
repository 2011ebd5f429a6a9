// kubectl label and annotate: add, change (--overwrite) or remove (KEY-) labels (annotations) of
// one object, or of every object of a type matching `-l SELECTOR` (or `--all`). An object left as
// it was is "not labeled" ("not annotated").
import type { KObject } from '../../cluster/store';
import { parseSelector } from '../../k8s/selector';
import { fail, isOn, notFound, ok, target } from '../args';
import { listed, resourceName } from '../printers';
import type { Verb } from '../verb';

/** label or annotate: which map of metadata, and kubectl's words for it. */
function labeler(field: 'labels' | 'annotations', done: string, undone: string, clash: (k: string, v: string) => string): Verb['run'] {
  return ({ c, a, ns, sel, get }) => {
    const many = sel !== undefined || a.flags.has('all');
    const tg = many ? { ...target({ pos: [a.pos[0] ?? ''], flags: a.flags }), next: 1 } : target(a);
    if (!tg.kind || (!many && !tg.name)) return fail('error: required resource not specified');
    const changes = a.pos.slice(tg.next);
    if (!changes.length) return fail('error: at least one label update is required');
    for (const kv of changes)
      if (!kv.endsWith('-') && !/^[^=]+=.*$/.test(kv)) return fail(`error: invalid ${field === 'labels' ? 'label' : 'annotation'} spec: ${kv}`);
    let objs: KObject[];
    if (many) objs = listed(c, tg.kind, { namespace: ns, selector: sel ? parseSelector(sel) : undefined });
    else {
      const o = tg.kind === 'Node' ? c.get('Node', undefined, tg.name!) : get(tg.kind, tg.name!);
      if (!o) return notFound(tg.kind, tg.name!);
      objs = [o];
    }
    const out: string[] = [];
    for (const o of objs) {
      const labels: Record<string, string> = { ...(o.metadata[field] ?? {}) };
      for (const kv of changes) {
        if (kv.endsWith('-')) delete labels[kv.slice(0, -1)];
        else {
          const i = kv.indexOf('=');
          const [k, v] = [kv.slice(0, i), kv.slice(i + 1)];
          if (k in labels && labels[k] !== v && !isOn(a, 'overwrite')) return fail(`${out.map((l) => l + '\n').join('')}${clash(k, labels[k])}`);
          labels[k] = v;
        }
      }
      const changed = sorted(labels) !== sorted(o.metadata[field] ?? {});
      if (changed) {
        o.metadata[field] = labels;
        c.update(o);
        c.settle();
      }
      const onlyRemoved = changes.every((kv) => kv.endsWith('-'));
      out.push(`${resourceName(o.kind)}/${o.metadata.name} ${!changed ? `not ${done}` : onlyRemoved ? undone : done}`);
    }
    return ok(out.join('\n'));
  };
}

export const label: Verb = {
  summary: 'Update the labels on a resource.',
  usage: ['label TYPE/NAME KEY=VALUE... [KEY-]... [--overwrite]', 'label TYPE -l SELECTOR|--all KEY=VALUE...'],
  run: labeler('labels', 'labeled', 'unlabeled', (k, v) => `error: '${k}' already has a value (${v}), and --overwrite is false`),
};

export const annotate: Verb = {
  summary: 'Update the annotations on a resource.',
  usage: ['annotate TYPE/NAME KEY=VALUE... [KEY-]... [--overwrite]', 'annotate TYPE -l SELECTOR|--all KEY=VALUE...'],
  run: labeler(
    'annotations',
    'annotated',
    'annotated',
    (k, v) => `error: --overwrite is false but found the following declared annotation(s): '${k}' already has a value (${v})`,
  ),
};

const sorted = (labels: Record<string, string>): string => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
