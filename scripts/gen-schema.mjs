// Generates core/schema/generated/catalog.json: the Kubernetes field catalog (types, fields,
// required flags, docs) and the kinds served at each apiVersion, read from the declarations that
// @kubernetes/client-node generates from the Kubernetes OpenAPI spec (release-1.36).
//
//   models/*.d.ts  (parsed with the TypeScript 5 compiler API): classes, doc comments, `'f'?: T`
//                  = optional, `'f': T` = required.
//   models/*.js    `attributeTypeMap`: the JSON field name (`baseName`, e.g. `$ref`, `x-kubernetes-*`)
//                  and the OpenAPI format (int32, int64, double, date-time, int-or-string).
//   apis/*Api.js   `localVarPath` of each request: which apiVersion serves which resource, namespaced
//                  or not, and its plural; apis/*Api.d.ts gives the body/response type of each request.
//   gen/index.js   which Api classes are current (the package ships a few stale files that it does
//                  not export, e.g. flowcontrol v1beta3, removed in Kubernetes 1.32).
//
// The upstream generator drops `resource.Quantity` (it becomes `string`); QUANTITY_FIELDS below
// restores it, and the script fails if an entry names a field that does not exist.
//
// Usage: node scripts/gen-schema.mjs [--force]. Skips the work when the output is newer than its
// inputs; writes only when the content changed.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireCjs = createRequire(import.meta.url);
const pkgDir = path.join(root, 'node_modules', '@kubernetes', 'client-node');
const genDir = path.join(pkgDir, 'dist', 'gen');
const outDir = path.join(root, 'core', 'schema', 'generated');
const outFile = path.join(outDir, 'catalog.json');
const selfFile = fileURLToPath(import.meta.url);

/**
 * Fields of type resource.Quantity (k8s.io/apimachinery/pkg/api/resource), by type name without
 * its version prefix; applied to every version of the type. Source: the `Quantity` fields in
 * k8s.io/api (core/v1/types.go ResourceList users, autoscaling/v2 MetricTarget and
 * MetricValueStatus, storage/v1 CSIStorageCapacity, resource/v1 capacities and counters).
 */
const QUANTITY_FIELDS = {
  ResourceRequirements: ['limits', 'requests'],
  VolumeResourceRequirements: ['limits', 'requests'],
  EmptyDirVolumeSource: ['sizeLimit'],
  ResourceFieldSelector: ['divisor'],
  PodSpec: ['overhead'],
  Overhead: ['podFixed'],
  PersistentVolumeSpec: ['capacity'],
  PersistentVolumeClaimStatus: ['capacity', 'allocatedResources'],
  ResourceQuotaSpec: ['hard'],
  ResourceQuotaStatus: ['hard', 'used'],
  LimitRangeItem: ['default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio'],
  NodeStatus: ['capacity', 'allocatable'],
  ContainerStatus: ['allocatedResources'],
  CSIStorageCapacity: ['capacity', 'maximumVolumeSize'],
  DeviceCapacity: ['value'],
  CapacityRequestPolicy: ['default', 'validValues'],
  CapacityRequestPolicyRange: ['min', 'max', 'step'],
  CapacityRequirements: ['requests'],
  DeviceRequestAllocationResult: ['consumedCapacity'],
  Counter: ['value'],
  NodeAllocatableResourceClaimStatus: ['resources'],
  NodeAllocatableResourceMapping: ['allocationMultiplier'],
  MetricTarget: ['averageValue', 'value'],
  MetricValueStatus: ['averageValue', 'value'],
  HPAScalingRules: ['tolerance'],
};

const VERSION_PREFIX = /^(?:[A-Z][a-z]+)*V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/;
/**
 * `V1beta1IngressClass` → `IngressClass`, `CoreV1Event` → `Event`.
 * @param {string} typeName
 */
export function baseName(typeName) {
  return typeName.replace(VERSION_PREFIX, '');
}

/**
 * The kinds served by the current Api classes of a client-node 1.x/2.x `dist/gen` folder (gen/index.js
 * lists them), from their request paths: apiVersion + '/' + kind → { apiVersion, kind, type, namespaced, plural }.
 * Also read by scripts/gen-versions.mjs for older releases of the package.
 * @param {string} genDir
 */
