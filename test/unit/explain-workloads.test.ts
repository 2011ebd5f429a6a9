// "Why is it broken?" for managers, Services with too few rooms, CronJobs and refused objects, and
// the quick fix at the end of a chain (fix.code: the editor's code action for that line).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, applyFiles } from '../../core/cluster/index';
import { explainObject } from '../../core/cluster/explain';
import { cronJob, ctr, deploy, endsAt, lineOf, simulate, svc } from './explain-helpers';

describe('why is it broken: managers, too few rooms, timetables', () => {
  test('a rollout past its progress deadline → ProgressDeadlineExceeded → the new pods\u2019 image line', () => {
    const text = deploy('web', 'app: web', ctr('nginx:1.99.99')).replace('replicas: 2', 'replicas: 2\n  progressDeadlineSeconds: 60');
    const e = endsAt(simulate(text, undefined, 300_000), 'Deployment', text, 'image: nginx:1.99.99');
    assert.match(e.symptom.en, /^Deployment web: the rollout does not progress \(ProgressDeadlineExceeded\)$/);
    assert.match(e.steps[0].text.en, /reason ProgressDeadlineExceeded: "ReplicaSet "web-\w+" has timed out progressing\."/);
    assert.match(
      e.steps[1].text.en,
      /^The new ReplicaSet web-\w+ has 0 of its 2 pods ready\. Pod web-\w+-\w+ cannot start container web: (ErrImagePull|ImagePullBackOff)$/,
    );
    assert.match(e.steps[0].dorm.zh, /总管理员 web/);
    assert.match(e.steps[1].dorm.zh, /楼管/);
  });

  test('a rollout to a bad image, before its deadline: the Deployment card and the new ReplicaSet card explain it to the image line', () => {
    const c = createCluster({ nodes: 2, seed: 1 });
    const good = deploy('web', 'app: web', ctr('nginx:1.25'));
    applyFiles(c, [{ uri: 'file:///w/app.yaml', text: good }]);
    c.advanceTo(60_000);
    const bad = deploy('web', 'app: web', ctr('nginx:1.99.99'));
    const files = [{ uri: 'file:///w/app.yaml', text: bad }];
    applyFiles(c, files);
    c.advanceTo(120_000);
    const d = explainObject(c, files, 'Deployment', 'default', 'web');
    assert.ok(d);
    assert.match(d.symptom.en, /the rollout has not finished \(0 of 2 pods of the new ReplicaSet ready\)/);
    const last = d.steps.at(-1)!;
    assert.deepEqual([last.line, last.column], [lineOf(bad, 'image: nginx:1.99.99'), 11]);
    const rsName = /ReplicaSet (web-\w+)/.exec(d.steps[0].text.en)![1];
    const rs = explainObject(c, files, 'ReplicaSet', 'default', rsName)!;
    // maxSurge 25% of 2: the new ReplicaSet wants one pod while the old ones stay.
    assert.match(rs.symptom.en, new RegExp(`^ReplicaSet ${rsName} has 0 of 1 pods ready$`));
    assert.match(d.steps[0].text.en, new RegExp(`^The new ReplicaSet ${rsName} has 0 of its 1 pods ready\\.`));
    assert.deepEqual(rs.steps.at(-1), last);
    // The old ReplicaSet is healthy; so is a name that does not exist, or a kind with no chains.
    const old = c.list('ReplicaSet').find((r) => r.metadata.name !== rsName)!;
    assert.equal(explainObject(c, files, 'ReplicaSet', 'default', old.metadata.name), undefined);
    assert.equal(explainObject(c, files, 'Deployment', 'default', 'nope'), undefined);
    assert.equal(explainObject(c, files, 'ConfigMap', 'default', 'web'), undefined);
    assert.equal(explainObject(c, files, '__proto__', 'default', 'web'), undefined);
  });

  test('a Service answering from too few rooms (one of its two Deployments cannot pull) → the broken pods\u2019 image line', () => {
    const colour = (name: string, image: string) => deploy(name, 'app: web', ctr(image)).replace(/^( +)app: web$/gm, `$1app: web\n$1colour: ${name}`);
    const text = colour('blue', 'nginx:1.25') + '---\n' + colour('green', 'nginx:1.99.99') + svc('app: web', '    - port: 80\n');
    const all = simulate(text);
    const e = endsAt(all, 'Service', text, 'image: nginx:1.99.99');
    assert.equal(e.symptom.en, 'Service web answers from 2 of its 4 pods');
    assert.match(e.steps[0].text.en, /^Endpoints web list 2 ready address\(es\) of 4; the others are not Ready\. Pod green-\w+-\w+ cannot start container web/);
    assert.match(e.steps[0].dorm.zh, /外卖调度中心 web 的地址簿里只有 4 间宿舍中的 2 间/);
  });

  test('a Service whose pods are never Ready (readiness probe on the wrong port) → the probe port line', () => {
    const text =
      deploy('web', 'app: web', ctr('nginx:1.25') + '          readinessProbe:\n            tcpSocket:\n              port: 8080\n') +
      svc('app: web', '    - port: 80\n');
    const e = endsAt(simulate(text), 'Service', text, 'port: 8080');
    assert.equal(e.symptom.en, 'Service web answers from 0 of its 2 pods');
  });

  test('a CronJob whose schedule the API server refuses → the schedule value (refused: never in the cluster)', () => {
    const text = cronJob('*/5 * * *');
    const e = endsAt(simulate(text), 'CronJob', text, '"*/5 * * *"');
    assert.equal(e.symptom.en, 'CronJob clean was refused: it is not in the cluster');
    assert.match(e.steps[1].text.en, /^spec\.schedule: Invalid value: "\*\/5 \* \* \*": expected exactly 5 fields, found 4/);
    assert.match(e.steps[0].dorm.zh, /清洁阿姨 clean 根本没被聘用/);
    assert.equal(e.fix, undefined);
  });

  test('a CronJob whose schedule names a day that never comes (30 February) → the schedule line; it never runs', () => {
    const text = cronJob('0 0 30 2 *');
    const e = endsAt(simulate(text, undefined, 3_600_000), 'CronJob', text, 'schedule:');
    assert.equal(e.symptom.en, 'CronJob clean never runs');
    assert.match(e.steps[0].dorm.en, /cleaning auntie/);
    // A schedule that does come has nothing to explain.
    assert.deepEqual(simulate(cronJob('*/5 * * * *'), undefined, 60_000), []);
  });
});

