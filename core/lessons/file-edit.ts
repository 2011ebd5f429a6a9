// Edits of a lesson file's text, as "Show me" makes them and as a variant's `break` makes its starter
// (`set` / `remove` a field of a resource, `append` a document): through the editor's own YAML edits,
// so comments and layout around the field stay as the author wrote them.
import { stringify } from 'yaml';
import { parseFile } from '../manifest/parse';
import { addKey, applyEdits, deleteKey, replaceValue, yamlScalar, type TextEdit } from '../editor/edits';
import { getAt } from '../k8s/podspec';

export type FieldEdit =
  | { set: { file: string; kind: string; name?: string; path: string; value: unknown } }
  | { remove: { file: string; kind: string; name?: string; path: string } };

export function splitPath(p: string): (string | number)[] {
  return p
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The text with one field set or removed; `error` (kubectl-style, `error: ...`) when the resource or field cannot be edited. */
export function editField(uri: string, text: string, a: FieldEdit): { text: string } | { error: string } {
  const s = 'set' in a ? a.set : a.remove;
  const file = parseFile(uri, text);
  const res = file.resources.find((r) => r.kind === s.kind && (s.name === undefined || r.name === s.name));
  if (!res) return { error: `error: no ${s.kind} in ${s.file}` };
  const path = splitPath(s.path);
  let e: TextEdit | undefined;
  if ('remove' in a) e = deleteKey(res, path);
  else {
    const value = a.set.value;
    const exists = getAt(res.obj, path) !== undefined;
    const scalar = value === null || typeof value !== 'object';
    if (exists && scalar) e = replaceValue(res, path, yamlScalar(value as string));
    else if (exists) {
      // A list or mapping replaces the old value: remove it, then add the new one.
      const del = deleteKey(res, path);
      if (!del) return { error: `error: cannot edit ${s.path}` };
      return editField(uri, applyEdits(text, file.lines, [del]), a);
    } else {
      const lines = scalar ? [yamlScalar(value as string)] : stringify(value, { lineWidth: 0 }).trimEnd().split('\n');
      e = addKey(res, path.slice(0, -1), String(path[path.length - 1]), lines);
    }
  }
  if (!e) return { error: `error: cannot edit ${s.path} in ${s.file}` };
  return { text: applyEdits(text, file.lines, [e]) };
}

/** The text with another YAML document appended (after `---` when the file has one already). */
export function appendDocument(text: string, add: string): string {
  const sep = text.endsWith('\n') || !text ? '' : '\n';
  return `${text}${sep}${text.trim() ? '---\n' : ''}${add.replace(/\n*$/, '\n')}`;
}
