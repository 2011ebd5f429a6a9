// `kube-dorm lesson check`: a lesson is checked the way a learner would meet it. Beyond the static
// validation (validate.ts), each step's "Show me" is played on the simulator: its check must fail
// before the actions and pass after them; every `kubectl ...` command a hint names must run (in the
// state before the step or after it, as the learner may try it either way). Every problem names the
// file in the lesson folder and the line and column of the node that causes it.
import type { MessageIds } from '../manifest/types';
import { YAMLParseError } from 'yaml';
import { position } from './position';
import { LessonRun } from './engine';
import { LESSON_LOCALES, loadLesson, type Reader } from './load';
import { lessonProblems, type YamlPath } from './validate';
import { defineMessages, msgOf, t, type Locale } from '../i18n/index';
import type { Lesson, LessonLocale, StepDef, VariantDef } from './types';
import { resolveVariant } from './variants';

export { position };

const messages = defineMessages({
  'lessonCheck.unreadable': { en: 'cannot read this file: {reason}', zh: '无法读取此文件：{reason}' },
  'lessonCheck.early': {
    en: 'step {step}: its check already passes before its "Show me" actions, so the step would complete without the learner doing anything',
    zh: '第 {n} 步 {step}：在"演示给我看"的动作之前检查就已通过，学习者什么都不做这一步也会完成',
  },
  'lessonCheck.showFailed': { en: 'step {step}: "Show me" action {k} fails: {output}', zh: '第 {n} 步 {step}："演示给我看"的第 {k} 个动作失败：{output}' },
  'lessonCheck.never': {
    en: 'step {step}: its check still fails 5 simulated minutes after its "Show me" actions, so the learner cannot complete it',
    zh: '第 {n} 步 {step}："演示给我看"的动作之后过了 5 分钟模拟时间，检查仍然不通过，学习者无法完成这一步',
  },
  'lessonCheck.hint': {
    en: 'step {step}: the hint\'s command "kubectl {command}" fails before and after the step: {output}',
    zh: '第 {n} 步 {step}：提示里的命令 "kubectl {command}" 在这一步之前和之后都失败：{output}',
  },
  'lessonCheck.variant': { en: 'variant {variant}: {problem}', zh: '变体 {variant}：{problem}' },
  'lessonCheck.duplicateId': { en: 'lesson id "{id}" is also used by {other}', zh: '课程 id "{id}" 也被 {other} 使用' },
});
const msg = msgOf(messages);

/** One problem, located: `file` is relative to the lesson folder; line and column are 1-based. */
export interface LocatedProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface CheckOptions {
  locale?: Locale;
}

const SIM_WAIT_MS = 5 * 60_000;

