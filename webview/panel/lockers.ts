// Who uses what: claims (and a room's own volumes: emptyDir, hostPath, ...) drawn as lockers,
// ConfigMaps as notice boards and Secrets as safes (by
// name only: a value never reaches this page unless revealed on its card), each linked to the
// rooms whose pod spec names it (volumes solid, env and envFrom dashed, imagePullSecrets dotted,
// from core/panel/view.ts podUses). One a spec names but the cluster lacks is drawn missing (not
// for a real cluster: its panel does not watch ConfigMaps, Secrets or claims, so it cannot know).
// A thing opens its card, a room shows itself in the dorm (click, Enter or Space).
import type { PodUse } from '../protocol/panel';
import { clear, svg } from '../shared/dom';
import type { PanelContext } from './context';
import { showRoom } from './dorm';
import { clip, link, moreText, picture, pressable } from './pictures';

const MAX = 12;
const W = 330;
const ROW = 24;
const THING = { x: 4, w: 140, h: 18 };
const ROOM = { x: 210, w: 116, h: 18 };
const ORDER: Record<PodUse['kind'], number> = { PersistentVolumeClaim: 0, Volume: 1, ConfigMap: 2, Secret: 3 };
/** The strongest way a room uses a thing names its line. */
const VIA_ORDER: PodUse['via'][] = ['volume', 'envFrom', 'env', 'imagePull'];

interface Thing {
  id: string;
  kind: PodUse['kind'];
  name: string;
  /** Whether the cluster has it; undefined when the panel cannot know (a real cluster's). */
  exists: boolean | undefined;
  phase: string;
  /** Room id → how it uses the thing. */
  rooms: Map<string, PodUse['via']>;
}

function gather(ctx: PanelContext): { things: Thing[]; rooms: { id: string; name: string; uses: string[] }[] } {
  const things = new Map<string, Thing>();
  for (const c of ctx.model.configs.values()) things.set(c.id, { id: c.id, kind: c.kind, name: c.name, exists: true, phase: c.type, rooms: new Map() });
  const rooms: { id: string; name: string; uses: string[] }[] = [];
  for (const p of ctx.model.pods.values()) {
    if (!p.uses?.length) continue;
    const uses = new Set<string>();
    for (const u of p.uses) {
      // A room's own volume is its own locker (two rooms' "cache" are two lockers); always there.
      const own = u.kind === 'Volume';
      const id = own ? `Volume/${p.id}/${u.name}` : `${u.kind}/${p.namespace}/${u.name}`;
      let t = things.get(id);
      if (!t)
        things.set(
          id,
          (t = {
            id,
            kind: u.kind,
            name: u.name,
            exists: own ? true : ctx.control.remote ? undefined : false,
            phase: own ? (u.type ?? '') : '',
            rooms: new Map(),
          }),
        );
      const was = t.rooms.get(p.id);
      if (!was || VIA_ORDER.indexOf(u.via) < VIA_ORDER.indexOf(was)) t.rooms.set(p.id, u.via);
      uses.add(id);
    }
    rooms.push({ id: p.id, name: p.name, uses: [...uses] });
  }
  const sorted = [...things.values()].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { things: sorted, rooms: rooms.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) };
}

