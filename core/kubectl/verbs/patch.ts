// kubectl patch: a strategic merge (the default), JSON merge (`--type merge`) or JSON patch
// (`--type json`) applied to one object, with the very functions `kube-dorm serve` answers PATCH
// with (core/k8s/patch.ts), then validated and stored as serve stores a PATCH (../write.ts). An
// object the patch leaves as it was is "patched (no change)".
import type { KObject } from '../../cluster/store';
import { isObj } from '../../k8s/guards';
import { isClusterScopedKind } from '../../k8s/kinds';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from '../../k8s/patch';
import { fail, flag, notFound, ok, target } from '../args';
import { resourceName } from '../printers';
import type { Verb } from '../verb';
import { ApiError, statusText, updateAsServer, warningLines } from '../write';

const TYPES: Record<string, (cur: unknown, patch: unknown) => unknown> = { json: jsonPatch, merge: mergePatch, strategic: strategicMergePatch };

/** The object with the patch applied, or kubectl's (the API server's) answer to a patch that does not apply. */
function patched(cur: KObject, type: string, text: string): KObject | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return `Error from server (BadRequest): error decoding patch: ${(e as Error).message}`;
  }
  try {
    const next = TYPES[type](structuredClone(cur), body);
    return isObj(next) ? (next as KObject) : 'The request is invalid: the patch did not produce an object';
  } catch (e) {
    if (e instanceof PatchError) return `The request is invalid: ${e.message}`;
    throw e;
  }
}

export const patch: Verb = {
  summary: 'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.',
  usage: ['patch TYPE/NAME -p \'{"spec":{"replicas":3}}\' [--type strategic|merge|json]'],
  ownValueFlags: ['p', 'patch', 'type'],
  run({ c, a, get }) {
    const tg = target(a);
    if (!tg.kind || !tg.name) return fail('error: required resource not specified');
    const type = flag(a, 'type') ?? 'strategic';
    if (!Object.hasOwn(TYPES, type)) return fail(`error: --type must be one of [json merge strategic], not "${type}"`);
    const text = flag(a, 'p', 'patch');
    if (!text) return fail('error: must specify --patch or --patch-file containing the contents of the patch');
    const cur = isClusterScopedKind(tg.kind) ? c.get(tg.kind, undefined, tg.name) : get(tg.kind, tg.name);
    if (!cur) return notFound(tg.kind, tg.name);
    const next = patched(cur, type, text);
    if (typeof next === 'string') return fail(next);
    const before = JSON.stringify(cur);
    let warnings: string[];
    try {
      warnings = updateAsServer(c, cur, next);
    } catch (e) {
      if (e instanceof ApiError) return fail(statusText(e));
      throw e;
    }
    const after = c.get(cur.kind, cur.metadata.namespace, cur.metadata.name);
    return ok(
      `${warningLines(warnings)}${resourceName(cur.kind)}/${cur.metadata.name} patched${after && JSON.stringify(after) === before ? ' (no change)' : ''}`,
    );
  },
};
