// Extension entry (dist/extension.js): activation, the language client and the commands that go with
// it. Opening any YAML file activates the extension, so this bundle holds only that: the other
// features (simulator panel, lessons, kubectl terminal) are registered here but their code loads on
// first use (./lazy.ts, dist/sim.js).
import * as vscode from 'vscode';
import { KubeDormClient } from './client';
import { LazyFeatures } from './lazy';

/** Commands this bundle implements; every other contributed command is a feature's. */
export const ENTRY_COMMANDS: ReadonlySet<string> = new Set(['kubeDorm.restartServer', 'kubeDorm.showOutput']);

let client: KubeDormClient | undefined;

interface JsonPosition {
  line: number;
  character: number;
}
interface JsonRange {
  start: JsonPosition;
  end: JsonPosition;
}
const toRange = (r: JsonRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

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
    // Code lenses from the server carry plain JSON; VS Code's references peek wants its own types.
    vscode.commands.registerCommand('kubeDorm.showReferences', (uri: string, pos: JsonPosition, locations: { uri: string; range: JsonRange }[]) =>
      vscode.commands.executeCommand(
        'editor.action.showReferences',
        vscode.Uri.parse(uri),
        new vscode.Position(pos.line, pos.character),
        locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range))),
      ),
    ),
  );
  const features = new LazyFeatures(context);
  features.registerAll(ENTRY_COMMANDS);
  features.restoreWalkthrough();
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