describe('why is it broken: the quick fix at the end of the chain', () => {
  test('a TZ= schedule: the refusal carries the editor\u2019s quick fix (cronjob-schedule-invalid, its range and title)', () => {
    const text = cronJob('TZ=Asia/Shanghai 0 3 * * *');
    const e = endsAt(simulate(text), 'CronJob', text, '"TZ=');
    assert.deepEqual(e.fix, {
      code: 'cronjob-schedule-invalid',
      range: { line: 6, column: 13, endLine: 6, endColumn: 41 },
      title: { en: 'Move "Asia/Shanghai" into spec.timeZone', zh: '将 "Asia/Shanghai" 移到 spec.timeZone' },
    });
  });

  test('a targetPort on a declared container port that is not it: service-target-port; without a finding, the chain\u2019s own advice and no code', () => {
    const declared = ctr('nginx:1.25') + '          ports:\n            - containerPort: 80\n';
    const text = deploy('web', 'app: web', declared) + svc('app: web', '    - port: 80\n      targetPort: 8080\n');
    const e = endsAt(simulate(text), 'Service', text, 'targetPort: 8080');
    assert.equal(e.fix?.code, 'service-target-port');
    assert.equal(e.fix?.title.en, 'Change to 80');
    const bare = deploy('web', 'app: web', ctr('nginx:1.25')) + svc('app: web', '    - port: 80\n      targetPort: 8080\n');
    const plain = endsAt(simulate(bare), 'Service', bare, 'targetPort: 8080');
    assert.deepEqual(plain.fix, { title: { en: 'Set targetPort to 80', zh: '把 targetPort 改为 80' } });
  });
});
