// The API server's validation of an object before it is stored, shared by every writer that
// answers as the API server does (`kube-dorm serve`'s create, update and patch, and the built-in
// kubectl's patch and set): the linter's validation as the API server's (unknown fields → warnings
// or a strict decoding error, wrong JSON types → BadRequest, the rest → 422 Invalid), the
// structural checks a controller needs (./required.ts), and the update-only rules (immutable
// fields). Failures are thrown as the Status the API server answers (./api-error.ts).
import { ApiError } from './api-error';
import { applyDefaults } from './defaults';
import { publicCopy, type KObject } from './store';
import { structuralErrors, structuralTypeMismatch } from './required';
import { t } from '../i18n/index';
import type { Msg } from '../manifest/types';
import type { ParsedFile } from '../manifest/parse';
import { objectFile } from '../manifest/object-doc';
import { isObj, scalarText } from '../k8s/guards';
import type { ResourceDef } from '../k8s/registry';
import type { PodSpec, PodTemplateSpec } from '../k8s/types';
import { APPS_WORKLOAD_KINDS } from '../k8s/kinds';
import { lintFile } from '../lint';
import { Workspace } from '../workspace/index';

/**
 * Lints the object as the API server's validation would, removes unknown fields from it and
 * returns them as warnings; throws for an unknown field under `strict`, a wrong type or an
 * invalid value.
 */
export function validate(o: KObject, def: ResourceDef, strict: boolean, kubernetesVersion?: string): string[] {
  const warnings = lint(o, def, strict, kubernetesVersion);
  pruneUnknown(o, warnings);
  return warnings;
}

/** The largest object the server stores (its serialized JSON): the request body limit, 3 MiB. */
export const MAX_OBJECT_BYTES = 3 * 1024 * 1024;

