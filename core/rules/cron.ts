// cronjob-schedule-invalid: a CronJob's spec.schedule as the API server validates it
// (pkg/apis/batch/validation validateScheduleFormat: robfig/cron ParseStandard + the TZ rule).
import type { MessageIds } from '../manifest/types';
import { defineMessages } from '../i18n/index';
import { parseCronSchedule } from '../k8s/cron';
import type { RuleMeta, RuleModule } from './types';
import { isObj, show } from './util';

const inv = (en: string, zh: string) => ({ en: `{field}: Invalid value: "{value}": ${en}`, zh: `{field} 的值 "{value}" 无效：${zh}` });

export const cronMessages = defineMessages({
  'cronjob-schedule-invalid.empty': inv('empty spec string', 'schedule 是空字符串'),
  'cronjob-schedule-invalid.tz': inv(
    'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    'schedule 中不能使用 TZ 或 CRON_TZ，请改用 spec.timeZone 字段',
  ),
  'cronjob-schedule-invalid.fields': inv(
    'expected exactly 5 fields, found {found}: {fields}',
    '需要正好 5 个字段（分 时 日 月 星期），实际有 {found} 个：{fields}',
  ),
  'cronjob-schedule-invalid.descriptor': inv(
    'unrecognized descriptor: {spec}',
    '无法识别的描述符：{spec}（可用 @yearly、@annually、@monthly、@weekly、@daily、@midnight、@hourly、@every <时长>）',
  ),
  'cronjob-schedule-invalid.duration': inv(
    'failed to parse duration {spec}: time: invalid duration "{duration}"',
    '无法解析时长 {spec}：“{duration}” 不是合法的时长（例如 1h30m、90s）',
  ),
  'cronjob-schedule-invalid.hyphens': inv('too many hyphens: {expr}', '连字符太多：{expr}（范围只能写成 a-b）'),
  'cronjob-schedule-invalid.slashes': inv('too many slashes: {expr}', '斜杠太多：{expr}（步长只能写一个 /）'),
  'cronjob-schedule-invalid.below': inv('beginning of range ({start}) below minimum ({min}): {expr}', '范围的起点（{start}）小于最小值（{min}）：{expr}'),
  'cronjob-schedule-invalid.above': inv('end of range ({end}) above maximum ({max}): {expr}', '范围的终点（{end}）大于最大值（{max}）：{expr}'),
  'cronjob-schedule-invalid.beyond': inv('beginning of range ({start}) beyond end of range ({end}): {expr}', '范围的起点（{start}）大于终点（{end}）：{expr}'),
  'cronjob-schedule-invalid.step': inv('step of range should be a positive number: {expr}', '步长必须是正数：{expr}'),
  'cronjob-schedule-invalid.int': inv(
    'failed to parse int from {expr}: strconv.Atoi: parsing "{expr}": {reason}',
    '无法把 {expr} 解析为整数（Kubernetes 使用的 cron 解析器不支持 L、W、#、H 等扩展写法）',
  ),
  'cronjob-schedule-invalid.negative': inv('negative number ({n}) not allowed: {expr}', '不允许负数（{n}）：{expr}'),
  'analogy.cronjob-schedule-invalid': {
    en: 'The cleaning auntie’s duty roster has exactly five columns — minute, hour, day, month, weekday — and she cannot read a roster written any other way.',
    zh: '清洁阿姨的值班表正好有五栏——分、时、日、月、星期——换一种写法她就看不懂了。',
  },
});

const rules = [
  {
    code: 'cronjob-schedule-invalid',
    severity: 'error',
    title: { en: 'CronJob schedule is not a valid 5-field cron expression', zh: 'CronJob 的 schedule 不是合法的 5 字段 cron 表达式' },
  },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type CronCode = (typeof rules)[number]['code'];

export const cronRules: RuleModule = {
  rules,
  check(res, ctx) {
    if (res.kind !== 'CronJob' || !isObj(res.obj) || !isObj(res.obj.spec)) return;
    const schedule = res.obj.spec.schedule;
    if (typeof schedule !== 'string') return; // missing: schema-required; wrong type: schema-type
    const r = parseCronSchedule(schedule);
    if (r.ok) return;
    const { kind, args, text } = r.problem;
    const shown: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(args)) shown[k] = typeof v === 'string' ? show(v) : v;
    ctx.report(
      'cronjob-schedule-invalid',
      res,
      ['spec', 'schedule'],
      {
        id: `cronjob-schedule-invalid.${kind}`,
        args: { field: 'spec.schedule', value: show(schedule), ...shown },
      },
      { data: { schedule, problem: kind, detail: text, ...(kind === 'tz' ? { timeZone: tzOf(schedule) } : {}) } },
    );
  },
};

/** The zone named by a `TZ=`/`CRON_TZ=` prefix, for the quick fix that moves it into spec.timeZone. */
function tzOf(schedule: string): string | undefined {
  const m = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(schedule.trim());
  return m ? m[1] : undefined;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof cronMessages> {}
}
