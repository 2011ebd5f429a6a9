// What the kubelet checks before it starts a container: the Secrets and ConfigMaps its env and
// volumes name (CreateContainerConfigError, FailedMount), and how a failed probe is worded.
import type { KObject } from '../store';
import { isObj } from '../../k8s/guards';

/** Reads one object from the cluster (as `Cluster.get`). */
export type Lookup = (kind: string, namespace: string | undefined, name: string) => KObject | undefined;

/** The env var names container `c` gets: `env` plus the keys of what `envFrom` names (with its prefix). */
export function envNames(get: Lookup, pod: KObject, c: any): Set<string> {
  const names = new Set<string>();
  for (const e of Array.isArray(c?.env) ? c.env : []) if (typeof e?.name === 'string') names.add(e.name);
  for (const ef of Array.isArray(c?.envFrom) ? c.envFrom : []) {
    const ref = ef?.secretRef ?? ef?.configMapRef;
    const kind = ef?.secretRef ? 'Secret' : 'ConfigMap';
    const o = ref?.name ? get(kind, pod.metadata.namespace, ref.name) : undefined;
    for (const k of Object.keys({ ...(o?.data ?? {}), ...(o?.stringData ?? {}) })) names.add((ef.prefix ?? '') + k);
  }
  return names;
}

/** kubelet's makeEnvironmentVariables errors: `secret "x" not found`, `couldn't find key k in Secret ns/x`. */
export function configError(get: Lookup, pod: KObject, c: any): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const check = (kind: 'Secret' | 'ConfigMap', name: unknown, key: unknown, optional: unknown): string | undefined => {
    if (typeof name !== 'string') return undefined;
    const o = get(kind, ns, name);
    if (!o) return optional ? undefined : `${kind === 'Secret' ? 'secret' : 'configmap'} "${name}" not found`;
    if (key === undefined) return undefined;
    const data = { ...(o.data ?? {}), ...(o.stringData ?? {}), ...(o.binaryData ?? {}) };
    if (!(String(key) in data)) return optional ? undefined : `couldn't find key ${key} in ${kind} ${ns}/${name}`;
    return undefined;
  };
  for (const ef of Array.isArray(c?.envFrom) ? c.envFrom : []) {
    const e = ef?.secretRef ? check('Secret', ef.secretRef.name, undefined, ef.secretRef.optional) : ef?.configMapRef ? check('ConfigMap', ef.configMapRef.name, undefined, ef.configMapRef.optional) : undefined;
    if (e) return e;
  }
  for (const ev of Array.isArray(c?.env) ? c.env : []) {
    const vf = ev?.valueFrom;
    if (!isObj(vf)) continue;
    const e = vf.secretKeyRef ? check('Secret', vf.secretKeyRef.name, vf.secretKeyRef.key, vf.secretKeyRef.optional) : vf.configMapKeyRef ? check('ConfigMap', vf.configMapKeyRef.name, vf.configMapKeyRef.key, vf.configMapKeyRef.optional) : undefined;
    if (e) return e;
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
  for (const v of Array.isArray(pod.spec?.volumes) ? pod.spec.volumes : []) {
    if (!isObj(v)) continue;
    if (v.secret?.secretName && !v.secret.optional && !get('Secret', ns, v.secret.secretName)) return { volume: v.name, source: 'Secret', name: v.secret.secretName, error: `secret "${v.secret.secretName}" not found` };
    if (v.configMap?.name && !v.configMap.optional && !get('ConfigMap', ns, v.configMap.name)) return { volume: v.name, source: 'ConfigMap', name: v.configMap.name, error: `configmap "${v.configMap.name}" not found` };
  }
  return undefined;
}

/** The probe failure as the kubelet reports it for a port nothing listens on. */
export function probeFailure(probe: any, pod: KObject, port: number | undefined): string {
  const ip = pod.status?.podIP ?? '';
  if (probe?.httpGet) return `Get "http://${ip}:${port}${probe.httpGet.path ?? '/'}": dial tcp ${ip}:${port}: connect: connection refused`;
  return `dial tcp ${ip}:${port}: connect: connection refused`;
}
