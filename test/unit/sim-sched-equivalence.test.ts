// The scheduler's and controllers' fast paths (issue 12's 5,000-replica rollout budget) answer what
// the plain code they replace answers, over random inputs: the ReplicaSet counts kept from the pod
// watch against a walk at every sync (verify mode), a selector read once (compileSelector)
// against selectorMatches, the PodTopologySpread score against a from-scratch reference (the
// straightforward one-pass version it replaced), FNV-1a continued from a prefix against the whole
// string, and the remembered quantity and timestamp parses against parsing again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSelector, selectorMatches } from '../../core/k8s/labels';
import { spreadScores, HOSTNAME, ZONE, type Constraint, type SpreadState } from '../../core/cluster/controllers/scheduler-spread';
import type { Count } from '../../core/cluster/controllers/scheduler-index';
import { fnv32a } from '../../core/cluster/rng';
import { parseQuantity, parseQuantityDetailed } from '../../core/k8s/quantity';
import { apply, cluster, kubectl } from './sim-helpers';
import { ReplicaSetCounts } from '../../core/cluster/controllers/replicaset-counts';
import fc from 'fast-check';
import { chaosActions, simulate, worldArb } from './sim-model';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const KEYS = ['app', 'tier', 'track', 'pod-template-hash', 'constructor', 'toString'];
const VALUES: unknown[] = ['web', 'db', 'stable', '1', 1, true, null, ''];
/** Values no manifest should carry: String() of the first throws, the others print oddly. */
const ODD: unknown[] = [{ toString: 1 }, { a: 1 }, ['web'], []];

/** A call's answer, or 'throws' (both ways must agree on malformed input too). */
function outcome(f: () => boolean): boolean | string {
  try {
    return f();
  } catch {
    return 'throws';
  }
}

function randomLabels(r: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  if (r() < 0.05) return pick([undefined, null, 'app=web', ['app']]);
  const out: Record<string, unknown> = {};
  for (const k of KEYS) if (r() < 0.4) out[k] = r() < 0.02 ? pick(ODD) : pick(VALUES);
  return out;
}

function randomSelector(r: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  if (r() < 0.05) return pick([undefined, null, 'app=web', [], {}]);
  const ml: Record<string, unknown> = {};
  for (const k of KEYS) if (r() < 0.3) ml[k] = r() < 0.02 ? pick(ODD) : pick(VALUES);
  const me: unknown[] = [];
  for (const k of KEYS)
    if (r() < 0.3) {
      const operator = pick(['In', 'NotIn', 'Exists', 'DoesNotExist', 'in', 7, undefined]);
      const values = pick([[pick(VALUES), pick(VALUES)], [], undefined, 'web', [pick(ODD)]]);
      me.push(r() < 0.03 ? pick([null, 'x', { operator }]) : { key: r() < 0.03 ? 3 : k, operator, values });
    }
  if (r() < 0.1) return { ...ml, ...(r() < 0.5 ? { matchLabels: 'x' } : {}) };
  return { matchLabels: r() < 0.05 ? pick([null, 'x', ml]) : ml, ...(r() < 0.8 ? { matchExpressions: me } : {}) };
}

test('compileSelector answers what selectorMatches answers, LabelSelector and plain map, malformed input included (20,000 random pairs)', () => {
  const r = rng(12);
  let yes = 0;
  let throws = 0;
  for (let i = 0; i < 2000; i++) {
    const sel = randomSelector(r);
    for (const plain of [false, true]) {
      const m = compileSelector(sel, plain);
      for (let j = 0; j < 5; j++) {
        const labels = randomLabels(r);
        const want = outcome(() => selectorMatches(sel, labels, plain));
        assert.equal(
          outcome(() => m(labels)),
          want,
          JSON.stringify({ sel, labels, plain }),
        );
        if (want === true) yes++;
        if (want === 'throws') throws++;
      }
    }
  }
  assert.ok(yes > 1000 && throws > 0, `the random pairs select something often enough (${yes}) and reach a throwing String() (${throws})`);
});

