// Learner progress, per lesson and step: a small JSON value the extension keeps in globalState
// (so it survives reloads and restarts). Pure functions; anything unreadable is treated as empty.
export interface LessonProgress {
  /** Step ids done. */
  steps: string[];
  /** Quiz id → chosen answer. */
  quiz: Record<string, number>;
  /** The seed that picked this lesson's variant (lessons with variants: a new one on each restart). */
  seed?: number;
}

export interface Progress {
  v: 1;
  lessons: Record<string, LessonProgress>;
  /** The lesson last opened. */
  last?: string;
}

export const emptyProgress = (): Progress => ({ v: 1, lessons: {} });

const MAX_ID = 64;
export const MAX_SEED = 2 ** 31;
const okId = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= MAX_ID && /^[\w-]+$/.test(s);

/** Reads saved progress defensively (a corrupted value never breaks the lessons). */
export function readProgress(raw: unknown): Progress {
  const out = emptyProgress();
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (okId(r.last)) out.last = r.last;
  if (r.lessons && typeof r.lessons === 'object' && !Array.isArray(r.lessons)) {
    for (const [id, entry] of Object.entries(r.lessons as Record<string, unknown>)) {
      // An array passes too (its steps and quiz read as none), as it always has.
      if (!okId(id) || !entry || typeof entry !== 'object') continue;
      const v = entry as Record<string, unknown>;
      const steps = Array.isArray(v.steps) ? [...new Set((v.steps as unknown[]).filter(okId))] : [];
      const quiz: Record<string, number> = {};
      if (v.quiz && typeof v.quiz === 'object')
        for (const [q, a] of Object.entries(v.quiz)) if (okId(q) && Number.isInteger(a) && (a as number) >= 0 && (a as number) < 10) quiz[q] = a as number;
      out.lessons[id] = { steps, quiz };
      if (Number.isInteger(v.seed) && (v.seed as number) >= 0 && (v.seed as number) < MAX_SEED) out.lessons[id].seed = v.seed as number;
    }
  }
  return out;
}

export function withStepsDone(p: Progress, lesson: string, steps: Iterable<string>): Progress {
  const cur = p.lessons[lesson] ?? { steps: [], quiz: {} };
  const all = [...new Set([...cur.steps, ...steps])];
  return { ...p, lessons: { ...p.lessons, [lesson]: { ...cur, steps: all } } };
}

export function withQuizAnswer(p: Progress, lesson: string, quiz: string, answer: number): Progress {
  const cur = p.lessons[lesson] ?? { steps: [], quiz: {} };
  return { ...p, lessons: { ...p.lessons, [lesson]: { ...cur, quiz: { ...cur.quiz, [quiz]: answer } } } };
}

/** Remembers the seed that picked a lesson's variant. */
export function withSeed(p: Progress, lesson: string, seed: number): Progress {
  const cur = p.lessons[lesson] ?? { steps: [], quiz: {} };
  return { ...p, lessons: { ...p.lessons, [lesson]: { ...cur, seed: Math.abs(Math.trunc(seed)) % MAX_SEED } } };
}

export function withLast(p: Progress, lesson: string): Progress {
  return { ...p, last: lesson };
}

/** Forgets one lesson, or every lesson when `lesson` is omitted. */
export function resetProgress(p: Progress, lesson?: string): Progress {
  if (lesson === undefined) return emptyProgress();
  const lessons = { ...p.lessons };
  delete lessons[lesson];
  return { ...p, lessons };
}

/** Steps done out of the lesson's steps (ids no longer in the lesson are ignored). */
export function lessonStatus(
  p: Progress,
  lesson: string,
  stepIds: string[],
  quiz: { id: string; answer: number }[],
): { done: number; total: number; complete: boolean; quizRight: number } {
  const lp = p.lessons[lesson];
  const done = stepIds.filter((s) => lp?.steps.includes(s)).length;
  const quizRight = quiz.filter((q) => lp?.quiz[q.id] === q.answer).length;
  return { done, total: stepIds.length, complete: done === stepIds.length && stepIds.length > 0, quizRight };
}
