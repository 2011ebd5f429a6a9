// Lessons in VS Code: the `kubeDorm.openLesson` command (a quick pick with progress), the lesson
// view beside the editor (webview with CSP and nonce, restored after a reload by a serializer),
// a lesson folder with real starter files (so the language server and quick fixes work on them),
// progress in globalState, and context keys `kubeDorm.lessonDone.<id>` that complete the
// "Learn Kubernetes in the dorm" walkthrough steps.
import * as vscode from 'vscode';
import { loadAllLessons, type Lesson, type Reader } from '../../../core/lessons/index';
import {
  readProgress,
  withStepsDone,
  withQuizAnswer,
  withLast,
  withSeed,
  resetProgress,
  lessonStatus,
  MAX_SEED,
  type Progress,
} from '../../../core/lessons/progress';
import { lessonForSeed } from '../../../core/lessons/variants';
import { resolveLocale, t, type Locale } from '../../../core/i18n/index';
import { lessonMsg } from '../../../core/lessons/messages';
import { webviewHtml, makeNonce } from '../panel/html';
import { LessonSession } from './session';
import { readPersistedLessonState, type LessonLocaleChoice } from '../../../webview/protocol/lesson';
import { VisibleTicker } from '../ticker';
import type { SimulationApi } from '../panel/panel';
import type { ClusterSource } from '../panel/session';
import { LESSONS_DONE_KEY, type FeatureRegistry } from '../lazy';
import { loadWorkspaceLessons, newLesson, type WorkspaceLessons } from './workspace';

export const LESSON_VIEW = 'kubeDorm.lesson';
const PROGRESS_KEY = 'kubeDorm.lessonProgress';
const LOCALE_KEY = 'kubeDorm.lesson.language';
const TICK_MS = 250;

class LessonPanel implements vscode.Disposable {
  readonly session: LessonSession;
  /** The lesson's cluster as the side panel sees it (LessonSession.clusterSource). */
  get source(): ClusterSource {
    return this.session.clusterSource;
  }
  private readonly ticker = new VisibleTicker(TICK_MS, (dt) => this.session.tick(this.lm.simulation.drives(this.source) ? 0 : dt), 'lesson');
  private disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly lm: LessonManager,
    lessonId: string,
    initial: { steps: string[]; quiz: Record<string, number>; files: Record<string, string> },
  ) {
    const ctx = lm.context;
    this.session = new LessonSession(
      lm.lessons,
      lessonId,
      {
        post: (m) => void this.panel.webview.postMessage(m),
        displayLanguage: lm.displayLocale(),
        localeChoice: lm.localeChoice(),
        onLocaleChoice: (c) => void ctx.globalState.update(LOCALE_KEY, c),
        openFile: (name) => void lm.openFile(this.session.lessonId, name),
        writeFile: (name, text) => void this.write(name, text),
        onProgress: (id, steps, quiz) => void lm.saveProgress(id, steps, quiz),
        onReset: (id) => void lm.resetLesson(id),
        openLesson: (id) => void this.switchTo(id),
        doneOf: (id) => lm.progress().lessons[id]?.steps.length ?? 0,
        variantSeed: (id) => lm.seedOf(id),
        uriOf: (id, name) => lm.fileUri(id, name).toString(),
      },
      initial,
    );
    const media = vscode.Uri.joinPath(ctx.extensionUri, 'media', 'lessons');
    const dist = vscode.Uri.joinPath(ctx.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media, dist] };
    panel.webview.html = webviewHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'lesson.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'lesson.css')).toString(),
      lang: this.session.locale === 'zh-cn' ? 'zh-CN' : 'en',
      title: this.title(),
    });
    panel.title = this.title();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if ((m as { type?: unknown } | null)?.type === 'ready') this.markLoaded();
        this.session.handle(m);
      }),
      panel.onDidChangeViewState(() => this.updateTimer()),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((e) => this.onText(e.document)),
      vscode.workspace.onDidOpenTextDocument((d) => this.onText(d)),
    );
    void lm.saveLast(lessonId);
    this.updateTimer();
  }

  private markLoaded: () => void = () => {};
  /** Resolves once the lesson view's page has loaded (its `ready`), or after 10 s. */
  private readonly loaded = new Promise<void>((resolve) => {
    this.markLoaded = resolve;
    setTimeout(resolve, 10_000);
  });

  /**
   * Opens the side panel on the lesson's cluster, in the column right of the lesson view, once the
   * lesson view has loaded (a second webview created while the first is still starting could leave
   * the first one blank in code-server).
   */
  async showDorm(): Promise<void> {
    await this.loaded;
    const col = this.panel.viewColumn;
    this.lm.simulation.show(this.source, col !== undefined ? col + 1 : vscode.ViewColumn.Beside);
  }

  private title(): string {
    return t(lessonMsg('lesson.viewTitle', { n: this.session.lesson.def.number }), this.session.locale);
  }

  private nameOf(doc: vscode.TextDocument): string | undefined {
    const id = this.session.lessonId;
    return this.session.lesson.def.files.map((f) => f.name).find((n) => this.lm.fileUri(id, n).toString() === doc.uri.toString());
  }

  private onText(doc: vscode.TextDocument): void {
    const name = this.nameOf(doc);
    if (!name) return;
    this.session.setFile(name, doc.getText());
  }

  /** A "Show me" edit: replaces the file's text in its editor (undoable) and saves, or writes the file. */
  private async write(name: string, text: string): Promise<void> {
    const uri = this.lm.fileUri(this.session.lessonId, name);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) {
      if (doc.getText() === text) return;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
      await vscode.workspace.applyEdit(edit);
      await doc.save();
    } else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  }

  async switchTo(id: string): Promise<void> {
    this.session.switchTo(id, await this.lm.initial(id));
    this.panel.title = this.title();
    void this.lm.saveLast(id);
    this.session.progress();
  }

  /** Virtual time runs while the view is visible. */
  private updateTimer(): void {
    this.ticker.update(this.panel.visible);
  }

  dispose(): void {
    this.ticker.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.lm.simulation.release(this.source);
    this.lm.closed(this);
  }
}

