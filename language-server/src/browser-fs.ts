// The browser server's file system: no disk in a worker, so it asks the client, which reads with
// vscode.workspace.fs (any scheme: a remote's disk, GitHub, memory). WorkspaceSync works on paths;
// `browserCodec` maps each URI to a path of its own, `/<scheme>/<authority>/<path>` ('~' for no
// authority), and back, so the scan's '/'-joins stay inside one file system.
import { URI } from 'vscode-uri';
import type { Connection } from 'vscode-languageserver';
import type { FileSystem } from './file-system';
import { FsRequests } from './protocol';
import type { PathCodec } from './uri';

export const browserCodec: PathCodec = {
  toPath: (u) => (u.scheme === 'untitled' ? undefined : `/${u.scheme}/${u.authority ? encodeURIComponent(u.authority) : '~'}${u.path || '/'}`),
  toUri(fsPath) {
    const m = /^\/([^/]+)\/([^/]+)(\/.*)?$/.exec(fsPath);
    if (!m) return URI.file(fsPath).toString();
    return URI.from({ scheme: m[1], authority: m[2] === '~' ? '' : decodeURIComponent(m[2]), path: m[3] ?? '/' }).toString();
  },
};

/** Reads through `connection`'s client; every call rejects when the client cannot read the path. */
export function clientFileSystem(connection: Connection): FileSystem {
  const uri = (fsPath: string) => browserCodec.toUri(fsPath);
  return {
    async stat(fsPath) {
      const st = await connection.sendRequest(FsRequests.stat, { uri: uri(fsPath) });
      return { isFile: st.isFile, size: st.size };
    },
    readFile: (fsPath) => connection.sendRequest(FsRequests.readFile, { uri: uri(fsPath) }),
    readDir: (fsPath) => connection.sendRequest(FsRequests.readDir, { uri: uri(fsPath) }),
  };
}
