// Simulator verb: let simulated time pass (also spelled `wait` and `sleep`).
import { parseDuration } from '../../cluster/clock';
import { t } from '../../i18n/index';
import { simMsg } from '../messages';
import { fail, ok } from '../args';
import type { Verb } from '../verb';

export const advance: Verb = {
  summary: 'Simulator: let simulated time pass.',
  usage: ['advance DURATION   (also wait, sleep; e.g. 30s, 5m, 1h30m)'],
  run({ c, a, L }) {
    const ms = parseDuration(a.pos[0]);
    if (ms === undefined) return fail(t(simMsg('sim.badArgs', { detail: `invalid duration "${a.pos[0] ?? ''}"` }), L));
    c.advance(ms);
    return ok(t(simMsg('sim.advance', { d: a.pos[0], t: c.now / 1000 }), L));
  },
};