/** Checks one lesson folder (read through `read`, paths relative to the folder). */
export function checkLessonFolder(read: Reader, opts: CheckOptions = {}): { lesson?: Lesson; problems: LocatedProblem[]; sources: Map<string, string> } {
  const loc = opts.locale ?? 'en';
  const sources = new Map<string, string>();
  let last = 'lesson.yaml';
  const readKept: Reader = (rel) => {
    last = rel;
    const text = read(rel);
    sources.set(rel, text);
    return text;
  };
  let lesson: Lesson;
  try {
    lesson = loadLesson((rel) => readKept(rel.replace(/^\.\//, '')), '.');
  } catch (e) {
    return { problems: [unreadable(e, last, loc)], sources };
  }
  const at = (file: string, path: YamlPath, message: string): LocatedProblem => ({ file, message, ...position(sources.get(file) ?? '', path) });
  const problems = lessonProblems(lesson).map((p) => at(p.file, p.path, t(p.message, loc)));
  if (!problems.length) problems.push(...play(lesson, loc).map((p) => at(p.file, p.path, p.message)));
  return { lesson, problems, sources };
}

function unreadable(e: unknown, file: string, loc: Locale): LocatedProblem {
  const err = e as Error & { linePos?: { line: number; col: number }[] };
  const pos = e instanceof YAMLParseError && err.linePos?.[0] ? { line: err.linePos[0].line, column: err.linePos[0].col } : { line: 1, column: 1 };
  const reason = String(err?.message ?? e)
    .split('\n')[0]
    .replace(/^\.\//, '');
  return { file, ...pos, message: t(msg('lessonCheck.unreadable', { reason }), loc) };
}

export interface PlayProblem {
  file: string;
  path: YamlPath;
  message: string;
}

/**
 * Plays every step's "Show me" and every hint's command, in every variant of the lesson; returns what
 * a learner would trip over. A variant's problem names the variant and, when it comes from the
 * variant's own "Show me" or hints, points at them.
 */
export function play(lesson: Lesson, loc: Locale = 'en'): PlayProblem[] {
  const vs = lesson.def.variants;
  if (!Array.isArray(vs) || !vs.length) return playOne(lesson, loc);
  return vs.flatMap((v, vi) =>
    playOne(resolveVariant(lesson, v), loc).map((p) => ({
      ...variantPath(lesson, v, vi, p),
      message: t(msg('lessonCheck.variant', { variant: v.id, problem: p.message }), loc),
    })),
  );
}

/** Where a problem found playing a variant is to be fixed: its own "Show me" and hints, else the lesson's. */
function variantPath(lesson: Lesson, v: VariantDef, vi: number, p: PlayProblem): { file: string; path: YamlPath } {
  const [top, step, what, k] = p.path;
  if (p.file === 'lesson.yaml' && top === 'steps' && what === 'show' && typeof step === 'number') {
    const id = lesson.def.steps[step]?.id;
    if (id && v.show?.[id]) return { file: 'lesson.yaml', path: ['variants', vi, 'show', id, k] };
  }
  if (top === 'steps' && what === 'hints' && typeof step === 'string' && typeof k === 'number') {
    const own = lesson.text[p.file.replace(/\.yaml$/, '') as LessonLocale]?.steps?.[step]?.hints?.length ?? 0;
    if (k >= own) return { file: p.file, path: ['variants', v.id, 'hints', step, k - own] };
  }
  return { file: p.file, path: p.path };
}

function playOne(lesson: Lesson, loc: Locale): PlayProblem[] {
  const out: PlayProblem[] = [];
  const run = new LessonRun(lesson);
  lesson.def.steps.forEach((step, i) => {
    const args = { step: step.id, n: i + 1 };
    const before = snapshot(run);
    if (run.evaluate(step.check)) out.push({ file: 'lesson.yaml', path: ['steps', i, 'check'], message: t(msg('lessonCheck.early', args), loc) });
    run.showMe(step.id).forEach((o, k) => {
      if (o.error)
        out.push({
          file: 'lesson.yaml',
          path: ['steps', i, 'show', k],
          message: t(msg('lessonCheck.showFailed', { ...args, k: k + 1, output: firstLine(o.output) }), loc),
        });
    });
    if (!run.cluster.advanceUntil(() => run.evaluate(step.check), SIM_WAIT_MS)) {
      out.push({ file: 'lesson.yaml', path: ['steps', i, 'check'], message: t(msg('lessonCheck.never', args), loc) });
      return;
    }
    run.update();
    out.push(...hintProblems(lesson, step, i, before, snapshot(run), loc));
  });
  return out;
}

interface Snapshot {
  done: string[];
  files: Map<string, string>;
}

function snapshot(run: LessonRun): Snapshot {
  return { done: [...run.done], files: new Map(run.files) };
}

/** A run rebuilt at a snapshot (the cluster replayed from the done steps, the files as they were). */
function rebuild(lesson: Lesson, s: Snapshot): LessonRun {
  const r = new LessonRun(lesson);
  for (const [name, text] of s.files) r.setFile(name, text);
  r.restore(s.done);
  return r;
}

/** `kubectl ...` spans in backticks. */
export function hintCommands(hint: string): string[] {
  return [...hint.matchAll(/`kubectl\s+([^`]+)`/g)].map((m) => m[1].trim());
}

function hintProblems(lesson: Lesson, step: StepDef, i: number, before: Snapshot, after: Snapshot, loc: Locale): PlayProblem[] {
  const out: PlayProblem[] = [];
  const runs: Partial<Record<'before' | 'after', LessonRun>> = {};
  const get = (w: 'before' | 'after') => (runs[w] ??= rebuild(lesson, w === 'before' ? before : after));
  for (const l of LESSON_LOCALES) {
    const hints = lesson.text[l].steps[step.id]?.hints ?? [];
    hints.forEach((h, j) => {
      for (const command of hintCommands(h)) {
        let output = '';
        const ok = (['after', 'before'] as const).some((w) => {
          const r = get(w);
          const line = fillPlaceholders(r, command);
          const res = line === undefined ? { error: true, output: `no object to name in "${command}"` } : r.run(line);
          if (!res.error) return true;
          output ||= firstLine(res.output);
          return false;
        });
        if (!ok)
          out.push({
            file: `${l}.yaml`,
            path: ['steps', step.id, 'hints', j],
            message: t(msg('lessonCheck.hint', { step: step.id, n: i + 1, command, output }), loc),
          });
      }
    });
  }
  return out;
}

/** `describe pod <name>` → the first pod's name; undefined when there is nothing to name. */
function fillPlaceholders(run: LessonRun, command: string): string | undefined {
  const m = /^(.*?\s)?([a-z./]+)\s+<[^>]+>(.*)$/.exec(command);
  if (!m) return command;
  const listed = run.run(`get ${m[2]} -o name`);
  const first = listed.error ? undefined : listed.output.split('\n').find((x) => x.trim());
  if (!first) return undefined;
  return `${m[1] ?? ''}${m[2]} ${first.replace(/^.*\//, '')}${m[3]}`;
}

function firstLine(s: string | undefined): string {
  const lines = (s ?? '').split('\n').filter((x) => x.trim() && !x.startsWith('$ kubectl'));
  return (lines[0] ?? '').slice(0, 300);
}

/** Two lessons in one folder must not share an id: the later one (by index) is reported, at its `id`. */
export function duplicateIds(lessons: { name: string; lesson?: Lesson }[], loc: Locale = 'en'): { index: number; problem: PlayProblem }[] {
  const seen = new Map<string, string>();
  const out: { index: number; problem: PlayProblem }[] = [];
  lessons.forEach(({ name, lesson }, index) => {
    const id = lesson?.def.id;
    if (typeof id !== 'string') return;
    const other = seen.get(id);
    if (other !== undefined)
      out.push({ index, problem: { file: 'lesson.yaml', path: ['id'], message: t(msg('lessonCheck.duplicateId', { id, other }), loc) } });
    else seen.set(id, name);
  });
  return out;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
