// Extension-host tests for @vscode/test-electron (mocha-free): VS Code loads this module inside the
// extension host and calls run(); a rejection fails the run. test/electron/run.ts bundles it to
// out/electron/suite/index.js and starts VS Code on a workspace holding the e2e fixtures.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { SELECTOR_MISMATCH_LABELS_LINE } from '../../e2e/fixtures';

const EXTENSION_ID = 'kube-dorm.kube-dorm';

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

/** Resolves with the diagnostics of `uri` once they satisfy `ok`; waits on change events, not sleeps. */
function waitForDiagnostics(uri: vscode.Uri, ok: (ds: readonly vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const current = vscode.languages.getDiagnostics(uri);
    if (ok(current)) return resolve(current);
    const timer = setTimeout(() => {
      sub.dispose();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line + 1}: ${d.message}`);
      reject(new Error(`no matching diagnostics for ${uri.toString()} within ${timeoutMs} ms; seen: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const ds = vscode.languages.getDiagnostics(uri);
      if (ok(ds)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(ds);
      }
    });
  });
}

interface Case {
  name: string;
  fn: () => Promise<void>;
}

const folder = () => {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'VS Code was started on the fixture workspace');
  return f.uri;
};

const cases: Case[] = [
  {
    name: 'the extension is installed and activates on a YAML file',
    fn: async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is loaded`);
      await vscode.window.showTextDocument(vscode.Uri.joinPath(folder(), 'deploy.yaml'));
      await ext.activate();
      assert.equal(ext.isActive, true);
    },
  },
  {
    name: 'selector-mismatch sits on the template labels key',
    fn: async () => {
      const uri = vscode.Uri.joinPath(folder(), 'deploy.yaml');
      await vscode.window.showTextDocument(uri);
      const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'selector-mismatch'));
      const d = ds.find((x) => codeOf(x) === 'selector-mismatch')!;
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(d.source, 'kube-dorm');
      assert.equal(d.range.start.line + 1, SELECTOR_MISMATCH_LABELS_LINE);
    },
  },
  {
    name: 'yaml-syntax is reported for a file that does not parse',
    fn: async () => {
      const uri = vscode.Uri.joinPath(folder(), 'broken.yaml');
      await vscode.window.showTextDocument(uri);
      const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'yaml-syntax'));
      assert.equal(ds.find((x) => codeOf(x) === 'yaml-syntax')!.severity, vscode.DiagnosticSeverity.Error);
    },
  },
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [i, c] of cases.entries()) {
    if (i > 0 && failures.includes(cases[0].name)) {
      // Without an active extension every later case would only wait for its timeout.
      console.error(`not ok - ${c.name} (not run: the extension did not activate)`);
      failures.push(c.name);
      continue;
    }
    try {
      await c.fn();
      console.log(`ok - ${c.name}`);
    } catch (err) {
      console.error(`not ok - ${c.name}\n${err instanceof Error ? err.stack : String(err)}`);
      failures.push(c.name);
    }
  }
  console.log(`${cases.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} extension-host test(s) failed: ${failures.join('; ')}`);
}
