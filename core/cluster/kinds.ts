/** Kinds the simulator runs; everything else is kept and listed as "not simulated". */
export const SIMULATED_KINDS_LIST = [
  'Namespace',
  'Pod',
  'ReplicaSet',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Service',
  'Endpoints',
  'EndpointSlice',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'PersistentVolumeClaim',
  'StorageClass',
];
