// URI helpers shared by the server's modules: one canonical spelling per file, and its path on disk.
// The workspace sync works on paths; a `PathCodec` maps URIs to those paths and back. Node reads
// `file:` URIs from the disk (the default codec); the browser server maps every scheme to a path
// of its own and reads through the client (browser-fs.ts).
import { URI } from 'vscode-uri';

/** URIs ⇄ the paths WorkspaceSync and its FileSystem work with. */
export interface PathCodec {
  /** The path of `uri`; undefined for a URI this file system cannot read. */
  toPath(uri: URI): string | undefined;
  /** The canonical URI string of a path made by `toPath` (or joined under one). */
  toUri(fsPath: string): string;
}

/** Node: `file:` URIs and platform paths. */
export const fileCodec: PathCodec = {
  toPath: (u) => (u.scheme === 'file' ? u.fsPath : undefined),
  toUri: (fsPath) => URI.file(fsPath).toString(),
};

let codec: PathCodec = fileCodec;

/** Sets the codec for this process (the browser server, once at start). */
export function usePathCodec(c: PathCodec): void {
  codec = c;
}

/** Canonical form of a URI (VS Code's spelling), so disk scans and open documents share one key. */
export function canonUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

/** The file-system path of a URI (`file:` ones in Node); undefined for other schemes and malformed URIs. */
export function fsPathOf(uri: string): string | undefined {
  try {
    return codec.toPath(URI.parse(uri));
  } catch {
    return undefined;
  }
}

/** The canonical URI of a file-system path. */
export const uriOfPath = (fsPath: string): string => codec.toUri(fsPath);
