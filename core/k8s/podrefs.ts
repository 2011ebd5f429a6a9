// Which Secrets, ConfigMaps and PersistentVolumeClaims a pod spec references, read in one place
// for the linter, the simulated kubelet and the editor: env valueFrom, envFrom, volumes (secret,
// configMap, persistentVolumeClaim, and the secret/configMap sources of projected volumes) and
// imagePullSecrets. Each reference keeps the path of its name (and key) for source ranges.
import type { Path } from '../manifest/types';
import { isObj } from './guards';

export type PodRefKind = 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim';

/** Where the pod uses the object: one env variable, all keys as variables, a volume, or pulling images. */
export type PodRefVia = 'env' | 'envFrom' | 'volume' | 'imagePull';

export interface PodRef {
  kind: PodRefKind;
  name: string;
  /** Path of the name field (`name`, `secretName`, `claimName`), from the root the spec path was given from. */
  namePath: Path;
  /** One key asked for (an env variable's key, a volume item's key); a volume with items gives one reference per key. */
  key?: string;
  keyPath?: Path;
  /** `optional: true`: a missing object or key is no error. */
  optional: boolean;
  via: PodRefVia;
  /** The container's path, for env and envFrom references. */
  containerPath?: Path;
  /** The volume's name, for volume references. */
  volume?: string;
  /** The variable-name prefix of an envFrom reference. */
  prefix?: string;
}

const CONTAINER_GROUPS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Collects references into `out`, from an object holding a name field (and maybe `key`, `items`, `optional`). */
function collect(out: PodRef[], kind: PodRefKind, via: PodRefVia, holder: unknown, path: Path, nameField: string, extra: Partial<PodRef> = {}): void {
  if (!isObj(holder)) return;
  const name = nonEmpty(holder[nameField]);
  if (!name) return;
  const base: PodRef = { kind, name, namePath: [...path, nameField], optional: holder.optional === true, via, ...extra };
  const key = nonEmpty(holder.key);
  out.push(key ? { ...base, key, keyPath: [...path, 'key'] } : base);
  if (Array.isArray(holder.items))
    holder.items.forEach((item: unknown, i: number) => {
      const itemKey = isObj(item) ? nonEmpty(item.key) : undefined;
      if (itemKey) out.push({ ...base, key: itemKey, keyPath: [...path, 'items', i, 'key'] });
    });
}

/** The env and envFrom references of one container (at `path`), env first. */
export function containerRefs(container: unknown, path: Path = []): PodRef[] {
  const out: PodRef[] = [];
  if (!isObj(container)) return out;
  const containerPath = path;
  if (Array.isArray(container.env))
    container.env.forEach((e: unknown, i: number) => {
      if (!isObj(e) || !isObj(e.valueFrom)) return;
      const base: Path = [...path, 'env', i, 'valueFrom'];
      collect(out, 'Secret', 'env', e.valueFrom.secretKeyRef, [...base, 'secretKeyRef'], 'name', { containerPath });
      collect(out, 'ConfigMap', 'env', e.valueFrom.configMapKeyRef, [...base, 'configMapKeyRef'], 'name', { containerPath });
    });
  if (Array.isArray(container.envFrom))
    container.envFrom.forEach((e: unknown, i: number) => {
      if (!isObj(e)) return;
      const prefix = typeof e.prefix === 'string' ? e.prefix : '';
      collect(out, 'Secret', 'envFrom', e.secretRef, [...path, 'envFrom', i, 'secretRef'], 'name', { containerPath, prefix });
      collect(out, 'ConfigMap', 'envFrom', e.configMapRef, [...path, 'envFrom', i, 'configMapRef'], 'name', { containerPath, prefix });
    });
  return out;
}

/** The references of the volumes of a pod spec (at `specPath`), projected sources included. */
export function volumeRefs(spec: unknown, specPath: Path = []): PodRef[] {
  const out: PodRef[] = [];
  if (!isObj(spec) || !Array.isArray(spec.volumes)) return out;
  spec.volumes.forEach((v: unknown, i: number) => {
    if (!isObj(v)) return;
    const base: Path = [...specPath, 'volumes', i];
    const volume = typeof v.name === 'string' ? v.name : undefined;
    collect(out, 'Secret', 'volume', v.secret, [...base, 'secret'], 'secretName', { volume });
    collect(out, 'ConfigMap', 'volume', v.configMap, [...base, 'configMap'], 'name', { volume });
    collect(out, 'PersistentVolumeClaim', 'volume', v.persistentVolumeClaim, [...base, 'persistentVolumeClaim'], 'claimName', { volume });
    const sources = isObj(v.projected) ? v.projected.sources : undefined;
    if (Array.isArray(sources))
      sources.forEach((s: unknown, j: number) => {
        if (!isObj(s)) return;
        collect(out, 'Secret', 'volume', s.secret, [...base, 'projected', 'sources', j, 'secret'], 'name', { volume });
        collect(out, 'ConfigMap', 'volume', s.configMap, [...base, 'projected', 'sources', j, 'configMap'], 'name', { volume });
      });
  });
  return out;
}

/**
 * Every Secret, ConfigMap and PersistentVolumeClaim a pod spec (at `specPath`) references: the
 * containers' env and envFrom (init, regular, ephemeral), then volumes, then imagePullSecrets.
 */
export function podSpecRefs(spec: unknown, specPath: Path = []): PodRef[] {
  if (!isObj(spec)) return [];
  const out: PodRef[] = [];
  for (const group of CONTAINER_GROUPS) {
    const list = spec[group];
    if (Array.isArray(list)) list.forEach((c: unknown, i: number) => out.push(...containerRefs(c, [...specPath, group, i])));
  }
  out.push(...volumeRefs(spec, specPath));
  if (Array.isArray(spec.imagePullSecrets))
    spec.imagePullSecrets.forEach((p: unknown, i: number) => collect(out, 'Secret', 'imagePull', p, [...specPath, 'imagePullSecrets', i], 'name'));
  return out;
}
