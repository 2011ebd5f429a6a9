// Part of scripts/gen-versions.mjs: schemas for the built-in apiVersion/kinds that some minor from
// 1.27 serves but the schema catalog (1.36) does not (flowcontrol v1beta3, networking v1alpha1,
// resource v1alpha2 …), so that a manifest targeting a minor that still serves one is checked.
//
// Each such kind is read from the newest client-node release that serves it (model .js
// `attributeTypeMap` for JSON names, TypeScript types and, in 1.x, formats; model .d.ts for `?`,
// i.e. optional). A type whose fields are those of a catalog type of the same name without its
// version prefix (V1beta3FlowSchemaSpec and V1FlowSchemaSpec), recursively, is that catalog type; the
// others are written out in the catalog's compact form, without descriptions. Where the old release
// says only `number` or `string`, the same field of a same-named catalog type refines it (int32,
// Quantity, IntOrString). Kinds only cdk8s' 1.31 import knows get no schema (null): cdk8s drops the
// primitive types, so their fields are said to be unchecked rather than guessed.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { baseName, primitiveOf as primitiveOfModel } from './gen-schema.mjs';

/** @typedef {[string, string, number, number][]} CatalogFields */
/** @typedef {{ kinds: [string, string, string, number, string][], types: Record<string, [number, CatalogFields]> }} Catalog */
/** @typedef {{ json: string, ts: string, format: string, required: boolean }} TypedField */

/**
 * Model classes of a client-node `dist/gen/model(s)` folder with their fields' TypeScript types,
 * formats (1.x only; '' in 0.x) and required flags.
 * @param {string} dir
 * @returns {Map<string, TypedField[]>}
 */
export function readTypedModels(dir) {
  /** @type {Map<string, TypedField[]>} */
  const out = new Map();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.js') || f === 'index.js' || f === 'all.js' || f === 'models.js' || f === 'ObjectSerializer.js') continue;
    const js = readFileSync(path.join(dir, f), 'utf8');
    const cls = /^exports\.(\w+) = \1;$/m.exec(js)?.[1] ?? /^export class (\w+)/m.exec(js)?.[1];
    if (!cls || !js.includes('attributeTypeMap')) continue;
    const dts = readFileSync(path.join(dir, f.replace(/\.js$/, '.d.ts')), 'utf8');
    const optional = new Map([...dts.matchAll(/^ {4}'([^']+)'(\??): /gm)].map((m) => [m[1], m[2] === '?']));
    const fields = [...js.matchAll(/\{\s*"name": "([^"]*)",\s*"baseName": "([^"]*)",\s*"type": "((?:[^"\\]|\\.)*)"(?:,\s*"format": "([^"]*)")?/g)].map((m) => ({
      json: m[2],
      ts: m[3],
      format: m[4] ?? '',
      required: optional.get(m[1]) === false,
    }));
    out.set(cls, fields);
  }
  return out;
}

/** gen-schema's primitiveOf; `object` (0.x models' free-form maps) is `any` too. @param {string} ts @param {string} format */
const primitiveOf = (ts, format) => (ts === 'object' ? 'any' : primitiveOfModel(ts, format));

/** What a catalog primitive may refine a source primitive to. */
const REFINES = { number: ['int32', 'int64'], string: ['Quantity', 'IntOrString', 'date-time'] };

/**
 * The schemas of `wanted` (apiVersion/kind keys the catalog lacks) from the newest client-node
 * source serving each: { kinds: [apiVersion, kind, type | null, namespaced, plural], types }.
 * @param {Catalog} catalog
 * @param {{ minor: number, modelDir: string, kinds: Map<string, { type: string, namespaced: boolean, plural: string }> }[]} sources newest first
 * @param {string[]} wanted sorted
 */
