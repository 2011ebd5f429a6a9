// Field ownership (`metadata.managedFields`): which manager set which leaf field, recorded on
// every write. fieldsV1 is kept as a flat set of leaf paths (`{"f:spec.replicas": {}}`).
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../cluster/store';
import { isObj } from '../k8s/guards';
import { clone } from './http';
import { leafPaths, valueAt } from '../k8s/patch';

/** One `metadata.managedFields` entry. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, object>;
}

export function managedFields(o: KObject): ManagedFieldsEntry[] {
  return (o.metadata.managedFields ?? []) as ManagedFieldsEntry[];
}

/**
 * Records `manager` as the owner of the fields this write changed (`before` → `cur`; every field
 * when there is no `before`). An applier (`Apply`) owns exactly the fields of `applied`.
 */
export function recordManager(
  cluster: Cluster,
  cur: KObject,
  before: KObject | undefined,
  manager: string,
  operation: 'Apply' | 'Update',
  applied?: KObject,
): void {
  const fields = [...leafPaths(applied ?? stripMeta(cur)).keys()].filter((p) => !p.startsWith('status'));
  const changed = before ? fields.filter((p) => JSON.stringify(valueAt(before, p)) !== JSON.stringify(valueAt(cur, p))) : fields;
  if (!changed.length && operation === 'Update') return;
  const mf = (cur.metadata.managedFields ??= []) as ManagedFieldsEntry[];
  // Fields this change touched move to `manager`; an applier owns exactly what it applied.
  for (const e of mf) if (e.manager !== manager || e.operation !== operation) e.fieldsV1 = fromPaths(toPaths(e.fieldsV1).filter((p) => !changed.includes(p)));
  let mine = mf.find((e) => e.manager === manager && e.operation === operation);
  if (!mine) mf.push((mine = { manager, operation, apiVersion: cur.apiVersion, time: cluster.iso(), fieldsType: 'FieldsV1', fieldsV1: {} }));
  const owned = operation === 'Apply' ? changed.concat(fields.filter((p) => !changed.includes(p))) : [...new Set([...toPaths(mine.fieldsV1), ...changed])];
  mine.fieldsV1 = fromPaths(owned);
  mine.time = cluster.iso();
  cur.metadata.managedFields = mf.filter((e) => Object.keys(e.fieldsV1).length || e === mine);
}

/** The object without server-owned metadata, for field ownership. */
export function stripMeta(o: KObject, keepName = false): KObject {
  const c = clone(o);
  delete c.status;
  if (isObj(c.metadata)) {
    const md: Record<string, unknown> = c.metadata;
    for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'deletionTimestamp', 'ownerReferences']) delete md[k];
    if (!keepName) {
      delete md.name;
      delete md.namespace;
    }
    if (!Object.keys(c.metadata).length) delete (c as Partial<KObject>).metadata;
  }
  return c;
}

/** fieldsV1 as its leaf paths. */
export function toPaths(f: unknown): string[] {
  return isObj(f) ? Object.keys(f).map((k) => k.replace(/^f:/, '')) : [];
}

function fromPaths(ps: string[]): Record<string, object> {
  const o: Record<string, object> = {};
  for (const p of [...new Set(ps)].sort()) o[`f:${p}`] = {};
  return o;
}

/** Deletes the leaf at a path (`spec.template.metadata.labels.tier`); list items stay. */
export function removeAt(o: KObject, leaf: string): KObject {
  const segs = leaf.split(/\.(?![^[]*\])/);
  const last = segs.pop()!;
  const parent = segs.length ? valueAt(o, segs.join('.')) : o;
  if (isObj(parent) && !/\[/.test(last) && Object.hasOwn(parent, last)) delete parent[last];
  return o;
}
