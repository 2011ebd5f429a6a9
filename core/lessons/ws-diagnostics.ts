// Lesson files in the editor: a workspace lesson (`.kube-dorm/lessons/NAME/{lesson,en,zh-cn}.yaml`)
// is validated as `kube-dorm lesson check` validates it (without playing the steps, which needs the
// simulator), and each problem becomes a `lesson-invalid` diagnostic at the node it names. The
// lesson's files are read from the workspace the language server already holds, and validated once
// per set of their versions: an edit re-publishes all three files from one validation.
import { YAMLParseError } from 'yaml';
import { readYaml } from '../manifest/read-yaml';
import type { KDiagnostic } from '../manifest/types';
import { rangeInDoc, type ParsedFile } from '../manifest/parse';
import type { Workspace } from '../workspace/index';
import { isObj } from '../k8s/guards';
import { lessonProblems, type LessonProblem } from './validate';
import type { Lesson, LessonDef, LessonText } from './types';

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

/** What a lesson's files say, computed once per set of file versions (a keystroke re-checks three files). */
interface LessonState {
  /** The versions it was computed from: the lesson's three files, then its starters. */
  files: (ParsedFile | undefined)[];
  starterUris: string[];
  /** File name → its YAML error, for the files that do not parse. */
  syntax: Map<string, unknown>;
  problems: LessonProblem[];
}

const states = new WeakMap<Workspace, Map<string, LessonState>>();
const NAMES = ['lesson.yaml', 'en.yaml', 'zh-cn.yaml'] as const;

function stateOf(ws: Workspace, root: string): LessonState {
  let byRoot = states.get(ws);
  if (!byRoot) states.set(ws, (byRoot = new Map()));
  const files = NAMES.map((n) => ws.get(root + n));
  const old = byRoot.get(root);
  if (old && files.every((f, i) => f === old.files[i]) && old.starterUris.every((u, i) => ws.get(u) === old.files[NAMES.length + i])) return old;
  const syntax = new Map<string, unknown>();
  const data = NAMES.map((n, i) => {
    const text = files[i]?.text;
    if (text === undefined) return undefined;
    try {
      return readYaml(text);
    } catch (e) {
      syntax.set(n, e);
      return undefined;
    }
  });
  const [def, en, zh] = data;
  const starterUris: string[] = [];
  const starters: Record<string, string> = {};
  for (const f of isObj(def) && Array.isArray(def.files) ? def.files : []) {
    if (!isObj(f) || typeof f.name !== 'string') continue;
    const u = `${root}files/${f.name}`;
    starterUris.push(u);
    const text = ws.get(u)?.text;
    if (text !== undefined) starters[f.name] = text;
  }
  // The decoded lesson.yaml taken as a LessonDef: lessonProblems checks its shape next and reports what is wrong.
  const lesson: Lesson | undefined = isObj(def)
    ? { def: { ...(def as unknown as LessonDef), dir: root }, text: { en: en as LessonText, 'zh-cn': zh as LessonText }, starters }
    : undefined;
  const state = { files: [...files, ...starterUris.map((u) => ws.get(u))], starterUris, syntax, problems: lesson ? lessonProblems(lesson) : [] };
  byRoot.set(root, state);
  return state;
}

/** Problems of the lesson that `uri` belongs to, located in `uri`. */
export function lessonFileDiagnostics(ws: Workspace, uri: string): KDiagnostic[] {
  const at = lessonFileOf(uri);
  const file = ws.get(uri);
  if (!at || !file) return [];
  const state = stateOf(ws, at.root);
  const bad = state.syntax.get(at.file);
  if (bad !== undefined) {
    // Not a manifest, so the parser kept quiet about its syntax; a lesson file is worth reporting.
    const off = bad instanceof YAMLParseError ? bad.pos[0] : 0;
    const detail = String((bad as Error)?.message ?? bad).slice(0, 200);
    return [{ uri, range: file.lines.range(off, off + 1), severity: 'error', code: 'yaml-syntax', message: { id: 'yaml-unparseable', args: { detail } } }];
  }
  const doc = file.docs[0];
  return state.problems
    .filter((p) => p.file === at.file)
    .map((p) => ({
      uri,
      range: doc ? rangeInDoc(doc, p.path, 'key') : file.lines.range(0, 0),
      severity: 'error' as const,
      code: 'lesson-invalid',
      message: p.message,
    }));
}
