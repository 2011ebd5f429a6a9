// What the kubelet checks before it starts a container: the Secrets and ConfigMaps its env and
// volumes name (CreateContainerConfigError, FailedMount), and how a failed probe is worded.
import type { Container, Probe } from '../../k8s/types';
import type { KObject } from '../store';
import { containerRefs, volumeRefs } from '../../k8s/podrefs';

/** Reads one object from the cluster (as `Cluster.get`). */
export type Lookup = (kind: string, namespace: string | undefined, name: string) => KObject | undefined;

/** The env var names container `c` gets: `env` plus the keys of what `envFrom` names (with its prefix). */
export function envNames(get: Lookup, pod: KObject, c: Container | undefined): Set<string> {
  const names = new Set<string>();
  for (const e of Array.isArray(c?.env) ? c.env : []) if (typeof e?.name === 'string') names.add(e.name);
  for (const ref of containerRefs(c)) {
    if (ref.via !== 'envFrom') continue;
    const o = get(ref.kind, pod.metadata.namespace, ref.name);
    for (const k of Object.keys({ ...(o?.data ?? {}), ...(o?.stringData ?? {}) })) names.add(ref.prefix + k);
  }
  return names;
}

/** kubelet's makeEnvironmentVariables errors: `secret "x" not found`, `couldn't find key k in Secret ns/x`. */
export function configError(get: Lookup, pod: KObject, c: Container | undefined): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const refs = containerRefs(c);
  // envFrom is resolved before env, as the kubelet does.
  for (const ref of [...refs.filter((r) => r.via === 'envFrom'), ...refs.filter((r) => r.via === 'env')]) {
    if (ref.optional) continue;
    const o = get(ref.kind, ns, ref.name);
    if (!o) return `${ref.kind === 'Secret' ? 'secret' : 'configmap'} "${ref.name}" not found`;
    const data = { ...(o.data ?? {}), ...(o.stringData ?? {}), ...(o.binaryData ?? {}) };
    if (ref.key !== undefined && !(ref.key in data)) return `couldn't find key ${ref.key} in ${ref.kind} ${ns}/${ref.name}`;
  }
  return undefined;
}

/** A volume that cannot be mounted: the first whose (non-optional) Secret or ConfigMap is missing. */
export interface MissingVolume {
  volume: string;
  source: 'Secret' | 'ConfigMap';
  name: string;
  /** As the kubelet words it: `secret "x" not found`. */
  error: string;
}

export function missingVolume(get: Lookup, pod: KObject): MissingVolume | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  for (const ref of volumeRefs(pod.spec)) {
    if (ref.kind === 'PersistentVolumeClaim' || ref.optional || get(ref.kind, ns, ref.name)) continue;
    return { volume: ref.volume ?? '', source: ref.kind, name: ref.name, error: `${ref.kind === 'Secret' ? 'secret' : 'configmap'} "${ref.name}" not found` };
  }
  return undefined;
}

/** The probe failure as the kubelet reports it for a port nothing listens on. */
export function probeFailure(probe: Probe | undefined, pod: KObject, port: number | undefined): string {
  const ip = pod.status?.podIP ?? '';
  if (probe?.httpGet) return `Get "http://${ip}:${port}${probe.httpGet.path ?? '/'}": dial tcp ${ip}:${port}: connect: connection refused`;
  return `dial tcp ${ip}:${port}: connect: connection refused`;
}
