// A small Kustomize project shared by the core and JSON-RPC tests: a base whose Service selects a
// label only the prod overlay gives the pods, an overlay that sets an image tag and patches
// replicas, and a Helm chart whose values.yaml looks like a manifest.
import { workloadYaml } from './workload-yaml';

export const BASE_DEPLOY = `${workloadYaml({ name: 'web', replicas: 2, image: 'nginx:1.25' })}
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { cpu: 200m, memory: 128Mi }
`;

/** The Service also selects env=prod, which only the overlay gives the pods. */
export const BASE_SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
    env: prod
  ports:
    - port: 80
      targetPort: 80
`;

/** Line 10 (0-based) is `newTag: latest`; line 12 the patch's `path`. */
export const OVERLAY = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
labels:
  - pairs:
      env: prod
    includeTemplates: true
images:
  - name: nginx
    newTag: latest
patches:
  - path: more-replicas.yaml
`;

/** A patch: a partial Deployment (no selector, no template). */
export const PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
`;

/** Relative path → text. */
export const PROJECT: Record<string, string> = {
  'base/deployment.yaml': BASE_DEPLOY,
  'base/service.yaml': BASE_SVC,
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
  'overlays/prod/kustomization.yaml': OVERLAY,
  'overlays/prod/more-replicas.yaml': PATCH,
  'chart/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
  'chart/values.yaml': 'apiVersion: v1\nkind: Service\nimage:\n  tag: latest\n',
};
