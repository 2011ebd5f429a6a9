// The four PATCH flavours the API server accepts: JSON patch (RFC 6902), JSON merge patch
// (RFC 7386), strategic merge patch (Kubernetes' list merge keys and $patch directives) and the
// merge half of server-side apply. Pure functions over plain JSON values; inputs are not mutated.
import { asArray, isObj, objOf, type JsonObject } from './guards';

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

export class PatchError extends Error {}

/** Property names that reach an object's prototype chain: never a field of a Kubernetes object. */
export const PROTO_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * The first key of `v` (at any depth) among `keys`, or undefined. Iterative, and each object is
 * visited once, so neither deep nesting nor shared YAML aliases make it blow up.
 */
export function findUnsafeKey(v: unknown, keys: readonly string[] = PROTO_KEYS): string | undefined {
  const seen = new Set<object>();
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null || seen.has(x)) continue;
    seen.add(x);
    if (Array.isArray(x)) {
      for (const y of x) stack.push(y);
      continue;
    }
    for (const k of Object.keys(x)) {
      if (keys.includes(k)) return k;
      stack.push((x as Record<string, unknown>)[k]);
    }
  }
  return undefined;
}

function refuseUnsafeKeys(patch: unknown): void {
  const k = findUnsafeKey(patch);
  if (k !== undefined) throw new PatchError(`invalid patch: "${k}" is not a field of any object`);
}

// ----- JSON merge patch -------------------------------------------------------------------------

export function mergePatch(target: unknown, patch: unknown): unknown {
  refuseUnsafeKeys(patch);
  return merge(target, patch);
}

function merge(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return clone(patch);
  const out: JsonObject = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

// ----- JSON patch -------------------------------------------------------------------------------

function pointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new PatchError(`invalid JSON pointer "${p}"`);
  const parts = p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const bad = parts.find((s) => PROTO_KEYS.includes(s));
  if (bad !== undefined) throw new PatchError(`invalid JSON pointer "${p}": "${bad}" is not a field of any object`);
  return parts;
}

