// Huge replica counts (issue 20, item 7): `kubectl scale --replicas=2147483647` used to make the
// ReplicaSet controller create two billion pods in one sync — the server stopped answering and its
// memory grew until it died. Now pods come in batches of 500 (the real controller's burstReplicas)
// a second of virtual time apart, the simulator holds at most 10,000 pods (the ReplicaSet then says
// why in its ReplicaFailure condition), and kubectl keeps getting answers throughout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BURST_REPLICAS, MAX_SIMULATED_PODS } from '../../core/cluster/controllers/replicaset';
import { applyFiles, createCluster } from '../../core/cluster/index';
import { kubectl, kubectlBinary, kubectlUntil } from '../kubectl/support';
import { DEPLOY, startServeProcess } from './serve-support';

const KUBECTL = kubectlBinary('default');
const MAX_INT32 = 2147483647;

test(
  'kubectl scale --replicas=2147483647: the server keeps answering, pods grow in batches up to the cap',
  { skip: !KUBECTL && 'kubectl is not installed' },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-replicas-'));
    fs.writeFileSync(path.join(dir, 'web.yaml'), DEPLOY);
    const served = await startServeProcess({ args: [dir, '--speed', '4'], startTimeoutMs: 30_000 });
    const k = (...args: string[]) => kubectl(KUBECTL!, served.kubeconfig, args, { timeoutMs: 20_000 });
    try {
      // The ReplicaSet's pod count, watched while it grows: always 2 (the pods before) plus whole batches.
      const watched = kubectlUntil(
        KUBECTL!,
        served.kubeconfig,
        ['get', 'replicasets', '-l', 'app=web', '-w', '-o', 'jsonpath={.status.replicas}{"\\n"}'],
        (out) => out.split('\n').includes(String(MAX_SIMULATED_PODS)),
        120_000,
      );
      await new Promise((r) => setTimeout(r, 1000));
      const scaled = await k('scale', 'deployment', 'web', `--replicas=${MAX_INT32}`);
      assert.equal(scaled.code, 0, scaled.stderr);
      const get = await k('get', 'deployment', 'web');
      assert.equal(get.code, 0, get.stderr);
      assert.match(get.stdout, new RegExp(`web\\s+\\d+/${MAX_INT32}\\s`));
      const seen = [...new Set((await watched).split('\n').filter(Boolean).map(Number))];
      assert.equal(seen.at(-1), MAX_SIMULATED_PODS, `counts seen: ${seen.join(', ')}`);
      for (const n of seen.slice(0, -1)) assert.equal((n - 2) % BURST_REPLICAS, 0, `not a whole batch: ${n} (seen ${seen.join(', ')})`);
      assert.ok(seen.filter((n) => n > 2 && n < MAX_SIMULATED_PODS).length >= 5, `the count grew step by step: ${seen.join(', ')}`);
      const cond = await k(
        'get',
        'replicasets',
        '-l',
        'app=web',
        '-o',
        'jsonpath={.items[0].status.conditions[0].reason}: {.items[0].status.conditions[0].message}',
      );
      assert.match(
        cond.stdout,
        new RegExp(`^FailedCreate: pods "web-[a-z0-9]+-" is forbidden: the simulated cluster holds at most ${MAX_SIMULATED_PODS} pods$`),
      );
      // Still answering, and a scale back down is carried out.
      assert.equal((await k('get', 'deployments')).code, 0);
      assert.equal((await k('scale', 'deployment', 'web', '--replicas=2')).code, 0);
      const back = await k('get', 'replicasets', '-l', 'app=web', '-o', 'jsonpath={.items[0].spec.replicas}');
      assert.equal(back.stdout, '2');
    } finally {
      await served.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('engine: a Deployment created with 2147483647 replicas gets 500 pods per second of virtual time, at most 10,000', () => {
  const c = createCluster({ nodes: 2 });
  applyFiles(c, [{ uri: 'file:///big.yaml', text: DEPLOY.replace('replicas: 2', `replicas: ${MAX_INT32}`) }]);
  const counts: number[] = [];
  for (let s = 0; s < 22; s++) {
    counts.push(c.store.count('Pod'));
    c.advance(1000);
  }
  assert.deepEqual(counts.slice(0, 4), [500, 1000, 1500, 2000]);
  assert.equal(counts.at(-1), MAX_SIMULATED_PODS);
  // Other workloads still run (the cap is reached, so the newcomer's pods are refused and it says so).
  applyFiles(c, [{ uri: 'file:///other.yaml', text: DEPLOY.replace(/web/g, 'other') }]);
  c.advance(5000);
  const rs = c.list('ReplicaSet').find((r) => r.metadata.name.startsWith('other-'))!;
  assert.equal(rs.status.conditions?.[0]?.type, 'ReplicaFailure');
});
