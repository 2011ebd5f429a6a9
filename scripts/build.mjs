// Builds every bundle with esbuild (one context per target) after generating the schema catalog.
// Two hosts: Node (dist/*.js) and the browser (dist/browser/*.js, VS Code for the Web's web worker
// extension host and the language server's Worker). A browser bundle that still imports a Node
// built-in fails the build (checkBrowserBundle); every bundle's size is reported.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
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

// Node built-ins stay out of the browser bundles: they are marked external so that the check below,
// not a resolution error deep in esbuild's output, says which module brought one in.
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
/** @param {string} p */
const isNodeBuiltin = (p) => p.startsWith('node:') || builtinModules.includes(p.split('/')[0]);
/**
 * cron-parser's index also loads its CronFileParser, which reads files with node:fs; the browser
 * bundles take the parser and the fields core uses straight from their modules.
 * @type {import('esbuild').Plugin}
 */
const cronWithoutFiles = {
  name: 'cron-without-files',
  setup(b) {
    b.onResolve({ filter: /^cron-parser$/ }, () => ({ path: 'cron-parser', namespace: 'cron-without-files' }));
    b.onLoad({ filter: /.*/, namespace: 'cron-without-files' }, () => ({
      contents: "export { CronExpressionParser } from 'cron-parser/dist/CronExpressionParser';\nexport * from 'cron-parser/dist/fields';\n",
      resolveDir: root,
      loader: 'js',
    }));
  },
};
/** @type {import('esbuild').BuildOptions} */
const browser = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  metafile: true,
  // The server's paths and the rules' links: a '/'-path shim; the few Node globals core uses.
  alias: { 'node:path': './language-server/src/browser-path.ts', 'node:url': './language-server/src/browser-path.ts' },
  inject: ['language-server/src/browser-shims.ts'],
  define: { __dirname: '"/"' },
  plugins: [cronWithoutFiles],
};
/** VS Code's web worker host evaluates an extension's module as CommonJS, with `vscode` the only module it provides. */
const browserExtension = { ...browser, format: /** @type {const} */ ('cjs'), external: ['vscode', ...NODE_BUILTINS] };

/** @type {(import('esbuild').BuildOptions & { entryPoints: string[]; outfile: string })[]} */
const allTargets = [
  // The entry holds only what activation needs; the features load from dist/sim.js on first use.
  { ...node, entryPoints: ['extension/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['extension/src/sim.ts'], outfile: 'dist/sim.js', external: ['vscode'] },
  { ...node, entryPoints: ['language-server/src/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js' },
  // The browser: the same split (entry, features on first use) and the language server as a Worker script.
  { ...browserExtension, entryPoints: ['extension/src/browser.ts'], outfile: 'dist/browser/extension.js' },
  { ...browserExtension, entryPoints: ['extension/src/browser-sim.ts'], outfile: 'dist/browser/sim.js' },
  { ...browser, format: 'iife', external: NODE_BUILTINS, entryPoints: ['language-server/src/browser-main.ts'], outfile: 'dist/browser/server.js' },
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['webview/panel/main.ts'], outfile: 'dist/webview/panel.js' },
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['webview/lesson/main.ts'], outfile: 'dist/webview/lesson.js' },
];
const targets = allTargets.filter((t) => existsSync(path.join(root, t.entryPoints[0])));

/**
 * The Node built-ins a browser bundle imports, each with the chain of inputs that brings it in.
 * @param {import('esbuild').Metafile} meta
 * @returns {string[]}
 */
export function nodeImportsOf(meta) {
  /** @type {Map<string, string>} who imported each input first */
  const parent = new Map();
  for (const [file, input] of Object.entries(meta.inputs)) for (const imp of input.imports) if (!parent.has(imp.path)) parent.set(imp.path, file);
  /** @type {string[]} */
  const found = [];
  for (const [file, input] of Object.entries(meta.inputs)) {
    for (const imp of input.imports) {
      if (imp.external && isNodeBuiltin(imp.path)) {
        const chain = [imp.path, file];
        for (let p = parent.get(file); p && !chain.includes(p) && chain.length < 12; p = parent.get(p)) chain.push(p);
        found.push(chain.reverse().join(' → '));
      }
    }
  }
  return found;
}

/** @param {number} bytes */
const kib = (bytes) => `${(bytes / 1024).toFixed(0).padStart(5)} KiB`;

/**
 * Fails on a Node built-in in a browser bundle; prints each bundle's size.
 * @param {(typeof allTargets)[number]} t
 * @param {import('esbuild').BuildResult} result
 */
function report(t, result) {
  const out = result.metafile?.outputs[t.outfile];
  if (t.platform === 'browser' && result.metafile && t.outfile.startsWith('dist/browser/')) {
    const bad = nodeImportsOf(result.metafile);
    if (bad.length) throw new Error(`${t.outfile} is a browser bundle but imports Node built-ins:\n  ${bad.join('\n  ')}`);
  }
  return `${out ? kib(out.bytes) : '        ?'}  ${t.outfile}`;
}

if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
  console.log(`watching ${targets.length} bundles`);
} else {
  const results = await Promise.all(targets.map((t) => esbuild.build({ ...t, metafile: true })));
  const lines = targets.map((t, i) => report(t, results[i]));
  console.log(`built ${targets.length} bundles (Node: dist/, browser: dist/browser/)\n${lines.join('\n')}`);
}
