// The allowed-dependency table of ARCHITECTURE.md ("adapters → core, never the other way"),
// written once. test/unit/architecture.test.ts holds every import of every source file against it.
//
// Paths are relative to the repository root; a folder ends with '/', anything else names a file.

/** What one layer of the source tree may import. */
export interface LayerRule {
  /** The folder this rule governs. */
  folder: string;
  /** The rule in ARCHITECTURE.md's words, printed with each violation. */
  why: string;
  /** Source folders and files this layer may import code from. */
  mayImport: readonly string[];
  /**
   * Source folders and files this layer may import types from (`import type`, `import { type X }`,
   * `import('…').X` in a type): they are erased from the bundle. Defaults to `mayImport`.
   */
  mayImportTypes?: readonly string[];
  /** Packages (and Node built-ins, spelled `node:*`) this layer must never import. */
  forbiddenPackages?: readonly RegExp[];
  /** When set, the only packages this layer may import at all. */
  onlyPackages?: readonly RegExp[];
  /** Packages this layer may import only as types (erased from every bundle), each with why. */
  typeOnlyPackages?: readonly TypeOnlyPackage[];
}

/** A package a layer takes types from and never loads, except in the folders named. */
export interface TypeOnlyPackage {
  pkg: RegExp;
  why: string;
  /** Folders that may also load it at run time. */
  loadedBy?: readonly string[];
}

/** The editor and VS Code protocol packages, which only the adapters may use. */
const VSCODE_PACKAGES = [/^vscode$/, /^vscode-languageserver/, /^vscode-languageclient/, /^vscode-uri$/, /^@vscode\//];

/**
 * Value imports the webview may take from outside webview/: pure helpers that touch neither the
 * simulator nor Node, so the browser bundle stays small and DOM-only code stays on its side.
 */
export const PURE_HELPERS: readonly string[] = ['core/k8s/guards.ts', 'core/panel/wire.ts'];

export const LAYERS: readonly LayerRule[] = [
  {
    folder: 'core/',
    why: 'core/ imports nothing from the folders around it, never vscode, never vscode-languageserver*, never the DOM',
    mayImport: ['core/'],
    forbiddenPackages: [...VSCODE_PACKAGES, /^playwright/, /^electron$/],
    typeOnlyPackages: [
      {
        pkg: /^@kubernetes\/client-node(\/|$)/,
        why: 'type-only: the model types of cluster objects (core/k8s/types.ts), erased from the bundles, so the browser bundles stay free of it',
        // A real cluster's kubeconfig parsers and exec credential plugins, loaded with import() on first use (Node only).
        loadedBy: ['core/remote/'],
      },
    ],
  },
  {
    folder: 'webview/',
    why: 'the webview only renders what the host sends: it imports its protocol and pure helpers (types from the core view-models are erased)',
    mayImport: ['webview/', ...PURE_HELPERS],
    mayImportTypes: ['webview/', 'core/'],
    onlyPackages: [],
  },
  {
    folder: 'language-server/',
    why: 'language-server/ maps LSP requests to core calls; it runs outside the extension host',
    mayImport: ['language-server/', 'core/', 'package.json'],
    forbiddenPackages: [/^vscode$/, /^vscode-languageclient/],
  },
  {
    folder: 'extension/',
    why: 'extension/ maps VS Code commands, settings and panels to core; it speaks the webview and server protocols',
    mayImport: ['extension/', 'core/', 'webview/protocol/', 'language-server/src/protocol.ts'],
    forbiddenPackages: [/^vscode-languageserver$/, /^vscode-languageserver\//],
  },
  {
    folder: 'cli/',
    why: 'cli/ maps argv to core; `kube-dorm lsp` starts the language server',
    mayImport: ['cli/', 'core/', 'language-server/src/', 'package.json'],
    forbiddenPackages: [/^vscode$/, /^vscode-languageclient/],
  },
];

/** The folders scanned: everything that ships. */
export const SOURCE_ROOTS: readonly string[] = LAYERS.map((l) => l.folder);

/** Files that are generated or are not TypeScript sources of the product. */
export const IGNORED = [/\/node_modules\//, /\/generated\//, /\.d\.ts$/];

/**
 * The core's areas from the bottom up (an area is the first folder under core/, or a top-level file
 * such as lint.ts): an area may import only the areas listed before it, so there is no cycle
 * between them. The parser, then the facts (schema catalog, Kubernetes helpers, messages), the
 * workspace index and the linter, the editor features, the simulator, its kubectl and API server,
 * and the panel and lessons on top.
 */
export const CORE_LAYERS: readonly string[] = [
  'manifest',
  'schema',
  'k8s',
  'i18n',
  // The Kustomize renderer reads manifests (manifest), Kubernetes facts (k8s: scope, label selectors)
  // and words its errors (i18n); the workspace and the linter build on its rendered objects.
  'kustomize',
  'workspace',
  'rules',
  'lint-cache',
  'lint',
  // Kustomize-aware linting of a workspace file: the linter over an overlay's rendered objects.
  'lint-workspace',
  'editor',
  'cluster',
  'kubectl',
  'apiserver',
  'panel',
  // A real cluster through a kubeconfig (@kubernetes/client-node's parsers and exec plugins, Node
  // https): it draws with the panel's view-model builder, so it sits above panel; nothing imports it.
  'remote',
  'lessons',
];

/** A known import that breaks the table, with why it is tolerated. Each must still exist: the list only shrinks. */
export interface Exception {
  from: string;
  to: string;
  why: string;
}

export const EXCEPTIONS: readonly Exception[] = [];
