// Editor features beyond diagnostics: hover, completion, quick fixes, go to definition, references,
// symbols, code lenses and inlay hints. Each handler converts LSP positions to core offsets, asks
// core/editor, and converts the answer back. Nothing Kubernetes-specific is decided here.
import { completeLessonFile } from '../../core/lessons/complete';
import { lessonFileOf } from '../../core/lessons/ws-diagnostics';
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  SymbolKind,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type DocumentSymbol,
  type InlayHint,
  type Location,
  type Position,
  type ServerCapabilities,
  type SymbolInformation,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../../core/i18n/index';
import type { ParsedFile } from '../../core/manifest/parse';
import type { KDiagnostic } from '../../core/manifest/types';
import type { Workspace } from '../../core/workspace/index';
import { codeActions } from '../../core/editor/actions';
import { complete, type CompletionKind } from '../../core/editor/complete';
import type { WorkspaceEditSpec } from '../../core/editor/edits';
import { hover } from '../../core/editor/hover';
import { codeLenses, inlayHints } from '../../core/editor/lens';
import { definition, documentSymbols, references, workspaceSymbols, type DocSymbol, type NavTarget } from '../../core/editor/navigate';
import { toLspDiagnostic } from './convert';

export interface FeatureContext {
  ws: Workspace;
  documents: TextDocuments<TextDocument>;
  locale(): Locale;
  /** The Kubernetes minor lint checks against (the setting, or a connected cluster's): hover and completion follow it. */
  kubernetesVersion(): string | undefined;
  canonUri(uri: string): string;
  clientUri: (uri: string) => string;
  /** Applies a pending (debounced) change of `uri` now, so that positions match the editor's text. */
  flush(uri: string): void;
  /** The core diagnostics last computed for `uri`. */
  diagnostics(uri: string): KDiagnostic[];
  guard<A extends unknown[], R>(where: string, fn: (...a: A) => R): (...a: A) => R | undefined;
  /** The client offers the simulate command (a lens "▶ Simulate" then makes sense). */
  simulateCommand?: string;
  /** The client offers a command that opens lesson N (hovers link to it). */
  lessonCommand?: string;
  /** The workspace is trusted (false: restricted mode, no quick fix that creates files). */
  trusted?: boolean;
}

export const featureCapabilities: ServerCapabilities = {
  hoverProvider: true,
  completionProvider: { triggerCharacters: [':', ' ', '-', '"'], resolveProvider: false },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
  definitionProvider: true,
  referencesProvider: true,
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
  codeLensProvider: { resolveProvider: false },
  inlayHintProvider: true,
};

/** Client-side command that opens the references peek (the extension converts the JSON arguments). */
export const SHOW_REFERENCES_COMMAND = 'kubeDorm.showReferences';

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  field: CompletionItemKind.Property,
  enum: CompletionItemKind.EnumMember,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
  kind: CompletionItemKind.Class,
  apiVersion: CompletionItemKind.Module,
  snippet: CompletionItemKind.Snippet,
};

function symbolKind(kind: string): SymbolKind {
  if (kind === 'container') return SymbolKind.Field;
  if (/^[A-Z]/.test(kind)) return SymbolKind.Class;
  return SymbolKind.Object;
}

