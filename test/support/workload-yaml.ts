// The YAML the tests kept writing again: the head of a workload whose pods carry one `app` label
// and run one container, and a Service selecting such pods by it, line for line as the tests wrote
// them (tests assert line numbers). Both end without a newline, at the last line they write: what
// follows (the container's other fields, more ports, other documents) is the caller's.

export interface WorkloadHead {
  kind?: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  name: string;
  namespace?: string;
  /** A StatefulSet's governing Service. */
  serviceName?: string;
  /** Omitted: no replicas line. */
  replicas?: number | string;
  /** The replicas line's key, misspelt by the tests that want it reported (default `replicas`). */
  replicasKey?: string;
  /** The selector's `app` label (default: the name). */
  app?: string;
  /** The pod template's `app` label (default: the selector's). */
  podApp?: string;
  /** The container's name (default: the name). */
  container?: string;
  image: string;
  /** The labels as `{app: x}` on the key's line. */
  flow?: boolean;
}

/** `apiVersion` … `image:` of a workload with one container. */
export function workloadYaml(o: WorkloadHead): string {
  const app = o.app ?? o.name;
  const labels = (indent: string, value: string) => (o.flow ? ` {app: ${value}}` : `\n${indent}app: ${value}`);
  return [
    'apiVersion: apps/v1',
    `kind: ${o.kind ?? 'Deployment'}`,
    'metadata:',
    `  name: ${o.name}`,
    ...(o.namespace ? [`  namespace: ${o.namespace}`] : []),
    'spec:',
    ...(o.serviceName ? [`  serviceName: ${o.serviceName}`] : []),
    ...(o.replicas !== undefined ? [`  ${o.replicasKey ?? 'replicas'}: ${o.replicas}`] : []),
    '  selector:',
    `    matchLabels:${labels('      ', app)}`,
    '  template:',
    '    metadata:',
    `      labels:${labels('        ', o.podApp ?? app)}`,
    '    spec:',
    '      containers:',
    `        - name: ${o.container ?? o.name}`,
    `          image: ${o.image}`,
  ].join('\n');
}

export interface ServiceHead {
  name: string;
  /** The selector's `app` label (default: the name). */
  app?: string;
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  clusterIP?: string;
  port: number;
  /** The first port's other fields, in order (targetPort, nodePort, …). */
  portFields?: Record<string, string | number>;
}

/** `apiVersion` … the first port of a Service selecting `app: <app>`. */
export function serviceYaml(o: ServiceHead): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${o.name}`,
    'spec:',
    ...(o.type ? [`  type: ${o.type}`] : []),
    ...(o.clusterIP ? [`  clusterIP: ${o.clusterIP}`] : []),
    '  selector:',
    `    app: ${o.app ?? o.name}`,
    '  ports:',
    `    - port: ${o.port}`,
    ...Object.entries(o.portFields ?? {}).map(([k, v]) => `      ${k}: ${v}`),
  ].join('\n');
}

/** A CronJob `clean` on `schedule` (line 6), ending with a newline; `resources` adds its requests and limits. */
export function cronJobYaml(schedule: string, o: { resources?: boolean } = {}): string {
  const resources = o.resources
    ? `              resources:
                requests: {cpu: 50m, memory: 64Mi}
                limits: {cpu: 100m, memory: 128Mi}
`
    : '';
  return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: clean
spec:
  schedule: "${schedule}"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: c
              image: busybox:1.36
              command: ["true"]
${resources}`;
}
