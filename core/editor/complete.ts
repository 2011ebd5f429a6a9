// Completion: apiVersion/kind pairs, field names and enum values from the schema catalog (with
// their docs), references from the workspace index (Secret/ConfigMap names and keys, labels
// for Service selectors, headless Services, PVCs, port names, volume names), and snippets.
import type { MessageIds } from '../manifest/types';
import type { Resource } from '../manifest/parse';
import { cursorContext, endsWith, type CursorContext } from './context';
import { LineIndex } from '../manifest/lines';
import { SNIPPETS } from './snippets';
import { suppressionCodes, suppressionWordAt } from './suppress';
import { lookupKind, resolvePath, typeDisplay, typeInfo, innermost, type FieldInfo, type KindInfo } from '../schema/catalog';
import { fieldAdded, fieldInVersion, kindAtVersion, kindsAtVersion, NEWEST_KUBERNETES_VERSION } from '../schema/versions';
import { enumValues } from '../schema/enums';
import { KIND_CONCEPTS } from '../i18n/concepts';
import { defineMessages, msgOf, t, type Locale } from '../i18n/index';
import { podLabelsOf, containersOf, podSpecOf, getAt } from '../k8s/podspec';
import type { Volume } from '../k8s/types';
import { selectorMatches } from '../k8s/labels';
import type { Workspace } from '../workspace/index';
import { crdApiVersionItems, crdKeyItems, crdKindItems, crdValueItems } from './crd';
import { asArray, objOf } from '../k8s/guards';

export type CompletionKind = 'field' | 'enum' | 'value' | 'reference' | 'kind' | 'apiVersion' | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** insertText uses snippet syntax. */
  snippet?: boolean;
  sortText?: string;
  /** Offsets of the text the item replaces (the word typed so far). */
  replaceStart: number;
  replaceEnd: number;
}

const messages = defineMessages({
  'complete.required': { en: 'required', zh: '必填' },
  'complete.secretKeys': { en: 'Secret in {where}, {count} key(s)', zh: 'Secret，位于 {where}，{count} 个键' },
  'complete.configMapKeys': { en: 'ConfigMap in {where}, {count} key(s)', zh: 'ConfigMap，位于 {where}，{count} 个键' },
  'complete.keyOf': { en: 'key of {kind} {name}', zh: '{kind} {name} 的键' },
  'complete.headless': { en: 'headless Service', zh: 'headless Service' },
  'complete.notHeadless': { en: 'Service (not headless: pods get no stable DNS names)', zh: 'Service（不是 headless：Pod 不会有稳定的 DNS 名称）' },
  'complete.pvc': { en: 'PersistentVolumeClaim', zh: 'PersistentVolumeClaim' },
  'complete.labelUsedBy': { en: 'label of {who}', zh: '{who} 的标签' },
  'complete.portOf': { en: 'container port {port} of {who}', zh: '{who} 的容器端口 {port}' },
  'complete.volume': { en: 'volume of this pod', zh: '此 Pod 的卷' },
  'complete.maybeNewer': {
    en: 'added in Kubernetes {maybe} or {since}: your target {target} may not have it',
    zh: '在 Kubernetes {maybe} 或 {since} 中加入：目标版本 {target} 可能没有它',
  },
});

const msg = msgOf(messages);

export interface CompleteOptions {
  locale: Locale;
  /**
   * The Kubernetes minor the user targets (`kubeDorm.kubernetesVersion`; the newest when absent):
   * apiVersions, kinds and fields it does not have are not offered.
   */
  kubernetesVersion?: string;
}

const targetOf = (o: CompleteOptions) => o.kubernetesVersion ?? NEWEST_KUBERNETES_VERSION;

/** The kind as the target serves it: the catalog's, or an older apiVersion's generated schema. */
const kindAt = (apiVersion: string, kind: string, o: CompleteOptions): KindInfo | undefined =>
  lookupKind(apiVersion, kind) ?? kindAtVersion(apiVersion, kind, targetOf(o)) ?? undefined;

