// Shared value types of the core. Nothing here knows about VS Code or the LSP library;
// positions happen to use the LSP convention (0-based line, UTF-16 character) so adapters
// can pass them through unchanged.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A path into a manifest object: keys and array indices, e.g. ['spec', 'template', 'spec', 'containers', 0, 'image']. */
export type Path = (string | number)[];

/** A decoded YAML mapping or JSON object whose values are not known yet: narrow them (core/k8s/guards.ts) before use. */
export type JsonObject = { [k: string]: unknown };

/**
 * The YAML reader's own messages and the arguments each one takes. They are named here, below
 * core/i18n, so the parser builds them checked by the compiler; core/i18n gives each its text in
 * both languages (a missing or extra one does not compile there).
 */
export interface ManifestMessages {
  'file-too-large': 'size' | 'max';
  'yaml-syntax': 'detail';
  'yaml-unparseable': 'detail';
  'yaml-nul': never;
  'yaml-too-deep': 'max';
  'yaml-too-many-keys': 'max';
  'yaml-alias-bomb': 'max';
  'duplicate-key': 'key';
}

/** One of the YAML reader's messages, with exactly the arguments it takes. */
export type ManifestMsg = {
  [K in keyof ManifestMessages]: [ManifestMessages[K]] extends [never] ? { id: K } : { id: K; args: Record<ManifestMessages[K], string | number> };
}[keyof ManifestMessages];

/**
 * Every message id of the project, as keys. Each module that defines messages adds its ids here
 * beside its `defineMessages` call:
 *   declare module '…/manifest/types' { interface MessageCatalog extends MessageIds<typeof messages> {} }
 * so `MessageId` is the union of all of them, and a mistyped or made-up id is a compile error
 * wherever a `Msg` is built or `t()` is called (test/unit/messages.test.ts proves it).
 */
export interface MessageCatalog extends MessageIds<ManifestMessages> {}

/** The ids of a message table, as `MessageCatalog` entries. */
export type MessageIds<M> = { readonly [K in keyof M & string]: true };

/** A registered message id. An id computed from data becomes one through core/i18n's `hasMessage`. */
export type MessageId = keyof MessageCatalog & string;

/** A message to be rendered in the reader's language by core/i18n. */
export interface Msg {
  id: MessageId;
  args?: Record<string, string | number>;
}

export interface RelatedInfo {
  uri: string;
  range: Range;
  message: Msg;
}

export interface KDiagnostic {
  uri: string;
  range: Range;
  severity: Severity;
  /** Stable rule code from shared/spec/rules.md, e.g. 'selector-mismatch'. */
  code: string;
  message: Msg;
  related?: RelatedInfo[];
  /**
   * Machine-readable facts for quick fixes (never secret values), in the shape core/rules/fix-data.ts
   * gives for the code. Read it with `dataOf`, which checks that shape: a diagnostic may come back
   * from an editor carrying anything.
   */
  data?: Record<string, unknown>;
}
