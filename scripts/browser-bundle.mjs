// What makes a bundle a browser bundle (build.mjs's dist/browser/ targets), and the check that
// none of them imports a Node built-in. Separate from build.mjs so tests can build with the same
// options (test/unit/browser-build.test.ts).
import { builtinModules } from 'node:module';

/** Every Node built-in, both spellings: marked external in the browser bundles, so that the check (not a resolution error) names them. */
export const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** @param {string} p */
export const isNodeBuiltin = (p) => p.startsWith('node:') || builtinModules.includes(p.split('/')[0]);

/**
 * cron-parser's index also loads its CronFileParser, which reads files with node:fs; the browser
 * bundles take the parser and the fields core uses straight from their modules.
 * @param {string} root
 * @returns {import('esbuild').Plugin}
 */
const cronWithoutFiles = (root) => ({
  name: 'cron-without-files',
  setup(b) {
    b.onResolve({ filter: /^cron-parser$/ }, () => ({ path: 'cron-parser', namespace: 'cron-without-files' }));
    b.onLoad({ filter: /.*/, namespace: 'cron-without-files' }, () => ({
      contents: "export { CronExpressionParser } from 'cron-parser/dist/CronExpressionParser';\nexport * from 'cron-parser/dist/fields';\n",
      resolveDir: root,
      loader: 'js',
    }));
  },
});

/**
 * esbuild options of a browser bundle: node:path and node:url swapped for a '/'-path shim, the few
 * Node globals core uses (Buffer, setImmediate) injected, a metafile for the check.
 * @param {string} root the repository
 * @returns {import('esbuild').BuildOptions}
 */
export function browserOptions(root) {
  return {
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    absWorkingDir: root,
    alias: { 'node:path': './language-server/src/browser-path.ts', 'node:url': './language-server/src/browser-path.ts' },
    inject: ['language-server/src/browser-shims.ts'],
    define: { __dirname: '"/"' },
    plugins: [cronWithoutFiles(root)],
  };
}

/**
 * The Node built-ins a browser bundle imports, each with the chain of inputs that brings it in
 * ("a.ts → b.ts → node:fs").
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
      if (!imp.external || !isNodeBuiltin(imp.path)) continue;
      const chain = [imp.path, file];
      for (let p = parent.get(file); p && !chain.includes(p) && chain.length < 12; p = parent.get(p)) chain.push(p);
      found.push(chain.reverse().join(' → '));
    }
  }
  return found;
}