export function legacySchemas(catalog, sources, wanted) {
  /** @type {Map<string, string[]>} base name → catalog types */
  const byBase = new Map();
  for (const t of Object.keys(catalog.types).sort()) byBase.set(baseName(t), [...(byBase.get(baseName(t)) ?? []), t]);
  /** @type {Map<number, Map<string, TypedField[]>>} */
  const models = new Map();
  /** @type {Record<string, [number, CatalogFields]>} */
  const types = {};
  /** @type {Map<string, string>} minor + source type → name written */
  const named = new Map();
  /** @type {[string, string, string | null, number, string][]} */
  const kinds = [];

  for (const key of wanted) {
    const i = key.lastIndexOf('/');
    const [apiVersion, kind] = [key.slice(0, i), key.slice(i + 1)];
    const src = sources.find((s) => s.kinds.has(key));
    if (!src) {
      // No client-node release serves it (cdk8s' 1.31 import alone): no schema. Scope and plural are
      // not read by anything for such a kind (both 1.31-only kinds are namespaced, plural kind + s).
      kinds.push([apiVersion, kind, null, 1, `${kind.toLowerCase()}s`]);
      continue;
    }
    let m = models.get(src.minor);
    if (!m) models.set(src.minor, (m = readTypedModels(src.modelDir)));
    const model = m;
    const meta = /** @type {{ type: string, namespaced: boolean, plural: string }} */ (src.kinds.get(key));

    /** Source type → the catalog type it is structurally (null: none). @type {Map<string, string | null>} */
    const same = new Map();
    /** @type {(st: string, ct: string, assumed: Set<string>) => boolean} */
    const identical = (st, ct, assumed) => {
      const pair = `${st}\0${ct}`;
      if (assumed.has(pair)) return true;
      const sf = model.get(st);
      const cf = catalog.types[ct]?.[1];
      if (!sf || !cf || sf.length !== cf.length) return false;
      const next = new Set(assumed).add(pair);
      return sf.every((/** @type {TypedField} */ f) => {
        const c = cf.find((x) => x[0] === f.json);
        if (!c || (c[2] === 1) !== f.required) return false;
        const [sShape, sInner] = shape(f.ts);
        const cInner = c[1].replace(/^(?:\[\]|\{\})+/, '');
        if (sShape !== c[1].slice(0, c[1].length - cInner.length)) return false;
        const p = primitiveOf(sInner, f.format);
        if (p) return p === cInner || (REFINES[/** @type {'number'} */ (p)] ?? []).includes(cInner);
        return model.has(sInner) && !!catalog.types[cInner] && identical(sInner, cInner, next);
      });
    };
    /** @param {string} st */
    const catalogTwin = (st) => {
      if (!same.has(st)) same.set(st, (byBase.get(baseName(st)) ?? []).find((ct) => identical(st, ct, new Set())) ?? null);
      return same.get(st) ?? undefined;
    };
    /** @param {string} st @returns {string} */
    const emit = (st) => {
      const twin = catalogTwin(st);
      if (twin) return twin;
      const id = `${src.minor}\0${st}`;
      const done = named.get(id);
      if (done) return done;
      const name = catalog.types[st] || types[st] ? `${st}_${src.minor}` : st;
      named.set(id, name);
      /** @type {CatalogFields} */
      const fields = [];
      types[name] = [-1, fields];
      const refine = (byBase.get(baseName(st)) ?? []).map((ct) => catalog.types[ct][1]);
      for (const f of /** @type {TypedField[]} */ (model.get(st))) {
        const [prefix, inner] = shape(f.ts);
        let text = primitiveOf(inner, f.format);
        if (text) {
          const better = refine
            .map((cf) => cf.find((x) => x[0] === f.json)?.[1])
            .find((t) => t?.startsWith(prefix) && (REFINES[/** @type {'number'} */ (text)] ?? []).includes(t.slice(prefix.length)));
          text = better ?? prefix + text;
        } else text = model.has(inner) ? prefix + emit(inner) : prefix + 'any';
        fields.push([f.json, text, f.required ? 1 : 0, -1]);
      }
      fields.sort((a, b) => a[0].localeCompare(b[0]));
      return name;
    };
    kinds.push([apiVersion, kind, emit(meta.type), meta.namespaced ? 1 : 0, meta.plural]);
  }
  const sorted = Object.fromEntries(
    Object.keys(types)
      .sort()
      .map((k) => [k, types[k]]),
  );
  return { kinds, types: sorted };
}

/** `Array<{ [key: string]: X; }>` → ['[]{}', 'X']. @param {string} ts @returns {[string, string]} */
function shape(ts) {
  let prefix = '';
  let t = ts;
  for (;;) {
    const a = /^Array<(.*)>$/.exec(t);
    const m = /^\{ \[key: string\]: (.*); \}$/.exec(t);
    if (a) [prefix, t] = [prefix + '[]', a[1]];
    else if (m) [prefix, t] = [prefix + '{}', m[1]];
    else return [prefix, t];
  }
}
