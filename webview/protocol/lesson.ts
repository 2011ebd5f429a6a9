// The host ↔ lesson view protocol, declared once. The host sends LessonHostMessage; the webview
// sends LessonViewMessage, which is untrusted and goes through validateLessonMessage() first.
import type { LessonView } from '../../core/lessons/view-types';
import { isObj } from '../../core/k8s/guards';
import { int, oneOf, text, validateMessage, type Check } from './validate';

export type { LessonView, QuizView, StepView } from '../../core/lessons/view-types';

export type LessonLocaleChoice = 'auto' | 'en' | 'zh-cn';

export type LessonHostMessage =
  | { type: 'init'; strings: Record<string, string>; lesson: LessonView; locale: 'en' | 'zh-cn'; localeChoice: LessonLocaleChoice }
  | { type: 'state'; lesson: LessonView }
  | { type: 'output'; text: string; error: boolean }
  /** Steps that just completed (the view announces them). */
  | { type: 'completed'; steps: string[] };

export type LessonViewMessage =
  | { type: 'ready' }
  | { type: 'control'; step: string; index: number }
  | { type: 'showMe'; step: string }
  | { type: 'open'; file: string }
  | { type: 'kubectl'; line: string }
  | { type: 'answer'; quiz: string; choice: number }
  | { type: 'reset' }
  | { type: 'openLesson'; id: string }
  | { type: 'setLocale'; locale: LessonLocaleChoice };

export type LessonViewMessageType = LessonViewMessage['type'];

/** What the view saves with setState; the serializer reopens this lesson after a reload. */
export interface LessonPersistedState {
  lessonId: string;
  /** Hints revealed per step. */
  hints?: Record<string, number>;
}

const id: Check = (v) => (typeof v === 'string' && /^[\w.-]{1,64}$/.test(v) ? undefined : 'an id (1–64 letters, digits, _ . -)');

const SCHEMAS: Record<LessonViewMessageType, Record<string, Check>> = {
  ready: {},
  control: { step: id, index: int(0, 50) },
  showMe: { step: id },
  open: { file: id },
  kubectl: { line: text },
  answer: { quiz: id, choice: int(0, 20) },
  reset: {},
  openLesson: { id },
  setLocale: { locale: oneOf('auto', 'en', 'zh-cn') },
};

/** Checks a message from the lesson view: known type, right field shapes, nothing else. */
export function validateLessonMessage(raw: unknown): { ok: true; msg: LessonViewMessage } | { ok: false; error: string } {
  return validateMessage<LessonViewMessage>(raw, SCHEMAS);
}

/** Reads a persisted state defensively (it comes back from VS Code after a reload). */
export function readPersistedLessonState(raw: unknown): LessonPersistedState | undefined {
  if (!isObj(raw) || id(raw.lessonId)) return undefined;
  const hints: Record<string, number> = {};
  if (isObj(raw.hints)) for (const [k, v] of Object.entries(raw.hints)) if (!id(k) && !int(0, 20)(v)) hints[k] = v as number;
  return { lessonId: raw.lessonId as string, hints };
}
