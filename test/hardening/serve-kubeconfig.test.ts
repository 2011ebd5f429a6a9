// The kubeconfig `kube-dorm serve` writes: a planted symlink is refused (never followed), a folder
// others may write to is refused, the default location is a fresh private folder (not a
// predictable /tmp/kube-dorm-<pid>), and a kubeconfig the real kubectl rewrote keeps the
// learner's other contexts when serve starts again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runServe, type ServeIO } from '../../cli/serve';
import { kubectl, kubectlBinary } from '../kubectl/support';

const KUBECTL = kubectlBinary('default');
const POSIX = process.platform !== 'win32';

/** Runs serve in-process; `whileServing` runs once it listens, then serve is stopped. */
async function serve(args: string[], whileServing: (info: { kubeconfig: string }) => Promise<void> = async () => undefined) {
  let out = '';
  let err = '';
  let stop!: () => void;
  let failure: Error | undefined;
  const io: ServeIO = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: { LANG: 'en_US.UTF-8' },
    stopSignal: new Promise<void>((r) => (stop = r)),
    onReady: (info) => {
      whileServing(info).then(stop, (e) => {
        failure = e instanceof Error ? e : new Error(String(e));
        stop();
      });
    },
  };
  const code = await runServe(['--port', '0', '--nodes', '1', ...args], io);
  if (failure) throw failure;
  return { code, out, err };
}

test('a symlink planted at the kubeconfig path is refused, never followed', { skip: !POSIX && 'POSIX only' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-kc-'));
  try {
    // The victim looks like one of ours, so only the symlink check stands between it and serve.
    const victim = path.join(dir, 'victim');
    const victimText =
      'apiVersion: v1\nkind: Config\nclusters:\n- name: kube-dorm\n  cluster: {server: "https://127.0.0.1:1"}\ncontexts:\n- name: kube-dorm\n  context: {cluster: kube-dorm, user: kube-dorm-learner}\ncurrent-context: kube-dorm\n';
    fs.writeFileSync(victim, victimText);
    fs.symlinkSync(victim, path.join(dir, 'kubeconfig'));
    const r = await serve(['--kubeconfig', path.join(dir, 'kubeconfig')]);
    assert.equal(r.code, 2, r.out + r.err);
    assert.equal(fs.readFileSync(victim, 'utf8'), victimText, 'the symlink target was overwritten');
    // A dangling symlink would otherwise create its target.
    fs.symlinkSync(path.join(dir, 'created-through-link'), path.join(dir, 'dangling'));
    assert.equal((await serve(['--kubeconfig', path.join(dir, 'dangling')])).code, 2);
    assert.ok(!fs.existsSync(path.join(dir, 'created-through-link')), 'a dangling symlink was followed');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder others may write to is refused; the default kubeconfig lives in a fresh private folder', { skip: !POSIX && 'POSIX only' }, async () => {
  const open = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-kc-open-'));
  try {
    fs.chmodSync(open, 0o777);
    const r = await serve(['--kubeconfig', path.join(open, 'kubeconfig')]);
    assert.equal(r.code, 2, r.out);
    assert.match(r.err, /cannot be kept private/);
    assert.ok(!fs.existsSync(path.join(open, 'kubeconfig')));
  } finally {
    fs.rmSync(open, { recursive: true, force: true });
  }
  let seen = '';
  const r = await serve([], async ({ kubeconfig }) => {
    seen = kubeconfig;
    const dir = fs.statSync(path.dirname(kubeconfig));
    assert.equal(dir.mode & 0o777, 0o700);
    assert.equal(fs.statSync(kubeconfig).mode & 0o777, 0o600);
  });
  assert.equal(r.code, 0, r.err);
  assert.notEqual(path.basename(path.dirname(seen)), `kube-dorm-${process.pid}`, 'the default folder name is predictable');
  assert.ok(!fs.existsSync(path.dirname(seen)), 'the default folder is removed on stop');
});

test(
  'a kubeconfig the real kubectl rewrote keeps the learner’s other contexts when serve starts again',
  { skip: !KUBECTL && 'kubectl is not installed' },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-kc-merge-'));
    const kc = path.join(dir, 'kubeconfig');
    try {
      assert.equal((await serve(['--kubeconfig', kc])).code, 0);
      for (const args of [
        ['config', 'set-cluster', 'staging', '--server=https://staging.example.invalid:6443'],
        ['config', 'set-credentials', 'me', '--token=abc'],
        ['config', 'set-context', 'staging', '--cluster=staging', '--user=me'],
        ['config', 'set-context', 'kube-dorm', '--namespace=lab'],
      ]) {
        const r = await kubectl(KUBECTL!, kc, args);
        assert.equal(r.code, 0, r.stderr);
      }
      const again = await serve(['--kubeconfig', kc], async () => {
        const ctxs = await kubectl(KUBECTL!, kc, ['config', 'get-contexts', '-o', 'name']);
        assert.deepEqual(ctxs.stdout.trim().split('\n').sort(), ['kube-dorm', 'staging']);
        const ns = await kubectl(KUBECTL!, kc, ['config', 'view', '--minify', '-o', 'jsonpath={.contexts[0].context.namespace}']);
        assert.equal(ns.stdout, 'lab', 'the namespace chosen for kube-dorm is kept');
        const nodes = await kubectl(KUBECTL!, kc, ['get', 'nodes', '-o', 'name']);
        assert.equal(nodes.code, 0, nodes.stderr);
        assert.match(nodes.stdout, /node\/node-1/);
      });
      assert.equal(again.code, 0, again.err);
      assert.equal(fs.statSync(kc).mode & 0o777, 0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
