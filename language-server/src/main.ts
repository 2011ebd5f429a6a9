// Entry of dist/server.js. The transport comes from the command line, as vscode-languageclient
// passes it: `--node-ipc` (the extension), `--stdio` (other editors, tests, `kube-dorm lsp`).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { nodeFileSystem, nodeKustomizeReader } from './file-system';

export function run(): void {
  const connection = createConnection(ProposedFeatures.all);
  // Last line of defence: log and keep serving rather than die on a bug.
  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));
  startServer(connection, nodeFileSystem, nodeKustomizeReader);
}

if (require.main === module) run();
