// Which fields kustomize's builtin transformers touch, per kind (kustomize's api/konfig/builtinpluginconsts).
// A spec is [kinds (empty = every kind), path, create-missing].
export type FieldSpec = readonly [kinds: readonly string[], path: string, create: boolean];

const POD_WORKLOADS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'ReplicationController'];

/** commonLabels, and labels with includeSelectors: metadata, selectors and pod templates. */
export const LABEL_SELECTOR_SPECS: readonly FieldSpec[] = [
  [[], 'metadata/labels', true],
  [['Service'], 'spec/selector', true],
  [['ReplicationController'], 'spec/selector', true],
  [['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'], 'spec/selector/matchLabels', true],
  [['Job'], 'spec/selector/matchLabels', false],
  [['CronJob'], 'spec/jobTemplate/spec/selector/matchLabels', false],
  [['CronJob'], 'spec/jobTemplate/metadata/labels', true],
  [['PodDisruptionBudget'], 'spec/selector/matchLabels', false],
  [['NetworkPolicy'], 'spec/podSelector/matchLabels', false],
  [['NetworkPolicy'], 'spec/ingress/from/podSelector/matchLabels', false],
  [['NetworkPolicy'], 'spec/egress/to/podSelector/matchLabels', false],
  [['StatefulSet'], 'spec/volumeClaimTemplates[]/metadata/labels', true],
];

/** Pod template labels (labels with includeTemplates, and part of the selector set). */
export const TEMPLATE_LABEL_SPECS: readonly FieldSpec[] = [
  [POD_WORKLOADS, 'spec/template/metadata/labels', true],
  [['CronJob'], 'spec/jobTemplate/spec/template/metadata/labels', true],
];

export const ANNOTATION_SPECS: readonly FieldSpec[] = [
  [[], 'metadata/annotations', true],
  [POD_WORKLOADS, 'spec/template/metadata/annotations', true],
  [['CronJob'], 'spec/jobTemplate/metadata/annotations', true],
  [['CronJob'], 'spec/jobTemplate/spec/template/metadata/annotations', true],
];

/** The prefix under which a kind keeps its pod spec. */
export function podSpecPrefix(kind: string): string | undefined {
  if (kind === 'Pod') return 'spec';
  if (kind === 'CronJob') return 'spec/jobTemplate/spec/template/spec';
  if (POD_WORKLOADS.includes(kind)) return 'spec/template/spec';
  return undefined;
}

/**
 * Name references (kustomize's nameReference config): for a referenced kind, the fields of other
 * kinds that hold its name. `pod:` paths are relative to the referrer's pod spec.
 * `check` names a sibling `kind` field that must equal the referenced kind (roleRef, scaleTargetRef).
 */
export interface NameRef {
  kind: string;
  referrers: readonly { kinds?: readonly string[]; path: string; check?: string; subjects?: boolean }[];
}

const POD_CM = ['volumes/configMap/name', 'containers/env/valueFrom/configMapKeyRef/name', 'initContainers/env/valueFrom/configMapKeyRef/name'];
const POD_CM2 = ['containers/envFrom/configMapRef/name', 'initContainers/envFrom/configMapRef/name', 'volumes/projected/sources/configMap/name'];
const POD_SECRET = ['volumes/secret/secretName', 'containers/env/valueFrom/secretKeyRef/name', 'initContainers/env/valueFrom/secretKeyRef/name'];
const POD_SECRET2 = [
  'containers/envFrom/secretRef/name',
  'initContainers/envFrom/secretRef/name',
  'imagePullSecrets/name',
  'volumes/projected/sources/secret/name',
];
const pod = (paths: string[]) => paths.map((p) => ({ path: 'pod:' + p }));

export const NAME_REFS: readonly NameRef[] = [
  { kind: 'ConfigMap', referrers: pod([...POD_CM, ...POD_CM2]) },
  {
    kind: 'Secret',
    referrers: [
      ...pod([...POD_SECRET, ...POD_SECRET2]),
      { kinds: ['Ingress'], path: 'spec/tls/secretName' },
      { kinds: ['ServiceAccount'], path: 'imagePullSecrets/name' },
    ],
  },
  {
    kind: 'Service',
    referrers: [
      { kinds: ['StatefulSet'], path: 'spec/serviceName' },
      { kinds: ['Ingress'], path: 'spec/rules/http/paths/backend/service/name' },
      { kinds: ['Ingress'], path: 'spec/defaultBackend/service/name' },
      { kinds: ['APIService'], path: 'spec/service/name' },
    ],
  },
  { kind: 'Role', referrers: [{ kinds: ['RoleBinding'], path: 'roleRef/name', check: 'roleRef/kind' }] },
  { kind: 'ClusterRole', referrers: [{ kinds: ['RoleBinding', 'ClusterRoleBinding'], path: 'roleRef/name', check: 'roleRef/kind' }] },
  {
    kind: 'ServiceAccount',
    referrers: [{ kinds: ['RoleBinding', 'ClusterRoleBinding'], path: 'subjects', subjects: true }, ...pod(['serviceAccountName'])],
  },
  { kind: 'PersistentVolumeClaim', referrers: pod(['volumes/persistentVolumeClaim/claimName']) },
  { kind: 'PersistentVolume', referrers: [{ kinds: ['PersistentVolumeClaim'], path: 'spec/volumeName' }] },
  ...['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].map((kind) => ({
    kind,
    referrers: [{ kinds: ['HorizontalPodAutoscaler'], path: 'spec/scaleTargetRef/name', check: 'spec/scaleTargetRef/kind' }],
  })),
  { kind: 'PriorityClass', referrers: pod(['priorityClassName']) },
  {
    kind: 'StorageClass',
    referrers: [
      { kinds: ['PersistentVolume', 'PersistentVolumeClaim'], path: 'spec/storageClassName' },
      { kinds: ['StatefulSet'], path: 'spec/volumeClaimTemplates/spec/storageClassName' },
    ],
  },
  { kind: 'IngressClass', referrers: [{ kinds: ['Ingress'], path: 'spec/ingressClassName' }] },
];