export function readServedKinds(genDir) {
  const indexJs = readFileSync(path.join(genDir, 'index.js'), 'utf8');
  const apiNames = [...new Set([...indexJs.matchAll(/\bObject(\w+?V\d+(?:alpha\d+|beta\d+)?Api) as /g)].map((m) => m[1]))];
  if (apiNames.length < 20) throw new Error(`gen-schema: found only ${apiNames.length} Api classes in gen/index.js`);
  /** key apiVersion + '/' + kind → kind entry */
  const kinds = new Map();
  /** @param {string} apiPath @param {string} typeName @param {string | undefined} sub */
  const addKind = (apiPath, typeName, sub) => {
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.*)$/.exec(apiPath);
    if (!m) return;
    const apiVersion = m[1] ?? `${m[2]}/${m[3]}`;
    const rest = m[4];
    const namespaced = rest.startsWith('namespaces/{namespace}/');
    const segs = (namespaced ? rest.slice('namespaces/{namespace}/'.length) : rest).split('/');
    if (segs.length !== 1 || !segs[0] || segs[0].includes('{')) return;
    const plural = segs[0];
    let kind = baseName(typeName);
    if (sub === 'list') {
      if (!kind.endsWith('List')) return;
      kind = kind.slice(0, -4);
      typeName = typeName.slice(0, -4);
    }
    const key = `${apiVersion}/${kind}`;
    if (kinds.has(key)) return;
    kinds.set(key, { apiVersion, kind, type: typeName, namespaced, plural });
  };
  for (const api of apiNames) {
    const js = readFileSync(path.join(genDir, 'apis', `${api}.js`), 'utf8');
    const dts = readFileSync(path.join(genDir, 'apis', `${api}.d.ts`), 'utf8');
    const paths = new Map();
    for (const m of js.matchAll(/^ {4}(?:async )?(\w+)\([^)]*\) \{\n(?:(?!^ {4}(?:async )?\w+\().*\n)*? +const localVarPath = '([^']+)'/gm))
      paths.set(m[1], m[2]);
    const bodies = new Map();
    for (const m of dts.matchAll(/^ {4}(\w+)\(([^)]*)\): Promise<RequestContext>;/gm)) {
      const b = /\bbody: (\w+)/.exec(m[2]);
      if (b) bodies.set(m[1], b[1]);
    }
    const returns = new Map();
    for (const m of dts.matchAll(/^ {4}(\w+)WithHttpInfo\(response: ResponseContext\): Promise<HttpInfo<(\w+)>>;/gm)) returns.set(m[1], m[2]);
    // Creatable collections first, then read-only collections (ComponentStatus). Subresources
    // (pods/eviction, serviceaccounts/token) are left out: their body's apiVersion is not the path's.
    for (const [method, p] of paths) {
      if (/^create(?:Namespaced)?\w+$/.test(method) && bodies.has(method)) addKind(p, bodies.get(method), 'create');
    }
    for (const [method, p] of paths) {
      if (/^list(?:Namespaced)?\w+$/.test(method) && !/ForAllNamespaces$/.test(method) && returns.has(method)) addKind(p, returns.get(method), 'list');
    }
  }
  return kinds;
}

/**
 * The catalog primitive of a client-node model field's TypeScript type and OpenAPI format (also
 * gen-versions-legacy.mjs'); undefined for a model type.
 * @param {string} tsType @param {string} format @returns {string | undefined}
 */
export function primitiveOf(tsType, format) {
  switch (tsType) {
    case 'string':
      return format === 'int-or-string' ? 'IntOrString' : format === 'date-time' || format === 'date-time-micro' ? 'date-time' : 'string';
    case 'number':
      return format === 'int32' || format === 'int64' ? format : 'number';
    case 'boolean':
      return 'boolean';
    case 'Date':
    case 'V1MicroTime':
      return 'date-time';
    case 'IntOrString':
      return 'IntOrString';
    case 'any':
      return 'any';
    default:
      return undefined;
  }
}

