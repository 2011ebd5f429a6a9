// Loading and validating lesson data (media/lessons/NN-slug/{lesson.yaml,en.yaml,zh-cn.yaml,files/*}).
// The reader is passed in, so the extension (fs), the build-time validator and the tests share it.
// Validation is strict: every check and action names a real one, every text exists in both
// languages, every quiz answer is a real choice, and every starter manifest lints to exactly the
// diagnostics it is meant to have.
import { parse } from 'yaml';
import { Workspace } from '../workspace/index';
import { lintFile } from '../lint';
import { ACTION_TYPES, CHECK_TYPES, type Action, type Check, type Lesson, type LessonDef, type LessonLocale, type LessonText } from './types';
import { isObj } from '../k8s/guards';

export const LESSON_DIRS = ['01-pods', '02-rollout', '03-service', '04-controllers', '05-reaching', '06-doors', '07-secrets-limits', '08-configmap-volume'];
export const LESSON_LOCALES: LessonLocale[] = ['en', 'zh-cn'];

export type Reader = (relPath: string) => string;

/** Reads one lesson; throws with a readable message when a file is missing or is not YAML. */
export function loadLesson(read: Reader, dir: string): Lesson {
  const def = parse(read(`${dir}/lesson.yaml`)) as LessonDef;
  if (!isObj(def)) throw new Error(`${dir}/lesson.yaml: not a mapping`);
  def.dir = dir;
  const text = {} as Record<LessonLocale, LessonText>;
  for (const l of LESSON_LOCALES) text[l] = parse(read(`${dir}/${l}.yaml`)) as LessonText;
  const starters: Record<string, string> = {};
  for (const f of Array.isArray(def.files) ? def.files : []) starters[f.name] = read(`${dir}/files/${f.name}`);
  return { def, text, starters };
}

export function loadAllLessons(read: Reader): Lesson[] {
  return LESSON_DIRS.map((d) => loadLesson(read, d));
}

