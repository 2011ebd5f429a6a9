// What the simulator does with each field of the kinds it runs: one table, keyed by the schema
// catalog's type names (core/schema/generated/catalog.json), so a field is classified once however
// many kinds embed its type (V1Container serves Pods, Deployments, Jobs, ...). Three classes:
//   S  simulated: the cluster acts on it (its sub-fields are classified in their own type's row);
//   I  ignored as irrelevant: nothing in a simulation depends on it (server-set metadata, file paths
//      inside containers, terminal settings);
//   N  not simulated: it changes what a real cluster does, and the simulator does not model that.
//      Each names a sentence (messages in coverage.ts) saying what the simulator does instead, and
//      may list values that behave as simulated anyway (the default).
// test/unit/sim-coverage.test.ts walks the catalog from every simulated kind and fails on a field
// in no class; docs/simulator.md's list of not-simulated fields is checked against this table.

/** A not-simulated field: the sentence id (coverage.ts) and values the simulator does honour. */
export interface NotSim {
  why: Why;
  ok?: unknown[];
}
export type FieldClass = 'S' | 'I' | NotSim;

/** The sentences, by id: what the simulator does instead. Texts in coverage.ts. */
export type Why =
  | 'spreadPolicy'
  | 'affinityKeys'
  | 'priority'
  | 'gates'
  | 'schedulerName'
  | 'probeOther'
  | 'lifecycle'
  | 'securityContext'
  | 'volume'
  | 'hostPath'
  | 'hostNetwork'
  | 'hostPort'
  | 'dns'
  | 'pullSecrets'
  | 'serviceAccount'
  | 'podDeadline'
  | 'podResources'
  | 'resize'
  | 'claims'
  | 'ephemeral'
  | 'readinessGates'
  | 'runtimeClass'
  | 'restartRules'
  | 'devices'
  | 'finalizers'
  | 'managedBy'
  | 'manualSelector'
  | 'minReady'
  | 'ordinals'
  | 'stsMaxUnavailable'
  | 'dsMaxSurge'
  | 'sessionAffinity'
  | 'trafficPolicy'
  | 'externalIPs'
  | 'externalName'
  | 'lbOptions'
  | 'reclaim'
  | 'storageTopology'
  | 'claimSource'
  | 'immutable';

const n = (why: Why, ...ok: unknown[]): NotSim => (ok.length ? { why, ok } : { why });

/** Classes of the fields every object has. */
const TOP = { apiVersion: 'S', kind: 'S', metadata: 'S', spec: 'S', status: 'I' } as const;
const volumeSources = (why: Why, names: string): Record<string, FieldClass> => Object.fromEntries(names.split(' ').map((k) => [k, n(why)]));

