// Activation shared by both hosts (./extension.ts in Node, ./browser.ts in the web worker): the
// language client, the commands that go with it, and every other feature registered lazily.
// Opening any YAML file activates the extension, so what runs here is only that: the features
// (simulator panel, lessons, kubectl terminal) are registered but load on first use (./lazy.ts).
import * as vscode from 'vscode';
import { KubeDormClient, type ClientTransport } from './client';
import { LazyFeatures, type FeatureModule } from './lazy';

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

export interface Host {
  transport: ClientTransport;
  /** Loads the feature bundle (default: require dist/sim.js). */
  loadFeatures?: () => FeatureModule | Promise<FeatureModule>;
}

export async function activateIn(context: vscode.ExtensionContext, host: Host): Promise<void> {
  const output = vscode.window.createOutputChannel('Kube Dorm');
  context.subscriptions.push(output);
  client = new KubeDormClient(context, output, host.transport);
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
  const features = new LazyFeatures(context, host.loadFeatures);
  features.onCluster = (p) => client?.setCluster(p);
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
