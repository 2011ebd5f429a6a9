// Strategic merge patch as kustomize applies it: maps merge, `null` deletes a key, `$patch: delete`
// and `$patch: replace` directives, and lists of built-in kinds merge on their patch merge key
// (containers by name, container ports by containerPort, Service ports by port…). Lists without a
// merge key, and every list of a custom resource, are replaced (JSON merge patch).
import type { Path } from '../manifest/types';
import { clone, isObj } from './util';

const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  conditions: 'type',
};

function mergeKeyOf(path: Path): string | undefined {
  const key = path[path.length - 1];
  if (key === 'ports') return path.includes('containers') || path.includes('initContainers') ? 'containerPort' : 'port';
  return typeof key === 'string' ? MERGE_KEYS[key] : undefined;
}

/** A leaf the patch set: its path in the object, and in the patch document. */
export type OnSet = (objPath: Path, patchPath: Path) => void;

const DIRECTIVE = /^\$(patch|retainKeys)$|^\$(setElementOrder|deleteFromPrimitiveList)\//;

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => !(isObj(x) && x.$patch === 'delete')).map(strip);
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!DIRECTIVE.test(k)) out[k] = strip(x);
  return out;
}

/**
 * Merges `patch` into `target` (modified in place when both are maps) and returns the result;
 * `undefined` means the value is deleted. `keyed` is false for custom resources.
 */
export function strategicMerge(target: unknown, patch: unknown, keyed: boolean, onSet: OnSet, path: Path = [], ppath: Path = []): unknown {
  if (isObj(patch)) {
    if (patch.$patch === 'delete') return undefined;
    if (patch.$patch === 'replace' || !isObj(target)) {
      onSet(path, ppath);
      return strip(clone(patch));
    }
    for (const [k, pv] of Object.entries(patch)) {
      if (DIRECTIVE.test(k)) continue;
      if (pv === null) {
        if (k in target) onSet([...path, k], [...ppath, k]);
        delete target[k];
        continue;
      }
      const merged = strategicMerge(target[k], pv, keyed, onSet, [...path, k], [...ppath, k]);
      if (merged === undefined) delete target[k];
      else target[k] = merged;
    }
    return target;
  }
  if (Array.isArray(patch)) {
    const mk = keyed ? mergeKeyOf(path) : undefined;
    const replace = patch.some((x) => isObj(x) && x.$patch === 'replace');
    if (!mk || replace || !Array.isArray(target) || !patch.every(isObj)) {
      onSet(path, ppath);
      return strip(clone(patch.filter((x) => !(isObj(x) && x.$patch === 'replace'))));
    }
    const out = [...target];
    patch.forEach((item: Record<string, unknown>, pi) => {
      const at = out.findIndex((x) => isObj(x) && x[mk] === item[mk]);
      if (item.$patch === 'delete') {
        if (at >= 0) out.splice(at, 1);
        return;
      }
      if (at >= 0) out[at] = strategicMerge(out[at], item, keyed, onSet, [...path, at], [...ppath, pi]);
      else {
        out.push(strip(clone(item)));
        onSet([...path, out.length - 1], [...ppath, pi]);
      }
    });
    return out;
  }
  onSet(path, ppath);
  return patch;
}
