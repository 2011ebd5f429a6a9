// `node --import tsx bench/chaos.ts [--runs N] [--seed S]`: random sequences of applies, edits
// (re-apply with another image / replica count / template label), scales, pod crashes and
// deletions, node failures and recoveries, cordons, rollouts (set image) and undos through the
// simulator. After every step (and every simulated instant while time advances) the invariants of
// test/unit/sim-properties are checked: no node over allocatable, StatefulSet OrderedReady order,
// and at the end convergence of every Deployment, StatefulSet, DaemonSet and Job. Each sequence
// runs twice: the same seed must give the same history byte for byte.
import fc from 'fast-check';
import { chaosWithEdits, simulate, worldArb } from '../test/unit/sim-model';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
const runs = arg('runs', 10_000);
const seed = arg('seed', 7007);

/** The chaos property: a random world and action sequence, run twice with one seed, gives one history. */
function chaos(onRun?: (actions: number) => void) {
  return fc.property(
    worldArb({ deps: [0, 3], sts: [0, 2], ds: [0, 1], jobs: [0, 2] }),
    fc.array(chaosWithEdits, { minLength: 1, maxLength: 20 }),
    fc.integer({ min: 1, max: 1_000_000 }),
    (w, actions, s) => {
      onRun?.(actions.length);
      const a = simulate(w, actions, s, { bounds: false }).history;
      const b = simulate(w, actions, s, { bounds: false }).history;
      if (a !== b) throw new Error('same seed, different history');
    },
  );
}

export const chaosProperty = chaos();

if (require.main === module) {
  let steps = 0;
  let tried = 0;
  const started = Date.now();
  const counted = chaos((n) => {
    tried++;
    steps += n;
    if (tried % 1000 === 0) process.stderr.write(`  ${tried} sequences, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  });
  const r = fc.check(counted, { numRuns: runs, seed });
  const secs = (Date.now() - started) / 1000;
  console.log(
    `chaos: ${tried.toLocaleString('en-US')} sequences (${steps.toLocaleString('en-US')} actions, each sequence run twice) in ${secs.toFixed(1)} s, seed ${seed}`,
  );
  console.log(
    `chaos: invariant violations ${r.failed ? 1 : 0}, nondeterministic histories ${r.failed && /different history/.test(String(r.errorInstance)) ? 1 : 0}`,
  );
  if (r.failed) {
    console.log(`chaos: FAILED: ${String(r.errorInstance).slice(0, 2000)}\n  counterexample: ${JSON.stringify(r.counterexample).slice(0, 2000)}`);
    process.exitCode = 1;
  }
}
