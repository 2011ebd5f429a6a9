// Generates core/schema/generated/versions.json (committed): which Kubernetes minors from 1.27 to
// 1.36 serve each built-in apiVersion/kind, and the first minor of each field newer than 1.27.
// Read by core/schema/versions.ts for `kubeDorm.kubernetesVersion` / `--kubernetes-version`.
//
// Sources, one per minor, each generated from that release's OpenAPI document (the files say so):
//   1.27–1.30  @kubernetes/client-node 0.19.0, 0.20.0, 0.21.0, 0.22.3  (dist/gen/model + api)
//   1.31       cdk8s-plus-31 2.6.43: lib/imports/k8s.js, cdk8s' import of the 1.31 OpenAPI document
//              (no client-node release was generated from 1.31); its toJson_* functions keep the JSON
//              field names, its Kube*.GVK the apiVersion and kind of each object
//   1.32–1.34  @kubernetes/client-node 1.0.0, 1.2.0, 1.4.0  (dist/gen/models + apis, gen/index.js)
//   1.35       none: no npm package carries the 1.35 document alone (kubernetes-models merges releases).
//              A fact that changes between 1.34 and 1.36 is written as "1.35 or 1.36", never guessed.
//   1.36       the installed @kubernetes/client-node (the schema catalog's own source)
// The tarballs are fetched with `npm pack` into .cache/k8s-versions/ when missing (network only here,
// at generation time; never installed, never a dependency) and unpacked beside them.
//
// Fields are matched by walking each served kind from its root type in the 1.36 catalog and in the
// older source side by side, by JSON field name, so renamed types (ResourceRequirements →
// VolumeResourceRequirements) and other naming schemes (cdk8s) pair up. A field is listed when some
// older minor reached its type but not the field.
//
// The apiVersion/kinds some minor serves and the catalog (1.36) lacks get schemas of their own, in
// the `legacy` section (./gen-versions-legacy.mjs), and their fields are dated by the same walk.
// Running it again on the same packages writes the same bytes.
//
// Usage: node scripts/gen-versions.mjs (needs core/schema/generated/catalog.json: npm run build first).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseName, readServedKinds } from './gen-schema.mjs';
import { legacySchemas, readTypedModels } from './gen-versions-legacy.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, '.cache', 'k8s-versions');
const outFile = path.join(root, 'core', 'schema', 'generated', 'versions.json');
const FIRST = 27;
const LAST = 36;

/** @typedef {{ minor: number, pkg?: string, version?: string, layout: 'old' | 'new' | 'cdk8s' }} SourceSpec */
/** @type {SourceSpec[]} */
const SOURCES = [
  { minor: 27, pkg: '@kubernetes/client-node', version: '0.19.0', layout: 'old' },
  { minor: 28, pkg: '@kubernetes/client-node', version: '0.20.0', layout: 'old' },
  { minor: 29, pkg: '@kubernetes/client-node', version: '0.21.0', layout: 'old' },
  { minor: 30, pkg: '@kubernetes/client-node', version: '0.22.3', layout: 'old' },
  { minor: 31, pkg: 'cdk8s-plus-31', version: '2.6.43', layout: 'cdk8s' },
  { minor: 32, pkg: '@kubernetes/client-node', version: '1.0.0', layout: 'new' },
  { minor: 33, pkg: '@kubernetes/client-node', version: '1.2.0', layout: 'new' },
  { minor: 34, pkg: '@kubernetes/client-node', version: '1.4.0', layout: 'new' },
  { minor: 36, layout: 'new' },
];

/**
 * One minor's view: served kinds → root type id, and type id → JSON field → referenced type id.
 * cdk8s sources also say which OpenAPI definition each type is (`defs`): cdk8s keeps one type per
 * unversioned name, so flowcontrol's Subject became rbac's; such pairs are not trusted. Its objects
 * leave out apiVersion, kind and status, and a kind it lacks (it dropped core/v1 Event beside
 * events.k8s.io/v1 Event) is unknown rather than not served.
 * `meta` (client-node sources) says where each kind is served, `modelDir` where its models are.
 * @typedef {{ kinds: Map<string, string>, types: Map<string, Map<string, string | null>>, defs?: Map<string, string>, meta?: Map<string, { type: string, namespaced: boolean, plural: string }>, modelDir?: string }} Source
 */