/** Everything wrong with a lesson (empty when it is fine). */
export function validateLesson(l: Lesson): string[] {
  const p: string[] = [];
  const where = l.def.dir ?? l.def.id;
  const err = (m: string) => p.push(`${where}: ${m}`);
  const d = l.def;
  if (typeof d.id !== 'string' || !/^[a-z0-9-]+$/.test(d.id)) err('id must be lowercase letters, digits and -');
  if (!Number.isInteger(d.number)) err('number must be an integer');
  if (!Array.isArray(d.files)) err('files must be a list');
  if (!Array.isArray(d.steps) || !d.steps.length) err('steps must be a non-empty list');
  if (!Array.isArray(d.quiz) || d.quiz.length < 2 || d.quiz.length > 3) err('quiz must have 2 or 3 questions');
  if (p.length) return p;
  const files = new Set(d.files.map((f) => f.name));
  const ids = new Set<string>();
  const checkFile = (f: unknown, ctx: string) => {
    if (typeof f !== 'string' || !files.has(f)) err(`${ctx}: file ${JSON.stringify(f)} is not a starter file of this lesson`);
  };
  const checkCheck = (c: Check, ctx: string): void => {
    if (!isObj(c)) return void err(`${ctx}: a check must be a mapping`);
    const keys = Object.keys(c);
    if (keys.length !== 1) return void err(`${ctx}: a check has exactly one key (got ${keys.join(', ') || 'none'})`);
    const k = keys[0];
    if (!(CHECK_TYPES as readonly string[]).includes(k)) return void err(`${ctx}: unknown check "${k}" (known: ${CHECK_TYPES.join(', ')})`);
    const v: unknown = (c as Record<string, unknown>)[k];
    if (k === 'all' || k === 'any') {
      if (!Array.isArray(v) || !v.length) return void err(`${ctx}.${k}: must be a non-empty list`);
      v.forEach((x: Check, i: number) => checkCheck(x, `${ctx}.${k}[${i}]`));
      return;
    }
    if (k === 'not') return checkCheck(v as Check, `${ctx}.not`);
    if (!isObj(v)) return void err(`${ctx}.${k}: must be a mapping`);
    if (k === 'pods' && !/^\w+\/[a-z0-9.-]+$/.test(String(v.owner))) err(`${ctx}.pods.owner must be Kind/name`);
    if ((k === 'diagnostics' || k === 'file') && true) checkFile(v.file, `${ctx}.${k}`);
    if (k === 'command' || (k === 'file' && v.matches !== undefined)) {
      try {
        new RegExp(String(v.matches));
      } catch {
        err(`${ctx}.${k}.matches is not a regular expression`);
      }
    }
    if (k === 'object' && (typeof v.kind !== 'string' || typeof v.name !== 'string')) err(`${ctx}.object needs kind and name`);
    if (k === 'file' && (typeof v.kind !== 'string' || typeof v.path !== 'string')) err(`${ctx}.file needs kind and path`);
  };
  const checkAction = (a: Action, ctx: string) => {
    if (!isObj(a)) return void err(`${ctx}: an action must be a mapping`);
    const k = Object.keys(a).find((x) => (ACTION_TYPES as readonly string[]).includes(x));
    if (!k) return void err(`${ctx}: unknown action ${JSON.stringify(Object.keys(a))}`);
    const fields = a as Record<string, unknown>;
    const v = fields[k];
    if (k === 'apply' || k === 'open') checkFile(v, ctx);
    if (k === 'set' || k === 'remove' || k === 'append' || k === 'quickfix')
      checkFile(v === undefined || v === null ? undefined : (v as Record<string, unknown>).file, `${ctx}.${k}`);
    if (k === 'scale' && !Number.isInteger(fields.replicas)) err(`${ctx}: scale needs replicas`);
  };
  d.steps.forEach((s, i) => {
    const ctx = `steps[${i}] (${s?.id})`;
    if (typeof s?.id !== 'string' || !s.id) {
      err(`${ctx}: id missing`);
      return;
    }
    if (ids.has(s.id)) err(`${ctx}: duplicate step id`);
    ids.add(s.id);
    if (s.file !== undefined) checkFile(s.file, ctx);
    checkCheck(s.check, `${ctx}.check`);
    if (!Array.isArray(s.show) || !s.show.length) err(`${ctx}: "show" (Show me) must list at least one action`);
    else s.show.forEach((a, j) => checkAction(a, `${ctx}.show[${j}]`));
    (s.controls ?? []).forEach((a, j) => checkAction(a, `${ctx}.controls[${j}]`));
  });
  for (const loc of LESSON_LOCALES) {
    const t = l.text[loc];
    const lc = `${loc}.yaml`;
    if (!isObj(t)) {
      err(`${lc}: missing`);
      continue;
    }
    if (typeof t.title !== 'string' || !t.title.trim()) err(`${lc}: title missing`);
    if (typeof t.summary !== 'string' || !t.summary.trim()) err(`${lc}: summary missing`);
    for (const s of d.steps) {
      const st = t.steps?.[s.id];
      if (!isObj(st)) {
        err(`${lc}: no text for step ${s.id}`);
        continue;
      }
      for (const f of ['title', 'analogy', 'explain', 'task'] as const) if (typeof st[f] !== 'string' || !st[f].trim()) err(`${lc}: step ${s.id}.${f} missing`);
      if (!Array.isArray(st.hints) || !st.hints.length || st.hints.some((h) => typeof h !== 'string' || !h.trim()))
        err(`${lc}: step ${s.id}.hints must list at least one hint`);
    }
    for (const id of Object.keys(t.steps ?? {})) if (!ids.has(id)) err(`${lc}: text for unknown step ${id}`);
    for (const q of d.quiz) {
      const qt = t.quiz?.[q.id];
      if (!isObj(qt)) {
        err(`${lc}: no text for quiz ${q.id}`);
        continue;
      }
      if (typeof qt.question !== 'string' || !qt.question.trim()) err(`${lc}: quiz ${q.id}.question missing`);
      if (typeof qt.explanation !== 'string' || !qt.explanation.trim()) err(`${lc}: quiz ${q.id}.explanation missing`);
      if (!Array.isArray(qt.choices) || qt.choices.length < 2) err(`${lc}: quiz ${q.id}.choices must list 2 or more`);
      else if (!Number.isInteger(q.answer) || q.answer < 0 || q.answer >= qt.choices.length)
        err(`${lc}: quiz ${q.id}: answer ${q.answer} is not one of the ${qt.choices.length} choices`);
    }
  }
  const en = l.text.en;
  const zh = l.text['zh-cn'];
  if (isObj(en) && isObj(zh)) {
    for (const q of d.quiz)
      if (en.quiz?.[q.id]?.choices?.length !== zh.quiz?.[q.id]?.choices?.length) err(`quiz ${q.id}: en and zh-cn have different numbers of choices`);
    if ((en.checklist?.length ?? 0) !== (zh.checklist?.length ?? 0)) err('checklist: en and zh-cn differ in length');
  }
  // Starter manifests: lint them together (as the lesson folder) and compare with what is intended.
  const ws = new Workspace();
  const uri = (n: string) => `file:///kube-dorm-lessons/${d.id}/${n}`;
  for (const f of d.files) {
    const text = l.starters[f.name];
    if (typeof text !== 'string') err(`files/${f.name}: missing`);
    else ws.set(uri(f.name), text);
  }
  for (const f of d.files) {
    if (typeof l.starters[f.name] !== 'string') continue;
    const got = [
      ...new Set(
        lintFile(ws, uri(f.name))
          .filter((x) => x.severity === 'error' || x.severity === 'warning')
          .map((x) => x.code),
      ),
    ].sort();
    const want = [...new Set(f.expect ?? [])].sort();
    if (got.join(',') !== want.join(',')) err(`files/${f.name}: lints to [${got.join(', ')}], intended [${want.join(', ')}]`);
  }
  return p;
}
