// URI helpers shared by the server's modules: one canonical spelling per file, and its path on disk.
import { URI } from 'vscode-uri';

/** Canonical form of a URI (VS Code's spelling), so disk scans and open documents share one key. */
export function canonUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

/** The file-system path of a `file:` URI; undefined for other schemes and malformed URIs. */
export function fsPathOf(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/** The canonical URI of a file-system path. */
export const uriOfPath = (fsPath: string): string => URI.file(fsPath).toString();