/**
 * The unpacked package folder of a source, fetching and unpacking its tarball when missing.
 * @param {SourceSpec} src
 */
function unpacked(src) {
  if (!src.pkg) return path.join(root, 'node_modules', '@kubernetes', 'client-node');
  const base = `${src.pkg.replace(/^@/, '').replace('/', '-')}-${src.version}`;
  const dir = path.join(cacheDir, base);
  if (existsSync(path.join(dir, 'package', 'package.json'))) return path.join(dir, 'package');
  mkdirSync(dir, { recursive: true });
  const tgz = path.join(cacheDir, `${base}.tgz`);
  if (!existsSync(tgz)) execFileSync('npm', ['pack', `${src.pkg}@${src.version}`, '--pack-destination', cacheDir, '--silent'], { stdio: 'inherit' });
  execFileSync('tar', ['xzf', tgz, '-C', dir]);
  return path.join(dir, 'package');
}

/**
 * `Array<V1Probe>` → V1Probe, `{ [key: string]: V1X; }` → V1X; primitives → null.
 * @param {string} typeText @param {Set<string>} known
 */
function refOf(typeText, known) {
  const t = typeText
    .replace(/^Array<(.*)>$/, '$1')
    .replace(/^\{ \[key: string\]: (.*); \}$/, '$1')
    .replace(/^Array<(.*)>$/, '$1');
  return known.has(t) ? t : null;
}

/**
 * Model types from the `attributeTypeMap` of every model .js file (JSON name and TypeScript type).
 * @param {string} dir
 */
function readModels(dir) {
  const typed = readTypedModels(dir);
  const known = new Set(typed.keys());
  /** @type {Source['types']} */
  const types = new Map();
  for (const [name, fields] of typed) types.set(name, new Map(fields.map((f) => [f.json, refOf(f.ts, known)])));
  return types;
}

/**
 * client-node 0.x: api/apis.js lists the current Api classes; create bodies and list results name the types.
 * @param {string} genDir
 */
function readOldKinds(genDir) {
  const apiDir = path.join(genDir, 'api');
  const apis = [...readFileSync(path.join(apiDir, 'apis.js'), 'utf8').matchAll(/require\("\.\/(\w+Api)"\)|require\('\.\/(\w+Api)'\)/g)].map(
    (m) => m[1] ?? m[2],
  );
  if (apis.length < 20) throw new Error(`gen-versions: found only ${apis.length} Api classes in ${apiDir}/apis.js`);
  /** @type {Map<string, string>} */
  const kinds = new Map();
  /** @type {NonNullable<Source['meta']>} */
  const meta = new Map();
  /** @param {string} p @param {string} typeName @param {boolean} isList */
  const add = (p, typeName, isList) => {
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(?:namespaces\/\{namespace\}\/)?([a-z0-9]+)$/.exec(p);
    if (!m) return;
    let kind = baseName(typeName);
    if (isList) {
      if (!kind.endsWith('List')) return;
      kind = kind.slice(0, -4);
      typeName = typeName.slice(0, -4);
    }
    const key = `${m[1] ?? `${m[2]}/${m[3]}`}/${kind}`;
    if (kinds.has(key)) return;
    kinds.set(key, typeName);
    meta.set(key, { type: typeName, namespaced: p.includes('/namespaces/{namespace}/'), plural: p.slice(p.lastIndexOf('/') + 1) });
  };
  for (const api of apis) {
    const js = readFileSync(path.join(apiDir, `${api}.js`), 'utf8');
    const dts = readFileSync(path.join(apiDir, `${api}.d.ts`), 'utf8');
    const paths = new Map(
      [...js.matchAll(/^ {4}(?:async )?(\w+)\([^)]*\) \{\n\s*const localVarPath = this\.basePath \+ '([^']+)'/gm)].map((m) => [m[1], m[2]]),
    );
    for (const m of dts.matchAll(/^ {4}(\w+)\(([^)]*)\): Promise<\{\s*response: http\.IncomingMessage;\s*body: (\w+);/gm)) {
      const p = paths.get(m[1]);
      if (!p) continue;
      const body = /\bbody: (\w+)/.exec(m[2])?.[1];
      if (/^create(?:Namespaced)?\w+$/.test(m[1]) && body) add(p, body, false);
      else if (/^list(?:Namespaced)?\w+$/.test(m[1]) && !/ForAllNamespaces$/.test(m[1])) add(p, m[3], true);
    }
  }
  return { kinds, meta };
}

