// `kubectl create service|job|cronjob|secret generic|configmap`: the objects kubectl 1.32's
// generators build from flags (k8s.io/kubectl/pkg/cmd/create), created or printed by createObject.
import { newMeta, type KObject, type ObjectMeta } from '../../cluster/store';
import { fail, flag, notFound, type CommandResult } from '../args';
import type { VerbContext } from '../verb';
import { createObject, oneName } from './generate';

const SERVICE_TYPES: Record<string, string> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer' };

/** `create service clusterip|nodeport|loadbalancer NAME --tcp=PORT[:TARGET][,…]`. */
export function createService(cx: VerbContext): CommandResult {
  const { a, ns } = cx;
  const sub = a.pos[1];
  const type = SERVICE_TYPES[sub ?? ''];
  if (!type) return fail(`error: unknown command "${a.pos.slice(1).join(' ')}"\nSee 'kubectl create service -h' for help and examples`);
  if (a.pos.length !== 3) return oneName(`create service ${sub}`, a.pos.length - 2);
  const name = a.pos[2];
  const specs = (flag(a, 'tcp') ?? '').split(/[,\u0000]/).filter(Boolean);
  if (!specs.length) return fail('error: at least one tcp port specifier must be provided');
  const ports = [];
  for (const s of specs) {
    const [port, target = port] = s.split(':');
    if (!/^\d+$/.test(port)) return fail(`error: invalid port spec "${s}"`);
    ports.push({
      name: s.includes(':') ? `${port}-${target}` : port,
      port: Number(port),
      protocol: 'TCP',
      targetPort: /^\d+$/.test(target) ? Number(target) : target,
    });
  }
  const labels = { app: name };
  return createObject(
    cx,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: newMeta({ name, namespace: ns, labels }),
      spec: { ports, selector: { ...labels }, type },
    },
    { failedTo: `${type} service:` },
  );
}

/** The pod template of `create job|cronjob NAME --image=I [-- COMMAND]`: one container named after the object. */
function podTemplate(cx: VerbContext, name: string, restartPolicy: string): Record<string, unknown> {
  const ct: Record<string, unknown> = { name, image: flag(cx.a, 'image'), resources: {} };
  if (cx.a.rest?.length) ct.command = cx.a.rest;
  return { metadata: {}, spec: { containers: [ct], restartPolicy } };
}

/** `create job NAME --image=I [-- COMMAND]` or `create job NAME --from=cronjob/NAME`. */
export function createJob(cx: VerbContext): CommandResult {
  const { c, a, ns } = cx;
  if (a.pos.length !== 2) return oneName('create job', a.pos.length - 1);
  const name = a.pos[1];
  const from = flag(a, 'from');
  if (!from === !flag(a, 'image')) return fail('error: either --image or --from must be specified');
  if (!from)
    return createObject(cx, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: newMeta({ name, namespace: ns }),
      spec: { template: podTemplate(cx, name, 'Never') },
    });
  const [kind, cjName] = from.split('/');
  if (!['cronjob', 'cronjobs', 'cj', 'cronjob.batch'].includes(kind) || !cjName) return fail(`error: from must be an existing cronjob: ${from}`);
  const cj = c.get('CronJob', ns, cjName);
  if (!cj) return notFound('CronJob', cjName);
  // kubectl builds the Job itself (createJobFromCronJob): the template's labels and annotations,
  // `instantiate: manual`, an owner reference without blockOwnerDeletion.
  const tpl = cj.spec?.jobTemplate ?? {};
  const spec = structuredClone(tpl.spec ?? {});
  // Go's Container struct always marshals its resources.
  for (const ct of spec.template?.spec?.containers ?? []) ct.resources ??= {};
  const meta: Partial<ObjectMeta> = {
    name,
    namespace: ns,
    annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...tpl.metadata?.annotations },
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true }],
  };
  if (tpl.metadata?.labels) meta.labels = { ...tpl.metadata.labels };
  return createObject(cx, { apiVersion: 'batch/v1', kind: 'Job', metadata: newMeta(meta), spec }, { failedTo: 'job:' });
}

/** `create cronjob NAME --image=I --schedule=S [-- COMMAND]`. */
export function createCronJob(cx: VerbContext): CommandResult {
  const { a, ns } = cx;
  if (a.pos.length !== 2) return oneName('create cronjob', a.pos.length - 1);
  const name = a.pos[1];
  if (!flag(a, 'image')) return fail('error: required flag(s) "image" not set');
  const schedule = flag(a, 'schedule');
  if (!schedule) return fail('error: required flag(s) "schedule" not set');
  return createObject(cx, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: newMeta({ name, namespace: ns }),
    spec: { jobTemplate: { metadata: { name }, spec: { template: podTemplate(cx, name, 'OnFailure') } }, schedule },
  });
}

/** `create secret generic NAME` / `create configmap NAME` with `--from-literal=KEY=VALUE` (values never printed). */
export function createData(cx: VerbContext, what: 'secret' | 'configmap'): CommandResult {
  const { a, ns } = cx;
  const words = what === 'secret' ? a.pos.slice(2) : a.pos.slice(1);
  if (what === 'secret' && a.pos[1] !== 'generic')
    return fail(`error: unknown command "${a.pos.slice(1).join(' ')}"\nSee 'kubectl create secret -h' for help and examples`);
  if (words.length !== 1) return oneName(what === 'secret' ? 'create secret generic' : 'create configmap', words.length);
  const name = words[0];
  const data: Record<string, string> = {};
  for (const l of (flag(a, 'from-literal') ?? '').split('\u0000').filter(Boolean)) {
    const i = l.indexOf('=');
    if (i <= 0) return fail(`error: invalid literal source ${l}, expected key=value`);
    data[l.slice(0, i)] = what === 'secret' ? Buffer.from(l.slice(i + 1)).toString('base64') : l.slice(i + 1);
  }
  const o: KObject = { apiVersion: 'v1', kind: what === 'secret' ? 'Secret' : 'ConfigMap', metadata: newMeta({ name, namespace: ns }), data };
  // kubectl's own wording (it differs between the two: "create configmap:" has a colon).
  return createObject(cx, o, { failedTo: what === 'configmap' ? 'configmap:' : 'secret' });
}