/** The score as it was computed before (one pass with a Set per key): the reference. */
function referenceScores(s: SpreadState, feasible: { labels: Record<string, string> }[]): number[] {
  const soft = s.constraints.filter((k) => !k.hard);
  const n = feasible.length;
  const out = new Array<number>(n).fill(0);
  if (!soft.length) return out;
  const m = soft.length;
  const counts = new Float64Array(n * m);
  const domains = soft.map(() => new Set<string>());
  for (let i = 0; i < n; i++) {
    const l = feasible[i].labels;
    for (let j = 0; j < m; j++) {
      const k = soft[j];
      const v = l[k.key];
      if (v === undefined) counts[i * m + j] = -1;
      else {
        counts[i * m + j] = k.counts.get(v)?.live ?? 0;
        if (k.key !== HOSTNAME) domains[j].add(v);
      }
    }
  }
  const weights = soft.map((k, j) => Math.log((k.key === HOSTNAME ? n : domains[j].size) + 2));
  const ignored = new Uint8Array(n);
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < n; i++) {
    let score = 0;
    for (let j = 0; j < m; j++) {
      const c = counts[i * m + j];
      if (c >= 0) score += c * weights[j] + (soft[j].maxSkew - 1);
      else if (!s.systemDefaulted) ignored[i] = 1;
    }
    if (ignored[i]) continue;
    out[i] = Math.round(score);
    if (out[i] < min) min = out[i];
    if (out[i] > max) max = out[i];
  }
  for (let i = 0; i < n; i++) out[i] = ignored[i] ? 0 : max === 0 ? 100 : Math.trunc((100 * (max + min - out[i])) / max);
  return out;
}

test('spreadScores equals the from-scratch reference over random worlds (system defaults and explicit constraints, missing labels, 1–30 zones)', () => {
  const r = rng(1212);
  const int = (n: number) => Math.floor(r() * n);
  for (let w = 0; w < 3000; w++) {
    const nodes = 1 + int(w % 10 === 0 ? 150 : 12);
    const zones = 1 + int(30);
    const feasible = Array.from({ length: nodes }, (_, i) => {
      const labels: Record<string, string> = {};
      if (r() < 0.95) labels[HOSTNAME] = `node-${i}`;
      if (r() < 0.9) labels[ZONE] = `z-${int(zones)}`;
      if (r() < 0.5) labels.rack = `r-${int(4)}`;
      return { labels };
    });
    const counts = (key: string): Map<string, Count> => {
      const m = new Map<string, Count>();
      for (const { labels } of feasible) if (labels[key] !== undefined && r() < 0.7) m.set(labels[key], { all: 1, live: int(w % 7 === 0 ? 5000 : 40) });
      return m;
    };
    const systemDefaulted = r() < 0.5;
    const keys = systemDefaulted ? [HOSTNAME, ZONE] : [HOSTNAME, ZONE, 'rack'].filter(() => r() < 0.6);
    const constraints: Constraint[] = keys.map((key) => ({
      maxSkew: 1 + int(6),
      key,
      hard: !systemDefaulted && r() < 0.3,
      selector: {},
      minDomains: 1,
      counts: counts(key),
      self: r() < 0.5,
      min: 0,
    }));
    const s: SpreadState = { constraints, systemDefaulted };
    assert.deepEqual(spreadScores(s, feasible), referenceScores(s, feasible), `world ${w}`);
  }
});

test('fnv32a continued from the hash of a prefix equals the hash of the whole string (non-Latin-1 text too)', () => {
  const r = rng(32);
  const text = (n: number) =>
    Array.from({ length: n }, () => String.fromCharCode(r() < 0.1 ? 0x100 + Math.floor(r() * 0xfeff) : 32 + Math.floor(r() * 95))).join('');
  for (let i = 0; i < 2000; i++) {
    const a = text(Math.floor(r() * 40));
    const b = text(Math.floor(r() * 40));
    assert.equal(fnv32a(b, fnv32a(a)), fnv32a(a + b));
  }
});

test('parseQuantity remembers its strings and answers as parsing them again would (valid, invalid, repeated, past the table size)', () => {
  const r = rng(7);
  const samples = ['10m', '16Mi', '256Gi', '1.5', ' 1', '', 'abc', '1e3', '2E-2', '0.1Ki', '-5', '+3k', '1..2', '100', '3Mi '];
  for (let i = 0; i < 6000; i++) {
    const q = r() < 0.5 ? samples[Math.floor(r() * samples.length)] : `${Math.floor(r() * 3000)}${['', 'm', 'Mi', 'Gi', 'k', 'x'][Math.floor(r() * 6)]}`;
    assert.equal(parseQuantity(q), parseQuantityDetailed(q)?.value, q);
  }
  for (const q of [5, Infinity, null, undefined, {}]) assert.equal(parseQuantity(q), parseQuantityDetailed(q)?.value);
});

