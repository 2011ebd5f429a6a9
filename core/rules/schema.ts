// Schema validation of built-in Kubernetes resources against the generated field catalog:
// apiVersion/kind served or removed (api-version.ts), unknown fields, value types, required
// fields and enums.
// Wording follows what `kubectl apply` prints (strict field validation, the API server's
// `Required value` / `Unsupported value`, Go's JSON decoder for type errors).
// Custom resources (kinds in groups Kubernetes does not serve) get their metadata checked here and
// the rest against their CRD (core/rules/crd.ts, which reuses these messages).
import type { MessageIds, Msg, Path } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';
import type { Resource } from '../manifest/parse';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import type { FixDataOf } from './fix-data';
import { typeDisplay, typeInfo, type FieldType, type KindInfo } from '../schema/catalog';
import { enumValues, typeBaseName } from '../schema/enums';
import { closest } from '../k8s/similar';
import { checkApiVersion } from './api-version';
import { APPS_WORKLOAD_KINDS } from '../k8s/kinds';
import { isBuiltinGroup, splitApiVersion } from '../schema/catalog';
import { REMOVED_GROUPS } from '../schema/removed';
import { formatProblem } from './schema-format';
import { checkFieldVersion } from './versions';

/** Deeper than this, values are not inspected (no hand-written manifest nests this deep). */
export const MAX_DEPTH = 64;
/** At most this many schema problems per resource: a wrong kind can make everything "unknown". */
export const MAX_REPORTS_PER_RESOURCE = 50;

/** Kinds that are never stored, so need no name (the API server answers them and forgets them). */
const NAMELESS_KINDS = new Set([
  'TokenReview',
  'SubjectAccessReview',
  'SelfSubjectAccessReview',
  'LocalSubjectAccessReview',
  'SelfSubjectRulesReview',
  'SelfSubjectReview',
]);

const messages = defineMessages({
  'schema-unknown-field': {
    en: 'unknown field "{path}"',
    zh: '未知字段 "{path}"（unknown field）',
  },
  'schema-unknown-field.suggest': {
    en: 'unknown field "{path}". Did you mean "{suggestion}"?',
    zh: '未知字段 "{path}"（unknown field）。你是不是想写 "{suggestion}"？',
  },
  'schema-unknown-field.moved': {
    en: 'unknown field "{path}": "{field}" belongs further down, at "{where}" (check the indentation).',
    zh: '未知字段 "{path}"（unknown field）："{field}" 应该写在更深一层的 "{where}"（检查一下缩进）。',
  },
  'schema-type': {
    en: 'cannot unmarshal {actual} into Go struct field {goField} of type {expected}',
    zh: '类型错误：无法把 {actual} 放进类型为 {expected} 的字段 {goField}（cannot unmarshal {actual} into Go struct field {goField} of type {expected}）',
  },
  'schema-type.quote': {
    en: 'cannot unmarshal {actual} into Go struct field {goField} of type {expected}: write {value} in quotes ("{value}") to make it a string.',
    zh: '类型错误：字段 {goField} 需要 {expected}，这里是 {actual}。请给 {value} 加上引号（"{value}"）让它成为字符串。',
  },
  'schema-type.unquote': {
    en: 'cannot unmarshal string into Go struct field {goField} of type {expected}: remove the quotes around {value}.',
    zh: '类型错误：字段 {goField} 需要 {expected}，这里是字符串。请去掉 {value} 两边的引号。',
  },
  'schema-required': {
    en: '{path}: Required value: "{field}" must be set',
    zh: '{path}：必填字段 "{field}" 缺失（Required value）',
  },
  'schema-required.name': {
    en: 'metadata.name: Required value: name or generateName is required',
    zh: 'metadata.name：缺少名字（Required value）：必须填写 name 或 generateName',
  },
  'schema-required.top': {
    en: '{field}: Required value: every Kubernetes object needs "{field}"',
    zh: '{field}：必填（Required value）：每个 Kubernetes 对象都必须写 "{field}"',
  },
  'schema-enum': {
    en: '{path}: Unsupported value: "{value}": supported values: {values}',
    zh: '{path}：不支持的取值 "{value}"（Unsupported value），可选值：{values}',
  },
  'schema-enum.suggest': {
    en: '{path}: Unsupported value: "{value}": supported values: {values}. Did you mean "{suggestion}"?',
    zh: '{path}：不支持的取值 "{value}"（Unsupported value），可选值：{values}。你是不是想写 "{suggestion}"？',
  },
  'analogy.schema-unknown-field': {
    en: 'Like adding a box of your own to the dorm registration form: the auntie will not guess what it means, she hands the whole form back.',
    zh: '就像在宿舍登记表上自己加了一栏：楼管阿姨不会去猜它是什么意思，整张表都会被退回。',
  },
  'analogy.schema-type': {
    en: 'Like writing "three" in the box that asks for the number of beds: the form wants the digit 3, and a name box wants words, not a number.',
    zh: '就像在“床位数”一栏写了“三个”：这一栏只收数字 3；反过来，写名字的栏也不收数字。',
  },
  'analogy.schema-required': {
    en: 'Like handing in the dorm form with a required box left blank: the office sends it back until that box is filled.',
    zh: '就像宿舍登记表的必填栏空着就交了：楼管办会退回，填好才受理。',
  },
  'analogy.schema-enum': {
    en: 'Like ticking an option that is not printed on the dorm form: only the listed choices exist.',
    zh: '就像在宿舍申请表上勾了一个表上没有的选项：只能从印好的几个选项里选。',
  },
});

