// Static validation of one lesson: every check and action names a real one, every text exists in
// both languages, every quiz answer is a real choice, and every starter manifest lints to exactly
// the diagnostics it is meant to have. Problems are structured (file in the lesson folder + the YAML
// path of the offending node), so `kube-dorm lesson check` and the language server can point at the
// line, and `validateLesson` formats them for the build-time validator.
import { Workspace } from '../workspace/index';
import { lintFile } from '../lint';
import { ACTION_TYPES, CHECK_TYPES, type Action, type Check, type Lesson, type LessonLocale } from './types';
import { isObj } from '../k8s/guards';

export type YamlPath = (string | number)[];

/** One thing wrong with a lesson: `file` is relative to the lesson folder (`lesson.yaml`, `en.yaml`, `files/x.yaml`). */
export interface LessonProblem {
  file: string;
  /** Path of the offending node in that file (empty: the file as a whole). */
  path: YamlPath;
  message: string;
}

const LOCALES: LessonLocale[] = ['en', 'zh-cn'];
const DEF = 'lesson.yaml';

/** Everything wrong with a lesson, as structured problems (empty when it is fine). */
export function lessonProblems(l: Lesson): LessonProblem[] {
  const p: LessonProblem[] = [];
  const err = (message: string, path: YamlPath = [], file = DEF) => p.push({ file, path, message });
  const d = l.def;
  if (typeof d.id !== 'string' || !/^[a-z0-9-]+$/.test(d.id)) err('id must be lowercase letters, digits and -', ['id']);
  if (!Number.isInteger(d.number)) err('number must be an integer', ['number']);
  if (!Array.isArray(d.files)) err('files must be a list', ['files']);
  if (!Array.isArray(d.steps) || !d.steps.length) err('steps must be a non-empty list', ['steps']);
  if (!Array.isArray(d.quiz) || d.quiz.length < 2 || d.quiz.length > 3) err('quiz must have 2 or 3 questions', ['quiz']);
  if (p.length) return p;
  validateSteps(l, err);
  for (const loc of LOCALES) validateText(l, loc, (m, path) => err(m, path, `${loc}.yaml`));
  const en = l.text.en;
  const zh = l.text['zh-cn'];
  if (isObj(en) && isObj(zh)) {
    d.quiz.forEach((q, i) => {
      if (en.quiz?.[q.id]?.choices?.length !== zh.quiz?.[q.id]?.choices?.length)
        err(`quiz ${q.id}: en and zh-cn have different numbers of choices`, ['quiz', i]);
    });
    if ((en.checklist?.length ?? 0) !== (zh.checklist?.length ?? 0)) err('checklist: en and zh-cn differ in length');
  }
  validateStarters(l, err);
  return p;
}

type Err = (message: string, path?: YamlPath, file?: string) => void;

function validateSteps(l: Lesson, err: Err): void {
  const d = l.def;
  const files = new Set(d.files.map((f) => f?.name));
  const ids = new Set<string>();
  const checkFile = (f: unknown, ctx: string, path: YamlPath) => {
    if (typeof f !== 'string' || !files.has(f)) err(`${ctx}: file ${JSON.stringify(f)} is not a starter file of this lesson`, path);
  };
  const checkCheck = (c: Check, ctx: string, path: YamlPath): void => {
    if (!isObj(c)) return void err(`${ctx}: a check must be a mapping`, path);
    const keys = Object.keys(c);
    if (keys.length !== 1) return void err(`${ctx}: a check has exactly one key (got ${keys.join(', ') || 'none'})`, path);
    const k = keys[0];
    if (!(CHECK_TYPES as readonly string[]).includes(k)) return void err(`${ctx}: unknown check "${k}" (known: ${CHECK_TYPES.join(', ')})`, [...path, k]);
    const v: unknown = (c as Record<string, unknown>)[k];
    const at = [...path, k];
    if (k === 'all' || k === 'any') {
      if (!Array.isArray(v) || !v.length) return void err(`${ctx}.${k}: must be a non-empty list`, at);
      v.forEach((x: Check, i: number) => checkCheck(x, `${ctx}.${k}[${i}]`, [...at, i]));
      return;
    }
    if (k === 'not') return checkCheck(v as Check, `${ctx}.not`, at);
    if (!isObj(v)) return void err(`${ctx}.${k}: must be a mapping`, at);
    if (k === 'pods' && !/^\w+\/[a-z0-9.-]+$/.test(String(v.owner))) err(`${ctx}.pods.owner must be Kind/name`, [...at, 'owner']);
    if (k === 'diagnostics' || k === 'file') checkFile(v.file, `${ctx}.${k}`, [...at, 'file']);
    if (k === 'command' || (k === 'file' && v.matches !== undefined)) {
      try {
        new RegExp(String(v.matches));
      } catch {
        err(`${ctx}.${k}.matches is not a regular expression`, [...at, 'matches']);
      }
    }
    if (k === 'object' && (typeof v.kind !== 'string' || typeof v.name !== 'string')) err(`${ctx}.object needs kind and name`, at);
    if (k === 'file' && (typeof v.kind !== 'string' || typeof v.path !== 'string')) err(`${ctx}.file needs kind and path`, at);
  };
  const checkAction = (a: Action, ctx: string, path: YamlPath) => {
    if (!isObj(a)) return void err(`${ctx}: an action must be a mapping`, path);
    const k = Object.keys(a).find((x) => (ACTION_TYPES as readonly string[]).includes(x));
    if (!k) return void err(`${ctx}: unknown action ${JSON.stringify(Object.keys(a))}`, path);
    const v: unknown = (a as Record<string, unknown>)[k];
    if (k === 'apply' || k === 'open') checkFile(v, ctx, [...path, k]);
    if (k === 'set' || k === 'remove' || k === 'append' || k === 'quickfix') checkFile(isObj(v) ? v.file : undefined, `${ctx}.${k}`, [...path, k, 'file']);
    if (k === 'scale' && !Number.isInteger((a as { replicas?: unknown }).replicas)) err(`${ctx}: scale needs replicas`, path);
  };
  d.steps.forEach((s, i) => {
    const ctx = `steps[${i}] (${s?.id})`;
    const at: YamlPath = ['steps', i];
    if (typeof s?.id !== 'string' || !s.id) {
      err(`${ctx}: id missing`, at);
      return;
    }
    if (ids.has(s.id)) err(`${ctx}: duplicate step id`, [...at, 'id']);
    ids.add(s.id);
    if (s.file !== undefined) checkFile(s.file, ctx, [...at, 'file']);
    checkCheck(s.check, `${ctx}.check`, [...at, 'check']);
    if (!Array.isArray(s.show) || !s.show.length) err(`${ctx}: "show" (Show me) must list at least one action`, at);
    else s.show.forEach((a, j) => checkAction(a, `${ctx}.show[${j}]`, [...at, 'show', j]));
    (s.controls ?? []).forEach((a, j) => checkAction(a, `${ctx}.controls[${j}]`, [...at, 'controls', j]));
  });
}

