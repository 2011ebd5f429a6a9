// The resources the simulated API server serves (its discovery documents) and the built-in
// kubectl's api-resources and api-versions list: one home for both, derived from the schema
// catalog the linter uses (core/schema/catalog.ts): group/version/kind/plural/namespaced come from there; short names,
// categories and subresources are what a real 1.32 API server advertises for them.
import { allKinds, versionRank, type KindInfo } from '../schema/catalog';
import { SCALABLE_KINDS } from './kinds';
import { legacyKinds, servedIn } from '../schema/versions';

interface Subresource {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

export interface ResourceDef {
  group: string;
  version: string;
  /** `apps/v1` or `v1`. */
  apiVersion: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: Subresource[];
  /** Catalog type (`V1Deployment`). */
  type: string;
  /** An older group-version of a catalog kind, with the same schema: served by the targets that have it (olderResources). */
  older?: true;
}

const SHORT: Record<string, string[]> = {
  Pod: ['po'],
  Service: ['svc'],
  Endpoints: ['ep'],
  ConfigMap: ['cm'],
  Namespace: ['ns'],
  Node: ['no'],
  Event: ['ev'],
  PersistentVolumeClaim: ['pvc'],
  PersistentVolume: ['pv'],
  ReplicationController: ['rc'],
  ServiceAccount: ['sa'],
  LimitRange: ['limits'],
  ResourceQuota: ['quota'],
  ComponentStatus: ['cs'],
  Deployment: ['deploy'],
  ReplicaSet: ['rs'],
  StatefulSet: ['sts'],
  DaemonSet: ['ds'],
  CronJob: ['cj'],
  HorizontalPodAutoscaler: ['hpa'],
  Ingress: ['ing'],
  NetworkPolicy: ['netpol'],
  PodDisruptionBudget: ['pdb'],
  StorageClass: ['sc'],
  PriorityClass: ['pc'],
  CustomResourceDefinition: ['crd', 'crds'],
  CertificateSigningRequest: ['csr'],
};
const ALL_CATEGORY = new Set([
  'Pod',
  'Service',
  'ReplicationController',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
]);
const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
/** Review-style kinds that are only ever created (and not stored). */
const CREATE_ONLY = new Set([
  'TokenReview',
  'SelfSubjectReview',
  'LocalSubjectAccessReview',
  'SelfSubjectAccessReview',
  'SelfSubjectRulesReview',
  'SubjectAccessReview',
  'Binding',
  'ComponentStatus',
]);

function subresourcesOf(k: KindInfo): Subresource[] {
  const subs: Subresource[] = [];
  const status = [
    'Pod',
    'Service',
    'Node',
    'Namespace',
    'PersistentVolumeClaim',
    'PersistentVolume',
    'ReplicationController',
    'ResourceQuota',
    'Deployment',
    'ReplicaSet',
    'StatefulSet',
    'DaemonSet',
    'Job',
    'CronJob',
    'HorizontalPodAutoscaler',
    'Ingress',
    'PodDisruptionBudget',
    'CertificateSigningRequest',
    'CustomResourceDefinition',
    'APIService',
  ];
  if (status.includes(k.kind)) subs.push({ name: 'status', kind: k.kind, verbs: ['get', 'patch', 'update'] });
  if (SCALABLE_KINDS.has(k.kind)) subs.push({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });
  if (k.kind === 'Pod') {
    subs.push({ name: 'log', kind: 'Pod', verbs: ['get'] });
    subs.push({ name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] });
    subs.push({ name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] });
    subs.push({ name: 'binding', kind: 'Binding', verbs: ['create'] });
    subs.push({ name: 'ephemeralcontainers', kind: 'Pod', verbs: ['get', 'patch', 'update'] });
  }
  return subs;
}

let defs: ResourceDef[] | undefined;

/** Every resource served: the stable (v1, v2, ...) versions of the catalog's kinds. */
export function resources(): ResourceDef[] {
  if (defs) return defs;
  defs = [];
  for (const k of allKinds()) {
    if (!/^v\d+$/.test(k.version)) continue;
    defs.push({
      group: k.group,
      version: k.version,
      apiVersion: k.apiVersion,
      kind: k.kind,
      plural: k.plural,
      singular: k.kind.toLowerCase(),
      namespaced: k.namespaced,
      shortNames: k.group === 'events.k8s.io' ? [] : (SHORT[k.kind] ?? []),
      categories: ALL_CATEGORY.has(k.kind) && !(k.group === 'autoscaling' && k.version === 'v1') ? ['all'] : [],
      verbs: CREATE_ONLY.has(k.kind) ? ['create'] : CRUD,
      subresources: subresourcesOf(k),
      type: k.type,
    });
  }
  defs.sort((a, b) => a.apiVersion.localeCompare(b.apiVersion) || a.plural.localeCompare(b.plural));
  return defs;
}

