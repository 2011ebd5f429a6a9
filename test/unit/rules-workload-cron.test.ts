// cronjob-schedule-invalid, and the robfig/cron-compatible schedule parser behind it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { t } from '../../core/i18n/index';
import { parseCronSchedule } from '../../core/k8s/cron';
import { find, lint, one, y } from './rules-workload-helpers';

const cronJob = (schedule: string) => y`
  apiVersion: batch/v1
  kind: CronJob
  metadata: { name: cleanup }
  spec:
    schedule: ${schedule}
    jobTemplate:
      spec:
        template:
          spec:
            restartPolicy: OnFailure
            containers: [{ name: a, image: "busybox:1.36" }]
`;

/** robfig's error text for a schedule, or 'ok'. */
const parse = (s: string) => {
  const r = parseCronSchedule(s);
  return r.ok ? 'ok' : r.problem.text;
};

describe('cron schedule parser (robfig/cron ParseStandard semantics)', () => {
  it('accepts the standard forms Kubernetes accepts', () => {
    for (const s of [
      '*/5 * * * *',
      '0 0 * * *',
      '0 9-17 * * MON-FRI',
      '0 0 1 jan,jul *',
      '15 2 ? * sun',
      '1,,2 * * * *',
      '0 0 31 2 *',
      '5/15 * * * *',
      '@hourly',
      '@daily',
      '@midnight',
      '@weekly',
      '@monthly',
      '@yearly',
      '@annually',
      '@every 1h30m',
      '@every 90s',
    ]) {
      assert.equal(parse(s), 'ok', s);
    }
    const r = parseCronSchedule('*/20 9-10 * * 1-5');
    assert.ok(r.ok && r.schedule.type === 'fields');
    if (r.ok && r.schedule.type === 'fields')
      assert.deepEqual(r.schedule.fields.slice(0, 2), [
        [0, 20, 40],
        [9, 10],
      ]);
  });

  it('rejects what robfig rejects, with its messages', () => {
    assert.equal(parse('* * * *'), 'expected exactly 5 fields, found 4: [* * * *]');
    assert.equal(parse('0 */5 * * * *'), 'expected exactly 5 fields, found 6: [0 */5 * * * *]');
    assert.equal(parse(''), 'empty spec string');
    assert.equal(parse('60 * * * *'), 'end of range (60) above maximum (59): 60');
    assert.equal(parse('0 24 * * *'), 'end of range (24) above maximum (23): 24');
    assert.equal(parse('0 0 0 * *'), 'beginning of range (0) below minimum (1): 0');
    assert.equal(parse('0 0 * 13 *'), 'end of range (13) above maximum (12): 13');
    assert.equal(parse('0 0 * * 7'), 'end of range (7) above maximum (6): 7');
    assert.equal(parse('5-2 * * * *'), 'beginning of range (5) beyond end of range (2): 5-2');
    assert.equal(parse('*/0 * * * *'), 'step of range should be a positive number: */0');
    assert.equal(parse('1-2-3 * * * *'), 'too many hyphens: 1-2-3');
    assert.equal(parse('1/2/3 * * * *'), 'too many slashes: 1/2/3');
    assert.equal(parse('0 0 L * *'), 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax');
    assert.equal(parse('0 0 * * 1#2'), 'failed to parse int from 1#2: strconv.Atoi: parsing "1#2": invalid syntax');
    assert.equal(parse('-1 * * * *'), 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax');
    assert.equal(parse('@daily '), 'unrecognized descriptor: @daily ');
    assert.equal(parse('@every 1 hour'), 'failed to parse duration @every 1 hour: time: invalid duration "1 hour"');
    assert.equal(parse('CRON_TZ=UTC 0 0 * * *'), 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  });
});

describe('cronjob-schedule-invalid', () => {
  it("reports a 4-field schedule on the value with Kubernetes' message", () => {
    const text = cronJob('"*/5 * * *"');
    one(
      lint(text, 'cronjob-schedule-invalid'),
      'cronjob-schedule-invalid',
      'error',
      find(text, '"*/5 * * *"'),
      'spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: [*/5 * * *]',
      '需要正好 5 个字段',
    );
  });

  it('reports TZ= in the schedule and offers the zone for spec.timeZone', () => {
    const text = cronJob('"TZ=Asia/Shanghai 0 8 * * *"');
    const d = one(
      lint(text, 'cronjob-schedule-invalid'),
      'cronjob-schedule-invalid',
      'error',
      find(text, '"TZ=Asia/Shanghai 0 8 * * *"'),
      'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      '请改用 spec.timeZone 字段',
    );
    assert.equal(d.data?.timeZone, 'Asia/Shanghai');
  });

  it('reports range errors in both languages', () => {
    const text = cronJob('"0 25 * * *"');
    const d = one(
      lint(text, 'cronjob-schedule-invalid'),
      'cronjob-schedule-invalid',
      'error',
      find(text, '"0 25 * * *"'),
      'end of range (25) above maximum (23): 25',
      '范围的终点（25）大于最大值（23）',
    );
    assert.equal(d.data?.problem, 'above');
    assert.ok(t(lint(cronJob('"0 0 L * *"'), 'cronjob-schedule-invalid')[0].message, 'zh-cn').includes('不支持 L、W、#、H'));
  });

  it('is silent for valid schedules, a missing schedule and a non-string one (schema rules), and other kinds', () => {
    for (const s of ['"*/15 * * * *"', '"@daily"', '"0 3 * * 1-5"']) assert.deepEqual(lint(cronJob(s), 'cronjob-schedule-invalid'), [], s);
    assert.deepEqual(lint(cronJob('5'), 'cronjob-schedule-invalid'), []);
    assert.deepEqual(lint(cronJob('null'), 'cronjob-schedule-invalid'), []);
    assert.deepEqual(lint('apiVersion: example.com/v1\nkind: Backup\nmetadata: { name: b }\nspec: { schedule: "bad" }\n', 'cronjob-schedule-invalid'), []);
  });
});
