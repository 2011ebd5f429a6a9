// Messages from the host, applied to the model and the page: the first state (drawn in view
// first, the rest in slices after the first paint), then diffs, timeline rows, outputs, secrets.
import { unpackPod } from '../../core/panel/wire';
import type { HostMessage, PanelState, PodView, StateDiff } from '../protocol/panel';
import { clear } from '../shared/dom';
import { dropCard, renderConfig, renderWorkload, showSecret } from './cards';
import type { PanelContext } from './context';
import { localize, renderControl } from './controls';
import { nodeEl, removeNode, removePod, renderPod, select } from './dorm';
import { renderApply, showOutput } from './output';
import { linkService, renderService } from './services';
import { renderTables } from './tables';
import { addEvents } from './timeline';
import { runOrders } from './dispatch';
import { renderUses } from './lockers';
import { followClock } from './rollout-chart';
import { showWhy } from './why';

/** Below this many rooms everything is drawn at once. */
const DEFER_OVER = 300;

export function onMessage(ctx: PanelContext, m: HostMessage): void {
  const { app } = ctx;
  switch (m.type) {
    case 'init': {
      performance.mark('kd:init:start');
      app.dataset.init = 'message'; // 'embedded' when it came in the page (set after this returns)
      ctx.L.strings = m.strings;
      ctx.control = m.control;
      localize(ctx);
      renderControl(ctx);
      applyState(ctx, { ...m.state, pods: m.state.pods.map(unpackPod) });
      addEvents(ctx, m.events, true);
      renderApply(ctx, m.apply);
      ctx.persisted.files = m.files;
      ctx.host.setState(ctx.persisted);
      select(ctx, ctx.selectedPod);
      app.dataset.ready = 'false';
      markReady(ctx);
      performance.measure('kd:init', 'kd:init:start');
      // When the first state has been painted (read by bench/panel).
      if (!performance.getEntriesByName('kd:first-paint').length) {
        const drawn = ctx.podEls.size;
        // rAF runs just before the frame is painted; a message posted from it is handled just after.
        const ch = new MessageChannel();
        ch.port1.onmessage = () => performance.mark('kd:first-paint', { detail: { drawn } });
        requestAnimationFrame(() => ch.port2.postMessage(0));
      }
      break;
    }
    case 'diff': {
      const wasRemote = !!ctx.control.remote;
      ctx.control = m.control;
      // A real cluster's panel cannot tell a missing notice board from one it does not watch.
      if (wasRemote !== !!m.control.remote) {
        renderUses(ctx);
        // A roommate's power limiter says what the panel knows of it (throttling is known only in the simulator).
        for (const [id, p] of ctx.model.pods) if (ctx.podEls.has(id)) renderPod(ctx, p);
      }
      renderControl(ctx);
      if (m.diff) applyDiff(ctx, { ...m.diff, upsert: { ...m.diff.upsert, pods: m.diff.upsert.pods?.map(unpackPod) } });
      followClock(ctx);
      if (m.events.length) addEvents(ctx, m.events);
      break;
    }
    case 'applied':
      renderApply(ctx, m.apply);
      ctx.persisted.files = m.files;
      ctx.host.setState(ctx.persisted);
      break;
    case 'output':
      showOutput(ctx, m.text, m.error, m.answered);
      if (m.service) runOrders(ctx, m.service, m.answered ?? []);
      break;
    case 'secret':
      showSecret(ctx, m);
      break;
    case 'why':
      showWhy(ctx, m);
      break;
  }
}

/** Drops a card; a Service's rooms lose its mark first. */
function drop(ctx: PanelContext, id: string): void {
  if (ctx.serviceLinks.has(id)) linkService(ctx, id, undefined);
  ctx.served.delete(id);
  dropCard(ctx, id);
}

function applyState(ctx: PanelContext, s: PanelState): void {
  const { model } = ctx;
  ctx.initializing = true;
  for (const id of [...ctx.podEls.keys()]) removePod(ctx, id);
  for (const n of [...ctx.nodeEls.keys()]) removeNode(ctx, n);
  for (const id of [...ctx.cardEls.keys()]) drop(ctx, id);
  clear(ctx.ui.lobby);
  ctx.lobbyGroups.clear();
  ctx.deferredPods.clear();
  ctx.served.clear();
  for (const k of ['nodes', 'pods', 'services', 'workloads', 'configs', 'tables'] as const) (model[k] as Map<string, unknown>).clear();
  try {
    const nodeNames = new Set(s.nodes.map((n) => n.name));
    const later = s.pods.length > DEFER_OVER ? s.pods.filter((p) => nodeNames.has(p.node)) : [];
    const laterIds = new Set(later.map((p) => p.id));
    // Everything but the scheduled rooms of a big campus: buildings, cards, tables, the lobby.
    applyDiff(ctx, {
      t: s.t,
      upsert: {
        nodes: s.nodes,
        pods: s.pods.filter((p) => !laterIds.has(p.id)),
        services: s.services,
        workloads: s.workloads,
        configs: s.configs,
        tables: s.tables,
      },
      remove: {},
      notSimulated: s.notSimulated,
    });
    if (later.length) drawVisibleFirst(ctx, later);
  } finally {
    ctx.initializing = false;
  }
  markCounts(ctx); // the deferred rooms are in the model now
  renderUses(ctx);
}

