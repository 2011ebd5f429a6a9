// Builds the production bundles and packs them into dist/kube-dorm.vsix with @vscode/vsce, offline.
// Usage: node scripts/package.mjs [--out FILE] [--no-build] [--list]
//
// - The bundles carry every runtime dependency, so node_modules is not shipped (dependencies: false).
// - .vscodeignore is an allow-list; this script checks the result: the files the extension needs
//   are in the package, and no source, test, node_modules or cache file is.
// - README's relative links (docs/rules/..., shipped in the package) are left relative, so they open
//   the installed pages, instead of being rewritten to the repository's URL.
// - --list prints the packed file list as JSON (one path per entry, relative to the extension root).
// - Ready to publish: a warning from vsce fails the package, and so does a check Open VSX's `ovsx
//   publish` makes before it uploads (a publisher, name and version; a license), run offline here.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openVsxChecks, packWithoutWarnings } from './publish-checks.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireCjs = createRequire(import.meta.url);
const vsce = requireCjs('@vscode/vsce');

const argv = process.argv.slice(2);
const outArg = argv.indexOf('--out');
const out = path.resolve(root, outArg >= 0 ? argv[outArg + 1] : 'dist/kube-dorm.vsix');
const build = !argv.includes('--no-build');
const listOnly = argv.includes('--list');

/** Files the installed extension cannot work without. */
const REQUIRED = [
  'package.json',
  'LICENSE',
  'dist/extension.js',
  'dist/sim.js',
  'dist/server.js',
  'dist/catalog.json',
  'dist/catalog.json.gz',
  'dist/cron.js',
  'dist/browser/cron.js.gz',
  'dist/browser/extension.js',
  'dist/browser/sim.js.gz',
  'dist/browser/server.js.gz',
];
/** Nothing under these may be shipped. */
const FORBIDDEN = [
  /^node_modules\//,
  /^\.cache\//,
  /^\.git\//,
  /^\.ci\//,
  /^test\//,
  /^bench\//,
  /^scripts\//,
  /^core\//,
  /^cli\//,
  /^extension\/src\//,
  /^language-server\//,
  /^webview\//,
  /\.ts$/,
  /\.map$/,
  /^tsconfig\.json$/,
  /^package-lock\.json$/,
];

/** @param {string} dir */
function removeMaps(dir) {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) removeMaps(p);
    else if (e.name.endsWith('.map')) rmSync(p);
  }
}

async function main() {
  if (build) {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], { stdio: 'inherit', cwd: root });
    // esbuild does not delete the maps of an earlier development build; they would be stale.
    removeMaps(path.join(root, 'dist'));
  }
  /** @type {string[]} */
  const files = (await vsce.listFiles({ cwd: root, packageManager: vsce.PackageManager.None })).map((/** @type {string} */ f) => f.replace(/\\/g, '/'));
  const missing = REQUIRED.filter((f) => !files.includes(f));
  const bad = files.filter((f) => FORBIDDEN.some((re) => re.test(f)));
  if (listOnly) {
    console.log(JSON.stringify(files, null, 1));
  }
  if (missing.length) throw new Error(`the package would lack ${missing.join(', ')} (not built, or ignored by .vscodeignore)`);
  if (bad.length) throw new Error(`the package would ship files it must not: ${bad.slice(0, 20).join(', ')}`);
  if (listOnly) return;

  mkdirSync(path.dirname(out), { recursive: true });
  await packWithoutWarnings(vsce, { cwd: root, packagePath: out, dependencies: false, rewriteRelativeLinks: false });
  await openVsxChecks(root, out);
  const kb = (statSync(out).size / 1024).toFixed(0);
  console.log(`packaged ${path.relative(root, out)}: ${files.length} files, ${kb} KiB`);
}

main().catch((err) => {
  console.error(`package: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