function where(r: Resource): string {
  return decodeURIComponent(r.uri.replace(/^.*\//, ''));
}

function docNamespace(text: string, start: number, end: number): string {
  const m = /^metadata:[ \t]*\r?\n(?:(?:[ \t]+.*|[ \t]*)\r?\n)*?[ \t]+namespace:[ \t]*["']?([\w.-]+)/m.exec(text.slice(start, end));
  return m?.[1] ?? 'default';
}

export function complete(ws: Workspace, uri: string, text: string, offset: number, o: CompleteOptions): CompletionItem[] {
  const file = ws.get(uri);
  const lines = file && file.text === text ? file.lines : new LineIndex(text);
  // In a suppression comment: the rule codes.
  const sup = suppressionWordAt(text, lines, offset);
  if (sup)
    return suppressionCodes(o.locale).map((c) => ({
      label: c.code,
      kind: 'value' as const,
      detail: `${c.severity} · ${c.title}`,
      documentation: c.analogy ? `🏠 ${c.analogy}` : undefined,
      insertText: c.code,
      replaceStart: sup.start,
      replaceEnd: sup.end,
    }));
  const ctx = cursorContext(text, lines, offset);
  if (!ctx) return [];
  const end = wordEnd(text, offset);
  const base = { replaceStart: ctx.wordStart, replaceEnd: end };
  const items: Partial[] = ctx.position === 'key' ? keyItems(ws, ctx, text, o) : valueItems(ws, ctx, text, uri, o);
  return items.map((i) => ({ ...base, ...i }));
}

/** Where the word under the cursor ends (what a completion replaces). */
export function wordEnd(text: string, offset: number): number {
  let e = offset;
  while (e < text.length && /[^\s:#,\]}]/.test(text[e])) e++;
  return e;
}

type Partial = Omit<CompletionItem, 'replaceStart' | 'replaceEnd'>;

function keyItems(ws: Workspace, ctx: CursorContext, text: string, o: CompleteOptions): Partial[] {
  const out: Partial[] = [];
  if (ctx.parentPath.length === 0) {
    if (!ctx.kind && !ctx.apiVersion && ctx.indent === 0) {
      for (const s of SNIPPETS) {
        out.push({
          label: s.label,
          kind: 'snippet',
          detail: s.kind,
          documentation: o.locale === 'zh-cn' ? s.description.zh : s.description.en,
          insertText: s.body,
          snippet: true,
          sortText: `0-${s.kind}`,
        });
      }
    }
    for (const k of ['apiVersion', 'kind', 'metadata', 'spec']) {
      if (!ctx.siblings.has(k))
        out.push({ label: k, kind: 'field', insertText: k === 'metadata' || k === 'spec' ? `${k}:\n  ` : `${k}: `, sortText: `1-${k}` });
    }
  }
  // Service selectors: labels that workloads' pods carry.
  if (ctx.kind === 'Service' && ctx.parentPath.length === 2 && ctx.parentPath[0] === 'spec' && ctx.parentPath[1] === 'selector') {
    const ns = docNamespace(text, ctx.docStart, ctx.docEnd);
    const seen = new Set<string>();
    for (const r of ws.resources()) {
      if ((r.namespace ?? 'default') !== ns) continue;
      const labels = podLabelsOf(r);
      if (!labels) continue;
      for (const [k, v] of Object.entries(labels)) {
        const pair = `${k}: ${v}`;
        if (seen.has(pair) || ctx.siblings.has(k)) continue;
        seen.add(pair);
        out.push({
          label: pair,
          kind: 'reference',
          detail: t(msg('complete.labelUsedBy', { who: `${r.kind}/${r.name}` }), o.locale),
          insertText: pair,
          sortText: `0-${pair}`,
        });
      }
    }
    return out;
  }
  if (!ctx.apiVersion || !ctx.kind) return out;
  const known = kindAt(ctx.apiVersion, ctx.kind, o);
  const resolved = resolvePath(ctx.apiVersion, ctx.kind, ctx.parentPath, known);
  if (!resolved) {
    const custom = known ? undefined : crdKeyItems(ws, { ...ctx, apiVersion: ctx.apiVersion, kind: ctx.kind }, o.locale);
    return custom ? [...out.filter((i) => ctx.parentPath.length || i.label !== 'spec' || !custom.some((c) => c.label === 'spec')), ...custom] : out;
  }
  let type = resolved.type;
  if (type.kind === 'array') type = type.of;
  if (type.kind !== 'ref') return out;
  const info = typeInfo(type.name);
  if (!info) return out;
  const target = targetOf(o);
  for (const f of info.fields.values()) {
    if (ctx.siblings.has(f.name) || f.name === 'status') continue;
    // A field added after the target is not offered (its API server would reject it); one that
    // perhaps is (1.35, which has no data of its own) is offered with that said.
    const has = fieldInVersion(info.name, f.name, target);
    if (has === 'no') continue;
    const item = fieldItem(f, ctx, o);
    const added = has === 'unknown' ? fieldAdded(info.name, f.name) : undefined;
    if (added) item.detail = `${item.detail} · ${t(msg('complete.maybeNewer', { maybe: added.maybeIn, since: added.in, target }), o.locale)}`;
    out.push(item);
  }
  return out;
}

function fieldItem(f: FieldInfo, ctx: CursorContext, o: CompleteOptions): Partial & { detail: string } {
  const inner = innermost(f.type);
  const childIndent = ' '.repeat(ctx.indent + 2);
  let insertText: string;
  if (f.type.kind === 'array' && inner.kind === 'ref') insertText = `${f.name}:\n${childIndent}- $0`;
  else if (f.type.kind === 'array') insertText = `${f.name}: [$0]`;
  else if (f.type.kind === 'map' || f.type.kind === 'ref') insertText = `${f.name}:\n${childIndent}$0`;
  else insertText = `${f.name}: $0`;
  const req = f.required ? ` · ${t(msg('complete.required'), o.locale)}` : '';
  return {
    label: f.name,
    kind: 'field',
    detail: `${typeDisplay(f.type)}${req}`,
    documentation: f.doc || undefined,
    insertText,
    snippet: true,
    sortText: `${f.required ? '0' : '1'}-${f.name}`,
  };
}

function valueItems(ws: Workspace, ctx: CursorContext, text: string, uri: string, o: CompleteOptions): Partial[] {
  const out: Partial[] = [];
  const key = ctx.key!;
  const path = [...ctx.parentPath, key];
  const ns = docNamespace(text, ctx.docStart, ctx.docEnd);

  if (ctx.parentPath.length === 0 && key === 'apiVersion') {
    const versions = new Map<string, string[]>();
    for (const k of kindsAtVersion(targetOf(o))) {
      if (!versions.has(k.apiVersion)) versions.set(k.apiVersion, []);
      versions.get(k.apiVersion)!.push(k.kind);
    }
    out.push(...crdApiVersionItems(ws, ctx.kind, o.locale));
    for (const [v, kinds] of versions) {
      const serves = ctx.kind ? kinds.includes(ctx.kind) : true;
      if (ctx.kind && !serves) continue;
      out.push({
        label: v,
        kind: 'apiVersion',
        detail: kinds.slice(0, 6).join(', ') + (kinds.length > 6 ? ', …' : ''),
        insertText: v,
        sortText: `${/beta|alpha/.test(v) ? 1 : 0}-${v}`,
      });
    }
    return out;
  }
  if (ctx.parentPath.length === 0 && key === 'kind') {
    const served = kindsAtVersion(targetOf(o));
    const here = served.filter((k) => k.apiVersion === ctx.apiVersion);
    const kinds = ctx.apiVersion && here.length ? here : served.filter((k) => !/alpha|beta/.test(k.version));
    const seen = new Set<string>();
    for (const c of crdKindItems(ws, ctx.apiVersion, o.locale)) {
      seen.add(c.label);
      out.push(c);
    }
    if (ctx.apiVersion && !here.length && seen.size) return out;
    for (const k of kinds) {
      if (seen.has(k.kind) || k.kind.endsWith('List')) continue;
      seen.add(k.kind);
      const concept = KIND_CONCEPTS[k.kind];
      out.push({
        label: k.kind,
        kind: 'kind',
        detail: k.apiVersion,
        documentation: concept ? `🏠 ${o.locale === 'zh-cn' ? concept.analogy.zh : concept.analogy.en}` : undefined,
        insertText: k.kind,
        sortText: `${concept ? 0 : 1}-${k.kind}`,
      });
    }
    return out;
  }

  // References from the workspace index.
  const refKind =
    endsWith(ctx.parentPath, 'secretKeyRef') ||
    endsWith(ctx.parentPath, 'secretRef') ||
    (endsWith(ctx.parentPath, 'secret') && key === 'secretName') ||
    endsWith(ctx.parentPath, 'imagePullSecrets', '*')
      ? 'Secret'
      : endsWith(ctx.parentPath, 'configMapKeyRef') || endsWith(ctx.parentPath, 'configMapRef') || endsWith(ctx.parentPath, 'configMap')
        ? 'ConfigMap'
        : undefined;
  if (refKind && (key === 'name' || key === 'secretName')) {
    for (const r of ws.byKind(refKind)) {
      if ((r.namespace ?? 'default') !== ns || !r.name) continue;
      const keys = dataKeys(r);
      out.push({
        label: r.name,
        kind: 'reference',
        detail: t(msg(refKind === 'Secret' ? 'complete.secretKeys' : 'complete.configMapKeys', { where: where(r), count: keys.length }), o.locale),
        insertText: r.name,
      });
    }
    return dedupe(out);
  }
  if (refKind && key === 'key') {
    const name = ctx.siblingValues.get('name');
    for (const r of name ? ws.find(refKind, name, ns) : []) {
      for (const k of dataKeys(r))
        out.push({ label: k, kind: 'reference', detail: t(msg('complete.keyOf', { kind: refKind, name: r.name ?? '' }), o.locale), insertText: k });
    }
    return dedupe(out);
  }
  if (endsWith(ctx.parentPath, 'persistentVolumeClaim') && key === 'claimName') {
    for (const r of ws.byKind('PersistentVolumeClaim')) {
      if ((r.namespace ?? 'default') === ns && r.name)
        out.push({ label: r.name, kind: 'reference', detail: t(msg('complete.pvc'), o.locale), insertText: r.name });
    }
    return dedupe(out);
  }
  if (ctx.kind === 'StatefulSet' && path.length === 2 && path[0] === 'spec' && key === 'serviceName') {
    for (const r of ws.byKind('Service')) {
      if ((r.namespace ?? 'default') !== ns || !r.name) continue;
      const headless = objOf(r.obj.spec).clusterIP === 'None';
      out.push({
        label: r.name,
        kind: 'reference',
        detail: t(headless ? 'complete.headless' : 'complete.notHeadless', o.locale),
        insertText: r.name,
        sortText: `${headless ? 0 : 1}-${r.name}`,
      });
    }
    return dedupe(out);
  }
  // Service selector values for a label key.
  if (ctx.kind === 'Service' && ctx.parentPath.length === 2 && ctx.parentPath[0] === 'spec' && ctx.parentPath[1] === 'selector') {
    for (const r of ws.resources()) {
      if ((r.namespace ?? 'default') !== ns) continue;
      const v = podLabelsOf(r)?.[key];
      if (typeof v === 'string')
        out.push({ label: v, kind: 'reference', detail: t(msg('complete.labelUsedBy', { who: `${r.kind}/${r.name}` }), o.locale), insertText: v });
    }
    return dedupe(out);
  }
  // Service targetPort: the port names (and numbers) of the pods the Service selects.
  if (ctx.kind === 'Service' && key === 'targetPort' && ctx.parentPath[0] === 'spec' && ctx.parentPath[1] === 'ports') {
    const svc = currentResource(ws, uri, ctx);
    const selector = svc ? getAt(svc.obj, ['spec', 'selector']) : undefined;
    for (const r of ws.resources()) {
      if ((r.namespace ?? 'default') !== ns) continue;
      const labels = podLabelsOf(r);
      if (!labels || (selector && !selectorMatches(selector, labels, true))) continue;
      for (const c of containersOf(r)) {
        for (const p of Array.isArray(c.container.ports) ? c.container.ports : []) {
          const who = `${r.kind}/${r.name}`;
          if (typeof p?.name === 'string')
            out.push({
              label: p.name,
              kind: 'reference',
              detail: t(msg('complete.portOf', { port: String(p.containerPort ?? ''), who }), o.locale),
              insertText: p.name,
              sortText: `0-${p.name}`,
            });
          if (typeof p?.containerPort === 'number')
            out.push({
              label: String(p.containerPort),
              kind: 'reference',
              detail: t(msg('complete.portOf', { port: String(p.containerPort), who }), o.locale),
              insertText: String(p.containerPort),
              sortText: `1-${p.containerPort}`,
            });
        }
      }
    }
    return dedupe(out);
  }
  // volumeMounts[].name: the pod's volumes (and StatefulSet claim templates).
  if (endsWith(ctx.parentPath, 'volumeMounts', '*') && key === 'name') {
    const r = currentResource(ws, uri, ctx);
    const spec = r ? podSpecOf(r)?.spec : undefined;
    const names = [
      ...(Array.isArray(spec?.volumes) ? spec.volumes : []).map((v?: Volume) => v?.name),
      ...(r?.kind === 'StatefulSet' ? asArray(objOf(r.obj.spec).volumeClaimTemplates).map((v) => objOf(objOf(v).metadata).name) : []),
    ];
    for (const n of names) if (typeof n === 'string') out.push({ label: n, kind: 'reference', detail: t(msg('complete.volume'), o.locale), insertText: n });
    return dedupe(out);
  }

  // Enums and booleans from the schema (a custom resource's: from its CRD).
  const custom =
    ctx.apiVersion && ctx.kind && !kindAt(ctx.apiVersion, ctx.kind, o) ? crdValueItems(ws, { apiVersion: ctx.apiVersion, kind: ctx.kind }, path) : undefined;
  if (custom) return [...out, ...custom];
  if (ctx.apiVersion && ctx.kind) {
    const parent = resolvePath(ctx.apiVersion, ctx.kind, ctx.parentPath, kindAt(ctx.apiVersion, ctx.kind, o));
    let ptype = parent?.type;
    if (ptype?.kind === 'array') ptype = ptype.of;
    if (ptype?.kind === 'ref') {
      const values = enumValues(ptype.name, key);
      const f = typeInfo(ptype.name)?.fields.get(key);
      const list = f?.type.kind === 'array';
      if (values)
        for (const v of values) out.push({ label: list ? `["${v}"]` : v, kind: 'enum', insertText: list ? `["${v}"]` : v, documentation: f?.doc || undefined });
      if (!values && f?.type.kind === 'primitive' && f.type.name === 'boolean')
        for (const v of ['true', 'false']) out.push({ label: v, kind: 'value', insertText: v });
    }
  }
  return out;
}

function dataKeys(r: Resource): string[] {
  const o = r.obj ?? {};
  const keys = new Set<string>();
  for (const f of r.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData']) {
    if (o[f] && typeof o[f] === 'object' && !Array.isArray(o[f])) for (const k of Object.keys(o[f])) keys.add(k);
  }
  return [...keys];
}

function dedupe(items: Partial[]): Partial[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.label) ? false : (seen.add(i.label), true)));
}

/** The parsed resource the cursor is in (last good parse of this file), if any. */
function currentResource(ws: Workspace, uri: string, ctx: CursorContext): Resource | undefined {
  const file = ws.get(uri);
  if (!file) return undefined;
  return file.resources.find((r) => r.doc.start <= ctx.docEnd && r.doc.end >= ctx.docStart && r.kind === ctx.kind);
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
