// "Kube Dorm: Import CRD Schemas" (extension/src/schemas.ts) against the fake vscode, with a
// workspace.fs backed by the real file system: the picked folder's CRDs (multi-document file, Helm
// chart's crds/) land in the first workspace folder's .kube-dorm/schemas/, through the registered command.
import { fake, vscode } from '../support/fake-vscode';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fsp, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'kd-import-schemas-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface FakeUri {
  fsPath: string;
}
const uri = (p: string): FakeUri => ({ fsPath: p });
const FileType = { File: 1, Directory: 2 };
const warnings: string[] = [];
Object.assign(vscode, {
  FileType,
  Uri: { file: uri, joinPath: (u: FakeUri, ...parts: string[]) => uri(path.join(u.fsPath, ...parts)) },
});
Object.assign(vscode.window, {
  showWarningMessage: async (m: string) => void warnings.push(m),
  showOpenDialog: async () => undefined,
});
Object.assign(vscode.workspace, {
  workspaceFolders: [{ uri: uri(work), name: 'ws', index: 0 }],
  asRelativePath: (u: FakeUri) => path.relative(work, u.fsPath),
  fs: {
    stat: async (u: FakeUri) => ({ type: (await fsp.stat(u.fsPath)).isDirectory() ? FileType.Directory : FileType.File }),
    readDirectory: async (u: FakeUri) =>
      (await fsp.readdir(u.fsPath, { withFileTypes: true })).map((e) => [e.name, e.isDirectory() ? FileType.Directory : FileType.File] as const),
    readFile: async (u: FakeUri) => new Uint8Array(await fsp.readFile(u.fsPath)),
    writeFile: async (u: FakeUri, data: Uint8Array) => fsp.writeFile(u.fsPath, data),
    createDirectory: async (u: FakeUri) => void (await fsp.mkdir(u.fsPath, { recursive: true })),
  },
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { registerImportSchemas } = require('../../extension/src/schemas') as typeof import('../../extension/src/schemas');

test('the command imports the CRDs of a picked folder into .kube-dorm/schemas/', async () => {
  fake.reset();
  registerImportSchemas(vscode.commands as never);
  const vendor = path.join(ROOT, 'test', 'fixtures', 'crd');
  const written = (await vscode.commands.executeCommand('kubeDorm.importCrdSchemas', [uri(vendor)])) as FakeUri[];
  assert.equal(written.length, 3);
  const dir = path.join(work, '.kube-dorm', 'schemas');
  assert.deepEqual(readdirSync(dir), ['gadgets.dorm.example.com.yaml', 'lamps.light.example.com.yaml', 'widgets.dorm.example.com.yaml']);
  assert.match(readFileSync(path.join(dir, 'widgets.dorm.example.com.yaml'), 'utf8'), /maximum: 10/);
  assert.match(fake.messages.at(-1)!, /imported 3 CRD schema\(s\) into \.kube-dorm\/schemas/);
});

test('a pick with no CRD writes nothing and says so; a cancelled dialog does nothing', async () => {
  const none = path.join(work, 'plain');
  await fsp.mkdir(none);
  await fsp.writeFile(path.join(none, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  assert.deepEqual(await vscode.commands.executeCommand('kubeDorm.importCrdSchemas', [uri(none)]), []);
  assert.match(warnings.at(-1)!, /no CustomResourceDefinition found/);
  assert.deepEqual(await vscode.commands.executeCommand('kubeDorm.importCrdSchemas'), []);
});
