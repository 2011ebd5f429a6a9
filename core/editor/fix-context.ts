// What every quick fix is built from: the action it offers, the place it fixes (workspace, file,
// resource, path and diagnostic), and the helpers that turn edits into an action.
import type { ParsedFile, Resource } from '../manifest/parse';
import type { KDiagnostic, Path } from '../manifest/types';
import type { Locale } from '../i18n/index';
import type { Workspace } from '../workspace/index';
import type { TextEdit, WorkspaceEditSpec } from './edits';

export interface CodeActionSpec {
  title: string;
  kind: 'quickfix' | 'source.fixAll';
  /** The diagnostics it fixes. */
  diagnostics: KDiagnostic[];
  edit: WorkspaceEditSpec;
  isPreferred?: boolean;
}

/** The diagnostic being fixed and where it sits. */
export interface Ctx {
  ws: Workspace;
  file: ParsedFile;
  res: Resource;
  path: Path;
  d: KDiagnostic;
  locale: Locale;
}

/** One file's edits as a workspace edit; undefined when any edit could not be made. */
export const one = (uri: string, edits: (TextEdit | undefined)[]): WorkspaceEditSpec | undefined => {
  const e = edits.filter((x): x is TextEdit => !!x);
  return e.length === edits.length && e.length ? { changes: [{ uri, edits: e }] } : undefined;
};

/** Makes the action list of one fix: empty when the edit could not be made. */
export type Make = (title: string, edit: WorkspaceEditSpec | undefined, isPreferred?: boolean) => CodeActionSpec[];
