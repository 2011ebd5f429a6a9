// Property tests for the simulated cluster (fast-check, seeded): random manifests and random
// action sequences, with the invariants checked after every simulated instant.
//   - a Deployment never has more than replicas+maxSurge active pods, nor fewer than
//     replicas−maxUnavailable available ones during a rollout (healthy pods, enough capacity);
//   - controllers converge to the desired counts once the chaos stops;
//   - StatefulSet OrderedReady: pod N is created only after 0..N−1 are Running and Ready, and
//     scale-down removes the highest ordinal first;
//   - no node holds more requests than its allocatable;
//   - the same seed, manifests and actions give the same history, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { advance, chaosActions, healthyActions, idx, simulate, worldArb } from './sim-model';

const SEED = 20250104;

test('rolling updates stay within replicas+maxSurge and replicas−maxUnavailable at every instant, and converge', () => {
  fc.assert(
    fc.property(
      worldArb({ deps: [1, 3], sts: [0, 0], ds: [0, 0], jobs: [0, 0] }),
      fc.array(healthyActions, { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 1000 }),
      (w, actions, seed) => {
        simulate(w, actions, seed, { bounds: true });
      },
    ),
    { seed: SEED, numRuns: 200, includeErrorInReport: true },
  );
});

test('scaling in the middle of a rollout (proportional scaling) keeps ≤ replicas+maxSurge pods and converges', () => {
  const midRollout = fc.oneof(
    { arbitrary: fc.record({ k: fc.constant('image' as const), w: idx, v: fc.integer({ min: 1, max: 4 }) }), weight: 3 },
    { arbitrary: fc.record({ k: fc.constant('scale' as const), w: idx, n: fc.integer({ min: 0, max: 12 }) }), weight: 3 },
    { arbitrary: fc.record({ k: fc.constant('undo' as const), w: idx }), weight: 1 },
    { arbitrary: fc.record({ k: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 8_000 }) }), weight: 3 },
  );
  fc.assert(
    fc.property(
      worldArb({ deps: [1, 2], sts: [0, 0], ds: [0, 0], jobs: [0, 0] }),
      fc.array(midRollout, { minLength: 1, maxLength: 14 }),
      fc.integer({ min: 1, max: 1000 }),
      (w, actions, seed) => {
        simulate(w, actions, seed, { bounds: true, scaleAnytime: true });
      },
    ),
    { seed: SEED + 5, numRuns: 200, includeErrorInReport: true },
  );
});

test('chaos (scale, set image, undo, delete pod, crash, fail/add node, cordon): no node over allocatable, StatefulSet order kept, everything converges', () => {
  fc.assert(
    fc.property(
      worldArb({ deps: [0, 2], sts: [0, 2], ds: [0, 1], jobs: [0, 2] }),
      fc.array(chaosActions, { minLength: 1, maxLength: 14 }),
      fc.integer({ min: 1, max: 1000 }),
      (w, actions, seed) => {
        simulate(w, actions, seed, { bounds: false });
      },
    ),
    { seed: SEED + 1, numRuns: 300, includeErrorInReport: true },
  );
});

test('tight capacity (1-CPU nodes, more requested than fits): no node ever holds more than its allocatable', () => {
  fc.assert(
    fc.property(
      worldArb({ deps: [1, 3], sts: [0, 2], ds: [0, 1], jobs: [0, 1] }),
      fc.array(chaosActions, { minLength: 1, maxLength: 14 }),
      fc.integer({ min: 1, max: 1000 }),
      (w, actions, seed) => {
        simulate(w, actions, seed, { bounds: false, tight: true });
      },
    ),
    { seed: SEED + 4, numRuns: 150, includeErrorInReport: true },
  );
});

test('StatefulSets under scale and crashes: OrderedReady creates in order and scales down from the top', () => {
  const stsOnly = fc.oneof(
    { arbitrary: fc.record({ k: fc.constant('scale' as const), w: idx, n: fc.integer({ min: 0, max: 6 }) }), weight: 3 },
    { arbitrary: fc.record({ k: fc.constant('image' as const), w: idx, v: fc.integer({ min: 1, max: 4 }) }), weight: 1 },
    { arbitrary: fc.record({ k: fc.constant('crash' as const), i: idx }), weight: 1 },
    { arbitrary: fc.record({ k: fc.constant('deletePod' as const), i: idx }), weight: 1 },
    { arbitrary: advance, weight: 3 },
  );
  fc.assert(
    fc.property(
      worldArb({ deps: [0, 0], sts: [1, 2], ds: [0, 0], jobs: [0, 0] }),
      fc.array(stsOnly, { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 1000 }),
      (w, actions, seed) => {
        simulate(w, actions, seed, { bounds: false });
      },
    ),
    { seed: SEED + 2, numRuns: 200, includeErrorInReport: true },
  );
});

test('same seed, manifests and actions → the same history byte for byte (events + final objects)', () => {
  fc.assert(
    fc.property(
      worldArb({ deps: [0, 2], sts: [0, 1], ds: [0, 1], jobs: [0, 1] }),
      fc.array(chaosActions, { minLength: 1, maxLength: 10 }),
      fc.integer({ min: 1, max: 1000 }),
      (w, actions, seed) => {
        const a = simulate(w, actions, seed, { bounds: false }).history;
        const b = simulate(w, actions, seed, { bounds: false }).history;
        assert.equal(a, b);
      },
    ),
    { seed: SEED + 3, numRuns: 100, includeErrorInReport: true },
  );
});
