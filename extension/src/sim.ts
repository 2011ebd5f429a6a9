// The features behind dist/sim.js, loaded on first use (./lazy.ts): the simulation panel, the
// lessons and the kubectl terminal. One bundle, so they share one copy of the simulated cluster's
// code and state.
import type * as vscode from 'vscode';
import type { FeatureRegistry } from './lazy';
import { registerSimulatePanel, activeSimulation } from './panel/panel';
import { registerKubectlTerminal } from './kubectl/terminal';
import { registerLessons } from './lessons/index';

/** Registers the features' commands and webview serializers with `registry`. */
export function activateFeatures(context: vscode.ExtensionContext, registry: FeatureRegistry): void {
  const simulation = registerSimulatePanel(context, registry);
  registerLessons(context, simulation, registry);
  registerKubectlTerminal(context, { cluster: () => activeSimulation()?.cluster, changed: () => activeSimulation()?.flush() }, registry);
}
