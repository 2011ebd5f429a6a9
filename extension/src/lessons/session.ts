// One lesson behind the lesson view, VS Code-free so the Chromium tests drive the same code: the
// lesson run (simulated cluster, the learner's files, checks), virtual time driven by the host's
// timer through tick(), and what is posted to the webview (one `init`, then `state` whenever the
// view-model changed). Every message from the webview is validated before anything is done.
import { LessonRun, type Lesson, type ActionOutcome } from '../../../core/lessons/index';
import { lessonView, type LessonView } from '../../../core/lessons/view';
import { lessonMsg, lessonStrings, lessonTitle } from '../../../core/lessons/messages';
import type { ClusterSource } from '../panel/session';
import { receive } from '../receive';
import { t, type Locale } from '../../../core/i18n/index';
import { validateLessonMessage, type LessonHostMessage, type LessonLocaleChoice, type LessonViewMessage } from '../../../webview/protocol/lesson';

export interface LessonSessionHost {
  post(msg: LessonHostMessage): void;
  /** VS Code's display language (for 'auto'). */
  displayLanguage?: Locale;
  localeChoice?: LessonLocaleChoice;
  /** Opens a lesson file in an editor beside the view. */
  openFile?(name: string): void;
  /** Puts new text into a lesson file (a "Show me" edit); the editor echoes it back via setFile. */
  writeFile?(name: string, text: string): void;
  /** Progress of this lesson changed (steps done, quiz answers). */
  onProgress?(lessonId: string, steps: string[], quiz: Record<string, number>): void;
  /** The learner asked for another lesson. */
  openLesson?(id: string): void;
  /** The learner restarts this lesson (the host restores the starter files and forgets progress). */
  onReset?(lessonId: string): void;
  onLocaleChoice?(choice: LessonLocaleChoice): void;
  /** Steps done in another lesson (for the lesson list). */
  doneOf?(lessonId: string): number;
  seed?: number;
  /** The URI of a lesson file as the editor has it (so the side panel's "Why?" can open it). */
  uriOf?(lessonId: string, name: string): string;
  /** The seed that picks the variant of a lesson with variants (lesson 10's campus), kept with its progress. */
  variantSeed?(lessonId: string): number;
}

const MAX_OUTPUT = 20_000;

export class LessonSession {
  run!: LessonRun;
  localeChoice: LessonLocaleChoice;
  private ready = false;
  private lastSent = '';
  private carry = 0;
  /** Simulated ms per wall-clock ms. */
  speed = 2;

  constructor(
    private lessons: Lesson[],
    public lessonId: string,
    private host: LessonSessionHost,
    saved?: { steps: string[]; quiz: Record<string, number>; files?: Record<string, string> },
  ) {
    this.localeChoice = host.localeChoice ?? 'auto';
    this.start(saved);
  }

  get lesson(): Lesson {
    return this.lessons.find((l) => l.def.id === this.lessonId) ?? this.lessons[0];
  }

  get locale(): Locale {
    return this.localeChoice === 'auto' ? (this.host.displayLanguage ?? 'en') : this.localeChoice;
  }

  private start(saved?: { steps: string[]; quiz: Record<string, number>; files?: Record<string, string> }): void {
    const id = this.lessonId;
    const uriOf = this.host.uriOf && ((name: string) => this.host.uriOf!(id, name));
    this.run = new LessonRun(this.lesson, { locale: this.locale, seed: this.host.seed ?? 1, variantSeed: this.host.variantSeed?.(id), uriOf });
    for (const [name, text] of Object.entries(saved?.files ?? {})) if (this.run.files.has(name)) this.run.setFile(name, text);
    if (saved && (saved.steps.length || Object.keys(saved.quiz).length)) this.run.restore(saved.steps, saved.quiz);
    this.carry = 0;
  }

  view(): LessonView {
    return lessonView(this.run, this.locale, this.lessons, (id) => this.host.doneOf?.(id) ?? 0);
  }

  /**
   * The lesson's cluster as the side panel sees it: the dorm panel draws it and its controls act on
   * it. Their kubectl lines run as the learner's own commands (so the checks see them) and the
   * steps are re-evaluated; the panel's Reset starts the cluster over from the steps done (files
   * and progress stay); the panel names the lesson at the top.
   */
  readonly clusterSource: ClusterSource = {
    cluster: () => this.run.cluster,
    exec: (line) => {
      const r = this.run.run(line);
      this.progress();
      return r;
    },
    reset: () => {
      this.start({ steps: [...this.run.done], quiz: Object.fromEntries(this.run.quizAnswers), files: Object.fromEntries(this.run.files) });
      this.progress();
    },
    label: (locale) => lessonTitle(this.lesson, locale),
    files: () => [...this.run.files].map(([name, text]) => ({ uri: this.run.uriOf(name), text })),
    speed: this.speed,
  };

