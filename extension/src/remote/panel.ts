// The side panel showing a real cluster: a webview with the very page of the simulation panel
// (dist/webview/panel.js, the same HTML and CSP), fed by a RemoteSession instead of a SimSession.
// One at a time; it lives as long as the connection (Disconnect closes it).
import * as vscode from 'vscode';
import { panelIcon, panelPageOptions, setPanelPage } from '../panel/page';
import { RemoteSession, type RemoteSessionOptions, type LiveConnection } from './session';

export const CLUSTER_VIEW_TYPE = 'kubeDorm.cluster';

export class ClusterPanel implements vscode.Disposable {
  readonly session: RemoteSession;
  private readonly disposables: vscode.Disposable[] = [];
  private seq = 0;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    opts: Omit<RemoteSessionOptions, 'post'>,
    conn: LiveConnection,
    namespace: string | undefined,
    private readonly onDispose: () => void,
  ) {
    this.session = new RemoteSession({ ...opts, post: (m) => void this.panel.webview.postMessage(m) }, conn, namespace);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.session.handle(m)),
      // A hidden webview is unloaded and loads its HTML again when shown: it comes back drawn from the state embedded now.
      panel.onDidChangeViewState(() => {
        if (!this.panel.visible) this.render();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.render();
  }

  static create(
    context: vscode.ExtensionContext,
    title: string,
    opts: Omit<RemoteSessionOptions, 'post'>,
    conn: LiveConnection,
    namespace: string | undefined,
    onDispose: () => void,
  ) {
    const panel = vscode.window.createWebviewPanel(
      CLUSTER_VIEW_TYPE,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      panelPageOptions(context.extensionUri),
    );
    panel.iconPath = panelIcon(context.extensionUri);
    return new ClusterPanel(panel, context, opts, conn, namespace, onDispose);
  }

  render(): void {
    setPanelPage(this.panel.webview, this.context.extensionUri, {
      title: this.panel.title,
      locale: this.session.locale,
      preload: this.session.preload(++this.seq),
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.session.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}
