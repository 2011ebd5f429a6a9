// Keeps the Workspace index in step with the editor and the disk: open documents override the disk,
// edits are debounced, files created, changed, deleted or renamed on disk are re-read, and the
// workspace folders are scanned. Disk reads are slow and answer out of order, so every event about a
// file bumps its generation, and a read is dropped when a newer event about its file came meanwhile.
// The file system, the publisher and the progress reporter are inputs: tests drive this class with an
// in-memory file system whose reads they answer by hand.
import * as path from 'node:path';
import { MAX_FILE_CHARS } from '../../core/manifest/parse';
import type { Workspace } from '../../core/workspace/index';
import type { DiagnosticsSink } from './diagnostics';
import type { FileSystem } from './file-system';
import type { ErrorLogger, Guard } from './guard';
import type { OpenDocuments } from './open-documents';
import type { IndexedParams } from './protocol';
import { canonUri, fsPathOf, uriOfPath } from './uri';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const MANIFEST_EXT = /\.(ya?ml|json)$/i;
/** A JSON file is indexed only if it looks like a Kubernetes object (package.json, tsconfig.json are not). */
const JSON_MANIFEST_RE = /"apiVersion"\s*:[\s\S]*"kind"\s*:|"kind"\s*:[\s\S]*"apiVersion"\s*:/;
const MAX_SCAN_FILES = 20000;
/** Files read at once by the scan. */
const SCAN_BATCH = 16;

const isManifestPath = (p: string): boolean => MANIFEST_EXT.test(p);
const looksLikeManifest = (fsPath: string, text: string): boolean => !/\.json$/i.test(fsPath) || JSON_MANIFEST_RE.test(text);
const yieldNow = () => new Promise<void>((r) => setImmediate(r));

/** The editor's open documents, by the URI the client uses (`TextDocuments` fits). */
export interface DocumentSource {
  get(clientUri: string): { readonly version: number; getText(): string } | undefined;
}

/** Progress of one workspace scan. */
export interface ScanProgress {
  report(done: number, total: number): void;
  done(): void;
}

/** Where the scan reports to. */
export interface ScanReporter {
  begin(): Promise<ScanProgress>;
  /** The scan finished and every indexed file's diagnostics were published. */
  indexed(params: IndexedParams): void;
}

export interface WorkspaceSyncOptions {
  ws: Workspace;
  fs: FileSystem;
  diagnostics: DiagnosticsSink;
  progress: ScanReporter;
  /** Written here on open and close. */
  open: OpenDocuments;
  documents: DocumentSource;
  guard: Guard;
  logError: ErrorLogger;
}

export class WorkspaceSync {
  /** Delay between the last keystroke and re-checking (ms); 0 runs the check right after the message. */
  debounceMs = 120;
  /** Files the scan indexes at most; past it the scan stops and the client is told. */
  maxScanFiles = MAX_SCAN_FILES;
  private folders: string[] = [];
  /** Generation of each file, bumped by every event about it (open, close, created, changed, deleted, renamed). */
  private readonly fileGen = new Map<string, number>();
  /** Bumped by every delete or rename (of a file or a folder): a scan batch read across one checks its files again. */
  private treeGen = 0;
  /** Cancels the debounce timer of each document that has one. */
  private readonly timers = new Map<string, () => void>();
  /** The debounced check waiting for each document (run early by flush() before a feature request). */
  private readonly pendingChecks = new Map<string, () => void>();
  private stopped = false;

  constructor(private readonly o: WorkspaceSyncOptions) {}

  // -------------------------------------------------------------------------------------------
  // Workspace folders

  setFolders(fsPaths: string[]): void {
    this.folders = [...fsPaths];
  }

  get hasFolders(): boolean {
    return this.folders.length > 0;
  }

  /** Adds folders and scans the workspace again. */
  async addFolders(fsPaths: string[]): Promise<void> {
    if (!fsPaths.length) return;
    this.folders.push(...fsPaths);
    await this.scan();
  }

  /** Forgets a folder and every file under it that is not open. */
  removeFolder(uri: string): void {
    const p = fsPathOf(uri);
    if (!p) return;
    this.folders = this.folders.filter((x) => x !== p);
    this.removeTree(canonUri(uri));
  }

