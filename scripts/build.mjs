// Builds every bundle with esbuild (one context per target) after generating the schema catalog.
// Two hosts: Node (dist/*.js) and the browser (dist/browser/*.js, VS Code for the Web's web worker
// extension host and the language server's Worker). A browser bundle that still imports a Node
// built-in fails the build (./browser-bundle.mjs); every bundle's size is reported.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_BUILTINS, browserOptions, nodeImportsOf } from './browser-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// 1. The schema catalog is generated from @kubernetes/client-node's declarations (see ARCHITECTURE.md).
const gen = path.join(root, 'scripts', 'gen-schema.mjs');
if (existsSync(gen)) execFileSync(process.execPath, [gen], { stdio: 'inherit', cwd: root });
// 1b. Lesson data (media/lessons) is validated: real checks, both languages, starters lint as intended.
const lessons = path.join(root, 'scripts', 'validate-lessons.ts');
if (existsSync(lessons)) execFileSync(process.execPath, ['--import', 'tsx', lessons], { stdio: 'inherit', cwd: root });

// 2. The catalog is an asset beside the bundles (dist/catalog.json), not part of them: compiling
// 0.5 MB of object literal made every server start slower before `initialize` could be answered.
// The Node bundles require it on first need; the browser server gets its text from the client
// (extension/src/browser.ts posts it to the Worker) and parses it on first need.
const CATALOG = path.join(root, 'core', 'schema', 'generated', 'catalog.json');
mkdirSync(path.join(root, 'dist'), { recursive: true });
const catalog = readFileSync(CATALOG);
writeFileSync(path.join(root, 'dist', 'catalog.json'), catalog);

// 3. What the browser build reads at run time (its server, the catalog, the cron libraries, the
// feature bundle) is also written gzipped beside itself (<file>.gz): in the web worker host every
// byte crosses the editor's file system or the network, and the copy is a quarter of the bytes
// (extension/src/packed.ts reads it). Each is rewritten whenever its bundle is.
/** @param {string} rel @param {Buffer} [bytes] the file's bytes, when already in hand */
const writeGzip = (rel, bytes = readFileSync(path.join(root, rel))) =>
  writeFileSync(path.join(root, `${rel}.gz`), gzipSync(bytes, { level: production ? 9 : 6 }));
writeGzip('dist/catalog.json', catalog);
/** @type {import('esbuild').Plugin} */
const gzipped = {
  name: 'gzipped',
  setup(b) {
    b.onEnd((r) => {
      if (!r.errors.length && b.initialOptions.outfile) writeGzip(b.initialOptions.outfile);
    });
  },
};
/**
 * @param {'node' | 'provided'} how `node`: require('./catalog.json') at run time, beside the bundle;
 *   `provided`: a module that throws (core/schema/catalog.ts uses the provided text instead)
 * @returns {import('esbuild').Plugin}
 */
const catalogAsset = (how) => ({
  name: 'catalog-asset',
  setup(b) {
    b.onResolve({ filter: /generated[\\/]catalog\.json$/ }, (a) => {
      if (path.resolve(a.resolveDir, a.path) !== CATALOG) return undefined;
      return how === 'node' ? { path: './catalog.json', external: true } : { path: 'catalog.json', namespace: 'catalog-provided' };
    });
    b.onLoad({ filter: /.*/, namespace: 'catalog-provided' }, () => ({
      contents: 'throw new Error("the client did not provide dist/catalog.json");',
      loader: 'js',
    }));
  },
});

// 3. The cron libraries (cron-parser with luxon, cronstrue with its locales: a third of the server's
// code, needed only by a CronJob's schedule) are left out of the servers too, in a bundle of their
// own beside them (language-server/src/cron-libs.ts): the Node server requires dist/cron.js on
// first need; the browser server evaluates dist/browser/cron.js, posted by the client, on first need
// (language-server/src/deferred.ts).
const CRON_EXPORTS = { 'cron-parser': 'cronParser', 'cronstrue/i18n': 'cronstrue' };
const DEFERRED = path.join(root, 'language-server', 'src', 'deferred.ts');
/**
 * @param {'node' | 'browser'} how
 * @returns {import('esbuild').Plugin}
 */
const deferredCron = (how) => ({
  name: 'deferred-cron',
  setup(b) {
    b.onResolve({ filter: /^(cron-parser|cronstrue\/i18n)$/ }, (a) => ({ path: a.path, namespace: 'deferred-cron' }));
    b.onResolve({ filter: /^\.\/cron\.js$/, namespace: 'deferred-cron' }, () => ({ path: './cron.js', external: true }));
    b.onLoad({ filter: /.*/, namespace: 'deferred-cron' }, (a) => {
      const key = JSON.stringify(CRON_EXPORTS[/** @type {keyof typeof CRON_EXPORTS} */ (a.path)]);
      const from = how === 'node' ? 'require("./cron.js")' : `require(${JSON.stringify(DEFERRED)}).deferredModule("cron")`;
      return { contents: `module.exports = ${from}[${key}];`, loader: 'js', resolveDir: root };
    });
  },
});

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
const node = { ...common, platform: 'node', target: 'node18', format: 'cjs', plugins: [catalogAsset('node')] };

const browser = { ...common, ...browserOptions(root) };
/** VS Code's web worker host evaluates an extension's module as CommonJS, with `vscode` the only module it provides. */
const browserExtension = { ...browser, format: /** @type {const} */ ('cjs'), external: ['vscode', ...NODE_BUILTINS] };

/** @type {(import('esbuild').BuildOptions & { entryPoints: string[]; outfile: string })[]} */
const allTargets = [
  // The entry holds only what activation needs; the features load from dist/sim.js on first use.
  { ...node, entryPoints: ['extension/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['extension/src/sim.ts'], outfile: 'dist/sim.js', external: ['vscode'] },
  { ...node, plugins: [catalogAsset('node'), deferredCron('node')], entryPoints: ['language-server/src/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['language-server/src/cron-libs.ts'], outfile: 'dist/cron.js' },
  { ...node, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js' },
  // The browser: the same split (entry, features on first use) and the language server as a Worker script.
  { ...browserExtension, entryPoints: ['extension/src/browser.ts'], outfile: 'dist/browser/extension.js' },
  {
    ...browserExtension,
    plugins: [...(browserExtension.plugins ?? []), gzipped],
    entryPoints: ['extension/src/browser-sim.ts'],
    outfile: 'dist/browser/sim.js',
  },
  {
    ...browser,
    format: 'iife',
    external: NODE_BUILTINS,
    plugins: [catalogAsset('provided'), deferredCron('browser'), ...(browser.plugins ?? []), gzipped],
    entryPoints: ['language-server/src/browser-main.ts'],
    outfile: 'dist/browser/server.js',
  },
  {
    ...browser,
    format: 'cjs',
    external: NODE_BUILTINS,
    plugins: [...(browser.plugins ?? []), gzipped],
    entryPoints: ['language-server/src/cron-libs.ts'],
    outfile: 'dist/browser/cron.js',
  },
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['webview/panel/main.ts'], outfile: 'dist/webview/panel.js' },
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['webview/lesson/main.ts'], outfile: 'dist/webview/lesson.js' },
];
const targets = allTargets.filter((t) => existsSync(path.join(root, t.entryPoints[0])));

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
