// A seeded slice of bench/chaos.ts: random applies, edits (re-apply with another image, replica
// count or template label), scales, crashes, pod deletions, node failures, cordons, rollouts and
// undos; the sim-properties invariants after every step; each sequence twice → the same history.
import { test } from 'node:test';
import fc from 'fast-check';
import { chaosProperty } from '../../bench/chaos';

test('chaos slice: 150 seeded sequences, invariants hold after every step, same seed → same history', () => {
  fc.assert(chaosProperty, { seed: 7007, numRuns: 150, includeErrorInReport: true });
});
