// Static validation of one lesson: every check and action names a real one, every text exists in
// both languages, every quiz answer is a real choice, and every starter manifest lints to exactly
// the diagnostics it is meant to have. Problems are structured (file in the lesson folder + the YAML
// path of the offending node), so `kube-dorm lesson check` and the language server can point at the
// line, and `validateLesson` formats them for the build-time validator.
import { Workspace } from '../workspace/index';
import { lintFile } from '../lint';
import { ACTION_TYPES, CHECK_TYPES, type Action, type Check, type Lesson, type LessonLocale, type StarterFile } from './types';
import { isObj } from '../k8s/guards';
import { t } from '../i18n/index';
import type { Msg } from '../manifest/types';
import { validateMsg as m } from './validate-messages';
import { validateVariantText, validateVariants, variantHintsAgree } from './validate-variants';

export type YamlPath = (string | number)[];

/** One thing wrong with a lesson: `file` is relative to the lesson folder (`lesson.yaml`, `en.yaml`, `files/x.yaml`). */
export interface LessonProblem {
  file: string;
  /** Path of the offending node in that file (empty: the file as a whole). */
  path: YamlPath;
  message: Msg;
}

const LOCALES: LessonLocale[] = ['en', 'zh-cn'];
const DEF = 'lesson.yaml';

/** Everything wrong with a lesson, as structured problems (empty when it is fine). */
export function lessonProblems(l: Lesson): LessonProblem[] {
  const p: LessonProblem[] = [];
  const err = (message: Msg, path: YamlPath = [], file = DEF) => p.push({ file, path, message });
  const d = l.def;
  if (typeof d.id !== 'string' || !/^[a-z0-9-]+$/.test(d.id)) err(m('lessonValidate.id'), ['id']);
  if (!Number.isInteger(d.number)) err(m('lessonValidate.number'), ['number']);
  if (!Array.isArray(d.files)) err(m('lessonValidate.files'), ['files']);
  if (!Array.isArray(d.steps) || !d.steps.length) err(m('lessonValidate.steps'), ['steps']);
  if (!Array.isArray(d.quiz) || d.quiz.length < 2 || d.quiz.length > 3) err(m('lessonValidate.quiz'), ['quiz']);
  if (p.length) return p;
  validateSteps(l, err);
  for (const loc of LOCALES) validateText(l, loc, (message, path) => err(message, path, `${loc}.yaml`));
  const en = l.text.en;
  const zh = l.text['zh-cn'];
  if (isObj(en) && isObj(zh)) {
    d.quiz.forEach((q, i) => {
      if (en.quiz?.[q.id]?.choices?.length !== zh.quiz?.[q.id]?.choices?.length) err(m('lessonValidate.quizChoicesDiffer', { id: q.id }), ['quiz', i]);
    });
    if ((en.checklist?.length ?? 0) !== (zh.checklist?.length ?? 0)) err(m('lessonValidate.checklist'));
    variantHintsAgree(l, (message, path) => err(message, path));
  }
  validateStarters(l, err);
  return p;
}

type Err = (message: Msg, path?: YamlPath, file?: string) => void;

