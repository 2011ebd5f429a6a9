// Simulator verb: requests to a Service, answered round-robin by its ready endpoints.
import type { EndpointsController } from '../../cluster/controllers/services';
import { t } from '../../i18n/index';
import { simMsg } from '../messages';
import { fail, flag, notFound, ok, target } from '../args';
import type { Verb } from '../verb';

export const request: Verb = {
  summary: 'Simulator: send requests to a service and show which pod served each.',
  usage: ['request service/NAME [--count N] [--port P]'],
  valueFlags: ['count', 'port'],
  run({ c, a, L, get }) {
    const tg = target(a);
    const name = tg.name;
    if (tg.kind !== 'Service' || !name) return fail(t(simMsg('sim.badArgs', { detail: 'request service/NAME [--count N]' }), L));
    const svc = get('Service', name);
    if (!svc) return notFound('Service', name);
    const count = Math.max(1, Math.min(10000, Number(flag(a, 'count') ?? 1) || 1));
    const port = flag(a, 'port');
    const res = c.hook<EndpointsController>('services').request(svc, count, port ? Number(port) : undefined);
    const out = ok(
      res
        .map((r) =>
          r.error === 'no-endpoints'
            ? t(simMsg('sim.request.noEndpoints', { n: r.n, svc: name }), L)
            : t(
                simMsg(r.error === 'refused' ? 'sim.request.refused' : 'sim.request.served', { n: r.n, pod: r.pod ?? '', ip: r.ip ?? '', port: r.port ?? '' }),
                L,
              ),
        )
        .join('\n'),
    );
    return {
      ...out,
      answered: res.flatMap((r) => (r.pod && r.error !== 'no-endpoints' ? [{ namespace: svc.metadata.namespace ?? 'default', name: r.pod }] : [])),
    };
  },
};
