// The panel's pictures (rollout chart, dispatch centre, lockers / notice boards / safes, the
// counsellors' DNS names) in docs/images/pictures.{en,zh-cn}.png: the panel's own page in Chromium
// wired to the real engine (test/webview/harness.ts, no code-server needed), with VS Code's Dark+
// colours set as the theme variables VS Code gives a webview, mid-rollout and after a request.
// Usage: node --import tsx scripts/screenshots.ts pictures
import path from 'node:path';
import { openPanel } from '../test/webview/harness';
import { PICTURES_YAML } from '../test/support/pictures';

/** A few of the variables VS Code sets on a webview's <html> under Dark+ (what panel.css reads). */
export const DARK_PLUS: Record<string, string> = {
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#a0a0a0',
  '--vscode-editor-background': '#1e1e1e',
  '--vscode-editorWidget-background': '#252526',
  '--vscode-panel-border': 'rgba(128, 128, 128, 0.35)',
  '--vscode-focusBorder': '#007fd4',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-errorForeground': '#f48771',
  '--vscode-textLink-foreground': '#3794ff',
  '--vscode-button-background': '#0e639c',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#3a3d41',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-input-background': '#3c3c3c',
  '--vscode-input-foreground': '#cccccc',
};

export async function capturePictures(outDir: string, lang: 'en' | 'zh-cn'): Promise<string> {
  const h = await openPanel({
    viewport: { width: 1100, height: 1300 },
    localeChoice: lang,
    before: (s) => s.apply([{ uri: 'file:///w/pictures.yaml', text: PICTURES_YAML }]),
  });
  try {
    await h.page.evaluate((vars) => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      document.body.classList.add('vscode-dark');
    }, DARK_PLUS);
    await h.advance(90_000);
    // Mid-rollout: a new image, three steps in (after a quiet spell, so the chart zooms in on it).
    h.session.exec('set image deployment/web web=nginx:1.28');
    for (let i = 0; i < 3; i++) await h.advance(1000);
    await h.page.click('[data-kind="service"][data-name="shop"] [data-action="request"]');
    await h.settled();
    const file = path.join(outDir, `pictures.${lang}.png`);
    await h.page.locator('#dorm').screenshot({ path: file });
    return file;
  } finally {
    await h.close();
  }
}