class LessonManager {
  /** The built-in lessons, then the workspace's (refreshed when the quick pick opens). */
  lessons: Lesson[];
  private readonly builtins: Lesson[];
  private invalid: WorkspaceLessons['invalid'] = [];
  current: LessonPanel | undefined;

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly simulation: SimulationApi,
    read: Reader,
  ) {
    this.builtins = loadAllLessons(read);
    this.lessons = [...this.builtins];
  }

  /** Re-reads the workspace's `.kube-dorm/lessons`. */
  async refreshWorkspace(): Promise<void> {
    const ws = await loadWorkspaceLessons(new Set(this.builtins.map((l) => l.def.id)));
    this.lessons = [...this.builtins, ...ws.lessons];
    this.invalid = ws.invalid;
  }
  private isWorkspace(l: Lesson): boolean {
    return !this.builtins.includes(l);
  }

  displayLocale(): Locale {
    return resolveLocale(vscode.env.language);
  }
  localeChoice(): LessonLocaleChoice {
    return (
      this.context.globalState.get<LessonLocaleChoice>(LOCALE_KEY) ?? vscode.workspace.getConfiguration('kubeDorm').get<LessonLocaleChoice>('language', 'auto')
    );
  }
  locale(): Locale {
    const c = this.localeChoice();
    return c === 'auto' ? this.displayLocale() : c;
  }

  progress(): Progress {
    return readProgress(this.context.globalState.get(PROGRESS_KEY));
  }
  /** Seeds picked in this session, before globalState has them. */
  private readonly seeds = new Map<string, number>();
  /**
   * The seed that picks a lesson's variant: saved with its progress; for a lesson with variants
   * started for the first time, a random one (so each learner meets a different campus).
   */
  seedOf(id: string): number {
    const known = this.seeds.get(id) ?? this.progress().lessons[id]?.seed;
    if (known !== undefined) return known;
    const seed = Math.floor(Math.random() * MAX_SEED);
    if (this.lessons.find((l) => l.def.id === id)?.def.variants?.length) this.rememberSeed(id, seed);
    return seed;
  }
  private rememberSeed(id: string, seed: number): void {
    this.seeds.set(id, seed);
    void this.context.globalState.update(PROGRESS_KEY, withSeed(this.progress(), id, seed));
  }
  /** A lesson as this learner plays it (its variant, for a lesson with variants). */
  resolved(id: string): Lesson | undefined {
    const l = this.lessons.find((x) => x.def.id === id);
    return l && lessonForSeed(l, this.seedOf(id));
  }
  /**
   * What a lesson starts from: saved progress and the learner's files (the open editor's text, else
   * the file on disk), read before the cluster is rebuilt from the done steps.
   */
  async initial(id: string): Promise<{ steps: string[]; quiz: Record<string, number>; files: Record<string, string> }> {
    await this.ensureFiles(id);
    const saved = this.progress().lessons[id] ?? { steps: [], quiz: {} };
    const files: Record<string, string> = {};
    for (const f of this.lessons.find((l) => l.def.id === id)?.def.files ?? []) {
      const uri = this.fileUri(id, f.name);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      try {
        files[f.name] = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        /* missing: the starter text stays */
      }
    }
    return { ...saved, files };
  }
  private async store(p: Progress): Promise<void> {
    await this.context.globalState.update(PROGRESS_KEY, p);
    await this.syncContext(p);
  }
  async saveProgress(id: string, steps: string[], quiz: Record<string, number>): Promise<void> {
    let p = withStepsDone(this.progress(), id, steps);
    for (const [q, a] of Object.entries(quiz)) p = withQuizAnswer(p, id, q, a);
    await this.store(p);
  }
  async saveLast(id: string): Promise<void> {
    await this.context.globalState.update(PROGRESS_KEY, withLast(this.progress(), id));
  }
  /** Forgets a lesson's progress and puts its starter files back. */
  async resetLesson(id: string): Promise<void> {
    // The next seed is taken before anything is awaited: the lesson view restarts the run at once.
    const next = this.nextSeed(id);
    let p = resetProgress(this.progress(), id);
    if (next !== undefined) p = withSeed(p, id, next);
    await this.store(p);
    await this.ensureFiles(id, true);
  }
  async resetAll(): Promise<void> {
    let p = resetProgress(this.progress());
    for (const l of this.lessons) {
      const next = this.nextSeed(l.def.id);
      if (next !== undefined) p = withSeed(p, l.def.id, next);
    }
    await this.store(p);
    for (const l of this.lessons) await this.ensureFiles(l.def.id, true);
  }
  /** Starting a lesson with variants over moves to the next variant (so the campus is a different one). */
  private nextSeed(id: string): number | undefined {
    if (!this.lessons.find((l) => l.def.id === id)?.def.variants?.length) return undefined;
    const next = (this.seedOf(id) + 1) % MAX_SEED;
    this.seeds.set(id, next);
    return next;
  }
  /**
   * Context keys for the walkthrough's completionEvents (onContext:kubeDorm.lessonDone.<id>), and
   * the complete lessons' ids for the next activation to set them without loading the lessons.
   */
  async syncContext(p = this.progress()): Promise<void> {
    const done: string[] = [];
    for (const l of this.lessons) {
      const s = lessonStatus(
        p,
        l.def.id,
        l.def.steps.map((x) => x.id),
        l.def.quiz,
      );
      if (s.complete) done.push(l.def.id);
      await vscode.commands.executeCommand('setContext', `kubeDorm.lessonDone.${l.def.id}`, s.complete);
    }
    await this.context.globalState.update(LESSONS_DONE_KEY, done);
  }

  /** The lesson folder: global storage, one folder per lesson. */
  folder(id: string): vscode.Uri {
    return vscode.Uri.joinPath(this.context.globalStorageUri, 'lessons', id);
  }
  fileUri(id: string, name: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder(id), name);
  }
  /** Writes the starter files that are missing (or all of them, on reset). */
  async ensureFiles(id: string, overwrite = false): Promise<void> {
    const l = this.resolved(id);
    if (!l) return;
    await vscode.workspace.fs.createDirectory(this.folder(id));
    for (const f of l.def.files) {
      const uri = this.fileUri(id, f.name);
      let exists = true;
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        exists = false;
      }
      if (exists && !overwrite) continue;
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc && overwrite) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), l.starters[f.name]);
        await vscode.workspace.applyEdit(edit);
        await doc.save();
      } else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(l.starters[f.name]));
    }
  }
  async openFile(id: string, name: string): Promise<void> {
    await this.ensureFiles(id);
    const doc = await vscode.workspace.openTextDocument(this.fileUri(id, name));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  }

  /** Opens (or switches the open view to) a lesson. */
  async open(id: string): Promise<void> {
    if (!this.lessons.some((l) => l.def.id === id)) return;
    const first = this.lessons.find((l) => l.def.id === id)?.def.steps[0]?.file;
    if (this.current) {
      const switching = this.current.session.lessonId !== id;
      if (switching) await this.current.switchTo(id);
      this.current.panel.reveal(vscode.ViewColumn.Two, false);
      if (switching && first) await this.openFile(id, first);
      await this.current.showDorm();
      return;
    }
    const initial = await this.initial(id);
    // Editor | lesson | dorm. The file goes first, into column one: a webview asked for column two
    // while the editor area is one empty group lands in that group.
    if (first) await this.openFile(id, first);
    const panel = vscode.window.createWebviewPanel(
      LESSON_VIEW,
      'Kube Dorm',
      { viewColumn: vscode.ViewColumn.Two, preserveFocus: false },
      { enableScripts: true, retainContextWhenHidden: false },
    );
    this.current = new LessonPanel(panel, this, id, initial);
    await this.current.showDorm();
  }
  async restore(panel: vscode.WebviewPanel, wanted: string): Promise<void> {
    const id = this.lessons.some((l) => l.def.id === wanted) ? wanted : this.lessons[0].def.id;
    this.current = new LessonPanel(panel, this, id, await this.initial(id));
    await this.current.showDorm();
  }
  closed(p: LessonPanel): void {
    if (this.current === p) this.current = undefined;
  }

  /** The quick pick: lessons in order with progress (lesson 1 first), then "reset". */
  async pick(): Promise<void> {
    await this.refreshWorkspace();
    const L = this.locale();
    const p = this.progress();
    type Item = vscode.QuickPickItem & { id?: string; reset?: boolean; fix?: vscode.Uri };
    const items: Item[] = this.lessons.map((l) => {
      const s = lessonStatus(
        p,
        l.def.id,
        l.def.steps.map((x) => x.id),
        l.def.quiz,
      );
      const text = l.text[L] ?? l.text.en;
      return {
        id: l.def.id,
        label: `${s.complete ? '$(pass-filled)' : s.done ? '$(circle-large-outline)' : '$(circle-outline)'} ${t(lessonMsg('lesson.number', { n: l.def.number }), L)}: ${text.title}`,
        description: [
          s.complete ? t('lesson.pick.complete', L) : t(lessonMsg('lesson.pick.progress', { done: s.done, total: s.total }), L),
          this.isWorkspace(l) ? t(lessonMsg('lesson.pick.workspace', { folder: vscode.workspace.asRelativePath(vscode.Uri.parse(l.def.dir)) }), L) : '',
        ]
          .filter(Boolean)
          .join(' · '),
        detail: text.summary,
      };
    });
    for (const x of this.invalid)
      items.push({
        label: `$(warning) ${x.name}`,
        detail:
          x.why === 'problems'
            ? t(lessonMsg('lesson.pick.invalid', { name: x.name, n: x.count }), L)
            : x.why === 'taken'
              ? t(lessonMsg('lesson.pick.taken', { name: x.name, id: x.id }), L)
              : t(lessonMsg('lesson.pick.unreadable', { name: x.name, reason: x.reason }), L),
        fix: vscode.Uri.joinPath(x.folder, 'lesson.yaml'),
      });
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: `$(discard) ${t('lesson.pick.reset', L)}`, reset: true });
    const chosen = await vscode.window.showQuickPick(items, { placeHolder: t('lesson.pick.placeholder', L), matchOnDetail: true });
    if (!chosen) return;
    if (chosen.fix) {
      await vscode.window.showTextDocument(chosen.fix);
      return;
    }
    if (chosen.reset) {
      const which = await vscode.window.showQuickPick(
        [
          { label: t('lesson.lessons', L) + ': *', all: true },
          ...this.lessons.map((l) => ({ label: `${l.def.number}. ${(l.text[L] ?? l.text.en).title}`, id: l.def.id, all: false })),
        ],
        { placeHolder: t('lesson.pick.reset', L) },
      );
      if (!which) return;
      if (which.all) await this.resetAll();
      else if ('id' in which && which.id) await this.resetLesson(which.id);
      if (this.current) await this.current.switchTo(this.current.session.lessonId);
      return;
    }
    if (chosen.id) await this.open(chosen.id);
  }
}

