// Small manifests shared by the CLI and language-server tests: a Deployment whose container reads
// a password from a Secret in another file, and that Secret.
export const DEPLOY_WITH_SECRET_REF = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db-credentials
                  key: password
`;
export const DB_SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\nstringData:\n  password: s3cret\n';