export const COVERAGE: Record<string, Record<string, FieldClass>> = {
  V1Pod: TOP,
  V1Deployment: TOP,
  V1ReplicaSet: TOP,
  V1StatefulSet: TOP,
  V1DaemonSet: TOP,
  V1Job: TOP,
  V1CronJob: TOP,
  V1Service: TOP,
  V1PersistentVolumeClaim: TOP,
  V1Node: TOP,
  V1Namespace: TOP,
  V1ConfigMap: { apiVersion: 'S', kind: 'S', metadata: 'S', data: 'S', binaryData: 'S', immutable: n('immutable', false) },
  V1Secret: { apiVersion: 'S', kind: 'S', metadata: 'S', data: 'S', stringData: 'S', type: 'S', immutable: n('immutable', false) },
  V1ObjectMeta: {
    name: 'S',
    namespace: 'S',
    labels: 'S',
    annotations: 'S',
    generateName: 'S',
    ownerReferences: 'S',
    finalizers: n('finalizers'),
    uid: 'I',
    resourceVersion: 'I',
    creationTimestamp: 'I',
    deletionTimestamp: 'I',
    deletionGracePeriodSeconds: 'I',
    generation: 'I',
    selfLink: 'I',
    managedFields: 'I',
  },
  V1OwnerReference: { apiVersion: 'S', kind: 'S', name: 'S', uid: 'S', controller: 'S', blockOwnerDeletion: 'I' },
  V1LabelSelector: { matchLabels: 'S', matchExpressions: 'S' },
  V1LabelSelectorRequirement: { key: 'S', operator: 'S', values: 'S' },
  V1PodTemplateSpec: { metadata: 'S', spec: 'S' },
  V1PodSpec: {
    containers: 'S',
    initContainers: 'S',
    volumes: 'S',
    restartPolicy: 'S',
    terminationGracePeriodSeconds: 'S',
    nodeName: 'S',
    nodeSelector: 'S',
    affinity: 'S',
    tolerations: 'S',
    hostname: 'S',
    subdomain: 'S',
    topologySpreadConstraints: 'S',
    priority: n('priority', 0),
    priorityClassName: n('priority'),
    preemptionPolicy: n('priority', 'PreemptLowerPriority'),
    schedulingGates: n('gates'),
    schedulingGroup: n('gates'),
    schedulerName: n('schedulerName', 'default-scheduler'),
    securityContext: n('securityContext'),
    hostNetwork: n('hostNetwork', false),
    dnsPolicy: n('dns', 'ClusterFirst'),
    dnsConfig: n('dns'),
    hostAliases: n('dns'),
    hostnameOverride: n('dns'),
    imagePullSecrets: n('pullSecrets'),
    serviceAccountName: 'S',
    serviceAccount: 'S',
    activeDeadlineSeconds: n('podDeadline'),
    resources: n('podResources'),
    overhead: n('podResources'),
    resourceClaims: n('claims'),
    ephemeralContainers: n('ephemeral'),
    readinessGates: n('readinessGates'),
    runtimeClassName: n('runtimeClass'),
    automountServiceAccountToken: 'I',
    enableServiceLinks: 'I',
    hostIPC: 'I',
    hostPID: 'I',
    hostUsers: 'I',
    os: 'I',
    setHostnameAsFQDN: 'I',
    shareProcessNamespace: 'I',
  },
  V1Affinity: { nodeAffinity: 'S', podAffinity: 'S', podAntiAffinity: 'S' },
  V1NodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: 'S', preferredDuringSchedulingIgnoredDuringExecution: 'S' },
  V1PreferredSchedulingTerm: { weight: 'S', preference: 'S' },
  V1PodAffinity: { requiredDuringSchedulingIgnoredDuringExecution: 'S', preferredDuringSchedulingIgnoredDuringExecution: 'S' },
  V1PodAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: 'S', preferredDuringSchedulingIgnoredDuringExecution: 'S' },
  V1WeightedPodAffinityTerm: { weight: 'S', podAffinityTerm: 'S' },
  V1PodAffinityTerm: {
    labelSelector: 'S',
    namespaces: 'S',
    namespaceSelector: 'S',
    topologyKey: 'S',
    matchLabelKeys: n('affinityKeys'),
    mismatchLabelKeys: n('affinityKeys'),
  },
  V1TopologySpreadConstraint: {
    maxSkew: 'S',
    topologyKey: 'S',
    whenUnsatisfiable: 'S',
    labelSelector: 'S',
    minDomains: 'S',
    matchLabelKeys: 'S',
    nodeAffinityPolicy: n('spreadPolicy', 'Honor'),
    nodeTaintsPolicy: n('spreadPolicy', 'Ignore'),
  },
  V1NodeSelector: { nodeSelectorTerms: 'S' },
  V1NodeSelectorTerm: { matchExpressions: 'S', matchFields: 'S' },
  V1NodeSelectorRequirement: { key: 'S', operator: 'S', values: 'S' },
  V1Toleration: { key: 'S', operator: 'S', value: 'S', effect: 'S', tolerationSeconds: 'S' },
  V1Container: {
    name: 'S',
    image: 'S',
    imagePullPolicy: 'S',
    command: 'S',
    args: 'S',
    env: 'S',
    envFrom: 'S',
    ports: 'S',
    resources: 'S',
    volumeMounts: 'S',
    livenessProbe: 'S',
    readinessProbe: 'S',
    restartPolicy: 'S',
    startupProbe: 'S',
    lifecycle: n('lifecycle'),
    securityContext: n('securityContext'),
    resizePolicy: n('resize'),
    restartPolicyRules: n('restartRules'),
    volumeDevices: n('devices'),
    stdin: 'I',
    stdinOnce: 'I',
    tty: 'I',
    terminationMessagePath: 'I',
    terminationMessagePolicy: 'I',
    workingDir: 'I',
  },
  V1ContainerPort: { containerPort: 'S', name: 'S', protocol: 'S', hostPort: n('hostPort'), hostIP: n('hostPort') },
  V1EnvVar: { name: 'S', valueFrom: 'S', value: 'I' },
  V1EnvVarSource: { configMapKeyRef: 'S', secretKeyRef: 'S', fieldRef: 'I', resourceFieldRef: 'I', fileKeyRef: 'I' },
  V1ConfigMapKeySelector: { name: 'S', key: 'S', optional: 'S' },
  V1SecretKeySelector: { name: 'S', key: 'S', optional: 'S' },
  V1EnvFromSource: { configMapRef: 'S', secretRef: 'S', prefix: 'S' },
  V1ConfigMapEnvSource: { name: 'S', optional: 'S' },
  V1SecretEnvSource: { name: 'S', optional: 'S' },
  V1ResourceRequirements: { requests: 'S', limits: 'S', claims: n('claims') },
  V1Probe: {
    httpGet: 'S',
    tcpSocket: 'S',
    grpc: 'S',
    exec: 'S',
    initialDelaySeconds: 'S',
    periodSeconds: 'S',
    failureThreshold: 'S',
    successThreshold: 'S',
    terminationGracePeriodSeconds: n('probeOther'),
    timeoutSeconds: 'I',
  },
  V1ExecAction: { command: 'S' },
  V1HTTPGetAction: { port: 'S', path: 'I', host: 'I', scheme: 'I', httpHeaders: 'I' },
  V1TCPSocketAction: { port: 'S', host: 'I' },
  V1GRPCAction: { port: 'S', service: 'I' },
  V1VolumeMount: { name: 'S', mountPath: 'I', readOnly: 'I', subPath: 'I', subPathExpr: 'I', mountPropagation: 'I', recursiveReadOnly: 'I' },
  V1Volume: {
    name: 'S',
    configMap: 'S',
    secret: 'S',
    persistentVolumeClaim: 'S',
    emptyDir: 'S',
    projected: 'S',
    downwardAPI: 'I',
    hostPath: n('hostPath'),
    ...volumeSources(
      'volume',
      'awsElasticBlockStore azureDisk azureFile cephfs cinder csi ephemeral fc flexVolume flocker gcePersistentDisk gitRepo glusterfs image iscsi nfs photonPersistentDisk portworxVolume quobyte rbd scaleIO storageos vsphereVolume',
    ),
  },
  V1ConfigMapVolumeSource: { name: 'S', optional: 'S', items: 'I', defaultMode: 'I' },
  V1SecretVolumeSource: { secretName: 'S', optional: 'S', items: 'I', defaultMode: 'I' },
  V1PersistentVolumeClaimVolumeSource: { claimName: 'S', readOnly: 'I' },
  V1EmptyDirVolumeSource: { medium: 'S', sizeLimit: 'S' },
  V1ProjectedVolumeSource: { sources: 'S', defaultMode: 'I' },
  V1VolumeProjection: {
    configMap: 'S',
    secret: 'S',
    downwardAPI: 'I',
    serviceAccountToken: 'I',
    clusterTrustBundle: n('volume'),
    podCertificate: n('volume'),
  },
  V1ConfigMapProjection: { name: 'S', optional: 'S', items: 'I' },
  V1SecretProjection: { name: 'S', optional: 'S', items: 'I' },
  V1DeploymentSpec: {
    replicas: 'S',
    selector: 'S',
    template: 'S',
    strategy: 'S',
    minReadySeconds: 'S',
    revisionHistoryLimit: 'S',
    paused: 'S',
    progressDeadlineSeconds: 'S',
  },
  V1DeploymentStrategy: { type: 'S', rollingUpdate: 'S' },
  V1RollingUpdateDeployment: { maxSurge: 'S', maxUnavailable: 'S' },
  V1ReplicaSetSpec: { replicas: 'S', selector: 'S', template: 'S', minReadySeconds: 'S' },
  V1StatefulSetSpec: {
    replicas: 'S',
    selector: 'S',
    template: 'S',
    serviceName: 'S',
    podManagementPolicy: 'S',
    updateStrategy: 'S',
    volumeClaimTemplates: 'S',
    revisionHistoryLimit: 'I',
    minReadySeconds: 'S',
    ordinals: n('ordinals'),
    persistentVolumeClaimRetentionPolicy: 'S',
  },
  V1StatefulSetPersistentVolumeClaimRetentionPolicy: { whenDeleted: 'S', whenScaled: 'S' },
  V1StatefulSetUpdateStrategy: { type: 'S', rollingUpdate: 'S' },
  V1RollingUpdateStatefulSetStrategy: { partition: 'S', maxUnavailable: n('stsMaxUnavailable', 1) },
  V1DaemonSetSpec: { selector: 'S', template: 'S', updateStrategy: 'S', revisionHistoryLimit: 'I', minReadySeconds: n('minReady', 0) },
  V1DaemonSetUpdateStrategy: { type: 'S', rollingUpdate: 'S' },
  V1RollingUpdateDaemonSet: { maxUnavailable: 'S', maxSurge: n('dsMaxSurge', 0) },
  V1JobSpec: {
    template: 'S',
    completions: 'S',
    parallelism: 'S',
    backoffLimit: 'S',
    activeDeadlineSeconds: 'S',
    suspend: 'S',
    selector: 'I',
    manualSelector: n('manualSelector', false),
    completionMode: 'S',
    podFailurePolicy: 'S',
    successPolicy: 'S',
    backoffLimitPerIndex: 'S',
    maxFailedIndexes: 'S',
    ttlSecondsAfterFinished: 'S',
    managedBy: n('managedBy', 'kubernetes.io/job-controller'),
    podReplacementPolicy: 'S',
  },
  V1SuccessPolicy: { rules: 'S' },
  V1SuccessPolicyRule: { succeededIndexes: 'S', succeededCount: 'S' },
  V1JobTemplateSpec: { metadata: 'S', spec: 'S' },
  V1PodFailurePolicy: { rules: 'S' },
  V1PodFailurePolicyRule: { action: 'S', onExitCodes: 'S', onPodConditions: 'S' },
  V1PodFailurePolicyOnExitCodesRequirement: { containerName: 'S', operator: 'S', values: 'S' },
  V1PodFailurePolicyOnPodConditionsPattern: { type: 'S', status: 'S' },
  V1CronJobSpec: {
    schedule: 'S',
    timeZone: 'S',
    jobTemplate: 'S',
    concurrencyPolicy: 'S',
    suspend: 'S',
    startingDeadlineSeconds: 'S',
    successfulJobsHistoryLimit: 'S',
    failedJobsHistoryLimit: 'S',
  },
  V1ServiceSpec: {
    type: 'S',
    selector: 'S',
    ports: 'S',
    clusterIP: 'S',
    clusterIPs: 'S',
    publishNotReadyAddresses: 'S',
    ipFamilies: 'I',
    ipFamilyPolicy: 'I',
    healthCheckNodePort: 'I',
    sessionAffinity: n('sessionAffinity', 'None'),
    sessionAffinityConfig: n('sessionAffinity'),
    externalTrafficPolicy: 'S',
    internalTrafficPolicy: n('trafficPolicy', 'Cluster'),
    trafficDistribution: n('trafficPolicy'),
    externalIPs: n('externalIPs'),
    externalName: n('externalName'),
    loadBalancerIP: n('lbOptions'),
    loadBalancerClass: n('lbOptions'),
    loadBalancerSourceRanges: n('lbOptions'),
    allocateLoadBalancerNodePorts: n('lbOptions', true),
  },
  V1ServicePort: { name: 'S', port: 'S', targetPort: 'S', nodePort: 'S', protocol: 'S', appProtocol: 'I' },
  V1PersistentVolumeClaimSpec: {
    accessModes: 'S',
    resources: 'S',
    volumeName: 'I',
    volumeMode: 'I',
    storageClassName: 'S',
    selector: n('claimSource'),
    dataSource: n('claimSource'),
    dataSourceRef: n('claimSource'),
    volumeAttributesClassName: n('claimSource'),
  },
  V1StorageClass: {
    apiVersion: 'S',
    kind: 'S',
    metadata: 'S',
    provisioner: 'I',
    parameters: 'I',
    mountOptions: 'I',
    allowVolumeExpansion: 'I',
    reclaimPolicy: n('reclaim', 'Delete'),
    volumeBindingMode: 'S',
    allowedTopologies: n('storageTopology'),
  },
  V1VolumeResourceRequirements: { requests: 'S', limits: 'I' },
  V1NodeSpec: { podCIDR: 'S', podCIDRs: 'S', taints: 'S', unschedulable: 'S', configSource: 'I', externalID: 'I', providerID: 'I' },
  V1Taint: { key: 'S', value: 'S', effect: 'S', timeAdded: 'I' },
  V1NamespaceSpec: { finalizers: 'I' },
};
