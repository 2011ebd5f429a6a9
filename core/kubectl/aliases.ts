// The resource names kubectl accepts on its command line (`po`, `deploy`, `svc` …) and the kinds
// they name.

/** Resource names kubectl accepts → kind. */
export const KIND_ALIASES: Record<string, string> = {};
for (const [kind, names] of Object.entries({
  Pod: ['pod', 'pods', 'po'],
  ReplicaSet: ['replicaset', 'replicasets', 'rs'],
  Deployment: ['deployment', 'deployments', 'deploy'],
  StatefulSet: ['statefulset', 'statefulsets', 'sts'],
  DaemonSet: ['daemonset', 'daemonsets', 'ds'],
  Job: ['job', 'jobs'],
  CronJob: ['cronjob', 'cronjobs', 'cj'],
  Service: ['service', 'services', 'svc'],
  Endpoints: ['endpoints', 'ep'],
  EndpointSlice: ['endpointslice', 'endpointslices'],
  ServiceAccount: ['serviceaccount', 'serviceaccounts', 'sa'],
  Node: ['node', 'nodes', 'no'],
  PersistentVolumeClaim: ['persistentvolumeclaim', 'persistentvolumeclaims', 'pvc'],
  PersistentVolume: ['persistentvolume', 'persistentvolumes', 'pv'],
  StorageClass: ['storageclass', 'storageclasses', 'sc'],
  Secret: ['secret', 'secrets'],
  ConfigMap: ['configmap', 'configmaps', 'cm'],
  Namespace: ['namespace', 'namespaces', 'ns'],
  Event: ['event', 'events', 'ev'],
}))
  for (const n of names) KIND_ALIASES[n] = kind;
