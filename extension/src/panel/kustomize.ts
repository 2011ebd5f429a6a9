// "Simulate Manifest" on a kustomization (its file, or a folder that has one): the panel runs the
// overlay as it renders (core/kustomize), as `kubectl apply -k` would apply it. Unsaved editors
// override the disk, as for plain manifests.
import * as vscode from 'vscode';
import { resolveLocale, t } from '../../../core/i18n/index';
import { KUSTOMIZATION_NAMES, KustomizeError, renderKustomization, toYaml, type KustomizeReader } from '../../../core/kustomize/index';

/** How the host reads files a kustomization names: Node's disk (../sim.ts); nothing in the browser, where only open editors are read. */
export interface KustomizeDisk {
  readFile(p: string): string | undefined;
  isDir(p: string): boolean;
  exists(p: string): boolean;
}

let disk: KustomizeDisk = { readFile: () => undefined, isDir: () => false, exists: () => false };

/** Called once by the Node features bundle; the browser bundle keeps the editors-only default. */
export function setKustomizeDisk(d: KustomizeDisk): void {
  disk = d;
}

const reader: KustomizeReader = {
  readFile(p) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === p);
    return open ? open.getText() : disk.readFile(p);
  },
  isDir: (p) => disk.isDir(p),
};

export function isKustomization(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && KUSTOMIZATION_NAMES.includes(uri.path.slice(uri.path.lastIndexOf('/') + 1));
}

/** The kustomization file directly in `dir`, if there is one. */
export function kustomizationIn(dir: vscode.Uri): vscode.Uri | undefined {
  if (dir.scheme !== 'file') return undefined;
  for (const n of KUSTOMIZATION_NAMES) {
    const u = vscode.Uri.joinPath(dir, n);
    if (disk.exists(u.fsPath)) return u;
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
