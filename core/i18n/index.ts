// Message catalogs in English and Chinese. Every text a person reads comes through here:
// modules declare their messages once with defineMessages(), and adapters render them with t().
import type { ManifestMessages, MessageId, MessageIds, Msg } from '../manifest/types';

export type Locale = 'en' | 'zh-cn';

export interface Text {
  en: string;
  zh: string;
}

const catalog = new Map<string, Text>();

/**
 * Registers messages; ids must be unique across the core (a clash is a programming error).
 * Returns them with their literal texts, for `msgOf(…)`.
 */
export function defineMessages<const M extends Record<string, Text>>(messages: M): M {
  for (const [id, text] of Object.entries<Text>(messages)) {
    const existing = catalog.get(id);
    if (existing && (existing.en !== text.en || existing.zh !== text.zh)) throw new Error(`message id defined twice: ${id}`);
    catalog.set(id, text);
  }
  return messages;
}

/** The `{name}` placeholders of a message text; `string` when the text is computed (not a literal). */
type Placeholders<S extends string> = string extends S
  ? string
  : S extends `${string}{${infer K}}${infer Rest}`
    ? (K extends '' | `${string}${' ' | '"' | "'" | '{' | ':' | ',' | '.'}${string}` ? never : K) | Placeholders<Rest>
    : never;

/** The argument names a message needs: the placeholders of both languages. */
export type MsgArgNames<T extends Text> = Placeholders<T['en']> | Placeholders<T['zh']>;

type MsgArgsParam<T extends Text> =
  string extends MsgArgNames<T>
    ? [args?: Record<string, string | number>]
    : [MsgArgNames<T>] extends [never]
      ? []
      : [args: { [K in MsgArgNames<T>]: string | number }];

/** Builds a `Msg` for one of the messages `M`: an unknown id or a missing argument is a compile error. */
export type MsgBuilder<M extends Record<string, Text>> = <K extends keyof M & string>(id: K, ...args: MsgArgsParam<M[K]>) => Msg;

/**
 * The `Msg` builder of a module's messages, typed by them (`msgOf(messages)`); the
 * messages are registered by defineMessages, this only checks ids and arguments at compile time.
 */
export function msgOf<M extends Record<string, Text>>(_messages: M): MsgBuilder<M> {
  // The ids of `M` are in MessageCatalog: every defineMessages call adds them beside itself.
  return (id: string, args?: Record<string, string | number>): Msg => (args ? { id: id as MessageId, args } : { id: id as MessageId });
}

/** Whether `id` is registered: the one way to turn an id computed from data (a rule code, say) into a `MessageId`. */
export function hasMessage(id: string): id is MessageId {
  return catalog.has(id);
}

/** Every registered id (each one is a `MessageId`: only defineMessages registers, and each call adds its ids to MessageCatalog). */
export function allMessageIds(): MessageId[] {
  return [...catalog.keys()] as MessageId[];
}

/** Picks our locale from a VS Code / POSIX language tag ('zh-cn', 'zh-CN', 'zh_CN.UTF-8', 'zh-tw' → zh-cn). */
export function resolveLocale(lang: string | undefined | null): Locale {
  return lang && /^zh\b|^zh[-_]/i.test(lang.trim()) ? 'zh-cn' : 'en';
}

export function format(template: string, args: Record<string, string | number> | undefined): string {
  if (!args) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}

/**
 * Renders a message in the reader's language. Only registered ids compile; an id that is
 * registered nowhere at run time (a `Msg` from outside, say) renders as itself so nothing is ever blank.
 */
export function t(msg: Msg | MessageId, locale: Locale): string {
  const m = typeof msg === 'string' ? { id: msg } : msg;
  const text = catalog.get(m.id);
  if (!text) return format(m.id, m.args);
  return format(locale === 'zh-cn' ? text.zh : text.en, m.args);
}