  /** The learner's text of a lesson file changed in the editor. */
  setFile(name: string, text: string): void {
    if (!this.run.files.has(name) || this.run.files.get(name) === text) return;
    this.run.setFile(name, text);
    this.progress();
  }

  /** Called by the host's timer with the wall-clock ms since the last call. */
  tick(wallMs: number): void {
    if (wallMs > 0) {
      const v = wallMs * this.speed + this.carry;
      const ms = Math.floor(v);
      this.carry = v - ms;
      if (ms > 0) this.run.cluster.advance(ms);
    }
    this.progress();
  }

  /** Evaluates the current step, reports completions and posts the view if it changed. */
  progress(): void {
    const completed = this.run.update();
    if (completed.length) {
      this.host.onProgress?.(this.lessonId, [...this.run.done], Object.fromEntries(this.run.quizAnswers));
      if (this.ready) this.host.post({ type: 'completed', steps: completed });
    }
    this.send();
  }

  private send(force = false): void {
    if (!this.ready) return;
    const v = this.view();
    const j = JSON.stringify(v);
    if (!force && j === this.lastSent) return;
    this.lastSent = j;
    this.host.post({ type: 'state', lesson: v });
  }

  private sendInit(): void {
    const v = this.view();
    this.lastSent = JSON.stringify(v);
    this.host.post({ type: 'init', strings: lessonStrings(this.locale), lesson: v, locale: this.locale, localeChoice: this.localeChoice });
  }

  private out(text: string, error = false): void {
    if (this.ready && text) this.host.post({ type: 'output', text: text.slice(-MAX_OUTPUT), error });
  }

  private outcome(o: ActionOutcome): void {
    for (const e of o.edits ?? []) this.host.writeFile?.(e.file, e.text);
    if (o.open) this.host.openFile?.(o.open);
    if (o.output) this.out(o.output, !!o.error);
  }

  /** Handles one message from the webview (validated first; an invalid one is reported, never acted on). */
  handle(raw: unknown): void {
    receive(raw, {
      validate: validateLessonMessage,
      invalid: (detail) => t(lessonMsg('lesson.invalid', { detail }), this.locale),
      dispatch: (m) => this.dispatch(m),
      out: (text, error) => this.out(text, error),
    });
  }

  private dispatch(m: LessonViewMessage): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.sendInit();
        return;
      case 'control': {
        const step = this.run.lesson.def.steps.find((s) => s.id === m.step);
        const a = step?.controls?.[m.index];
        if (!a) return this.out(`error: no control ${m.index} in step ${m.step}`, true);
        this.outcome(this.run.perform(a));
        return this.progress();
      }
      case 'showMe': {
        const step = this.run.lesson.def.steps.find((s) => s.id === m.step);
        if (!step) return this.out(`error: no step ${m.step}`, true);
        if (step.file) this.host.openFile?.(step.file);
        for (const o of this.run.showMe(step.id)) this.outcome(o);
        return this.progress();
      }
      case 'open':
        if (this.run.files.has(m.file)) this.host.openFile?.(m.file);
        return;
      case 'kubectl': {
        const line = m.line.trim().replace(/^kubectl\s+/, '');
        const r = this.run.run(line);
        this.out(`$ kubectl ${line}\n${r.output}`, r.error);
        return this.progress();
      }
      case 'answer': {
        const r = this.run.answer(m.quiz, m.choice);
        if (!r) return this.out(`error: no question ${m.quiz}`, true);
        this.host.onProgress?.(this.lessonId, [...this.run.done], Object.fromEntries(this.run.quizAnswers));
        return this.send();
      }
      case 'reset':
        this.host.onReset?.(this.lessonId);
        this.start();
        for (const [name, text] of this.run.files) this.host.writeFile?.(name, text);
        this.lastSent = '';
        return this.send(true);
      case 'openLesson':
        if (!this.lessons.some((l) => l.def.id === m.id)) return this.out(`error: no lesson ${m.id}`, true);
        if (this.host.openLesson) return this.host.openLesson(m.id);
        this.switchTo(m.id);
        return;
      case 'setLocale':
        this.localeChoice = m.locale;
        this.run.locale = this.locale;
        this.host.onLocaleChoice?.(m.locale);
        if (this.ready) this.sendInit();
        return;
    }
  }

  /** Shows another lesson in this view (fresh run, or restored from saved progress). */
  switchTo(id: string, saved?: { steps: string[]; quiz: Record<string, number>; files?: Record<string, string> }): void {
    this.lessonId = id;
    this.start(saved);
    if (this.ready) this.sendInit();
  }
}
