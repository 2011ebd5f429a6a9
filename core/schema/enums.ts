// Allowed values of enum-like string fields. The OpenAPI spec that @kubernetes/client-node is
// generated from lists them, but the generated declarations drop them, so they are curated here.
// Keys are `Type.field` with the type's version prefix removed (`PodSpec`, not `V1PodSpec`): an
// entry applies to every version of the type. For a list field the values apply to its items.
// '' in a list means Kubernetes accepts the empty string (it then applies a default).
// A test checks that every entry names a field that exists in the generated catalog.
//
// Sources (kubernetes/kubernetes, release-1.36):
//   pkg/apis/core/validation/validation.go   (supportedRestartPolicies, supportedPullPolicies,
//     supportedPortProtocols, supportedServiceType, supportedServiceInternalTrafficPolicy,
//     validExternalTrafficPolicies, supportedSessionAffinityType, supportedDNSPolicies,
//     supportedTerminationMessagePolicies, supportedPVCAccessModes, supportedVolumeModes,
//     validateTaintEffect, validateTolerations, supportedMountPropagations, supportedHostPathTypes,
//     supportedReclaimPolicy, supportedScheduleActions, supportedPreemptionPolicies,
//     validateSeccompProfileField, supportedServiceIPFamily, supportedServiceIPFamilyPolicy,
//     supportedPodFSGroupChangePolicies, supportedResizeResources/Policies, validateOS)
//   staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation (LabelSelectorRequirement operator)
//   pkg/apis/core/validation (NodeSelectorRequirement operator: In, NotIn, Exists, DoesNotExist, Gt, Lt)
//   pkg/apis/apps/validation/validation.go   (Deployment strategy, StatefulSet podManagementPolicy,
//     update strategies, PVC retention policy)
//   pkg/apis/batch/validation/validation.go  (concurrencyPolicy, completionMode,
//     podReplacementPolicy, podFailurePolicy actions and operators)
//   pkg/apis/networking/validation/validation.go (pathType, policyTypes)
//   pkg/apis/autoscaling/validation/validation.go (metric source and target types, scaling policies)
//   pkg/apis/storage/validation/validation.go (reclaimPolicy, volumeBindingMode)

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;
const VOLUME_MODES = ['Filesystem', 'Block'] as const;
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
const SELECTOR_OPS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
const PROFILE_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'] as const;
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
const TERMINATION_MESSAGE = ['File', 'FallbackToLogsOnError'] as const;
const MOUNT_PROPAGATION = ['None', 'HostToContainer', 'Bidirectional'] as const;