/** The YAML reader's messages (their ids and arguments are named in core/manifest/types.ts). */
const manifestMessages = defineMessages({
  'file-too-large': {
    en: 'File too large ({size} MB; the limit is {max} MB): skipped, not checked.',
    zh: '文件过大（{size} MB，上限 {max} MB）：已跳过，未检查。',
  },
  'yaml-syntax': { en: 'YAML syntax error: {detail}', zh: 'YAML 语法错误：{detail}' },
  'yaml-unparseable': { en: 'This YAML cannot be read: {detail}', zh: '无法读取此 YAML：{detail}' },
  'yaml-nul': {
    en: 'This file contains a NUL byte: it is binary or wrongly encoded, not YAML text.',
    zh: '此文件包含 NUL 字节：它是二进制文件或编码有误，不是 YAML 文本。',
  },
  'yaml-too-deep': {
    en: 'Brackets nested more than {max} levels deep: not checked. No real manifest needs this; is a bracket unclosed?',
    zh: '括号嵌套超过 {max} 层：未检查。真实的清单不需要这么深；是不是有括号没闭合？',
  },
  'yaml-too-many-keys': {
    en: 'More than {max} keys in one mapping: document not checked. No real manifest needs this many.',
    zh: '单个映射中的键超过 {max} 个：未检查此文档。真实的清单不需要这么多键。',
  },
  'yaml-alias-bomb': {
    en: 'More than {max} alias expansions in one document (a "YAML bomb"?): document not checked. Kubernetes would reject it too.',
    zh: '单个文档中的别名展开超过 {max} 次（疑似“YAML 炸弹”）：未检查此文档。Kubernetes 同样会拒绝它。',
  },
  'duplicate-key': {
    en: 'Duplicate key "{key}": the same key appears twice in one mapping; only the last value is used.',
    zh: '重复的键 "{key}"：同一个映射里出现了两次，只有最后一个值生效。',
  },
} satisfies Record<keyof ManifestMessages, Text>);

/** Every message of a table rendered in one locale, by id (the strings a webview receives once). */
export function renderAll<M extends Record<string, Text>>(messages: M, locale: Locale): Record<keyof M & string, string> {
  const out: Record<string, string> = {};
  for (const id of Object.keys(messages)) out[id] = t(id as MessageId, locale);
  return out;
}

const coreMessages = defineMessages({
  'internal-error': {
    en: 'Kube Dorm could not finish the check "{rule}" here ({detail}). Please report this.',
    zh: 'Kube Dorm 未能在此完成检查 "{rule}"（{detail}）。请反馈此问题。',
  },
});

/** A typed `Msg` of the core's own texts (the YAML reader's problems, a check that failed). */
export const coreMsg = msgOf({ ...manifestMessages, ...coreMessages });

/**
 * The full text of a diagnostic: Kubernetes' own wording first, then (when the rule has one)
 * one sentence of the dorm analogy, registered under the id `analogy.<code>`.
 */
export function renderDiagnosticMessage(d: { code: string; message: Msg }, locale: Locale, withAnalogy = true): string {
  const main = t(d.message, locale);
  const id = `analogy.${d.code}`;
  return withAnalogy && hasMessage(id) ? `${main}\n${t(id, locale)}` : main;
}

/** The analogies of the reader's own problems (a rule's analogy is beside its rule). */
export const analogyMessages = defineMessages({
  'analogy.yaml-syntax': {
    en: 'Dorm: the notice on the door is smudged, so nobody can tell which room it is for.',
    zh: '宿舍类比：门上的通知被弄花了，谁也看不清是贴给哪间宿舍的。',
  },
  'analogy.kustomize-build': {
    en: 'The change order for the dorm cannot be carried out: it points at a floor plan that is missing or contradicts itself, so no room is set up from it.',
    zh: '宿舍改造单无法执行：它引用的楼层图纸不存在或自相矛盾，所以没有一间宿舍能照它布置。',
  },
  'analogy.lesson-invalid': {
    en: 'The lesson plan for the dorm tour names a room that is not on the map, or is missing its Chinese or English page, so the tour would stop half-way.',
    zh: '宿舍参观的教案里写了地图上没有的房间，或者缺了中文或英文的那一页，参观走到一半就会卡住。',
  },
  'analogy.duplicate-key': {
    en: 'Dorm: two names on the same bed; only the last one counts, and the first roommate never learns they were moved out.',
    zh: '宿舍类比：同一张床上写了两个名字，只有后写的算数，前一个舍友被请走了自己都不知道。',
  },
});

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof manifestMessages & typeof coreMessages & typeof analogyMessages> {}
}
