// `npm run bench serve`: the API server's memory under 20 watches that never read. A 256 KB
// ConfigMap is updated N times; each update is a 256 KB watch event for each of the 20 watchers.
// With the default limits a watcher is dropped once 8 MiB wait unsent; `backlogBytes: Infinity`
// shows what keeping every non-reading watcher costs (how the server behaved before).
import * as net from 'node:net';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { createCluster } from '../core/cluster/index';
import { KubeApiServer } from '../core/apiserver/server';

const TOKEN = 'bench-token';
v8.setFlagsFromString('--expose-gc');
/** A full collection, so the figures are what is retained, not garbage waiting. */
const gc = vm.runInNewContext('gc') as () => void;
const MB = 1024 * 1024;

async function run(
  updates: number,
  backlogBytes: number | undefined,
): Promise<{ dropped: number; heapMb: number; externalMb: number; rssMb: number; ms: number }> {
  const c = createCluster({ nodes: 1 });
  c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'default' }, data: { v: '' } });
  const srv = new KubeApiServer(c, { token: TOKEN, ...(backlogBytes === undefined ? {} : { watchLimits: { backlogBytes } }) });
  const url = await srv.listen(0);
  const port = Number(new URL(url).port);
  const sockets: net.Socket[] = [];
  for (let i = 0; i < 20; i++) {
    const s = net.connect({ host: '127.0.0.1', port }, () =>
      s.write(`GET /api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${srv.rv()} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`),
    );
    s.pause();
    s.on('error', () => undefined);
    sockets.push(s);
  }
  while (srv.watches.count < 20) await new Promise((r) => setTimeout(r, 20));
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const cm = c.get('ConfigMap', 'default', 'big')!;
  const filler = 'x'.repeat(256 * 1024);
  for (let i = 0; i < updates; i++) {
    cm.data = { v: `${i}${filler}` };
    c.update(cm);
    await new Promise((r) => setImmediate(r));
  }
  const ms = performance.now() - t0;
  gc();
  const after = process.memoryUsage();
  const dropped = 20 - srv.watches.count;
  for (const s of sockets) s.destroy();
  await srv.close();
  return {
    dropped,
    heapMb: (after.heapUsed - before.heapUsed) / MB,
    externalMb: (after.external - before.external) / MB,
    rssMb: (after.rss - before.rss) / MB,
    ms,
  };
}

export async function benchServe(o: { quick: boolean }): Promise<void> {
  const updates = o.quick ? 40 : 80;
  process.stdout.write(`20 non-reading watches, ${updates} updates of a 256 KB ConfigMap (${((updates * 256) / 1024).toFixed(0)} MB per watcher)\n`);
  for (const [label, limit] of [
    ['default limits (drop past 8 MiB)', undefined],
    ['no limit (every watcher kept)', Infinity],
  ] as const) {
    const r = await run(updates, limit);
    process.stdout.write(
      `  ${label}: ${r.dropped}/20 dropped, heap +${r.heapMb.toFixed(0)} MB, external +${r.externalMb.toFixed(0)} MB, rss +${r.rssMb.toFixed(0)} MB, ${r.ms.toFixed(0)} ms\n`,
    );
  }
}
