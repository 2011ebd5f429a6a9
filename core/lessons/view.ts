// The lesson view's view-model: what the webview draws, computed in the host from the lesson run,
// the learner's progress and the reader's language. VS Code-free and DOM-free.
import type { Locale } from '../i18n/index';
import { podStatus } from '../kubectl/printers';
import { isPodReady } from '../cluster/podutil';
import type { LessonRun } from './engine';
import { actionLabel } from './messages';
import type { Lesson } from './types';
import type { LessonView, QuizView, StepView } from './view-types';

export * from './view-types';

export const MAX_PODS_SHOWN = 60;

export function lessonView(run: LessonRun, locale: Locale, all: Lesson[], doneOf: (id: string) => number): LessonView {
  const l = run.lesson;
  const text = l.text[locale] ?? l.text.en;
  const cur = run.current();
  const steps: StepView[] = l.def.steps.map((s, i) => {
    const st = text.steps[s.id] ?? l.text.en.steps[s.id];
    return {
      id: s.id,
      n: i + 1,
      title: st?.title ?? s.id,
      analogy: st?.analogy ?? '',
      explain: st?.explain ?? '',
      task: st?.task ?? '',
      hints: st?.hints ?? [],
      done: run.done.has(s.id),
      current: cur?.id === s.id,
      controls: (s.controls ?? []).map((a, index) => ({ index, label: actionLabel(a, locale) })),
      file: s.file,
    };
  });
  const quiz: QuizView[] = l.def.quiz.map((q) => {
    const qt = text.quiz[q.id] ?? l.text.en.quiz[q.id];
    const answered = run.quizAnswers.get(q.id);
    return {
      id: q.id,
      question: qt?.question ?? q.id,
      choices: qt?.choices ?? [],
      answered,
      correct: answered === undefined ? undefined : answered === q.answer,
      explanation: answered === undefined ? undefined : qt?.explanation,
    };
  });
  const pods = run.cluster
    .list('Pod')
    .filter((p) => p.metadata.namespace !== 'kube-system')
    .slice(0, MAX_PODS_SHOWN)
    .map((p) => ({
      name: p.metadata.name,
      status: p.metadata.deletionTimestamp ? 'Terminating' : podStatus(p),
      ready: isPodReady(p),
      node: String(p.spec?.nodeName ?? ''),
    }));
  const idx = all.findIndex((x) => x.def.id === l.def.id);
  return {
    id: l.def.id,
    number: l.def.number,
    title: text.title,
    summary: text.summary,
    steps,
    quiz,
    complete: run.complete,
    outro: text.outro,
    checklist: text.checklist,
    t: run.cluster.now,
    pods,
    nodes: run.cluster.list('Node').length,
    lessons: all.map((x) => ({
      id: x.def.id,
      number: x.def.number,
      title: (x.text[locale] ?? x.text.en).title,
      done: x.def.id === l.def.id ? run.done.size : doneOf(x.def.id),
      total: x.def.steps.length,
    })),
    next: idx >= 0 && idx + 1 < all.length ? all[idx + 1].def.id : undefined,
  };
}
