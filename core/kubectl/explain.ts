// `kubectl explain TYPE[.FIELD...] [--recursive]` from the schema catalog the linter uses, printed
// as kubectl 1.32 prints the OpenAPI v3 documents `kube-dorm serve` generates from that catalog
// (kubectl's explain/v2 plaintext template): GROUP/KIND/VERSION, FIELD, DESCRIPTION wrapped at 80
// columns, FIELDS with `<type>` and `-required-`.
import { innermost, kindsNamed, typeInfo, type FieldInfo, type FieldType } from '../schema/catalog';
import { fieldInVersion, servedIn } from '../schema/versions';

/** The type's name as the OpenAPI document names it, last segment (`V1DeploymentStrategy` → `DeploymentStrategy`). */
const refName = (name: string) => name.replace(/^V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '');

/**
 * The schemas the OpenAPI documents give Kubernetes' string-valued special types (served by
 * core/apiserver/openapi.ts): explain names them `string` and appends their description.
 */
export const SPECIAL_TYPES: Record<string, { schema: string; doc: string; format?: string }> = {
  IntOrString: {
    schema: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    doc: 'IntOrString is a type that can hold an int32 or a string.',
    format: 'int-or-string',
  },
  Quantity: { schema: 'io.k8s.apimachinery.pkg.api.resource.Quantity', doc: 'Quantity is a fixed-point representation of a number (e.g. 500m, 128Mi).' },
  'date-time': {
    schema: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
    doc: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.',
    format: 'date-time',
  },
};

/** kubectl's `<type>`: OpenAPI types (`integer`, `Object`) and referenced schemas by name. */
function typeText(t: FieldType): string {
  switch (t.kind) {
    case 'primitive':
      if (t.name === 'int32' || t.name === 'int64') return 'integer';
      if (t.name in SPECIAL_TYPES) return 'string';
      if (t.name === 'any') return 'Object';
      return t.name;
    case 'ref':
      return refName(t.name);
    case 'array':
      return `[]${typeText(t.of)}`;
    case 'map':
      return `map[string]${typeText(t.of)}`;
  }
}

/** The field's own description (the catalog repeats its type's description on fields without one). */
export function ownDoc(f: FieldInfo): string {
  const inner = innermost(f.type);
  return inner.kind === 'ref' && typeInfo(inner.name)?.doc === f.doc ? '' : f.doc;
}

/** Go-template `wrap`: words to lines of at most `width` columns (a longer word stands alone). */
function wrap(text: string, indent: string, width = 80): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    // Split on single spaces: a double space in the text stays double, as kubectl keeps it.
    for (const word of para.split(' ')) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out.join('\n') + '\n';
}

/**
 * The fields of a catalog type that the targeted Kubernetes `version` has (every one without a
 * target): its API server's OpenAPI documents none of the newer ones.
 */
function fieldsAt(typeName: string, version: string | undefined): FieldInfo[] {
  const t = typeInfo(typeName);
  if (!t) return [];
  return [...t.fields.values()].filter((f) => !version || fieldInVersion(typeName, f.name, version) !== 'no');
}

function recursive(type: FieldType, indent: string, seen: string[], version: string | undefined): string {
  const inner = innermost(type);
  if (inner.kind !== 'ref' || seen.includes(inner.name)) return '';
  let s = '';
  for (const f of fieldsAt(inner.name, version)) {
    s += `${indent}${f.name}\t<${typeText(f.type)}>${f.required ? ' -required-' : ''}\n`;
    s += recursive(f.type, indent + '  ', [...seen, inner.name], version);
  }
  return s;
}

function fields(type: FieldType, deep: boolean, version: string | undefined): string {
  const inner = innermost(type);
  if (inner.kind !== 'ref') return '';
  const list = fieldsAt(inner.name, version);
  if (!list.length) return '';
  if (deep) return 'FIELDS:\n' + recursive(type, '  ', [], version) + '\n';
  let s = 'FIELDS:\n';
  for (const f of list) {
    const doc = ownDoc(f);
    s += `  ${f.name}\t<${typeText(f.type)}>${f.required ? ' -required-' : ''}\n` + (doc ? wrap(doc, '    ') : '    <no description>\n') + '\n';
  }
  return s + '\n';
}

/**
 * What `kubectl explain` prints, or an error line (kubectl's wording). With a targeted Kubernetes
 * `version` (`serve --kubernetes-version`), as that version's API server documents it: a kind it
 * does not serve is not there, nor is a field added after it.
 */
export function explain(kind: string, path: string[], deep: boolean, version?: string): { text: string; error?: boolean } {
  const k = kindsNamed(kind).find((x) => !version || servedIn(x.apiVersion, x.kind, version) !== 'no');
  if (!k) return { text: `the server doesn't have a resource type "${kind}"\n`, error: true };
  let type: FieldType = { kind: 'ref', name: k.type };
  let field: FieldInfo | undefined;
  // kubectl prints the header before it finds that a field does not exist.
  let s = (k.group ? `GROUP:      ${k.group}\n` : '') + `KIND:       ${k.kind}\nVERSION:    ${k.version}\n\n`;
  for (const seg of path) {
    const inner = innermost(type);
    const f = inner.kind === 'ref' ? fieldsAt(inner.name, version).find((x) => x.name === seg) : undefined;
    if (!f) return { text: `${s}error: field "${seg}" does not exist\n`, error: true };
    field = f;
    type = f.type;
  }
  if (field) s += `FIELD: ${field.name} <${typeText(field.type)}>\n\n`;
  const inner = innermost(type);
  const typeDoc = inner.kind === 'ref' ? (typeInfo(inner.name)?.doc ?? '') : inner.kind === 'primitive' ? (SPECIAL_TYPES[inner.name]?.doc ?? '') : '';
  const docs = [field ? ownDoc(field) : '', typeDoc].filter(Boolean);
  if (field) s += '\n';
  s += 'DESCRIPTION:\n' + (docs.length ? wrap(docs.join('\n'), '    ') : '    <empty>\n') + '    \n';
  return { text: s + fields(type, deep, version) };
}
