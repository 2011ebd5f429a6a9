// The editor on custom resources, from their CustomResourceDefinition (core/workspace/crds.ts):
// hover shows a field's description, type, limits and the CRD file it came from; completion offers
// the schema's properties and enum values; go to definition jumps from `kind` to the CRD's
// `spec.names.kind`. Built-in kinds never reach here (their catalog answers first).
import type { MessageIds } from '../manifest/types';
import { rangeOf, type Resource } from '../manifest/parse';
import type { Path } from '../manifest/types';
import { defineMessages, msgOf, t, type Locale } from '../i18n/index';
import { schemaAt, schemaTypeText, type JsonSchema } from '../schema/crd';
import { crdFor, crdIndex, type CrdEntry } from '../workspace/crds';
import type { Workspace } from '../workspace/index';
import { shortFile } from '../rules/crd';
import { clusterContextOf, isClusterUri } from '../workspace/cluster';

const messages = defineMessages({
  'crd.hover.kind': {
    en: 'Custom resource defined by CustomResourceDefinition `{crd}` ({scope}) in {file}',
    zh: '自定义资源，由 {file} 中的 CustomResourceDefinition `{crd}`（{scope}）定义',
  },
  'crd.hover.fromCluster': {
    en: 'From CustomResourceDefinition `{crd}` (version {version}), installed in the cluster of context `{context}`',
    zh: '来自上下文 `{context}` 的集群中安装的 CustomResourceDefinition `{crd}`（版本 {version}）',
  },
  'crd.hover.kindCluster': {
    en: 'Custom resource defined by CustomResourceDefinition `{crd}` ({scope}), installed in the cluster of context `{context}`',
    zh: '自定义资源，由上下文 `{context}` 的集群中安装的 CustomResourceDefinition `{crd}`（{scope}）定义',
  },
  'crd.hover.field': { en: '**{name}** · Type: `{type}`{required}', zh: '**{name}** · 类型：`{type}`{required}' },
  'crd.hover.required': { en: ' · required', zh: ' · 必填' },
  'crd.hover.limits': { en: 'Limits: {limits}', zh: '限制：{limits}' },
  'crd.hover.from': {
    en: 'From CustomResourceDefinition `{crd}` (version {version}), {file}',
    zh: '来自 CustomResourceDefinition `{crd}`（版本 {version}），{file}',
  },
  'crd.complete.detail': { en: '{type} · from CRD {crd}', zh: '{type} · 来自 CRD {crd}' },
  'crd.complete.kind': { en: 'custom resource · CRD {crd}', zh: '自定义资源 · CRD {crd}' },
});
const msg = msgOf(messages);

const MAX_DOC = 1200;
const code = (s: string) => s.replace(/[`\r\n]/g, ' ').slice(0, 200);
const trim = (d: string) => (d.trim().length > MAX_DOC ? `${d.trim().slice(0, MAX_DOC)}…` : d.trim());

/** The limits a schema states, in its own keywords: `minimum: 1, maximum: 10, enum: small | large`. */
export function schemaLimits(s: JsonSchema): string[] {
  const out: string[] = [];
  for (const k of [
    'minimum',
    'maximum',
    'multipleOf',
    'minLength',
    'maxLength',
    'pattern',
    'minItems',
    'maxItems',
    'minProperties',
    'maxProperties',
    'format',
  ] as const) {
    const v = s[k];
    if (v !== undefined && (typeof v === 'number' || typeof v === 'string')) {
      const exclusive = (k === 'minimum' && s.exclusiveMinimum) || (k === 'maximum' && s.exclusiveMaximum) ? ' (exclusive)' : '';
      out.push(`${k}: ${typeof v === 'string' ? `\`${code(v)}\`` : v}${exclusive}`);
    }
  }
  if (Array.isArray(s.enum) && s.enum.length) out.push(`enum: ${s.enum.map((e) => `\`${code(typeof e === 'string' ? e : JSON.stringify(e))}\``).join(' | ')}`);
  if (s['x-kubernetes-preserve-unknown-fields']) out.push('x-kubernetes-preserve-unknown-fields');
  if (s['x-kubernetes-embedded-resource']) out.push('x-kubernetes-embedded-resource');
  return out;
}

/** Hover sections for a custom resource's `kind`/`apiVersion` or field; undefined when no CRD defines it. */
export function crdHover(ws: Workspace, res: Resource, path: Path, locale: Locale): string[] | undefined {
  const entry = crdFor(ws, res);
  const schema = entry?.version.schema;
  if (!entry) return undefined;
  const context = clusterContextOf(entry.source.uri);
  const file = shortFile(entry.source.uri);
  const from = t(
    context === undefined
      ? msg('crd.hover.from', { crd: entry.crd.name, version: entry.version.name, file })
      : msg('crd.hover.fromCluster', { crd: entry.crd.name, version: entry.version.name, context }),
    locale,
  );
  if (path.length === 1 && (path[0] === 'kind' || path[0] === 'apiVersion')) {
    const out = [`**${code(res.kind)}** · \`${code(res.apiVersion)}\``];
    if (schema?.description) out.push(trim(schema.description));
    const scope = entry.crd.namespaced ? 'Namespaced' : 'Cluster';
    out.push(
      t(
        context === undefined
          ? msg('crd.hover.kind', { crd: entry.crd.name, scope, file })
          : msg('crd.hover.kindCluster', { crd: entry.crd.name, scope, context }),
        locale,
      ),
    );
    return out;
  }
  if (!schema) return undefined;
  const at = schemaAt(schema, path);
  if (!at) return undefined;
  const last = [...path].reverse().find((p) => typeof p === 'string');
  const parent = path.length > 1 ? schemaAt(schema, path.slice(0, -1))?.schema : schema;
  const required = typeof last === 'string' && Array.isArray(parent?.required) && parent.required.includes(last);
  const out = [
    t(
      msg('crd.hover.field', {
        name: code(String(last ?? '')),
        type: schemaTypeText(at.schema),
        required: required ? t(msg('crd.hover.required'), locale) : '',
      }),
      locale,
    ),
  ];
  if (at.schema.description) out.push(trim(at.schema.description));
  const limits = schemaLimits(at.schema);
  if (limits.length) out.push(t(msg('crd.hover.limits', { limits: limits.join(', ') }), locale));
  out.push(from);
  return out;
}

