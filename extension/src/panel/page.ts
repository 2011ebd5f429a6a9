// The panel's page in a webview: dist/webview/panel.js with media/panel's stylesheet, codicons and
// icon. The simulation panel (./panel.ts) and the real cluster's panel (../remote/panel.ts) load
// this same page; only the session that feeds it differs.
import * as vscode from 'vscode';
import type { Locale } from '../../../core/i18n/index';
import { makeNonce, webviewHtml } from './html';

const folders = (extensionUri: vscode.Uri) => ({
  media: vscode.Uri.joinPath(extensionUri, 'media', 'panel'),
  dist: vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
});

/** The webview options the page needs (scripts, and the two folders it loads from). */
export function panelPageOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  const { media, dist } = folders(extensionUri);
  return { enableScripts: true, localResourceRoots: [media, dist] };
}

/** Media/panel/dorm.svg, the panel's tab icon. */
export const panelIcon = (extensionUri: vscode.Uri): vscode.Uri => vscode.Uri.joinPath(folders(extensionUri).media, 'dorm.svg');

/** Sets the page's HTML with the session's first state embedded (`preload`): it draws at once as it loads. */
export function setPanelPage(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  o: { title: string; locale: Locale; preload: { seq: number; message: unknown } },
): void {
  const { media, dist } = folders(extensionUri);
  const uri = (base: vscode.Uri, ...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(base, ...path)).toString();
  webview.html = webviewHtml({
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: uri(dist, 'panel.js'),
    styleUri: uri(media, 'panel.css'),
    codiconUri: uri(media, 'codicons', 'codicon.css'),
    lang: o.locale === 'zh-cn' ? 'zh-CN' : 'en',
    title: o.title,
    preload: o.preload,
  });
}
