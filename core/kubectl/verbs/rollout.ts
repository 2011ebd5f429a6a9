// kubectl rollout status|history|pause|resume|restart|undo.
import { ANNOTATIONS_NOT_COPIED, templateKey } from '../../cluster/controllers/deployment';
import type { Cluster } from '../../cluster/cluster';
import type { KObject } from '../../cluster/store';
import { podTemplate } from '../describe';
import { fail, flag, notFound, ok, shift, target, type Args, type CommandResult } from '../args';
import { resourceName, rolloutHistory, rolloutStatus } from '../printers';
import type { Verb } from '../verb';

export const rollout: Verb = {
  summary: 'Manage the rollout of a deployment, stateful set or daemon set.',
  usage: ['rollout status|history|pause|resume|restart TYPE/NAME', 'rollout history TYPE/NAME --revision=N', 'rollout undo TYPE/NAME [--to-revision=N]'],
  valueFlags: ['to-revision', 'revision'],
  run({ c, a, ns }) {
    const sub = a.pos[0];
    const tg = target(shift(a));
    if (!tg.kind || !tg.name) return fail('error: required resource not specified');
    const o = c.get(tg.kind, ns, tg.name);
    if (!o) return notFound(tg.kind, tg.name);
    const label = `${resourceName(o.kind)}/${o.metadata.name}`;
    switch (sub) {
      case 'status': {
        c.settle();
        const r = rolloutStatus(o);
        return { output: r.text, error: !!r.error };
      }
      case 'history': {
        if (o.kind !== 'Deployment') return fail(`error: no history viewer has been implemented for ${o.kind}`);
        const revision = Number(flag(a, 'revision') ?? 0);
        if (!revision) return ok(rolloutHistory(c, o));
        const rs = c.store
          .ownedBy(o.metadata.uid)
          .find((x) => x.kind === 'ReplicaSet' && Number(x.metadata.annotations?.['deployment.kubernetes.io/revision']) === revision);
        if (!rs) return fail('error: unable to find the specified revision');
        return ok(`${label} with revision #${revision}\nPod Template:\n${podTemplate(rs.spec?.template)}`);
      }
      case 'pause':
      case 'resume': {
        if (o.kind !== 'Deployment') return fail(`error: ${label} is not a Deployment`);
        const want = sub === 'pause';
        if (!!o.spec.paused === want) return fail(`error: ${label} is ${want ? 'already paused' : 'not paused'}`);
        if (want) o.spec.paused = true;
        else delete o.spec.paused;
        c.update(o, true);
        c.settle();
        return ok(`${label} ${sub}d`);
      }
      case 'restart': {
        const tpl = o.spec?.template;
        if (!tpl || !['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind)) return fail(`error: ${label} cannot be restarted`);
        tpl.metadata ??= {};
        tpl.metadata.annotations = { ...(tpl.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': c.iso() };
        c.update(o, true);
        c.settle();
        return ok(`${label} restarted`);
      }
      case 'undo':
        return undo(c, a, o, label);
      default:
        return fail(`error: unknown command "rollout ${sub ?? ''}"`);
    }
  },
};

/** Rolls a Deployment back to the previous revision or to `--to-revision`. */
function undo(c: Cluster, a: Args, o: KObject, label: string): CommandResult {
  if (o.kind !== 'Deployment') return fail(`error: no rollbacker has been implemented for ${o.kind}`);
  const rsList = c.store.ownedBy(o.metadata.uid).filter((x) => x.kind === 'ReplicaSet');
  const rev = (x: KObject) => Number(x.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const toRev = Number(flag(a, 'to-revision') ?? 0);
  let from: KObject | undefined;
  if (toRev) {
    from = rsList.find((x) => rev(x) === toRev);
    if (!from) return fail(`error: unable to find specified revision ${toRev} in history`);
  } else {
    const sorted = rsList.filter((x) => rev(x) > 0).sort((x, y) => rev(y) - rev(x));
    if (sorted.length < 2) return fail(`error: no rollout history found for deployment "${o.metadata.name}"`);
    from = sorted[1];
  }
  if (templateKey(from.spec.template) === templateKey(o.spec.template))
    return ok(`${label} skipped rollback (current template already matches revision ${rev(from)})`);
  const tpl = structuredClone(from.spec.template);
  if (tpl.metadata?.labels) delete tpl.metadata.labels['pod-template-hash'];
  o.spec.template = tpl;
  o.metadata.annotations = rollbackAnnotations(o, from);
  c.update(o, true);
  c.settle();
  return ok(`${label} rolled back`);
}

/** The controller's annotations of the Deployment, and the rest (such as the change-cause) from the revision rolled back to, as kubectl's rollbacker does. */
function rollbackAnnotations(d: KObject, rs: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_NOT_COPIED.has(k)) out[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_NOT_COPIED.has(k)) out[k] = v;
  return out;
}