function markCounts(ctx: PanelContext): void {
  const { app, model } = ctx;
  app.dataset.pods = String(model.pods.size);
  app.dataset.empty = String(!model.pods.size && !model.workloads.size && !model.services.size);
}

/** Draws the rooms of the buildings in view, row by row of the grid, and defers the rest. */
function drawVisibleFirst(ctx: PanelContext, pods: PodView[]): void {
  const byNode = new Map<string, PodView[]>();
  for (const p of pods) {
    ctx.model.pods.set(p.id, p);
    const list = byNode.get(p.node);
    if (list) list.push(p);
    else byNode.set(p.node, [p]);
  }
  const buildings = [...ctx.nodeEls.entries()];
  const draw = (list: typeof buildings) => {
    for (const [name] of list) for (const p of byNode.get(name) ?? []) renderPod(ctx, p);
  };
  // Two layouts: where the grid's rows start and how many buildings a row holds (from the empty
  // buildings), then how tall a row is once its rooms are in. Rows below the window wait.
  let inView = ctx.persisted.view !== 'table' ? buildings.length : 0;
  if (inView) {
    const top0 = buildings[0][1].root.getBoundingClientRect().top;
    let perRow = 0;
    while (perRow < buildings.length && buildings[perRow][1].root.getBoundingClientRect().top === top0) perRow++;
    draw(buildings.slice(0, perRow));
    const rowHeight = Math.max(1, Math.max(...buildings.slice(0, perRow).map(([, x]) => x.root.getBoundingClientRect().height)));
    const rows = Math.max(1, Math.ceil((window.innerHeight - top0) / rowHeight));
    inView = Math.min(buildings.length, rows * perRow);
    draw(buildings.slice(perRow, inView));
  }
  for (const [name] of buildings.slice(inView)) for (const p of byNode.get(name) ?? []) ctx.deferredPods.set(p.id, p);
  if (ctx.deferredPods.size) setTimeout(() => drainDeferred(ctx), 0);
}

function drainDeferred(ctx: PanelContext): void {
  const until = performance.now() + 12;
  ctx.initializing = true;
  try {
    for (const [id, p] of ctx.deferredPods) {
      ctx.deferredPods.delete(id);
      renderPod(ctx, p);
      if (performance.now() > until) break;
    }
  } finally {
    ctx.initializing = false;
  }
  if (ctx.deferredPods.size) setTimeout(() => drainDeferred(ctx), 0);
  else markReady(ctx);
}

function markReady(ctx: PanelContext): void {
  const { app } = ctx;
  if (ctx.deferredPods.size || app.dataset.ready === 'true') return;
  app.dataset.ready = 'true';
  performance.mark('kd:all-drawn');
  ctx.ui.campus.classList.add('settled');
}

function applyDiff(ctx: PanelContext, d: StateDiff): void {
  const { model, ui } = ctx;
  for (const id of d.remove.pods ?? []) {
    model.pods.delete(id);
    ctx.deferredPods.delete(id);
    removePod(ctx, id);
  }
  for (const id of d.remove.nodes ?? []) {
    const n = model.nodes.get(id);
    model.nodes.delete(id);
    if (n) removeNode(ctx, n.name);
  }
  for (const k of ['services', 'workloads', 'configs'] as const) {
    for (const id of d.remove[k] ?? []) {
      model[k].delete(id);
      drop(ctx, id);
    }
  }
  for (const id of d.remove.tables ?? []) model.tables.delete(id);
  for (const n of d.upsert.nodes ?? []) {
    model.nodes.set(n.id, n);
    nodeEl(ctx, n);
  }
  for (const p of d.upsert.pods ?? []) {
    model.pods.set(p.id, p);
    ctx.deferredPods.delete(p.id);
    renderPod(ctx, p);
  }
  for (const w of d.upsert.workloads ?? []) model.workloads.set(w.id, w);
  for (const w of d.upsert.workloads ?? []) renderWorkload(ctx, w);
  for (const s of d.upsert.services ?? []) {
    model.services.set(s.id, s);
    renderService(ctx, s);
  }
  for (const c of d.upsert.configs ?? []) {
    model.configs.set(c.id, c);
    renderConfig(ctx, c);
  }
  for (const tb of d.upsert.tables ?? []) model.tables.set(tb.id, tb);
  if (d.upsert.tables?.length || d.remove.tables?.length) ctx.tablesDirty = true;
  if (d.notSimulated) model.notSimulated = d.notSimulated;
  if (d.upsert.pods?.length || d.remove.pods?.length || d.upsert.configs?.length || d.remove.configs?.length) renderUses(ctx);
  ui.lobbyBox.hidden = !ui.lobby.querySelector('.room');
  if (ctx.selectedPod && d.upsert.pods?.some((p) => p.id === ctx.selectedPod)) select(ctx, ctx.selectedPod);
  renderTables(ctx);
  markCounts(ctx);
}