function lint(o: KObject, def: ResourceDef, strict: boolean, kubernetesVersion: string | undefined): string[] {
  const name = o.metadata?.name ?? '';
  const mismatch = structuralTypeMismatch(o);
  if (mismatch) throw cannotHandle(o, def, `json: cannot unmarshal ${mismatch.jsonType} into Go struct field ${mismatch.goField} of type ${mismatch.goType}`);
  // The object itself is linted, read as its compact JSON text with one top-level field per line
  // would be (core/manifest/object-doc.ts), without writing that text or parsing it again; the
  // limits are that text's: its length, its nesting, its keys per mapping.
  const uri = `kube-dorm-api:///${def.plural}/${name || 'new'}.json`;
  const { file, chars } = objectFile(uri, o);
  if (chars > MAX_OBJECT_BYTES) {
    throw new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_OBJECT_BYTES}`);
  }
  const ws = new Workspace();
  ws.setParsed(file);
  // A custom resource is checked against its stored CRD (core/rules/crd.ts); its ResourceDef carries it (core/apiserver/crds.ts).
  const crd = (def as { crdObject?: unknown }).crdObject;
  if (isObj(crd)) ws.setParsed(objectFile('kube-dorm-api:///customresourcedefinitions/crd.json', crd).file);
  let diags;
  try {
    diags = lintFile(ws, uri, { kubernetesVersion }).filter((d) => d.severity === 'error' || d.code === 'file-too-large' || d.code === 'internal-error');
  } catch (e) {
    // Never store what could not be checked.
    const message = `the object could not be validated: ${String((e as Error)?.message ?? e).slice(0, 200)}`;
    throw invalidObject(o, def, [{ field: '', message, text: message }]);
  }
  const unreadable = unreadableReason(file, diags);
  if (unreadable) {
    const message = `the object could not be validated: ${unreadable}`;
    throw invalidObject(o, def, [{ field: '', message, text: message }]);
  }
  const warnings: string[] = [];
  // A field newer than the targeted Kubernetes version is an unknown field to that version's API server.
  const isUnknown = (d: (typeof diags)[number]) => d.code === 'schema-unknown-field' || (d.code === 'field-not-in-version' && d.severity === 'error');
  const unknown = diags.filter(isUnknown);
  for (const d of unknown) warnings.push(`unknown field "${scalarText(d.data?.path ?? t(d.message, 'en'))}"`);
  if (strict && unknown.length) {
    throw cannotHandle(o, def, `strict decoding error: ${warnings.join(', ')}`);
  }
  // A wrong JSON type fails decoding before validation: 400 BadRequest, as the API server says it.
  // (A custom resource is decoded as unstructured JSON: its wrong types are schema errors, 422 below.)
  const typeErr = crd !== undefined ? undefined : diags.find((d) => d.code === 'schema-type');
  if (typeErr) throw cannotHandle(o, def, `json: ${t(typeErr.message, 'en').replace(/: write .* to make it a string\.$/, '')}`);
  // What a controller needs, in the API server's words; the linter's errors about the same fields are left out.
  const structural = structuralErrors(o).map((e) => ({ field: e.field, message: e.body, reason: e.reason, text: `${e.field}: ${e.body}` }));
  const related = (a: string, b: string) => a === b || a.startsWith(b + '.') || b.startsWith(a + '.') || a.startsWith(b + '[');
  const errs = diags
    .filter((d) => !isUnknown(d))
    .map((d) => {
      const msg = t(d.message, 'en');
      const field = scalarText(d.data?.path ?? /^([\w.[\]-]+):/.exec(msg)?.[1] ?? 'metadata');
      // kubectl prints `field: message`, so the message does not repeat the field.
      return { field, message: field && msg.startsWith(field + ': ') ? msg.slice(field.length + 2) : msg, reason: 'FieldValueInvalid', text: msg };
    })
    .filter((e) => !structural.some((s) => related(s.field, e.field)));
  const all = [...structural, ...errs];
  if (all.length) throw invalidObject(o, def, all);
  return warnings;
}

/**
 * Why the linter could not check the object, if it could not: it was too large, nested too deeply,
 * had a mapping with too many keys, or a rule threw.
 */
function unreadableReason(file: ParsedFile, diags: { code: string; message: Msg }[]): string | undefined {
  const d = diags.find((x) => x.code === 'yaml-syntax' || x.code === 'file-too-large' || x.code === 'internal-error');
  if (d) return t(d.message, 'en');
  if (file.resources.length !== 1) return 'the object was not read';
  return undefined;
}

/** 400: the body does not decode into the kind's Go type. */
function cannotHandle(o: KObject, def: ResourceDef, detail: string): ApiError {
  return new ApiError(400, 'BadRequest', `${o.kind} in version "${def.version}" cannot be handled as a ${o.kind}: ${detail}`);
}

/** 422 Invalid with one cause per field error, worded as the API server's aggregate: `Kind.group "name" is invalid: [a, b]`. */
function invalidObject(o: KObject, def: ResourceDef, causes: { field: string; message: string; text: string; reason?: string }[]): ApiError {
  const name = o.metadata?.name ?? '';
  const kindGroup = def.group ? `${o.kind}.${def.group}` : o.kind;
  const msgs = causes.map((c) => c.text);
  return new ApiError(422, 'Invalid', `${kindGroup} "${name}" is invalid: ${msgs.length > 1 ? '[' + msgs.join(', ') + ']' : msgs[0]}`, {
    name,
    group: def.group,
    kind: o.kind,
    causes: causes.map((c) => ({ reason: c.reason ?? 'FieldValueInvalid', message: c.message, field: c.field })),
  });
}

/** Drops the fields named by `unknown field "a.b[0].c"` warnings (the API server discards them). */
function pruneUnknown(o: KObject, warnings: string[]): void {
  for (const w of warnings) {
    const m = /^unknown field "(.*)"$/.exec(w);
    if (!m) continue;
    const segs = m[1].split(/\.|(?=\[)/).map((s) => (/^\[(\d+)\]$/.exec(s) ? Number(/\d+/.exec(s)![0]) : s));
    type Step = Record<string | number, unknown>;
    let cur: unknown = o;
    for (let i = 0; i < segs.length - 1 && cur; i++) cur = (cur as Step)[segs[i]];
    if (cur && typeof cur === 'object') delete (cur as Step)[segs[segs.length - 1]];
  }
}

/** Update-only validation the linter cannot know: immutable selectors, Job templates, Pod specs. */
export function checkImmutable(cur: KObject, next: KObject, def: ResourceDef): void {
  const invalid = (field: string, message: string) => {
    throw invalidObject(cur, def, [{ field, message, text: `${field}: ${message}` }]);
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(canon(a)) === JSON.stringify(canon(b));
  if (APPS_WORKLOAD_KINDS.has(cur.kind) && next.spec?.selector !== undefined && !same(next.spec.selector, cur.spec?.selector)) {
    invalid('spec.selector', `Invalid value: ${JSON.stringify(next.spec.selector)}: field is immutable`);
  }
  if (cur.kind === 'Job' && next.spec?.template !== undefined && !same(stripTemplateDefaults(next.spec.template), stripTemplateDefaults(cur.spec?.template))) {
    invalid('spec.template', `Invalid value: ${JSON.stringify(next.spec.template?.metadata?.labels ?? {})}: field is immutable`);
  }
  if (cur.kind === 'Pod' && next.spec !== undefined) {
    const strip = (spec: PodSpec | undefined) => {
      const sp = publicCopy((spec ?? {}) as PodSpec);
      applyDefaults({ kind: 'Pod', spec: sp });
      for (const c of [...(sp.containers ?? []), ...(sp.initContainers ?? [])]) if (c) delete c.image;
      for (const k of ['nodeName', 'tolerations', 'activeDeadlineSeconds', 'terminationGracePeriodSeconds'] as const) delete sp[k];
      return sp;
    };
    if (!same(strip(next.spec), strip(cur.spec))) {
      invalid(
        'spec',
        'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      );
    }
  }
}

/** JSON with sorted keys (for comparisons). */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (isObj(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canon(v[k])]),
    );
  return v;
}

/** A Job's pod template as the user wrote it (the server adds controller-uid labels and defaults). */
function stripTemplateDefaults(t: PodTemplateSpec | undefined): unknown {
  const c = publicCopy(t ?? {});
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid', 'job-name', 'batch.kubernetes.io/job-name'])
    if (c.metadata?.labels) delete c.metadata.labels[k];
  if (c.spec) applyDefaults({ kind: 'Pod', spec: c.spec });
  return c;
}
