// kubectl set image: container images of a pod template (or of a Pod itself).
import type { KObject } from '../../cluster/store';
import { fail, notFound, ok, shift, target } from '../args';
import { resourceName } from '../printers';
import type { Verb } from '../verb';

/** The pod spec an object runs its containers from. */
function podSpecHolder(o: KObject): any {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

export const set: Verb = {
  summary: 'Set specific features on objects (only `set image`).',
  usage: ['set image TYPE/NAME CONTAINER=IMAGE ...   (CONTAINER may be *)'],
  run({ c, a, get }) {
    if (a.pos[0] !== 'image') return fail(`error: unknown command "set ${a.pos[0] ?? ''}"`);
    const sub = shift(a);
    const tg = target(sub);
    if (!tg.kind || !tg.name) return fail('error: required resource not specified');
    const o = get(tg.kind, tg.name);
    if (!o) return notFound(tg.kind, tg.name);
    const spec = podSpecHolder(o);
    let changed = false;
    for (const pair of sub.pos.slice(tg.next)) {
      const [cn, img] = pair.split('=');
      if (!img) return fail(`error: invalid image assignment "${pair}"`);
      const list = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].filter((x: any) => cn === '*' || x.name === cn);
      if (!list.length) return fail(`error: unable to find container named "${cn}"`);
      for (const x of list) {
        if (x.image !== img) changed = true;
        x.image = img;
      }
    }
    if (!changed) return ok('');
    c.update(o, o.kind !== 'Pod');
    c.settle();
    return ok(`${resourceName(o.kind)}/${o.metadata.name} image updated`);
  },
};
