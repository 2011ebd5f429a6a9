// `kube-dorm lesson new NAME` (and the editor's "New Lesson" command): the files of a small lesson
// that already passes `lesson check`, for an author to change step by step. Both languages are
// written, so a lesson never starts with one missing.

/** A lesson id: lowercase letters, digits and `-` (the validator's rule). */
export function isLessonName(name: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(name) && name.length <= 63;
}

/** The scaffold's files, relative to the new lesson's folder. */
export function scaffoldLesson(name: string, number: number): Record<string, string> {
  return {
    'lesson.yaml': `# A lesson: structure only (texts live in en.yaml and zh-cn.yaml). Format: docs/lessons.md.
id: ${name}
number: ${number}
files:
  - name: rooms.yaml
steps:
  - id: move-in
    file: rooms.yaml
    controls: [{ open: rooms.yaml }, { apply: rooms.yaml }]
    check: { pods: { owner: Deployment/${name}, status: Running, ready: true, count: 2 } }
    show: [{ apply: rooms.yaml }, { advance: 15000 }]
  - id: one-more-room
    controls: [{ scale: deployment/${name}, replicas: 3 }]
    check: { pods: { owner: Deployment/${name}, status: Running, ready: true, count: 3 } }
    show: [{ scale: deployment/${name}, replicas: 3 }, { advance: 15000 }]
quiz:
  - id: who-refills
    answer: 1
  - id: scale-how
    answer: 0
`,
    'en.yaml': `title: ${name}
summary: Two rooms open, then a third. Change this text, the steps and the starter file to teach your own lesson.
steps:
  move-in:
    title: Open two rooms
    analogy: The building auntie (the ReplicaSet) keeps exactly the number of rooms the head manager asks for.
    explain: The Deployment \`${name}\` asks for 2 replicas; its ReplicaSet creates 2 pods.
    task: Open \`rooms.yaml\` and press **Apply**. Wait for two Running pods.
    hints:
      - "\`kubectl get pods\` lists the rooms and their STATUS."
  one-more-room:
    title: One more room
    analogy: Ask the head manager for three rooms and the auntie opens one more.
    explain: Scaling changes \`spec.replicas\`; the ReplicaSet creates the missing pod.
    task: Press **scale deployment/${name} --replicas=3** and wait for three Running pods.
    hints:
      - "\`kubectl scale deployment/${name} --replicas=3\` does the same from the kubectl box."
quiz:
  who-refills:
    question: Who opens a new room when one is deleted?
    choices: [The head manager (Deployment) itself, The building auntie (ReplicaSet), The kubelet]
    explanation: The ReplicaSet keeps the count; the Deployment manages ReplicaSets.
  scale-how:
    question: What does scaling change?
    choices: [spec.replicas, The image, The Service selector]
    explanation: Scaling sets spec.replicas; the template stays the same, so no new ReplicaSet.
`,
    'zh-cn.yaml': `title: ${name}
summary: 先开两间宿舍，再开第三间。修改这些文字、步骤和起始文件，讲你自己的课。
steps:
  move-in:
    title: 开两间宿舍
    analogy: 楼管（ReplicaSet）按总管理员要求的数量，一间不多一间不少地保持宿舍开着。
    explain: Deployment \`${name}\` 要求 2 个副本，它的 ReplicaSet 创建 2 个 Pod。
    task: 打开 \`rooms.yaml\`，点 **Apply**。等到两个 Pod 都是 Running。
    hints:
      - "\`kubectl get pods\` 列出宿舍和它们的 STATUS。"
  one-more-room:
    title: 再开一间
    analogy: 向总管理员要三间宿舍，楼管就再开一间。
    explain: 扩缩容改的是 \`spec.replicas\`；ReplicaSet 创建缺少的 Pod。
    task: 点 **scale deployment/${name} --replicas=3**，等到三个 Pod 都是 Running。
    hints:
      - "在 kubectl 输入框里运行 \`kubectl scale deployment/${name} --replicas=3\` 效果相同。"
quiz:
  who-refills:
    question: 一间宿舍被删掉后，谁来开一间新的？
    choices: [总管理员（Deployment）自己, 楼管（ReplicaSet）, kubelet]
    explanation: ReplicaSet 负责保持数量；Deployment 管理 ReplicaSet。
  scale-how:
    question: 扩缩容改的是什么？
    choices: [spec.replicas, 镜像, Service 的选择器]
    explanation: 扩缩容只改 spec.replicas；模板不变，所以不会产生新的 ReplicaSet。
`,
    'files/rooms.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { cpu: 200m, memory: 128Mi }
`,
  };
}
