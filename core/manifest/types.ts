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

/** A message to be rendered in the reader's language by core/i18n. */
export interface Msg {
  id: string;
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
