// Features loaded on first use. Activation (opening any YAML file) registers every contributed
// command and every restorable webview with VS Code at once, but the code behind them (simulator,
// API server, panel and lesson hosts: dist/sim.js, built from ./sim.ts) is required only when one
// of them is first run or restored. The feature modules register their handlers with a
// `FeatureRegistry`, which has the shape of VS Code's own registration calls. In the browser the
// feature bundle (dist/browser/sim.js) is fetched and registers asynchronously (./browser-load.ts).
import * as vscode from 'vscode';
import type { ClusterParams } from '../../language-server/src/protocol';

/** Where feature modules register what they implement (VS Code's own calls, same shapes). */
export interface FeatureRegistry {
  registerCommand(command: string, callback: (...args: any[]) => unknown): vscode.Disposable;
  registerWebviewPanelSerializer(viewType: string, serializer: vscode.WebviewPanelSerializer): vscode.Disposable;
  /** Tells the language server the connected cluster (`context: null` on disconnect) and its CRDs. */
  clusterChanged(p: ClusterParams): void;
}

/**
 * globalState key: the ids of the lessons complete, written by the lessons whenever they set the
 * walkthrough's context keys, so activation can set them again without loading the lessons.
 */
export const LESSONS_DONE_KEY = 'kubeDorm.lessonsDone';
const PROGRESS_KEY = 'kubeDorm.lessonProgress';

/** What a feature bundle exports (./sim.ts in Node, ./browser-sim.ts in the browser). */
export interface FeatureModule {
  activateFeatures(context: vscode.ExtensionContext, registry: FeatureRegistry): void | Promise<void>;
}

interface Manifest {
  activationEvents?: string[];
  contributes?: { commands?: { command: string }[] };
}

export class LazyFeatures implements FeatureRegistry {
  private readonly commands = new Map<string, (...args: any[]) => unknown>();
  private readonly serializers = new Map<string, vscode.WebviewPanelSerializer>();
  private loading: Promise<void> | undefined;
  /** Where clusterChanged goes (the language client; set by activation). */
  onCluster: (p: ClusterParams) => void = () => undefined;

  /** `load` requires the feature bundle and returns it (dist/sim.js; the browser and tests pass their own). */
  constructor(
    private readonly context: vscode.ExtensionContext,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the feature bundle, loaded on first use
    private readonly load: () => FeatureModule | Promise<FeatureModule> = () => require(context.asAbsolutePath('dist/sim.js')) as FeatureModule,
  ) {}

  /**
   * Registers with VS Code, as forwarders to the feature bundle, every command the manifest
   * contributes except `eager` (the ones the entry implements itself), and a serializer for every
   * `onWebviewPanel:` activation event.
   */
  registerAll(eager: ReadonlySet<string>): void {
    const manifest = (this.context.extension.packageJSON ?? {}) as Manifest;
    for (const { command } of manifest.contributes?.commands ?? []) {
      if (eager.has(command)) continue;
      this.context.subscriptions.push(vscode.commands.registerCommand(command, async (...args: unknown[]) => (await this.command(command))(...args)));
    }
    for (const event of manifest.activationEvents ?? []) {
      const viewType = /^onWebviewPanel:(.+)$/.exec(event)?.[1];
      if (!viewType) continue;
      this.context.subscriptions.push(
        vscode.window.registerWebviewPanelSerializer(viewType, {
          deserializeWebviewPanel: async (panel, state) => {
            await this.ensureLoaded();
            const s = this.serializers.get(viewType);
            if (!s) throw new Error(`Kube Dorm cannot restore the view ${viewType}`);
            await s.deserializeWebviewPanel(panel, state);
          },
        }),
      );
    }
  }

  /**
   * Sets the walkthrough's `kubeDorm.lessonDone.<id>` context keys from what the lessons saved. When
   * there is progress but nothing saved yet, the lessons are loaded after activation to work it out.
   */
  restoreWalkthrough(): void {
    const done = this.context.globalState.get<unknown>(LESSONS_DONE_KEY);
    if (Array.isArray(done)) {
      for (const id of done) if (typeof id === 'string') void vscode.commands.executeCommand('setContext', `kubeDorm.lessonDone.${id}`, true);
      return;
    }
    const progress = this.context.globalState.get<{ lessons?: Record<string, { steps?: unknown[] }> }>(PROGRESS_KEY);
    if (!Object.values(progress?.lessons ?? {}).some((l) => Array.isArray(l?.steps) && l.steps.length > 0)) return;
    setTimeout(() => void this.ensureLoaded().catch((e: unknown) => console.error('[kube-dorm] the lessons could not be loaded', e)), 0);
  }

  registerCommand(command: string, callback: (...args: any[]) => unknown): vscode.Disposable {
    this.commands.set(command, callback);
    return new vscode.Disposable(() => {
      if (this.commands.get(command) === callback) this.commands.delete(command);
    });
  }

  registerWebviewPanelSerializer(viewType: string, serializer: vscode.WebviewPanelSerializer): vscode.Disposable {
    this.serializers.set(viewType, serializer);
    return new vscode.Disposable(() => {
      if (this.serializers.get(viewType) === serializer) this.serializers.delete(viewType);
    });
  }

  clusterChanged(p: ClusterParams): void {
    this.onCluster(p);
  }

  private async command(id: string): Promise<(...args: unknown[]) => unknown> {
    await this.ensureLoaded();
    const run = this.commands.get(id);
    if (!run) throw new Error(`Kube Dorm: the command ${id} is not available`);
    return run;
  }

  /** Loads the feature bundle once and lets it register its handlers here (a failure is kept: later calls get it too). */
  private ensureLoaded(): Promise<void> {
    this.loading ??= (async () => {
      const features = await this.load();
      await features.activateFeatures(this.context, this);
    })();
    return this.loading;
  }
}
