// The Kube Dorm language server: a thin adapter between LSP and the core (Workspace + lintFile).
// It keeps an index of every manifest in the workspace folders (open documents override disk),
// re-checks a changed document after a short debounce, then re-publishes the other files whose
// cross-resource verdict may have changed, in small slices so that requests stay answered.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type FileOperationRegistrationOptions,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { defineMessages, resolveLocale, t, type Locale } from '../../core/i18n/index';
import { lintParsed, ruleCatalog, type LintOptions } from '../../core/lint';
import { MAX_FILE_CHARS } from '../../core/manifest/parse';
import type { KDiagnostic, Severity } from '../../core/manifest/types';
import { Workspace } from '../../core/workspace/index';
import { toLspDiagnostic } from './convert';
import { featureCapabilities, registerFeatures } from './features';
import { IndexedNotification, type InitializationOptions, type KubeDormSettings } from './protocol';

defineMessages({
  'lsp.index.title': { en: 'Kube Dorm: indexing manifests', zh: 'Kube Dorm：正在索引清单' },
  'lsp.index.progress': { en: '{done} of {total} files', zh: '已处理 {done} / {total} 个文件' },
});

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const MANIFEST_EXT = /\.(ya?ml|json)$/i;
/** A JSON file is indexed only if it looks like a Kubernetes object (package.json, tsconfig.json are not). */
const JSON_MANIFEST_RE = /"apiVersion"\s*:[\s\S]*"kind"\s*:|"kind"\s*:[\s\S]*"apiVersion"\s*:/;
const MAX_SCAN_FILES = 20000;
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Canonical form of a URI (VS Code's spelling), so disk scans and open documents share one key. */
export function canonUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

function isManifestPath(p: string): boolean {
  return MANIFEST_EXT.test(p);
}

function looksLikeManifest(fsPath: string, text: string): boolean {
  return !/\.json$/i.test(fsPath) || JSON_MANIFEST_RE.test(text);
}

const yieldNow = () => new Promise<void>((r) => setImmediate(r));

function sanitizeRules(v: unknown): Record<string, Severity | 'off'> {
  const out: Record<string, Severity | 'off'> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, s] of Object.entries(v)) if (typeof s === 'string' && SEVERITIES.has(s)) out[k] = s as Severity | 'off';
  }
  return out;
}

