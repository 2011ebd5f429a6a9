// Label and field selectors of list and watch requests (`labelSelector=app=web,tier!=db`,
// `fieldSelector=spec.nodeName=node-1`), checked as strictly as the real API server does.
import type { KObject } from '../cluster/store';
import { isClusterScopedKind } from '../k8s/kinds';
import { isObj, strOf } from '../k8s/guards';
import { parseSelector } from '../k8s/selector';
import { ApiError } from './http';
import type { ResourceDef } from '../k8s/registry';

/** The predicate of a request's `labelSelector` and `fieldSelector` (400 BadRequest when malformed). */
export function matcher(def: ResourceDef, q: URLSearchParams): (o: KObject) => boolean {
  const labelOk = labelMatcher(q.get('labelSelector'));
  const fieldReqs = fieldRequirements(def, q.get('fieldSelector'));
  return (o) => {
    if (!labelOk(o)) return false;
    for (const r of fieldReqs) {
      const v = fieldValue(o, r.path);
      if ((v === r.value) !== (r.op === '=')) return false;
    }
    return true;
  };
}

function labelMatcher(ls: string | null): (o: KObject) => boolean {
  if (!ls) return () => true;
  for (const part of ls.match(/[^,(]+(\([^)]*\))?/g) ?? [ls]) {
    const p = part.trim();
    const key = '[A-Za-z0-9][\\w./-]*';
    const ok = new RegExp(`^(!?${key}|${key}\\s*(==|=|!=)\\s*[\\w.-]*|${key}\\s+(in|notin)\\s+\\([\\w.,\\s-]*\\))$`).test(p);
    if (!ok || /[()]/.test(ls.replace(/\s(in|notin)\s+\([^)]*\)/g, '')))
      throw new ApiError(400, 'BadRequest', `unable to parse requirement: found '${p}', expected: identifier`);
  }
  const pred = parseSelector(ls);
  return (o) => pred(o.metadata.labels ?? {});
}

interface FieldRequirement {
  path: string;
  op: '=' | '!=';
  value: string;
}

function fieldRequirements(def: ResourceDef, fs: string | null): FieldRequirement[] {
  const reqs: FieldRequirement[] = [];
  if (!fs) return reqs;
  for (const part of fs.split(',')) {
    const m = /^\s*([\w.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) throw new ApiError(400, 'BadRequest', `invalid selector: '${fs}'; can't understand '${part}'`);
    const path = m[1];
    if (!fieldLabels(def.kind).includes(path)) throw new ApiError(400, 'BadRequest', `field label not supported: ${path}`);
    reqs.push({ path, op: m[2] === '!=' ? '!=' : '=', value: m[3] });
  }
  return reqs;
}

/** Field selectors each kind supports (as the real registry does; metadata.* for every kind). */
function fieldLabels(kind: string): string[] {
  const base = ['metadata.name', 'metadata.namespace'];
  switch (kind) {
    case 'Pod':
      return [
        ...base,
        'spec.nodeName',
        'spec.restartPolicy',
        'spec.schedulerName',
        'spec.serviceAccountName',
        'spec.hostNetwork',
        'status.phase',
        'status.podIP',
        'status.nominatedNodeName',
      ];
    case 'Event':
      return [
        ...base,
        'involvedObject.kind',
        'involvedObject.namespace',
        'involvedObject.name',
        'involvedObject.uid',
        'involvedObject.apiVersion',
        'involvedObject.resourceVersion',
        'involvedObject.fieldPath',
        'reason',
        'reportingComponent',
        'source',
        'type',
      ];
    case 'Secret':
      return [...base, 'type'];
    case 'Namespace':
      return [...base, 'status.phase'];
    case 'Node':
      return [...base, 'spec.unschedulable'];
    case 'ReplicaSet':
    case 'Job':
      return [...base, 'status.replicas', 'status.successful'];
    default:
      return base;
  }
}

function fieldValue(o: KObject, path: string): string {
  if (path === 'source') return isObj(o.source) ? (strOf(o.source.component) ?? '') : '';
  let cur: unknown = o;
  for (const s of path.split('.')) cur = cur === undefined || cur === null ? undefined : (cur as Record<string, unknown>)[s];
  if (cur === undefined || cur === null) return path === 'metadata.namespace' && !isClusterScopedKind(o.kind) ? 'default' : '';
  // A field selector names a scalar field; anything else prints as String() prints it, as it always has.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return String(cur);
}
