// `kube-dorm lsp --stdio`: the same language server as dist/server.js, for editors other than VS Code.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../language-server/src/server';
import { nodeFileSystem, nodeKustomizeReader } from '../language-server/src/file-system';

export function runLsp(argv: string[], io: { stderr: { write(s: string): unknown } }): Promise<number> {
  if (!argv.includes('--stdio')) {
    io.stderr.write('kube-dorm lsp: only --stdio is supported (kube-dorm lsp --stdio).\n');
    return Promise.resolve(2);
  }
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));
  startServer(connection, nodeFileSystem, nodeKustomizeReader);
  // The connection ends the process on `exit`; until then the CLI keeps running.
  return new Promise<number>(() => {});
}
