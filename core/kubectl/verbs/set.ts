// kubectl set image (container images of a pod template, or of a Pod itself), set selector (a
// Service's selector: the side panel's blue-green switch), set env (./set-env.ts) and set
// resources (./set-resources.ts).
import { fail, notFound, ok, shift, target, type CommandResult } from '../args';
import { resourceName } from '../printers';
import type { Verb, VerbContext } from '../verb';
import { podSpecHolder } from './set-common';
import { setEnv } from './set-env';
import { setResources } from './set-resources';

/** `set selector service/NAME key=value[,key=value...]`: replaces the Service's selector. */
function setSelector({ c, a, get }: VerbContext): CommandResult {
  const sub = shift(a);
  const tg = target(sub);
  if (!tg.kind || !tg.name) return fail('error: required resource not specified');
  if (tg.kind !== 'Service') return fail(`error: the selector of a ${tg.kind} cannot be set here (Services only)`);
  const expression = sub.pos[tg.next];
  if (!expression) return fail('error: a selector needs at least one label');
  const selector: Record<string, string> = {};
  for (const part of expression.split(',')) {
    const m = /^([^=,\s]+)=([^=,\s]*)$/.exec(part.trim());
    if (!m) return fail(`error: invalid selector "${expression}": expected key=value[,key=value...]`);
    selector[m[1]] = m[2];
  }
  const svc = get('Service', tg.name);
  if (!svc) return notFound('Service', tg.name);
  svc.spec.selector = selector;
  c.update(svc, true);
  c.settle();
  return ok(`service/${tg.name} selector updated`);
}

export const set: Verb = {
  summary: 'Set specific features on objects (`set image`, `set env`, `set resources`, `set selector`).',
  usage: [
    'set image TYPE/NAME CONTAINER=IMAGE ...   (CONTAINER may be *)',
    'set env TYPE/NAME [-c CONTAINER] NAME=VALUE ... [NAME-] [--from=configmap/NAME|secret/NAME [--keys=K,...] [--prefix=P]] [--list]',
    'set resources TYPE/NAME [-c CONTAINER] [--limits=cpu=200m,memory=512Mi] [--requests=cpu=100m,memory=256Mi]',
    'set selector service/NAME KEY=VALUE[,KEY=VALUE...]',
  ],
  ownValueFlags: ['containers', 'e', 'env', 'from', 'keys', 'prefix', 'limits', 'requests'],
  run(cx) {
    const { c, a, get } = cx;
    if (a.pos[0] === 'selector') return setSelector(cx);
    if (a.pos[0] === 'env') return setEnv(cx);
    if (a.pos[0] === 'resources') return setResources(cx);
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
      const list = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].filter((x) => cn === '*' || x.name === cn);
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
