// The lesson view's view-model types, as the host posts them and the webview reads them. Types
// only, with no imports, so the webview depends on this file alone (core/lessons/view.ts builds them).

export interface StepView {
  id: string;
  n: number;
  title: string;
  analogy: string;
  explain: string;
  task: string;
  hints: string[];
  done: boolean;
  current: boolean;
  /** The step's buttons (index into its controls). */
  controls: { index: number; label: string }[];
  file?: string;
}

export interface QuizView {
  id: string;
  question: string;
  choices: string[];
  /** The learner's answer, if any. */
  answered?: number;
  correct?: boolean;
  /** Shown once answered. */
  explanation?: string;
}

export interface LessonListItem {
  id: string;
  number: number;
  title: string;
  done: number;
  total: number;
}

export interface PodLine {
  name: string;
  status: string;
  ready: boolean;
  node: string;
}

export interface LessonView {
  id: string;
  number: number;
  title: string;
  summary: string;
  steps: StepView[];
  quiz: QuizView[];
  complete: boolean;
  outro?: string;
  checklist?: string[];
  /** Simulated ms since the lesson's cluster started. */
  t: number;
  pods: PodLine[];
  nodes: number;
  lessons: LessonListItem[];
  /** Id of the next lesson, if any. */
  next?: string;
}
