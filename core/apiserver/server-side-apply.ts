// Server-side apply (`PATCH` with `application/apply-patch+yaml`, `kubectl apply --server-side`):
// applying to a missing object creates it; otherwise the applied fields merge in, conflicts with
// other managers' fields fail unless forced, and fields this manager applied before and no longer
// applies are removed (when nobody else owns them).
import type { KObject } from '../cluster/store';
import type { ObjectMeta } from '../k8s/types';
import { isObj } from '../k8s/guards';
import { parseYamlBody } from './body';
import { ApiError, clone, send, type ReqCtx } from './http';
import { managedFields, recordManager, removeAt, stripMeta, toPaths } from './managed-fields';
import { findUnsafeKey, leafPaths, strategicMergePatch, valueAt } from '../k8s/patch';
import { shape } from './read';
import type { ApiState } from './state';
import { validate } from '../cluster/validation';
import { checkNamespace } from './validate';
import { replace } from './writes';

export function serverSideApply(s: ApiState, x: ReqCtx): void {
  const { def, namespace, name, res, q } = x;
  const manager = q.get('fieldManager');
  if (!manager) throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  let applied: KObject;
  try {
    applied = parseYamlBody(x.body.toString('utf8')) as KObject;
  } catch (e) {
    throw new ApiError(400, 'BadRequest', `error decoding YAML: ${(e as Error).message}`);
  }
  if (!isObj(applied)) throw new ApiError(400, 'BadRequest', 'the body of the request must be an object');
  const unsafe = findUnsafeKey(applied);
  if (unsafe !== undefined) throw new ApiError(400, 'BadRequest', `error decoding YAML: "${unsafe}" is not a field of any object`);
  applied.metadata = { ...(applied.metadata ?? {}), name: name!, ...(namespace ? { namespace } : {}) };
  const cur = def.kind === 'Event' ? undefined : s.cluster.get(def.kind, namespace, name!);
  if (!cur) {
    // Apply to a missing object creates it.
    checkNamespace(s.cluster, def, namespace);
    const o = clone(applied);
    validate(o, def, q.get('fieldValidation') === 'Strict', s.opts.kubernetesVersion);
    if (q.get('dryRun') === 'All') return send(res, 201, o);
    const created = s.cluster.create(o);
    recordManager(s.cluster, created, undefined, manager, 'Apply', stripMeta(applied));
    s.changed();
    s.action('apply', def, created.metadata.name);
    return send(res, 201, shape(created, def));
  }
  const appliedLeaves = leafPaths(stripMeta(applied));
  const owners = managedFields(cur);
  const conflicts: string[] = [];
  for (const e of owners) {
    if (e.manager === manager) continue;
    for (const p of toPaths(e.fieldsV1)) {
      if (appliedLeaves.has(p) && JSON.stringify(appliedLeaves.get(p)) !== JSON.stringify(valueAt(cur, p)))
        conflicts.push(`conflict with "${e.manager}"${e.operation === 'Update' ? ` using ${e.apiVersion}` : ''}: .${p}`);
    }
  }
  if (conflicts.length && q.get('force') !== 'true') {
    const n = conflicts.length;
    throw new ApiError(409, 'Conflict', `Apply failed with ${n} conflict${n > 1 ? 's' : ''}: ${conflicts.join('\n')}`, {
      name,
      group: def.group,
      kind: def.plural,
      causes: conflicts.map((m) => ({ reason: 'FieldManagerConflict', message: m.replace(/: (\.[^:]*)$/, ''), field: /: (\.[^:]*)$/.exec(m)?.[1] })),
    });
  }
  // Fields this manager applied before and no longer applies are removed.
  const mineBefore = owners.find((e) => e.manager === manager && e.operation === 'Apply');
  let next = strategicMergePatch(clone(cur), stripMeta(applied, true)) as KObject;
  for (const p of mineBefore ? toPaths(mineBefore.fieldsV1) : []) {
    if (appliedLeaves.has(p)) continue;
    if (!owners.some((e) => e !== mineBefore && toPaths(e.fieldsV1).includes(p))) next = removeAt(next, p);
  }
  (next.metadata as Partial<ObjectMeta>).resourceVersion = undefined;
  const dry = q.get('dryRun') === 'All';
  const replaced = replace(s, cur, next, def, { ...x, q: new URLSearchParams([...q.entries()].filter(([k]) => k !== 'fieldManager')) });
  // A dry run's answer shares the stored object's metadata: its field managers are recorded on a copy.
  const out = dry ? clone(replaced) : replaced;
  recordManager(s.cluster, out, undefined, manager, 'Apply', stripMeta(applied));
  if (!dry) s.action('apply', def, out.metadata.name);
  send(res, 200, shape(out, def));
}
