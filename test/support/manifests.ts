// Small manifests shared by the tests: a Deployment whose container reads a password from a Secret
// in another file, and that Secret (CLI, language server); a Service whose targetPort nothing
// listens on ("Why?" in the panel and in VS Code).
import { serviceYaml, workloadYaml } from './workload-yaml';
export const DEPLOY_WITH_SECRET_REF = `${workloadYaml({ name: 'web', image: 'nginx:1.27', flow: true })}
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db-credentials
                  key: password
`;
export const DB_SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\nstringData:\n  password: s3cret\n';

/** nginx (containerPort 80) behind a Service whose targetPort 8080 nothing listens on: "Why?" ends at that line. */
export const serviceWrongTargetPort = (replicas: number) => `${workloadYaml({ name: 'web', replicas: replicas, image: 'nginx:1.25' })}
          ports:
            - containerPort: 80
---
${serviceYaml({ name: 'web', port: 80, portFields: { targetPort: 8080 } })}
`;

/**
 * A Pod with a sidecar: an init container with `restartPolicy: Always` (line 9), which Kubernetes
 * has from 1.28 (field-not-in-version before). `resources` gives both containers requests and limits.
 */
export function sidecarPod(o: { container?: string; resources?: boolean } = {}): string {
  const resources = o.resources ? '      resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 20m, memory: 32Mi}}\n' : '';
  return `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
    - name: log
      image: busybox:1.36
      restartPolicy: Always
${resources}  containers:
    - name: ${o.container ?? 'app'}
      image: nginx:1.27
${resources}`;
}

/** A FlowSchema named fs at `apiVersion` (flowcontrol v1 by default; v1beta3 is what 1.27–1.31 serve). */
export const flowSchema = (apiVersion = 'flowcontrol.apiserver.k8s.io/v1') => `apiVersion: ${apiVersion}
kind: FlowSchema
metadata:
  name: fs
spec:
  priorityLevelConfiguration:
    name: global-default
`;