/** Group → versions (preferred first), in the order a real server lists them. */
export function groups(): { name: string; versions: string[] }[] {
  const order = [
    'apps',
    'events.k8s.io',
    'authentication.k8s.io',
    'authorization.k8s.io',
    'autoscaling',
    'batch',
    'certificates.k8s.io',
    'networking.k8s.io',
    'policy',
    'rbac.authorization.k8s.io',
    'storage.k8s.io',
    'admissionregistration.k8s.io',
    'apiextensions.k8s.io',
    'scheduling.k8s.io',
    'coordination.k8s.io',
    'node.k8s.io',
    'discovery.k8s.io',
    'flowcontrol.apiserver.k8s.io',
    'apiregistration.k8s.io',
    'resource.k8s.io',
  ];
  const m = new Map<string, Set<string>>();
  for (const d of resources()) if (d.group) (m.get(d.group) ?? m.set(d.group, new Set()).get(d.group)!).add(d.version);
  const names = [...m.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return names.map((name) => ({ name, versions: [...m.get(name)!].sort((a, b) => (name === 'autoscaling' ? b.localeCompare(a) : a.localeCompare(b))) }));
}

let olderDefs: ResourceDef[] | undefined;

/**
 * The older (beta) group-versions an API server of 1.27–1.31 serves by default: kube-apiserver's
 * `legacyBetaEnabledByDefaultResources` (pkg/controlplane/instance.go; KEP-3136: beta APIs are
 * off by default, "flowschemas" and "prioritylevelconfigurations" of flowcontrol v1beta2, "remove
 * in 1.29", and v1beta3, "remove in 1.32", excepted). Every other older version is off by default
 * (admissionregistration, authentication and storage v1beta1, all the alphas).
 */
const OLDER_ENABLED_BY_DEFAULT = new Set(['flowcontrol.apiserver.k8s.io/v1beta2', 'flowcontrol.apiserver.k8s.io/v1beta3']);

/**
 * The older group-versions a targeted minor serves by default and 1.36 no longer does, for the
 * kinds whose schema there is the catalog kind's (flowcontrol v1beta3 FlowSchema: V1FlowSchema):
 * the same stored objects, only their apiVersion differs (core/apiserver/read.ts' shape). Kinds
 * whose older schema differs (flowcontrol v1beta2 PriorityLevelConfiguration) are left out.
 */
export function olderResources(): ResourceDef[] {
  if (olderDefs) return olderDefs;
  olderDefs = [];
  for (const k of legacyKinds()) {
    if (!OLDER_ENABLED_BY_DEFAULT.has(k.apiVersion)) continue;
    const d = resources().find((r) => r.group === k.group && r.kind === k.kind && r.type === k.type);
    if (d) olderDefs.push({ ...d, version: k.version, apiVersion: k.apiVersion, older: true });
  }
  return olderDefs;
}

/** A stored resource by group, version and plural, the older group-versions included (servedInVersion says whether a target serves it). */
export function findResource(group: string, version: string, plural: string): ResourceDef | undefined {
  const is = (d: ResourceDef) => d.group === group && d.version === version && d.plural === plural;
  return resources().find(is) ?? olderResources().find(is);
}

/** The preferred resource for a kind (core or the first group that serves it). */
export function resourceForKind(kind: string): ResourceDef | undefined {
  const all = resources().filter((d) => d.kind === kind);
  return all.find((d) => d.group === '' || d.group === 'apps' || d.group === 'batch') ?? all[0];
}

/** The aggregated metrics API (metrics-server's), served from the simulated usage, not stored. */
export const METRICS_GROUP = 'metrics.k8s.io';
const METRICS_VERSION = 'v1beta1';
const metricsDef = (kind: string, plural: string, namespaced: boolean): ResourceDef => ({
  group: METRICS_GROUP,
  version: METRICS_VERSION,
  apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`,
  kind,
  plural,
  singular: '',
  namespaced,
  shortNames: [],
  categories: [],
  verbs: ['get', 'list'],
  subresources: [],
  type: '',
});
export const METRICS_RESOURCES: ResourceDef[] = [metricsDef('NodeMetrics', 'nodes', false), metricsDef('PodMetrics', 'pods', true)];

/** What discovery advertises: the stored resources and the metrics API (those a targeted `version` serves; without one, no older group-version). */
export function servedResources(version?: string): ResourceDef[] {
  return [...resources(), ...olderResources(), ...METRICS_RESOURCES].filter((d) => servedInVersion(d, version));
}

/**
 * Whether Kubernetes `version` (a targeted minor, '1.30') serves the resource: without a version,
 * all but the older group-versions (olderResources); always for what the per-version data does not
 * know (metrics.k8s.io, custom resources).
 */
export function servedInVersion(d: { apiVersion: string; kind: string; older?: true }, version: string | undefined): boolean {
  return version ? servedIn(d.apiVersion, d.kind, version) !== 'no' : !d.older;
}

/** What discovery lists as groups: the stored ones, then the aggregated metrics.k8s.io (an APIService, listed last). */
export function servedGroups(version?: string): { name: string; versions: string[] }[] {
  const all = [...groups(), { name: METRICS_GROUP, versions: [METRICS_VERSION] }];
  if (!version) return all;
  // A targeted version: the group versions it serves (older ones after the catalog's, so the
  // preferred version is the newest it serves), groups left empty dropped (as its discovery lists them).
  const defs = servedResources(version);
  const older = (group: string) =>
    [...new Set(olderResources().flatMap((d) => (d.group === group ? [d.version] : [])))].sort((a, b) => versionRank(a) - versionRank(b));
  return all
    .map((g) => ({ ...g, versions: [...g.versions, ...older(g.name)].filter((v) => defs.some((d) => d.group === g.name && d.version === v)) }))
    .filter((g) => g.versions.length);
}