const msg = msgOf(messages);
/** The schema messages, for the custom-resource checks (core/rules/crd-schema.ts), which word the same problems the same way. */
export const schemaMsg = msg;

/** `['spec', 'containers', 0, 'image']` → `spec.containers[0].image`, as Kubernetes prints paths. */
export function formatPath(path: Path): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += s ? `.${seg}` : seg;
  }
  return s;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Go's JSON decoder's name for the kind of a value. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string' || v instanceof Date) return 'string';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

export function display(v: unknown): string {
  const s = v instanceof Date ? v.toISOString() : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

interface Frame {
  value: unknown;
  type: FieldType;
  path: Path;
  /** Catalog type that declares the field this value belongs to (for enums and messages). */
  owner?: string;
  field?: string;
  depth: number;
}

/** Kinds whose missing `spec.selector` is reported by the selector-missing rule instead. */
const SELECTOR_RULE_KINDS = APPS_WORKLOAD_KINDS;

class Checker {
  private reports = 0;
  constructor(
    private readonly res: Resource,
    private readonly ctx: RuleContext,
  ) {}

  report<C extends SchemaCode>(code: C, path: Path, message: Msg, opts: { part?: 'key' | 'value'; data?: NoInfer<FixDataOf<C>> } = {}): void {
    if (this.reports++ >= MAX_REPORTS_PER_RESOURCE) return;
    this.ctx.report(code, this.res, path, message, { part: opts.part, data: opts.data });
  }

  /** Validates the whole object against the kind's type (iteratively; `status` is skipped). */
  run(kind: KindInfo): void {
    this.runFrom({ value: this.res.obj, type: { kind: 'ref', name: kind.type }, path: [], depth: 0 });
  }

  /** Validates one value against its type. */
  runFrom(start: Frame): void {
    const stack: Frame[] = [start];
    while (stack.length) {
      const f = stack.pop()!;
      if (f.value === null || f.value === undefined) continue; // null = unset, as Kubernetes reads it
      if (f.depth > MAX_DEPTH) continue;
      const t = f.type;
      switch (t.kind) {
        case 'primitive':
          this.checkPrimitive(f, t.name);
          break;
        case 'array':
          if (!Array.isArray(f.value)) {
            this.typeError(f);
            break;
          }
          for (let i = f.value.length - 1; i >= 0; i--)
            stack.push({ value: f.value[i], type: t.of, path: [...f.path, i], owner: f.owner, field: f.field, depth: f.depth + 1 });
          break;
        case 'map': {
          if (!isPlainObject(f.value)) {
            this.typeError(f);
            break;
          }
          const keys = Object.keys(f.value);
          if (t.of.kind === 'primitive') {
            // A map of primitives (a ConfigMap's data, labels) is checked in place, in the same order: queuing
            // 80,000 frames first kept them all alive at once, a cost for the garbage collector.
            if (f.depth + 1 > MAX_DEPTH) break;
            for (const key of keys) {
              const value = f.value[key];
              if (value === null || value === undefined) continue;
              this.checkPrimitive({ value, type: t.of, path: [...f.path, key], owner: f.owner, field: f.field, depth: f.depth + 1 }, t.of.name);
            }
            break;
          }
          for (let i = keys.length - 1; i >= 0; i--)
            stack.push({ value: f.value[keys[i]], type: t.of, path: [...f.path, keys[i]], owner: f.owner, field: f.field, depth: f.depth + 1 });
          break;
        }
        case 'ref': {
          const info = typeInfo(t.name);
          if (!info || info.opaque) break;
          if (!isPlainObject(f.value)) {
            this.typeError(f);
            break;
          }
          const obj = f.value;
          const keys = Object.keys(obj);
          const pending: Frame[] = [];
          /** Fields that an unknown key is probably a typo of: their absence is already explained. */
          const misspelt = new Set<string>();
          for (const key of keys) {
            if (f.depth === 0 && (key === 'status' || key === 'apiVersion' || key === 'kind')) continue;
            const field = info.fields.get(key);
            if (!field) {
              const suggestion = closest(key, info.fields.keys(), (c) => c in obj);
              const p = [...f.path, key];
              if (suggestion) misspelt.add(suggestion);
              const moved = suggestion ? undefined : nestedHome(info.name, key);
              const where = moved && formatPath([...f.path, ...moved]);
              this.report(
                'schema-unknown-field',
                p,
                suggestion
                  ? msg('schema-unknown-field.suggest', { path: formatPath(p), suggestion })
                  : where
                    ? msg('schema-unknown-field.moved', { path: formatPath(p), field: key, where })
                    : msg('schema-unknown-field', { path: formatPath(p) }),
                {
                  part: 'key',
                  data: {
                    field: key,
                    path: formatPath(p),
                    type: typeBaseName(info.name),
                    ...(suggestion ? { suggestion } : {}),
                    ...(where ? { belongsIn: where } : {}),
                  },
                },
              );
              continue;
            }
            const p = [...f.path, key];
            if (this.ctx.kubernetesVersion) checkFieldVersion(this.res, this.ctx, info.name, key, p, formatPath(p));
            pending.push({ value: obj[key], type: field.type, path: p, owner: info.name, field: key, depth: f.depth + 1 });
          }
          for (const r of info.required) {
            if ((obj[r] !== undefined && obj[r] !== null) || misspelt.has(r)) continue;
            // apps/v1 workloads without spec.selector: `selector-missing` says it, with Kubernetes' own wording.
            if (r === 'selector' && f.path.length === 1 && f.path[0] === 'spec' && SELECTOR_RULE_KINDS.has(this.res.kind)) continue;
            const where = formatPath([...f.path, r]);
            this.report('schema-required', f.path, msg('schema-required', { path: where, field: r }), { part: 'key', data: { field: r, path: where } });
          }
          for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
          break;
        }
      }
    }
  }

  private checkPrimitive(f: Frame, name: string): void {
    const v = f.value;
    let ok: boolean;
    switch (name) {
      case 'string':
      case 'date-time':
        ok = typeof v === 'string' || v instanceof Date;
        break;
      case 'int32':
      case 'int64':
        ok = typeof v === 'number' && Number.isInteger(v);
        break;
      case 'number':
        ok = typeof v === 'number';
        break;
      case 'boolean':
        ok = typeof v === 'boolean';
        break;
      case 'IntOrString':
        ok = typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
        break;
      case 'Quantity':
        ok = typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
        break;
      default:
        ok = true;
    }
    if (!ok) {
      this.typeError(f);
      return;
    }
    const bad = formatProblem(f.owner, f.field, name, v, () => formatPath(f.path));
    if (bad) this.report('schema-format', f.path, bad);
    if (typeof v === 'string' && f.owner && f.field) {
      const allowed = enumValues(f.owner, f.field);
      if (allowed && !allowed.includes(v)) {
        const shown = allowed.filter((a) => a !== '');
        const values = shown.map((a) => `"${a}"`).join(', ');
        const suggestion = closest(v, shown);
        const path = formatPath(f.path);
        this.report(
          'schema-enum',
          f.path,
          suggestion ? msg('schema-enum.suggest', { path, value: display(v), values, suggestion }) : msg('schema-enum', { path, value: display(v), values }),
          { data: { allowed: shown, ...(suggestion ? { suggestion } : {}) } },
        );
      }
    }
  }

  private typeError(f: Frame): void {
    const v = f.value;
    const expected = typeDisplay(f.type).replace(/^boolean$/, 'bool');
    const actual = jsonKind(v);
    const owner = f.owner ? typeBaseName(f.owner) : typeBaseName(this.res.kind);
    const goField = `${owner}.${f.path.filter((s) => typeof s === 'string').join('.')}`;
    const prim = f.type.kind === 'primitive' ? f.type.name : undefined;
    const wantsString = prim === 'string' || prim === 'IntOrString' || prim === 'Quantity' || prim === 'date-time';
    const wantsNumber = prim === 'int32' || prim === 'int64' || prim === 'number';
    let message: Msg;
    let data: FixDataOf<'schema-type'> = { expected, actual };
    if (wantsString && (actual === 'number' || actual === 'bool')) {
      message = msg('schema-type.quote', { goField, expected, actual, value: display(v) });
      data = { ...data, fix: 'quote' };
    } else if (
      typeof v === 'string' &&
      ((wantsNumber && v.trim() !== '' && Number.isFinite(Number(v)) && (prim === 'number' || Number.isInteger(Number(v)))) ||
        (prim === 'boolean' && (v === 'true' || v === 'false')))
    ) {
      message = msg('schema-type.unquote', { goField, expected, value: display(v) });
      data = { ...data, fix: 'unquote' };
    } else {
      message = msg('schema-type', { goField, expected, actual });
    }
    this.report('schema-type', f.path, message, { data });
  }
}

const homeCache = new Map<string, Path | null>();
/** Names found at many places: guessing where one belongs would mislead more than help. */
const TOO_COMMON_TO_PLACE = new Set(['name', 'namespace', 'type', 'key', 'value', 'values', 'kind', 'apiVersion', 'labels', 'annotations', 'operator']);
/**
 * Where a field of this name lives a few levels below `type`, e.g. `containers` under a
 * DeploymentSpec → ['template', 'spec', 'containers', 0]: the usual mistake of writing a field at
 * the wrong indentation. Breadth-first, at most 3 objects deep; the shallowest match wins.
 */
export function nestedHome(type: string, field: string): Path | undefined {
  if (TOO_COMMON_TO_PLACE.has(field)) return undefined;
  const key = `${type}\u0000${field}`;
  let hit = homeCache.get(key);
  if (hit === undefined) {
    hit = null;
    let level: { type: string; path: Path }[] = [{ type, path: [] }];
    const seen = new Set([type]);
    for (let depth = 0; depth < 3 && level.length && !hit; depth++) {
      const next: { type: string; path: Path }[] = [];
      for (const node of level) {
        const info = typeInfo(node.type);
        if (!info) continue;
        for (const fi of info.fields.values()) {
          if (fi.name === 'status' || fi.name === 'metadata') continue;
          let ft = fi.type;
          const path: Path = [...node.path, fi.name];
          while (ft.kind === 'array' || ft.kind === 'map') {
            if (ft.kind === 'array') path.push(0);
            else break;
            ft = ft.of;
          }
          if (ft.kind !== 'ref' || seen.has(ft.name)) continue;
          const child = typeInfo(ft.name);
          if (child?.fields.has(field)) {
            hit = [...path, field];
            break;
          }
          seen.add(ft.name);
          next.push({ type: ft.name, path });
        }
        if (hit) break;
      }
      level = next;
    }
    homeCache.set(key, hit);
  }
  return hit ?? undefined;
}

/** A kind in a group Kubernetes does not serve: a CustomResourceDefinition's. */
export function isCustomResource(res: Resource): boolean {
  const { group } = splitApiVersion(res.apiVersion);
  return group !== '' && !isBuiltinGroup(group) && !REMOVED_GROUPS.has(group);
}

/** Checks `value` at `path` of `res` as an ObjectMeta (a custom resource's, or an embedded resource's metadata). */
export function checkObjectMeta(res: Resource, ctx: RuleContext, value: unknown, path: Path): void {
  if (isPlainObject(value)) new Checker(res, ctx).runFrom({ value, type: { kind: 'ref', name: 'V1ObjectMeta' }, path, depth: path.length });
}

const rules = [
  { code: 'api-version-unknown', severity: 'error', title: { en: 'Kind not served at that apiVersion', zh: '该 apiVersion 下没有这种资源类型' } },
  { code: 'api-version-removed', severity: 'error', title: { en: 'API removed from Kubernetes', zh: '该 API 已从 Kubernetes 中移除' } },
  {
    code: 'api-version-not-served',
    severity: 'error',
    title: { en: 'API not served yet by the targeted Kubernetes version', zh: '目标 Kubernetes 版本还不提供该 API' },
  },
  {
    code: 'schema-not-checked',
    severity: 'info',
    title: { en: 'Fields of an older API not checked', zh: '旧版 API 的字段未检查' },
  },
  {
    code: 'field-not-in-version',
    severity: 'error',
    title: { en: 'Field newer than the targeted Kubernetes version', zh: '字段比目标 Kubernetes 版本新' },
    schema: true,
  },
  { code: 'schema-unknown-field', severity: 'error', title: { en: 'Field not in the schema', zh: '字段不在结构定义中' }, schema: true },
  { code: 'schema-type', severity: 'error', title: { en: 'Value of the wrong type', zh: '取值类型错误' }, schema: true },
  { code: 'schema-required', severity: 'error', title: { en: 'Required field missing', zh: '缺少必填字段' }, schema: true },
  { code: 'schema-enum', severity: 'error', title: { en: 'Value not among the allowed ones', zh: '取值不在允许范围内' }, schema: true },
  {
    code: 'schema-format',
    severity: 'error',
    title: { en: 'String not in the format the API server checks', zh: '字符串不符合 API server 要求的格式' },
    schema: true,
  },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type SchemaCode = (typeof rules)[number]['code'];

export const schemaRules: RuleModule = {
  rules,
  check(res, ctx) {
    const obj = res.obj as Record<string, unknown>;
    if (!isPlainObject(obj)) return;
    let missing = false;
    for (const key of ['apiVersion', 'kind'] as const) {
      const v = obj[key];
      if (v === undefined || v === null || v === '') {
        missing = true;
        ctx.report('schema-required', res, v === undefined || v === null ? [] : [key], msg('schema-required.top', { field: key }), {
          part: 'key',
          data: { field: key, path: key },
        });
      } else if (typeof v !== 'string') {
        missing = true;
        ctx.report('schema-type', res, [key], msg('schema-type', { goField: `TypeMeta.${key}`, expected: 'string', actual: jsonKind(v) }), {
          data: { expected: 'string', actual: jsonKind(v) },
        });
      }
    }
    if (missing) return;
    const kind = checkApiVersion(res, ctx);
    if (!kind) {
      // A custom resource's schema is its CRD's, but its metadata is an ObjectMeta like every kind's.
      // Its other fields are checked against its CRD by core/rules/crd.ts.
      if (isCustomResource(res)) checkObjectMeta(res, ctx, obj.metadata, ['metadata']);
      return;
    }
    const checker = new Checker(res, ctx);
    checker.run(kind);
    // The API server needs a name (kubectl apply: "name or generateName is required").
    if (!NAMELESS_KINDS.has(kind.kind)) {
      const md = obj.metadata;
      const hasName =
        isPlainObject(md) &&
        ((typeof md.name === 'string' && md.name !== '') || typeof md.name === 'number' || (typeof md.generateName === 'string' && md.generateName !== ''));
      if (!hasName && (md === undefined || md === null || isPlainObject(md))) {
        checker.report('schema-required', isPlainObject(md) ? ['metadata'] : [], msg('schema-required.name'), {
          part: 'key',
          data: { field: 'name', path: 'metadata.name' },
        });
      }
    }
  },
};

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
