// "Say what is not simulated": every field of the kinds the simulator runs is classified in
// core/cluster/coverage-table.ts (simulated, ignored as irrelevant, or not simulated with what the
// simulator does instead); docs/simulator.md lists every not-simulated field; and an applied object
// using one makes `kube-dorm simulate`, `kubectl apply` in a script and the apply result (the panel)
// name it once per field and kind, in English and Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COVERAGE, COVERED_KINDS, noticeText, notSimulatedDocLines, notSimulatedFields, walkCoverage } from '../../core/cluster/coverage';
import { applyFiles } from '../../core/cluster/apply';
import { lookupKind, typeInfo } from '../../core/schema/catalog';
import { apply, cluster } from './sim-helpers';
import { simulate } from '../support/simulate-run';

const ROOT = path.resolve(__dirname, '../..');

test('every field reachable from the simulated kinds in the schema catalog is simulated, ignored or listed as not simulated', () => {
  const unclassified: string[] = [];
  const reached = new Set<string>();
  for (const [apiVersion, kind] of COVERED_KINDS) {
    const k = lookupKind(apiVersion, kind);
    assert.ok(k, `${apiVersion} ${kind} is in the catalog`);
    walkCoverage(k.type, (type, field, cls, p) => {
      reached.add(type);
      if (!cls) unclassified.push(`${type}.${field} (${kind} ${p})`);
    });
  }
  assert.deepEqual(unclassified, [], 'classify these fields in core/cluster/coverage-table.ts');
  // No stale rows: every classified field exists, and every row is reached from a simulated kind.
  for (const [type, row] of Object.entries(COVERAGE)) {
    assert.ok(reached.has(type), `${type} is reached from a simulated kind`);
    for (const f of Object.keys(row)) assert.ok(typeInfo(type)?.fields.has(f), `${type}.${f} exists in the catalog`);
  }
});

test('docs/simulator.md lists exactly the not-simulated fields of the table, in English and Chinese', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/simulator.md'), 'utf8');
  for (const L of ['en', 'zh-cn'] as const) {
    const m = new RegExp(`<!-- not-simulated:${L} [^\\n]*-->\\n([^]*?)\\n<!-- /not-simulated:${L} -->`).exec(doc);
    assert.ok(m, `docs/simulator.md has the ${L} list`);
    assert.deepEqual(m[1].split('\n'), notSimulatedDocLines(L), `the ${L} list matches core/cluster/coverage-table.ts`);
  }
});

const JOB = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi' },
  spec: {
    podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] },
    ttlSecondsAfterFinished: 100,
    completionMode: 'NonIndexed',
    template: {
      spec: {
        activeDeadlineSeconds: 600,
        restartPolicy: 'Never',
        dnsPolicy: 'ClusterFirst',
        containers: [{ name: 'pi', image: 'perl:5.34', command: ['perl'], terminationMessagePath: '/x' }],
      },
    },
  },
};
const WEB = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        // Simulated (spreading, anti-affinity) beside one field that is not.
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }],
          },
        },
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } },
        ],
        priorityClassName: 'high',
        containers: [{ name: 'web', image: 'nginx:1.27', securityContext: {} }],
      },
    },
  },
};

test('notSimulatedFields names the field by its path; defaults, empty values and ignored fields are not named', () => {
  assert.deepEqual(
    notSimulatedFields(JOB).map((n) => n.path),
    ['spec.template.spec.activeDeadlineSeconds'],
  );
  assert.deepEqual(
    notSimulatedFields(WEB).map((n) => n.path),
    ['spec.template.spec.priorityClassName'],
  );
  const n = notSimulatedFields(JOB)[0];
  assert.equal(noticeText(n, 'en'), 'spec.template.spec.activeDeadlineSeconds is not simulated: the pod runs without a deadline');
  assert.equal(noticeText(n, 'zh-cn'), 'spec.template.spec.activeDeadlineSeconds 未模拟：Pod 运行没有期限');
  assert.deepEqual(
    notSimulatedFields({
      kind: 'Job',
      apiVersion: 'batch/v1',
      spec: { completionMode: 'Indexed', backoffLimitPerIndex: 1, managedBy: 'example.com/queue' },
    }).map((x) => x.path),
    ['spec.managedBy'],
  );
  assert.deepEqual(notSimulatedFields({ kind: 'Ingress', spec: { rules: [] } }), [], 'a kind outside the table');
});

test('the objects the simulator itself stores, with every default filled, name no not-simulated field', () => {
  // A pod read back through `serve` and patched (kubectl label) carries the API server's defaults
  // (priority 0, preemptionPolicy PreemptLowerPriority, dnsPolicy, ...): none of them is a notice.
  const c = cluster();
  apply(c, WEB, JOB);
  c.advance(30_000);
  const stored = ['Pod', 'ReplicaSet', 'Deployment', 'Job', 'Service', 'Namespace', 'Node'].flatMap((k) => c.list(k));
  assert.ok(stored.some((o) => o.kind === 'Pod'));
  const named = stored.flatMap((o) => notSimulatedFields(o).map((x) => `${o.kind} ${x.path}`));
  const fromManifests = new Set([
    'spec.template.spec.priorityClassName',
    'spec.priorityClassName',
    'spec.template.spec.activeDeadlineSeconds',
    'spec.activeDeadlineSeconds',
  ]);
  assert.deepEqual(
    named.filter((x) => !fromManifests.has(x.split(' ')[1])),
    [],
  );
});

test('the apply result (what the panel shows) names a not-simulated field once per field and kind', () => {
  const c = cluster();
  const text = (o: unknown) => `${JSON.stringify(o)}\n`;
  const first = applyFiles(c, [
    { uri: 'job.yaml', text: text(JOB) },
    { uri: 'web.yaml', text: text(WEB) },
  ]);
  assert.deepEqual(first.errors, []);
  assert.deepEqual(
    (first.notSimulatedFields ?? []).map((x) => `${x.kind} ${x.path}`),
    ['Job spec.template.spec.activeDeadlineSeconds', 'Deployment spec.template.spec.priorityClassName'],
  );
  const again = applyFiles(c, [{ uri: 'job2.yaml', text: text({ ...JOB, metadata: { name: 'pi2' } }) }]);
  assert.deepEqual(again.notSimulatedFields ?? [], [], 'said once per field and kind');
});

test('kube-dorm simulate says which fields are not simulated, in English and Chinese', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-cover-'));
  try {
    const f = path.join(dir, 'job.yaml');
    fs.writeFileSync(f, JSON.stringify(JOB));
    const en = await simulate([f, '--until', '5s']);
    assert.equal(en.code, 0, en.stderr);
    assert.match(en.stderr, /^Job spec\.template\.spec\.activeDeadlineSeconds is not simulated: the pod runs without a deadline$/m);
    const zh = await simulate([f, '--until', '5s', '--lang', 'zh-cn']);
    assert.match(zh.stderr, /^Job 的 spec\.template\.spec\.activeDeadlineSeconds 未模拟：Pod 运行没有期限$/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
