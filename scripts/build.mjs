// Builds every bundle with esbuild (one context per target) after generating the schema catalog.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// 1. The schema catalog is generated from @kubernetes/client-node's declarations (see ARCHITECTURE.md).
const gen = path.join(root, 'scripts', 'gen-schema.mjs');
if (existsSync(gen)) execFileSync(process.execPath, [gen], { stdio: 'inherit', cwd: root });
// 1b. Lesson data (media/lessons) is validated: real checks, both languages, starters lint as intended.
const lessons = path.join(root, 'scripts', 'validate-lessons.ts');
if (existsSync(lessons)) execFileSync(process.execPath, ['--import', 'tsx', lessons], { stdio: 'inherit', cwd: root });

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};
/** @type {import('esbuild').BuildOptions} */
const node = { ...common, platform: 'node', target: 'node18', format: 'cjs' };

/** @type {(import('esbuild').BuildOptions & { entryPoints: string[]; outfile: string })[]} */
const allTargets = [
  // The entry holds only what activation needs; the features load from dist/sim.js on first use.
  { ...node, entryPoints: ['extension/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['extension/src/sim.ts'], outfile: 'dist/sim.js', external: ['vscode'] },
  { ...node, entryPoints: ['language-server/src/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js' },
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['webview/panel/main.ts'], outfile: 'dist/webview/panel.js' },
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['webview/lesson/main.ts'], outfile: 'dist/webview/lesson.js' },
];
const targets = allTargets.filter((t) => existsSync(path.join(root, t.entryPoints[0])));

if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
  console.log(`watching ${targets.length} bundles`);
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
  console.log(`built ${targets.map((t) => t.outfile).join(', ')}`);
}
