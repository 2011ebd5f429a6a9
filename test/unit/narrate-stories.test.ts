// Every dorm story the narrator tells, pinned: a set of scenarios that together raise every event
// reason the simulator records, each event written as its kubectl line and its story in English
// and Chinese, compared with test/fixtures/sim/stories.txt. Regenerate the fixture (after an
// intended wording change only) with UPDATE_STORIES=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apply, cluster, deployment, kubectl } from './sim-helpers';
import { Narrator, kubectlLine } from '../../core/panel/narrate';
import { t } from '../../core/i18n/index';
import type { Cluster } from '../../core/cluster/cluster';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'sim', 'stories.txt');

/** Runs `scenario` on a fresh cluster and returns one line per event: kubectl wording, then both stories. */
function tell(name: string, scenario: (c: Cluster) => void, opts: Parameters<typeof cluster>[0] = {}): string[] {
  const c = cluster(opts);
  const n = new Narrator(c);
  const out: string[] = [`## ${name}`];
  c.onEvent((e) => {
    const m = n.story(e);
    out.push(`${(e.t / 1000).toFixed(0)}s ${kubectlLine(e)}\n  en: ${t(m, 'en')}\n  zh: ${t(m, 'zh-cn')}`);
  });
  scenario(c);
  n.dispose();
  return out;
}

const job = (name: string, command: string, spec: any = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: {
    backoffLimit: 1,
    ...spec,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36', command: ['sh', '-c', command] }] } },
  },
});

