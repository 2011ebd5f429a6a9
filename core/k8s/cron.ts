// CronJob schedules as Kubernetes reads them: github.com/robfig/cron/v3 `ParseStandard`
// (pkg/apis/batch/validation validateScheduleFormat; the CronJob controller uses the same parser).
// That is exactly five fields (minute hour day-of-month month day-of-week), `*`, `?`, lists,
// ranges, steps and month/day names, or a descriptor (@yearly, @annually, @monthly, @weekly,
// @daily, @midnight, @hourly, @every <duration>). Quartz/cronie extensions (L, W, #, H, a sixth
// seconds field, day-of-week 7) are rejected, as robfig does. Field bounds are robfig's (spec.go:
// minutes {0, 59}, hours {0, 23}, dom {1, 31}, months {1, 12}, dow {0, 6}); checking a schedule needs
// no cron library (test/unit/cron-fields.test.ts holds them against cron-parser's field classes).

/** What is wrong with a schedule: the suffix of its message id (`cronjob-schedule-invalid.<kind>`). */
export type CronProblemKind =
  'empty' | 'fields' | 'descriptor' | 'duration' | 'hyphens' | 'slashes' | 'below' | 'above' | 'beyond' | 'step' | 'int' | 'negative' | 'tz';

export interface CronProblem {
  kind: CronProblemKind;
  args: Record<string, string | number>;
  /** robfig's own error text (English), as the API server would print it. */
  text: string;
}

export interface CronField {
  name: 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek';
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** The five fields and their bounds, as robfig's spec.go declares them. */
export const CRON_FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'dayOfMonth', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // cron-parser's CronDayOfWeek also accepts 7 (Sunday twice); robfig does not.
  { name: 'dayOfWeek', min: 0, max: 6, names: DAYS },
];

export const CRON_DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

export type CronSchedule = { type: 'fields'; fields: number[][] } | { type: 'descriptor'; descriptor: string } | { type: 'every'; duration: string };

export type CronResult = { ok: true; schedule: CronSchedule } | { ok: false; problem: CronProblem };

const fail = (kind: CronProblemKind, args: Record<string, string | number>, text: string): CronResult => ({ ok: false, problem: { kind, args, text } });

/** Go's time.ParseDuration grammar ("1h30m", "1.5h", "300ms", "0"). */
const GO_DURATION = /^[-+]?(0|((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/** Go strconv.Atoi then robfig's negative check. */
function parseInt(expr: string): { ok: true; value: number } | { ok: false; result: CronResult } {
  if (!/^[+-]?\d+$/.test(expr)) {
    return {
      ok: false,
      result: fail(
        'int',
        { expr, reason: 'invalid syntax' },
        `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`,
      ),
    };
  }
  const big = BigInt(expr);
  if (big > 9223372036854775807n || big < -9223372036854775808n) {
    return {
      ok: false,
      result: fail(
        'int',
        { expr, reason: 'value out of range' },
        `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`,
      ),
    };
  }
  if (big < 0n) return { ok: false, result: fail('negative', { n: String(big), expr }, `negative number (${big}) not allowed: ${expr}`) };
  return { ok: true, value: Number(big) };
}

function parseIntOrName(expr: string, names?: Record<string, number>) {
  if (names) {
    const n = names[expr.toLowerCase()];
    if (n !== undefined) return { ok: true as const, value: n };
  }
  return parseInt(expr);
}

/** robfig getRange: one comma-separated piece of a field. */
function getRange(expr: string, f: CronField, out: Set<number>): CronResult | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let step: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = f.min;
    end = f.max;
  } else {
    const s = parseIntOrName(lowAndHigh[0], f.names);
    if (!s.ok) return s.result;
    start = s.value;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1], f.names);
      if (!e.ok) return e.result;
      end = e.value;
    } else return fail('hyphens', { expr }, `too many hyphens: ${expr}`);
  }
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    const st = parseInt(rangeAndStep[1]);
    if (!st.ok) return st.result;
    step = st.value;
    if (singleDigit) end = f.max; // "N/step" means "N-max/step"
  } else return fail('slashes', { expr }, `too many slashes: ${expr}`);
  if (start < f.min) return fail('below', { start, min: f.min, expr }, `beginning of range (${start}) below minimum (${f.min}): ${expr}`);
  if (end > f.max) return fail('above', { end, max: f.max, expr }, `end of range (${end}) above maximum (${f.max}): ${expr}`);
  if (start > end) return fail('beyond', { start, end, expr }, `beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) return fail('step', { expr }, `step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) out.add(v);
  return undefined;
}

/** Parses a CronJob schedule as Kubernetes does; `tz` problems are Kubernetes' own addition. */
export function parseCronSchedule(spec: string): CronResult {
  if (spec.length === 0) return fail('empty', {}, 'empty spec string');
  if (spec.includes('TZ')) return fail('tz', {}, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  if (spec.startsWith('@')) {
    if (CRON_DESCRIPTORS.includes(spec)) return { ok: true, schedule: { type: 'descriptor', descriptor: spec } };
    if (spec.startsWith('@every ')) {
      const d = spec.slice('@every '.length);
      if (GO_DURATION.test(d)) return { ok: true, schedule: { type: 'every', duration: d } };
      return fail('duration', { spec, duration: d }, `failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(d)}`);
    }
    return fail('descriptor', { spec }, `unrecognized descriptor: ${spec}`);
  }
  // Go's strings.Fields splits on Unicode white space.
  const fields = spec.split(/[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter(Boolean);
  if (fields.length !== 5) {
    return fail(
      'fields',
      { found: fields.length, fields: `[${fields.join(' ')}]` },
      `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`,
    );
  }
  const parsed: number[][] = [];
  for (let i = 0; i < 5; i++) {
    const f = CRON_FIELDS[i];
    const values = new Set<number>();
    // strings.FieldsFunc on ',' drops empty pieces, so "1,,2" is accepted.
    for (const piece of fields[i].split(',').filter(Boolean)) {
      const err = getRange(piece, f, values);
      if (err) return err;
    }
    parsed.push([...values].sort((a, b) => a - b));
  }
  return { ok: true, schedule: { type: 'fields', fields: parsed } };
}
