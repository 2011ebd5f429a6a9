// "Simulate Manifest" on a kustomization (its file, or a folder that has one): the panel runs the
// overlay as it renders (core/kustomize), as `kubectl apply -k` would apply it. Unsaved editors
// override the disk, as for plain manifests.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { resolveLocale, t } from '../../../core/i18n/index';
import { KUSTOMIZATION_NAMES, KustomizeError, renderKustomization, toYaml, type KustomizeReader } from '../../../core/kustomize/index';

const reader: KustomizeReader = {
  readFile(p) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === p);
    if (open) return open.getText();
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  isDir(p) {
    try {
      return fs.statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
};

export function isKustomization(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && KUSTOMIZATION_NAMES.includes(uri.path.slice(uri.path.lastIndexOf('/') + 1));
}

/** The kustomization file directly in `dir`, if there is one. */
export function kustomizationIn(dir: vscode.Uri): vscode.Uri | undefined {
  if (dir.scheme !== 'file') return undefined;
  for (const n of KUSTOMIZATION_NAMES) {
    const u = vscode.Uri.joinPath(dir, n);
    if (fs.existsSync(u.fsPath)) return u;
  }
  return undefined;
}

/** The rendered objects as one YAML text; a kustomization that does not build is shown as an error and applies nothing. */
export function renderedText(uri: vscode.Uri): string {
  try {
    return toYaml(renderKustomization(reader, uri.fsPath).objects);
  } catch (e) {
    if (!(e instanceof KustomizeError)) throw e;
    void vscode.window.showErrorMessage(t(e.msg, resolveLocale(vscode.env.language)));
    return '';
  }
}
