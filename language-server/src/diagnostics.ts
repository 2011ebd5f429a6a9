// Publishing: lints a file and sends its problems, keeps what was published (to clear it later and to
// skip identical re-publishes), and re-checks the other files whose cross-resource verdict a change
// may have altered, in small time slices so that requests stay answered.
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { Locale } from '../../core/i18n/index';
import { ruleCatalog, type LintOptions } from '../../core/lint';
import { lintWorkspaceFile } from '../../core/lint-workspace';
import type { KustomizeReader } from '../../core/kustomize/index';
import type { KDiagnostic } from '../../core/manifest/types';
import type { Workspace } from '../../core/workspace/index';
import { isKustomizationUri } from '../../core/workspace/kustomize';
import { lessonFileDiagnostics, lessonFileOf, siblingLessonFiles } from '../../core/lessons/ws-diagnostics';
import { toLspDiagnostic } from './convert';
import { detached, type Guard } from './guard';
import type { OpenDocuments } from './open-documents';

const yieldNow = () => new Promise<void>((r) => setImmediate(r));

/** What the workspace sync asks of the publisher. */
export interface DiagnosticsSink {
  /** Sets `text` as the content of `uri`, publishes it, and re-checks dependents if needed. */
  update(uri: string, text: string, force: boolean): void;
  /** Removes `uri` from the workspace and clears its problems. */
  remove(uri: string): void;
  /** Clears the problems published for `uri` (an open document always gets an empty publish). */
  clear(uri: string): void;
  /** The URIs whose problems are currently shown. */
  published(): Iterable<string>;
  /** Re-publishes everything (settings changed, scan finished); open documents always when `forceOpen`. */
  publishAll(forceOpen: boolean): Promise<void>;
}

export interface DiagnosticsOptions {
  ws: Workspace;
  open: OpenDocuments;
  /** Version of the open document the client knows as `clientUri` (stamped on its publishes). */
  version(clientUri: string): number | undefined;
  lintOptions(): LintOptions;
  locale(): Locale;
  /** The client shows related information (false: it goes into the message). */
  related(): boolean;
  send(params: PublishDiagnosticsParams): void;
  guard: Guard;
  /** Reads what a kustomization needs beyond the workspace's manifests (a generator's env files). */
  kustomizeReader?: KustomizeReader;
}

export class DiagnosticsPublisher implements DiagnosticsSink {
  /** canonical URI → the diagnostics last published (absent = nothing published / cleared). */
  private readonly shown = new Map<string, Diagnostic[]>();
  /** canonical URI → the core diagnostics last computed (for quick fixes). */
  private readonly lastDiags = new Map<string, KDiagnostic[]>();
  /**
   * What other files' cross-resource verdicts can depend on: the decoded objects of a file. Kept per
   * yaml Document (unchanged documents are reused by the incremental parser, so a keystroke
   * serialises only the document it touched).
   */
  private readonly fingerprints = new WeakMap<object, string>();
  private crossRules: boolean | undefined;
  /** Background re-check of other files: a newer pass cancels an older one. */
  private passGeneration = 0;
  private passPending = false;
  /** Files updated from disk whose check waits for the pending pass (it publishes them first). */
  private readonly deferred = new Set<string>();
  private stopped = false;

  constructor(private readonly o: DiagnosticsOptions) {}

  /** The core diagnostics last computed for `uri`. */
  diagnostics(uri: string): KDiagnostic[] {
    return this.lastDiags.get(uri) ?? [];
  }

  published(): Iterable<string> {
    return this.shown.keys();
  }

  /** Stops the background passes (the server is shutting down). */
  shutdown(): void {
    this.stopped = true;
  }

  private hasCrossRules(): boolean {
    return (this.crossRules ??= [...ruleCatalog().values()].some((m) => m.crossResource));
  }

