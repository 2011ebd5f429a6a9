// The extension's kubectl bridge (extension/src/kubectl/terminal.ts, under the fake `vscode`):
// its kubeconfig is private, a context the learner adds with the real kubectl survives the panel
// switching to a new cluster, and a storage folder others may write to stops it from serving.
import { fake } from '../support/fake-vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCluster } from '../../core/cluster/index';
import type { Cluster } from '../../core/cluster/cluster';
import { kubectl, kubectlBinary } from '../kubectl/support';

/* eslint-disable @typescript-eslint/no-require-imports */
const { KubectlBridge } = require('../../extension/src/kubectl/terminal') as typeof import('../../extension/src/kubectl/terminal');
/* eslint-enable @typescript-eslint/no-require-imports */

const KUBECTL = kubectlBinary('default');
const POSIX = process.platform !== 'win32';
void fake;

test(
  'the bridge keeps the learner’s contexts across a cluster switch and refuses a shared folder',
  { skip: (!KUBECTL && 'kubectl is not installed') || (!POSIX && 'POSIX only') },
  async () => {
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-bridge-'));
    let cluster: Cluster = createCluster({ nodes: 1 });
    const bridge = new KubectlBridge({ cluster: () => cluster }, storage);
    try {
      assert.equal(await bridge.ensure(), true);
      const kc = bridge.kubeconfigPath;
      assert.equal(fs.statSync(kc).mode & 0o777, 0o600);
      assert.equal((await kubectl(KUBECTL!, kc, ['config', 'set-context', 'mine', '--cluster=kube-dorm', '--namespace=lab'])).code, 0);
      cluster = createCluster({ nodes: 2 });
      assert.equal(await bridge.ensure(), true);
      const ctxs = await kubectl(KUBECTL!, kc, ['config', 'get-contexts', '-o', 'name']);
      assert.deepEqual(ctxs.stdout.trim().split('\n').sort(), ['kube-dorm', 'mine']);
      const nodes = await kubectl(KUBECTL!, kc, ['get', 'nodes', '-o', 'name']);
      assert.equal(nodes.code, 0, nodes.stderr);
      assert.equal(nodes.stdout.trim().split('\n').length, 2, 'kubectl reaches the new cluster');
    } finally {
      bridge.dispose();
    }
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-bridge-shared-'));
    fs.chmodSync(shared, 0o777);
    const refused = new KubectlBridge({ cluster: () => cluster }, shared);
    try {
      assert.equal(await refused.ensure(), false);
      assert.match(refused.refusal ?? '', /others may write/);
      assert.ok(!fs.existsSync(refused.kubeconfigPath));
    } finally {
      refused.dispose();
      fs.rmSync(storage, { recursive: true, force: true });
      fs.rmSync(shared, { recursive: true, force: true });
    }
  },
);
