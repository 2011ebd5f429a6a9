// `kube-dorm serve --kubernetes-version` on an older minor serves the group-versions that minor
// has and 1.36 no longer does, where the kind's schema is the same as the served one
// (flowcontrol.apiserver.k8s.io/v1beta3 on 1.27–1.31): discovery lists them, and the real kubectl
// creates, reads, watches and deletes through them the same stored objects, each answer at the
// apiVersion asked. Kinds whose older schema differs stay unserved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, startServe } from './support';
import { flowSchema } from '../support/manifests';

const FLOW = flowSchema('flowcontrol.apiserver.k8s.io/v1beta3');
const GROUP = 'flowcontrol.apiserver.k8s.io';

test(
  'serve --kubernetes-version 1.28/1.29 serves flowcontrol v1beta3 (and 1.36 does not)',
  { skip: kubectlBinary('1.27') && kubectlBinary('1.32') ? false : 'kubectl.1.27/1.32 not installed', timeout: 180_000 },
  async () => {
    const [k27, k32] = [kubectlBinary('1.27')!, kubectlBinary('1.32')!];
    const s28 = await startServe(['--kubernetes-version', '1.28']);
    try {
      const run = (bin: string, args: string[], input?: string) => kubectl(bin, s28.kubeconfig, args, { input });
      const versions = await run(k27, ['api-versions']);
      assert.equal(versions.code, 0, versions.stderr);
      assert.match(versions.stdout, /^flowcontrol\.apiserver\.k8s\.io\/v1beta3$/m);
      assert.match(versions.stdout, /^flowcontrol\.apiserver\.k8s\.io\/v1beta2$/m); // FlowSchema only: its PriorityLevelConfiguration differs
      assert.doesNotMatch(versions.stdout, /^flowcontrol\.apiserver\.k8s\.io\/v1$/m); // from 1.29 on
      const group = JSON.parse((await run(k32, ['get', '--raw', `/apis/${GROUP}`])).stdout) as { preferredVersion: { version: string } };
      assert.equal(group.preferredVersion.version, 'v1beta3');
      for (const bin of [k27, k32]) {
        const apply = await run(bin, ['apply', '-f', '-'], FLOW);
        assert.equal(apply.code, 0, apply.stderr);
        assert.match(apply.stdout, /flowschema\.flowcontrol\.apiserver\.k8s\.io\/fs (created|unchanged)/);
      }
      const label = await run(k32, ['label', `flowschemas.v1beta3.${GROUP}`, 'fs', 'room=101']);
      assert.equal(label.code, 0, label.stderr);
      const yaml = await run(k27, ['get', `flowschemas.v1beta3.${GROUP}`, 'fs', '-o', 'yaml']);
      assert.equal(yaml.code, 0, yaml.stderr);
      assert.match(yaml.stdout, /^apiVersion: flowcontrol\.apiserver\.k8s\.io\/v1beta3$/m);
      assert.match(yaml.stdout, /^ {4}name: global-default$/m);
      assert.match(yaml.stdout, /^ {4}room: "101"$/m);
      // The same object through v1beta2, listed and watched.
      const old = await run(k32, ['get', `flowschemas.v1beta2.${GROUP}`, '-o', 'jsonpath={.items[*].apiVersion} {.items[*].metadata.name}']);
      assert.equal(old.stdout, `${GROUP}/v1beta2 fs`, old.stderr);
      const watch = await run(k32, ['get', '--raw', `/apis/${GROUP}/v1beta2/flowschemas?watch=1&timeoutSeconds=1`]);
      const event = JSON.parse(watch.stdout.split('\n')[0]) as { type: string; object: { apiVersion: string; metadata: { name: string } } };
      assert.deepEqual([event.type, event.object.apiVersion, event.object.metadata.name], ['ADDED', `${GROUP}/v1beta2`, 'fs']);
      const explain = await run(k32, ['explain', 'flowschemas.spec.priorityLevelConfiguration', `--api-version=${GROUP}/v1beta3`]);
      assert.match(explain.stdout, /^VERSION: {4}v1beta3$/m, explain.stderr);
      const plc = await run(k32, ['get', `prioritylevelconfigurations.v1beta2.${GROUP}`]);
      assert.notEqual(plc.code, 0);
      assert.match(plc.stderr, /the server doesn't have a resource type "prioritylevelconfigurations"/);
      const del = await run(k27, ['delete', `flowschemas.v1beta3.${GROUP}`, 'fs']);
      assert.equal(del.code, 0, del.stderr);
      const gone = await run(k32, ['get', `flowschemas.v1beta2.${GROUP}`, 'fs']);
      assert.match(gone.stderr, /flowschemas\.flowcontrol\.apiserver\.k8s\.io "fs" not found/);
    } finally {
      await s28.stop();
    }
    const s29 = await startServe(['--kubernetes-version', '1.29']);
    try {
      const versions = await kubectl(k32, s29.kubeconfig, ['api-versions']);
      assert.match(versions.stdout, /^flowcontrol\.apiserver\.k8s\.io\/v1\nflowcontrol\.apiserver\.k8s\.io\/v1beta3$/m);
      assert.doesNotMatch(versions.stdout, /^flowcontrol\.apiserver\.k8s\.io\/v1beta2$/m); // removed in 1.29
      const group = JSON.parse((await kubectl(k32, s29.kubeconfig, ['get', '--raw', `/apis/${GROUP}`])).stdout) as { preferredVersion: { version: string } };
      assert.equal(group.preferredVersion.version, 'v1');
      assert.equal((await kubectl(k32, s29.kubeconfig, ['apply', '-f', '-'], { input: FLOW })).code, 0);
      const v1 = await kubectl(k32, s29.kubeconfig, ['get', `flowschemas.v1.${GROUP}`, 'fs', '-o', 'jsonpath={.apiVersion}']);
      assert.equal(v1.stdout, `${GROUP}/v1`, v1.stderr);
    } finally {
      await s29.stop();
    }
    // The default target, 1.36, no longer serves v1beta3.
    const now = await startServe([]);
    try {
      const get = await kubectl(k32, now.kubeconfig, ['get', `flowschemas.v1beta3.${GROUP}`]);
      assert.notEqual(get.code, 0);
      assert.match(get.stderr, /the server doesn't have a resource type "flowschemas"/);
      const apply = await kubectl(k32, now.kubeconfig, ['apply', '-f', '-'], { input: FLOW });
      assert.notEqual(apply.code, 0);
      assert.match(apply.stderr, /no matches for kind "FlowSchema" in version "flowcontrol\.apiserver\.k8s\.io\/v1beta3"/);
    } finally {
      await now.stop();
    }
  },
);
