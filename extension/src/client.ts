// The language client half: starts the language server (dist/server.js over Node IPC, or
// dist/browser/server.js in a worker: the `ClientTransport`) and shows its state in the status bar.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import {
  ClusterNotification,
  IndexedNotification,
  type ClusterParams,
  type IndexedParams,
  type InitializationOptions,
} from '../../language-server/src/protocol';

export const CLIENT_ID = 'kubeDorm';
export const SIMULATE_COMMAND = 'kubeDorm.simulateManifest';
export const LESSON_COMMAND = 'kubeDorm.openLesson';

function initializationOptions(context: vscode.ExtensionContext): InitializationOptions {
  const cfg = vscode.workspace.getConfiguration('kubeDorm');
  const commands: { command?: string }[] = context.extension.packageJSON?.contributes?.commands ?? [];
  return {
    // The "▶ Simulate" code lens only when this build contributes the simulate command.
    simulateCommand: commands.some((c) => c.command === SIMULATE_COMMAND) ? SIMULATE_COMMAND : undefined,
    // Hovers link to the lesson that explains a concept when this build has lessons.
    lessonCommand: commands.some((c) => c.command === LESSON_COMMAND) ? LESSON_COMMAND : undefined,
    language: cfg.get<'auto' | 'en' | 'zh-cn'>('language', 'auto'),
    rules: cfg.get('rules', {}),
    schemaValidation: cfg.get<boolean>('schemaValidation', true),
    kubernetesVersion: cfg.get<string>('kubernetesVersion'),
    // Restricted mode (untrusted workspace): the server offers no quick fix that creates files.
    trusted: vscode.workspace.isTrusted,
  };
}

/** How a host starts the server: Node (./extension.ts) or the browser (./browser.ts). */
export interface ClientTransport {
  /** The documents the server checks (the browser's workspaces have other schemes than file:). */
  documentSelector: NonNullable<LanguageClientOptions['documentSelector']>;
  /** A client for the server, not started yet. */
  create(id: string, name: string, options: LanguageClientOptions): BaseLanguageClient | Promise<BaseLanguageClient>;
}

/** Node: the `file:` and unsaved YAML documents, and `file:` JSON ones. */
export const FILE_DOCUMENTS: ClientTransport['documentSelector'] = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'file', language: 'json' },
];

export class KubeDormClient implements vscode.Disposable {
  private client: BaseLanguageClient | undefined;
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  /** The listeners on the current client: dropped with it, so restarts do not pile them up. */
  private clientListeners: vscode.Disposable[] = [];
  private restarting: Promise<void> = Promise.resolve();
  /** The connected cluster, as last told: told again to a restarted server. */
  private cluster: ClusterParams | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.OutputChannel,
    private readonly transport: ClientTransport,
  ) {
    this.status = vscode.window.createStatusBarItem('kubeDorm.status', vscode.StatusBarAlignment.Right, 100);
    this.status.name = 'Kube Dorm';
    this.status.command = 'kubeDorm.showOutput';
    this.disposables.push(this.status);
    // Only show the item where it means something: in YAML/JSON editors.
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()));
    // Trust is given once per workspace and never taken back while it is open: restart with it.
    this.disposables.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart()));
  }

  private updateVisibility(): void {
    const lang = vscode.window.activeTextEditor?.document.languageId;
    if (lang === 'yaml' || lang === 'json') this.status.show();
    else this.status.hide();
  }

  private setStatus(icon: string, text: string, tooltip: string): void {
    this.status.text = `${icon} ${text}`;
    this.status.tooltip = tooltip;
    this.updateVisibility();
  }

  async start(): Promise<void> {
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.transport.documentSelector,
      // The server registers its own watchers and configuration section (dynamic registration).
      initializationOptions: initializationOptions(this.context),
      outputChannel: this.output,
      traceOutputChannel: this.output,
      // Hover markdown may run exactly one command: opening a lesson. No HTML.
      markdown: { isTrusted: { enabledCommands: [LESSON_COMMAND] }, supportHtml: false },
    };
    // The client sends `locale: vscode.env.language` in initialize; 'auto' follows it.
    this.client = await this.transport.create(CLIENT_ID, 'Kube Dorm', clientOptions);
    this.clientListeners.push(
      this.client.onDidChangeState((e) => {
        if (e.newState === State.Starting) this.setStatus('$(sync~spin)', 'Kube Dorm', vscode.l10n.t('Kube Dorm: starting the language server'));
        else if (e.newState === State.Stopped)
          this.setStatus('$(error)', 'Kube Dorm', vscode.l10n.t('Kube Dorm: the language server stopped. Click to see its output.'));
      }),
    );
    this.setStatus('$(sync~spin)', 'Kube Dorm', vscode.l10n.t('Kube Dorm: starting the language server'));
    await this.client.start();
    if (this.cluster) void this.client.sendNotification(ClusterNotification.type, this.cluster);
    this.setStatus('$(sync~spin)', 'Kube Dorm', vscode.l10n.t('Kube Dorm: indexing the manifests of the workspace'));
    this.clientListeners.push(
      this.client.onNotification(IndexedNotification.type, (p: IndexedParams) => {
        this.setStatus(
          '$(check)',
          'Kube Dorm',
          vscode.l10n.t('Kube Dorm: {0} manifest files, {1} resources indexed in {2} ms. Click to see the output.', p.files, p.resources, p.ms),
        );
      }),
    );
  }

  /** Tells the server which cluster the editor is connected to and its CRDs (lint checks custom resources against them). */
  setCluster(p: ClusterParams): void {
    this.cluster = p.context ? p : undefined;
    if (this.client?.isRunning()) void this.client.sendNotification(ClusterNotification.type, p);
  }

  /** Restarts one at a time: a second restart asked meanwhile runs after the first (one client lives). */
  restart(): Promise<void> {
    const run = this.restarting.then(() => this.restartNow());
    this.restarting = run.catch(() => undefined);
    return run;
  }

  private async restartNow(): Promise<void> {
    if (!this.client) return this.start();
    this.output.appendLine(vscode.l10n.t('Restarting the Kube Dorm language server…'));
    // Settings given at start-up may have changed: a fresh client picks them up.
    const old = this.client;
    this.client = undefined;
    this.dropClientListeners();
    await old.stop().catch(() => undefined);
    await old.dispose().catch(() => undefined);
    await this.start();
  }

  private dropClientListeners(): void {
    for (const d of this.clientListeners.splice(0)) d.dispose();
  }

  async dispose(): Promise<void> {
    this.dropClientListeners();
    for (const d of this.disposables.splice(0)) d.dispose();
    const c = this.client;
    this.client = undefined;
    if (c) await c.dispose().catch(() => undefined);
  }
}
