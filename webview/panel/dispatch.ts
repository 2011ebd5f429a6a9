// The take-out dispatch centre (a Service) as a picture: its counter, and a line to each room its
// address book (Endpoints) lists, solid to a ready room, dashed to one that is not ready. When a
// `request` goes through it, each order runs down the line to the room that answered (a dot moving
// along it; with reduced motion the line is marked instead), and the room counts its orders.
import { podId } from '../../core/panel/wire';
import type { ServiceView } from '../protocol/panel';
import { svg } from '../shared/dom';
import type { PanelContext } from './context';
import { showRoom } from './dorm';
import { reducedMotion } from './format';
import { clip, link, moreText, picture, pressable } from './pictures';

/** Rooms drawn at most (the rest are counted under them). */
const MAX_ROOMS = 8;
const W = 300;
const ROW = 24;
const COUNTER = { x: 4, w: 96, h: 40 };
const ROOM = { x: 170, w: 100, h: 18 };

export function dispatchPicture(ctx: PanelContext, s: ServiceView): SVGSVGElement {
  const { L } = ctx;
  const rooms = [...s.ready.map((name) => ({ name, ready: true })), ...s.notReady.map((name) => ({ name, ready: false }))];
  const shown = rooms.slice(0, MAX_ROOMS);
  const rows = shown.length + (rooms.length > shown.length ? 1 : 0);
  const height = Math.max(COUNTER.h + 8, rows * ROW + 8);
  const pic = picture('dispatch', W, height, L('pic.counter', { name: s.name, ready: s.ready.length, notReady: s.notReady.length }), true);
  pic.setAttribute('data-service', s.id);
  const cy = height / 2;
  const counter = svg(
    'g',
    { className: 'pic-counter', 'data-kind': 'pic-counter' },
    svg('rect', { x: COUNTER.x, y: cy - COUNTER.h / 2, width: COUNTER.w, height: COUNTER.h, rx: 3 }),
    // The counter's window, where orders are handed out.
    svg('rect', { className: 'pic-window', x: COUNTER.x + 6, y: cy - COUNTER.h / 2 + 5, width: COUNTER.w - 12, height: 8, rx: 1 }),
    svg('text', { x: COUNTER.x + COUNTER.w / 2, y: cy + 12, 'text-anchor': 'middle', text: clip(s.name, 14) }),
  );
  pic.append(counter);
  const counts = ctx.served.get(s.id);
  shown.forEach((r, i) => {
    const y = 4 + i * ROW + ROOM.h / 2;
    const id = podId(s.namespace, r.name);
    pic.append(link(COUNTER.x + COUNTER.w, cy, ROOM.x, y, r.ready ? 'ready' : 'notready', { 'data-pod': r.name }));
    const n = counts?.get(id) ?? 0;
    const label = L(r.ready ? 'pic.roomReady' : 'pic.roomNotReady', { name: r.name }) + (n ? ` · ${L('pic.served', { name: r.name, n })}` : '');
    const g = svg(
      'g',
      { className: `pic-node pic-room ${r.ready ? 'ready' : 'notready'}`, 'data-kind': 'pic-room', 'data-name': r.name },
      svg('rect', { x: ROOM.x, y: y - ROOM.h / 2, width: ROOM.w, height: ROOM.h, rx: 2 }),
      svg('text', { x: ROOM.x + 5, y: y + 4, text: clip(r.name, 14) }),
      svg('text', { className: 'pic-count', 'data-kind': 'served-count', x: W - 2, y: y + 4, 'text-anchor': 'end', text: n ? `×${n}` : '' }),
    );
    pic.append(pressable(g, label, () => showRoom(ctx, id)));
  });
  if (rooms.length > shown.length) pic.append(moreText(ROOM.x, 4 + shown.length * ROW + 12, L('pic.more', { n: rooms.length - shown.length })));
  return pic;
}

/** Orders a `request` sent through a Service: counted per room, and run down the lines to the rooms that answered. */
export function runOrders(ctx: PanelContext, service: string, answered: string[]): void {
  if (!answered.length) return;
  let counts = ctx.served.get(service);
  if (!counts) ctx.served.set(service, (counts = new Map<string, number>()));
  const per = new Map<string, number>();
  for (const id of answered) per.set(id, (per.get(id) ?? 0) + 1);
  for (const [id, n] of per) counts.set(id, (counts.get(id) ?? 0) + n);
  const pic = ctx.cardEls.get(service)?.querySelector<SVGSVGElement>('svg[data-pic="dispatch"]');
  const s = ctx.model.services.get(service);
  if (!pic || !s) return;
  const fresh = dispatchPicture(ctx, s);
  pic.replaceWith(fresh);
  const still = reducedMotion();
  for (const id of per.keys()) {
    const name = id.slice(id.lastIndexOf('/') + 1);
    const line = [...fresh.querySelectorAll<SVGPathElement>('.pic-link')].find((l) => l.dataset.pod === name);
    if (!line) continue;
    line.classList.add('served');
    if (still) continue;
    // A dot per room that answered runs from the counter down its line.
    const dot = svg(
      'circle',
      { className: 'pic-order', r: 3, 'data-kind': 'order' },
      svg('animateMotion', { dur: '0.7s', fill: 'freeze', path: line.getAttribute('d') ?? '' }),
    );
    fresh.append(dot);
    setTimeout(() => dot.remove(), 900);
  }
}