const SCENARIOS: [string, (c: Cluster) => void, Parameters<typeof cluster>[0]?][] = [
  [
    'deployment: scale, replace, roll out, undo',
    (c) => {
      apply(c, deployment('web', 3));
      c.advance(10_000);
      kubectl(c, `delete pod ${c.list('Pod').find((p) => p.metadata.name.startsWith('web-'))!.metadata.name}`);
      c.advance(40_000);
      kubectl(c, 'scale deployment/web --replicas=1');
      c.advance(40_000);
      kubectl(c, 'scale deployment/web --replicas=2');
      c.advance(10_000);
      kubectl(c, 'set image deployment/web web=nginx:1.28');
      c.advance(60_000);
      kubectl(c, 'rollout undo deployment/web');
      c.advance(60_000);
    },
  ],
  [
    'crash loop, OOM, liveness and readiness',
    (c) => {
      apply(c, deployment('crash', 1, {}, {}, { 'kube-dorm.dev/crash-after': '2s' }));
      apply(c, deployment('live', 1, {}, { livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5, failureThreshold: 2 } }));
      apply(c, deployment('ready', 1, {}, { readinessProbe: { httpGet: { path: '/healthz', port: 8080 } } }, { 'kube-dorm.dev/ready-after': 'never' }));
      apply(c, deployment('always', 1, {}, { imagePullPolicy: 'Always' }));
      c.advance(60_000);
      kubectl(c, `crash ${c.list('Pod').find((p) => p.metadata.name.startsWith('always-'))!.metadata.name}`);
      kubectl(c, `oom ${c.list('Pod').find((p) => p.metadata.name.startsWith('always-'))!.metadata.name}`);
      c.advance(60_000);
    },
  ],
  [
    'missing Secret and ConfigMap: env and volumes',
    (c) => {
      apply(c, deployment('env', 1, {}, { env: [{ name: 'PASS', valueFrom: { secretKeyRef: { name: 'nginx-secrets', key: 'pass' } } }] }));
      const vol = (name: string, volume: any) => {
        const d = deployment(name, 1, {}, { volumeMounts: [{ name: 'v', mountPath: '/v' }] });
        d.spec.template.spec.volumes = [{ name: 'v', ...volume }];
        return d;
      };
      apply(c, vol('safe', { secret: { secretName: 'web-tls' } }));
      apply(c, vol('board', { configMap: { name: 'web-config' } }));
      c.advance(20_000);
      kubectl(c, 'create secret generic nginx-secrets --from-literal=pass=x');
      kubectl(c, 'create configmap web-config --from-literal=a=b');
      c.advance(20_000);
    },
  ],
  [
    'StatefulSet with claims, DaemonSet, unschedulable pod',
    (c) => {
      apply(c, {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          replicas: 2,
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: { containers: [{ name: 'db', image: 'redis:7', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
          },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
        },
      });
      apply(c, {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'power' },
        spec: {
          selector: { matchLabels: { app: 'power' } },
          template: { metadata: { labels: { app: 'power' } }, spec: { containers: [{ name: 'power', image: 'nginx:1.27' }] } },
        },
      });
      apply(c, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'huge' },
        spec: { containers: [{ name: 'huge', image: 'nginx:1.27', resources: { requests: { cpu: '100' } } }] },
      });
      c.advance(30_000);
      kubectl(c, 'scale statefulset/db --replicas=1');
      const dsPod = c.list('Pod').find((p) => p.metadata.name.startsWith('power-'))!;
      dsPod.status.phase = 'Failed';
      c.update(dsPod);
      c.advance(30_000);
    },
  ],
  [
    'Jobs: done, backoff limit, deadline, parallelism lowered',
    (c) => {
      apply(c, job('ok', 'sleep 3'));
      apply(c, job('bad', 'sleep 1; exit 1'));
      apply(c, job('slow', 'sleep 600', { activeDeadlineSeconds: 20 }));
      apply(c, job('wide', 'sleep 600', { parallelism: 3, completions: 6 }));
      c.advance(10_000);
      const wide = c.get('Job', 'default', 'wide')!;
      wide.spec.parallelism = 1;
      c.update(wide, true);
      c.advance(120_000);
    },
  ],
  [
    'CronJobs: every minute, Forbid, missed schedule',
    (c) => {
      const cron = (name: string, command: string, extra: any = {}) => ({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name },
        spec: {
          schedule: '* * * * *',
          successfulJobsHistoryLimit: 1,
          ...extra,
          jobTemplate: {
            spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', command] }] } } },
          },
        },
      });
      apply(c, cron('clean', 'sleep 5'));
      apply(c, cron('busy', 'sleep 100', { concurrencyPolicy: 'Forbid' }));
      apply(c, cron('late', 'sleep 1', { suspend: true, startingDeadlineSeconds: 10 }));
      c.advance(4 * 60_000 + 30_000);
      const late = c.get('CronJob', 'default', 'late')!;
      late.spec.suspend = false;
      c.update(late, true);
      c.advance(30_000);
    },
  ],
  [
    'nodes: cordon, fail, evict, recover, add; a LoadBalancer',
    (c) => {
      apply(c, deployment('web', 2));
      apply(c, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] },
      });
      c.advance(10_000);
      kubectl(c, 'cordon node-3');
      kubectl(c, 'uncordon node-3');
      const node = c.list('Pod').find((p) => p.metadata.name.startsWith('web-'))!.spec.nodeName;
      kubectl(c, `fail node ${node}`);
      c.advance(7 * 60_000);
      kubectl(c, `recover node ${node}`);
      kubectl(c, 'add node');
      c.advance(30_000);
    },
    { lbPool: ['192.168.49.200'] },
  ],
  [
    'an image tag that does not exist: ErrImagePull, then ImagePullBackOff',
    (c) => {
      apply(c, deployment('typo', 1, {}, { image: 'nginx:1.2.7.9' }));
      c.advance(40_000);
    },
  ],
  [
    'a Job whose pod fails with an exit code its podFailurePolicy calls fatal',
    (c) => {
      apply(c, job('fatal', 'sleep 2; exit 42', { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } }));
      c.advance(10_000);
    },
  ],
  [
    'Indexed Jobs retrying each index on its own: too many failed indexes, and failed indexes at the end',
    (c) => {
      const perIndex = { completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimitPerIndex: 0, backoffLimit: 100 };
      apply(c, job('strict', 'sleep 2; exit 1', { ...perIndex, maxFailedIndexes: 0 }), job('lenient', 'sleep 2; exit 1', perIndex));
      c.advance(10_000);
    },
  ],
  [
    'claims that cannot be bound: a StorageClass that does not exist, and no class at all',
    (c) => {
      const claim = (name: string, storageClassName: string) => ({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name },
        spec: { storageClassName, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      });
      apply(c, claim('fastdata', 'fast'), claim('static', ''));
      c.advance(1_000);
    },
  ],
  [
    'a ServiceAccount that does not exist: the ReplicaSet and the StatefulSet are refused their pods',
    (c) => {
      const d = deployment('nosa', 1);
      d.spec.template.spec.serviceAccountName = 'nope';
      apply(c, d, {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'nosadb' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'nosadb' } },
          template: { metadata: { labels: { app: 'nosadb' } }, spec: { serviceAccountName: 'nope', containers: [{ name: 'db', image: 'redis:7' }] } },
        },
      });
      c.advance(40);
    },
  ],
];

test('narration: every event of the scenarios is told as before (kubectl line, en and zh story)', () => {
  const text = SCENARIOS.flatMap(([name, run, opts]) => tell(name, run, opts)).join('\n') + '\n';
  if (process.env.UPDATE_STORIES) writeFileSync(FIXTURE, text);
  const want = readFileSync(FIXTURE, 'utf8');
  assert.equal(text, want);
  // Every story the narrator knows is told at least once (the generic fallback never is).
  const reasons = new Set([...text.matchAll(/^\d+s (?:Normal|Warning) {3}(\w+) /gm)].map((m) => m[1]));
  assert.equal(reasons.size, 34, [...reasons].sort().join(' '));
  assert.doesNotMatch(text, /en: \S+\/\S+: \w+\.$/m, 'no event falls back to the generic story');
});
