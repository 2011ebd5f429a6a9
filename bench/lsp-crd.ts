// Edit → diagnostics latency in a workspace of 50 CRDs and 500 custom resources (issue 16's target:
// a custom resource's edit as fast as a built-in kind's, ±20%), over real JSON-RPC with our bundled
// server (dist/server.js). Measures, in the same workspace: an edit to a custom resource, an edit to
// a Deployment, and an edit to a CRD until a custom resource in another file is re-published.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileUri, startClient, type TestClient } from '../test/lsp/harness';
import { Workspace } from '../core/workspace/index';
import { lintWorkspaceFile } from '../core/lint-workspace';

const CRDS = 50;
const PER_CRD = 10;

const crd = (i: number, max = 10) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: things${i}.g${i}.example.com
spec:
  group: g${i}.example.com
  scope: Namespaced
  names: { plural: things${i}, kind: Thing${i} }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: { type: string, enum: [small, medium, large] }
                replicas: { type: integer, minimum: 1, maximum: ${max} }
                name: { type: string, pattern: '^[a-z0-9-]+$', maxLength: 30 }
                tags: { type: array, maxItems: 5, items: { type: string } }
                extra: { type: object, x-kubernetes-preserve-unknown-fields: true }
`;
const cr = (i: number, j: number, replicas: number) => `apiVersion: g${i}.example.com/v1
kind: Thing${i}
metadata:
  name: thing-${i}-${j}
spec:
  size: small
  replicas: ${replicas}
  name: thing-number-${j}
  tags: [a, b]
`;
const deployment = (j: number, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${j}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web-${j} }
  template:
    metadata:
      labels: { app: web-${j} }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { cpu: 200m, memory: 128Mi }
`;

