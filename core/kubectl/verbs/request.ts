// Simulator verb: requests to a Service (round-robin over its ready endpoints), to a cluster DNS
// name (`web.default.svc.cluster.local`, a headless Service, `mysql-0.mysql`), to a NodePort on a
// node's IP (`10.0.0.3:30080`) or to a pod's IP, showing which pod served each.
import type { RequestResult, Route, Traffic } from '../../cluster/controllers/traffic';
import { t, type Locale } from '../../i18n/index';
import { simMsg } from '../messages';
import { fail, flag, notFound, ok, target } from '../args';
import type { Verb } from '../verb';

const USAGE = 'request service/NAME | DNS-NAME | IP[:PORT] [--count N] [--port P]';

export const request: Verb = {
  summary: 'Simulator: send requests to a service, a DNS name or an IP:port and show which pod served each.',
  usage: [USAGE],
  valueFlags: ['count', 'port'],
  run({ c, a, L, ns }) {
    const tg = target(a);
    const raw = tg.kind === 'Service' && tg.name ? `service/${tg.name}` : (a.pos[0] ?? '');
    if (!raw || (tg.kind && tg.kind !== 'Service' && a.pos[0].includes('/'))) return fail(t(simMsg('sim.badArgs', { detail: USAGE }), L));
    const count = Math.max(1, Math.min(10000, Number(flag(a, 'count') ?? 1) || 1));
    const portFlag = flag(a, 'port');
    const traffic = c.hook<Traffic>('services');
    const route = traffic.route(raw, ns, portFlag ? Number(portFlag) : undefined);
    const head = routeLine(route, raw, L);
    if (route.kind === 'no-such-host' && tg.kind === 'Service' && tg.name) return notFound('Service', tg.name);
    if (route.kind === 'no-such-host') return fail(t(simMsg('sim.request.noSuchHost', { name: route.name }), L));
    if (route.kind === 'external') return ok(head);
    const res = traffic.send(route, count);
    const name = route.kind === 'service' ? route.svc.metadata.name : raw;
    const out = ok([head, ...res.map((r) => resultLine(r, name, route, L))].filter(Boolean).join('\n'));
    const podNs = route.kind === 'service' ? (route.svc.metadata.namespace ?? 'default') : route.kind === 'pod' ? (route.pod?.metadata.namespace ?? ns) : ns;
    return {
      ...out,
      answered: res.flatMap((r) => (r.pod && !r.error ? [{ namespace: podNs, name: r.pod }] : [])),
      ...(route.kind === 'service' ? { via: { namespace: podNs, name: route.svc.metadata.name } } : {}),
    };
  },
};

/** What the name or address was resolved to, printed before the requests (nothing for `service/NAME`). */
function routeLine(route: Route, raw: string, L: Locale): string {
  if ((route.kind === 'service' || route.kind === 'pod') && route.answer) {
    const a = route.answer;
    const ips = a.kind === 'headless' ? a.records.map((r) => r.ip).join(', ') : a.kind === 'external' ? a.cname : a.ip;
    const name = raw === a.fqdn ? raw : `${raw} → ${a.fqdn}`;
    return t(simMsg(a.kind === 'headless' ? 'sim.request.resolvedHeadless' : 'sim.request.resolved', { name, ips }), L);
  }
  if (route.kind === 'external') return t(simMsg('sim.request.externalName', { name: `${raw} → ${route.answer.fqdn}`, cname: route.answer.cname }), L);
  if (route.kind === 'service' && route.node) return t(simMsg('sim.request.nodeLocal', { node: route.node }), L);
  return '';
}

function resultLine(r: RequestResult, svc: string, route: Route, L: Locale): string {
  if (r.error === 'no-endpoints') return t(simMsg('sim.request.noEndpoints', { n: r.n, svc }), L);
  if (route.kind === 'node-down') return t(simMsg('sim.request.nodeDown', { n: r.n, node: route.node, ip: route.ip, port: route.port ?? '' }), L);
  if (route.kind === 'closed') return t(simMsg('sim.request.noNodePort', { n: r.n, ip: route.ip, port: route.port ?? '' }), L);
  if (route.kind === 'no-route') return t(simMsg('sim.request.noRoute', { n: r.n, ip: route.ip }), L);
  const args = { n: r.n, pod: r.pod ?? '', ip: r.ip ?? '', port: r.port ?? '' };
  if (r.error === 'unreachable') return t(simMsg('sim.request.unreachable', args), L);
  if (r.error === 'refused') return t(simMsg('sim.request.refused', args), L);
  return t(simMsg(r.via === 'dns' ? 'sim.request.servedDirect' : 'sim.request.served', args), L);
}
