// File events, as LSP delivers them, handed to the workspace sync: documents opened, changed and
// closed in the editor; files created, changed, deleted and renamed on disk (by the watcher or by
// the editor's file operations); workspace folders added and removed.
import { FileChangeType, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detached, type Guard } from './guard';
import type { WorkspaceSync } from './sync';
import { fsPathOf } from './uri';

export function registerFileEvents(connection: Connection, documents: TextDocuments<TextDocument>, sync: WorkspaceSync, guard: Guard): void {
  documents.onDidOpen(guard('didOpen', ({ document }) => sync.didOpen(document)));
  documents.onDidChangeContent(guard('didChange', ({ document }) => sync.didChange(document)));
  documents.onDidClose(guard('didClose', ({ document }) => sync.didClose(document.uri)));

  connection.onDidChangeWatchedFiles(
    detached(guard, 'didChangeWatchedFiles', async (params) => {
      for (const ch of params.changes) {
        if (ch.type === FileChangeType.Deleted) sync.fileDeleted(ch.uri);
        else await sync.fileChanged(ch.uri);
      }
    }),
  );
  connection.workspace.onDidCreateFiles(
    detached(guard, 'didCreateFiles', async (params) => {
      for (const f of params.files) await sync.fileChanged(f.uri);
    }),
  );
  connection.workspace.onDidDeleteFiles(
    guard('didDeleteFiles', (params) => {
      for (const f of params.files) sync.fileDeleted(f.uri);
    }),
  );
  connection.workspace.onDidRenameFiles(
    guard('didRenameFiles', (params) => {
      for (const f of params.files) sync.fileRenamed(f.oldUri, f.newUri);
    }),
  );

  connection.onNotification(
    'workspace/didChangeWorkspaceFolders',
    detached(guard, 'didChangeWorkspaceFolders', async (params: { event?: { added?: { uri: string }[]; removed?: { uri: string }[] } } | undefined) => {
      for (const f of params?.event?.removed ?? []) sync.removeFolder(f.uri);
      await sync.addFolders((params?.event?.added ?? []).map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p));
    }),
  );
}