/** Redraws the picture when what it shows changed (called after each change of rooms or configs). */
export function renderUses(ctx: PanelContext): void {
  const box = ctx.ui.uses;
  const { things, rooms } = gather(ctx);
  const shownThings = things.slice(0, MAX);
  const drawn = new Set(shownThings.map((t) => t.id));
  const shownRooms = rooms.filter((r) => r.uses.some((u) => drawn.has(u))).slice(0, MAX);
  const key = JSON.stringify([
    ctx.control.locale,
    !!ctx.control.remote,
    shownThings.map((t) => [t.id, t.exists, t.phase, [...t.rooms]]),
    shownRooms,
    things.length,
    rooms.length,
  ]);
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  clear(box);
  box.hidden = !things.length;
  if (!things.length) return;
  const { L } = ctx;
  const rows = Math.max(shownThings.length + (things.length > MAX ? 1 : 0), shownRooms.length + (rooms.length > shownRooms.length ? 1 : 0));
  const pic = picture('uses', W, rows * ROW + 8, L('pic.uses', { things: things.length, rooms: rooms.length }), true);
  const yOf = (i: number) => 4 + i * ROW + THING.h / 2;
  const roomRow = new Map(shownRooms.map((r, i) => [r.id, i]));
  shownThings.forEach((t, i) => {
    for (const [rid, via] of t.rooms) {
      const j = roomRow.get(rid);
      if (j !== undefined) pic.append(link(THING.x + THING.w, yOf(i), ROOM.x, yOf(j), via, { 'data-thing': t.id, 'data-room': rid }));
    }
  });
  shownThings.forEach((t, i) => pic.append(thingNode(ctx, t, yOf(i))));
  shownRooms.forEach((r, j) => {
    const y = yOf(j);
    const names = r.uses.map((u) => u.split('/').slice(-1)[0]).join(', ');
    const g = svg(
      'g',
      { className: 'pic-node pic-room', 'data-kind': 'pic-room', 'data-name': r.name },
      svg('rect', { x: ROOM.x, y: y - ROOM.h / 2, width: ROOM.w, height: ROOM.h, rx: 2 }),
      svg('text', { x: ROOM.x + 5, y: y + 4, text: clip(r.name, 16) }),
    );
    pic.append(pressable(g, L('pic.room', { name: r.name, things: names }), () => showRoom(ctx, r.id)));
  });
  if (things.length > MAX) pic.append(moreText(THING.x, yOf(MAX) + 4, L('pic.more', { n: things.length - MAX })));
  if (rooms.length > shownRooms.length) pic.append(moreText(ROOM.x, yOf(shownRooms.length) + 4, L('pic.more', { n: rooms.length - shownRooms.length })));
  box.append(pic);
}

function thingNode(ctx: PanelContext, t: Thing, y: number): SVGGElement {
  const { L } = ctx;
  const top = y - THING.h / 2;
  const gx = THING.x + 5;
  const glyph =
    t.kind === 'PersistentVolumeClaim' || t.kind === 'Volume'
      ? // A locker: a tall door with vents.
        [
          svg('rect', { className: 'glyph', x: gx + 2, y: top + 2, width: 10, height: 14, rx: 1 }),
          svg('path', { className: 'glyph', d: `M${gx + 4} ${top + 5} h6 M${gx + 4} ${top + 8} h6` }),
        ]
      : t.kind === 'ConfigMap'
        ? // A notice board: a board with a pinned note.
          [
            svg('rect', { className: 'glyph', x: gx, y: top + 4, width: 15, height: 11, rx: 1 }),
            svg('circle', { className: 'glyph-pin', cx: gx + 7.5, cy: top + 4, r: 1.8 }),
            svg('path', { className: 'glyph', d: `M${gx + 3} ${top + 9} h9 M${gx + 3} ${top + 12} h6` }),
          ]
        : // A safe: a box with a dial.
          [
            svg('rect', { className: 'glyph', x: gx, y: top + 2, width: 14, height: 14, rx: 1 }),
            svg('circle', { className: 'glyph', cx: gx + 7, cy: top + 9, r: 3.5 }),
          ];
  const own = t.kind === 'Volume' ? [...t.rooms.keys()][0] : undefined;
  const ownRoom = own === undefined ? undefined : ctx.model.pods.get(own);
  const what = t.kind === 'PersistentVolumeClaim' ? 'pic.locker' : t.kind === 'ConfigMap' ? 'pic.board' : 'pic.safe';
  const missing = t.exists === false;
  const label =
    own !== undefined
      ? L('pic.ownLocker', { name: t.name, phase: t.phase, room: ownRoom?.name ?? '' })
      : L(what, { name: t.name, n: t.rooms.size, phase: t.phase || (missing ? L('pic.missing') : '?') }) + (missing ? ` (${L('pic.missing')})` : '');
  const g = svg(
    'g',
    {
      className: `pic-node pic-thing ${t.kind.toLowerCase()}${missing ? ' missing' : ''}`,
      'data-kind': 'pic-thing',
      'data-thing': t.kind,
      'data-name': t.name,
      'data-rooms': t.rooms.size,
      'data-missing': String(missing),
    },
    svg('rect', { x: THING.x, y: top, width: THING.w, height: THING.h, rx: 2 }),
    ...glyph,
    svg('text', { x: THING.x + 24, y: y + 4, text: missing ? `${clip(t.name, 14)} ✕` : clip(t.name, 17) }),
  );
  return pressable(g, label, () => {
    // A room's own locker has no card of its own: show its room.
    if (own !== undefined) return showRoom(ctx, own);
    const card = ctx.cardEls.get(t.id);
    if (!card) return;
    card.setAttribute('tabindex', '-1');
    card.scrollIntoView({ block: 'nearest' });
    card.focus({ preventScroll: true });
  });
}
