// Peers' ignore annotations, honoured for the rules that check what theirs check, so a manifest
// already annotated for kube-linter or kube-score is not flagged again by Kube Dorm:
//   metadata.annotations["ignore-check.kube-linter.io/<check>"]: "<reason>"
//   metadata.annotations["kube-score/ignore"]: "<check>,<check>"
// The table is documented in docs/ci.md ("Peers' ignore annotations").
import type { KDiagnostic } from '../manifest/types';
import type { Resource } from '../manifest/parse';
import { isObj, objOf } from '../k8s/guards';

/** A peer's check → the Kube Dorm codes it covers, optionally only for some resources (cpu, memory). */
interface PeerCheck {
  codes: string[];
  /** For resources-missing-*: the resource the peer's check is about. */
  resource?: 'cpu' | 'memory';
}

export const KUBE_LINTER_CHECKS: Readonly<Record<string, PeerCheck>> = {
  'latest-tag': { codes: ['image-latest'] },
  'unset-cpu-requirements': { codes: ['resources-missing-limits', 'resources-missing-requests'], resource: 'cpu' },
  'unset-memory-requirements': { codes: ['resources-missing-limits', 'resources-missing-requests'], resource: 'memory' },
  'env-var-secret': { codes: ['secret-in-plain-env'] },
  'dangling-service': { codes: ['service-no-match'] },
  'mismatching-selector': { codes: ['selector-mismatch'] },
  'dangling-horizontalpodautoscaler': { codes: ['hpa-target-missing'] },
  'invalid-target-ports': { codes: ['port-name-invalid'] },
  'duplicate-env-var': { codes: ['env-duplicate'] },
  'liveness-port': { codes: ['probe-port-missing'] },
  'readiness-port': { codes: ['probe-port-missing'] },
  'startup-port': { codes: ['probe-port-missing'] },
};

export const KUBE_SCORE_CHECKS: Readonly<Record<string, PeerCheck>> = {
  'container-resources': { codes: ['resources-missing-limits', 'resources-missing-requests'] },
  'container-image-tag': { codes: ['image-latest'] },
  'service-targets-pod': { codes: ['service-no-match'] },
  'horizontalpodautoscaler-has-target': { codes: ['hpa-target-missing'] },
  'statefulset-has-servicename': { codes: ['statefulset-service-missing'] },
  'deployment-pod-selector-labels-match-template-metadata-labels': { codes: ['selector-mismatch'] },
  'statefulset-pod-selector-labels-match-template-metadata-labels': { codes: ['selector-mismatch'] },
  'label-values': { codes: ['label-value-invalid'] },
};

const KUBE_LINTER_PREFIX = 'ignore-check.kube-linter.io/';

/** The peer checks the resource's annotations ignore. */
function ignoredChecks(res: Resource): PeerCheck[] {
  const ann = objOf(res.obj.metadata).annotations;
  if (!isObj(ann)) return [];
  const out: PeerCheck[] = [];
  for (const key of Object.keys(ann)) {
    if (key.startsWith(KUBE_LINTER_PREFIX)) {
      const c = KUBE_LINTER_CHECKS[key.slice(KUBE_LINTER_PREFIX.length)];
      if (c) out.push(c);
    }
  }
  const ks = ann['kube-score/ignore'];
  if (typeof ks === 'string')
    for (const name of ks.split(',')) {
      const c = KUBE_SCORE_CHECKS[name.trim()];
      if (c) out.push(c);
    }
  return out;
}

/** Whether a peer's ignore annotation on `res` covers diagnostic `d`. */
export function peerIgnores(res: Resource, d: Pick<KDiagnostic, 'code' | 'data'>): boolean {
  const checks = ignoredChecks(res).filter((c) => c.codes.includes(d.code));
  if (!checks.length) return false;
  if (checks.some((c) => !c.resource)) return true;
  // cpu and memory are separate checks for kube-linter: ignore a resources-missing-* only when all it names are ignored.
  const missing = (d.data as { missing?: unknown } | undefined)?.missing;
  const names = Array.isArray(missing) ? missing : [];
  return names.length > 0 && names.every((m) => checks.some((c) => c.resource === m));
}
