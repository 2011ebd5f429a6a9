// Where each workload kind keeps its pod template, and walking the containers in it.
import type { Resource } from '../manifest/parse';
import type { Path } from '../manifest/types';
import { isObj, type JsonObject } from './guards';

/** Path to the pod template (an object with metadata + spec) for kinds that have one. */
const TEMPLATE_PATHS: Record<string, Path> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/** Kinds whose pods are managed by a controller with a `spec.selector`. */
export const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';
const GROUPS: ContainerGroup[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** The pod template's path (Pod: the resource itself, []), or undefined for kinds without pods. */
export function podTemplatePath(kind: string): Path | undefined {
  if (kind === 'Pod') return [];
  return TEMPLATE_PATHS[kind];
}

/** The PodSpec's path for a kind (Pod: ['spec']; Deployment: ['spec','template','spec'], ...). */
export function podSpecPath(kind: string): Path | undefined {
  const t = podTemplatePath(kind);
  return t ? [...t, 'spec'] : undefined;
}

/** The value at `path` in a decoded object (undefined where the path leaves the tree); narrow it before use. */
export function getAt(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

export function podSpecOf(res: Resource): { path: Path; spec: JsonObject } | undefined {
  const path = podSpecPath(res.kind);
  if (!path) return undefined;
  const spec = getAt(res.obj, path);
  return isObj(spec) ? { path, spec } : undefined;
}

/** The labels of the pods this resource makes (template labels; a Pod's own labels). */
export function podLabelsOf(res: Resource): Record<string, string> | undefined {
  const t = podTemplatePath(res.kind);
  if (!t) return undefined;
  const labels = getAt(res.obj, [...t, 'metadata', 'labels']);
  return isObj(labels) ? (labels as Record<string, string>) : undefined;
}

export interface ContainerRef {
  container: JsonObject;
  /** Path of the container object, relative to the resource. */
  path: Path;
  group: ContainerGroup;
  index: number;
  /** Path of the PodSpec holding it. */
  specPath: Path;
}

/** Every container (init, regular, ephemeral) of the resource's pod spec, in that order. */
export function containersOf(res: Resource): ContainerRef[] {
  const ps = podSpecOf(res);
  if (!ps) return [];
  const out: ContainerRef[] = [];
  for (const group of GROUPS) {
    const list = ps.spec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((c, index) => {
      if (isObj(c)) out.push({ container: c, path: [...ps.path, group, index], group, index, specPath: ps.path });
    });
  }
  return out;
}

export function forEachContainer(res: Resource, cb: (ref: ContainerRef) => void): void {
  for (const ref of containersOf(res)) cb(ref);
}
