// The Kube Dorm language server: a thin adapter between LSP and the core (Workspace + lintFile).
// It keeps an index of every manifest in the workspace folders (open documents override disk),
// re-checks a changed document after a short debounce, then re-publishes the other files whose
// cross-resource verdict may have changed, in small slices so that requests stay answered.
// This module only wires the parts together:
//   sync.ts         file events, disk reads and the workspace scan (WorkspaceSync)
//   diagnostics.ts  linting and publishing, background re-checks of dependent files
//   settings.ts     the kubeDorm settings and configuration changes
//   lifecycle.ts    initialize, initialized, shutdown
//   file-events.ts  LSP file and document notifications → WorkspaceSync
//   features.ts     hover, completion, quick fixes, navigation, lenses, hints
//   cluster.ts      the connected cluster (its CRDs validate custom resources)
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from '../../core/workspace/index';
import { DiagnosticsPublisher } from './diagnostics';
import { registerFeatures } from './features';
import { registerFileEvents } from './file-events';
import type { FileSystem } from './file-system';
import type { KustomizeReader } from '../../core/kustomize/index';
import { makeGuard } from './guard';
import { registerLifecycle, type ClientOptions } from './lifecycle';
import { OpenDocuments } from './open-documents';
import { scanReporter } from './progress';
import { registerConfigurationHandlers, Settings } from './settings';
import { WorkspaceSync } from './sync';
import { registerClusterHandler, type ClusterInfo } from './cluster';
import { canonUri } from './uri';

/** `fs` reads the workspace: Node's file system (main.ts), or the client's (browser-main.ts). */
export function startServer(connection: Connection, fs: FileSystem, kustomizeReader?: KustomizeReader): void {
  const logError = (where: string, e: unknown) => connection.console.error(`[${where}] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const guard = makeGuard(logError);
  const ws = new Workspace();
  const documents = new TextDocuments(TextDocument);
  const open = new OpenDocuments();
  const settings = new Settings();
  const client: ClientOptions = { related: true, scanWorkspace: true, trusted: true };
  const locale = () => settings.locale();

  const diagnostics = new DiagnosticsPublisher({
    ws,
    open,
    version: (uri) => documents.get(uri)?.version,
    lintOptions: () => settings.lintOptions(),
    locale,
    related: () => client.related,
    send: (params) => void connection.sendDiagnostics(params),
    guard,
    kustomizeReader,
  });
  const sync = new WorkspaceSync({
    ws,
    fs,
    diagnostics,
    progress: scanReporter(connection, locale),
    open,
    documents,
    guard,
    logError,
  });

  registerLifecycle({ connection, ws, settings, client, sync, diagnostics, guard, logError });
  registerConfigurationHandlers(connection, settings, diagnostics, guard, logError);
  registerFileEvents(connection, documents, sync, guard);
  const cluster: ClusterInfo = {};
  registerClusterHandler(connection, ws, cluster, settings, diagnostics, guard);
  registerFeatures(connection, {
    ws,
    documents,
    locale,
    kubernetesVersion: () => settings.lintOptions().kubernetesVersion,
    canonUri,
    clientUri: (uri) => open.clientUri(uri),
    flush: (uri) => sync.flush(uri),
    diagnostics: (uri) => diagnostics.diagnostics(uri),
    guard,
    get simulateCommand() {
      return client.simulateCommand;
    },
    get lessonCommand() {
      return client.lessonCommand;
    },
    get trusted() {
      return client.trusted;
    },
  });

  documents.listen(connection);
  connection.listen();
}
