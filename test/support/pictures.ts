// A small campus for the panel's pictures (test/webview/pictures.test.ts and the screenshots of
// scripts/screenshots.ts): a head manager's rollout, a dispatch centre with ready and not-ready
// rooms, a notice board, a safe and a locker used by a room (and a notice board that is missing, and
// a room's own emptyDir locker),
// and counsellors' rooms with their DNS names.
import { serviceYaml, workloadYaml } from './workload-yaml';
const deployment = (name: string, replicas: number, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
        tier: shop
    spec:
      containers:
        - name: ${name}
          image: nginx:1.27
${extra}`;

export const PICTURES_YAML = [
  deployment('web', 3),
  // Listens on 80, checked on 8080: never ready, so the dispatch centre lists it as not ready.
  deployment(
    'slow',
    1,
    `          readinessProbe:
            tcpSocket:
              port: 8080
`,
  ),
  `apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    tier: shop
  ports:
    - port: 80
`,
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`,
  `apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: hunter2
`,
  `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`,
  `apiVersion: v1
kind: Pod
metadata:
  name: user
spec:
  containers:
    - name: app
      image: nginx:1.27
      envFrom:
        - configMapRef:
            name: settings
      env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef:
              name: creds
              key: password
      volumeMounts:
        - name: data
          mountPath: /data
  volumes:
    - name: data
      persistentVolumeClaim:
        claimName: data
`,
  `apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  containers:
    - name: app
      image: nginx:1.27
      volumeMounts:
        - name: cfg
          mountPath: /etc/cfg
        - name: scratch
          mountPath: /tmp
  volumes:
    - name: cfg
      configMap:
        name: nowhere
    - name: scratch
      emptyDir: {}
`,
  `${serviceYaml({ name: 'tutors', app: 'db', clusterIP: 'None', port: 5432 })}
`,
  `${workloadYaml({ kind: 'StatefulSet', name: 'db', serviceName: 'tutors', replicas: 2, image: 'nginx:1.27' })}
`,
].join('---\n');
