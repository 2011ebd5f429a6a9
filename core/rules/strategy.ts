// A Deployment's rollout strategy, as the API server validates it (pkg/apis/apps/validation
// ValidateDeploymentStrategy, ValidateRollingUpdateDeployment, IsNotMoreThan100Percent): a
// rollingUpdate under `type: Recreate`, maxSurge and maxUnavailable both 0, maxUnavailable over
// 100%, a negative number. The messages repeat its wording so they match `kubectl apply`.
import type { MessageIds, Path } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';
import type { Resource } from '../manifest/parse';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { fieldPath, isObj, objOf } from './util';

const messages = defineMessages({
  'deployment-strategy-invalid.recreate': {
    en: "{field}: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    zh: "{field}：禁止（Forbidden）：strategy 的 `type` 为 'Recreate' 时不能写 rollingUpdate（may not be specified when strategy `type` is 'Recreate'）",
  },
  'deployment-strategy-invalid.zero': {
    en: '{field}: Invalid value: {value}: may not be 0 when `maxSurge` is 0 (the rollout could neither add a new pod nor remove an old one)',
    zh: '{field} 的值 {value} 无效：`maxSurge` 为 0 时它不能也为 0（may not be 0 when `maxSurge` is 0）：滚动更新既不能多开新 Pod，也不能先停旧 Pod，永远走不动',
  },
  'deployment-strategy-invalid.percent': {
    en: '{field}: Invalid value: {value}: must not be greater than 100%',
    zh: '{field} 的值 {value} 无效：不能大于 100%（must not be greater than 100%）',
  },
  'deployment-strategy-invalid.negative': {
    en: '{field}: Invalid value: {value}: must be greater than or equal to 0',
    zh: '{field} 的值 {value} 无效：必须大于或等于 0（must be greater than or equal to 0）',
  },
  'analogy.deployment-strategy-invalid': {
    en: 'The head manager is told to renovate without ever opening a spare room and without ever closing an old one: the renovation can never start.',
    zh: '总管理员被要求翻修，却既不准多开一间空房，也不准先关一间旧房：翻修永远开不了工。',
  },
});

const msg = msgOf(messages);

/** The value of an IntOrString as a count or a percentage; undefined when it is neither (schema-format's matter). */
function intOrPercent(v: unknown): { n: number; percent: boolean } | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return { n: v, percent: false };
  if (typeof v === 'string') {
    const m = /^(-?[0-9]+)%$/.exec(v);
    if (m) return { n: Number(m[1]), percent: true };
  }
  return undefined;
}

const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function checkStrategy(res: Resource, ctx: RuleContext): void {
  const strategy = objOf(res.obj.spec).strategy;
  if (!isObj(strategy)) return;
  const ru = strategy.rollingUpdate;
  const ruPath: Path = ['spec', 'strategy', 'rollingUpdate'];
  if (strategy.type === 'Recreate') {
    if (ru !== undefined && ru !== null)
      ctx.report('deployment-strategy-invalid', res, ruPath, msg('deployment-strategy-invalid.recreate', { field: fieldPath(ruPath) }), {
        part: 'key',
        data: { remove: ruPath },
      });
    return;
  }
  if ((strategy.type !== undefined && strategy.type !== 'RollingUpdate') || !isObj(ru)) return;
  // Defaulting (apps/v1): an absent maxSurge or maxUnavailable is 25%.
  const surge = ru.maxSurge === undefined || ru.maxSurge === null ? { n: 25, percent: true } : intOrPercent(ru.maxSurge);
  const unavailable = ru.maxUnavailable === undefined || ru.maxUnavailable === null ? { n: 25, percent: true } : intOrPercent(ru.maxUnavailable);
  for (const [key, v] of [
    ['maxSurge', surge],
    ['maxUnavailable', unavailable],
  ] as const) {
    if (v && v.n < 0) {
      const path = [...ruPath, key];
      ctx.report('deployment-strategy-invalid', res, path, msg('deployment-strategy-invalid.negative', { field: fieldPath(path), value: shown(ru[key]) }));
    }
  }
  if (surge && unavailable && surge.n === 0 && unavailable.n === 0) {
    const path = [...ruPath, 'maxUnavailable'];
    ctx.report('deployment-strategy-invalid', res, path, msg('deployment-strategy-invalid.zero', { field: fieldPath(path), value: shown(ru.maxUnavailable) }), {
      data: { set: path, to: 1 },
    });
  }
  if (unavailable?.percent && unavailable.n > 100) {
    const path = [...ruPath, 'maxUnavailable'];
    ctx.report(
      'deployment-strategy-invalid',
      res,
      path,
      msg('deployment-strategy-invalid.percent', { field: fieldPath(path), value: shown(ru.maxUnavailable) }),
      {
        data: { set: path, to: '100%' },
      },
    );
  }
}

const rules = [
  {
    code: 'deployment-strategy-invalid',
    severity: 'error',
    title: { en: 'Deployment strategy the API server rejects', zh: 'API server 会拒绝的 Deployment 更新策略' },
  },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type StrategyCode = (typeof rules)[number]['code'];

export const strategyRules: RuleModule = {
  rules,
  check(res, ctx) {
    if (res.kind === 'Deployment' && res.apiVersion === 'apps/v1' && isObj(res.obj)) checkStrategy(res, ctx);
  },
};

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