  private inFolders(fsPath: string): boolean {
    return this.folders.some((f) => fsPath === f || fsPath.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  }

  // -------------------------------------------------------------------------------------------
  // Documents open in the editor

  didOpen(doc: { uri: string; version: number; getText(): string }): void {
    const uri = canonUri(doc.uri);
    this.bump(uri);
    this.o.open.add(uri, doc.uri);
    this.o.diagnostics.update(uri, doc.getText(), true);
  }

  /**
   * The document changed: it is checked after the debounce, against its text at that time. A change
   * always means new text, even when a client sends a version that did not increase, so it is
   * always checked again.
   */
  didChange(doc: { uri: string; version: number }): void {
    const uri = canonUri(doc.uri);
    this.timers.get(uri)?.();
    const run = this.o.guard('check', () => {
      this.timers.delete(uri);
      this.pendingChecks.delete(uri);
      const current = this.o.documents.get(doc.uri);
      if (!current || !this.o.open.has(uri)) return;
      this.o.diagnostics.update(uri, current.getText(), true);
    });
    // A debounce of 0 (benchmarks, tests) runs right after this message: setTimeout(…, 0) would wait ≥ 1 ms.
    if (this.debounceMs > 0) {
      const t = setTimeout(run, this.debounceMs);
      this.timers.set(uri, () => clearTimeout(t));
    } else {
      const t = setImmediate(run);
      this.timers.set(uri, () => clearImmediate(t));
    }
    this.pendingChecks.set(uri, run);
  }

  /** Runs the pending check of `uri` (canonical) now, so that positions match the editor's text. */
  flush(uri: string): void {
    const run = this.pendingChecks.get(uri);
    this.timers.get(uri)?.();
    if (run) run();
  }

  /** The document was closed: back to the disk's content when it belongs to the workspace, else forgotten. */
  async didClose(clientUri: string): Promise<void> {
    const uri = canonUri(clientUri);
    this.timers.get(uri)?.();
    this.timers.delete(uri);
    this.pendingChecks.delete(uri);
    // The editor hides a closed file's problems only if we clear them; a workspace file gets them
    // again from its disk content below.
    this.o.diagnostics.clear(uri);
    this.o.open.delete(uri);
    const gen = this.bump(uri);
    const fsPath = fsPathOf(uri);
    const text = fsPath && this.inFolders(fsPath) && isManifestPath(fsPath) ? await this.readManifest(fsPath) : undefined;
    if (this.fileGen.get(uri) !== gen) return; // reopened, changed, deleted or renamed meanwhile: that event has the last word
    this.setOrRemove(uri, text);
  }

  // -------------------------------------------------------------------------------------------
  // Files on disk

  /** The file on disk changed or appeared (ignored while it is open in the editor). */
  async fileChanged(clientUri: string): Promise<void> {
    const uri = canonUri(clientUri);
    const gen = this.bump(uri);
    if (this.o.open.has(uri)) return;
    const fsPath = fsPathOf(uri);
    if (!fsPath || !isManifestPath(fsPath)) return;
    const text = await this.readManifest(fsPath);
    if (this.fileGen.get(uri) !== gen) return; // opened, changed or deleted while we were reading: that event has the last word
    this.setOrRemove(uri, text);
  }

  /** A file or folder disappeared. */
  fileDeleted(clientUri: string): void {
    this.removeTree(canonUri(clientUri));
  }

  fileRenamed(oldClientUri: string, newClientUri: string): void {
    const oldUri = canonUri(oldClientUri);
    const newUri = canonUri(newClientUri);
    const { ws, open, diagnostics } = this.o;
    this.treeGen++;
    this.bump(oldUri);
    this.bump(newUri);
    const oldPrefix = oldUri.endsWith('/') ? oldUri : oldUri + '/';
    for (const u of this.fileGen.keys()) if (u.startsWith(oldPrefix)) this.bump(u);
    const newPrefix = newUri.endsWith('/') ? newUri : newUri + '/';
    const moves: [string, string][] = [];
    for (const u of ws.uris()) {
      if (u === oldUri) moves.push([u, newUri]);
      else if (u.startsWith(oldPrefix)) moves.push([u, newPrefix + u.slice(oldPrefix.length)]);
    }
    for (const [a, b] of moves) {
      if (open.has(a)) continue; // the client will close/reopen it under the new name
      const text = ws.get(a)!.text;
      diagnostics.remove(a);
      if (!open.has(b)) diagnostics.update(b, text, false);
    }
  }

  private removeTree(uri: string): void {
    const { ws, open, diagnostics } = this.o;
    const prefix = uri.endsWith('/') ? uri : uri + '/';
    const under = (u: string) => (u === uri || u.startsWith(prefix)) && !open.has(u);
    this.treeGen++;
    this.bump(uri);
    for (const u of this.fileGen.keys()) if (u.startsWith(prefix)) this.bump(u);
    for (const u of ws.uris()) if (under(u)) diagnostics.remove(u);
    for (const u of [...diagnostics.published()]) if (under(u)) diagnostics.clear(u);
  }

  private bump(uri: string): number {
    const g = (this.fileGen.get(uri) ?? 0) + 1;
    this.fileGen.set(uri, g);
    return g;
  }

  private setOrRemove(uri: string, text: string | undefined): void {
    if (text !== undefined) this.o.diagnostics.update(uri, text, false);
    else if (this.o.ws.has(uri)) this.o.diagnostics.remove(uri);
  }

  /** The text of a manifest on disk; undefined when missing, too big, not a file or not Kubernetes JSON. */
  private async readManifest(fsPath: string): Promise<string | undefined> {
    try {
      const st = await this.o.fs.stat(fsPath);
      if (!st.isFile || st.size > MAX_FILE_CHARS * 4) return undefined;
      const text = await this.o.fs.readFile(fsPath);
      return looksLikeManifest(fsPath, text) ? text : undefined;
    } catch {
      return undefined;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Workspace scan

  /** Lists manifest files under `root` into `out`, one past the limit at most (so the caller knows it was reached). */
  private async listFiles(root: string, out: string[]): Promise<void> {
    const stack = [root];
    const max = this.maxScanFiles + 1;
    while (stack.length && out.length < max) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = await this.o.fs.readDir(dir);
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.isDirectory) {
          if (!SKIP_DIRS.has(e.name)) stack.push(path.join(dir, e.name));
        } else if (e.isFile && isManifestPath(e.name)) {
          out.push(path.join(dir, e.name));
          if (out.length >= max) break;
        }
      }
    }
  }

