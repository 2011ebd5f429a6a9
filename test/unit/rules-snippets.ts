// Manifests that raise every rule code, for tests that walk what the rules report: the examples,
// the corpus fixtures, the full corpus when present, and snippets for the codes those miss.
import { lintFile } from '../../core/lint';
import type { KDiagnostic } from '../../core/manifest/types';
import { Workspace } from '../../core/workspace/index';
import { corpusFiles, exampleFiles, fixtureCorpusFiles } from '../support/corpus';
import { serviceYaml, workloadYaml } from '../support/workload-yaml';

/** Manifests for the codes the examples and fixtures do not raise. */
export const SNIPPETS: Record<string, string> = {
  'file:///snip/ports.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: ports
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 70000
          protocol: tcp
      livenessProbe:
        httpGet:
          path: /
          port: htp
---
${serviceYaml({ name: 'two-ports', app: 'x', port: 80 })}
    - port: 81
`,
  'file:///snip/workloads.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: no-selector
spec:
  template:
    metadata:
      labels:
        app: a
    spec:
      containers:
        - name: a
          image: nginx:1.27
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: mismatch
spec:
  selector:
    matchLabels:
      app: b
  template:
    metadata:
      labels:
        app: c
    spec:
      containers:
        - image: nginx:1.27
`,
  'file:///snip/refs.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: board
data:
  other: x
---
apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  containers:
    - name: c
      image: busybox:1.36
      env:
        - name: QUIET
          valueFrom:
            configMapKeyRef: {name: board, key: quiet}
---
${workloadYaml({ kind: 'StatefulSet', name: 'db', serviceName: 'db', image: 'postgres:16' })}
---
${serviceYaml({ name: 'db', port: 5432 })}
---
${serviceYaml({ name: 'np-a', app: 'db', type: 'NodePort', port: 1, portFields: { nodePort: 30080 } })}
---
${serviceYaml({ name: 'np-b', app: 'db', type: 'NodePort', port: 1, portFields: { nodePort: 30080 } })}
`,
  'file:///snip/schema.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: typed
spec:
  containers:
    - name: c
      image: busybox:1.36
      tty: "yes"
      env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef: {name: nowhere, key: pw}
---
apiVersion: v1
kind: Pod
metadata:
  name: typed
spec:
  containers:
    - name: c
      image: busybox:1.36
---
apiVersion: apps/v1
kind: Pdo
metadata:
  name: unknown-kind
`,
  'file:///snip/realworld.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: two-roommates
spec:
  strategy:
    rollingUpdate: { maxSurge: 0, maxUnavailable: 0 }
  selector:
    matchLabels: { app: two }
  template:
    metadata:
      labels: { app: two }
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 1
              podAffinityTerm: { topologyKey: zone, labelSelector: { matchLabels: { app: nobody } } }
      containers:
        - { name: a, image: "<your-image>", ports: [{ containerPort: 8080 }] }
        - { name: b, image: "envoy:1.30", ports: [{ containerPort: 8080 }] }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: two-roommates
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: two-roommates }
  minReplicas: 1
  maxReplicas: 3
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: nobody
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: nobody }
  maxReplicas: 3
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: half
spec:
  minAvailable: "50"
  selector: { matchLabels: { app: two } }
`,
  'file:///snippets/crd.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: beds.dorm.example.com
spec:
  group: dorm.example.com
  scope: Namespaced
  names: { plural: beds, kind: Bed }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                count: { type: integer, maximum: 10 }
              x-kubernetes-validations:
                - rule: self.count > 0
---
apiVersion: dorm.example.com/v1
kind: Bed
metadata:
  name: too-many
spec:
  count: 12
---
apiVersion: club.example.com/v1
kind: Poster
metadata:
  name: unknown-crd
`,
};

/** The codes that only fire for an older target: linted with `kubernetesVersion: OLD_TARGET`. */
export const OLD_TARGET = '1.27';
export const OLD_TARGET_SNIPPETS: Record<string, string> = {
  'file:///snip/old-target-api.yaml': `apiVersion: flowcontrol.apiserver.k8s.io/v1
kind: PriorityLevelConfiguration
metadata:
  name: learners
spec:
  type: Limited
  limited:
    nominalConcurrencyShares: 10
    limitResponse:
      type: Reject
`,
  'file:///snip/old-target-field.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: sidecar
spec:
  initContainers:
    - name: log
      image: busybox:1.36
      restartPolicy: Always
  containers:
    - name: web
      image: nginx:1.27
`,
  // A kind only 1.31 served (SNIPPET_TARGETS), known from cdk8s' import alone (no field types): schema-not-checked.
  'file:///snip/old-target-1-31-only.yaml': `apiVersion: coordination.k8s.io/v1alpha1
kind: LeaseCandidate
metadata:
  name: candidate
spec:
  leaseName: dorm-office
`,
};

export function workspaceOf(files: { uri: string; text: string }[]): Workspace {
  const ws = new Workspace();
  for (const f of files) ws.set(f.uri, f.text);
  return ws;
}

export const snippetFiles = () => Object.entries(SNIPPETS).map(([uri, text]) => ({ uri, text }));

/** The examples, the fixtures, the full corpus (when present) and the snippets. */
export function allRuleFiles(): { uri: string; text: string }[] {
  return [...exampleFiles(), ...fixtureCorpusFiles(), ...corpusFiles(), ...snippetFiles()];
}

/** Old-target snippets linted against another minor than OLD_TARGET: uri → minor. */
export const SNIPPET_TARGETS: Record<string, string> = { 'file:///snip/old-target-1-31-only.yaml': '1.31' };

/** Every diagnostic the rules report on allRuleFiles(), linted as one workspace (and the old-target snippets against OLD_TARGET or theirs). */
export function allDiagnostics(): KDiagnostic[] {
  const files = allRuleFiles();
  const ws = workspaceOf(files);
  const old = Object.entries(OLD_TARGET_SNIPPETS).map(([uri, text]) => ({ uri, text }));
  const oldWs = workspaceOf(old);
  return [
    ...files.flatMap((f) => lintFile(ws, f.uri)),
    ...old.flatMap((f) => lintFile(oldWs, f.uri, { kubernetesVersion: SNIPPET_TARGETS[f.uri] ?? OLD_TARGET })),
  ];
}
