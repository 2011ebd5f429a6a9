// The page's frame and its controls: the toolbar (play / step / speed / reset / clock, the view
// tabs, the language), the section headings, and the owner line when the panel shows a lesson's
// cluster.
import { el, icon, setLabel } from '../shared/dom';
import { kubectlForm } from '../shared/kubectl';
import type { PanelContext } from './context';
import { fmtTime } from './format';
import { renderTables } from './tables';
import { renderRemote } from './remote';

/** Builds the page once and wires the toolbar. */
export function skeleton(ctx: PanelContext): void {
  const { ui, host } = ctx;
  ui.play.addEventListener('click', () => host.post({ type: ctx.control.playing ? 'pause' : 'play' }));
  ui.step.addEventListener('click', () => host.post({ type: 'step', ms: 1000 }));
  ui.reset.addEventListener('click', () => host.post({ type: 'reset' }));
  ui.speed.addEventListener('change', () => host.post({ type: 'speed', speed: Number(ui.speed.value) }));
  ui.lang.addEventListener('change', () => host.post({ type: 'setLocale', locale: ui.lang.value as 'auto' | 'en' | 'zh-cn' }));
  ui.viewDorm.addEventListener('click', () => setView(ctx, 'dorm'));
  ui.viewTable.addEventListener('click', () => setView(ctx, 'table'));
  ui.addNode.addEventListener('click', () => host.post({ type: 'node', action: 'add' }));
  const form = kubectlForm('kubectl-form', ui.cmd, ui.run, (line) => host.post({ type: 'kubectl', line }));
  const head = (id: string) => (ui.heads[id] = el('h2', { className: 'head' }));
  ui.lobbyBox.append(head('panel.lobby'), ui.lobby);
  ui.dorm.append(
    el('section', { className: 'buildings' }, el('div', { className: 'row' }, head('panel.buildings'), ui.addNode), ui.campus, ui.lobbyBox, ui.selection),
    el('section', {}, head('panel.workloads'), ui.workloads),
    el('section', {}, head('panel.services'), ui.services),
    el('section', {}, head('panel.configs'), ui.uses, ui.configs),
  );
  ctx.app.replaceChildren(
    el(
      'header',
      { className: 'toolbar', role: 'toolbar' },
      ui.play,
      ui.step,
      el('label', { className: 'lbl', id: 'speed-label' }, ui.speed),
      ui.reset,
      ui.time,
      el('span', { className: 'spacer' }),
      el('div', { className: 'tabs', role: 'tablist' }, ui.viewDorm, ui.viewTable),
      el('label', { className: 'lbl' }, ui.lang),
    ),
    ui.remote,
    ui.owner,
    ui.apply,
    el(
      'div',
      { className: 'main' },
      ui.dorm,
      ui.tables,
      el('aside', { className: 'side' }, head('panel.timeline'), ui.timeline, head('panel.output'), form, ui.output),
    ),
  );
}

/** Shows the dorm or the `kubectl get` tables (the host builds the tables only while they show). */
export function setView(ctx: PanelContext, v: 'dorm' | 'table'): void {
  const { ui, persisted } = ctx;
  if (v !== persisted.view || !ctx.viewSent) ctx.host.post({ type: 'view', view: v });
  ctx.viewSent = true;
  persisted.view = v;
  ctx.host.setState(persisted);
  ui.dorm.hidden = v !== 'dorm';
  ui.tables.hidden = v !== 'table';
  ui.viewDorm.setAttribute('aria-selected', String(v === 'dorm'));
  ui.viewTable.setAttribute('aria-selected', String(v === 'table'));
  if (v === 'table') renderTables(ctx);
}

/** The fixed texts, in the language of the last init. */
export function localize(ctx: PanelContext): void {
  const { ui, L } = ctx;
  document.documentElement.lang = ctx.control.locale === 'zh-cn' ? 'zh-CN' : 'en';
  setLabel(ui.step, 'debug-step-over', L('panel.step'));
  setLabel(ui.reset, 'debug-restart', L('panel.reset'));
  ui.speed.title = L('panel.speed');
  ui.speed.setAttribute('aria-label', L('panel.speed'));
  ui.lang.setAttribute('aria-label', L('panel.language'));
  ui.viewDorm.textContent = L('panel.view.dorm');
  ui.viewTable.textContent = L('panel.view.table');
  ui.time.title = L('panel.time');
  ui.lang.options[0].textContent = L('panel.language.auto');
  ui.lang.options[1].textContent = 'English';
  ui.lang.options[2].textContent = '中文';
  ui.addNode.textContent = `+ ${L('panel.node.add')}`;
  ui.cmd.setAttribute('aria-label', L('panel.kubectl'));
  ui.cmd.placeholder = 'get pods -o wide';
  ui.run.textContent = L('panel.run');
  for (const [id, h] of Object.entries(ui.heads)) h.textContent = L(id);
}

/** The toolbar as the host's control state says (playing, speed, language, clock, owner). */
export function renderControl(ctx: PanelContext): void {
  const { ui, control, L } = ctx;
  if (control.playing) setLabel(ui.play, 'debug-pause', L('panel.pause'));
  else setLabel(ui.play, 'play', L('panel.play'));
  ui.play.setAttribute('aria-pressed', String(control.playing));
  ui.play.dataset.playing = String(control.playing);
  ui.speed.value = String(control.speed);
  ui.lang.value = control.localeChoice;
  setLabel(ui.time, 'clock', fmtTime(control.t));
  ui.time.dataset.t = String(control.t);
  renderRemote(ctx);
  ui.owner.hidden = !control.owner;
  if (control.owner && ui.owner.dataset.owner !== control.owner) {
    ui.owner.dataset.owner = control.owner;
    ui.owner.replaceChildren(icon('mortar-board'), ' ', L('panel.owner', { owner: control.owner }));
  }
}
