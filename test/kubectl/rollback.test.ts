// Rollback and change-cause through the real kubectl against `kube-dorm serve`, as a cluster does
// them: `rollout undo` patches the Deployment's template back (a JSON patch whose template carries
// `metadata.creationTimestamp: null`), and the Deployment controller must recognise the old
// ReplicaSet by its template, scale it back up and give it the next revision, so the history reads
// 1, 3, 4 after two `set image` and an undo. `kubernetes.io/change-cause` on the Deployment is
// copied to its new ReplicaSet and read back by `rollout history`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, startServe, type Run } from './support';

function ok(r: Run, what: string): string {
  assert.equal(r.code, 0, `${what} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

interface RsRow {
  name: string;
  image: string;
  replicas: number;
  revision: number;
  cause?: string;
}

async function session(version: string, body: (kk: (...args: string[]) => Promise<string>) => Promise<void>): Promise<void> {
  const bin = kubectlBinary(version)!;
  const srv = await startServe(['--speed', '20', '--nodes', '3']);
  const kk = async (...args: string[]) => ok(await kubectl(bin, srv.kubeconfig, args), `kubectl ${args.join(' ')}`);
  try {
    await body(kk);
  } finally {
    await srv.stop();
  }
}

async function replicaSets(kk: (...args: string[]) => Promise<string>): Promise<RsRow[]> {
  const list = JSON.parse(await kk('get', 'rs', '-l', 'app=web', '-o', 'json'));
  return list.items
    .map((rs: any) => ({
      name: rs.metadata.name,
      image: rs.spec.template.spec.containers[0].image,
      replicas: rs.spec.replicas,
      revision: Number(rs.metadata.annotations['deployment.kubernetes.io/revision']),
      cause: rs.metadata.annotations['kubernetes.io/change-cause'],
    }))
    .sort((a: RsRow, b: RsRow) => a.revision - b.revision);
}

/** The history table's rows as [revision, change-cause]. */
async function history(kk: (...args: string[]) => Promise<string>): Promise<string[][]> {
  const out = await kk('rollout', 'history', 'deployment/web');
  const lines = out.trim().split('\n');
  const header = lines.findIndex((l) => /^REVISION\s+CHANGE-CAUSE$/.test(l));
  assert.ok(header >= 0, out);
  return lines.slice(header + 1).map((l) => {
    const m = /^(\d+)\s+(.*)$/.exec(l)!;
    return [m[1], m[2].trim()];
  });
}

async function setImageTwiceThenUndo(version: string): Promise<void> {
  await session(version, async (kk) => {
    await kk('create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    await kk('set', 'image', 'deployment/web', 'nginx=nginx:1.26');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    await kk('set', 'image', 'deployment/web', 'nginx=nginx:1.27');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    const before = await replicaSets(kk);
    assert.deepEqual(
      before.map((r) => [r.revision, r.image, r.replicas]),
      [
        [1, 'nginx:1.25', 0],
        [2, 'nginx:1.26', 0],
        [3, 'nginx:1.27', 2],
      ],
    );
    assert.deepEqual(
      (await history(kk)).map((r) => r[0]),
      ['1', '2', '3'],
    );

    assert.equal((await kk('rollout', 'undo', 'deployment/web')).trim(), 'deployment.apps/web rolled back');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    assert.equal(await kk('get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.26');
    // The revision-2 ReplicaSet is scaled back up and renumbered 4; no new ReplicaSet appears.
    const after = await replicaSets(kk);
    assert.deepEqual(
      after.map((r) => [r.name, r.revision, r.image, r.replicas]),
      [
        [before[0].name, 1, 'nginx:1.25', 0],
        [before[2].name, 3, 'nginx:1.27', 0],
        [before[1].name, 4, 'nginx:1.26', 2],
      ],
    );
    assert.deepEqual(
      (await history(kk)).map((r) => r[0]),
      ['1', '3', '4'],
    );
    assert.equal(await kk('get', 'deployment', 'web', '-o', "jsonpath={.metadata.annotations['deployment\\.kubernetes\\.io/revision']}"), '4');
    // Undo once more: back to revision 3's template, which becomes revision 5.
    await kk('rollout', 'undo', 'deployment/web');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    assert.deepEqual(
      (await replicaSets(kk)).map((r) => [r.name, r.revision, r.replicas]),
      [
        [before[0].name, 1, 0],
        [before[1].name, 4, 0],
        [before[2].name, 5, 2],
      ],
    );
  });
}

for (const version of ['1.32', '1.27']) {
  test(`kubectl ${version}: set image twice, then rollout undo scales the old ReplicaSet back up as revision 4`, { skip: !kubectlBinary(version) }, () =>
    setImageTwiceThenUndo(version),
  );
}

test('kubectl 1.32: kubernetes.io/change-cause reaches the ReplicaSets and rollout history, and undo brings it back', { skip: !kubectlBinary('1.32') }, () =>
  session('1.32', async (kk) => {
    await kk('create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    await kk('annotate', 'deployment/web', 'kubernetes.io/change-cause=first release');
    await kk('set', 'image', 'deployment/web', 'nginx=nginx:1.26');
    await kk('annotate', '--overwrite', 'deployment/web', 'kubernetes.io/change-cause=image updated to 1.26');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    assert.deepEqual(await history(kk), [
      ['1', 'first release'],
      ['2', 'image updated to 1.26'],
    ]);
    const rs = await replicaSets(kk);
    assert.deepEqual(
      rs.map((r) => r.cause),
      ['first release', 'image updated to 1.26'],
    );
    // kubectl copies the target ReplicaSet's annotations back onto the Deployment.
    await kk('rollout', 'undo', 'deployment/web');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    assert.deepEqual(await history(kk), [
      ['2', 'image updated to 1.26'],
      ['3', 'first release'],
    ]);
    assert.equal(await kk('get', 'deployment', 'web', '-o', "jsonpath={.metadata.annotations['kubernetes\\.io/change-cause']}"), 'first release');
  }),
);

test('kubectl 1.27: set image --record writes the command as the change-cause', { skip: !kubectlBinary('1.27') }, () =>
  session('1.27', async (kk) => {
    await kk('create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=1');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    await kk('set', 'image', 'deployment/web', 'nginx=nginx:1.26', '--record');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    const h = await history(kk);
    assert.deepEqual(
      h.map((r) => r[0]),
      ['1', '2'],
    );
    assert.equal(h[0][1], '<none>');
    assert.match(h[1][1], /^kubectl\S* set image deployment\/web nginx=nginx:1\.26 .*--record=true$/);
  }),
);