function validateText(l: Lesson, loc: LessonLocale, err: (m: string, path?: YamlPath) => void): void {
  const d = l.def;
  const t = l.text[loc];
  if (!isObj(t)) return void err('missing');
  if (typeof t.title !== 'string' || !t.title.trim()) err('title missing', ['title']);
  if (typeof t.summary !== 'string' || !t.summary.trim()) err('summary missing', ['summary']);
  const ids = new Set(d.steps.map((s) => s.id));
  for (const s of d.steps) {
    const st = t.steps?.[s.id];
    if (!isObj(st)) {
      err(`no text for step ${s.id}`, ['steps']);
      continue;
    }
    for (const f of ['title', 'analogy', 'explain', 'task'] as const)
      if (typeof st[f] !== 'string' || !st[f].trim()) err(`step ${s.id}.${f} missing`, ['steps', s.id]);
    if (!Array.isArray(st.hints) || !st.hints.length || st.hints.some((h) => typeof h !== 'string' || !h.trim()))
      err(`step ${s.id}.hints must list at least one hint`, ['steps', s.id, 'hints']);
  }
  for (const id of Object.keys(t.steps ?? {})) if (!ids.has(id)) err(`text for unknown step ${id}`, ['steps', id]);
  for (const q of d.quiz) {
    const qt = t.quiz?.[q.id];
    if (!isObj(qt)) {
      err(`no text for quiz ${q.id}`, ['quiz']);
      continue;
    }
    if (typeof qt.question !== 'string' || !qt.question.trim()) err(`quiz ${q.id}.question missing`, ['quiz', q.id]);
    if (typeof qt.explanation !== 'string' || !qt.explanation.trim()) err(`quiz ${q.id}.explanation missing`, ['quiz', q.id]);
    if (!Array.isArray(qt.choices) || qt.choices.length < 2) err(`quiz ${q.id}.choices must list 2 or more`, ['quiz', q.id]);
    else if (!Number.isInteger(q.answer) || q.answer < 0 || q.answer >= qt.choices.length)
      err(`quiz ${q.id}: answer ${q.answer} is not one of the ${qt.choices.length} choices`, ['quiz', q.id, 'choices']);
  }
}

/** Starter manifests: lint them together (as the lesson folder) and compare with what is intended. */
function validateStarters(l: Lesson, err: Err): void {
  const d = l.def;
  const ws = new Workspace();
  const uri = (n: string) => `file:///kube-dorm-lessons/${d.id}/${n}`;
  d.files.forEach((f, i) => {
    const text = l.starters[f.name];
    if (typeof text !== 'string') err('missing', ['files', i], `files/${f.name}`);
    else ws.set(uri(f.name), text);
  });
  d.files.forEach((f, i) => {
    if (typeof l.starters[f.name] !== 'string') return;
    const got = [
      ...new Set(
        lintFile(ws, uri(f.name))
          .filter((x) => x.severity === 'error' || x.severity === 'warning')
          .map((x) => x.code),
      ),
    ].sort();
    const want = [...new Set(f.expect ?? [])].sort();
    if (got.join(',') !== want.join(',')) err(`lints to [${got.join(', ')}], intended [${want.join(', ')}]`, ['files', i, 'expect'], `files/${f.name}`);
  });
}

/** The build-time validator's one-line form: `DIR: FILE: message` (the file is left out for lesson.yaml). */
export function validateLesson(l: Lesson): string[] {
  const where = l.def.dir ?? l.def.id;
  return lessonProblems(l).map((x) => `${where}: ${x.file === DEF ? '' : `${x.file}: `}${x.message}`);
}
