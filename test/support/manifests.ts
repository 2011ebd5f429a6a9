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
