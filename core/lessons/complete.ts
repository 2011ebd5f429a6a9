// Completion in a workspace lesson's files, from the lesson format's JSON Schema (schema.ts): the
// keys a mapping may have (with their descriptions), the check and action names where a check or an
// action goes, and true/false where a boolean goes. Works on half-typed text (cursorContext reads
// indentation, not a parse).
import { cursorContext } from '../editor/context';
import { wordEnd, type CompletionItem } from '../editor/complete';
import { LineIndex } from '../manifest/lines';
import { lessonFileOf } from './ws-diagnostics';
import { lessonSchema, lessonTextSchema } from './schema';

type Schema = Record<string, unknown>;

function deref(s: Schema | undefined, root: Schema): Schema | undefined {
  const ref = s?.$ref;
  if (typeof ref !== 'string') return s;
  const name = ref.replace('#/definitions/', '');
  return (root.definitions as Record<string, Schema>)[name];
}

/** The schema of the node at `path` (list items as numbers); for a one-key union, the variant named by the path. */
export function schemaAt(root: Schema, path: (string | number)[]): Schema | undefined {
  let cur: Schema | undefined = root;
  for (const seg of path) {
    cur = deref(cur, root);
    if (!cur) return undefined;
    if (typeof seg === 'number') {
      cur = cur.items as Schema | undefined;
      continue;
    }
    const variants = cur.oneOf as Schema[] | undefined;
    const holder: Schema | undefined = variants ? variants.find((v) => (v.properties as Schema)?.[seg]) : cur;
    const props = holder?.properties as Record<string, Schema> | undefined;
    cur = props?.[seg] ?? (typeof holder?.additionalProperties === 'object' ? (holder.additionalProperties as Schema) : undefined);
  }
  return deref(cur, root);
}

/** Completion items for a lesson file at `offset`; empty for any other file. */
export function completeLessonFile(uri: string, text: string, offset: number): CompletionItem[] {
  const at = lessonFileOf(uri);
  if (!at) return [];
  const root = at.file === 'lesson.yaml' ? lessonSchema : lessonTextSchema;
  const ctx = cursorContext(text, new LineIndex(text), offset);
  if (!ctx) return [];
  const base = { replaceStart: ctx.wordStart, replaceEnd: wordEnd(text, offset) };
  if (ctx.position === 'value') {
    const s = schemaAt(root, [...ctx.parentPath, ctx.key ?? '']);
    if (s?.type !== 'boolean') return [];
    return ['true', 'false'].map((v) => ({ ...base, label: v, kind: 'value' as const, insertText: v }));
  }
  const node = schemaAt(root, ctx.parentPath);
  if (!node) return [];
  const out: CompletionItem[] = [];
  const add = (key: string, s: Schema | undefined, required: boolean) => {
    if (ctx.siblings.has(key)) return;
    const target = deref(s, root);
    const nested = target?.type === 'object' || target?.type === 'array' || target?.oneOf !== undefined;
    out.push({
      ...base,
      label: key,
      kind: 'field',
      detail: required ? 'required' : undefined,
      documentation: typeof s?.description === 'string' ? s.description : typeof target?.description === 'string' ? target.description : undefined,
      insertText: nested ? `${key}:\n${' '.repeat(ctx.indent + 2)}` : `${key}: `,
      sortText: `${required ? 0 : 1}-${key}`,
    });
  };
  const variants = node.oneOf as Schema[] | undefined;
  if (variants) {
    // A check or an action: one key, so nothing more once one is there.
    if (ctx.siblings.size) return [];
    for (const v of variants) {
      const key = (v.required as string[])[0];
      add(key, (v.properties as Record<string, Schema>)[key], false);
    }
    return out;
  }
  const required = new Set((node.required as string[] | undefined) ?? []);
  for (const [k, s] of Object.entries((node.properties as Record<string, Schema> | undefined) ?? {})) add(k, s, required.has(k));
  return out;
}
