// Kubernetes Events as the simulator records them: kubectl's wording (`message`) plus the reason's
// structured arguments (`args`), so readers such as the panel's narrator never parse the message.
// EventArgs is the one table of reasons: an emitter passing the wrong arguments, or a reader
// expecting ones that are not there, is a compile error.

/** A reason without arguments beyond the object the event is about. */
type NoArgs = { [k: string]: never };

/** The arguments of each event reason the simulated cluster records. */
export interface EventArgs {
  /** Deployment: a ReplicaSet resized; `from` is absent when the ReplicaSet was just created. */
  ScalingReplicaSet: { rs: string; direction: 'up'; to: number; from?: number } | { rs: string; direction: 'down'; to: number; from: number };
  /** A controller created a pod, a Job (CronJob) or a claim for a pod (StatefulSet). */
  SuccessfulCreate: { pod: string } | { job: string } | { claim: string; pod: string };
  /** The API server refused a pod a controller asked for (`pod`: its name, or generateName); `error` is the API server's message. */
  FailedCreate: { pod: string; error: string };
  /** A controller deleted a pod or a Job (CronJob). */
  SuccessfulDelete: { pod: string } | { job: string };
  /** DaemonSet: a failed daemon pod found on a node, to be replaced. */
  FailedDaemonPod: { pod: string; node: string };
  /** Job finished successfully. */
  Completed: NoArgs;
  BackoffLimitExceeded: NoArgs;
  DeadlineExceeded: NoArgs;
  /** Job: a failed pod matched a FailJob rule of its podFailurePolicy. */
  PodFailurePolicy: NoArgs;
  /** Job (backoffLimitPerIndex): more indexes failed than maxFailedIndexes. */
  MaxFailedIndexesExceeded: NoArgs;
  /** Job (backoffLimitPerIndex): every index finished and some failed. */
  FailedIndexes: NoArgs;
  /** A claim's StorageClass does not exist (persistentvolume-controller); `error` is its message. */
  ProvisioningFailed: { storageClass: string; error: string };
  /** A claim with no StorageClass and no volume for it (persistentvolume-controller). */
  FailedBinding: NoArgs;
  /** A claim of a WaitForFirstConsumer class that no pod uses yet. */
  WaitForFirstConsumer: NoArgs;
  /** A claim of a WaitForFirstConsumer class whose pods (`pods`) cannot be scheduled yet. */
  WaitForPodScheduled: { pods: string[] };
  /** CronJob: one of its Jobs finished. */
  SawCompletedJob: { job: string; status: 'Complete' | 'Failed' };
  JobAlreadyActive: NoArgs;
  /** CronJob: a schedule time (RFC 3339) passed its starting deadline. */
  MissSchedule: { scheduled: string };
  Scheduled: { node: string };
  FailedScheduling: NoArgs;
  Pulling: { image: string };
  /** `present`: the image was already on the node (no pull). */
  Pulled: { image: string; present: boolean };
  Created: { container: string };
  Started: { container: string };
  /** A container is stopped: the pod is deleted, or (`liveness`) it failed its liveness probe. */
  Killing: { container: string; liveness: boolean };
  /** CrashLoopBackOff; with `image`, backing off an image pull that failed (ImagePullBackOff). */
  BackOff: { container: string; image?: string };
  Unhealthy: { container: string; probe: 'Startup' | 'Readiness' | 'Liveness' };
  /** The container's config cannot be made (CreateContainerConfigError), e.g. `secret "x" not found`; with `image`, its image cannot be pulled. */
  Failed: { container: string; error: string; image?: string };
  /** A volume's Secret or ConfigMap does not exist. */
  FailedMount: { volume: string; source: 'Secret' | 'ConfigMap'; name: string };
  /** On the Node, and on each pod of that node. */
  NodeNotReady: NoArgs;
  NodeReady: NoArgs;
  RegisteredNode: NoArgs;
  NodeNotSchedulable: NoArgs;
  NodeSchedulable: NoArgs;
  TaintManagerEviction: NoArgs;
  /** On the Node: the kubelet's MemoryPressure condition turned True / False. */
  NodeHasInsufficientMemory: NoArgs;
  NodeHasSufficientMemory: NoArgs;
  /** On the Node: DiskPressure turned True / False. */
  NodeHasDiskPressure: NoArgs;
  NodeHasNoDiskPressure: NoArgs;
  /** On the Node: PIDPressure turned True / False. */
  NodeHasInsufficientPID: NoArgs;
  NodeHasSufficientPID: NoArgs;
  /**
   * The kubelet evicted the pod; `message` is the kubelet's. Node pressure on `resource`, or
   * (`limit`) the pod went over a local storage limit: `volume` names the emptyDir over its sizeLimit.
   */
  Evicted: { resource: 'memory' | 'ephemeral-storage' | 'pids'; limit?: boolean; volume?: string };
  /** LoadBalancer Service: an address from the pool. */
  IPAllocated: { ip: string };
}

export type EventReason = keyof EventArgs;

interface EventBase {
  /** Simulated milliseconds since the start. */
  t: number;
  type: 'Normal' | 'Warning';
  /** `Kind/name`. */
  object: string;
  kind: string;
  name: string;
  namespace: string;
  /** The message as `kubectl get events` shows it. */
  message: string;
  source: string;
}

/** One recorded event; `reason` tells the type of `args`. */
export type SimEvent = { [R in EventReason]: EventBase & { reason: R; args: EventArgs[R] } }[EventReason];
