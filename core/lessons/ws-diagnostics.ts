// Lesson files in the editor: a workspace lesson (`.kube-dorm/lessons/NAME/{lesson,en,zh-cn}.yaml`)
// is validated as `kube-dorm lesson check` validates it (without playing the steps, which needs the
// simulator), and each problem becomes a `lesson-invalid` diagnostic at the node it names. The
// lesson's files are read from the workspace the language server already holds.
import { parse, YAMLParseError } from 'yaml';
import type { KDiagnostic } from '../manifest/types';
import { rangeInDoc } from '../manifest/parse';
import type { Workspace } from '../workspace/index';
import { isObj } from '../k8s/guards';
import { lessonProblems } from './validate';
import type { Lesson, LessonDef, LessonLocale, LessonText } from './types';

const LESSON_FILE = /^(.*\/\.kube-dorm\/lessons\/[^/]+\/)(lesson|en|zh-cn)\.yaml$/;

/** The lesson folder's URI (ending in `/`) and the file's name, when `uri` is a lesson file. */
export function lessonFileOf(uri: string): { root: string; file: string } | undefined {
  const m = LESSON_FILE.exec(uri);
  return m ? { root: m[1], file: `${m[2]}.yaml` } : undefined;
}

/** The lesson files of the same lesson as `uri` that the workspace holds (to re-check together). */
export function siblingLessonFiles(ws: Workspace, uri: string): string[] {
  const at = lessonFileOf(uri);
  if (!at) return [];
  return ['lesson.yaml', 'en.yaml', 'zh-cn.yaml'].map((f) => at.root + f).filter((u) => u !== uri && ws.has(u));
}

function parsed(ws: Workspace, uri: string): unknown {
  const text = ws.get(uri)?.text;
  if (text === undefined) return undefined;
  try {
    return parse(text);
  } catch {
    return undefined; // the YAML problem itself is the parser's diagnostic
  }
}

/** Problems of the lesson that `uri` belongs to, located in `uri`. */
export function lessonFileDiagnostics(ws: Workspace, uri: string): KDiagnostic[] {
  const at = lessonFileOf(uri);
  const file = ws.get(uri);
  if (!at || !file) return [];
  try {
    parse(file.text);
  } catch (e) {
    // Not a manifest, so the parser kept quiet about its syntax; a lesson file is worth reporting.
    const off = e instanceof YAMLParseError ? e.pos[0] : 0;
    const detail = String((e as Error)?.message ?? e).slice(0, 200);
    return [{ uri, range: file.lines.range(off, off + 1), severity: 'error', code: 'yaml-syntax', message: { id: 'yaml-unparseable', args: { detail } } }];
  }
  const def = parsed(ws, at.root + 'lesson.yaml');
  if (!isObj(def)) return [];
  const text = {} as Record<LessonLocale, LessonText>;
  for (const l of ['en', 'zh-cn'] as const) text[l] = parsed(ws, `${at.root}${l}.yaml`) as LessonText;
  const starters: Record<string, string> = {};
  for (const f of Array.isArray(def.files) ? def.files : []) {
    const s = isObj(f) && typeof f.name === 'string' ? ws.get(`${at.root}files/${f.name}`)?.text : undefined;
    if (s !== undefined && isObj(f)) starters[f.name as string] = s;
  }
  const lesson: Lesson = { def: { ...(def as LessonDef), dir: at.root }, text, starters };
  const doc = file.docs[0];
  return lessonProblems(lesson)
    .filter((p) => p.file === at.file)
    .map((p) => ({
      uri,
      range: doc ? rangeInDoc(doc, p.path, 'key') : file.lines.range(0, 0),
      severity: 'error' as const,
      code: 'lesson-invalid',
      message: p.message,
    }));
}