function parentOf(doc: unknown, parts: string[], op: string): [unknown, string] {
  let cur = doc;
  for (const seg of parts.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObj(cur)) cur = cur[seg];
    else cur = undefined;
    if (cur === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: "/${parts.join('/')}": missing value`);
  }
  return [cur, parts[parts.length - 1]];
}

export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  refuseUnsafeKeys(ops);
  let root = clone(doc);
  for (const o of ops) {
    if (!isObj(o) || typeof o.op !== 'string' || typeof o.path !== 'string') throw new PatchError('invalid JSON patch operation');
    const { op, path } = o;
    const parts = pointer(path);
    const get = (ps: string[]) => {
      let cur = root;
      for (const s of ps) {
        cur = Array.isArray(cur) ? cur[s === '-' ? cur.length : Number(s)] : isObj(cur) ? cur[s] : undefined;
        if (cur === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
      }
      return cur;
    };
    const remove = (ps: string[]) => {
      const [par, last] = parentOf(root, ps, op);
      if (Array.isArray(par)) {
        const i = Number(last);
        if (!(i >= 0 && i < par.length)) throw new PatchError(`Unable to remove nonexistent key: ${last}: missing value`);
        return par.splice(i, 1)[0];
      }
      if (!isObj(par) || !(last in par)) throw new PatchError(`Unable to remove nonexistent key: ${last}: missing value`);
      const v = par[last];
      delete par[last];
      return v;
    };
    const add = (ps: string[], value: unknown) => {
      if (!ps.length) {
        root = clone(value);
        return;
      }
      const [par, last] = parentOf(root, ps, op);
      if (Array.isArray(par)) {
        const i = last === '-' ? par.length : Number(last);
        if (!(i >= 0 && i <= par.length)) throw new PatchError(`add operation does not apply: index out of range`);
        par.splice(i, 0, clone(value));
      } else if (isObj(par)) par[last] = clone(value);
      else throw new PatchError(`add operation does not apply: doc is missing path: "${path}": missing value`);
    };
    switch (op) {
      case 'add':
        add(parts, o.value);
        break;
      case 'remove':
        remove(parts);
        break;
      case 'replace': {
        if (!parts.length) {
          root = clone(o.value);
          break;
        }
        get(parts);
        const [par, last] = parentOf(root, parts, 'replace');
        if (Array.isArray(par)) par[Number(last)] = clone(o.value);
        else if (isObj(par)) par[last] = clone(o.value);
        break;
      }
      case 'move': {
        const v = remove(pointer(String(o.from)));
        add(parts, v);
        break;
      }
      case 'copy':
        add(parts, get(pointer(String(o.from))));
        break;
      case 'test':
        if (JSON.stringify(get(parts)) !== JSON.stringify(o.value)) throw new PatchError(`testing value ${path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op}`);
    }
  }
  return root;
}

// ----- strategic merge patch --------------------------------------------------------------------

/** patchMergeKey of list fields (k8s.io/api struct tags), by field name; the parent field disambiguates where needed. */
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
  ownerReferences: 'uid',
  readinessGates: 'conditionType',
  schedulingGates: 'name',
  containerStatuses: 'name',
  initContainerStatuses: 'name',
  podIPs: 'ip',
  hostIPs: 'ip',
  addresses: 'type',
  images: 'names',
};
/** Lists that merge as sets of primitives (patchStrategy:merge without a key). */
const SET_LISTS = new Set(['finalizers']);

function mergeKeyFor(path: string[], field: string): string | undefined {
  // Container ports merge on containerPort, Service ports on port.
  if (field === 'ports')
    return path.includes('containers') || path.includes('initContainers') || path.includes('ephemeralContainers') ? 'containerPort' : 'port';
  if (field === 'addresses' && path[path.length - 1] !== 'status') return undefined;
  return MERGE_KEYS[field];
}

/**
 * Applies a strategic merge patch: maps merge recursively, `null` deletes, lists with a merge key
 * merge element by element, `$patch: replace|delete`, `$retainKeys`, `$setElementOrder/<list>` and
 * `$deleteFromPrimitiveList/<list>` as Kubernetes handles them.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  refuseUnsafeKeys(patch);
  for (const k of directiveFields(patch)) if (PROTO_KEYS.includes(k)) throw new PatchError(`invalid patch: "${k}" is not a field of any object`);
  return strategic(target, patch, []);
}

/** The list fields `$setElementOrder/<f>` and `$deleteFromPrimitiveList/<f>` directives name, at any depth. */
function directiveFields(patch: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [patch];
  const seen = new Set<object>();
  while (stack.length) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null || seen.has(x)) continue;
    seen.add(x);
    for (const [k, v] of Object.entries(x)) {
      const m = /^\$(?:setElementOrder|deleteFromPrimitiveList)\/(.*)$/.exec(k);
      if (m) out.push(m[1]);
      stack.push(v);
    }
  }
  return out;
}

function strategic(target: unknown, patch: unknown, path: string[]): unknown {
  if (!isObj(patch)) return clone(patch);
  if (patch.$patch === 'replace') {
    const p = clone(patch);
    delete p.$patch;
    return stripDirectives(p);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: JsonObject = isObj(target) ? clone(target) : {};
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  const orders = new Map<string, unknown[]>();
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') && Array.isArray(v)) orders.set(k.slice('$setElementOrder/'.length), v);
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const f = k.slice('$deleteFromPrimitiveList/'.length);
      const list = out[f];
      if (Array.isArray(list) && Array.isArray(v)) out[f] = list.filter((x: unknown) => !v.includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const key = mergeKeyFor(path, k);
    const have = asArray(out[k]);
    if (Array.isArray(v) && key) out[k] = mergeList(have, v, key, [...path, k]);
    else if (Array.isArray(v) && SET_LISTS.has(k)) out[k] = [...new Set([...have, ...v])];
    else if (isObj(v)) {
      const r = strategic(out[k], v, [...path, k]);
      if (r === undefined) delete out[k];
      else out[k] = r;
    } else out[k] = clone(v);
  }
  for (const [f, order] of orders) {
    const key = mergeKeyFor(path, f);
    const list = out[f];
    if (!Array.isArray(list) || !key) continue;
    const rank = (x: unknown) => {
      const i = order.findIndex((o) => (isObj(o) ? o[key] === objOf(x)[key] : o === x));
      return i < 0 ? order.length : i;
    };
    out[f] = [...list].sort((a, b) => rank(a) - rank(b));
  }
  return out;
}

function mergeList(cur: unknown[], patch: unknown[], key: string, path: string[]): unknown[] {
  if (patch.some((p) => isObj(p) && p.$patch === 'replace' && !(key in p)))
    return patch.filter((p) => !(isObj(p) && p.$patch === 'replace')).map(stripDirectives);
  const out = cur.map(clone);
  for (const p of patch) {
    if (!isObj(p)) {
      out.push(clone(p));
      continue;
    }
    const i = out.findIndex((x) => isObj(x) && x[key] === p[key]);
    if (p.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = strategic(out[i], p, path);
    else out.push(stripDirectives(clone(p)));
  }
  return out;
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObj(v)) return v;
  const o: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$') && x !== null) o[k] = stripDirectives(x);
  return o;
}

// ----- server-side apply ------------------------------------------------------------------------

/** Leaf field paths of an applied configuration (`spec.replicas`, `spec.template.spec.containers[name=web].image`). */
export function leafPaths(v: unknown, path: string[] = [], out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (!keys.length && path.length) out.set(path.join('.'), v);
    for (const k of keys) {
      if (path.length === 0 && (k === 'apiVersion' || k === 'kind')) continue;
      if (path.length === 1 && path[0] === 'metadata' && (k === 'name' || k === 'namespace' || k === 'resourceVersion' || k === 'managedFields')) continue;
      leafPaths(v[k], [...path, k], out);
    }
  } else if (Array.isArray(v)) {
    const key = mergeKeyFor(path.slice(0, -1), path[path.length - 1]);
    if (key && v.every((x) => isObj(x) && key in x)) {
      for (const x of v) leafPaths(x, [...path.slice(0, -1), `${path[path.length - 1]}[${key}=${x[key]}]`], out);
    } else out.set(path.join('.'), v);
  } else out.set(path.join('.'), v);
  return out;
}

/** The value at a leaf path as leafPaths spells it, or undefined. */
export function valueAt(obj: unknown, leaf: string): unknown {
  let cur: unknown = obj;
  for (const seg of leaf.split(/\.(?![^[]*\])/)) {
    const m = /^(.*)\[([^=]+)=(.*)\]$/.exec(seg);
    if (m) {
      const list = isObj(cur) && Object.hasOwn(cur, m[1]) ? cur[m[1]] : undefined;
      cur = Array.isArray(list) ? list.find((x) => isObj(x) && String(x[m[2]]) === m[3]) : undefined;
    } else cur = isObj(cur) && Object.hasOwn(cur, seg) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}