export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  // Pods and containers
  'PodSpec.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'PodSpec.dnsPolicy': ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
  'PodSpec.preemptionPolicy': ['PreemptLowerPriority', 'Never'],
  'PodOS.name': ['linux', 'windows'],
  'Container.imagePullPolicy': PULL_POLICIES,
  'EphemeralContainer.imagePullPolicy': PULL_POLICIES,
  'Container.terminationMessagePolicy': TERMINATION_MESSAGE,
  'EphemeralContainer.terminationMessagePolicy': TERMINATION_MESSAGE,
  'ContainerPort.protocol': PROTOCOLS,
  // Container restart rules (ContainerRestartRules, 1.34+): validateContainerRestartPolicyRules.
  'ContainerRestartRule.action': ['Restart'],
  'ContainerRestartRuleOnExitCodes.operator': ['In', 'NotIn'],
  'ContainerResizePolicy.restartPolicy': ['NotRequired', 'RestartContainer'],
  'ContainerResizePolicy.resourceName': ['cpu', 'memory'],
  'VolumeMount.mountPropagation': MOUNT_PROPAGATION,
  'VolumeMount.recursiveReadOnly': ['Disabled', 'IfPossible', 'Enabled'],
  'HostPathVolumeSource.type': ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'],
  'HTTPGetAction.scheme': ['HTTP', 'HTTPS'],
  'SeccompProfile.type': PROFILE_TYPES,
  'AppArmorProfile.type': PROFILE_TYPES,
  'SecurityContext.procMount': ['Default', 'Unmasked'],
  'PodSecurityContext.fsGroupChangePolicy': ['OnRootMismatch', 'Always'],
  'Toleration.operator': ['', 'Exists', 'Equal'],
  'Toleration.effect': ['', ...TAINT_EFFECTS],
  'Taint.effect': TAINT_EFFECTS,
  'TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
  'TopologySpreadConstraint.nodeAffinityPolicy': ['Honor', 'Ignore'],
  'TopologySpreadConstraint.nodeTaintsPolicy': ['Honor', 'Ignore'],
  'LabelSelectorRequirement.operator': SELECTOR_OPS,
  'NodeSelectorRequirement.operator': [...SELECTOR_OPS, 'Gt', 'Lt'],
  // Services and endpoints
  'ServicePort.protocol': PROTOCOLS,
  'EndpointPort.protocol': PROTOCOLS,
  'NetworkPolicyPort.protocol': PROTOCOLS,
  'ServiceSpec.type': ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
  'ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'ServiceSpec.sessionAffinity': ['None', 'ClientIP'],
  'ServiceSpec.ipFamilyPolicy': ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
  'ServiceSpec.ipFamilies': ['IPv4', 'IPv6'],
  // Storage
  'PersistentVolumeClaimSpec.accessModes': ACCESS_MODES,
  'PersistentVolumeSpec.accessModes': ACCESS_MODES,
  'PersistentVolumeClaimSpec.volumeMode': VOLUME_MODES,
  'PersistentVolumeSpec.volumeMode': VOLUME_MODES,
  'PersistentVolumeSpec.persistentVolumeReclaimPolicy': ['Retain', 'Recycle', 'Delete'],
  'StorageClass.reclaimPolicy': ['Retain', 'Delete'],
  'StorageClass.volumeBindingMode': ['Immediate', 'WaitForFirstConsumer'],
  // Workloads
  'DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'StatefulSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted': ['Retain', 'Delete'],
  'StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled': ['Retain', 'Delete'],
  'DaemonSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'JobSpec.completionMode': ['NonIndexed', 'Indexed'],
  'JobSpec.podReplacementPolicy': ['TerminatingOrFailed', 'Failed'],
  'PodFailurePolicyRule.action': ['FailJob', 'FailIndex', 'Ignore', 'Count'],
  'PodFailurePolicyOnExitCodesRequirement.operator': ['In', 'NotIn'],
  'PriorityClass.preemptionPolicy': ['PreemptLowerPriority', 'Never'],
  // Networking
  'HTTPIngressPath.pathType': ['Exact', 'Prefix', 'ImplementationSpecific'],
  'NetworkPolicySpec.policyTypes': ['Ingress', 'Egress'],
  // Autoscaling (autoscaling/v2)
  'MetricSpec.type': ['Object', 'Pods', 'Resource', 'ContainerResource', 'External'],
  'MetricTarget.type': ['Utilization', 'Value', 'AverageValue'],
  'HPAScalingRules.selectPolicy': ['Max', 'Min', 'Disabled'],
  'HPAScalingPolicy.type': ['Pods', 'Percent'],
};

const VERSION_PREFIX = /^(?:[A-Z][a-z]+)*V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/;

/** The catalog type name without its version prefix: `V1beta1IngressClass` → `IngressClass`. */
export function typeBaseName(type: string): string {
  return type.replace(VERSION_PREFIX, '');
}

const cache = new Map<string, readonly string[] | null>();

/** The allowed values of `type.field` (type as in the catalog, e.g. `V1PodSpec`), if it is an enum. */
export function enumValues(type: string, field: string): readonly string[] | undefined {
  const key = `${type}.${field}`;
  let v = cache.get(key);
  if (v === undefined) {
    const entryKey = `${typeBaseName(type)}.${field}`;
    v = Object.prototype.hasOwnProperty.call(ENUMS, entryKey) ? ENUMS[entryKey] : null;
    cache.set(key, v);
  }
  return v ?? undefined;
}
