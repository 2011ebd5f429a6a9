// The files the browser build reads at run time (its language server, the server's schema catalog
// and cron libraries, the feature bundle) are also written gzipped beside themselves
// (scripts/build.mjs, its `gzipped` plugin). In the web worker host every byte of them comes through the editor's
// file system (code-server: over the workbench's connection to the remote) or over the network
// (vscode.dev), and the compressed copy is about a quarter of the bytes; the browser's own
// DecompressionStream turns it back into the file.

/** Reads one of the extension's files by its path relative to the extension's root. */
export type ReadFile = (rel: string) => Promise<Uint8Array>;

/** gzip's magic number: the bytes are still compressed (a web server may already have decoded them for us). */
export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * `rel` read through its compressed copy (`rel.gz`), else `rel` itself: a development layout may
 * have no compressed copy. A browser without DecompressionStream cannot use one; the .vsix carries
 * only the copy of the browser-only bundles, so there the error says what the browser lacks.
 */
export async function readPacked(read: ReadFile, rel: string): Promise<Uint8Array> {
  if (typeof DecompressionStream !== 'function')
    return read(rel).catch((e: unknown) => {
      throw new Error(`${rel}: this browser has no DecompressionStream to read ${rel}.gz with (${String((e as Error)?.message ?? e)})`);
    });
  let bytes: Uint8Array;
  try {
    bytes = await read(`${rel}.gz`);
  } catch {
    return read(rel);
  }
  return isGzip(bytes) ? gunzip(bytes) : bytes;
}
