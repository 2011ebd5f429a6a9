// A seeded slice of bench/chaos.ts: random applies, edits (re-apply with another image, replica
// count or template label), scales, crashes, pod deletions, node failures, cordons, rollouts and
// undos; the sim-properties invariants after every step; each sequence twice → the same history.
import { test } from 'node:test';
import fc from 'fast-check';
import { chaosProperty } from '../../bench/chaos';
import { simulate } from '../unit/sim-model';

test('chaos slice: 150 seeded sequences, invariants hold after every step, same seed → same history', () => {
  fc.assert(chaosProperty, { seed: 7007, numRuns: 150, includeErrorInReport: true });
});

// Minimised by bench/chaos.ts (seed 7007): a ReplicaSet created surge-limited (2 pods, desired 3),
// then the Deployment re-applied with replicas 2 and a new template label. The stale
// desired-replicas annotation made every sync a "scaling event" and the new ReplicaSet stayed at 0.
test('regression: re-apply with fewer replicas and a new template label right after a set image converges', () => {
  const w = {
    nodes: 2,
    nodeCpu: 4,
    deps: [{ replicas: 0, surge: 2, unavail: '0%', cpuM: 0, readyAfter: 0, minReady: 0, place: 0 }],
    sts: [],
    ds: [],
    jobs: [],
  };
  const actions = [
    { k: 'advance' as const, ms: 1000 },
    { k: 'scale' as const, w: 0, n: 3 },
    { k: 'image' as const, w: 0, v: 1 },
    { k: 'edit' as const, w: 0, image: 0, replicas: 2, label: 1 },
  ];
  simulate(w, actions, 1, { bounds: false });
});
