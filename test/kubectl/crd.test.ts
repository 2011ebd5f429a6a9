// CRDs through `kube-dorm serve` with the real kubectl 1.32 and 1.27: applying a CRD serves its kind
// (discovery), custom resources are stored, listed with the CRD's printer columns, watched, refused
// when they break the schema (the API server's wording), and `kubectl explain` reads the CRD's schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { kubectl, kubectlBinary, kubectlUntil, startServe } from './support';

const CRDS = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'crd', 'crds.yaml'), 'utf8');
const widget = (name: string, spec: string) => `apiVersion: dorm.example.com/v1\nkind: Widget\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

for (const version of ['1.32', '1.27'])
  test(
    `kubectl ${version} applies a CRD, then creates, lists (printer columns), watches, validates and explains its custom resources`,
    { skip: kubectlBinary(version) ? false : `kubectl.${version} not installed`, timeout: 180_000 },
    async () => {
      const bin = kubectlBinary(version)!;
      const srv = await startServe(['--speed', '1']);
      const k = (args: string[], input?: string) => kubectl(bin, srv.kubeconfig, args, input === undefined ? {} : { input });
      try {
        const crd = await k(['apply', '-f', '-'], CRDS);
        assert.equal(crd.code, 0, crd.stderr);
        assert.match(crd.stdout, /customresourcedefinition\.apiextensions\.k8s\.io\/widgets\.dorm\.example\.com created/);

        const established = await k(['wait', '--for', 'condition=established', '--timeout', '20s', 'crd/widgets.dorm.example.com']);
        assert.equal(established.code, 0, established.stderr);
        assert.match(established.stdout, /condition met/);

        const created = await k(['apply', '-f', '-'], widget('desk', '  size: small\n  replicas: 3\n'));
        assert.equal(created.code, 0, created.stderr);
        assert.match(created.stdout, /widget\.dorm\.example\.com\/desk created/);

        const got = await k(['get', 'widgets']);
        assert.equal(got.code, 0, got.stderr);
        const [head, row] = got.stdout.trim().split('\n');
        assert.match(head, /^NAME\s+SIZE\s+REPLICAS\s+AGE$/);
        assert.match(row, /^desk\s+small\s+3\s+\d+s$/);
        const short = await k(['get', 'wg', 'desk', '-o', 'jsonpath={.spec.size}']);
        assert.equal(short.stdout, 'small', short.stderr);

        const bad = await k(['apply', '-f', '-'], widget('bed', '  size: huge\n  replicas: 20\n'));
        assert.notEqual(bad.code, 0);
        assert.match(bad.stderr, /spec\.replicas: Invalid value: 20: spec\.replicas in body should be less than or equal to 10/);
        assert.match(bad.stderr, /spec\.size: Unsupported value: "huge": supported values: "small", "medium", "large"/);
        assert.equal((await k(['get', 'widget', 'bed'])).code, 1, 'not stored');

        const watched = kubectlUntil(bin, srv.kubeconfig, ['get', 'widgets', '--watch', '--no-headers'], (out) => /chair/.test(out));
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal((await k(['apply', '-f', '-'], widget('chair', '  size: large\n'))).code, 0);
        assert.match(await watched, /chair\s+large/);

        const explain = await k(['explain', 'widget.spec']);
        assert.equal(explain.code, 0, explain.stderr);
        assert.match(explain.stdout, /What the widget should be\./);
        assert.match(explain.stdout, /replicas\s+<integer>/);
        assert.match(explain.stdout, /How many copies of the widget the room gets\./);
        assert.match(explain.stdout, /size\s+<string> -required-/);

        // A cluster-scoped kind (Gadget, scope: Cluster) is stored without a namespace; no printer columns: Name and Age.
        const gadget = await k(['apply', '-f', '-'], 'apiVersion: dorm.example.com/v1alpha1\nkind: Gadget\nmetadata:\n  name: lamp\nspec:\n  power: 40\n');
        assert.equal(gadget.code, 0, gadget.stderr);
        const gadgets = await k(['get', 'gadgets']);
        assert.match(gadgets.stdout, /^NAME\s+AGE\nlamp\s+\d+s\n$/, gadgets.stderr);
        const one = await k(['get', 'gadget', 'lamp', '-o', 'jsonpath={.metadata.name}/{.metadata.namespace}']);
        assert.equal(one.code, 0, one.stderr);
        assert.equal(one.stdout, 'lamp/');

        const del = await k(['delete', 'widget', 'desk']);
        assert.equal(del.code, 0, del.stderr);
        assert.doesNotMatch((await k(['get', 'widgets', '--no-headers'])).stdout, /desk/);
      } finally {
        await srv.stop();
      }
    },
  );