export function registerFeatures(connection: Connection, ctx: FeatureContext): void {
  /** The parsed file for a request, after flushing pending edits; undefined for unknown documents. */
  const fileFor = (clientUri: string): { uri: string; file: ParsedFile } | undefined => {
    const uri = ctx.canonUri(clientUri);
    ctx.flush(uri);
    const file = ctx.ws.get(uri);
    return file ? { uri, file } : undefined;
  };
  const offsetOf = (file: ParsedFile, p: Position) => file.lines.offset(p);
  const location = (t: NavTarget): Location => ({ uri: ctx.clientUri(t.uri), range: t.range });

  const workspaceEdit = (spec: WorkspaceEditSpec): WorkspaceEdit => {
    if (spec.createFiles?.length) {
      return {
        documentChanges: [
          ...spec.createFiles.flatMap((f) => [
            { kind: 'create' as const, uri: f.uri, options: { ignoreIfExists: true } },
            {
              textDocument: { uri: f.uri, version: null },
              edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: f.text }],
            },
          ]),
          ...spec.changes.map((c) => ({
            textDocument: { uri: ctx.clientUri(c.uri), version: ctx.documents.get(ctx.clientUri(c.uri))?.version ?? null },
            edits: c.edits,
          })),
        ],
      };
    }
    const changes: Record<string, { range: (typeof spec.changes)[number]['edits'][number]['range']; newText: string }[]> = {};
    for (const c of spec.changes) (changes[ctx.clientUri(c.uri)] ??= []).push(...c.edits);
    return { changes };
  };

  connection.onHover(
    ctx.guard('hover', (p) => {
      const f = fileFor(p.textDocument.uri);
      if (!f) return null;
      const h = hover(ctx.ws, f.uri, offsetOf(f.file, p.position), {
        locale: ctx.locale(),
        kubernetesVersion: ctx.kubernetesVersion(),
        now: new Date(),
        lessonLink: ctx.lessonCommand ? (n) => `command:${ctx.lessonCommand}?${encodeURIComponent(JSON.stringify([n]))}` : undefined,
      });
      return h ? { contents: { kind: 'markdown' as const, value: h.markdown }, range: h.range } : null;
    }),
  );

  connection.onCompletion(
    ctx.guard('completion', (p) => {
      const f = fileFor(p.textDocument.uri);
      if (!f) return null;
      const offset = offsetOf(f.file, p.position);
      const items = lessonFileOf(f.uri)
        ? completeLessonFile(f.uri, f.file.text, offset)
        : complete(ctx.ws, f.uri, f.file.text, offset, { locale: ctx.locale(), kubernetesVersion: ctx.kubernetesVersion() });
      return items.map((it): CompletionItem => ({
        label: it.label,
        kind: COMPLETION_KIND[it.kind],
        detail: it.detail,
        documentation: it.documentation ? { kind: 'markdown', value: it.documentation } : undefined,
        sortText: it.sortText,
        insertTextFormat: it.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: f.file.lines.range(it.replaceStart, it.replaceEnd), newText: it.insertText },
      }));
    }),
  );

  connection.onCodeAction(
    ctx.guard('codeAction', (p) => {
      const f = fileFor(p.textDocument.uri);
      if (!f) return null;
      const L = ctx.locale();
      const actions = codeActions(ctx.ws, f.uri, p.range, ctx.diagnostics(f.uri), L);
      const only = p.context.only;
      return (
        actions
          .filter((a) => !only || only.some((k) => a.kind === k || a.kind.startsWith(k + '.')))
          // Restricted mode: writing new files into a workspace the user does not trust is not offered.
          .filter((a) => ctx.trusted !== false || !a.edit.createFiles?.length)
          .map((a): CodeAction => ({
            title: a.title,
            kind: a.kind,
            diagnostics: a.diagnostics.map((d) => toLspDiagnostic(d, { locale: L, related: true, clientUri: ctx.clientUri })),
            edit: workspaceEdit(a.edit),
            isPreferred: a.isPreferred,
          }))
      );
    }),
  );

  connection.onDefinition(
    ctx.guard('definition', (p) => {
      const f = fileFor(p.textDocument.uri);
      return f ? definition(ctx.ws, f.uri, offsetOf(f.file, p.position)).map(location) : null;
    }),
  );

  connection.onReferences(
    ctx.guard('references', (p) => {
      const f = fileFor(p.textDocument.uri);
      return f ? references(ctx.ws, f.uri, offsetOf(f.file, p.position)).map(location) : null;
    }),
  );

  const toSymbol = (s: DocSymbol): DocumentSymbol => ({
    name: s.name || '?',
    kind: symbolKind(s.kind),
    detail: s.detail,
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toSymbol),
  });
  connection.onDocumentSymbol(
    ctx.guard('documentSymbol', (p) => {
      const f = fileFor(p.textDocument.uri);
      return f ? documentSymbols(ctx.ws, f.uri).map(toSymbol) : null;
    }),
  );

  connection.onWorkspaceSymbol(
    ctx.guard('workspaceSymbol', (p) =>
      workspaceSymbols(ctx.ws, p.query).map((s): SymbolInformation => ({
        name: s.name,
        kind: symbolKind(s.kind),
        containerName: s.container,
        location: location(s.location),
      })),
    ),
  );

  connection.onCodeLens(
    ctx.guard('codeLens', (p) => {
      const f = fileFor(p.textDocument.uri);
      if (!f) return null;
      return codeLenses(ctx.ws, f.uri, { locale: ctx.locale(), simulate: !!ctx.simulateCommand }).map((l): CodeLens => {
        const a = l.action;
        if (a.type === 'references') {
          return {
            range: l.range,
            command: { title: l.title, command: SHOW_REFERENCES_COMMAND, arguments: [p.textDocument.uri, l.range.start, a.targets.map(location)] },
          };
        }
        if (a.type === 'simulate' && ctx.simulateCommand)
          return { range: l.range, command: { title: l.title, command: ctx.simulateCommand, arguments: [ctx.clientUri(a.uri)] } };
        return { range: l.range, command: { title: l.title, command: '' } };
      });
    }),
  );

  connection.languages.inlayHint.on(
    ctx.guard('inlayHint', (p) => {
      const f = fileFor(p.textDocument.uri);
      if (!f) return null;
      return inlayHints(ctx.ws, f.uri, p.range, { locale: ctx.locale() }).map((h): InlayHint => ({
        position: h.position,
        label: h.label,
        tooltip: h.tooltip,
        paddingLeft: true,
      }));
    }),
  );
}
