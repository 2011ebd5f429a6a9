// The simulate command and every panel control are contributed with titles in English and Chinese,
// wired where the issue asks (palette, editor title/context, explorer), and registered by the extension.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const en = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
const zh = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.zh-cn.json'), 'utf8'));
const panelSrc = readFileSync(path.join(ROOT, 'extension', 'src', 'panel', 'panel.ts'), 'utf8');

test('every command the panel registers is contributed with an English and a Chinese title', () => {
  const registered = new Set<string>([...panelSrc.matchAll(/registerCommand\(\s*'([^']+)'/g)].map((m) => m[1]));
  for (const a of ['fail', 'recover', 'cordon', 'uncordon']) registered.add(`kubeDorm.sim.${a}Node`);
  registered.add('kubeDorm.simulateManifest');
  assert.ok(registered.size >= 20, [...registered].join(', '));
  const contributed = new Map<string, { title: string; category?: string }>(
    pkg.contributes.commands.map((c: { command: string; title: string; category?: string }) => [c.command, c]),
  );
  for (const id of registered) {
    const c = contributed.get(id);
    assert.ok(c, `${id} is contributed`);
    const key = /^%(.+)%$/.exec(c.title)?.[1];
    assert.ok(key, `${id} has a localized title`);
    assert.ok(en[key] && zh[key] && en[key] !== zh[key], `${id}: ${key} in package.nls.json and package.nls.zh-cn.json`);
    assert.equal(c.category, 'Kube Dorm');
  }
  assert.equal(en['command.simulateManifest'], 'Simulate Manifest');
  assert.equal(zh['command.simulateManifest'], '模拟清单');
});

test('Simulate Manifest sits in the editor title bar and context menu, the explorer (files and folders); the ▶ Simulate lens runs the same command', () => {
  const menus = pkg.contributes.menus;
  for (const where of ['editor/title', 'editor/context', 'explorer/context'])
    assert.ok(
      menus[where].some((m: { command: string }) => m.command === 'kubeDorm.simulateManifest'),
      where,
    );
  assert.match(menus['explorer/context'].find((m: { command: string }) => m.command === 'kubeDorm.simulateManifest').when, /explorerResourceIsFolder/);
  assert.match(readFileSync(path.join(ROOT, 'extension', 'src', 'client.ts'), 'utf8'), /SIMULATE_COMMAND = 'kubeDorm\.simulateManifest'/);
  assert.ok(!pkg.contributes.commands.some((c: { command: string }) => c.command === 'kubeDorm.simulate'), 'no hidden alias');
  assert.ok(
    pkg.activationEvents.includes('onWebviewPanel:kubeDorm.simulation'),
    'the serializer can restore the panel before anything else activates the extension',
  );
});

test('the codicons the panel ships are the installed @vscode/codicons files, unchanged', () => {
  for (const f of ['codicon.css', 'codicon.ttf']) {
    const shipped = readFileSync(path.join(ROOT, 'media', 'panel', 'codicons', f));
    const installed = readFileSync(path.join(ROOT, 'node_modules', '@vscode', 'codicons', 'dist', f));
    assert.ok(shipped.equals(installed), `${f} is a copy of the package's`);
  }
});
