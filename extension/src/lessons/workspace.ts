// Lessons anyone can write: every `.kube-dorm/lessons/NAME/` folder of the open workspace is a lesson
// in the built-in format, listed after the built-in ones. A lesson whose files do not validate is
// listed with its problem count (the language server shows them in Problems) and cannot be opened;
// an id a built-in lesson already has is refused. Reads go through vscode.workspace.fs, so this
// works in the browser too. "Kube Dorm: New Lesson" scaffolds one that passes `lesson check`.
import * as vscode from 'vscode';
import { readYaml as parse } from '../../../core/manifest/read-yaml';
import { isObj } from '../../../core/k8s/guards';
import { loadLesson, lessonProblems, type Lesson } from '../../../core/lessons/index';
import { isLessonName, scaffoldLesson } from '../../../core/lessons/scaffold';
import { t, type Locale } from '../../../core/i18n/index';
import { lessonMsg } from '../../../core/lessons/messages';

export const WORKSPACE_LESSONS = '.kube-dorm/lessons';

/** A workspace lesson that cannot be opened: its files do not validate, its id is taken, or it cannot be read. */
export type InvalidLesson = { name: string; folder: vscode.Uri } & (
  { why: 'problems'; count: number } | { why: 'taken'; id: string } | { why: 'unreadable'; reason: string }
);

export interface WorkspaceLessons {
  /** Valid lessons, in folder-name order. */
  lessons: Lesson[];
  /** Lessons that cannot be opened, and why. */
  invalid: InvalidLesson[];
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The lessons of every workspace folder's `.kube-dorm/lessons`; `taken` are the built-in ids. */
export async function loadWorkspaceLessons(taken: ReadonlySet<string>): Promise<WorkspaceLessons> {
  const out: WorkspaceLessons = { lessons: [], invalid: [] };
  const ids = new Set(taken);
  for (const wf of vscode.workspace.workspaceFolders ?? []) {
    const root = vscode.Uri.joinPath(wf.uri, ...WORKSPACE_LESSONS.split('/'));
    let entries: [string, vscode.FileType][] = [];
    try {
      entries = await vscode.workspace.fs.readDirectory(root);
    } catch {
      continue;
    }
    for (const [name, type] of entries.sort((a, b) => a[0].localeCompare(b[0]))) {
      if (type !== vscode.FileType.Directory) continue;
      const folder = vscode.Uri.joinPath(root, name);
      const texts = new Map<string, string>();
      const wanted = ['lesson.yaml', 'en.yaml', 'zh-cn.yaml'];
      try {
        for (const f of wanted) texts.set(f, await readText(vscode.Uri.joinPath(folder, f)));
        const def: unknown = parse(texts.get('lesson.yaml') ?? '');
        const files: unknown[] = isObj(def) && Array.isArray(def.files) ? def.files : [];
        for (const f of files) {
          if (!isObj(f) || typeof f.name !== 'string' || f.name.includes('..')) continue;
          try {
            texts.set(`files/${f.name}`, await readText(vscode.Uri.joinPath(folder, 'files', f.name)));
          } catch {
            /* reported by the validator as a missing starter */
          }
        }
        const lesson = loadLesson((rel) => {
          const text = texts.get(rel.replace(/^\.\//, ''));
          if (text === undefined) throw new Error(`${rel}: missing`);
          return text;
        }, '.');
        lesson.def.dir = folder.toString();
        const problems = lessonProblems(lesson).length;
        if (problems || ids.has(lesson.def.id)) {
          out.invalid.push(problems ? { name, folder, why: 'problems', count: problems } : { name, folder, why: 'taken', id: lesson.def.id });
          continue;
        }
        ids.add(lesson.def.id);
        out.lessons.push(lesson);
      } catch (e) {
        out.invalid.push({ name, folder, why: 'unreadable', reason: String((e as Error)?.message ?? e).split('\n')[0] });
      }
    }
  }
  return out;
}

/** "Kube Dorm: New Lesson": asks for a name, writes the scaffold into the first workspace folder, opens lesson.yaml. */
export async function newLesson(locale: Locale): Promise<void> {
  const wf = vscode.workspace.workspaceFolders?.[0];
  if (!wf) {
    void vscode.window.showErrorMessage(t('lesson.new.noFolder', locale));
    return;
  }
  const root = vscode.Uri.joinPath(wf.uri, ...WORKSPACE_LESSONS.split('/'));
  const name = await vscode.window.showInputBox({
    title: t('lesson.new.title', locale),
    prompt: t('lesson.new.prompt', locale),
    validateInput: (v) => (isLessonName(v) ? undefined : t('lesson.new.badName', locale)),
  });
  if (!name) return;
  const folder = vscode.Uri.joinPath(root, name);
  try {
    await vscode.workspace.fs.stat(folder);
    void vscode.window.showErrorMessage(t(lessonMsg('lesson.new.exists', { name }), locale));
    return;
  } catch {
    /* free: go on */
  }
  let count = 0;
  try {
    count = (await vscode.workspace.fs.readDirectory(root)).filter(([, type]) => type === vscode.FileType.Directory).length;
  } catch {
    count = 0;
  }
  for (const [rel, text] of Object.entries(scaffoldLesson(name, count + 1)))
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, ...rel.split('/')), new TextEncoder().encode(text));
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'lesson.yaml'));
}