/** `read` reads the lesson files of media/lessons (a path relative to it): from disk in Node, preloaded in the browser. */
export function registerLessons(context: vscode.ExtensionContext, simulation: SimulationApi, registry: FeatureRegistry, read: Reader): void {
  let lm: LessonManager;
  try {
    lm = new LessonManager(context, simulation, read);
  } catch (e) {
    console.error('[kube-dorm] lessons could not be loaded', e);
    return;
  }
  void lm.syncContext();
  context.subscriptions.push(
    registry.registerCommand('kubeDorm.openLesson', async (id?: unknown) => {
      if (typeof id === 'string' && !lm.lessons.some((l) => l.def.id === id)) await lm.refreshWorkspace();
      if (typeof id === 'string' && lm.lessons.some((l) => l.def.id === id)) return lm.open(id);
      if (typeof id === 'number' && lm.lessons[id - 1]) return lm.open(lm.lessons[id - 1].def.id);
      return lm.pick();
    }),
    registry.registerCommand('kubeDorm.newLesson', () => newLesson(lm.locale())),
    registry.registerCommand('kubeDorm.resetLessonProgress', async () => {
      await lm.resetAll();
      if (lm.current) await lm.current.switchTo(lm.current.session.lessonId);
    }),
    registry.registerWebviewPanelSerializer(LESSON_VIEW, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const s = readPersistedLessonState(state);
        await lm.restore(panel, s?.lessonId ?? lm.progress().last ?? lm.lessons[0].def.id);
      },
    }),
    { dispose: () => lm.current?.dispose() },
  );
}