export function startServer(connection: Connection): void {
  const ws = new Workspace();
  const documents = new TextDocuments(TextDocument);
  /** canonical URI → the URI string the client uses for the open document. */
  const open = new Map<string, string>();
  /** canonical URI → the diagnostics last published (absent = nothing published / cleared). */
  const published = new Map<string, Diagnostic[]>();
  /** Cancels the debounce timer of each document that has one. */
  const timers = new Map<string, () => void>();
  /** The debounced check waiting for each document (run early by flush() before a feature request). */
  const pendingChecks = new Map<string, () => void>();
  /** canonical URI → the core diagnostics last computed (for quick fixes). */
  const lastDiags = new Map<string, KDiagnostic[]>();
  let simulateCommand: string | undefined;
  let lessonCommand: string | undefined;
  let trusted = true;
  /** Version of each open document last checked. */
  const checkedVersion = new Map<string, number>();

  let clientLocale: string | undefined;
  let folders: string[] = [];
  let hasConfiguration = false;
  let hasConfigurationRegistration = false;
  let hasWatcherRegistration = false;
  let hasRelated = true;
  let debounceMs = 120;
  let diskReadDelayMs = 0;
  let scanWorkspace = true;
  let shuttingDown = false;
  const settings: Required<KubeDormSettings> = { language: 'auto', rules: {}, schemaValidation: true };

  const log = (s: string) => connection.console.log(s);
  const logError = (where: string, e: unknown) =>
    connection.console.error(`[${where}] ${e instanceof Error ? e.stack ?? e.message : String(e)}`);

  /** Every handler goes through here: a failure is logged, never thrown back into the connection. */
  function guard<A extends unknown[], R>(where: string, fn: (...a: A) => R): (...a: A) => R | undefined {
    return (...a: A) => {
      try {
        const r = fn(...a);
        if (r instanceof Promise) return r.catch((e) => logError(where, e)) as R;
        return r;
      } catch (e) {
        logError(where, e);
        return undefined;
      }
    };
  }

  const locale = (): Locale => resolveLocale(settings.language === 'auto' ? clientLocale : settings.language);
  const lintOptions = (): LintOptions => ({ severities: settings.rules, schema: settings.schemaValidation });
  const clientUri = (uri: string) => open.get(uri) ?? uri;
  let crossRules: boolean | undefined;
  const hasCrossRules = () => (crossRules ??= [...ruleCatalog().values()].some((m) => m.crossResource));

  /** Settings given in initializationOptions: the base that every configuration pull starts from. */
  let baseSettings: Required<KubeDormSettings> = { ...settings };

  /** Replaces the settings: keys missing from `s` fall back to the base (a removed setting means its default). */
  function applySettings(s: KubeDormSettings | InitializationOptions | undefined | null): void {
    Object.assign(settings, baseSettings);
    if (!s || typeof s !== 'object') return;
    if (s.language === 'auto' || s.language === 'en' || s.language === 'zh-cn') settings.language = s.language;
    if (s.rules !== undefined) settings.rules = sanitizeRules(s.rules);
    if (typeof s.schemaValidation === 'boolean') settings.schemaValidation = s.schemaValidation;
  }

  function inFolders(fsPath: string): boolean {
    return folders.some((f) => fsPath === f || fsPath.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  }

  function fsPathOf(uri: string): string | undefined {
    try {
      const u = URI.parse(uri);
      return u.scheme === 'file' ? u.fsPath : undefined;
    } catch {
      return undefined;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Publishing

  /**
   * Lints `uri` and publishes the result. Open documents always get a publish when `force`;
   * other files only when they have diagnostics or had some before (to clear them).
   */
  function publish(uri: string, force: boolean): void {
    const file = ws.get(uri);
    const isOpen = open.has(uri);
    const diags = file ? lintParsed(ws, file, lintOptions()) : [];
    if (diags.length) lastDiags.set(uri, diags);
    else lastDiags.delete(uri);
    const conv = { locale: locale(), related: hasRelated, clientUri };
    const lsp = diags.map((d) => toLspDiagnostic(d, conv));
    const prev = published.get(uri);
    if (!isOpen && lsp.length === 0 && prev === undefined) return;
    // Compared only when not forced (a re-check caused by another file): the edited document itself
    // is always published, without paying for a comparison.
    if (!force && prev && prev.length === lsp.length && JSON.stringify(prev) === JSON.stringify(lsp)) return;
    if (!isOpen && lsp.length === 0) published.delete(uri);
    else published.set(uri, lsp);
    const doc = isOpen ? documents.get(clientUri(uri)) : undefined;
    void connection.sendDiagnostics({ uri: clientUri(uri), version: doc?.version, diagnostics: lsp });
  }

  function clear(uri: string): void {
    lastDiags.delete(uri);
    const had = published.delete(uri);
    if (had || open.has(uri)) void connection.sendDiagnostics({ uri: clientUri(uri), diagnostics: [] });
  }

  /**
   * What other files' cross-resource verdicts can depend on: the decoded objects of a file. Kept per
   * yaml Document (unchanged documents are reused by the incremental parser, so a keystroke
   * serialises only the document it touched).
   */
  const fingerprints = new WeakMap<object, string>();
  function fingerprint(uri: string): string {
    const f = ws.get(uri);
    if (!f || f.resources.length === 0) return '';
    let out = '';
    for (const d of f.docs) {
      if (!d.resources.length) continue;
      let fp = fingerprints.get(d.yaml);
      if (fp === undefined) {
        try {
          fp = JSON.stringify(d.resources.map((r) => r.obj));
        } catch {
          fp = `unserializable:${ws.version}`; // cyclic (aliases): always "changed"
        }
        fingerprints.set(d.yaml, fp);
      }
      out += fp + '\u0000';
    }
    return out;
  }

  // Background re-check of other files, in time slices; a newer pass cancels an older one.
  let passGeneration = 0;
  let passPending = false;

  function scheduleOthers(except: string | undefined): void {
    if (!hasCrossRules()) return;
    passPending = true;
    const gen = ++passGeneration;
    setImmediate(guard('recheck', () => runPass(gen, except)));
  }

  async function runPass(gen: number, except: string | undefined): Promise<void> {
    if (gen !== passGeneration || shuttingDown) return;
    const targets = new Set<string>();
    for (const u of open.keys()) targets.add(u);
    for (const u of published.keys()) targets.add(u);
    for (const u of ws.uris()) if (ws.get(u)!.resources.length) targets.add(u);
    if (except) targets.delete(except);
    let sliceStart = Date.now();
    for (const u of targets) {
      if (gen !== passGeneration || shuttingDown) return;
      publish(u, false);
      if (Date.now() - sliceStart > 8) {
        await yieldNow();
        sliceStart = Date.now();
      }
    }
    if (gen === passGeneration) passPending = false;
  }

  /** Re-publishes everything (settings changed, scan finished). */
  async function publishAll(forceOpen: boolean): Promise<void> {
    const targets = new Set<string>([...open.keys(), ...published.keys(), ...ws.uris()]);
    let sliceStart = Date.now();
    for (const u of targets) {
      if (shuttingDown) return;
      publish(u, forceOpen && open.has(u));
      if (Date.now() - sliceStart > 8) {
        await yieldNow();
        sliceStart = Date.now();
      }
    }
  }

  /** Sets `text` as the content of `uri`, publishes it, and re-checks dependents if needed. */
  function update(uri: string, text: string, force: boolean): void {
    const cross = hasCrossRules();
    const before = cross ? fingerprint(uri) : '';
    ws.set(uri, text);
    publish(uri, force);
    if (cross && (passPending || fingerprint(uri) !== before)) scheduleOthers(uri);
  }

  function remove(uri: string): void {
    const cross = hasCrossRules();
    const before = cross ? fingerprint(uri) : '';
    ws.delete(uri);
    clear(uri);
    if (cross && (passPending || before !== '')) scheduleOthers(uri);
  }

  async function readManifest(fsPath: string): Promise<string | undefined> {
    try {
      const st = await fsp.stat(fsPath);
      if (!st.isFile() || st.size > MAX_FILE_CHARS * 4) return undefined;
      const text = await fsp.readFile(fsPath, 'utf8');
      if (diskReadDelayMs) await new Promise((r) => setTimeout(r, diskReadDelayMs));
      return looksLikeManifest(fsPath, text) ? text : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Every event about a file (open, close, created, changed, deleted, renamed) bumps its
   * generation. A disk read started for one event is dropped if another event came while it was
   * reading: otherwise a slow read of a file that was then opened, closed and deleted could put the
   * deleted file back into the index.
   */
  const fileGen = new Map<string, number>();
  /** Bumped by every delete or rename (of a file or a folder): a scan batch read across one checks its files again. */
  let treeGen = 0;
  function bump(uri: string): number {
    const g = (fileGen.get(uri) ?? 0) + 1;
    fileGen.set(uri, g);
    return g;
  }

  /** The file on disk changed or appeared (not open in the editor). */
  async function refreshFromDisk(uri: string): Promise<void> {
    const gen = bump(uri);
    if (open.has(uri)) return;
    const fsPath = fsPathOf(uri);
    if (!fsPath || !isManifestPath(fsPath)) return;
    const text = await readManifest(fsPath);
    if (fileGen.get(uri) !== gen) return; // opened, changed or deleted while we were reading: that event has the last word
    if (text === undefined) {
      if (ws.has(uri)) remove(uri);
      return;
    }
    update(uri, text, false);
  }

  /** A file or folder disappeared. */
  function removeTree(uri: string): void {
    const prefix = uri.endsWith('/') ? uri : uri + '/';
    treeGen++;
    bump(uri);
    for (const u of fileGen.keys()) if (u.startsWith(prefix)) bump(u);
    for (const u of ws.uris()) if ((u === uri || u.startsWith(prefix)) && !open.has(u)) remove(u);
    for (const u of [...published.keys()]) if ((u === uri || u.startsWith(prefix)) && !open.has(u)) clear(u);
  }

  function renameTree(oldUri: string, newUri: string): void {
    treeGen++;
    bump(oldUri);
    bump(newUri);
    const oldPrefix = oldUri.endsWith('/') ? oldUri : oldUri + '/';
    for (const u of fileGen.keys()) if (u.startsWith(oldPrefix)) bump(u);
    const newPrefix = newUri.endsWith('/') ? newUri : newUri + '/';
    const moves: [string, string][] = [];
    for (const u of ws.uris()) {
      if (u === oldUri) moves.push([u, newUri]);
      else if (u.startsWith(oldPrefix)) moves.push([u, newPrefix + u.slice(oldPrefix.length)]);
    }
    for (const [a, b] of moves) {
      if (open.has(a)) continue; // the client will close/reopen it under the new name
      const text = ws.get(a)!.text;
      remove(a);
      if (!open.has(b)) update(b, text, false);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Workspace scan

  async function listFiles(root: string, out: string[]): Promise<void> {
    const stack = [root];
    while (stack.length && out.length < MAX_SCAN_FILES) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name)) stack.push(path.join(dir, e.name));
        } else if (e.isFile() && isManifestPath(e.name)) {
          out.push(path.join(dir, e.name));
          if (out.length >= MAX_SCAN_FILES) break;
        }
      }
    }
  }

  async function scan(): Promise<void> {
    const started = Date.now();
    const progress = await connection.window.createWorkDoneProgress();
    const L = locale();
    progress.begin(t('lsp.index.title', L), 0, undefined, false);
    try {
      const files: string[] = [];
      for (const f of folders) await listFiles(f, files);
      let done = 0;
      let lastReport = 0;
      const BATCH = 16;
      for (let i = 0; i < files.length && !shuttingDown; i += BATCH) {
        const batch = files.slice(i, i + BATCH);
        const uris = batch.map((f) => URI.file(f).toString());
        const gens = uris.map((u) => fileGen.get(u) ?? 0);
        const tree = treeGen;
        const texts = await Promise.all(batch.map((f) => readManifest(f)));
        // A file or folder was deleted or renamed meanwhile: keep only what is still there.
        if (tree !== treeGen) {
          const still = await Promise.all(batch.map((f) => fsp.stat(f).then((st) => st.isFile(), () => false)));
          still.forEach((ok, j) => {
            if (!ok) texts[j] = undefined;
          });
        }
        batch.forEach((f, j) => {
          const text = texts[j];
          const uri = uris[j];
          // Opened, changed or deleted while the scan was reading it: that event has the last word.
          if (text === undefined || open.has(uri) || (fileGen.get(uri) ?? 0) !== gens[j]) return;
          try {
            ws.set(uri, text);
          } catch (e) {
            logError('scan', e);
          }
        });
        done += batch.length;
        if (Date.now() - lastReport > 100) {
          lastReport = Date.now();
          progress.report(Math.round((done / Math.max(1, files.length)) * 100), t({ id: 'lsp.index.progress', args: { done, total: files.length } }, L));
        }
        await yieldNow();
      }
      await publishAll(false);
      let resources = 0;
      for (const u of ws.uris()) resources += ws.get(u)!.resources.length;
      const ms = Date.now() - started;
      progress.done();
      log(`indexed ${ws.size} manifest files (${resources} resources) in ${ms} ms`);
      void connection.sendNotification(IndexedNotification.type, { files: ws.size, resources, ms });
    } catch (e) {
      progress.done();
      throw e;
    }
  }

  async function pullSettings(): Promise<void> {
    if (!hasConfiguration) return;
    try {
      const [cfg] = await connection.workspace.getConfiguration([{ section: 'kubeDorm' }]);
      applySettings(cfg as KubeDormSettings);
    } catch (e) {
      logError('configuration', e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // LSP handlers

  connection.onInitialize(
    (params: InitializeParams): InitializeResult => {
      clientLocale = params.locale;
      const opts = (params.initializationOptions ?? {}) as InitializationOptions;
      try {
        applySettings(opts);
        baseSettings = { ...settings };
        if (typeof opts.debounceMs === 'number' && opts.debounceMs >= 0) debounceMs = opts.debounceMs;
        if (typeof opts.diskReadDelayMs === 'number' && opts.diskReadDelayMs >= 0) diskReadDelayMs = Math.min(opts.diskReadDelayMs, 10_000);
        if (opts.scanWorkspace === false) scanWorkspace = false;
        if (typeof opts.simulateCommand === 'string' && opts.simulateCommand) simulateCommand = opts.simulateCommand;
        if (opts.trusted === false) trusted = false;
        if (typeof opts.lessonCommand === 'string' && /^[\w.]+$/.test(opts.lessonCommand)) lessonCommand = opts.lessonCommand;
      } catch (e) {
        logError('initialize', e);
      }
      const caps = params.capabilities;
      hasConfiguration = !!caps.workspace?.configuration;
      hasConfigurationRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
      hasWatcherRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
      hasRelated = caps.textDocument?.publishDiagnostics?.relatedInformation !== false;
      const fromFolders = (params.workspaceFolders ?? []).map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p);
      const root = params.rootUri ? fsPathOf(params.rootUri) : params.rootPath ?? undefined;
      folders = fromFolders.length ? fromFolders : root ? [root] : [];
      const filters: FileOperationRegistrationOptions['filters'] = [
        { scheme: 'file', pattern: { glob: '**/*.{yaml,yml,json,YAML,YML,JSON}', matches: 'file' } },
        { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } },
      ];
      return {
        capabilities: {
          ...featureCapabilities,
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          workspace: {
            workspaceFolders: { supported: true, changeNotifications: true },
            fileOperations: { didCreate: { filters }, didRename: { filters }, didDelete: { filters } },
          },
        },
        serverInfo: { name: 'kube-dorm', version: (require('../../package.json') as { version: string }).version },
      };
    },
  );

  connection.onInitialized(
    guard('initialized', async () => {
      if (hasConfigurationRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeDorm' });
      if (hasWatcherRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          // Files we index, plus deletions of anything (a deleted folder is reported as the folder only).
          watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
        });
      }
      await pullSettings();
      if (scanWorkspace && folders.length) await scan();
      else void connection.sendNotification(IndexedNotification.type, { files: ws.size, resources: 0, ms: 0 });
    }),
  );

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', async (params) => {
      if (hasConfiguration) await pullSettings();
      else applySettings((params.settings as { kubeDorm?: KubeDormSettings } | undefined)?.kubeDorm);
      await publishAll(true);
    }),
  );

  connection.onNotification('workspace/didChangeWorkspaceFolders', guard('didChangeWorkspaceFolders', async (params: any) => {
    for (const f of params?.event?.removed ?? []) {
      const p = fsPathOf(f.uri);
      if (!p) continue;
      folders = folders.filter((x) => x !== p);
      removeTree(canonUri(f.uri));
    }
    const added = (params?.event?.added ?? []).map((f: { uri: string }) => fsPathOf(f.uri)).filter(Boolean) as string[];
    if (added.length) {
      folders.push(...added);
      await scan();
    }
  }));

  documents.onDidOpen(
    guard('didOpen', ({ document }) => {
      const uri = canonUri(document.uri);
      bump(uri);
      open.set(uri, document.uri);
      checkedVersion.set(uri, document.version);
      update(uri, document.getText(), true);
    }),
  );

  documents.onDidChangeContent(
    guard('didChange', ({ document }) => {
      const uri = canonUri(document.uri);
      if (checkedVersion.get(uri) === document.version) return;
      timers.get(uri)?.();
      const run = guard('check', () => {
        timers.delete(uri);
        pendingChecks.delete(uri);
        const doc = documents.get(document.uri);
        if (!doc || !open.has(uri) || checkedVersion.get(uri) === doc.version) return;
        checkedVersion.set(uri, doc.version);
        update(uri, doc.getText(), true);
      });
      // A debounce of 0 (benchmarks, tests) runs right after this message: setTimeout(…, 0) would wait ≥ 1 ms.
      if (debounceMs > 0) {
        const t = setTimeout(run, debounceMs);
        timers.set(uri, () => clearTimeout(t));
      } else {
        const t = setImmediate(run);
        timers.set(uri, () => clearImmediate(t));
      }
      pendingChecks.set(uri, run);
    }),
  );

  documents.onDidClose(
    guard('didClose', async ({ document }) => {
      const uri = canonUri(document.uri);
      timers.get(uri)?.();
      timers.delete(uri);
      pendingChecks.delete(uri);
      checkedVersion.delete(uri);
      open.delete(uri);
      const gen = bump(uri);
      // The editor hides a closed file's problems only if we clear them; a workspace file gets them
      // again from its disk content below.
      published.delete(uri);
      void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      const fsPath = fsPathOf(uri);
      // Back to the disk's content when the file belongs to the workspace; otherwise forget it.
      const text = fsPath && inFolders(fsPath) && isManifestPath(fsPath) ? await readManifest(fsPath) : undefined;
      if (fileGen.get(uri) !== gen) return; // reopened, changed, deleted or renamed meanwhile: that event has the last word
      if (text === undefined) {
        if (ws.has(uri)) remove(uri);
        return;
      }
      update(uri, text, false);
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', async (params) => {
      for (const ch of params.changes) {
        const uri = canonUri(ch.uri);
        if (ch.type === FileChangeType.Deleted) {
          removeTree(uri);
        } else {
          await refreshFromDisk(uri);
        }
      }
    }),
  );

  connection.workspace.onDidCreateFiles(
    guard('didCreateFiles', async (params) => {
      for (const f of params.files) await refreshFromDisk(canonUri(f.uri));
    }),
  );
  connection.workspace.onDidDeleteFiles(
    guard('didDeleteFiles', (params) => {
      for (const f of params.files) removeTree(canonUri(f.uri));
    }),
  );
  connection.workspace.onDidRenameFiles(
    guard('didRenameFiles', (params) => {
      for (const f of params.files) renameTree(canonUri(f.oldUri), canonUri(f.newUri));
    }),
  );

  connection.onShutdown(() => {
    shuttingDown = true;
    for (const cancel of timers.values()) cancel();
    timers.clear();
  });

  registerFeatures(connection, {
    ws,
    documents,
    locale,
    canonUri,
    clientUri,
    flush(uri) {
      const run = pendingChecks.get(uri);
      timers.get(uri)?.();
      if (run) run();
    },
    diagnostics: (uri) => lastDiags.get(uri) ?? [],
    guard,
    get simulateCommand() {
      return simulateCommand;
    },
    get lessonCommand() {
      return lessonCommand;
    },
    get trusted() {
      return trusted;
    },
  });

  documents.listen(connection);
  connection.listen();
}
