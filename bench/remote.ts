// `npm run bench remote`: a real-cluster client against the served cluster. First view of N pods
// (list through the informers, then the panel's view-model from their caches), and the requests
// made while idle with every watch open (the issue's budget: none beyond the open watches).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Faults } from '../core/apiserver/faults';
import { KubeApiServer } from '../core/apiserver/server';
import { applyFiles, createCluster } from '../core/cluster/index';
import { RemoteCluster } from '../core/remote/cluster';
import { connect } from '../core/remote/connect';
import { benchRemotePanel, deployment } from './remote-panel';

async function run(pods: number, idleMs: number): Promise<void> {
  const c = createCluster({ nodes: Math.ceil(pods / 100) + 1, maxEvents: 10_000 });
  applyFiles(c, [{ uri: 'file:///web.yaml', text: deployment(pods) }]);
  c.advanceUntil(() => c.list('Pod').filter((p) => p.status?.phase === 'Running').length >= pods, 600_000);
  const faults = new Faults();
  const srv = new KubeApiServer(c, { token: 'bench', faults });
  await srv.listen(0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-bench-remote-'));
  fs.writeFileSync(path.join(dir, 'kubeconfig'), srv.kubeconfig());
  const t0 = performance.now();
  const { client } = await connect({ explicit: path.join(dir, 'kubeconfig') });
  const settledAt = new Map<string, number>();
  const rc: RemoteCluster = new RemoteCluster(client, {
    onChange: () => {
      for (const i of rc.informers) if (i.settled && !settledAt.has(i.spec.kind)) settledAt.set(i.spec.kind, performance.now() - t0);
    },
  });
  rc.start();
  await rc.synced();
  const listed = performance.now() - t0;
  const state = rc.state();
  const viewed = performance.now() - t0;
  while (!rc.informers.every((i) => i.state === 'live')) await new Promise((r) => setTimeout(r, 10));
  const before = faults.requests;
  await new Promise((r) => setTimeout(r, idleMs));
  const idle = faults.requests - before;
  process.stdout.write(
    `${pods} pods: listed in ${listed.toFixed(0)} ms, view-model (${state.pods.length} rooms) at ${viewed.toFixed(0)} ms; ` +
      `${before} requests to come up (${rc.informers.length} lists + ${rc.informers.length} watches); idle ${idleMs / 1000} s: ${idle} requests\n` +
      `  listed by (ms): ${[...settledAt].map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join(', ')}\n`,
  );
  rc.stop();
  await srv.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function benchRemote(o: { quick: boolean }): Promise<void> {
  await run(o.quick ? 500 : 1000, o.quick ? 3000 : 60_000);
  if (!o.quick) await run(5000, 3000);
  await benchRemotePanel(o);
}
