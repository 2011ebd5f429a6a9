// "Kube Dorm: Import CRD Schemas": the same import as `kube-dorm schemas import` (core/workspace/crd-import.ts),
// from files or folders picked in a dialog into the first workspace folder's `.kube-dorm/schemas/`.
// Reads and writes through vscode.workspace.fs, so it works in the browser too.
import * as vscode from 'vscode';
import { importSchemas, SCHEMAS_DIR } from '../../core/workspace/crd-import';
import type { FeatureRegistry } from './lazy';

const EXT = /\.(ya?ml|json)$/i;
const SKIP = new Set(['node_modules', '.git']);
/** A folder picked by mistake (a home directory) must not read forever. */
const MAX_FILES = 5000;

async function collect(uri: vscode.Uri, out: vscode.Uri[]): Promise<void> {
  if (out.length >= MAX_FILES) return;
  const st = await vscode.workspace.fs.stat(uri);
  if (st.type & vscode.FileType.Directory) {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(uri)) {
      const child = vscode.Uri.joinPath(uri, name);
      if (type & vscode.FileType.Directory) {
        if (!SKIP.has(name)) await collect(child, out);
      } else if (EXT.test(name)) out.push(child);
    }
  } else out.push(uri);
}

/** Runs the import; `picked` is given by tests and callers, else a dialog asks. Returns the files written. */
export async function importCrdSchemas(picked?: vscode.Uri[]): Promise<vscode.Uri[]> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Kube Dorm: open a folder first; CRD schemas are imported into its {0} folder.', SCHEMAS_DIR));
    return [];
  }
  const sources =
    picked ??
    (await vscode.window.showOpenDialog({
      canSelectFiles: true,
      canSelectFolders: true,
      canSelectMany: true,
      openLabel: vscode.l10n.t('Import CRD Schemas'),
      filters: { YAML: ['yaml', 'yml', 'json'] },
    }));
  if (!sources?.length) return [];
  const uris: vscode.Uri[] = [];
  for (const s of sources) await collect(s, uris);
  const decoder = new TextDecoder();
  const files = await Promise.all(
    uris.map(async (u) => ({ name: vscode.workspace.asRelativePath(u), text: decoder.decode(await vscode.workspace.fs.readFile(u)) })),
  );
  const result = importSchemas(files);
  if (!result.schemas.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Kube Dorm: no CustomResourceDefinition found in the files picked.'));
    return [];
  }
  const dir = vscode.Uri.joinPath(folder.uri, ...SCHEMAS_DIR.split('/'));
  await vscode.workspace.fs.createDirectory(dir);
  const encoder = new TextEncoder();
  const written: vscode.Uri[] = [];
  for (const s of result.schemas) {
    const target = vscode.Uri.joinPath(dir, s.fileName);
    await vscode.workspace.fs.writeFile(target, encoder.encode(s.text));
    written.push(target);
  }
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Kube Dorm: imported {0} CRD schema(s) into {1}: {2}. Commit the folder.',
      written.length,
      SCHEMAS_DIR,
      result.schemas.map((s) => s.name).join(', '),
    ),
  );
  return written;
}

export function registerImportSchemas(registry: FeatureRegistry): vscode.Disposable {
  return registry.registerCommand('kubeDorm.importCrdSchemas', (picked?: vscode.Uri[]) => importCrdSchemas(Array.isArray(picked) ? picked : undefined));
}
