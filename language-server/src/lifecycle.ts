// Lifecycle: initialize (client capabilities, initializationOptions, workspace folders, our
// capabilities), initialized (dynamic registrations, first settings pull, the workspace scan) and
// shutdown.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  WatchKind,
  type Connection,
  type FileOperationRegistrationOptions,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { preloadCatalog } from '../../core/schema/catalog';
import type { Workspace } from '../../core/workspace/index';
import type { DiagnosticsPublisher } from './diagnostics';
import { featureCapabilities } from './features';
import { detached, type ErrorLogger, type Guard } from './guard';
import { IndexedNotification, type InitializationOptions } from './protocol';
import type { Settings } from './settings';
import type { WorkspaceSync } from './sync';
import { fsPathOf } from './uri';

/** What the client told us in initialize, read by the other modules afterwards. */
export interface ClientOptions {
  /** The client shows diagnostics' related information. */
  related: boolean;
  /** false = do not scan the workspace folders (open documents only). */
  scanWorkspace: boolean;
  simulateCommand?: string;
  lessonCommand?: string;
  trusted: boolean;
}

export interface LifecycleContext {
  connection: Connection;
  ws: Workspace;
  settings: Settings;
  client: ClientOptions;
  sync: WorkspaceSync;
  diagnostics: DiagnosticsPublisher;
  guard: Guard;
  logError: ErrorLogger;
}

const FILE_FILTERS: FileOperationRegistrationOptions['filters'] = [
  { scheme: 'file', pattern: { glob: '**/*.{yaml,yml,json,YAML,YML,JSON}', matches: 'file' } },
  { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } },
];

export function registerLifecycle(ctx: LifecycleContext): void {
  const { connection, settings, client, sync, guard, logError } = ctx;
  let hasConfigurationRegistration = false;
  let hasWatcherRegistration = false;

  /** Reads initializationOptions; a malformed value is ignored (its default stays). */
  function applyOptions(opts: InitializationOptions): void {
    settings.initialize(opts);
    if (typeof opts.debounceMs === 'number' && opts.debounceMs >= 0) sync.debounceMs = opts.debounceMs;
    if (opts.scanWorkspace === false) client.scanWorkspace = false;
    if (typeof opts.maxScanFiles === 'number' && opts.maxScanFiles >= 1) sync.maxScanFiles = Math.floor(opts.maxScanFiles);
    if (typeof opts.simulateCommand === 'string' && opts.simulateCommand) client.simulateCommand = opts.simulateCommand;
    if (opts.trusted === false) client.trusted = false;
    if (typeof opts.lessonCommand === 'string' && /^[\w.]+$/.test(opts.lessonCommand)) client.lessonCommand = opts.lessonCommand;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings.clientLocale = params.locale;
    try {
      applyOptions((params.initializationOptions ?? {}) as InitializationOptions);
    } catch (e) {
      logError('initialize', e);
    }
    const caps = params.capabilities;
    settings.canPull = !!caps.workspace?.configuration;
    hasConfigurationRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    hasWatcherRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    client.related = caps.textDocument?.publishDiagnostics?.relatedInformation !== false;
    const fromFolders = (params.workspaceFolders ?? []).map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p);
    const root = params.rootUri ? fsPathOf(params.rootUri) : (params.rootPath ?? undefined);
    sync.setFolders(fromFolders.length ? fromFolders : root ? [root] : []);
    // Not needed to answer: the schema catalog is parsed once this answer is on its way, while the
    // client gets ready to open documents, so that the first lint finds it parsed.
    setTimeout(() => {
      try {
        preloadCatalog();
      } catch (e) {
        logError('catalog', e);
      }
    }, 0);
    return {
      capabilities: {
        ...featureCapabilities,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: {
          workspaceFolders: { supported: true, changeNotifications: true },
          fileOperations: { didCreate: { filters: FILE_FILTERS }, didRename: { filters: FILE_FILTERS }, didDelete: { filters: FILE_FILTERS } },
        },
      },
      serverInfo: { name: 'kube-dorm', version: (require('../../package.json') as { version: string }).version },
    };
  });

  connection.onInitialized(
    detached(guard, 'initialized', async () => {
      if (hasConfigurationRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeDorm' });
      if (hasWatcherRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          // Files we index, plus deletions of anything (a deleted folder is reported as the folder only).
          watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
        });
      }
      await settings.pull(connection, logError);
      if (client.scanWorkspace && sync.hasFolders) await sync.scan();
      else void connection.sendNotification(IndexedNotification.type, { files: ctx.ws.size, resources: 0, ms: 0 });
    }),
  );

  connection.onShutdown(() => {
    sync.shutdown();
    ctx.diagnostics.shutdown();
  });
}
