// kubectl's node verbs: cordon, uncordon, drain, taint.
import type { NodeLifecycle } from '../../cluster/controllers/nodes';
import { controllerOf, type KObject } from '../../cluster/store';
import { t, type Locale } from '../../i18n/index';
import { simMsg } from '../messages';
import { fail, nodeName, ok, shift, type CommandResult } from '../args';
import type { Verb } from '../verb';

/** The NotFound answer for a node the cluster does not have. */
export const unknownNode = (name: string | undefined, L: Locale): CommandResult => fail(t(simMsg('sim.node.unknown', { node: name ?? '' }), L));

/** cordon / uncordon (the verb decides which). */
export const cordon: Verb = {
  summary: 'Mark a node as unschedulable (cordon) or schedulable again (uncordon).',
  usage: ['cordon NODE', 'uncordon NODE'],
  run({ c, verb, a, L }) {
    const name = nodeName(a.pos[0]);
    if (!name || !c.get('Node', undefined, name)) return unknownNode(name, L);
    const changed = c.hook<NodeLifecycle>('nodes').setUnschedulable(name, verb === 'cordon');
    c.settle();
    return ok(`node/${name} ${changed ? '' : 'already '}${verb}ed`);
  },
};

export const drain: Verb = {
  summary: 'Cordon a node and evict its pods.',
  usage: ['drain NODE [--ignore-daemonsets] [--force]'],
  run({ c, a, L }) {
    const name = nodeName(a.pos[0]);
    if (!name || !c.get('Node', undefined, name)) return unknownNode(name, L);
    const podsOf = (list: KObject[]) => list.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ');
    const pods = c.list('Pod').filter((p) => p.spec?.nodeName === name && !p.metadata.deletionTimestamp);
    const ds = pods.filter((p) => controllerOf(p)?.kind === 'DaemonSet');
    const bare = pods.filter((p) => !controllerOf(p));
    c.hook<NodeLifecycle>('nodes').setUnschedulable(name, true);
    const out = [`node/${name} cordoned`];
    const errs: string[] = [];
    if (ds.length && !a.flags.has('ignore-daemonsets')) errs.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${podsOf(ds)}`);
    if (bare.length && !a.flags.has('force')) errs.push(`cannot delete Pods that declare no controller (use --force to override): ${podsOf(bare)}`);
    if (errs.length)
      return fail(
        out
          .concat(
            `error: unable to drain node "${name}" due to error: ${errs.join(', ')}, continuing command...`,
            `There are pending nodes to be drained:\n ${name}`,
          )
          .join('\n'),
      );
    if (ds.length) out.push(`Warning: ignoring DaemonSet-managed Pods: ${podsOf(ds)}`);
    const evict = pods.filter((p) => !ds.includes(p));
    for (const p of evict) out.push(`evicting pod ${p.metadata.namespace}/${p.metadata.name}`);
    for (const p of evict) {
      c.delete(p);
      out.push(`pod/${p.metadata.name} evicted`);
    }
    out.push(`node/${name} drained`);
    c.settle();
    return ok(out.join('\n'));
  },
};

export const taint: Verb = {
  summary: 'Update the taints on a node.',
  usage: ['taint nodes NODE KEY[=VALUE]:EFFECT ...   (KEY...- removes it)'],
  run({ c, a, L }) {
    const sub = a.pos[0] === 'nodes' || a.pos[0] === 'node' ? shift(a) : a;
    const name = nodeName(sub.pos[0]);
    if (!name || !c.get('Node', undefined, name)) return unknownNode(name, L);
    const nodes = c.hook<NodeLifecycle>('nodes');
    for (const spec of sub.pos.slice(1)) {
      const m = /^([^=:]+)(?:=([^:]*))?(?::(NoSchedule|PreferNoSchedule|NoExecute))?(-)?$/.exec(spec);
      if (!m) return fail(`error: invalid taint spec: ${spec}`);
      nodes.taint(name, { key: m[1], value: m[2], effect: m[3] ?? '' }, !!m[4]);
    }
    c.settle();
    return ok(`node/${name} ${sub.pos.slice(1).some((s) => s.endsWith('-')) ? 'untainted' : 'tainted'}`);
  },
};
