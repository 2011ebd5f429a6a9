// Memory without bound, replayed: watchers that never read are dropped once they fall behind
// (a reading watcher is not), the watch history is bounded by bytes as well as by count, JSON
// sent as YAML is parsed as JSON, and YAML aliases may not expand a body past the body limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { serveInProcess, TOKEN } from './serve-support';

const CM = '/api/v1/namespaces/default/configmaps';

/** A watch over a raw socket; `read: false` never reads a byte of the response. */
function rawWatch(port: number, path: string, read: boolean): { socket: net.Socket; received: () => number } {
  let received = 0;
  const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`));
  if (read) socket.on('data', (d) => (received += d.length));
  else socket.pause();
  socket.on('error', () => undefined);
  return { socket, received: () => received };
}

test('watchers that never read are dropped once they fall behind; a reading watcher gets everything', async () => {
  const { srv, url, req } = await serveInProcess({ watchLimits: { backlogBytes: 512 * 1024 } });
  const port = Number(new URL(url).port);
  const watches: ReturnType<typeof rawWatch>[] = [];
  try {
    assert.equal((await req('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { v: '0' } })).status, 201);
    const rv = srv.rv();
    for (let i = 0; i < 4; i++) watches.push(rawWatch(port, `${CM}?watch=true&resourceVersion=${rv}`, false));
    const reader = rawWatch(port, `${CM}?watch=true&resourceVersion=${rv}`, true);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(srv.watches.count, 5);
    // 80 updates of 256 KB each (made in the store, skipping validation): 20 MB per watcher, far
    // past any socket buffer. Watchers are served between updates.
    const filler = 'x'.repeat(256 * 1024);
    const cm = srv.cluster.get('ConfigMap', 'default', 'big')!;
    for (let i = 1; i <= 80; i++) {
      cm.data = { v: `${i}${filler}` };
      srv.cluster.update(cm);
      await new Promise((r) => setImmediate(r));
    }
    for (let waited = 0; srv.watches.count > 1 && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    assert.equal(srv.watches.count, 1, 'the four non-reading watchers were not dropped');
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(reader.received() > 80 * 256 * 1024, `the reading watcher got ${reader.received()} bytes`);
    reader.socket.destroy();
  } finally {
    for (const w of watches) w.socket.destroy();
    await srv.close();
  }
});

test('the watch history is bounded by bytes: a resourceVersion compacted away answers 410 Expired', async () => {
  const { srv, req } = await serveInProcess({ watchLimits: { historyBytes: 2 * 1024 * 1024 } });
  try {
    assert.equal((await req('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { v: '0' } })).status, 201);
    const early = srv.rv();
    const filler = 'y'.repeat(200 * 1024);
    const cm = srv.cluster.get('ConfigMap', 'default', 'big')!;
    for (let i = 1; i <= 30; i++) {
      cm.data = { v: `${i}${filler}` };
      srv.cluster.update(cm);
    }
    const r = await new Promise<string>((resolve) => {
      let text = '';
      const s = net.connect({ host: '127.0.0.1', port: Number(new URL(srv.address).port) }, () =>
        s.write(`GET ${CM}?watch=true&resourceVersion=${early} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`),
      );
      s.on('data', (d: Buffer) => {
        text += d.toString();
        if (/"type":"(ERROR|MODIFIED)"/.test(text)) {
          s.destroy();
          resolve(text);
        }
      });
      s.on('close', () => resolve(text));
    });
    assert.match(r, /"reason":"Expired"/, r.slice(0, 500));
  } finally {
    await srv.close();
  }
});

test('YAML bodies: JSON is parsed as JSON, an alias bomb is refused before it expands', async () => {
  const { srv, req } = await serveInProcess();
  try {
    // 1 MB anchored once, aliased 100 times: 100 MB once expanded.
    const big = 'z'.repeat(1024 * 1024);
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a: &a "${big}"\n${Array.from({ length: 100 }, (_, i) => `  k${i}: *a\n`).join('')}`;
    const t0 = Date.now();
    const r = await req('POST', CM, bomb, { 'Content-Type': 'application/yaml' });
    assert.equal(r.status, 400, r.text.slice(0, 300));
    assert.match(r.json.message, /excessive aliasing/);
    const applied = await req('PATCH', `${CM}/bomb?fieldManager=kubectl`, bomb, { 'Content-Type': 'application/apply-patch+yaml' });
    assert.equal(applied.status, 400, applied.text.slice(0, 300));
    assert.ok(Date.now() - t0 < 20_000, `refusing the bombs took ${Date.now() - t0} ms`);
    assert.equal(srv.cluster.get('ConfigMap', 'default', 'bomb'), undefined);
    // A few small aliases are fine, and JSON sent as apply-patch+yaml is read as JSON.
    const ok = await req('POST', CM, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fine}\ndata:\n  a: &a "1"\n  b: *a\n', {
      'Content-Type': 'application/yaml',
    });
    assert.equal(ok.status, 201, ok.text);
    const json = await req(
      'PATCH',
      `${CM}/fine?fieldManager=kubectl`,
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fine' }, data: { a: '1', b: '1', c: 'yes' } }),
      { 'Content-Type': 'application/apply-patch+yaml' },
    );
    assert.equal(json.status, 200, json.text);
    assert.equal(json.json.data.c, 'yes');
  } finally {
    await srv.close();
  }
});
