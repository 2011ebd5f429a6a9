// Connections under attack: tokenless sockets that never send cannot lock the real kubectl out,
// a request without the token is refused before its body is read, and silent or slow
// connections are closed (but a quiet watch is not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { kubectl, kubectlBinary } from '../kubectl/support';
import { openSilentSockets, serveInProcess, startServeProcess } from './serve-support';

const KUBECTL = kubectlBinary('default');

test('1,100 tokenless connections that never send do not lock the real kubectl out', { skip: !KUBECTL && 'kubectl is not installed' }, async () => {
  // 400 descriptors: without a cap the sockets alone exhaust them and kubectl's connection is refused.
  const served = await startServeProcess({ fdLimit: 400 });
  let sockets = new Set<net.Socket>();
  try {
    sockets = await openSilentSockets(served.port, 1100);
    const r = await kubectl(KUBECTL!, served.kubeconfig, ['get', 'nodes', '--request-timeout=20s'], { timeoutMs: 40_000 });
    assert.equal(r.code, 0, `kubectl get nodes failed: ${r.stderr}\nserve: ${served.output().slice(-2000)}`);
    assert.match(r.stdout, /node-1/);
    assert.ok(sockets.size <= 200, `the server kept ${sockets.size} silent connections open`);
  } finally {
    for (const s of sockets) s.destroy();
    await served.stop();
  }
});

/** Sends raw bytes on a new connection and collects what comes back until the server closes it. */
function raw(port: number, send: string, keepOpenMs: number): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    let text = '';
    const s = net.connect({ host: '127.0.0.1', port }, () => s.write(send));
    const timer = setTimeout(() => {
      s.destroy();
      resolve({ text, closedAfterMs: -1 });
    }, keepOpenMs);
    s.on('data', (d: Buffer) => (text += d.toString()));
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedAfterMs: Date.now() - t0 });
    });
  });
}

test('a request without the token gets 401 before its body is read', async () => {
  const { srv, url } = await serveInProcess();
  try {
    const port = Number(new URL(url).port);
    // Announces 3 MB and sends none of it: the 401 must not wait for the body.
    const r = await raw(
      port,
      'POST /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\n\r\n{',
      5000,
    );
    assert.match(r.text, /^HTTP\/1\.1 401/, r.text);
    assert.ok(r.closedAfterMs >= 0, 'the connection of a refused request is closed');
    // With the token, a body over the limit is refused from its Content-Length alone.
    const big = await raw(
      port,
      `POST /api/v1/namespaces/default/pods HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${(srv.opts as { token: string }).token}\r\nContent-Length: 99000000\r\n\r\n{`,
      5000,
    );
    assert.match(big.text, /^HTTP\/1\.1 413/, big.text);
  } finally {
    await srv.close();
  }
});

test('silent and slow connections are closed; a quiet watch stays open', async () => {
  const { srv, url, req } = await serveInProcess({ limits: { idleMs: 600, headersMs: 1000, requestMs: 1500 } });
  try {
    const port = Number(new URL(url).port);
    const silent = raw(port, '', 8000);
    // Slowloris: a header line every 300 ms, never the blank line that ends them.
    const slow = new Promise<number>((resolve) => {
      const t0 = Date.now();
      const s = net.connect({ host: '127.0.0.1', port }, () => s.write('GET /version HTTP/1.1\r\nHost: x\r\n'));
      const drip = setInterval(() => s.writable && s.write(`X-Drip-${Date.now()}: 1\r\n`), 300);
      const giveUp = setTimeout(() => s.destroy(), 10_000);
      s.on('error', () => undefined);
      s.on('close', () => {
        clearInterval(drip);
        clearTimeout(giveUp);
        resolve(Date.now() - t0);
      });
    });
    // A watch on a kind nothing changes: no byte flows after the headers, yet it must stay open.
    const watch = raw(
      port,
      `GET /api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${srv.rv()} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${(srv.opts as { token: string }).token}\r\n\r\n`,
      3000,
    );
    const [s1, s2, w] = await Promise.all([silent, slow, watch]);
    assert.ok(s1.closedAfterMs >= 0 && s1.closedAfterMs < 5000, `a silent connection stayed open (${s1.closedAfterMs} ms)`);
    assert.ok(s2 < 8000, `a slowloris connection stayed open ${s2} ms`);
    assert.equal(w.closedAfterMs, -1, 'a quiet watch was closed');
    assert.match(w.text, /^HTTP\/1\.1 200/);
    assert.equal((await req('GET', '/version')).status, 200);
  } finally {
    await srv.close();
  }
});
