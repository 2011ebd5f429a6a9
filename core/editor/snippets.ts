// Snippets for each kind of the course. Each expands (with its default placeholders) to a
// manifest that lints clean together with the others — a test holds them to that.
import type { Text } from '../i18n/index';

export interface Snippet {
  /** The kind it creates (the completion label). */
  kind: string;
  label: string;
  description: Text;
  /** VS Code snippet syntax (${1:default}). */
  body: string;
}

const resources = (indent: string) => `${indent}resources:
${indent}  requests:
${indent}    cpu: 50m
${indent}    memory: 64Mi
${indent}  limits:
${indent}    cpu: 100m
${indent}    memory: 128Mi`;

export const SNIPPETS: Snippet[] = [
  {
    kind: 'Deployment',
    label: 'Deployment (head manager)',
    description: {
      en: 'A Deployment: the head manager keeps N rooms and renovates them one by one.',
      zh: 'Deployment：总管理员保持 N 间房，并一间一间地翻修。',
    },
    body: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${1:web}
spec:
  replicas: \${2:3}
  selector:
    matchLabels:
      app: \${3:web}
  template:
    metadata:
      labels:
        app: \${3:web}
    spec:
      containers:
        - name: \${4:web}
          image: \${5:nginx:1.27}
          ports:
            - name: http
              containerPort: \${6:80}
${resources('          ')}
$0`,
  },
  {
    kind: 'Service',
    label: 'Service (dispatch centre)',
    description: {
      en: 'A Service: a fixed address that dispatches to the ready pods it selects.',
      zh: 'Service：固定地址，把请求派给它选中的、已就绪的 Pod。',
    },
    body: `apiVersion: v1
kind: Service
metadata:
  name: \${1:web}
spec:
  type: \${2|ClusterIP,NodePort,LoadBalancer|}
  selector:
    app: \${3:web}
  ports:
    - name: http
      port: \${4:80}
      targetPort: \${5:http}
$0`,
  },
  {
    kind: 'StatefulSet',
    label: "StatefulSet + headless Service (counsellors' rooms)",
    description: {
      en: 'A StatefulSet with its headless Service: fixed door numbers and a locker per room.',
      zh: 'StatefulSet 及其 headless Service：门牌号固定，每间房一个储物柜。',
    },
    body: `apiVersion: v1
kind: Service
metadata:
  name: \${1:db}
spec:
  clusterIP: None
  selector:
    app: \${1:db}
  ports:
    - name: db
      port: \${2:5432}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: \${1:db}
spec:
  serviceName: \${1:db}
  replicas: \${3:3}
  selector:
    matchLabels:
      app: \${1:db}
  template:
    metadata:
      labels:
        app: \${1:db}
    spec:
      containers:
        - name: \${1:db}
          image: \${4:postgres:16}
          ports:
            - name: db
              containerPort: \${2:5432}
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
${resources('          ')}
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: \${5:1Gi}
$0`,
  },
  {
    kind: 'DaemonSet',
    label: 'DaemonSet (power room in every building)',
    description: { en: 'A DaemonSet: one pod on every node.', zh: 'DaemonSet：每个节点上一个 Pod。' },
    body: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: \${1:power-room}
spec:
  selector:
    matchLabels:
      app: \${1:power-room}
  template:
    metadata:
      labels:
        app: \${1:power-room}
    spec:
      containers:
        - name: \${2:agent}
          image: \${3:busybox:1.36}
          command: ["sh", "-c", "while true; do sleep 60; done"]
${resources('          ')}
$0`,
  },
  {
    kind: 'Job',
    label: 'Job (electrician)',
    description: { en: 'A Job: runs to completion, then leaves.', zh: 'Job：运行到完成，然后离开。' },
    body: `apiVersion: batch/v1
kind: Job
metadata:
  name: \${1:electrician}
spec:
  completions: \${2:1}
  backoffLimit: \${3:3}
  template:
    spec:
      restartPolicy: \${4|Never,OnFailure|}
      containers:
        - name: \${5:work}
          image: \${6:busybox:1.36}
          command: ["sh", "-c", "\${7:echo done}"]
${resources('          ')}
$0`,
  },
  {
    kind: 'CronJob',
    label: 'CronJob (cleaning auntie)',
    description: { en: 'A CronJob: a Job on a timetable.', zh: 'CronJob：按时间表运行的 Job。' },
    body: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: \${1:cleaning-auntie}
spec:
  schedule: "\${2:0 7 * * 1-5}"
  concurrencyPolicy: \${3|Forbid,Allow,Replace|}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: \${4:clean}
              image: \${5:busybox:1.36}
              command: ["sh", "-c", "\${6:echo cleaning}"]
${resources('              ')}
$0`,
  },
  {
    kind: 'Secret',
    label: "Secret (the room's safe)",
    description: {
      en: 'A Secret with plain-text stringData (the API server stores it base64-encoded).',
      zh: '使用明文 stringData 的 Secret（API server 会以 base64 存储）。',
    },
    body: `apiVersion: v1
kind: Secret
metadata:
  name: \${1:app-secret}
type: Opaque
stringData:
  \${2:password}: \${3:change-me}
$0`,
  },
  {
    kind: 'ConfigMap',
    label: 'ConfigMap (notice board)',
    description: { en: 'A ConfigMap: settings shared as env or files.', zh: 'ConfigMap：以环境变量或文件共享的配置。' },
    body: `apiVersion: v1
kind: ConfigMap
metadata:
  name: \${1:notice-board}
data:
  \${2:QUIET_HOURS}: "\${3:23:00-07:00}"
$0`,
  },
  {
    kind: 'PersistentVolumeClaim',
    label: 'PersistentVolumeClaim (a locker)',
    description: { en: 'A PersistentVolumeClaim: storage that outlives pods.', zh: 'PersistentVolumeClaim：比 Pod 活得更久的存储。' },
    body: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: \${1:locker}
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: \${2:1Gi}
$0`,
  },
  {
    kind: 'Pod',
    label: 'Pod (one room)',
    description: { en: 'A bare Pod (prefer a Deployment: nobody refills a bare room).', zh: '单独的 Pod（建议用 Deployment：单独的房间没人负责补位）。' },
    body: `apiVersion: v1
kind: Pod
metadata:
  name: \${1:roommate}
  labels:
    app: \${2:roommate}
spec:
  containers:
    - name: \${3:main}
      image: \${4:busybox:1.36}
      command: ["sh", "-c", "\${5:sleep 3600}"]
${resources('      ')}
$0`,
  },
];

/** The text a snippet expands to with every placeholder at its default (for tests and previews). */
export function expandSnippet(body: string): string {
  let s = body;
  for (let i = 0; i < 10; i++) {
    const next = s.replace(/\$\{\d+:([^${}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1');
    if (next === s) break;
    s = next;
  }
  return s.replace(/\$\d+/g, '');
}
