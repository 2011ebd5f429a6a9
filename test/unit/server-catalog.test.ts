// The language server answers `initialize` before it parses the schema catalog, then parses it at
// once, before any document asks (language-server/src/lifecycle.ts): a client's start does not wait
// for the catalog, and the first lint does not either. The server runs in this process, over real
// JSON-RPC on in-memory streams; "parsed" is core/schema/generated/catalog.json in require.cache.
// (The bundles leave the catalog out and read it beside them: test/lsp/catalog-asset.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Message } from 'vscode-languageserver/node';
import { createProtocolConnection, type InitializeResult } from 'vscode-languageserver-protocol/node';
import { startServer } from '../../language-server/src/server';
import { nodeFileSystem, nodeKustomizeReader } from '../../language-server/src/file-system';

const catalogParsed = () => Object.keys(require.cache).some((f) => /generated[\\/]catalog\.json$/.test(f));

/** Resolves once `pred` holds, checked after each turn of the event loop (fails after `ms`). */
async function eventually(what: string, pred: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

test('initialize is answered before the schema catalog is parsed, which follows before any document opens', async () => {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  const writer = new StreamMessageWriter(fromServer);
  let parsedWhenAnswering: boolean | undefined;
  const write = writer.write.bind(writer);
  writer.write = (m: Message) => {
    if ('result' in m && (m.result as InitializeResult | null)?.serverInfo) parsedWhenAnswering = catalogParsed();
    return write(m);
  };
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), writer);
  startServer(server, nodeFileSystem, nodeKustomizeReader);
  const client = createProtocolConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
  client.listen();
  try {
    assert.equal(catalogParsed(), false, 'not while the server starts');
    const result = await client.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: {} });
    assert.equal((result as InitializeResult).serverInfo?.name, 'kube-dorm');
    assert.equal(parsedWhenAnswering, false, 'not before initialize is answered');
    await eventually('the catalog parsed after initialize, with no document open', catalogParsed);
  } finally {
    client.dispose();
    server.dispose();
  }
});