function validateSteps(l: Lesson, err: Err): void {
  const d = l.def;
  const files = new Set(d.files.map((f) => f?.name));
  const ids = new Set<string>();
  const checkFile = (f: unknown, ctx: string, path: YamlPath) => {
    if (typeof f !== 'string' || !files.has(f)) err(m('lessonValidate.notStarter', { ctx, file: JSON.stringify(f) ?? 'undefined' }), path);
  };
  const checkCheck = (c: Check, ctx: string, path: YamlPath): void => {
    if (!isObj(c)) return void err(m('lessonValidate.checkMapping', { ctx }), path);
    const keys = Object.keys(c);
    if (keys.length !== 1) return void err(m('lessonValidate.checkOneKey', { ctx, keys: keys.join(', ') || '-' }), path);
    const k = keys[0];
    if (!(CHECK_TYPES as readonly string[]).includes(k))
      return void err(m('lessonValidate.checkUnknown', { ctx, k, known: CHECK_TYPES.join(', ') }), [...path, k]);
    const v: unknown = (c as Record<string, unknown>)[k];
    const at = [...path, k];
    if (k === 'all' || k === 'any') {
      if (!Array.isArray(v) || !v.length) return void err(m('lessonValidate.nonEmptyList', { ctx: `${ctx}.${k}` }), at);
      v.forEach((x: Check, i: number) => checkCheck(x, `${ctx}.${k}[${i}]`, [...at, i]));
      return;
    }
    if (k === 'not') return checkCheck(v as Check, `${ctx}.not`, at);
    if (!isObj(v)) return void err(m('lessonValidate.mapping', { ctx: `${ctx}.${k}` }), at);
    if (k === 'pods' && !OWNER.test(String(v.owner))) err(m('lessonValidate.owner', { ctx }), [...at, 'owner']);
    if (k === 'served' && v.owner !== undefined && (typeof v.owner !== 'string' || !OWNER.test(v.owner)))
      err(m('lessonValidate.servedOwner', { ctx }), [...at, 'owner']);
    if (k === 'served' && v.share !== undefined && !validShare(v.share)) err(m('lessonValidate.share', { ctx }), [...at, 'share']);
    if (k === 'diagnostics' || k === 'file') checkFile(v.file, `${ctx}.${k}`, [...at, 'file']);
    if (k === 'command' || (k === 'file' && v.matches !== undefined)) {
      try {
        new RegExp(String(v.matches));
      } catch {
        err(m('lessonValidate.regex', { ctx: `${ctx}.${k}` }), [...at, 'matches']);
      }
    }
    if (k === 'object' && (typeof v.kind !== 'string' || typeof v.name !== 'string')) err(m('lessonValidate.objectNeeds', { ctx }), at);
    if (k === 'file' && (typeof v.kind !== 'string' || typeof v.path !== 'string')) err(m('lessonValidate.fileNeeds', { ctx }), at);
  };
  const checkAction = (a: Action, ctx: string, path: YamlPath) => {
    if (!isObj(a)) return void err(m('lessonValidate.actionMapping', { ctx }), path);
    const k = Object.keys(a).find((x) => (ACTION_TYPES as readonly string[]).includes(x));
    if (!k) return void err(m('lessonValidate.actionUnknown', { ctx, keys: JSON.stringify(Object.keys(a)), known: ACTION_TYPES.join(', ') }), path);
    const v: unknown = (a as Record<string, unknown>)[k];
    if (k === 'apply' || k === 'open') checkFile(v, ctx, [...path, k]);
    if (k === 'set' || k === 'remove' || k === 'append' || k === 'quickfix') checkFile(isObj(v) ? v.file : undefined, `${ctx}.${k}`, [...path, k, 'file']);
    if (k === 'scale' && !Number.isInteger((a as { replicas?: unknown }).replicas)) err(m('lessonValidate.scaleReplicas', { ctx }), path);
  };
  d.steps.forEach((s, i) => {
    const ctx = `steps[${i}] (${s?.id})`;
    const at: YamlPath = ['steps', i];
    if (typeof s?.id !== 'string' || !s.id) {
      err(m('lessonValidate.stepId', { ctx }), at);
      return;
    }
    if (ids.has(s.id)) err(m('lessonValidate.stepDup', { ctx }), [...at, 'id']);
    ids.add(s.id);
    if (s.file !== undefined) checkFile(s.file, ctx, [...at, 'file']);
    checkCheck(s.check, `${ctx}.check`, [...at, 'check']);
    if (!Array.isArray(s.show) || !s.show.length) err(m('lessonValidate.show', { ctx }), at);
    else s.show.forEach((a, j) => checkAction(a, `${ctx}.show[${j}]`, [...at, 'show', j]));
    (s.controls ?? []).forEach((a, j) => checkAction(a, `${ctx}.controls[${j}]`, [...at, 'controls', j]));
  });
  validateVariants(l, err, checkAction, (starters) => starterCodes(d.id, d.files, starters));
}

const OWNER = /^\w+\/[a-z0-9.-]+$/;

function validShare(s: unknown): boolean {
  if (!isObj(s)) return false;
  const pct = (x: unknown) => x === undefined || (typeof x === 'number' && x >= 0 && x <= 100);
  return pct(s.min) && pct(s.max) && Object.keys(s).every((k) => k === 'min' || k === 'max');
}