function stats(xs: number[]): { p50: number; p95: number; mean: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

interface Target {
  uri: string;
  text: (k: number) => string;
  times: number[];
}

/** Times `n` edits of each target, interleaved (so load on the machine and background re-checks hit both alike): each change until the publish of that version. */
async function timeEdits(client: TestClient, targets: Target[], n: number, warmup: number): Promise<void> {
  for (const t of targets) {
    client.open(t.uri, t.text(0));
    await client.nextDiagnostics(t.uri, (_d, p) => p.version === 1);
  }
  for (let k = 1; k <= n + warmup; k++) {
    for (const t of targets) {
      const version = k + 1;
      const done = client.nextDiagnostics(t.uri, (_d, p) => p.version === version);
      const t0 = performance.now();
      client.change(t.uri, version, t.text(k));
      await done;
      if (k > warmup) t.times.push(performance.now() - t0);
    }
  }
  for (const t of targets) client.close(t.uri);
}

/** In-process, without transport or the machine's other load: median time to lint the edited file, custom resource vs Deployment. */
function coreLint(files: Map<string, string>, n: number): { custom: number; builtin: number } {
  const ws = new Workspace();
  for (const [uri, text] of files) ws.set(uri, text);
  const median = (uri: string, text: (k: number) => string) => {
    const xs: number[] = [];
    for (let k = 0; k < n; k++) {
      ws.set(uri, text(k));
      const t0 = performance.now();
      lintWorkspaceFile(ws, uri);
      xs.push(performance.now() - t0);
    }
    return stats(xs).p50;
  };
  const once = () => ({
    custom: median('file:///r/thing-7-3.yaml', (k) => cr(7, 3, k % 2 ? 20 : 3)),
    builtin: median('file:///r/web-3.yaml', (k) => deployment(3, k % 2 ? -1 : 3)),
  });
  once(); // warm-up
  return once();
}

export async function benchLspCrd(o: { quick?: boolean; log?: (s: string) => void } = {}): Promise<{ custom: number; builtin: number; ratio: number }> {
  const log = o.log ?? ((s: string) => process.stdout.write(s + '\n'));
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-bench-crd-'));
  mkdirSync(path.join(dir, 'crds'));
  mkdirSync(path.join(dir, 'resources'));
  for (let i = 0; i < CRDS; i++) {
    writeFileSync(path.join(dir, 'crds', `crd-${i}.yaml`), crd(i));
    for (let j = 0; j < PER_CRD; j++) writeFileSync(path.join(dir, 'resources', `thing-${i}-${j}.yaml`), cr(i, j, 1 + (j % 5)));
  }
  for (let j = 0; j < 20; j++) writeFileSync(path.join(dir, 'resources', `web-${j}.yaml`), deployment(j, 2));
  const n = o.quick ? 20 : 60;
  const files = new Map<string, string>();
  for (let i = 0; i < CRDS; i++) {
    files.set(`file:///c/crd-${i}.yaml`, crd(i));
    for (let j = 0; j < PER_CRD; j++) files.set(`file:///r/thing-${i}-${j}.yaml`, cr(i, j, 1 + (j % 5)));
  }
  for (let j = 0; j < 20; j++) files.set(`file:///r/web-${j}.yaml`, deployment(j, 2));
  const core = coreLint(files, o.quick ? 100 : 400);
  log(
    `  core lint of the edited file (in-process): custom resource p50 ${core.custom.toFixed(3)} ms, Deployment p50 ${core.builtin.toFixed(3)} ms → ratio ${(core.custom / core.builtin).toFixed(2)}`,
  );
  let client: TestClient | undefined;
  try {
    const t0 = performance.now();
    client = await startClient({ folder: dir, initializationOptions: { debounceMs: 0 } });
    log(`  workspace: ${CRDS} CRDs, ${CRDS * PER_CRD} custom resources, 20 Deployments; scanned and checked in ${(performance.now() - t0).toFixed(0)} ms`);
    // Alternate valid and invalid values, so every edit changes the verdict.
    const custom: Target = { uri: fileUri(path.join(dir, 'resources', 'thing-7-3.yaml')), text: (k) => cr(7, 3, k % 2 ? 20 : 3), times: [] };
    const builtin: Target = { uri: fileUri(path.join(dir, 'resources', 'web-3.yaml')), text: (k) => deployment(3, k % 2 ? -1 : 3), times: [] };
    await timeEdits(client, [custom, builtin], n, 5);
    const c = stats(custom.times);
    const b = stats(builtin.times);
    log(`  edit a custom resource → its diagnostics: p50 ${c.p50.toFixed(1)} ms  p95 ${c.p95.toFixed(1)} ms  (n=${n})`);
    log(`  edit a Deployment       → its diagnostics: p50 ${b.p50.toFixed(1)} ms  p95 ${b.p95.toFixed(1)} ms  (n=${n})`);
    // Cross-file: tighten a CRD's maximum until one of its custom resources (replicas 5) is flagged, then relax it.
    const crdUri = fileUri(path.join(dir, 'crds', 'crd-11.yaml'));
    const target = fileUri(path.join(dir, 'resources', 'thing-11-4.yaml'));
    client.open(crdUri, crd(11));
    const cross: number[] = [];
    for (let k = 1; k <= (o.quick ? 5 : 15); k++) {
      const tight = k % 2 === 1;
      const flagged = client.nextDiagnostics(target, (d) => d.some((x) => x.code === 'schema-constraint') === tight);
      const t1 = performance.now();
      client.change(crdUri, k + 1, crd(11, tight ? 3 : 10));
      await flagged;
      cross.push(performance.now() - t1);
    }
    const x = stats(cross);
    log(
      `  edit a CRD → a custom resource in another file re-checked: p50 ${x.p50.toFixed(1)} ms  p95 ${x.p95.toFixed(1)} ms  (n=${cross.length}; the background re-check of the workspace)`,
    );
    const ratio = c.p50 / b.p50;
    log(
      `  custom / built-in p50 ratio ${ratio.toFixed(2)} (target 0.8–1.2: ${ratio >= 0.8 && ratio <= 1.2 ? 'met' : ratio < 0.8 ? 'faster than built-in' : 'NOT met'})`,
    );
    return { custom: c.p50, builtin: b.p50, ratio };
  } finally {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
