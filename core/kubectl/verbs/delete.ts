// kubectl delete: by TYPE NAME..., TYPE/NAME..., a label selector or a manifest file; deleting a
// Namespace deletes what it holds.
import type { KObject } from '../../cluster/store';
import { parseSelector } from '../../k8s/selector';
import { parseFile } from '../../manifest/parse';
import { fail, flag, notFound, ok, target } from '../args';
import { resourceName } from '../printers';
import type { Verb } from '../verb';
import { namespaceDeleteRefusal, type NamespaceController } from '../../cluster/controllers/namespace';

export const del: Verb = {
  summary: 'Delete resources by file name, by type and name, or by label selector.',
  usage: ['delete TYPE NAME... | TYPE/NAME... | TYPE -l SEL | -f FILE [--grace-period N] [--force]'],
  valueFlags: ['f', 'filename', 'grace-period'],
  run({ c, a, ns, sel, env, get }) {
    const file = flag(a, 'f', 'filename');
    const grace = flag(a, 'grace-period');
    const opts = { gracePeriodSeconds: a.flags.has('force') && grace === undefined ? 0 : grace !== undefined ? Number(grace) : undefined };
    let victims: KObject[] = [];
    if (file) {
      if (!env.readFile) return fail('error: reading files is not available here');
      for (const r of parseFile(file, env.readFile(file)).resources) {
        const o = r.name ? c.get(r.kind, r.namespace ?? ns, r.name) : undefined;
        if (o) victims.push(o);
      }
    } else {
      const tg = target(a);
      if (!tg.kind) return fail(`error: the server doesn't have a resource type "${a.pos[0] ?? ''}"`);
      if (sel) victims = c.list(tg.kind, tg.kind === 'Node' ? undefined : ns).filter((o) => parseSelector(sel)(o.metadata.labels));
      else {
        const names = a.pos[0]?.includes('/') ? a.pos.filter((p) => p.includes('/')).map((p) => p.split('/')[1]) : a.pos.slice(1);
        for (const n of names) {
          const o = get(tg.kind, n);
          if (!o) return notFound(tg.kind, n);
          victims.push(o);
        }
      }
    }
    if (!victims.length) return ok('No resources found');
    const out: string[] = [];
    const errors: string[] = [];
    for (const o of victims) {
      if (o.kind === 'Namespace') {
        // Terminating first: the namespace controller deletes what it holds, then the namespace.
        const refusal = namespaceDeleteRefusal(o.metadata.name);
        if (refusal) {
          errors.push(`Error from server (Forbidden): ${refusal}`);
          continue;
        }
        c.hook<NamespaceController>('namespaces').delete(o);
      } else c.delete(o, opts);
      out.push(`${resourceName(o.kind).split('.')[0]} "${o.metadata.name}" deleted`);
    }
    c.settle();
    if (errors.length) return { output: [...out, ...errors].join('\n') + '\n', error: true };
    return ok(out.join('\n'));
  },
};
