// scripts/publish-checks.mjs, which scripts/package.mjs runs on every package: vsce's warnings fail
// it, and so do the checks Open VSX's `ovsx publish` makes before it uploads. On small extension
// folders of our own: one ready to publish, one missing what the marketplaces ask for.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error -- a JavaScript module of the build (checked by tsconfig.mjs.json), without declarations
import { openVsxChecks, packWithoutWarnings } from '../../scripts/publish-checks.mjs';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- vsce as scripts/package.mjs uses it
const vsce = require('@vscode/vsce') as { createVSIX(o: object): Promise<unknown> };
const check = openVsxChecks as (root: string, vsix: string) => Promise<void>;
const pack = packWithoutWarnings as (v: typeof vsce, o: object) => Promise<void>;

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** An extension folder: package.json from `fields`, a README, and a LICENSE unless `license` is false. */
function extension(fields: Record<string, unknown>, license = true): string {
  const root = mkdtempSync(path.join(tmpdir(), 'kd-publish-'));
  roots.push(root);
  const manifest = {
    name: 'probe',
    publisher: 'kube-dorm-test',
    version: '1.2.3',
    engines: { vscode: '^1.90.0' },
    main: './main.js',
    activationEvents: ['onLanguage:yaml'],
    ...fields,
  };
  writeFileSync(path.join(root, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(path.join(root, 'main.js'), 'exports.activate = () => {};\n');
  writeFileSync(path.join(root, 'README.md'), '# Probe\n\nA package for the publishing checks.\n');
  writeFileSync(path.join(root, '.vscodeignore'), '*.vsix\n');
  if (license) writeFileSync(path.join(root, 'LICENSE'), 'MIT License\n');
  return root;
}

const READY = { license: 'MIT', repository: { type: 'git', url: 'https://example.invalid/probe.git' } };

test('a folder with a repository and a license packs without a warning and passes the Open VSX checks', async () => {
  const root = extension(READY);
  const vsix = path.join(root, 'probe.vsix');
  await pack(vsce, { cwd: root, packagePath: vsix, dependencies: false });
  await check(root, vsix);
});

test("vsce's warning about a missing repository fails the package", async () => {
  const root = extension({ license: 'MIT' });
  await assert.rejects(pack(vsce, { cwd: root, packagePath: path.join(root, 'probe.vsix'), dependencies: false }), /vsce warned[\s\S]*repository/);
});

test('Open VSX refuses an extension with neither a license field nor a LICENSE file', async () => {
  const ready = extension(READY);
  const vsix = path.join(ready, 'probe.vsix');
  await pack(vsce, { cwd: ready, packagePath: vsix, dependencies: false });
  const unlicensed = extension({ repository: READY.repository }, false);
  await assert.rejects(check(unlicensed, vsix), /no license/);
});

test('a .vsix whose manifest is not the folder’s (another version) is refused', async () => {
  const root = extension(READY);
  const vsix = path.join(root, 'probe.vsix');
  await pack(vsce, { cwd: root, packagePath: vsix, dependencies: false });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'probe', publisher: 'kube-dorm-test', version: '1.2.4', license: 'MIT' }));
  await assert.rejects(check(root, vsix), /version "1\.2\.3"/);
});
