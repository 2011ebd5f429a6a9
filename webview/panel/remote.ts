// The panel's header when it shows a real cluster (ControlState.remote): the context and its
// Kubernetes version, how fresh the picture is (the last event's age, or "stale" while a watch is
// down — never a silently frozen picture), the namespace filter, read-only or changes allowed with
// the "Allow changes" button, and what is hidden for lack of permission. It also marks #app
// (data-remote, data-changes, data-denied) so the stylesheet hides the simulator-only controls and
// the controls the SelfSubjectRulesReview does not allow. Real buttons and a select: keyboard reachable.
import { el, icon } from '../shared/dom';
import type { PanelContext } from './context';

const TICK_MS = 1000;

/** "12 s ago" / "3 min ago" from a wall-clock time. */
export function ago(ctx: PanelContext, at: number | undefined, now = Date.now()): string {
  const { L } = ctx;
  if (at === undefined) return L('remote.panel.never');
  const s = Math.max(0, Math.round((now - at) / 1000));
  return s < 120 ? L('remote.panel.ago.s', { n: s }) : L('remote.panel.ago.m', { n: Math.floor(s / 60) });
}

function build(ctx: PanelContext): void {
  const { ui, host } = ctx;
  const select = el('select', { id: 'remote-namespace', className: 'select' });
  select.addEventListener('change', () => host.post(select.value ? { type: 'namespace', namespace: select.value } : { type: 'namespace' }));
  const allow = el('button', { type: 'button', className: 'btn primary', id: 'allow-changes', 'data-action': 'allow-changes' });
  allow.addEventListener('click', () => host.post({ type: 'allowChanges' }));
  ui.remote.append(
    el(
      'div',
      { className: 'row' },
      el('span', { className: 'remote-badge' }, icon('cloud'), ' ', el('span', { className: 'remote-label' })),
      el('span', { className: 'remote-context mono', 'data-field': 'context' }),
      el('span', { className: 'remote-fresh', id: 'freshness', role: 'status', 'aria-live': 'polite' }),
      el('span', { className: 'spacer' }),
      el('label', { className: 'lbl' }, el('span', { className: 'remote-ns-label' }), ' ', select),
    ),
    el('div', { className: 'row' }, el('span', { className: 'remote-mode', id: 'changes-mode' }), allow),
    el('ul', { className: 'remote-missing', id: 'missing', hidden: true }),
  );
  // The age of the last event grows by itself: redraw it every second while the panel shows a real cluster.
  setInterval(() => {
    if (ctx.control.remote) fresh(ctx);
  }, TICK_MS);
}

function fresh(ctx: PanelContext): void {
  const r = ctx.control.remote!;
  const f = ctx.ui.remote.querySelector<HTMLElement>('#freshness')!;
  const text = r.stale
    ? ctx.L('remote.panel.stale', { kinds: r.down.join(', '), ago: ago(ctx, r.lastEventAt) })
    : r.lastEventAt === undefined
      ? ctx.L('remote.panel.waiting')
      : ctx.L('remote.panel.live', { ago: ago(ctx, r.lastEventAt) });
  f.dataset.stale = String(r.stale);
  if (f.dataset.text === text) return;
  f.dataset.text = text;
  f.replaceChildren(icon(r.stale ? 'warning' : 'pulse'), ' ', text);
}

/** Draws the header from the control state (hidden for a simulated cluster). */
export function renderRemote(ctx: PanelContext): void {
  const { ui, app, L } = ctx;
  const r = ctx.control.remote;
  ui.remote.hidden = !r;
  if (!r) {
    delete app.dataset.remote;
    delete app.dataset.changes;
    delete app.dataset.denied;
    return;
  }
  if (!ui.remote.firstChild) build(ctx);
  app.dataset.remote = 'true';
  app.dataset.changes = r.changesAllowed ? 'allowed' : 'read-only';
  app.dataset.denied = r.denied.join(' ');
  ui.remote.setAttribute('aria-label', L('remote.panel.label'));
  ui.remote.querySelector('.remote-label')!.textContent = L('remote.panel.label');
  ui.remote.querySelector('.remote-context')!.textContent =
    L('remote.panel.context', { context: r.context }) + (r.version ? ` · ${L('remote.panel.version', { version: r.version })}` : '');
  ui.remote.querySelector('.remote-ns-label')!.textContent = L('remote.panel.namespace');
  const select = ui.remote.querySelector<HTMLSelectElement>('#remote-namespace')!;
  const names = [...new Set([...r.namespaces, ...(r.namespace ? [r.namespace] : [])])];
  const key = `${L('remote.panel.allNamespaces')}\n${names.join('\n')}`;
  if (select.dataset.key !== key) {
    select.dataset.key = key;
    select.replaceChildren(el('option', { value: '', text: L('remote.panel.allNamespaces') }), ...names.map((n) => el('option', { value: n, text: n })));
  }
  select.value = r.namespace ?? '';
  const mode = ui.remote.querySelector<HTMLElement>('#changes-mode')!;
  mode.dataset.changes = app.dataset.changes;
  mode.replaceChildren(icon(r.changesAllowed ? 'unlock' : 'lock'), ' ', L(r.changesAllowed ? 'remote.panel.allowed' : 'remote.panel.readOnly'));
  const allow = ui.remote.querySelector<HTMLButtonElement>('#allow-changes')!;
  allow.hidden = r.changesAllowed;
  allow.textContent = L('remote.panel.allow');
  const missing = ui.remote.querySelector<HTMLElement>('#missing')!;
  missing.hidden = !r.missing.length;
  missing.replaceChildren(...r.missing.map((m) => el('li', { text: m })));
  if (r.missing.length) missing.setAttribute('aria-label', L('remote.panel.hidden'));
  fresh(ctx);
}
