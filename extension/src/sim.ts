// The features behind dist/sim.js, loaded on first use (./lazy.ts): the simulation panel, the
// lessons and the kubectl terminal. One bundle, so they share one copy of the simulated cluster's
// code and state. The browser's bundle (./browser-sim.ts) has the same features, minus Node.
import type * as vscode from 'vscode';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FeatureRegistry } from './lazy';
import { registerImportSchemas } from './schemas';
import { registerSimulatePanel, activeSimulation } from './panel/panel';
import { registerKubectlTerminal } from './kubectl/terminal';
import { registerLessons } from './lessons/index';
import { setKustomizeDisk } from './panel/kustomize';
import { registerClusterCommands } from './remote/commands';

function quiet<T>(f: () => T, otherwise: T): T {
  try {
    return f();
  } catch {
    return otherwise;
  }
}

/** Registers the features' commands and webview serializers with `registry`. */
export function activateFeatures(context: vscode.ExtensionContext, registry: FeatureRegistry): void {
  setKustomizeDisk({
    readFile: (p) => quiet<string | undefined>(() => readFileSync(p, 'utf8'), undefined),
    isDir: (p) => quiet(() => statSync(p).isDirectory(), false),
    exists: (p) => existsSync(p),
  });
  const simulation = registerSimulatePanel(context, registry);
  const lessons = path.join(context.extensionPath, 'media', 'lessons');
  registerLessons(context, simulation, registry, (rel) => readFileSync(path.join(lessons, rel), 'utf8'));
  registerKubectlTerminal(context, { cluster: () => activeSimulation()?.cluster, changed: () => activeSimulation()?.flush() }, registry);
  context.subscriptions.push(registerImportSchemas(registry));
  registerClusterCommands(context, registry);
}
