// The HTML document of both webviews, the simulation panel and the lesson view (VS Code-free, so
// the Chromium tests load the very same page): a strict Content-Security-Policy with a nonce for the
// one script, the stylesheet from the extension's media folder, nothing inline.
export interface WebviewHtmlOptions {
  /** webview.cspSource (e.g. https://*.vscode-cdn.net) or the test server's origin. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** media/panel/codicons/codicon.css (its font sits next to it). */
  codiconUri?: string;
  lang?: string;
  title?: string;
  /** The first state (SimSession.preload()), embedded as a JSON data block the page reads at start. */
  preload?: { seq: number; message: unknown };
}

/**
 * JSON that is safe inside a <script> data block: `<` is escaped (no `</script>` or `<!--` from a
 * name in a manifest can end the block), as are U+2028/2029.
 */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page of a webview: its one script (`scriptUri`) renders everything into `#app`. */
export function webviewHtml(o: WebviewHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `style-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
    `img-src ${o.cspSource} data:`,
    `font-src ${o.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${attr(o.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${o.codiconUri ? `<link rel="stylesheet" href="${attr(o.codiconUri)}">\n` : ''}<link rel="stylesheet" href="${attr(o.styleUri)}">
<title>${attr(o.title ?? 'Kube Dorm')}</title>
</head>
<body>
<div id="app" data-ready="false"></div>
${o.preload ? `<script id="kd-preload" type="application/json" nonce="${attr(o.nonce)}">${scriptJson(o.preload)}</script>\n` : ''}<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>`;
}

/** A nonce for the CSP (32 alphanumerics from a CSPRNG). */
export function makeNonce(): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += A[b % A.length];
  return s;
}
