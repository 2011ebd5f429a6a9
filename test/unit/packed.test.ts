// extension/src/packed.ts: the browser build reads its large files through gzipped copies
// (scripts/build.mjs writes them) and falls back to the file itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { gunzip, isGzip, readPacked, type ReadFile } from '../../extension/src/packed';

const TEXT = 'self.server = "kube-dorm";\n'.repeat(5000) + '中文 ✓\n';
const BYTES = new TextEncoder().encode(TEXT);

/** A read of the extension's files from `files`, recording each path asked for. */
function reader(files: Record<string, Uint8Array>): { read: ReadFile; asked: string[] } {
  const asked: string[] = [];
  const read: ReadFile = (rel) => {
    asked.push(rel);
    const f = files[rel];
    return f ? Promise.resolve(f) : Promise.reject(new Error(`ENOENT: ${rel}`));
  };
  return { read, asked };
}

test('gunzip gives back the bytes gzip took, multi-byte text included', async () => {
  const gz = gzipSync(BYTES, { level: 9 });
  assert.ok(isGzip(gz));
  assert.ok(gz.length * 10 < BYTES.length, `${gz.length} compressed bytes for ${BYTES.length}`);
  assert.equal(new TextDecoder().decode(await gunzip(gz)), TEXT);
});

test('readPacked reads the .gz copy only, and decompresses it', async () => {
  const { read, asked } = reader({ 'dist/browser/server.js.gz': gzipSync(BYTES), 'dist/browser/server.js': new Uint8Array([1]) });
  assert.equal(new TextDecoder().decode(await readPacked(read, 'dist/browser/server.js')), TEXT);
  assert.deepEqual(asked, ['dist/browser/server.js.gz']);
});

test('readPacked falls back to the file itself when there is no .gz copy (a development layout)', async () => {
  const { read, asked } = reader({ 'dist/browser/server.js': BYTES });
  assert.deepEqual(await readPacked(read, 'dist/browser/server.js'), BYTES);
  assert.deepEqual(asked, ['dist/browser/server.js.gz', 'dist/browser/server.js']);
});

test('readPacked takes bytes a web server already decoded (Content-Encoding: gzip) as they are', async () => {
  const { read } = reader({ 'dist/catalog.json.gz': BYTES });
  assert.deepEqual(await readPacked(read, 'dist/catalog.json'), BYTES);
});

test('readPacked reports the file itself when neither can be read', async () => {
  const { read } = reader({});
  await assert.rejects(readPacked(read, 'dist/browser/cron.js'), /ENOENT: dist\/browser\/cron\.js$/);
});

test('readPacked rejects a corrupt .gz copy rather than handing over garbage', async () => {
  const gz = gzipSync(BYTES);
  const { read } = reader({ 'dist/browser/sim.js.gz': gz.subarray(0, gz.length >> 1) });
  await assert.rejects(readPacked(read, 'dist/browser/sim.js'));
});

test('without DecompressionStream, readPacked reads the file itself, or says what the browser lacks', async () => {
  const saved = globalThis.DecompressionStream;
  // @ts-expect-error -- a browser that has none (Safari before 16.4)
  delete globalThis.DecompressionStream;
  try {
    const { read, asked } = reader({ 'dist/catalog.json': BYTES, 'dist/catalog.json.gz': gzipSync(BYTES) });
    assert.deepEqual(await readPacked(read, 'dist/catalog.json'), BYTES);
    assert.deepEqual(asked, ['dist/catalog.json']);
    // The .vsix carries only dist/browser/server.js.gz.
    const only = reader({ 'dist/browser/server.js.gz': gzipSync(BYTES) });
    await assert.rejects(readPacked(only.read, 'dist/browser/server.js'), /no DecompressionStream to read dist\/browser\/server\.js\.gz/);
  } finally {
    globalThis.DecompressionStream = saved;
  }
});
