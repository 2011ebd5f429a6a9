// "Why is it broken?" (issue 18) for claims and Jobs: a claim Pending on a StorageClass that does
// not exist (and the pod waiting for it) ends at `storageClassName`; a failed Job ends at the line to
// change for its reason. Places are asserted exactly (1-based line and column).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainOf, simulate } from './explain-helpers';
import { workloadYaml } from '../support/workload-yaml';

const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: fast-ssd
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
    - name: db
      image: nginx:1.27
  volumes:
    - name: data
      persistentVolumeClaim:
        claimName: data
`;

test('a claim Pending on a StorageClass that does not exist → its storageClassName line; the pod waiting for it → the same line', () => {
  const all = simulate(CLAIM);
  const claim = chainOf(all, 'PersistentVolumeClaim');
  assert.equal(claim.at, '6:3');
  assert.equal(claim.e.steps[0].text.en, 'The persistentvolume-controller reported ProvisioningFailed: "storageclass.storage.k8s.io "fast-ssd" not found"');
  assert.equal(claim.e.steps[1].text.en, 'storageClassName "fast-ssd" names a StorageClass that does not exist (the cluster has: standard)');
  assert.match(claim.e.steps[0].dorm.zh, /储物柜/);
  assert.equal(claim.e.fix?.title.en, 'Use storageClassName "standard"');
  const pod = chainOf(all, 'Pod');
  assert.equal(pod.at, '6:3');
  assert.match(pod.e.steps[0].text.en, /0\/2 nodes are available: pod has unbound immediate PersistentVolumeClaims\./);
});

test("a StatefulSet's claim template naming a missing StorageClass → the template's storageClassName line", () => {
  const text = `${workloadYaml({ kind: 'StatefulSet', name: 'db', serviceName: 'db', replicas: 2, image: 'nginx:1.27', flow: true })}
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: premium
        resources:
          requests:
            storage: 1Gi
`;
  const all = simulate(text);
  assert.equal(chainOf(all, 'PersistentVolumeClaim').at, '22:9');
  assert.equal(chainOf(all, 'Pod').at, '22:9');
});

const job = (spec: string, command: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
${spec}  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: busybox:1.36
          command: ["sh", "-c", "${command}"]
`;

test("a Job past its backoffLimit → the failing container's command, through the backoffLimit line", () => {
  const all = simulate(job('  backoffLimit: 1\n', 'sleep 2; exit 3'), undefined, 300_000);
  const { e, at } = chainOf(all, 'Job');
  assert.equal(at, '13:11');
  assert.equal(e.steps[0].text.en, 'The job-controller reported BackoffLimitExceeded: "Job has reached the specified backoff limit"');
  assert.deepEqual([e.steps[1].line, e.steps[1].column], [6, 3], 'through backoffLimit');
  assert.match(e.steps[2].text.en, /^Container migrate of pod migrate-\w+ ended with exit code 3 \(Error\): this is what it runs$/);
  assert.match(e.steps[0].dorm.zh, /水电工/);
});

test('a Job past its activeDeadlineSeconds → the activeDeadlineSeconds line', () => {
  const { e, at } = chainOf(simulate(job('  activeDeadlineSeconds: 5\n', 'sleep 60')), 'Job');
  assert.equal(at, '6:3');
  assert.equal(e.steps[0].text.en, 'The job-controller reported DeadlineExceeded: "Job was active longer than specified deadline"');
});

test('a Job failed by its podFailurePolicy → the action of the rule that matched', () => {
  const policy = `  podFailurePolicy:
    rules:
      - action: Ignore
        onExitCodes: {operator: In, values: [3]}
      - action: FailJob
        onExitCodes: {operator: In, values: [42]}
`;
  const { e, at } = chainOf(simulate(job(policy, 'sleep 2; exit 42')), 'Job');
  assert.equal(at, '10:9');
  assert.equal(e.steps[1].text.en, 'Rule 1 of podFailurePolicy says FailJob for this failure');
});
