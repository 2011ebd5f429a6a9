// Reference renaming at the end of a build (kustomize's FixBackReferences): a field that names a
// ConfigMap, Secret, Service, ServiceAccount, PVC… by a name the object had before prefixes,
// suffixes or hash suffixes were added now holds the object's final name.
import { isClusterScopedKind } from '../k8s/kinds';
import { NAME_REFS, podSpecPrefix } from './fieldspecs';
import { kindOf, nameOf, namesOf, nsOf, type Res } from './model';
import { getPath, isObj, specSegments, walkSpec } from './util';

function pick(value: string, candidates: Res[], ns: string | undefined, clusterReferrer: boolean): Res | undefined {
  const inScope = candidates.filter((c) => clusterReferrer || isClusterScopedKind(kindOf(c)) || (nsOf(c) ?? '') === (ns ?? ''));
  if (inScope.some((c) => nameOf(c) === value)) return undefined;
  return inScope.find((c) => namesOf(c).includes(value));
}

export function fixReferences(rs: Res[]): void {
  for (const ref of NAME_REFS) {
    const candidates = rs.filter((r) => kindOf(r) === ref.kind);
    // Nothing renamed (and, for ServiceAccounts, nothing moved to another namespace): nothing to fix.
    if (!candidates.some((c) => namesOf(c).length > 1 || (ref.kind === 'ServiceAccount' && nsOf(c) !== c.orgNs))) continue;
    for (const referrer of rs) {
      const kind = kindOf(referrer);
      const ns = nsOf(referrer);
      const clusterReferrer = isClusterScopedKind(kind);
      for (const spec of ref.referrers) {
        let path = spec.path;
        if (path.startsWith('pod:')) {
          const prefix = podSpecPrefix(kind);
          if (!prefix) continue;
          path = `${prefix}/${path.slice(4)}`;
        } else if (spec.kinds && !spec.kinds.includes(kind)) continue;
        if (spec.check && getPath(referrer.obj, spec.check.split('/')) !== ref.kind) continue;
        if (spec.subjects) {
          const subjects: unknown = referrer.obj.subjects;
          if (!Array.isArray(subjects)) continue;
          // A subject names its ServiceAccount by name and namespace as written: both follow the account.
          for (const s of subjects) {
            if (!isObj(s) || s.kind !== ref.kind || typeof s.name !== 'string') continue;
            const sns = typeof s.namespace === 'string' ? s.namespace : '';
            const c = candidates.find((x) => namesOf(x).includes(s.name as string) && (sns === (x.orgNs ?? '') || sns === (nsOf(x) ?? '')));
            if (!c) continue;
            s.name = nameOf(c);
            if (nsOf(c)) s.namespace = nsOf(c);
          }
          continue;
        }
        walkSpec(referrer.obj, specSegments(path), false, (parent, key) => {
          const v: unknown = parent[key];
          if (typeof v !== 'string') return;
          const c = pick(v, candidates, ns, clusterReferrer);
          if (c) parent[key] = nameOf(c);
        });
      }
    }
  }
}
