// The shapes of cluster objects, one home: @kubernetes/client-node's model types (generated from
// the Kubernetes OpenAPI spec, the same declarations the schema catalog is generated from), as
// the simulator and the API server store them. Type-only: every import of client-node here is an
// `import type`, erased from the bundles, so core never loads it at run time for these
// (test/unit/architecture-rules.ts holds core/ to that).
import type * as m from '@kubernetes/client-node/dist/gen/models/all.js' with { 'resolution-mode': 'import' };

/** A model as JSON carries it: client-node's `Date` fields are the RFC 3339 strings on the wire. */
export type Wire<T> = T extends Date ? string : T extends readonly (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

/** An owner reference: apiVersion, kind, name and uid are always there. */
export type OwnerReference = Wire<m.V1OwnerReference>;

/**
 * An object's metadata as the store holds it: name, uid, resourceVersion and creationTimestamp are
 * set on every stored object. Other fields stay open (`unknown`) for what a client sent.
 */
export type ObjectMeta = Wire<m.V1ObjectMeta> & {
  name: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  ownerReferences?: OwnerReference[];
  [k: string]: unknown;
};

/** A stored object of model `T`: kind, apiVersion and metadata always set. */
export type Stored<T> = Omit<Wire<T>, 'apiVersion' | 'kind' | 'metadata'> & { apiVersion: string; kind: string; metadata: ObjectMeta };

/** A stored object whose spec is always there (the API server defaults or requires it). */
type WithSpec<T extends { spec?: unknown }> = Stored<T> & { spec: NonNullable<Wire<T>['spec']> };

export type Pod = WithSpec<m.V1Pod>;
export type PodSpec = Wire<m.V1PodSpec>;
export type PodStatus = Wire<m.V1PodStatus>;
export type PodCondition = Wire<m.V1PodCondition>;
export type PodTemplateSpec = Wire<m.V1PodTemplateSpec>;
export type Container = Wire<m.V1Container>;
export type EnvVar = Wire<m.V1EnvVar>;
export type EnvVarSource = Wire<m.V1EnvVarSource>;
export type ContainerPort = Wire<m.V1ContainerPort>;
export type ContainerStatus = Wire<m.V1ContainerStatus>;
export type ContainerState = Wire<m.V1ContainerState>;
export type ContainerStateTerminated = Wire<m.V1ContainerStateTerminated>;
export type Probe = Wire<m.V1Probe>;
export type Toleration = Wire<m.V1Toleration>;
export type TopologySpreadConstraint = Wire<m.V1TopologySpreadConstraint>;
export type Volume = Wire<m.V1Volume>;
export type LabelSelector = Wire<m.V1LabelSelector>;
export type PodAffinityTerm = Wire<m.V1PodAffinityTerm>;
export type WeightedPodAffinityTerm = Wire<m.V1WeightedPodAffinityTerm>;

export type Deployment = WithSpec<m.V1Deployment>;
export type DeploymentStatus = Wire<m.V1DeploymentStatus>;
export type DeploymentCondition = Wire<m.V1DeploymentCondition>;
export type ReplicaSet = WithSpec<m.V1ReplicaSet>;
export type ReplicaSetStatus = Wire<m.V1ReplicaSetStatus>;
export type ReplicaSetCondition = Wire<m.V1ReplicaSetCondition>;
export type DaemonSet = WithSpec<m.V1DaemonSet>;
export type DaemonSetStatus = Wire<m.V1DaemonSetStatus>;
export type StatefulSet = WithSpec<m.V1StatefulSet>;
export type StatefulSetStatus = Wire<m.V1StatefulSetStatus>;
export type Job = WithSpec<m.V1Job>;
export type JobSpec = Wire<m.V1JobSpec>;
export type JobStatus = Wire<m.V1JobStatus>;
export type PodFailurePolicy = Wire<m.V1PodFailurePolicy>;
export type PodFailurePolicyRule = Wire<m.V1PodFailurePolicyRule>;
export type PodFailurePolicyOnExitCodesRequirement = Wire<m.V1PodFailurePolicyOnExitCodesRequirement>;
export type PodFailurePolicyOnPodConditionsPattern = Wire<m.V1PodFailurePolicyOnPodConditionsPattern>;
export type CronJob = WithSpec<m.V1CronJob>;
export type CronJobStatus = Wire<m.V1CronJobStatus>;

export type Service = WithSpec<m.V1Service>;
export type ServiceSpec = Wire<m.V1ServiceSpec>;
export type ServicePort = Wire<m.V1ServicePort>;
export type Endpoints = Stored<m.V1Endpoints>;
export type EndpointSubset = Wire<m.V1EndpointSubset>;
export type EndpointAddress = Wire<m.V1EndpointAddress>;
export type EndpointPort = Wire<m.CoreV1EndpointPort>;
export type EndpointSlicePort = Wire<m.DiscoveryV1EndpointPort>;
export type LoadBalancerIngress = Wire<m.V1LoadBalancerIngress>;
export type NodeSelectorRequirement = Wire<m.V1NodeSelectorRequirement>;
export type NodeSelectorTerm = Wire<m.V1NodeSelectorTerm>;
export type EndpointSlice = Stored<m.V1EndpointSlice>;
export type Endpoint = Wire<m.V1Endpoint>;

export type Node = Stored<m.V1Node>;
export type NodeAddress = Wire<m.V1NodeAddress>;
export type NodeCondition = Wire<m.V1NodeCondition>;
export type Taint = Wire<m.V1Taint>;
export type Namespace = Stored<m.V1Namespace>;
export type ConfigMap = Stored<m.V1ConfigMap>;
export type Secret = Stored<m.V1Secret>;
export type HorizontalPodAutoscaler = WithSpec<m.V2HorizontalPodAutoscaler>;
export type MetricSpec = Wire<m.V2MetricSpec>;
export type MetricStatus = Wire<m.V2MetricStatus>;
export type ManagedFieldsEntry = Wire<m.V1ManagedFieldsEntry>;
/** A core/v1 Event (what the simulator records and `kubectl get events` lists). */
export type Event = Stored<m.CoreV1Event>;

/**
 * An object as a client or a controller hands it to create: the API server fills in uid,
 * resourceVersion and creationTimestamp (and a name from generateName).
 */
export interface NewObject {
  apiVersion: string;
  kind: string;
  metadata?: Partial<ObjectMeta>;
  spec?: unknown;
  status?: unknown;
  [k: string]: unknown;
}
export type DeleteOptions = Wire<m.V1DeleteOptions>;
export type ScaleTargetRef = Wire<m.V2CrossVersionObjectReference>;
export type ObjectReference = Wire<m.V1ObjectReference>;
export type PersistentVolumeClaimTemplate = Wire<m.V1PersistentVolumeClaim>;
