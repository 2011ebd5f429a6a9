// Built-in APIs that Kubernetes no longer serves, with the release that removed them and the
// apiVersion to use instead. Source: the Kubernetes deprecated API migration guide
// (kubernetes.io/docs/reference/using-api/deprecation-guide/) and the release notes of 1.16, 1.22,
// 1.25, 1.26, 1.27, 1.29 and 1.32. Keyed by apiVersion + kind: a group/version can be gone for one
// kind and still serve another (coordination.k8s.io/v1beta1 dropped Lease but serves LeaseCandidate).
// A pair not listed here but in a built-in group still gets `api-version-unknown`, which suggests
// the apiVersions where the kind is served, so the table only adds the history.

export interface RemovedApi {
  apiVersion: string;
  kind: string;
  /** Kubernetes minor release that stopped serving it, e.g. '1.16'. */
  removedIn: string;
  /** apiVersion to use instead, or undefined when there is no replacement (PodSecurityPolicy). */
  replacement?: string;
}

const table: [apiVersions: string[], kinds: string[], removedIn: string, replacement: string | undefined][] = [
  [['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], ['Deployment', 'DaemonSet', 'ReplicaSet'], '1.16', 'apps/v1'],
  [['apps/v1beta1', 'apps/v1beta2'], ['StatefulSet', 'ControllerRevision'], '1.16', 'apps/v1'],
  [['extensions/v1beta1'], ['NetworkPolicy'], '1.16', 'networking.k8s.io/v1'],
  [['extensions/v1beta1'], ['PodSecurityPolicy'], '1.16', undefined],
  [['extensions/v1beta1', 'networking.k8s.io/v1beta1'], ['Ingress'], '1.22', 'networking.k8s.io/v1'],
  [['networking.k8s.io/v1beta1'], ['IngressClass'], '1.22', 'networking.k8s.io/v1'],
  [
    ['rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1'],
    ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    '1.22',
    'rbac.authorization.k8s.io/v1',
  ],
  [['apiextensions.k8s.io/v1beta1'], ['CustomResourceDefinition'], '1.22', 'apiextensions.k8s.io/v1'],
  [['admissionregistration.k8s.io/v1beta1'], ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], '1.22', 'admissionregistration.k8s.io/v1'],
  [['apiregistration.k8s.io/v1beta1'], ['APIService'], '1.22', 'apiregistration.k8s.io/v1'],
  [['authentication.k8s.io/v1beta1'], ['TokenReview'], '1.22', 'authentication.k8s.io/v1'],
  [
    ['authorization.k8s.io/v1beta1'],
    ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'],
    '1.22',
    'authorization.k8s.io/v1',
  ],
  [['certificates.k8s.io/v1beta1'], ['CertificateSigningRequest'], '1.22', 'certificates.k8s.io/v1'],
  [['coordination.k8s.io/v1beta1'], ['Lease'], '1.22', 'coordination.k8s.io/v1'],
  [['scheduling.k8s.io/v1beta1'], ['PriorityClass'], '1.22', 'scheduling.k8s.io/v1'],
  [['storage.k8s.io/v1beta1'], ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], '1.22', 'storage.k8s.io/v1'],
  [['batch/v2alpha1'], ['CronJob'], '1.21', 'batch/v1'],
  [['batch/v1beta1'], ['CronJob'], '1.25', 'batch/v1'],
  [['policy/v1beta1'], ['PodDisruptionBudget'], '1.25', 'policy/v1'],
  [['policy/v1beta1'], ['PodSecurityPolicy'], '1.25', undefined],
  [['autoscaling/v2beta1'], ['HorizontalPodAutoscaler'], '1.25', 'autoscaling/v2'],
  [['autoscaling/v2beta2'], ['HorizontalPodAutoscaler'], '1.26', 'autoscaling/v2'],
  [['discovery.k8s.io/v1beta1'], ['EndpointSlice'], '1.25', 'discovery.k8s.io/v1'],
  [['events.k8s.io/v1beta1'], ['Event'], '1.25', 'events.k8s.io/v1'],
  [['node.k8s.io/v1beta1'], ['RuntimeClass'], '1.25', 'node.k8s.io/v1'],
  [['storage.k8s.io/v1beta1'], ['CSIStorageCapacity'], '1.27', 'storage.k8s.io/v1'],
  [['flowcontrol.apiserver.k8s.io/v1beta1'], ['FlowSchema', 'PriorityLevelConfiguration'], '1.26', 'flowcontrol.apiserver.k8s.io/v1'],
  [['flowcontrol.apiserver.k8s.io/v1beta2'], ['FlowSchema', 'PriorityLevelConfiguration'], '1.29', 'flowcontrol.apiserver.k8s.io/v1'],
  [['flowcontrol.apiserver.k8s.io/v1beta3'], ['FlowSchema', 'PriorityLevelConfiguration'], '1.32', 'flowcontrol.apiserver.k8s.io/v1'],
];

const index = new Map<string, RemovedApi>();
for (const [versions, kinds, removedIn, replacement] of table) {
  for (const apiVersion of versions) for (const kind of kinds) index.set(`${apiVersion}\u0000${kind}`, { apiVersion, kind, removedIn, replacement });
}

/** Every removed apiVersion/kind pair. */
export const REMOVED_APIS: readonly RemovedApi[] = [...index.values()];

/** Groups that only removed APIs live in (e.g. `extensions`): still built-in, never a CRD's group. */
export const REMOVED_GROUPS: ReadonlySet<string> = new Set(
  REMOVED_APIS.map((r) => (r.apiVersion.includes('/') ? r.apiVersion.slice(0, r.apiVersion.lastIndexOf('/')) : '')),
);

export function removedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return index.get(`${apiVersion}\u0000${kind}`);
}
