// The side panel showing a real cluster: a webview with the very page of the simulation panel
// (dist/webview/panel.js, the same HTML and CSP), fed by a RemoteSession instead of a SimSession.
// One at a time; it lives as long as the connection (Disconnect closes it).
import * as vscode from 'vscode';
import { webviewHtml, makeNonce } from '../panel/html';
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
    const media = vscode.Uri.joinPath(context.extensionUri, 'media', 'panel');
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(
      CLUSTER_VIEW_TYPE,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: [media, dist],
      },
    );
    panel.iconPath = vscode.Uri.joinPath(media, 'dorm.svg');
    return new ClusterPanel(panel, context, opts, conn, namespace, onDispose);
  }

  render(): void {
    const { webview } = this.panel;
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'panel');
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview');
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'panel.css')).toString(),
      codiconUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'codicons', 'codicon.css')).toString(),
      lang: this.session.locale === 'zh-cn' ? 'zh-CN' : 'en',
      title: this.panel.title,
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
