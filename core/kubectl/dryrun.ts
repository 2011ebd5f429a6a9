// `--dry-run=client`: kubectl prints the object its generator would send (create, run, expose),
// without what the API server adds: no defaults, no uid or resourceVersion, `creationTimestamp:
// null` in every ObjectMeta (Go marshals the zero time so), the generator's empty status.
import type { KObject } from '../cluster/store';
import { isObj, objOf } from '../k8s/guards';
import { flag, ok, type Args, type CommandResult } from './args';
import { apiObject, toJson, toYaml } from './output';
import { resourceName } from './printers';

/** Whether the command asks for a client-side dry run (`--dry-run`, `--dry-run=client|server`). */
export function isDryRun(a: Args): boolean {
  const v = a.flags.get('dry-run');
  return v === true || v === 'client' || v === 'server';
}

/** The status a generator's object carries (kubectl's structs marshal an empty one). */
const STATUS: Record<string, unknown> = {
  Service: { loadBalancer: {} },
  Deployment: {},
  Pod: {},
  Job: {},
  CronJob: {},
  Namespace: {},
};

/** The ObjectMetas of a generated object: its own and its templates'. */
function metas(o: KObject): unknown[] {
  const spec = objOf(o.spec);
  const jobTemplate = objOf(spec.jobTemplate);
  return [o.metadata, objOf(spec.template).metadata, jobTemplate.metadata, objOf(objOf(jobTemplate.spec).template).metadata];
}

/** What `--dry-run` prints for `o`; `done` is the verb's past tense (`created`, `exposed`). */
export function dryRun(a: Args, o: KObject, done: string): CommandResult {
  const shown: KObject = structuredClone(o);
  // The namespace is set only when given on the command line.
  if (!flag(a, 'n', 'namespace')) delete shown.metadata.namespace;
  for (const m of metas(shown)) if (isObj(m)) m.creationTimestamp = null;
  if (Object.hasOwn(STATUS, o.kind)) shown.status = structuredClone(STATUS[o.kind]);
  const format = flag(a, 'o', 'output');
  if (format === 'yaml') return ok(toYaml(apiObject(shown)));
  if (format === 'json') return ok(toJson(apiObject(shown)));
  if (format === 'name') return ok(`${resourceName(o.kind)}/${o.metadata.name}`);
  return ok(`${resourceName(o.kind)}/${o.metadata.name} ${done} (dry run)`);
}
