// Facts about Kubernetes kinds, in one place: which API groups serve a built-in kind, and which
// kinds live outside any namespace. Scope comes from the schema catalog (generated from the
// OpenAPI of the newest release); a few kinds that are no longer served are listed by hand.
import { kindsNamed } from '../schema/catalog';

/** Built-in kinds and the API groups they are (or were) served from: one object whatever the group. */
export const BUILTIN_GROUPS: Record<string, string[]> = {
  Pod: [''],
  Service: [''],
  Endpoints: [''],
  ConfigMap: [''],
  Secret: [''],
  ServiceAccount: [''],
  PersistentVolumeClaim: [''],
  PersistentVolume: [''],
  ReplicationController: [''],
  Namespace: [''],
  Node: [''],
  LimitRange: [''],
  ResourceQuota: [''],
  PodTemplate: [''],
  Event: ['', 'events.k8s.io'],
  ComponentStatus: [''],
  Deployment: ['apps', 'extensions'],
  DaemonSet: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  ControllerRevision: ['apps'],
  Job: ['batch'],
  CronJob: ['batch'],
  Ingress: ['networking.k8s.io', 'extensions'],
  NetworkPolicy: ['networking.k8s.io', 'extensions'],
  IngressClass: ['networking.k8s.io'],
  PodSecurityPolicy: ['policy', 'extensions'],
  PodDisruptionBudget: ['policy'],
  HorizontalPodAutoscaler: ['autoscaling'],
  Role: ['rbac.authorization.k8s.io'],
  RoleBinding: ['rbac.authorization.k8s.io'],
  ClusterRole: ['rbac.authorization.k8s.io'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io'],
  StorageClass: ['storage.k8s.io'],
  CSIDriver: ['storage.k8s.io'],
  CSINode: ['storage.k8s.io'],
  VolumeAttachment: ['storage.k8s.io'],
  CSIStorageCapacity: ['storage.k8s.io'],
  VolumeAttributesClass: ['storage.k8s.io'],
  CustomResourceDefinition: ['apiextensions.k8s.io'],
  APIService: ['apiregistration.k8s.io'],
  PriorityClass: ['scheduling.k8s.io'],
  RuntimeClass: ['node.k8s.io'],
  MutatingWebhookConfiguration: ['admissionregistration.k8s.io'],
  ValidatingWebhookConfiguration: ['admissionregistration.k8s.io'],
  ValidatingAdmissionPolicy: ['admissionregistration.k8s.io'],
  ValidatingAdmissionPolicyBinding: ['admissionregistration.k8s.io'],
  CertificateSigningRequest: ['certificates.k8s.io'],
  ClusterTrustBundle: ['certificates.k8s.io'],
  FlowSchema: ['flowcontrol.apiserver.k8s.io'],
  PriorityLevelConfiguration: ['flowcontrol.apiserver.k8s.io'],
  Lease: ['coordination.k8s.io'],
  EndpointSlice: ['discovery.k8s.io'],
  IPAddress: ['networking.k8s.io'],
  ServiceCIDR: ['networking.k8s.io'],
};

/** Cluster-scoped kinds that the catalog no longer serves (removed APIs that old manifests use). */
const REMOVED_CLUSTER_SCOPED = new Set(['PodSecurityPolicy']);

/** True when `group` is (or was) one that serves the built-in `kind` (not a CRD sharing its name). */
export function isBuiltinKind(kind: string, group: string): boolean {
  return BUILTIN_GROUPS[kind]?.includes(group) ?? false;
}

const scopeCache = new Map<string, boolean>();

/**
 * Whether a built-in kind lives outside any namespace (Node, Namespace, FlowSchema, CSINode, …).
 * Unknown kinds (custom resources without a known CRD) count as namespaced, as most are.
 */
export function isClusterScopedKind(kind: string): boolean {
  let v = scopeCache.get(kind);
  if (v === undefined) {
    const known = kindsNamed(kind);
    v = known.length ? known.every((k) => !k.namespaced) : REMOVED_CLUSTER_SCOPED.has(kind);
    scopeCache.set(kind, v);
  }
  return v;
}

const typeNameCache = new Map<string, string>();

/**
 * How kubectl names a kind in its output (`deployment.apps/web created`): the lower-cased kind,
 * qualified by its API group unless it is in the core group.
 */
export function kubectlTypeName(kind: string): string {
  let v = typeNameCache.get(kind);
  if (v === undefined) {
    const group = BUILTIN_GROUPS[kind]?.[0] ?? kindsNamed(kind)[0]?.group ?? '';
    v = group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
    typeNameCache.set(kind, v);
  }
  return v;
}

/** Kinds served with a `/scale` subresource: what `kubectl scale` and a HorizontalPodAutoscaler can size. */
export const SCALABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** The apps/v1 workloads: a required, immutable `spec.selector` that must match the pod template's labels. */
export const APPS_WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);
