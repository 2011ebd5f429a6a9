// Extension entry (dist/extension.js): activation, the language client and the commands that go with it.
// Other features (simulator panel, lessons) register themselves from their own modules in activate().
import * as vscode from 'vscode';
import { KubeDormClient } from './client';

let client: KubeDormClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Kube Dorm');
  context.subscriptions.push(output);
  client = new KubeDormClient(context, output);
  context.subscriptions.push(
    client,
    vscode.commands.registerCommand('kubeDorm.restartServer', async () => {
      try {
        await client?.restart();
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Kube Dorm could not restart its language server: {0}', String((e as Error)?.message ?? e)));
      }
    }),
    vscode.commands.registerCommand('kubeDorm.showOutput', () => output.show(true)),
  );
  try {
    await client.start();
  } catch (e) {
    output.appendLine(String((e as Error)?.stack ?? e));
    void vscode.window.showErrorMessage(vscode.l10n.t('Kube Dorm could not start its language server: {0}', String((e as Error)?.message ?? e)));
  }
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  await c?.dispose();
}