function validateText(l: Lesson, loc: LessonLocale, err: (message: Msg, path?: YamlPath) => void): void {
  const d = l.def;
  const t = l.text[loc];
  if (!isObj(t)) return void err(m('lessonValidate.fileMissing'));
  if (typeof t.title !== 'string' || !t.title.trim()) err(m('lessonValidate.missing', { what: 'title' }), ['title']);
  if (typeof t.summary !== 'string' || !t.summary.trim()) err(m('lessonValidate.missing', { what: 'summary' }), ['summary']);
  const ids = new Set(d.steps.map((s) => s.id));
  for (const s of d.steps) {
    const st = t.steps?.[s.id];
    if (!isObj(st)) {
      err(m('lessonValidate.noStepText', { id: s.id }), ['steps']);
      continue;
    }
    for (const f of ['title', 'analogy', 'explain', 'task'] as const)
      if (typeof st[f] !== 'string' || !st[f].trim()) err(m('lessonValidate.missing', { what: `step ${s.id}.${f}` }), ['steps', s.id]);
    if (!Array.isArray(st.hints) || !st.hints.length || st.hints.some((h) => typeof h !== 'string' || !h.trim()))
      err(m('lessonValidate.hints', { id: s.id }), ['steps', s.id, 'hints']);
  }
  validateVariantText(l, loc, err);
  for (const id of Object.keys(t.steps ?? {})) if (!ids.has(id)) err(m('lessonValidate.unknownStepText', { id }), ['steps', id]);
  for (const q of d.quiz) {
    const qt = t.quiz?.[q.id];
    if (!isObj(qt)) {
      err(m('lessonValidate.noQuizText', { id: q.id }), ['quiz']);
      continue;
    }
    if (typeof qt.question !== 'string' || !qt.question.trim()) err(m('lessonValidate.missing', { what: `quiz ${q.id}.question` }), ['quiz', q.id]);
    if (typeof qt.explanation !== 'string' || !qt.explanation.trim()) err(m('lessonValidate.missing', { what: `quiz ${q.id}.explanation` }), ['quiz', q.id]);
    if (!Array.isArray(qt.choices) || qt.choices.length < 2) err(m('lessonValidate.choices', { id: q.id }), ['quiz', q.id]);
    else if (!Number.isInteger(q.answer) || q.answer < 0 || q.answer >= qt.choices.length)
      err(m('lessonValidate.answer', { id: q.id, answer: String(q.answer), n: qt.choices.length }), ['quiz', q.id, 'choices']);
  }
}

/** Starter manifests: lint them together (as the lesson folder) and compare with what is intended. */
function validateStarters(l: Lesson, err: Err): void {
  const d = l.def;
  d.files.forEach((f, i) => {
    if (typeof l.starters[f.name] !== 'string') err(m('lessonValidate.fileMissing'), ['files', i], `files/${f.name}`);
  });
  const got = starterCodes(d.id, d.files, l.starters);
  d.files.forEach((f, i) => {
    if (typeof l.starters[f.name] !== 'string') return;
    const want = [...new Set(f.expect ?? [])].sort();
    if (got[f.name].join(',') !== want.join(','))
      err(m('lessonValidate.lints', { got: got[f.name].join(', '), want: want.join(', ') }), ['files', i, 'expect'], `files/${f.name}`);
  });
}

/** The error and warning codes of each starter, linted together as the lesson folder (sorted, once each). */
function starterCodes(id: string, files: StarterFile[], starters: Record<string, string>): Record<string, string[]> {
  const ws = new Workspace();
  const uri = (n: string) => `file:///kube-dorm-lessons/${id}/${n}`;
  for (const f of files) if (typeof starters[f.name] === 'string') ws.set(uri(f.name), starters[f.name]);
  const out: Record<string, string[]> = {};
  for (const f of files)
    if (typeof starters[f.name] === 'string')
      out[f.name] = [
        ...new Set(
          lintFile(ws, uri(f.name))
            .filter((x) => x.severity === 'error' || x.severity === 'warning')
            .map((x) => x.code),
        ),
      ].sort();
  return out;
}

/** The build-time validator's one-line form: `DIR: FILE: message` (the file is left out for lesson.yaml). */
export function validateLesson(l: Lesson): string[] {
  const where = l.def.dir ?? l.def.id;
  return lessonProblems(l).map((x) => `${where}: ${x.file === DEF ? '' : `${x.file}: `}${t(x.message, 'en')}`);
}