test('msOf remembers recent timestamps and answers as Date.parse does (runs, repeats, invalid text)', () => {
  const c = cluster();
  const epoch = c.options.epoch;
  const r = rng(99);
  const texts = Array.from({ length: 300 }, (_, i) => (i % 37 === 0 ? 'not a time' : new Date(epoch + Math.floor(r() * 1e9)).toISOString()));
  for (let i = 0; i < 20_000; i++) {
    const iso = texts[Math.floor(r() * texts.length)];
    const v = Date.parse(iso);
    assert.equal(c.msOf(iso), Number.isFinite(v) ? v - epoch : undefined);
  }
  assert.equal(c.msOf(undefined), undefined);
  assert.equal(c.msOf(''), undefined);
});

/** Runs `f` with the ReplicaSet controller walking its pods at every sync too; no walk may find other counts. */
function verifying(f: () => void): void {
  ReplicaSetCounts.verify = true;
  ReplicaSetCounts.mismatches.length = 0;
  try {
    f();
  } finally {
    ReplicaSetCounts.verify = false;
  }
  assert.deepEqual(ReplicaSetCounts.mismatches.slice(0, 5), []);
}

const replicaSet = (name: string, replicas: number, labels: Record<string, string>) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
});

test('ReplicaSet counts kept from the watch equal a walk at every sync: relabelled strays, adopted orphans, template and minReadySeconds edits, deletes (300 random sequences)', () => {
  verifying(() => {
    for (let run = 0; run < 300; run++) {
      const r = rng(4000 + run);
      const int = (n: number) => Math.floor(r() * n);
      const c = cluster({ nodes: 3, seed: run });
      apply(c, replicaSet('web', 1 + int(5), { app: 'web' }));
      for (let step = 0; step < 12; step++) {
        const pods = c.list('Pod').filter((p) => !p.metadata.deletionTimestamp);
        const pod = pods.length ? pods[int(pods.length)].metadata.name : undefined;
        switch (int(8)) {
          case 0:
            kubectl(c, `kubectl scale rs/web --replicas=${int(7)}`);
            break;
          case 1:
            if (pod) kubectl(c, `kubectl label pod ${pod} app=${r() < 0.5 ? 'other' : 'web'} --overwrite`);
            break;
          case 2:
            if (pod) kubectl(c, `kubectl label pod ${pod} tier=${int(2)} --overwrite`);
            break;
          case 3:
            apply(c, {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: `orphan-${run}-${step}`, labels: { app: 'web' } },
              spec: { containers: [{ name: 'c', image: 'nginx' }] },
            });
            break;
          case 4: {
            const rs = replicaSet(
              'web',
              Number(c.get('ReplicaSet', 'default', 'web')?.spec.replicas ?? 2),
              r() < 0.5 ? { app: 'web', tier: '1' } : { app: 'web' },
            );
            (rs.spec as Record<string, unknown>).minReadySeconds = r() < 0.3 ? 2 : 0;
            apply(c, rs);
            break;
          }
          case 5:
            if (pod) kubectl(c, `kubectl delete pod ${pod}${r() < 0.5 ? ' --grace-period=0 --force' : ''}`);
            break;
          default:
            c.advance(int(4000));
        }
        c.settle();
      }
      c.advance(60_000);
    }
  });
});

test('ReplicaSet counts kept from the watch equal a walk at every sync over random worlds and chaos (crashes, node failures, rollouts, undo)', () => {
  verifying(() =>
    fc.assert(
      fc.property(
        worldArb({ deps: [1, 3], sts: [0, 0], ds: [0, 0], jobs: [0, 0] }),
        fc.array(chaosActions, { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 1, max: 1000 }),
        (w, actions, seed) => {
          simulate(w, actions, seed, { bounds: false });
        },
      ),
      { seed: 1212, numRuns: 100, includeErrorInReport: true },
    ),
  );
});
