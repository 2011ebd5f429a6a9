// `kube-dorm serve` with the real kubectl: a FIFO named *.yaml in a served folder is skipped
// (reading it would block the server before it listens), and the namespaces the API server keeps
// for ever cannot be deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { kubectl, kubectlBinary } from '../kubectl/support';
import { DEPLOY, startServeProcess } from './serve-support';

const KUBECTL = kubectlBinary('default');

test(
  'a FIFO in a served folder is skipped; default and kube-system cannot be deleted',
  { skip: (!KUBECTL && 'kubectl is not installed') || (process.platform === 'win32' && 'no FIFOs') },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-fifo-'));
    fs.writeFileSync(path.join(dir, 'web.yaml'), DEPLOY);
    execFileSync('mkfifo', [path.join(dir, 'aaa-blocking.yaml')]);
    const served = await startServeProcess({ args: [dir], startTimeoutMs: 30_000 });
    try {
      const deploys = await kubectl(KUBECTL!, served.kubeconfig, ['get', 'deployments']);
      assert.equal(deploys.code, 0, deploys.stderr);
      assert.match(deploys.stdout, /^web\s/m);
      for (const ns of ['default', 'kube-system']) {
        const r = await kubectl(KUBECTL!, served.kubeconfig, ['delete', 'namespace', ns]);
        assert.notEqual(r.code, 0, `deleting ${ns} succeeded: ${r.stdout}`);
        assert.match(r.stderr, new RegExp(`Error from server \\(Forbidden\\): namespaces "${ns}" is forbidden: this namespace may not be deleted`));
      }
      const nss = await kubectl(KUBECTL!, served.kubeconfig, ['get', 'namespaces', '-o', 'name']);
      assert.match(nss.stdout, /namespace\/default/);
      assert.match(nss.stdout, /namespace\/kube-system/);
      assert.match(
        (await kubectl(KUBECTL!, served.kubeconfig, ['get', 'deployment', 'web', '-o', 'name'])).stdout,
        /web/,
        'the contents of default are still there',
      );
      // Other namespaces still can be deleted.
      assert.equal((await kubectl(KUBECTL!, served.kubeconfig, ['create', 'namespace', 'scratch'])).code, 0);
      assert.equal((await kubectl(KUBECTL!, served.kubeconfig, ['delete', 'namespace', 'scratch'])).code, 0);
    } finally {
      await served.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
