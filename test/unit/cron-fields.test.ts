// core/k8s/cron.ts checks a schedule's fields against robfig's bounds without loading a cron
// library (the browser language server then lints a CronJob before the cron bundle has arrived).
// The bounds are held here against cron-parser's field classes, which the hover and the simulator use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CronDayOfMonth, CronDayOfWeek, CronHour, CronMinute, CronMonth } from 'cron-parser';
import { CRON_FIELDS, parseCronSchedule } from '../../core/k8s/cron';

test("the field bounds are cron-parser's, except day-of-week, which robfig ends at 6", () => {
  const bounds = Object.fromEntries(CRON_FIELDS.map((f) => [f.name, [f.min, f.max]]));
  assert.deepEqual(bounds, {
    minute: [CronMinute.min, CronMinute.max],
    hour: [CronHour.min, CronHour.max],
    dayOfMonth: [CronDayOfMonth.min, CronDayOfMonth.max],
    month: [CronMonth.min, CronMonth.max],
    dayOfWeek: [CronDayOfWeek.min, 6],
  });
  assert.equal(CronDayOfWeek.max, 7);
});

test('each bound decides: the last value in range passes, the next one does not', () => {
  const at = (i: number, v: string) => ['*', '*', '*', '*', '*'].map((x, j) => (j === i ? v : x)).join(' ');
  CRON_FIELDS.forEach((f, i) => {
    assert.equal(parseCronSchedule(at(i, String(f.max))).ok, true, `${f.name} ${f.max}`);
    assert.equal(parseCronSchedule(at(i, String(f.max + 1))).ok, false, `${f.name} ${f.max + 1}`);
    assert.equal(parseCronSchedule(at(i, String(f.min))).ok, true, `${f.name} ${f.min}`);
    if (f.min > 0) assert.equal(parseCronSchedule(at(i, String(f.min - 1))).ok, false, `${f.name} ${f.min - 1}`);
  });
});