/** cdk8s' import: `Kube<X>.GVK = { apiVersion, kind }` and `toJson_<Type>(obj) { const result = { 'json': …toJson_<Ref>(…) } }`. */
/** @param {string} pkgDir @returns {Source} */
function readCdk8s(pkgDir) {
  const js = readFileSync(path.join(pkgDir, 'lib', 'imports', 'k8s.js'), 'utf8');
  /** @type {Source['types']} */
  const types = new Map();
  for (const m of js.matchAll(/^function toJson_(\w+)\(obj\) \{\n[\s\S]*?const result = \{\n([\s\S]*?)\n {4}\};/gm)) {
    const fields = new Map();
    for (const f of m[2].matchAll(/^ {8}'([^']+)': (.*),$/gm)) fields.set(f[1], /toJson_(\w+)\(/.exec(f[2])?.[1] ?? null);
    types.set(m[1], fields);
  }
  const dts = readFileSync(path.join(pkgDir, 'lib', 'imports', 'k8s.d.ts'), 'utf8');
  const defs = new Map([...dts.matchAll(/^ \* @schema ([\w.-]+)\n \*\/\nexport (?:interface|declare class) (\w+)/gm)].map((m) => [m[2], m[1]]));
  /** @type {Map<string, string>} */
  const kinds = new Map();
  for (const m of js.matchAll(/^Kube(\w+)\.GVK = \{\n\s*apiVersion: '([^']+)',\n\s*kind: '([^']+)',/gm)) {
    if (!types.has(`Kube${m[1]}Props`) || m[3].endsWith('List')) continue;
    kinds.set(`${m[2]}/${m[3]}`, `Kube${m[1]}Props`);
    defs.set(`Kube${m[1]}Props`, defs.get(`Kube${m[1]}`) ?? '');
  }
  return { kinds, types, defs };
}

/** @param {SourceSpec} src @returns {{ source: Source, label: string }} */
function readSource(src) {
  const pkgDir = unpacked(src);
  const version = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  const label = `${src.pkg ?? '@kubernetes/client-node'}@${version}`;
  if (src.layout === 'cdk8s') return { source: readCdk8s(pkgDir), label: `${label} (lib/imports/k8s, Kubernetes 1.${src.minor})` };
  const genDir = path.join(pkgDir, 'dist', 'gen');
  const modelDir = path.join(genDir, src.layout === 'old' ? 'model' : 'models');
  const pod = readFileSync(path.join(modelDir, src.layout === 'old' ? 'v1Pod.js' : 'V1Pod.js'), 'utf8');
  const release = /(?:OpenAPI document|OpenAPI spec version): v?(?:release-)?1\.(\d+)/.exec(pod)?.[1];
  if (Number(release) !== src.minor) throw new Error(`gen-versions: ${label} says OpenAPI 1.${release}, expected 1.${src.minor}`);
  const { kinds, meta } =
    src.layout === 'old'
      ? readOldKinds(genDir)
      : (() => {
          const served = readServedKinds(genDir);
          return { kinds: new Map([...served].map(([k, v]) => [k, /** @type {string} */ (v.type)])), meta: served };
        })();
  return { source: { kinds, types: readModels(modelDir), meta, modelDir }, label: `${label} (OpenAPI 1.${src.minor})` };
}

/**
 * Whether a kind missing from a cdk8s source may have been dropped for its name: cdk8s keeps one
 * class per kind and version, so core/v1 Event lost to events.k8s.io/v1 Event.
 */
/** @param {Source} src @param {string} key */
function collides(src, key) {
  if (!src.defs) return false;
  const version = key.split('/').slice(-2)[0];
  const kind = key.slice(key.lastIndexOf('/') + 1);
  return [...src.kinds.keys()].some((k) => k !== key && k.endsWith(`${version}/${kind}`));
}

/** Root fields that cdk8s' objects leave out (set by the library, or read-only). */
const CDK8S_LEFT_OUT = new Set(['apiVersion', 'kind', 'status']);

/**
 * Whether a catalog type (client-node's name: `V1Subject`, `FlowcontrolV1Subject`, `V1beta1IPAddress`)
 * can be the OpenAPI definition `io.k8s.api.flowcontrol.v1.Subject`: the same version, and the same
 * group when the name carries one.
 */
/** @param {string} catalogType @param {string} def */
function sameDefinition(catalogType, def) {
  const m = /^((?:[A-Z][a-z]+)*)(V\d+(?:alpha\d+|beta\d+)?)(?=[A-Z])/.exec(catalogType);
  const parts = def.split('.');
  if (!m || parts.length < 3) return false;
  const [version, group] = [parts[parts.length - 2], parts[parts.length - 3]];
  return version === m[2].toLowerCase() && (!m[1] || group === m[1].toLowerCase());
}

function main() {
  const catalogFile = path.join(root, 'core', 'schema', 'generated', 'catalog.json');
  if (!existsSync(catalogFile)) throw new Error('gen-versions: core/schema/generated/catalog.json is missing: run npm run build first');
  /** @type {{ kinds: [string, string, string, number, string][], types: Record<string, [number, [string, string, number, number][]]> }} */
  const catalog = JSON.parse(readFileSync(catalogFile, 'utf8'));
  /** @type {Map<number, Source>} */
  const sources = new Map();
  /** @type {Record<string, string | null>} */
  const labels = {};
  for (let minor = FIRST; minor <= LAST; minor++) labels[`1.${minor}`] = null;
  for (const src of SOURCES) {
    const { source, label } = readSource(src);
    sources.set(src.minor, source);
    labels[`1.${src.minor}`] = label;
    console.log(`gen-versions: 1.${src.minor} ← ${label}: ${source.kinds.size} kinds, ${source.types.size} types`);
  }

  // Kinds: the union of the client-node releases' served kinds (cdk8s also names objects that are
  // not collections, e.g. Binding and Scale, so it only answers for kinds another release serves).
  /** @type {Set<string>} */
  const universe = new Set();
  for (const src of SOURCES) if (src.layout !== 'cdk8s') for (const k of sources.get(src.minor)?.kinds.keys() ?? []) universe.add(k);
  for (const k of catalog.kinds) universe.add(`${k[0]}/${k[1]}`);
  // A kind cdk8s alone names is a collection when some release serves a kind of that name as one
  // (LeaseCandidate at coordination.k8s.io/v1alpha1 and PodSchedulingContext at
  // resource.k8s.io/v1alpha3 were served by 1.31 only); Scale, Eviction and TokenRequest never are.
  const collectionNames = new Set([...universe].map((k) => k.slice(k.lastIndexOf('/') + 1)));
  for (const src of SOURCES)
    if (src.layout === 'cdk8s')
      for (const k of sources.get(src.minor)?.kinds.keys() ?? []) if (collectionNames.has(k.slice(k.lastIndexOf('/') + 1))) universe.add(k);
  /** @type {Record<string, Record<string, string>>} */
  const kinds = {};
  for (const key of [...universe].sort()) {
    let s = '';
    for (let minor = FIRST; minor <= LAST; minor++) {
      const src = sources.get(minor);
      if (src && (src.kinds.has(key) || !collides(src, key))) s += src.kinds.has(key) ? '1' : '0';
      else {
        // No source: served in both neighbours → served (a group version is never dropped and re-added);
        // in neither → not served; otherwise unknown.
        const a = sources.get(minor - 1)?.kinds.has(key);
        const b = sources.get(minor + 1)?.kinds.has(key);
        s += a && b ? '1' : !a && !b ? '0' : '?';
      }
    }
    const i = key.lastIndexOf('/');
    (kinds[key.slice(0, i)] ??= {})[key.slice(i + 1)] = s;
  }

  // Schemas of the kinds the catalog lacks, from the newest client-node release serving each; the
  // field walk below then dates their fields too.
  const inCatalog = new Set(catalog.kinds.map((k) => `${k[0]}/${k[1]}`));
  // Every source was read above; client-node ones have modelDir and meta.
  const clientNode = SOURCES.filter((s) => s.layout !== 'cdk8s')
    .map(({ minor }) => {
      const src = /** @type {Required<Source>} */ (sources.get(minor));
      return { minor, modelDir: src.modelDir, kinds: src.meta };
    })
    .reverse();
  const legacy = legacySchemas(catalog, clientNode, [...universe].filter((k) => !inCatalog.has(k)).sort());
  catalog.kinds.push(...legacy.kinds.flatMap((k) => (k[2] ? [/** @type {[string, string, string, number, string]} */ (k)] : [])));
  Object.assign(catalog.types, legacy.types);

  // Fields: walk each catalog kind with each source's root type, pairing types by field name.
  /** @type {Map<string, Set<number>>} catalog type → minors that reached it */
  const seen = new Map();
  /** @type {Map<string, Set<number>>} type + '\0' + field → minors that have it */
  const present = new Map();
  /** @type {Map<string, Set<number>>} type + '\0' + field → minors whose source cannot tell */
  const unknown = new Map();
  /** @param {Map<string, Set<number>>} map @param {string} key @param {number} minor */
  const mark = (map, key, minor) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(minor);
  };
  /** @param {string} typeText */
  const catalogRef = (typeText) => {
    const t = typeText.replace(/^(?:\[\]|\{\})+/, '');
    return catalog.types[t] ? t : null;
  };
  for (const [minor, src] of sources) {
    const pairs = [];
    for (const [apiVersion, kind, type] of catalog.kinds) {
      const root = src.kinds.get(`${apiVersion}/${kind}`);
      if (root) pairs.push([type, root]);
    }
    const done = new Set();
    while (pairs.length) {
      const [ct, vt] = /** @type {[string, string]} */ (pairs.pop());
      const id = `${ct}\0${vt}`;
      if (done.has(id)) continue;
      done.add(id);
      const vFields = src.types.get(vt);
      if (!vFields || (src.defs && !sameDefinition(ct, src.defs.get(vt) ?? ''))) continue;
      mark(seen, ct, minor);
      const isRoot = src.defs && vt.startsWith('Kube') && vt.endsWith('Props');
      for (const [json, typeText] of catalog.types[ct][1]) {
        const key = `${ct}\0${json}`;
        if (isRoot && CDK8S_LEFT_OUT.has(json)) mark(unknown, key, minor);
        if (!vFields.has(json)) continue;
        mark(present, key, minor);
        const cRef = catalogRef(typeText);
        const vRef = vFields.get(json);
        if (cRef && vRef) pairs.push([cRef, vRef]);
      }
    }
  }
  /** @type {Record<string, Record<string, number | [number, number]>>} */
  const fields = {};
  let listed = 0;
  for (const ct of Object.keys(catalog.types).sort()) {
    const s = seen.get(ct);
    if (!s) continue;
    for (const [json] of catalog.types[ct][1]) {
      const p = present.get(`${ct}\0${json}`) ?? new Set();
      const u = unknown.get(`${ct}\0${json}`);
      const absent = [...s].filter((m) => !p.has(m) && !u?.has(m)).sort((a, b) => a - b);
      if (!absent.length) continue;
      const first = Math.min(...[...p].filter((m) => m > absent[absent.length - 1]), LAST);
      const lastAbsent = Math.max(...absent.filter((m) => m < first));
      if (absent.some((m) => m > first)) console.warn(`gen-versions: ${ct}.${json} comes and goes: absent in 1.${absent.join(', 1.')}`);
      (fields[ct] ??= {})[json] = lastAbsent + 1 === first ? first : [lastAbsent + 1, first];
      listed++;
    }
  }
  const out = { sources: labels, kinds, fields, legacy };
  const json = JSON.stringify(out);
  const old = existsSync(outFile) ? readFileSync(outFile, 'utf8') : undefined;
  if (old !== json) writeFileSync(outFile, json);
  console.log(
    `gen-versions: ${universe.size} apiVersion/kind pairs, ${listed} fields newer than 1.${FIRST}, ${(json.length / 1024).toFixed(1)} KiB → ${path.relative(root, outFile)}`,
  );
}

main();
