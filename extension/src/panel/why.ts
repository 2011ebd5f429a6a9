// "Why?" → "Apply fix" in VS Code: the editor's own quick fix for the chain's diagnostic, found as
// the lightbulb finds it (vscode.executeCodeActionProvider on that diagnostic's range, quick fixes
// only, the preferred one first), applied as one undoable workspace edit; and
// the editor's "Why?" lenses after a simulation.
import * as vscode from 'vscode';
import type { WhyLens } from '../../../core/panel/why';

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
  // The command leaves out which diagnostics an action fixes (VS Code 1.100): then every quick fix for
  // exactly that range counts, the preferred one first; when it says, the diagnostic's code must match.
  const fixes = actions.filter((a): a is vscode.CodeAction => 'edit' in a && (!a.diagnostics?.length || a.diagnostics.some((d) => codeOf(d) === f.code)));
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

/** How often, at most, the lenses are recomputed while the simulation runs (wall ms). */
const LENS_EVERY_MS = 1000;

export interface WhyLensSource {
  /** The lenses now (SimSession.whyLenses), or none without a simulation. */
  lenses(): WhyLens[];
  /** Opens the panel's chain of `subject` ("Show why"). */
  show(subject: WhyLens['subject']): void;
}

/** The command the lenses run: "Show why" → the panel opens the chain. Not contributed: only lenses call it. */
export const SHOW_WHY = 'kubeDorm.showWhy';

/**
 * After a simulation, a CodeLens on each simulated resource something is wrong with: what went
 * wrong and the chain's first step, and "Show why", which opens the chain in the panel.
 * `changed()` (SimSession's onChange) schedules a recompute, at most once a second.
 */
export class WhyLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private items: WhyLens[] = [];
  private last = '[]';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly source: WhyLensSource) {}

  /** Recomputes now; fires the change event when the lenses differ. */
  refresh(): void {
    this.timer = undefined;
    const items = this.source.lenses();
    const json = JSON.stringify(items);
    if (json === this.last) return;
    this.items = items;
    this.last = json;
    this.emitter.fire();
  }

  changed(): void {
    this.timer ??= setTimeout(() => this.refresh(), LENS_EVERY_MS);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const uri = doc.uri.toString();
    return this.items
      .filter((l) => l.uri === uri)
      .flatMap((l) => {
        const range = new vscode.Range(l.line, 0, l.line, 0);
        return [
          new vscode.CodeLens(range, { title: l.title, tooltip: l.tooltip, command: SHOW_WHY, arguments: [l.subject] }),
          new vscode.CodeLens(range, { title: l.show, tooltip: l.tooltip, command: SHOW_WHY, arguments: [l.subject] }),
        ];
      });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.emitter.dispose();
  }
}

/** Registers the lenses (YAML and JSON manifests) and their command. */
export function registerWhyLenses(context: vscode.ExtensionContext, source: WhyLensSource): WhyLensProvider {
  const provider = new WhyLensProvider(source);
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider([{ language: 'yaml' }, { language: 'json' }], provider),
    vscode.commands.registerCommand(SHOW_WHY, (subject: unknown) => {
      if (isSubject(subject)) source.show(subject);
    }),
  );
  return provider;
}

function isSubject(x: unknown): x is WhyLens['subject'] {
  const o = x as Partial<WhyLens['subject']> | null;
  return (
    !!o && typeof o === 'object' && typeof o.kind === 'string' && typeof o.name === 'string' && (o.namespace === undefined || typeof o.namespace === 'string')
  );
}