function newestInput() {
  let t = statSync(selfFile).mtimeMs;
  for (const p of [path.join(pkgDir, 'package.json'), path.join(genDir, 'index.js'), path.join(genDir, 'models'), path.join(genDir, 'apis')]) {
    t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function main() {
  if (!existsSync(genDir)) {
    console.error(`gen-schema: ${path.relative(root, genDir)} not found: run npm install first`);
    process.exit(1);
  }
  const force = process.argv.includes('--force');
  if (!force && existsSync(outFile) && statSync(outFile).mtimeMs >= newestInput()) return;

  const started = Date.now();
  /** @type {typeof import('typescript')} */
  const ts = requireCjs('typescript');
  if (typeof ts.createSourceFile !== 'function') throw new Error('gen-schema needs typescript@5 (its compiler API); typescript@7 has none');
  const pkgVersion = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;

  // 1. Served kinds: the current Api classes and their request paths.
  const kinds = readServedKinds(genDir);

  // 2. Types: every model class reachable from a served kind (and its List type).
  const modelsDir = path.join(genDir, 'models');
  const modelFiles = new Set(
    readdirSync(modelsDir)
      .filter((f) => f.endsWith('.d.ts'))
      .map((f) => f.slice(0, -5)),
  );
  /** @type {string[]} */
  const docs = [];
  /** @type {Map<string, number>} */
  const docIndex = new Map();
  /** @param {string | undefined} text */
  const docId = (text) => {
    const s = (text ?? '').trim();
    if (!s) return -1;
    let i = docIndex.get(s);
    if (i === undefined) {
      i = docs.length;
      docs.push(s);
      docIndex.set(s, i);
    }
    return i;
  };
  /** @param {string} s */
  const cleanDoc = (s) =>
    s
      .replace(/\\(['"\\])/g, '$1')
      .replace(/[ \t]*\n[ \t]*\*?[ \t]?/g, '\n')
      .trim();
  /** @param {any} node a declaration the TypeScript parser gave its `jsDoc` */
  const jsDocOf = (node) => {
    const d = node.jsDoc?.[node.jsDoc.length - 1];
    if (!d) return '';
    const c = typeof d.comment === 'string' ? d.comment : (ts.getTextOfJSDocComment(d.comment) ?? '');
    return cleanDoc(c);
  };

  /** @type {Record<string, [number, [string, string, number, number][]]>} */
  const types = {};
  /** @type {string[]} */
  const queue = [];
  /** @type {Set<string>} */
  const queued = new Set();
  /** @param {string} name */
  const want = (name) => {
    if (queued.has(name)) return;
    if (!modelFiles.has(name)) throw new Error(`gen-schema: no model for type ${name}`);
    queued.add(name);
    queue.push(name);
  };
  for (const k of kinds.values()) {
    want(k.type);
    if (modelFiles.has(`${k.type}List`)) want(`${k.type}List`);
  }

  /** @type {(node: import('typescript').TypeNode, format: string, owner: string, field: string) => string} */
  const encodeType = (node, format, owner, field) => {
    if (ts.isArrayTypeNode(node)) return '[]' + encodeType(node.elementType, format, owner, field);
    if (ts.isTypeReferenceNode(node)) {
      const n = node.typeName.getText();
      if (n === 'Array' && node.typeArguments?.length === 1) return '[]' + encodeType(node.typeArguments[0], format, owner, field);
      const p = primitiveOf(n, format);
      if (p) return p;
      want(n);
      return n;
    }
    if (ts.isTypeLiteralNode(node)) {
      const idx = node.members.find((m) => ts.isIndexSignatureDeclaration(m));
      if (idx && node.members.length === 1) return '{}' + encodeType(idx.type, format, owner, field);
      throw new Error(`gen-schema: unexpected type literal in ${owner}.${field}: ${node.getText()}`);
    }
    const p = primitiveOf(node.getText(), format);
    if (p) return p;
    throw new Error(`gen-schema: unexpected type in ${owner}.${field}: ${node.getText()}`);
  };

  let filesParsed = 0;
  while (queue.length) {
    const name = /** @type {string} */ (queue.shift());
    const dtsText = readFileSync(path.join(modelsDir, `${name}.d.ts`), 'utf8');
    const jsText = readFileSync(path.join(modelsDir, `${name}.js`), 'utf8');
    filesParsed++;
    const attrs = new Map();
    for (const m of jsText.matchAll(/\{\s*"name": "([^"]*)",\s*"baseName": "([^"]*)",\s*"type": "((?:[^"\\]|\\.)*)",\s*"format": "([^"]*)"\s*\}/g)) {
      attrs.set(m[1], { json: m[2], format: m[4] });
    }
    const sf = ts.createSourceFile(`${name}.d.ts`, dtsText, ts.ScriptTarget.Latest, true);
    const cls = /** @type {import('typescript').ClassDeclaration | undefined} */ (sf.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === name));
    if (!cls) throw new Error(`gen-schema: class ${name} not found in its declaration file`);
    /** @type {[string, string, number, number][]} */
    const fields = [];
    for (const m of cls.members) {
      if (!ts.isPropertyDeclaration(m)) continue;
      if (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
      const tsName = ts.isStringLiteral(m.name) || ts.isIdentifier(m.name) ? m.name.text : m.name.getText();
      const attr = attrs.get(tsName);
      if (!attr) throw new Error(`gen-schema: ${name}.${tsName} has no attributeTypeMap entry`);
      if (!m.type) throw new Error(`gen-schema: ${name}.${tsName} has no type`);
      const type = encodeType(m.type, attr.format, name, tsName);
      fields.push([attr.json, type, m.questionToken ? 0 : 1, docId(jsDocOf(m))]);
    }
    if (fields.length !== attrs.size) throw new Error(`gen-schema: ${name}: ${fields.length} fields in the .d.ts, ${attrs.size} in attributeTypeMap`);
    types[name] = [docId(jsDocOf(cls)), fields];
  }

  // 3. Quantity fields.
  const byBase = new Map();
  for (const n of Object.keys(types)) {
    const b = baseName(n);
    if (!byBase.has(b)) byBase.set(b, []);
    byBase.get(b).push(n);
  }
  for (const [base, fieldNames] of Object.entries(QUANTITY_FIELDS)) {
    const names = byBase.get(base) ?? [];
    for (const f of fieldNames) {
      let found = 0;
      for (const n of names) {
        for (const fld of types[n][1]) {
          if (fld[0] !== f) continue;
          const t = fld[1];
          const q = t === 'string' ? 'Quantity' : t === '{}string' ? '{}Quantity' : t === '[]string' ? '[]Quantity' : undefined;
          if (!q) throw new Error(`gen-schema: QUANTITY_FIELDS ${base}.${f} is ${t} in ${n}, not a string, map or list of strings`);
          fld[1] = q;
          found++;
        }
      }
      if (!found) throw new Error(`gen-schema: QUANTITY_FIELDS names ${base}.${f}, which no served type has`);
    }
  }

  const kindList = [...kinds.values()]
    .sort((a, b) => a.apiVersion.localeCompare(b.apiVersion) || a.kind.localeCompare(b.kind))
    .map((k) => [k.apiVersion, k.kind, k.type, k.namespaced ? 1 : 0, k.plural]);
  const sortedTypes = Object.fromEntries(
    Object.keys(types)
      .sort()
      .map((k) => [k, types[k]]),
  );
  const out = { source: `@kubernetes/client-node@${pkgVersion} (OpenAPI release-1.36)`, kinds: kindList, types: sortedTypes, docs };
  const json = JSON.stringify(out);
  mkdirSync(outDir, { recursive: true });
  const old = existsSync(outFile) ? readFileSync(outFile, 'utf8') : undefined;
  if (old !== json) writeFileSync(outFile, json);
  else utimesSync(outFile, new Date(), new Date()); // unchanged: only mark it fresh
  console.log(
    `gen-schema: ${kindList.length} kinds, ${Object.keys(types).length} types (${filesParsed} declaration files), ` +
      `${docs.length} docs, ${(json.length / 1024).toFixed(0)} KiB → ${path.relative(root, outFile)} in ${Date.now() - started} ms`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === selfFile) main();
