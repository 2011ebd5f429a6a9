// The dorm: nodes as buildings, pods as rooms grouped by their top-level owner (unscheduled ones
// in the lobby), containers as roommates, and the selected room's actions.
import type { ContainerView, NodeView, PodView } from '../protocol/panel';
import { button, clear, el, icon } from '../shared/dom';
import { podStatusClass } from '../shared/pods';
import { nsArg, type NodeEl, type PanelContext } from './context';
import { GROUP_ICONS, hue, reducedMotion } from './format';
import { podWhy } from './why';

/** Draws or updates a building and its actions (fail / recover, cordon / uncordon). */
export function nodeEl(ctx: PanelContext, n: NodeView): NodeEl {
  const { L, host } = ctx;
  let x = ctx.nodeEls.get(n.name);
  if (!x) {
    const status = el('span', { className: 'node-status' });
    const rooms = el('div', { className: 'rooms' });
    const actions = el('div', { className: 'node-actions' });
    const root = el(
      'article',
      { className: 'building', 'data-kind': 'node', 'data-name': n.name },
      el('div', { className: 'building-head' }, icon('home'), el('span', { className: 'name', text: n.name, title: n.name }), status),
      actions,
      rooms,
    );
    x = { root, rooms, status, groups: new Map(), actions };
    ctx.nodeEls.set(n.name, x);
    ctx.ui.campus.append(root);
  }
  x.root.dataset.status = n.status;
  x.root.classList.toggle('down', !n.ready);
  x.root.classList.toggle('cordoned', n.unschedulable);
  x.status.textContent = n.status;
  x.status.title = `cpu ${n.cpu} · memory ${n.memory} · pods ${n.maxPods}`;
  clear(x.actions);
  const name = n.name;
  x.actions.append(
    n.ready
      ? button(L('panel.node.fail'), () => host.post({ type: 'node', action: 'fail', name }), { 'data-action': 'fail' })
      : button(L('panel.node.recover'), () => host.post({ type: 'node', action: 'recover', name }), { 'data-action': 'recover' }),
    n.unschedulable
      ? button(L('panel.node.uncordon'), () => host.post({ type: 'node', action: 'uncordon', name }), { 'data-action': 'uncordon' })
      : button(L('panel.node.cordon'), () => host.post({ type: 'node', action: 'cordon', name }), { 'data-action': 'cordon' }),
  );
  return x;
}

function groupBox(container: HTMLElement, groups: Map<string, HTMLElement>, p: PodView): HTMLElement {
  const key = `${p.groupKind}/${p.groupName}`;
  let g = groups.get(key);
  if (!g) {
    const iconName = GROUP_ICONS[p.groupKind] ?? 'package';
    g = el(
      'div',
      { className: 'group', 'data-group': key },
      el(
        'div',
        { className: 'group-label', title: key },
        icon(iconName),
        el('span', { className: 'gk', text: p.groupKind }),
        el('span', { className: 'gn', text: p.groupName }),
      ),
    );
    g.style.setProperty('--group-hue', String(hue(key)));
    groups.set(key, g);
    container.append(g);
  }
  return g;
}

export function podTitle(ctx: PanelContext, p: PodView): string {
  const served = ctx.servedBy.get(p.id);
  return `${p.name}\n${p.status} · READY ${p.ready} · RESTARTS ${p.restarts}${p.ip ? ` · ${p.ip}` : ''}${p.ownerKind ? `\n${p.ownerKind}/${p.ownerName}` : ''}${served?.size ? `\n${ctx.L('panel.svc.servedBy', { services: [...served].join(', ') })}` : ''}`;
}

/**
 * The power limiter (limits.cpu) of a roommate: an empty gauge under its limit, full to the limit
 * mark while the CPU is held there (throttled). A real cluster's panel does not know (dashed).
 */
function limiterEl(ctx: PanelContext, c: ContainerView): HTMLElement {
  const unknown = !!ctx.control.remote;
  const label = ctx.L(c.throttled ? 'pic.limiterThrottled' : unknown ? 'pic.limiterUnknown' : 'pic.limiter', { container: c.name, limit: c.cpuLimit });
  return el(
    'span',
    {
      className: `limiter${c.throttled ? ' throttled' : unknown ? ' unknown' : ''}`,
      'data-kind': 'limiter',
      'data-container': c.name,
      'data-throttled': String(c.throttled),
      role: 'img',
      'aria-label': label,
      title: label,
    },
    el('span', { className: 'limiter-fill' }),
  );
}

