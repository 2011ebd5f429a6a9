// Custom resources against the CustomResourceDefinitions of the workspace (core/workspace/crds.ts):
// each custom resource is validated against its CRD's `openAPIV3Schema` for its version
// (core/rules/crd-schema.ts), with the codes, ranges and quick fixes of built-in kinds plus
// `schema-constraint`, and every finding names the CRD file the schema came from (related
// information pointing at the schema node that decided it). A custom resource whose CRD is nowhere
// gets one info per kind and file; a CRD's CEL rules (`x-kubernetes-validations`) get one info per
// rule set saying they are not checked. Cross-resource: editing a CRD re-checks its resources.
import type { Resource } from '../manifest/parse';
import { rangeOf } from '../manifest/parse';
import type { Path, RelatedInfo } from '../manifest/types';
import { isCrdObject, parseCrd, type JsonSchema } from '../schema/crd';
import { crdFor, crdVersionsOf, type CrdEntry } from '../workspace/crds';
import { clusterContextOf } from '../workspace/cluster';
import { crdMsg } from './crd-messages';
import { validateAgainstSchema, type CrdReport } from './crd-schema';
import { checkObjectMeta, isCustomResource, isPlainObject, MAX_REPORTS_PER_RESOURCE } from './schema';
import type { RuleContext, RuleMeta, RuleModule } from './types';

const rules = [
  {
    code: 'schema-constraint',
    severity: 'error',
    title: {
      en: 'Value outside the CRD schema’s limits (minimum, maximum, pattern, length, items)',
      zh: '取值超出 CRD 结构定义的限制（最小/最大值、正则、长度、项数）',
    },
    schema: true,
    crossResource: true,
  },
  {
    code: 'custom-resource-unknown',
    severity: 'info',
    title: { en: 'Custom resource whose CustomResourceDefinition is not in the workspace', zh: '工作区里找不到该自定义资源的 CustomResourceDefinition' },
    schema: true,
    crossResource: true,
  },
  {
    code: 'crd-validations-not-checked',
    severity: 'info',
    title: { en: 'CEL validation rules of a CRD are not checked', zh: 'CRD 的 CEL 校验规则未检查' },
    schema: true,
  },
] as const satisfies readonly RuleMeta[];

export type CrdCode = (typeof rules)[number]['code'];

/** A short, stable name for the file a schema came from: its folder and file name. */
export function shortFile(uri: string): string {
  const parts = uri.split('/').filter(Boolean);
  const tail = parts.slice(-2).join('/');
  try {
    return decodeURIComponent(tail);
  } catch {
    return tail;
  }
}

/** Where the schema `schemaPath` (below the version's openAPIV3Schema) is written in the CRD, for related information. */
export function schemaSource(entry: CrdEntry, schemaPath: Path): RelatedInfo {
  const src = entry.source;
  const context = clusterContextOf(src.uri);
  return {
    uri: src.uri,
    range: rangeOf(src, [...entry.version.schemaPath, ...schemaPath], 'key'),
    message:
      context === undefined
        ? crdMsg('crd.source', { crd: entry.crd.name, version: entry.version.name, file: shortFile(src.uri) })
        : crdMsg('crd.source.cluster', { crd: entry.crd.name, version: entry.version.name, context }),
  };
}

function checkCustomResource(res: Resource, ctx: RuleContext): void {
  const entry = crdFor(ctx.ws, res);
  if (!entry) {
    const others = crdVersionsOf(ctx.ws, res);
    if (others.length) {
      const versions = others.map((e) => `${e.crd.group}/${e.version.name}`);
      ctx.report(
        'api-version-unknown',
        res,
        ['apiVersion'],
        crdMsg('api-version-unknown.crd', { kind: res.kind, apiVersion: res.apiVersion, crd: others[0].crd.name, versions: versions.join(', ') }),
        { data: { suggestions: versions, suggestion: versions[0] }, related: [schemaSource(others[0], [])] },
      );
    } else if (firstOfKindInFile(ctx, res)) {
      ctx.report('custom-resource-unknown', res, ['kind'], crdMsg('custom-resource-unknown', { kind: res.kind, apiVersion: res.apiVersion }));
    }
    return;
  }
  const schema = entry.version.schema;
  if (!schema) return;
  let n = 0;
  const report = (r: CrdReport) => {
    if (n++ >= MAX_REPORTS_PER_RESOURCE) return;
    // The data was built for r.code by crd-schema.ts; the union cannot be narrowed per call here.
    ctx.report(r.code, res, r.path, r.message, { part: r.part, data: r.data as never, related: [schemaSource(entry, r.schemaPath)] });
  };
  validateAgainstSchema(
    res.obj,
    schema,
    { skipStatus: entry.version.statusSubresource, checkMeta: (value, path) => checkObjectMeta(res, ctx, value, path) },
    report,
  );
}

/** The custom-resource-unknown info once per kind and file: on the first resource of that apiVersion and kind. */
function firstOfKindInFile(ctx: RuleContext, res: Resource): boolean {
  const file = ctx.ws.get(res.uri);
  if (!file) return true;
  const first = file.resources.find((r) => r.apiVersion === res.apiVersion && r.kind === res.kind);
  return !first || first === res;
}

/** `properties.spec.properties.ports.items` → `spec.ports[*]` ('<root>' for the object itself). */
function schemaPathText(at: Path): string {
  let out = '';
  for (let i = 0; i < at.length; i++) {
    if (at[i] === 'properties') out += (out ? '.' : '') + String(at[++i]);
    else out += '[*]';
  }
  return out || '<root>';
}

/** One info per `x-kubernetes-validations` list of a CRD's schemas. */
function reportCelRules(res: Resource, ctx: RuleContext): void {
  const crd = parseCrd(res.obj);
  if (!crd) return;
  for (const v of crd.versions) {
    if (!v.schema) continue;
    const stack: { s: JsonSchema; at: Path }[] = [{ s: v.schema, at: [] }];
    while (stack.length) {
      const { s, at } = stack.pop()!;
      if (!isPlainObject(s) || at.length > 128) continue;
      const rulesHere = s['x-kubernetes-validations'];
      if (Array.isArray(rulesHere) && rulesHere.length) {
        const path = schemaPathText(at);
        ctx.report(
          'crd-validations-not-checked',
          res,
          [...v.schemaPath, ...at, 'x-kubernetes-validations'],
          crdMsg('crd-validations-not-checked', { count: rulesHere.length, path, kind: crd.kind }),
          {
            part: 'key',
          },
        );
      }
      if (isPlainObject(s.properties)) for (const [k, c] of Object.entries(s.properties)) stack.push({ s: c as JsonSchema, at: [...at, 'properties', k] });
      if (isPlainObject(s.items)) stack.push({ s: s.items, at: [...at, 'items'] });
      if (isPlainObject(s.additionalProperties)) stack.push({ s: s.additionalProperties, at: [...at, 'additionalProperties'] });
    }
  }
}

export const crdRules: RuleModule = {
  rules,
  check(res, ctx) {
    if (!isPlainObject(res.obj)) return;
    if (isCrdObject(res.obj)) reportCelRules(res, ctx);
    else if (typeof res.obj.apiVersion === 'string' && typeof res.obj.kind === 'string' && res.kind && isCustomResource(res)) checkCustomResource(res, ctx);
  },
};
