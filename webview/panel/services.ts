// Dispatch centres (Services) and their links to the rooms: each room knows which Services list
// it as a ready endpoint (drawn as a mark on the room, named in its tooltip and data-services);
// pointing at or focusing a Service's card lights up its rooms in the dorm; an endpoint chip shows
// its room.
import { podId } from '../../core/panel/wire';
import type { ServiceView } from '../protocol/panel';
import { button, el, icon } from '../shared/dom';
import { card, typingIn } from './cards';
import { nsArg, type PanelContext } from './context';
import { podTitle, showRoom } from './dorm';
import { dispatchPicture } from './dispatch';
import { serviceWhy } from './why';

/** At most this many endpoint chips per list on a card (a Service in front of 1,000 rooms says "+N"). */
const MAX_CHIPS = 24;

export function renderService(ctx: PanelContext, s: ServiceView): void {
  const { L, host } = ctx;
  const c = card(ctx, ctx.ui.services, s.id, { 'data-kind': 'service', 'data-name': s.name });
  linkService(ctx, s.id, s);
  if (!c.dataset.linked) {
    c.dataset.linked = 'true';
    const id = s.id;
    c.addEventListener('mouseenter', () => highlightService(ctx, id, true));
    c.addEventListener('mouseleave', () => highlightService(ctx, id, false));
    c.addEventListener('focusin', () => highlightService(ctx, id, true));
    c.addEventListener('focusout', () => highlightService(ctx, id, false));
  }
  if (typingIn(c)) {
    // Only refresh the endpoint list and the picture while the user types a selector.
    const eps = c.querySelector('.endpoints');
    if (eps) eps.replaceWith(endpoints(ctx, s));
    c.querySelector('svg[data-pic="dispatch"]')?.replaceWith(dispatchPicture(ctx, s));
    return;
  }
  const ns = nsArg(s.namespace);
  const iconName = s.type === 'NodePort' ? 'sign-in' : s.type === 'LoadBalancer' ? 'globe' : 'broadcast';
  const sel = el('input', {
    type: 'text',
    className: 'input',
    spellcheck: 'false',
    value: Object.entries(s.selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    'aria-label': L('panel.prompt.selector', { name: s.name }),
    'data-field': 'selector',
  });
  c.replaceChildren(
    el(
      'div',
      { className: 'card-head' },
      icon(iconName),
      el('span', { className: 'gk', text: s.type }),
      el('span', { className: 'name', text: s.name, title: s.name }),
      el('span', { className: 'summary mono', text: `${s.clusterIP} ${s.ports}${s.externalIP !== '<none>' ? ` · ${s.externalIP}` : ''}` }),
    ),
    dispatchPicture(ctx, s),
    endpoints(ctx, s),
    el(
      'div',
      { className: 'row' },
      button(L('panel.svc.request'), () => host.post({ type: 'request', service: s.name, namespace: ns, count: 5 }), { 'data-action': 'request' }, 'send'),
      serviceWhy(ctx, s),
    ),
    el(
      'div',
      { className: 'row' },
      sel,
      button(
        L('panel.svc.selector'),
        () => {
          const selector: Record<string, string> = {};
          for (const part of sel.value.split(',')) {
            const i = part.indexOf('=');
            if (i > 0)
              selector[part.slice(0, i).trim().slice(0, 253)] = part
                .slice(i + 1)
                .trim()
                .slice(0, 63);
          }
          if (Object.keys(selector).length) host.post({ type: 'setSelector', service: s.name, namespace: ns, selector });
        },
        { 'data-action': 'set-selector' },
      ),
    ),
  );
}

function endpoints(ctx: PanelContext, s: ServiceView): HTMLElement {
  const { L } = ctx;
  const box = el(
    'div',
    { className: 'endpoints', 'data-ready': String(s.ready.length) },
    el('span', { className: 'lbl', text: `${L('panel.svc.endpoints')}: ` }),
  );
  if (!s.ready.length) box.append(el('span', { className: 'muted', text: L('panel.svc.noEndpoints') }));
  const chips = (names: string[], cls: string, kind: string) => {
    for (const n of names.slice(0, MAX_CHIPS)) {
      box.append(
        el('button', {
          type: 'button',
          className: cls,
          'data-kind': kind,
          'data-name': n,
          text: n,
          title: L('panel.svc.showRoom', { name: n }),
          onclick: () => showRoom(ctx, podId(s.namespace, n)),
        }),
      );
    }
    if (names.length > MAX_CHIPS)
      box.append(el('span', { className: `${cls} more`, 'data-kind': `${kind}-more`, text: L('panel.svc.more', { n: names.length - MAX_CHIPS }) }));
  };
  chips(s.ready, 'endpoint', 'endpoint');
  chips(s.notReady, 'endpoint notready', 'endpoint-notready');
  return box;
}

/** Records which rooms a Service serves now (undefined: the Service is gone) and re-marks the rooms that changed. */
export function linkService(ctx: PanelContext, id: string, s: ServiceView | undefined): void {
  const { servedBy, serviceLinks } = ctx;
  const old = serviceLinks.get(id);
  const name = s?.name ?? old?.name ?? '';
  const next = new Set(s ? s.ready.map((n) => podId(s.namespace, n)) : []);
  for (const pid of old?.pods ?? []) {
    if (next.has(pid)) continue;
    servedBy.get(pid)?.delete(name);
    if (!servedBy.get(pid)?.size) servedBy.delete(pid);
    markServed(ctx, pid);
  }
  for (const pid of next) {
    if (old?.pods.has(pid)) continue;
    let set = servedBy.get(pid);
    if (!set) servedBy.set(pid, (set = new Set()));
    set.add(name);
    markServed(ctx, pid);
  }
  if (s) serviceLinks.set(id, { name, pods: next });
  else serviceLinks.delete(id);
}

function markServed(ctx: PanelContext, pid: string): void {
  const r = ctx.podEls.get(pid);
  if (!r) return;
  const names = ctx.servedBy.get(pid);
  r.classList.toggle('served', !!names?.size);
  r.dataset.services = names ? [...names].join(' ') : '';
  const p = ctx.model.pods.get(pid);
  if (p) r.title = podTitle(ctx, p);
}

function highlightService(ctx: PanelContext, id: string, on: boolean): void {
  for (const pid of ctx.serviceLinks.get(id)?.pods ?? []) ctx.podEls.get(pid)?.classList.toggle('linked', on);
}