export interface CrdCompletion {
  label: string;
  kind: 'field' | 'enum' | 'kind' | 'apiVersion';
  detail?: string;
  documentation?: string;
  insertText: string;
  snippet?: boolean;
  sortText?: string;
}

/** The properties of the schema at `parentPath` not yet written; undefined when no CRD defines the kind. */
export function crdKeyItems(
  ws: Workspace,
  ctx: { apiVersion: string; kind: string; parentPath: Path; siblings: ReadonlySet<string>; indent: number },
  locale: Locale,
): CrdCompletion[] | undefined {
  const entry = crdFor(ws, ctx);
  const schema = entry?.version.schema;
  if (!entry || !schema) return undefined;
  let at = schemaAt(schema, ctx.parentPath)?.schema;
  if (at?.type === 'array' && at.items) at = at.items;
  if (!at?.properties) return [];
  const childIndent = ' '.repeat(ctx.indent + 2);
  const out: CrdCompletion[] = [];
  for (const [name, s] of Object.entries(at.properties)) {
    if (ctx.siblings.has(name) || (ctx.parentPath.length === 0 && ['apiVersion', 'kind', 'metadata', 'status'].includes(name))) continue;
    const req = Array.isArray(at.required) && at.required.includes(name);
    const type = schemaTypeText(s);
    const insertText =
      s.type === 'array' && s.items?.type === 'object'
        ? `${name}:\n${childIndent}- $0`
        : s.type === 'array'
          ? `${name}: [$0]`
          : s.type === 'object'
            ? `${name}:\n${childIndent}$0`
            : `${name}: $0`;
    out.push({
      label: name,
      kind: 'field',
      detail: t(msg('crd.complete.detail', { type: `${type}${req ? ' *' : ''}`, crd: entry.crd.name }), locale),
      documentation: s.description ? trim(s.description) : undefined,
      insertText,
      snippet: true,
      sortText: `${req ? '0' : '1'}-${name}`,
    });
  }
  return out;
}

/** The enum values of the schema at `path`; undefined when no CRD defines the kind or the field has none. */
export function crdValueItems(ws: Workspace, ctx: { apiVersion: string; kind: string }, path: Path): CrdCompletion[] | undefined {
  const schema = crdFor(ws, ctx)?.version.schema;
  const at = schema && schemaAt(schema, path)?.schema;
  if (!at || !Array.isArray(at.enum)) return undefined;
  return at.enum.map((e) => {
    const v = typeof e === 'string' ? e : JSON.stringify(e);
    return { label: v, kind: 'enum' as const, insertText: v, ...(at.description ? { documentation: trim(at.description) } : {}) };
  });
}

/** apiVersion values the workspace's CRDs serve (for a kind, or all), and the kinds they serve. */
export function crdApiVersionItems(ws: Workspace, kind: string | undefined, locale: Locale): CrdCompletion[] {
  return crdIndex(ws)
    .entries()
    .filter((e) => !kind || e.crd.kind === kind)
    .map((e) => ({
      label: `${e.crd.group}/${e.version.name}`,
      kind: 'apiVersion',
      detail: t(msg('crd.complete.kind', { crd: e.crd.name }), locale),
      insertText: `${e.crd.group}/${e.version.name}`,
    }));
}

/** Kinds the workspace's CRDs serve at `apiVersion`. */
export function crdKindItems(ws: Workspace, apiVersion: string | undefined, locale: Locale): CrdCompletion[] {
  const seen = new Set<string>();
  const out: CrdCompletion[] = [];
  for (const e of crdIndex(ws).entries()) {
    if ((apiVersion && `${e.crd.group}/${e.version.name}` !== apiVersion) || seen.has(e.crd.kind)) continue;
    seen.add(e.crd.kind);
    out.push({
      label: e.crd.kind,
      kind: 'kind',
      detail: t(msg('crd.complete.kind', { crd: e.crd.name }), locale),
      insertText: e.crd.kind,
      sortText: `0-${e.crd.kind}`,
    });
  }
  return out;
}

/** Go to definition from a custom resource's `kind` or `apiVersion` to its CRD's `spec.names.kind` (or its version's schema). */
export function crdDefinition(ws: Workspace, res: Resource, path: Path): { uri: string; range: ReturnType<typeof rangeOf> }[] {
  if (path.length !== 1 || (path[0] !== 'kind' && path[0] !== 'apiVersion')) return [];
  const entry: CrdEntry | undefined = crdFor(ws, res);
  // A CRD known only from the connected cluster has no file to open.
  if (!entry || isClusterUri(entry.source.uri)) return [];
  const src = entry.source;
  const at = path[0] === 'kind' ? ['spec', 'names', 'kind'] : entry.version.schemaPath.slice(0, 3);
  return [{ uri: src.uri, range: rangeOf(src, at, 'value') }];
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
