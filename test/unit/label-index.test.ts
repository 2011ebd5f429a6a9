// The cross-resource selector rules look pods up by label instead of comparing every workload with
// every other. Two things matter: the look-up never misses a pod the rule's own matcher would pick
// (a random-world property), and the work of linting a workspace grows linearly with it (counted as
// reads of the workspace's objects, not timed: the 5,000-file scan went quadratic when
// selector-overlap compared each controller with all the others).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { lintWorkspaceFile } from '../../core/lint-workspace';
import { refIndex, serviceSelects } from '../../core/rules/refs-index';
import { plainReqs, selectorReqs } from '../../core/rules/label-index';
import { selectorMatches } from '../../core/k8s/labels';
import { scalarText } from '../../core/k8s/guards';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const KEYS = ['app', 'tier', 'track', 'pod-template-hash'];
const VALUES = ['web', 'db', 'stable', 'canary', '1'];

function randomWorld(seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const labels = () => {
    const out: Record<string, string> = {};
    for (const k of KEYS) if (r() < 0.5) out[k] = pick(VALUES);
    return out;
  };
  const docs: string[] = [];
  for (let i = 0; i < 12; i++) {
    const kind = pick(['Deployment', 'StatefulSet', 'Pod', 'ReplicaSet']);
    const l = labels();
    const meta = { name: `w${i}`, labels: kind === 'Pod' ? l : undefined };
    if (kind === 'Pod') {
      docs.push(JSON.stringify({ apiVersion: 'v1', kind, metadata: meta, spec: { containers: [{ name: 'c', image: 'nginx' }] } }));
      continue;
    }
    docs.push(
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind,
        metadata: meta,
        spec: { selector: { matchLabels: labels() }, template: { metadata: { labels: l }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      }),
    );
  }
  return docs.join('\n---\n');
}

function randomSelector(r: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const ml: Record<string, unknown> = {};
  for (const k of KEYS) if (r() < 0.3) ml[k] = pick([...VALUES, 1, true]);
  const me = [];
  for (const k of KEYS)
    if (r() < 0.3) {
      const operator = pick(['In', 'NotIn', 'Exists', 'DoesNotExist']);
      me.push({ key: k, operator, values: operator === 'In' || operator === 'NotIn' ? [pick(VALUES), pick(VALUES)] : undefined });
    }
  return { matchLabels: ml, matchExpressions: me };
}

test('a label look-up never misses a pod source that the rule matchers select (2,000 random selectors over 100 random worlds)', () => {
  let checked = 0;
  let selected = 0;
  for (let w = 0; w < 100; w++) {
    const ws = new Workspace();
    ws.set('file:///w.yaml', randomWorld(w));
    const idx = refIndex(ws);
    const all = idx.podSourcesIn('default');
    const li = idx.labelIndex('default');
    const r = rng(1000 + w);
    for (let k = 0; k < 20; k++) {
      const sel = randomSelector(r);
      const plain = sel.matchLabels as Record<string, unknown>;
      // A LabelSelector (controllers, affinity), a plain map as a controller reads it, and as a Service reads it.
      const cases: [readonly unknown[], (s: (typeof all)[number]) => boolean][] = [
        [li.candidates(selectorReqs(sel)), (s) => selectorMatches(sel, s.labels)],
        [li.candidates(plainReqs(plain, String)), (s) => selectorMatches(plain, s.labels, true)],
        [li.candidates(plainReqs(plain, scalarText), Object.keys(plain)), (s) => Object.keys(plain).length > 0 && serviceSelects(plain, s)],
      ];
      for (const [candidates, matches] of cases) {
        const want = all.filter(matches);
        selected += want.length;
        for (const s of want) assert.ok(candidates.includes(s), `world ${w}: ${JSON.stringify(sel)} selects ${s.res.name}, missed by the look-up`);
        // In the index's order (rules report the first match).
        const pos = candidates.map((c) => all.indexOf(c as (typeof all)[number]));
        assert.deepEqual(
          pos,
          [...pos].sort((a, b) => a - b),
        );
        checked++;
      }
      assert.deepEqual(
        idx.selectedBy('default', plain).map((s) => s.res.name),
        all.filter((s) => Object.keys(plain).length > 0 && serviceSelects(plain, s)).map((s) => s.res.name),
      );
    }
  }
  assert.equal(checked, 6000);
  assert.ok(selected > 1000, `the random worlds select something (${selected})`);
});

const deployment = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
spec:
  selector:
    matchLabels: {app: web-${i}}
  template:
    metadata:
      labels: {app: web-${i}, tier: front}
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 1
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector: {matchLabels: {app: web-${i}}}
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web-${i}
spec:
  selector: {app: web-${i}}
  ports: [{port: 80, targetPort: 80}]
`;

/** Reads of the workspace's objects while every file is linted once (as the language server's scan does). */
function readsToLint(n: number): number {
  const ws = new Workspace();
  for (let i = 0; i < n; i++) ws.set(`file:///w/web-${i}.yaml`, deployment(i));
  let reads = 0;
  for (const u of ws.uris())
    for (const r of ws.get(u)!.resources) {
      const obj = r.obj;
      (r as { obj: unknown }).obj = new Proxy(obj, {
        get(t, p, recv) {
          reads++;
          return Reflect.get(t, p, recv) as unknown;
        },
      });
    }
  for (const u of ws.uris()) lintWorkspaceFile(ws, u, {});
  return reads;
}

test('linting every file of a workspace reads its objects a number of times linear in its size (selector rules use the label index)', () => {
  const small = readsToLint(150);
  const large = readsToLint(600);
  // 4× the files: linear work reads ≈4× as often; comparing every workload with every other read ≈16×.
  const ratio = large / small;
  assert.ok(ratio < 6, `reads grew ${ratio.toFixed(1)}× for 4× the files (${small} → ${large})`);
});
