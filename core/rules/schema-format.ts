// schema-format: string values whose format the API server checks — base64 for `format: byte`
// fields (a webhook's caBundle, a ConfigMap's binaryData), a count or a percentage for the
// IntOrString fields of rollouts and disruption budgets, RFC 3339 for date-time fields. The
// wording is the API server's (Go's base64 and time decoders, apimachinery IsValidPercent).
import type { MessageIds, Msg } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';
import { base64ErrorOffset } from '../k8s/base64';
import { formatOf } from '../schema/formats';

const messages = defineMessages({
  'schema-format.byte': {
    en: '{path}: illegal base64 data at input byte {offset}: a `format: byte` field holds base64 (for a PEM bundle: base64 of the whole file, e.g. `base64 -w0 ca.crt`).',
    zh: '{path}：illegal base64 data at input byte {offset}（第 {offset} 个字节起不是合法的 base64）：`format: byte` 字段要填 base64（PEM 证书要对整个文件做 base64，例如 `base64 -w0 ca.crt`）。',
  },
  'schema-format.percent': {
    en: "{path}: Invalid value: \"{value}\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    zh: "{path} 的值 \"{value}\" 无效：百分比字符串必须是数字后跟 '%'（例如 '1%' 或 '93%'，校验用的正则是 '[0-9]+%'）；要写个数就别加引号。",
  },
  'schema-format.date-time': {
    en: '{path}: parsing time "{value}" as "2006-01-02T15:04:05Z07:00": not an RFC 3339 date-time (e.g. 2025-01-31T08:00:00Z)',
    zh: '{path}：无法把 "{value}" 解析为 RFC 3339 时间（parsing time ... as "2006-01-02T15:04:05Z07:00"），正确格式例如 2025-01-31T08:00:00Z',
  },
  'analogy.schema-format': {
    en: 'Like writing the date on the dorm form as "next Tuesday": the box is there, but the office only reads the one format printed under it.',
    zh: '就像在宿舍登记表的日期栏写“下周二”：栏是对的，可楼管办只认表格下面印着的那一种格式。',
  },
});

const msg = msgOf(messages);

export const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * The schema-format message for `value` of `owner.field` (primitive type `prim`), if its format is wrong.
 * `path` is rendered only then (a ConfigMap of 80,000 entries checks 80,000 values, nearly all fine).
 */
export function formatProblem(owner: string | undefined, field: string | undefined, prim: string, value: unknown, path: () => string): Msg | undefined {
  if (prim === 'date-time') {
    if (typeof value === 'string' && !RFC3339.test(value)) return msg('schema-format.date-time', { path: path(), value: value.slice(0, 60) });
    return undefined;
  }
  if (!owner || !field || typeof value !== 'string') return undefined;
  const format = formatOf(owner, field);
  if (format === 'byte') {
    const offset = base64ErrorOffset(value);
    // Never echo the value: it may be a key or a certificate request.
    return offset === undefined ? undefined : msg('schema-format.byte', { path: path(), offset });
  }
  if (format === 'percent' && !/^[0-9]+%$/.test(value)) return msg('schema-format.percent', { path: path(), value: value.slice(0, 60) });
  return undefined;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