  /** Indexes every manifest in the workspace folders, then publishes what it found. */
  async scan(): Promise<void> {
    const { ws, open, fs } = this.o;
    const started = Date.now();
    const progress = await this.o.progress.begin();
    try {
      const files: string[] = [];
      for (const f of this.folders) await this.listFiles(f, files);
      // More files than the limit: index the first ones and say so (the rest are checked when opened).
      const limited = files.length > this.maxScanFiles;
      if (limited) files.length = this.maxScanFiles;
      let done = 0;
      for (let i = 0; i < files.length && !this.stopped; i += SCAN_BATCH) {
        const batch = files.slice(i, i + SCAN_BATCH);
        const uris = batch.map(uriOfPath);
        const gens = uris.map((u) => this.fileGen.get(u) ?? 0);
        const tree = this.treeGen;
        const texts = await Promise.all(batch.map((f) => this.readManifest(f)));
        // A file or folder was deleted or renamed meanwhile: keep only what is still there.
        if (tree !== this.treeGen) {
          const still = await Promise.all(
            batch.map((f) =>
              fs.stat(f).then(
                (st) => st.isFile,
                () => false,
              ),
            ),
          );
          still.forEach((ok, j) => {
            if (!ok) texts[j] = undefined;
          });
        }
        batch.forEach((_, j) => {
          const text = texts[j];
          const uri = uris[j];
          // Opened, changed or deleted while the scan was reading it: that event has the last word.
          if (text === undefined || open.has(uri) || (this.fileGen.get(uri) ?? 0) !== gens[j]) return;
          try {
            ws.set(uri, text);
          } catch (e) {
            this.o.logError('scan', e);
          }
        });
        done += batch.length;
        progress.report(done, files.length);
        await yieldNow();
      }
      await this.o.diagnostics.publishAll(false);
      let resources = 0;
      for (const u of ws.uris()) resources += ws.get(u)!.resources.length;
      progress.done();
      this.o.progress.indexed({ files: ws.size, resources, ms: Date.now() - started, ...(limited ? { limit: this.maxScanFiles } : {}) });
    } catch (e) {
      progress.done();
      throw e;
    }
  }

  /** Stops the scan and cancels the pending checks (the server is shutting down). */
  shutdown(): void {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }
}
