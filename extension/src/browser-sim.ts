// The features behind dist/browser/sim.js, the browser's twin of ./sim.ts: fetched on first use
// (./browser-load.ts), with the same panel and lessons. What needs Node differs: the lesson files
// are read with vscode.workspace.fs from the extension's URI (read once, before the lessons load),
// and "Open kubectl Terminal" opens a pseudo-terminal on the built-in kubectl (./browser-kubectl.ts).
import * as vscode from 'vscode';
import { LESSON_DIRS } from '../../core/lessons/index';
import type { FeatureRegistry } from './lazy';
import { registerImportSchemas } from './schemas';
import { registerSimulatePanel, activeSimulation } from './panel/panel';
import { registerLessons } from './lessons/index';
import { registerKubectlPseudoTerminal } from './browser-kubectl';

/** Every file under `dir`, by its path relative to `base` ('/'-separated). */
async function readTree(base: vscode.Uri, rel: string, out: Map<string, string>): Promise<void> {
  const dir = vscode.Uri.joinPath(base, rel);
  for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
    const child = `${rel}/${name}`;
    if (type & vscode.FileType.Directory) await readTree(base, child, out);
    else if (type & vscode.FileType.File) out.set(child, new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(base, child))));
  }
}

/** The lesson files of media/lessons, read through the editor's file system (no disk in the browser). */
export async function readLessonFiles(extensionUri: vscode.Uri): Promise<(rel: string) => string> {
  const base = vscode.Uri.joinPath(extensionUri, 'media', 'lessons');
  const files = new Map<string, string>();
  await Promise.all(LESSON_DIRS.map((d) => readTree(base, d, files)));
  return (rel) => {
    const text = files.get(rel.replace(/\\/g, '/').replace(/^\.\//, ''));
    if (text === undefined) throw new Error(`Kube Dorm: the lesson file ${rel} is missing`);
    return text;
  };
}

/** Registers the features' commands and webview serializers with `registry`. */
export async function activateFeatures(context: vscode.ExtensionContext, registry: FeatureRegistry): Promise<void> {
  const simulation = registerSimulatePanel(context, registry);
  let read: (rel: string) => string;
  try {
    read = await readLessonFiles(context.extensionUri);
  } catch (e) {
    console.error('[kube-dorm] the lesson files could not be read', e);
    read = (rel) => {
      throw new Error(`Kube Dorm: the lesson file ${rel} could not be read`);
    };
  }
  registerLessons(context, simulation, registry, read);
  registerKubectlPseudoTerminal(context, () => activeSimulation(), registry);
  context.subscriptions.push(registerImportSchemas(registry));
  // A real cluster is reached over Node's https with the kubeconfig's credentials: not in a browser.
  for (const id of CLUSTER_COMMANDS)
    registry.registerCommand(
      id,
      () =>
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Connecting to a real cluster needs the desktop VS Code (Node): it is not available in the browser.'),
        ),
    );
}

const CLUSTER_COMMANDS = ['kubeDorm.connect', 'kubeDorm.disconnect', 'kubeDorm.allowChanges', 'kubeDorm.selectNamespace', 'kubeDorm.checkAgainstCluster'];