  /**
   * Lints `uri` and publishes the result. Open documents always get a publish when `force`;
   * other files only when they have diagnostics or had some before (to clear them).
   */
  publish(uri: string, force: boolean): void {
    const { ws, open } = this.o;
    this.deferred.delete(uri);
    const file = ws.get(uri);
    const isOpen = open.has(uri);
    const lesson = lessonFileOf(uri) !== undefined;
    const diags = !file
      ? []
      : lesson
        ? [...file.problems, ...lessonFileDiagnostics(ws, uri)]
        : lintWorkspaceFile(ws, uri, this.o.lintOptions(), this.o.kustomizeReader);
    if (diags.length) this.lastDiags.set(uri, diags);
    else this.lastDiags.delete(uri);
    const clientUri = open.clientUri(uri);
    const conv = { locale: this.o.locale(), related: this.o.related(), clientUri: (u: string) => open.clientUri(u) };
    const lsp = diags.map((d) => toLspDiagnostic(d, conv));
    const prev = this.shown.get(uri);
    if (!isOpen && lsp.length === 0 && prev === undefined) return;
    // Compared only when not forced (a re-check caused by another file): the edited document itself
    // is always published, without paying for a comparison.
    if (!force && prev && prev.length === lsp.length && JSON.stringify(prev) === JSON.stringify(lsp)) return;
    if (!isOpen && lsp.length === 0) this.shown.delete(uri);
    else this.shown.set(uri, lsp);
    const version = isOpen ? this.o.version(clientUri) : undefined;
    this.o.send({ uri: clientUri, version, diagnostics: lsp });
  }

  clear(uri: string): void {
    this.lastDiags.delete(uri);
    const had = this.shown.delete(uri);
    if (had || this.o.open.has(uri)) this.o.send({ uri: this.o.open.clientUri(uri), diagnostics: [] });
  }

  update(uri: string, text: string, force: boolean): void {
    const cross = this.hasCrossRules();
    const before = cross ? this.fingerprint(uri) : '';
    this.o.ws.set(uri, text);
    // A kustomization changes how other files render even when it holds no object of its own.
    const others = cross && (this.passPending || isKustomizationUri(uri) || this.fingerprint(uri) !== before);
    // A file changed on disk (not the document being edited) is left to the pass that re-checks the
    // others when one is due: a burst of disk changes (a branch switch) is then linted once against
    // the new workspace, not once per file against a workspace whose indexes each change rebuilds.
    if (force || !others) this.publish(uri, force);
    else this.deferred.add(uri);
    // A lesson's three files are checked together: an edit to one may fix or break the others.
    for (const u of siblingLessonFiles(this.o.ws, uri)) this.publish(u, false);
    if (others) this.scheduleOthers(uri);
  }

  remove(uri: string): void {
    const cross = this.hasCrossRules();
    const before = cross ? this.fingerprint(uri) : '';
    this.o.ws.delete(uri);
    this.clear(uri);
    if (cross && (this.passPending || before !== '')) this.scheduleOthers(uri);
  }

  async publishAll(forceOpen: boolean): Promise<void> {
    const { ws, open } = this.o;
    const targets = new Set<string>([...open.uris(), ...this.shown.keys(), ...ws.uris()]);
    let sliceStart = Date.now();
    for (const u of targets) {
      if (this.stopped) return;
      this.publish(u, forceOpen && open.has(u));
      if (Date.now() - sliceStart > 8) {
        await yieldNow();
        sliceStart = Date.now();
      }
    }
  }

  private fingerprint(uri: string): string {
    const f = this.o.ws.get(uri);
    if (!f || f.resources.length === 0) return '';
    let out = '';
    for (const d of f.docs) {
      if (!d.resources.length) continue;
      let fp = this.fingerprints.get(d.yaml);
      if (fp === undefined) {
        try {
          fp = JSON.stringify(d.resources.map((r): unknown => r.obj));
        } catch {
          fp = `unserializable:${this.o.ws.version}`; // cyclic (aliases): always "changed"
        }
        this.fingerprints.set(d.yaml, fp);
      }
      out += fp + '\u0000';
    }
    return out;
  }

  private scheduleOthers(except: string | undefined): void {
    if (!this.hasCrossRules()) return;
    this.passPending = true;
    const gen = ++this.passGeneration;
    setImmediate(detached(this.o.guard, 'recheck', () => this.runPass(gen, except)));
  }

  private async runPass(gen: number, except: string | undefined): Promise<void> {
    if (gen !== this.passGeneration || this.stopped) return;
    const { ws, open } = this.o;
    const targets = new Set<string>();
    for (const u of open.uris()) targets.add(u);
    for (const u of this.shown.keys()) targets.add(u);
    for (const u of ws.uris()) if (ws.get(u)!.resources.length || isKustomizationUri(u)) targets.add(u);
    if (except) targets.delete(except);
    for (const u of this.deferred) targets.add(u); // a deferred `except` included
    let sliceStart = Date.now();
    for (const u of targets) {
      if (gen !== this.passGeneration || this.stopped) return;
      this.publish(u, false);
      if (Date.now() - sliceStart > 8) {
        await yieldNow();
        sliceStart = Date.now();
      }
    }
    if (gen === this.passGeneration) this.passPending = false;
  }
}
