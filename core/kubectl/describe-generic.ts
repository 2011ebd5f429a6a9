// kubectl's generic describer (describe.go genericDescriber), which describes the kinds without a
// describer of their own — Events among them: name, namespace, labels, annotations, then every
// other field sorted by name under a "smart label" (`involvedObject` → `Involved Object`), nested
// objects indented, and the object's own Events. The Events are the API server's folded Events
// (core/cluster/event-log.ts), the very objects `kube-dorm serve` lists.
import type { Cluster } from '../cluster/cluster';
import { EventLog } from '../cluster/event-log';
import type { KObject } from '../cluster/store';
import { labelsBlock } from './describe';

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** fatih/camelcase's Split: runs of lower case, upper case, digits and other characters; `PDFLoader` → `PDF`, `Loader`. */
function camelSplit(s: string): string[] {
  const cls = (ch: string) => (/[a-z]/.test(ch) ? 1 : /[A-Z]/.test(ch) ? 2 : /\d/.test(ch) ? 3 : 4);
  const runs: string[] = [];
  for (const ch of s) {
    const last = runs.at(-1);
    if (last !== undefined && cls(last.at(-1)!) === cls(ch)) runs[runs.length - 1] += ch;
    else runs.push(ch);
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (cls(runs[i][0]) === 2 && cls(runs[i + 1][0]) === 1) {
      runs[i + 1] = runs[i].slice(-1) + runs[i + 1];
      runs[i] = runs[i].slice(0, -1);
    }
  }
  return runs.filter(Boolean);
}

/** describe.go smartLabelFor: `apiVersion` → `API Version`; a field with other characters than letters and `-` stays as it is. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

/** Go's `%v` of a decoded JSON scalar. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return `${v}`;
  return JSON.stringify(v);
}

/** describe.go printUnstructuredContent: fields sorted, maps and lists nested one level deeper, `skip` paths left out. */
function unstructured(content: Record<string, unknown>, level: number, prefix: string, skip: string[]): string {
  const pad = '  '.repeat(level);
  let s = '';
  for (const field of Object.keys(content).sort()) {
    const path = `${prefix}.${field}`;
    if (skip.includes(path)) continue;
    const v = content[field];
    if (Array.isArray(v)) {
      s += `${pad}${smartLabel(field)}:\n`;
      for (const child of v)
        s +=
          child && typeof child === 'object' && !Array.isArray(child)
            ? unstructured(child as Record<string, unknown>, level + 1, path, skip)
            : `${pad}  ${goValue(child)}\n`;
    } else if (v && typeof v === 'object') s += `${pad}${smartLabel(field)}:\n` + unstructured(v as Record<string, unknown>, level + 1, path, skip);
    else s += `${pad}${smartLabel(field)}:\t${goValue(v)}\n`;
  }
  return s;
}

/** The generic description of an object (as JSON carries it: absent fields are absent), before alignment. */
export function describeGeneric(o: KObject): string {
  const obj = JSON.parse(JSON.stringify(o)) as KObject;
  let s = `Name:\t${obj.metadata.name}\nNamespace:\t${obj.metadata.namespace ?? ''}\n`;
  s += labelsBlock('Labels', obj.metadata.labels) + labelsBlock('Annotations', obj.metadata.annotations, ': ');
  const skip = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];
  // An Event is involved in no Event itself.
  return s + unstructured(obj, 0, '', skip) + 'Events:\t<none>\n';
}

const logs = new WeakMap<Cluster, EventLog>();

/** The cluster's Events as the API server lists them now (one fold per cluster, kept up to date). */
export function apiEvents(c: Cluster): KObject[] {
  let log = logs.get(c);
  if (!log) logs.set(c, (log = new EventLog(c, () => c.store.lastResourceVersion)));
  return log.list(c.store.lastResourceVersion);
}
