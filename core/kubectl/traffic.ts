// Verbs that move a Service's traffic between pods: `set selector` (kubectl's own: a blue-green
// switch) and the simulator's `canary` (a second Deployment whose pods the same Services select).
// The side panel's Set-selector and Canary controls run these lines, so a lesson sees them.
import type { Cluster } from '../cluster/cluster';
import type { CommandResult } from './commands';

const ok = (output: string): CommandResult => ({ output: `${output}\n`, error: false });
const fail = (output: string): CommandResult => ({ output: `${output}\n`, error: true });

/**
 * `set selector service/NAME key=value[,key=value...]`: replaces the Service's selector, as
 * `kubectl set selector` does.
 */
export function setSelector(c: Cluster, kind: string | undefined, name: string | undefined, namespace: string, expression: string | undefined): CommandResult {
  if (!kind || !name) return fail('error: required resource not specified');
  if (kind !== 'Service') return fail(`error: the selector of a ${kind} cannot be set here (Services only)`);
  if (!expression) return fail('error: a selector needs at least one label');
  const selector: Record<string, string> = {};
  for (const part of expression.split(',')) {
    const m = /^([^=,\s]+)=([^=,\s]*)$/.exec(part.trim());
    if (!m) return fail(`error: invalid selector "${expression}": expected key=value[,key=value...]`);
    selector[m[1]] = m[2];
  }
  const svc = c.get('Service', namespace, name);
  if (!svc) return fail(`Error from server (NotFound): services "${name}" not found`);
  svc.spec.selector = selector;
  c.update(svc, true);
  c.settle();
  return ok(`service/${name} selector updated`);
}

/**
 * `canary deployment/NAME [--image=IMAGE] [--replicas=N]`: creates the Deployment `NAME-canary`
 * from NAME's pod template (the image replaced when given), labelled `track: canary` beside the app
 * labels so the Services in front of NAME send it part of the traffic. When it exists already, it
 * is scaled to N.
 */
export function canary(c: Cluster, name: string | undefined, namespace: string, image: string | undefined, replicas: number): CommandResult {
  if (!name) return fail('error: required resource not specified');
  if (!Number.isInteger(replicas) || replicas < 0) return fail('error: --replicas must be an integer greater than or equal to 0');
  const d = c.get('Deployment', namespace, name);
  if (!d) return fail(`Error from server (NotFound): deployments.apps "${name}" not found`);
  const cname = `${name}-canary`.slice(0, 253);
  const existing = c.get('Deployment', namespace, cname);
  if (existing) {
    existing.spec.replicas = replicas;
    c.update(existing, true);
    c.settle();
    return ok(`deployment.apps/${cname} scaled`);
  }
  const tpl = structuredClone(d.spec.template);
  tpl.metadata ??= {};
  tpl.metadata.labels = { ...(tpl.metadata.labels ?? {}), track: 'canary' };
  delete tpl.metadata.labels['pod-template-hash'];
  if (image && tpl.spec?.containers?.[0]) tpl.spec.containers[0].image = image;
  const matchLabels = { ...(d.spec.selector?.matchLabels ?? {}), track: 'canary' };
  c.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: cname, namespace, labels: { ...(d.metadata.labels ?? {}), track: 'canary' } } as any,
    spec: { replicas, selector: { matchLabels }, template: tpl },
  });
  c.settle();
  return ok(`deployment.apps/${cname} created`);
}