/** Draws or updates a room, in its building inside its owner's group (or in the lobby while unscheduled). */
export function renderPod(ctx: PanelContext, p: PodView): void {
  let r = ctx.podEls.get(p.id);
  const isNew = !r;
  if (!r) {
    r = el('div', { className: 'room', 'data-kind': 'pod', tabindex: '0', role: 'button' });
    r.addEventListener('click', () => select(ctx, p.id));
    ctx.podEls.set(p.id, r);
    // Rooms that move in later are animated; the first drawing is not (1,000 animations would delay the first paint).
    if (!ctx.initializing && !reducedMotion()) r.classList.add('enter');
  }
  r.dataset.name = p.name;
  r.dataset.namespace = p.namespace;
  r.dataset.status = p.status;
  r.dataset.node = p.node;
  r.dataset.owner = p.ownerName;
  r.dataset.group = `${p.groupKind}/${p.groupName}`;
  const served = ctx.servedBy.get(p.id);
  r.className = `room ${podStatusClass(p.status, p.podReady)}${r.classList.contains('enter') ? ' enter' : ''}${ctx.selectedPod === p.id ? ' selected' : ''}${served?.size ? ' served' : ''}${r.classList.contains('linked') ? ' linked' : ''}`;
  r.dataset.services = served ? [...served].join(' ') : '';
  // A throttled roommate is said in the room's own label too (a button's inner labels are not read).
  const throttled = p.containers.filter((c) => c.throttled).map((c) => ctx.L('pic.limiterThrottled', { container: c.name, limit: c.cpuLimit }));
  r.setAttribute('aria-label', [`${p.name}: ${p.status} ${p.ready}`, ...throttled].join('; '));
  r.title = podTitle(ctx, p);
  const roommates = el('div', { className: 'roommates' });
  for (const c of p.containers) {
    roommates.append(
      el('span', {
        className: `roommate ${c.state}${c.ready ? ' ready' : ''}${c.init ? ' init' : ''}`,
        'data-kind': 'container',
        'data-name': c.name,
        'data-state': c.reason || c.state,
        'data-last': c.lastReason || undefined,
        // While it waits to restart, why it last stopped: a crash loop of OOMKilled says so.
        title: `${c.init ? 'init ' : ''}${c.name} · ${c.image} · ${c.reason || c.state}${c.lastReason && c.lastReason !== c.reason ? ` (${c.lastReason})` : ''}${c.restarts ? ` · restarts ${c.restarts}` : ''}${c.memoryLimit ? ` · limit ${c.memoryLimit}` : ''}`,
        text: c.init ? '◌' : '●',
      }),
    );
    if (c.cpuLimit && !c.init) roommates.append(limiterEl(ctx, c));
  }
  r.replaceChildren(
    ...(p.ordinal >= 0 ? [el('span', { className: 'door', title: p.dns ? `#${p.ordinal} · ${p.dns}` : `#${p.ordinal}`, text: `#${p.ordinal}` })] : []),
    el('span', { className: 'pod-name', text: p.name }),
    el('span', { className: 'pod-status', text: p.status }),
    // A counsellor's room is reached by its own name under its Service: shown on the room.
    ...(p.ordinal >= 0 && p.dns ? [el('span', { className: 'dns mono', 'data-kind': 'dns', text: p.dns, title: ctx.L('pic.dns', { dns: p.dns }) })] : []),
    roommates,
  );
  const n = p.node ? ctx.nodeEls.get(p.node) : undefined;
  const target = n ? groupBox(n.rooms, n.groups, p) : groupBox(ctx.ui.lobby, ctx.lobbyGroups, p);
  if (r.parentElement !== target) target.append(r);
  const room = r;
  if (isNew && room.classList.contains('enter')) setTimeout(() => room.classList.remove('enter'), 400);
}

/** A room moves out (animated unless reduced motion is asked for). */
export function removePod(ctx: PanelContext, id: string): void {
  const r = ctx.podEls.get(id);
  ctx.podEls.delete(id);
  if (ctx.selectedPod === id) select(ctx, undefined);
  if (!r) return;
  r.dataset.kind = 'pod-gone';
  if (reducedMotion()) return void dropRoom(ctx, r);
  r.classList.add('leave');
  setTimeout(() => dropRoom(ctx, r), 300);
}

function dropRoom(ctx: PanelContext, r: HTMLElement): void {
  const g = r.parentElement;
  r.remove();
  if (g && g.classList.contains('group') && !g.querySelector('.room')) {
    for (const m of [ctx.lobbyGroups, ...[...ctx.nodeEls.values()].map((x) => x.groups)]) for (const [k, v] of m) if (v === g) m.delete(k);
    g.remove();
  }
}

export function removeNode(ctx: PanelContext, name: string): void {
  const x = ctx.nodeEls.get(name);
  if (!x) return;
  ctx.nodeEls.delete(name);
  x.root.remove();
}

/** Selects a room (undefined: none) and shows its actions: delete, crash, out of memory. */
export function select(ctx: PanelContext, id: string | undefined): void {
  const { ui, L, host } = ctx;
  if (ctx.selectedPod) ctx.podEls.get(ctx.selectedPod)?.classList.remove('selected');
  ctx.selectedPod = id;
  clear(ui.selection);
  const p = id ? ctx.model.pods.get(id) : undefined;
  if (!p) {
    ctx.selectedPod = undefined;
    ui.selection.append(el('p', { className: 'muted', text: L('panel.pod.none') }));
    return;
  }
  ctx.podEls.get(p.id)?.classList.add('selected');
  const ns = nsArg(p.namespace);
  const running = p.containers.find((c) => !c.init && c.state === 'running')?.name;
  ui.selection.append(
    el('span', { className: 'lbl', text: `${L('panel.pod.selected')}: ` }),
    el('code', { className: 'sel-name', text: p.name }),
    button(L('panel.pod.delete'), () => host.post({ type: 'deletePod', name: p.name, namespace: ns }), { 'data-action': 'delete-pod' }, 'trash'),
    button(L('panel.pod.crash'), () => host.post({ type: 'crash', pod: p.name, namespace: ns, container: running }), { 'data-action': 'crash' }, 'bug'),
    button(L('panel.pod.oom'), () => host.post({ type: 'oom', pod: p.name, namespace: ns, container: running }), { 'data-action': 'oom' }, 'flame'),
    podWhy(ctx, p) ?? '',
  );
}

/** Scrolls a room into view, selects and focuses it (drawing it first if it was still waiting). */
export function showRoom(ctx: PanelContext, id: string): void {
  const waiting = ctx.deferredPods.get(id);
  if (waiting) {
    ctx.deferredPods.delete(id);
    renderPod(ctx, waiting);
  }
  const r = ctx.podEls.get(id);
  if (!r) return;
  select(ctx, id);
  r.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
  r.focus({ preventScroll: true });
}
