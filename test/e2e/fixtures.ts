// Broken manifests shared by the end-to-end suites (code-server e2e and @vscode/test-electron).
import { workloadYaml } from '../support/workload-yaml';

// A Deployment whose selector does not select its own pods: the head manager looks for rooms
// labelled app=dorm-web, but every room the template builds is labelled app=dorm-api.
export const SELECTOR_MISMATCH = `${workloadYaml({ name: 'dorm-web', replicas: 2, podApp: 'dorm-api', container: 'web', image: 'nginx:1.27' })}
`;
/** 1-based line of the template's `labels:` key, where Kubernetes (and kube-dorm) report the mismatch. */
export const SELECTOR_MISMATCH_LABELS_LINE = SELECTOR_MISMATCH.split('\n').findIndex((l) => l.trim() === 'labels:') + 1;

// A manifest that is not even YAML: the flow sequence is never closed.
export const YAML_SYNTAX_ERROR = `apiVersion: v1
kind: ConfigMap
metadata:
  name: notice-board
data:
  rules: [quiet after 23:00, no cooking
`;

export const WORKSPACE_FILES: Record<string, string> = {
  'deploy.yaml': SELECTOR_MISMATCH,
  'broken.yaml': YAML_SYNTAX_ERROR,
};

/** Deployment `web`: 2 replicas of `image`, with requests and limits (the server-restart suite edits its image on line 15). */
export const webDeployment = (image: string) => `${workloadYaml({ name: 'web', replicas: 2, image: image, flow: true })}
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 100m, memory: 128Mi}
`;
