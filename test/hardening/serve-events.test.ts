// Event watches under load: each engine event is folded once and sent as one Event, however long
// the log (the old code re-folded the whole log per event per watcher), and Events expire after
// an hour of virtual time and are bounded in number, as the API server keeps them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { serveInProcess, TOKEN } from './serve-support';

const POD = { kind: 'Pod', metadata: { name: 'noisy', namespace: 'default' } };

test('20 event watches and a 5,000-event log: 100 new events reach every watcher at once', { timeout: 120_000 }, async () => {
  const { c, srv, url, req } = await serveInProcess();
  const sockets: net.Socket[] = [];
  try {
    for (let i = 0; i < 5_000; i++) c.recordEvent(POD, 'Normal', 'Pulled', { image: `image-${i}`, present: true }, `image ${i} pulled`, 'kubelet/node-1');
    const port = Number(new URL(url).port);
    const texts: string[] = [];
    const lines = () => texts.map((t) => t.split('{"type":"').length - 1);
    for (let i = 0; i < 20; i++) {
      texts.push('');
      const s = net.connect({ host: '127.0.0.1', port }, () =>
        s.write(`GET /api/v1/namespaces/default/events?watch=true&resourceVersion=${srv.rv()} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`),
      );
      s.on('data', (d: Buffer) => (texts[i] += d.toString()));
      s.on('error', () => undefined);
      sockets.push(s);
    }
    for (let waited = 0; texts.some((t) => !t.startsWith('HTTP/1.1 200')) && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    for (let i = 0; i < 100; i++)
      c.recordEvent(POD, 'Warning', 'BackOff', { container: `c${i % 20}` }, `Back-off restarting failed container ${i % 20}`, 'kubelet/node-1');
    const took = Date.now() - t0;
    for (let waited = 0; lines().some((n) => n < 100) && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(new Set(lines()), new Set([100]), 'every watcher gets each of the 100 events once');
    assert.ok(took < 3000, `recording 100 events with 20 watches took ${took} ms`);
    // Repeats fold into one Event with a count, as kubectl shows them.
    const list = await req('GET', '/api/v1/namespaces/default/events?fieldSelector=reason=BackOff');
    assert.equal(list.json.items.length, 20);
    assert.deepEqual(new Set(list.json.items.map((e: { count: number }) => e.count)), new Set([5]));
  } finally {
    for (const s of sockets) s.destroy();
    await srv.close();
  }
});

test('Events expire an hour after they were last seen and are bounded in number', async () => {
  const { c, srv, req } = await serveInProcess();
  try {
    c.recordEvent(POD, 'Normal', 'NodeReady', {}, 'seen once, long ago');
    c.advance(30 * 60_000);
    c.recordEvent(POD, 'Normal', 'RegisteredNode', {}, 'seen half an hour later');
    c.advance(31 * 60_000);
    const reasons = (await req('GET', '/api/v1/namespaces/default/events')).json.items.map((e: { reason: string }) => e.reason);
    assert.ok(!reasons.includes('NodeReady'), 'an Event last seen over an hour ago is gone');
    assert.ok(reasons.includes('RegisteredNode'));
    for (let i = 0; i < 30_000; i++) c.recordEvent(POD, 'Normal', 'Completed', {}, `distinct message ${i}`);
    assert.ok(srv.events.size <= 12_500, `${srv.events.size} folded Events kept`);
    const flood = (await req('GET', '/api/v1/namespaces/default/events?fieldSelector=reason=Completed')).json.items;
    assert.equal(flood.length, 10_000);
    assert.equal(flood[flood.length - 1].message, 'distinct message 29999', 'the most recent are kept');
  } finally {
    await srv.close();
  }
});
