// Extension entry in Node (dist/extension.js): the language server runs as a Node process
// (dist/server.js, over IPC) and the features load from dist/sim.js on first use. The browser's
// entry is ./browser.ts; what both do is in ./activate.ts.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateIn, deactivate, ENTRY_COMMANDS } from './activate';
import { FILE_DOCUMENTS } from './client';

export { deactivate, ENTRY_COMMANDS };

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return activateIn(context, {
    transport: {
      documentSelector: FILE_DOCUMENTS,
      create(id, name, options) {
        const module = context.asAbsolutePath('dist/server.js');
        const serverOptions: ServerOptions = {
          run: { module, transport: TransportKind.ipc },
          debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
        };
        return new LanguageClient(id, name, serverOptions, options);
      },
    },
  });
}
