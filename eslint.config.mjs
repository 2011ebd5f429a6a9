// ESLint (flat config): typescript-eslint's type-aware recommended rules, tuned so that what is
// left to report is worth fixing. Run it with `npm run lint` (which also runs prettier --check and
// jscpd). Every TypeScript file is checked with the types of the tsconfig.json nearest to it (the
// project service): core/ without the DOM, webview/ without Node, the rest with the root tsconfig.
// The plain JavaScript files (build scripts, the CLI shim) get the untyped recommended rules.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Rules that read `any`: parsed YAML (`Resource.obj`) and stored objects (`KObject`'s spec and
 * status) are still untyped where they are read, so in the simulator, the API server, kubectl and
 * their tests every property read of one would be reported (about 2,400 reports, nearly all
 * `o.metadata.name`-style reads). They are on where data crosses a trust boundary and is small
 * enough to type: messages from webviews and from LSP clients. Writing `any` is an error in core/
 * too, but for the files of ANY_ALLOWED. */
const anyRules = [
  '@typescript-eslint/no-explicit-any',
  '@typescript-eslint/no-unsafe-argument',
  '@typescript-eslint/no-unsafe-assignment',
  '@typescript-eslint/no-unsafe-call',
  '@typescript-eslint/no-unsafe-member-access',
  '@typescript-eslint/no-unsafe-return',
];
const rulesSetTo = (level) => Object.fromEntries(anyRules.map((r) => [r, level]));

/**
 * Files of core/ that may still write `any`, each with why. Everywhere else in core/ the
 * `@typescript-eslint/no-explicit-any` rule is an error: cluster objects have model types
 * (core/k8s/types.ts, from @kubernetes/client-node) and untyped JSON is `unknown` narrowed with
 * isObj. The list only shrinks: test/unit/any-allowlist.test.ts fails when a file here no longer
 * needs its entry, or when a file not here writes `any`.
 */
export const ANY_ALLOWED = {
  'core/cluster/store.ts':
    "KObject's spec and status stay any: about 1,100 reads of them in the controllers, kubectl, the API server and the tests would need a model type each (asKind, core/k8s/types.ts) or a guard; its other fields are unknown",
};

export default defineConfig(
  {
    ignores: ['dist/**', 'out/**', '.cache/**', 'node_modules/**', 'core/schema/generated/**', 'bench/results/**', '.vscode-test/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      ...rulesSetTo('off'),
      // node:test's test()/describe()/it() return promises the runner awaits itself; any other
      // promise left floating is a lost error.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      // Reading our own package.json is the one require() we want; lazy loads say why in a disable comment.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['/package\\.json$'] }],
      // `_name` marks an unused parameter or binding on purpose, as tsc's noUnusedParameters does.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Unions such as `'*' | string` and `'In' | 'NotIn' | string` document the values with a
      // meaning on purpose; the rule reads them as mistakes.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // Tests and the webview protocol match ANSI escapes and strip control characters on purpose.
      'no-control-regex': 'off',
      // Regexes over kubectl's column output read best with the spaces as printed.
      'no-regex-spaces': 'off',
      // A file past 500 lines has more than one concern: split it along its seams.
      'max-lines': ['error', { max: 500 }],
      // A module adds its message ids to MessageCatalog with `interface MessageCatalog extends MessageIds<typeof messages> {}`
      // (core/manifest/types.ts): interface merging is how a type collects entries from many files.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['webview/**/*.ts', 'language-server/**/*.ts'],
    rules: rulesSetTo('error'),
  },
  {
    files: ['core/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: Object.keys(ANY_ALLOWED),
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Test doubles implement async interfaces (a fake file system, a fake vscode) without awaiting.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    // CommonJS files (the CLI shim, a bench preload) load modules with require().
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly' },
    },
  },
);
