// "Why?" → "Apply fix" in VS Code: the editor's own quick fix for the chain's diagnostic, found as
// the lightbulb finds it (vscode.executeCodeActionProvider on that range, the action that fixes a
// diagnostic with that code, the preferred one first), applied as one undoable workspace edit.
import * as vscode from 'vscode';

export interface QuickFixAt {
  uri: string;
  code: string;
  /** 0-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));

/** Applies the quick fix and shows the line; false when the editor offers none there (the file changed since). */
export async function applyQuickFix(f: QuickFixAt): Promise<boolean> {
  const uri = vscode.Uri.parse(f.uri);
  const range = new vscode.Range(f.line, f.column, f.endLine, f.endColumn);
  const doc = await vscode.workspace.openTextDocument(uri);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  const fixes = actions.filter((a): a is vscode.CodeAction => 'diagnostics' in a && !!a.diagnostics?.some((d) => codeOf(d) === f.code));
  const pick = fixes.find((a) => a.isPreferred) ?? fixes[0];
  if (!pick) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Kube Dorm: there is no quick fix for {0} at this line any more.', f.code));
    return false;
  }
  if (pick.edit) await vscode.workspace.applyEdit(pick.edit);
  if (pick.command) await vscode.commands.executeCommand(pick.command.command, ...(pick.command.arguments ?? []));
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(range.start, range.start) });
  return true;
}
