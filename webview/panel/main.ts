// The "Simulate manifest" panel (dist/webview/panel.js): renders what the extension host sends —
// one `init`, then diffs — as the dorm (buildings, rooms, roommates, dispatch centres), as
// `kubectl get` tables, and as a timeline of events told twice. Every control posts a typed
// message; the host validates it and runs the engine. All text goes in through textContent, never
// innerHTML, so names from manifests cannot inject markup.
import type { ApplySummary, ConfigView, ControlState, HostMessage, NodeView, PanelMessage, PanelPersistedState, PanelState, PodView, ServiceView, StateDiff, TableView, WireEvent, WorkloadView } from '../protocol/panel';
import { podId, unpackPod } from '../../core/panel/wire';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: PanelMessage) => vscode.postMessage(m);
const SPEEDS = [0.5, 1, 2, 5, 10, 30];
/** Owner kind → codicon: the head manager, the building auntie, the counsellors, the power room, the electrician, the cleaning auntie. */
const GROUP_ICONS: Record<string, string> = { Deployment: 'organization', ReplicaSet: 'person', StatefulSet: 'mortar-board', DaemonSet: 'zap', Job: 'tools', CronJob: 'history', Pod: 'home' };
const MAX_TIMELINE = 300;
const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

let strings: Record<string, string> = {};
const L = (id: string, args?: Record<string, string | number>) => {
  const s = strings[id] ?? id;
  return args ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m)) : s;
};

// ---------------------------------------------------------------------------------------------
// DOM helpers (text only)

type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') e.addEventListener(k.replace(/^on/, ''), v as EventListener);
    else if (k === 'text') e.textContent = String(v);
    else if (k === 'className') e.className = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== undefined) e.append(c);
  return e;
}
/** A codicon (media/panel/codicons, @vscode/codicons), decorative. */
const icon = (name: string) => el('span', { className: `codicon codicon-${name}`, 'aria-hidden': 'true' });
const button = (label: string, onClick: () => void, extra: Attrs = {}, iconName?: string) => {
  const b = el('button', { type: 'button', className: 'btn', onclick: onClick, ...extra });
  if (iconName) b.append(icon(iconName), ' ');
  b.append(label);
  return b;
};
const setLabel = (b: HTMLElement, iconName: string, label: string) => b.replaceChildren(icon(iconName), ' ', label);
const clear = (e: Element) => e.replaceChildren();
/** A stable hue for a group name (colours the rooms of one owner alike). */
function hue(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length && i < 200; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h % 360;
}
function statusClass(status: string, ready: boolean): string {
  if (status === 'Running') return ready ? 'ok' : 'notready';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (status === 'Terminating') return 'leaving';
  if (/^(Pending|ContainerCreating|PodInitializing|Init:\d+\/\d+)$/.test(status)) return 'pending';
  if (status === 'NotReady') return 'notready';
  return 'bad';
}
function fmtTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${h ? `${h}:` : ''}${String(m).padStart(h ? 2 : 1, '0')}:${String(ss).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// State

const state = {
  nodes: new Map<string, NodeView>(),
  pods: new Map<string, PodView>(),
  services: new Map<string, ServiceView>(),
  workloads: new Map<string, WorkloadView>(),
  configs: new Map<string, ConfigView>(),
  tables: new Map<string, TableView>(),
  notSimulated: [] as string[],
};
let control: ControlState = { playing: false, speed: 1, t: 0, locale: 'en', localeChoice: 'auto' };
const persisted: PanelPersistedState = { view: 'dorm', files: [], ...((vscode.getState() as Partial<PanelPersistedState> | undefined) ?? {}) };
let selectedPod: string | undefined;
let tablesDirty = true;
let viewSent = false;

// ---------------------------------------------------------------------------------------------
// Skeleton

const app = document.getElementById('app') ?? document.body.appendChild(el('div', { id: 'app' }));
const ui = {
  play: el('button', { type: 'button', className: 'btn primary', id: 'play', 'data-action': 'play' }),
  step: el('button', { type: 'button', className: 'btn', id: 'step', 'data-action': 'step' }),
  speed: el('select', { id: 'speed', className: 'select' }),
  reset: el('button', { type: 'button', className: 'btn', id: 'reset', 'data-action': 'reset' }),
  time: el('span', { className: 'time', id: 'time', role: 'timer', 'aria-live': 'off' }),
  viewDorm: el('button', { type: 'button', className: 'tab', id: 'view-dorm', role: 'tab' }),
  viewTable: el('button', { type: 'button', className: 'tab', id: 'view-table', role: 'tab' }),
  lang: el('select', { id: 'language', className: 'select' }),
  apply: el('div', { id: 'apply', className: 'apply', role: 'status' }),
  owner: el('p', { id: 'owner', className: 'owner', 'data-kind': 'owner', hidden: true }),
  dorm: el('div', { id: 'dorm', className: 'view dorm', role: 'tabpanel' }),
  tables: el('div', { id: 'tables', className: 'view tables', role: 'tabpanel' }),
  campus: el('div', { className: 'campus', id: 'campus' }),
  lobby: el('div', { className: 'rooms lobby-rooms', id: 'lobby' }),
  lobbyBox: el('section', { className: 'lobby', id: 'lobby-box' }),
  selection: el('div', { className: 'selection', id: 'selection', 'aria-live': 'polite' }),
  workloads: el('div', { className: 'cards', id: 'workloads' }),
  services: el('div', { className: 'cards', id: 'services' }),
  configs: el('div', { className: 'cards', id: 'configs' }),
  timeline: el('ol', { className: 'timeline', id: 'timeline', 'aria-live': 'polite' }),
  output: el('pre', { className: 'output', id: 'output', 'aria-live': 'polite' }),
  cmd: el('input', { type: 'text', id: 'kubectl', className: 'input', spellcheck: 'false', autocomplete: 'off' }),
  heads: {} as Record<string, HTMLElement>,
};
for (const s of SPEEDS) ui.speed.append(el('option', { value: String(s), text: `${s}×` }));
for (const l of ['auto', 'en', 'zh-cn']) ui.lang.append(el('option', { value: l }));

const head = (id: string) => (ui.heads[id] = el('h2', { className: 'head' }));
function skeleton(): void {
  ui.play.addEventListener('click', () => post({ type: control.playing ? 'pause' : 'play' }));
  ui.step.addEventListener('click', () => post({ type: 'step', ms: 1000 }));
  ui.reset.addEventListener('click', () => post({ type: 'reset' }));
  ui.speed.addEventListener('change', () => post({ type: 'speed', speed: Number(ui.speed.value) }));
  ui.lang.addEventListener('change', () => post({ type: 'setLocale', locale: ui.lang.value as 'auto' | 'en' | 'zh-cn' }));
  ui.viewDorm.addEventListener('click', () => setView('dorm'));
  ui.viewTable.addEventListener('click', () => setView('table'));
  const addNode = el('button', { type: 'button', className: 'btn', id: 'add-node', onclick: () => post({ type: 'node', action: 'add' }) });
  ui.heads.addNode = addNode;
  const form = el('form', { className: 'kubectl-form' }, el('span', { className: 'prompt', text: '$ kubectl' }), ui.cmd, el('button', { type: 'submit', className: 'btn', id: 'run' }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const line = ui.cmd.value.trim();
    if (line) post({ type: 'kubectl', line: line.slice(0, 4096) });
  });
  ui.lobbyBox.append(head('panel.lobby'), ui.lobby);
  ui.dorm.append(
    el('section', { className: 'buildings' }, el('div', { className: 'row' }, head('panel.buildings'), addNode), ui.campus, ui.lobbyBox, ui.selection),
    el('section', {}, head('panel.workloads'), ui.workloads),
    el('section', {}, head('panel.services'), ui.services),
    el('section', {}, head('panel.configs'), ui.configs),
  );
  app.replaceChildren(
    el('header', { className: 'toolbar', role: 'toolbar' }, ui.play, ui.step, el('label', { className: 'lbl', id: 'speed-label' }, ui.speed), ui.reset, ui.time, el('span', { className: 'spacer' }), el('div', { className: 'tabs', role: 'tablist' }, ui.viewDorm, ui.viewTable), el('label', { className: 'lbl' }, ui.lang)),
    ui.owner,
    ui.apply,
    el('div', { className: 'main' }, ui.dorm, ui.tables, el('aside', { className: 'side' }, head('panel.timeline'), ui.timeline, head('panel.output'), form, ui.output)),
  );
  document.addEventListener('keydown', onKey);
}

function setView(v: 'dorm' | 'table'): void {
  if (v !== persisted.view || !viewSent) post({ type: 'view', view: v });
  viewSent = true;
  persisted.view = v;
  vscode.setState(persisted);
  ui.dorm.hidden = v !== 'dorm';
  ui.tables.hidden = v !== 'table';
  ui.viewDorm.setAttribute('aria-selected', String(v === 'dorm'));
  ui.viewTable.setAttribute('aria-selected', String(v === 'table'));
  if (v === 'table') renderTables();
}

function localize(): void {
  document.documentElement.lang = control.locale === 'zh-cn' ? 'zh-CN' : 'en';
  setLabel(ui.step, 'debug-step-over', L('panel.step'));
  setLabel(ui.reset, 'debug-restart', L('panel.reset'));
  ui.speed.title = L('panel.speed');
  ui.speed.setAttribute('aria-label', L('panel.speed'));
  ui.lang.setAttribute('aria-label', L('panel.language'));
  ui.viewDorm.textContent = L('panel.view.dorm');
  ui.viewTable.textContent = L('panel.view.table');
  ui.time.title = L('panel.time');
  (ui.lang.options[0] as HTMLOptionElement).textContent = L('panel.language.auto');
  (ui.lang.options[1] as HTMLOptionElement).textContent = 'English';
  (ui.lang.options[2] as HTMLOptionElement).textContent = '中文';
  ui.heads.addNode.textContent = `+ ${L('panel.node.add')}`;
  ui.cmd.setAttribute('aria-label', L('panel.kubectl'));
  ui.cmd.placeholder = 'get pods -o wide';
  const run = document.getElementById('run');
  if (run) run.textContent = L('panel.run');
  for (const [id, h] of Object.entries(ui.heads)) if (id.startsWith('panel.')) h.textContent = L(id);
}

function renderControl(): void {
  if (control.playing) setLabel(ui.play, 'debug-pause', L('panel.pause'));
  else setLabel(ui.play, 'play', L('panel.play'));
  ui.play.setAttribute('aria-pressed', String(control.playing));
  ui.play.dataset.playing = String(control.playing);
  ui.speed.value = String(control.speed);
  ui.lang.value = control.localeChoice;
  setLabel(ui.time, 'clock', fmtTime(control.t));
  ui.time.dataset.t = String(control.t);
  ui.owner.hidden = !control.owner;
  if (control.owner && ui.owner.dataset.owner !== control.owner) {
    ui.owner.dataset.owner = control.owner;
    ui.owner.replaceChildren(icon('mortar-board'), ' ', L('panel.owner', { owner: control.owner }));
  }
}

// ---------------------------------------------------------------------------------------------
// Apply result

function renderApply(a: ApplySummary | undefined): void {
  clear(ui.apply);
  if (!a) return;
  ui.apply.dataset.refused = String(a.refusals.length > 0);
  if (a.refusals.length) {
    ui.apply.append(el('p', { className: 'refused-title', text: L('panel.refused') }));
    const list = el('ul', { className: 'refusals' });
    for (const r of a.refusals) {
      const li = el('li', { className: 'refusal', 'data-kind': 'refusal', 'data-line': r.line === undefined ? undefined : r.line + 1, 'data-code': r.code }, el('code', { text: r.text }));
      if (r.uri && r.line !== undefined) {
        const uri = r.uri;
        const line = r.line;
        li.append(' ', button(L('panel.openLine', { line: line + 1 }), () => post({ type: 'openLocation', uri, line }), { className: 'btn link' }));
      }
      list.append(li);
    }
    ui.apply.append(list);
  }
  if (a.lines.length) ui.apply.append(el('pre', { className: 'applied', text: a.lines.join('\n') }));
  if (a.notSimulated.length) ui.apply.append(el('p', { className: 'muted', text: a.notSimulated.join('\n') }));
}

// ---------------------------------------------------------------------------------------------
// Buildings and rooms

const nodeEls = new Map<string, { root: HTMLElement; rooms: HTMLElement; status: HTMLElement; groups: Map<string, HTMLElement>; actions: HTMLElement }>();
const podEls = new Map<string, HTMLElement>();
const lobbyGroups = new Map<string, HTMLElement>();

function nodeEl(n: NodeView) {
  let x = nodeEls.get(n.name);
  if (!x) {
    const status = el('span', { className: 'node-status' });
    const rooms = el('div', { className: 'rooms' });
    const actions = el('div', { className: 'node-actions' });
    const root = el('article', { className: 'building', 'data-kind': 'node', 'data-name': n.name }, el('div', { className: 'building-head' }, icon('home'), el('span', { className: 'name', text: n.name, title: n.name }), status), actions, rooms);
    x = { root, rooms, status, groups: new Map(), actions };
    nodeEls.set(n.name, x);
    ui.campus.append(root);
  }
  x.root.dataset.status = n.status;
  x.root.classList.toggle('down', !n.ready);
  x.root.classList.toggle('cordoned', n.unschedulable);
  x.status.textContent = n.status;
  x.status.title = `cpu ${n.cpu} · memory ${n.memory} · pods ${n.maxPods}`;
  clear(x.actions);
  const name = n.name;
  x.actions.append(
    n.ready ? button(L('panel.node.fail'), () => post({ type: 'node', action: 'fail', name }), { 'data-action': 'fail' }) : button(L('panel.node.recover'), () => post({ type: 'node', action: 'recover', name }), { 'data-action': 'recover' }),
    n.unschedulable ? button(L('panel.node.uncordon'), () => post({ type: 'node', action: 'uncordon', name }), { 'data-action': 'uncordon' }) : button(L('panel.node.cordon'), () => post({ type: 'node', action: 'cordon', name }), { 'data-action': 'cordon' }),
  );
  return x;
}

function groupBox(container: HTMLElement, groups: Map<string, HTMLElement>, p: PodView): HTMLElement {
  const key = `${p.groupKind}/${p.groupName}`;
  let g = groups.get(key);
  if (!g) {
    const iconName = GROUP_ICONS[p.groupKind] ?? 'package';
    g = el('div', { className: 'group', 'data-group': key }, el('div', { className: 'group-label', title: key }, icon(iconName), el('span', { className: 'gk', text: p.groupKind }), el('span', { className: 'gn', text: p.groupName })));
    g.style.setProperty('--group-hue', String(hue(key)));
    groups.set(key, g);
    container.append(g);
  }
  return g;
}

function podTitle(p: PodView): string {
  const served = servedBy.get(p.id);
  return `${p.name}\n${p.status} · READY ${p.ready} · RESTARTS ${p.restarts}${p.ip ? ` · ${p.ip}` : ''}${p.ownerKind ? `\n${p.ownerKind}/${p.ownerName}` : ''}${served?.size ? `\n${L('panel.svc.servedBy', { services: [...served].join(', ') })}` : ''}`;
}

function renderPod(p: PodView): void {
  let r = podEls.get(p.id);
  const isNew = !r;
  if (!r) {
    r = el('div', { className: 'room', 'data-kind': 'pod', tabindex: '0', role: 'button' });
    r.addEventListener('click', () => select(p.id));
    podEls.set(p.id, r);
    // Rooms that move in later are animated; the first drawing is not (1,000 animations would delay the first paint).
    if (!initializing && !reducedMotion()) r.classList.add('enter');
  }
  r.dataset.name = p.name;
  r.dataset.namespace = p.namespace;
  r.dataset.status = p.status;
  r.dataset.node = p.node;
  r.dataset.owner = p.ownerName;
  r.dataset.group = `${p.groupKind}/${p.groupName}`;
  const served = servedBy.get(p.id);
  r.className = `room ${statusClass(p.status, p.podReady)}${r.classList.contains('enter') ? ' enter' : ''}${selectedPod === p.id ? ' selected' : ''}${served?.size ? ' served' : ''}${r.classList.contains('linked') ? ' linked' : ''}`;
  r.dataset.services = served ? [...served].join(' ') : '';
  r.setAttribute('aria-label', `${p.name}: ${p.status} ${p.ready}`);
  r.title = podTitle(p);
  const roommates = el('div', { className: 'roommates' });
  for (const c of p.containers) {
    roommates.append(el('span', { className: `roommate ${c.state}${c.ready ? ' ready' : ''}${c.init ? ' init' : ''}`, 'data-kind': 'container', 'data-name': c.name, 'data-state': c.reason || c.state, title: `${c.init ? 'init ' : ''}${c.name} · ${c.image} · ${c.reason || c.state}${c.restarts ? ` · restarts ${c.restarts}` : ''}${c.memoryLimit ? ` · limit ${c.memoryLimit}` : ''}`, text: c.init ? '◌' : '●' }));
  }
  r.replaceChildren(
    ...(p.ordinal >= 0 ? [el('span', { className: 'door', title: `#${p.ordinal}`, text: `#${p.ordinal}` })] : []),
    el('span', { className: 'pod-name', text: p.name }),
    el('span', { className: 'pod-status', text: p.status }),
    roommates,
  );
  // Place it: in its building, inside its owner's group (or in the lobby while unscheduled).
  const n = p.node ? nodeEls.get(p.node) : undefined;
  const target = n ? groupBox(n.rooms, n.groups, p) : groupBox(ui.lobby, lobbyGroups, p);
  if (r.parentElement !== target) target.append(r);
  if (isNew && r.classList.contains('enter')) setTimeout(() => r!.classList.remove('enter'), 400);
}

function removePod(id: string): void {
  const r = podEls.get(id);
  podEls.delete(id);
  if (selectedPod === id) select(undefined);
  if (!r) return;
  r.dataset.kind = 'pod-gone';
  if (reducedMotion()) return void dropRoom(r);
  r.classList.add('leave');
  setTimeout(() => dropRoom(r), 300);
}
function dropRoom(r: HTMLElement): void {
  const g = r.parentElement;
  r.remove();
  if (g && g.classList.contains('group') && !g.querySelector('.room')) {
    for (const m of [lobbyGroups, ...[...nodeEls.values()].map((x) => x.groups)]) for (const [k, v] of m) if (v === g) m.delete(k);
    g.remove();
  }
}

function removeNode(name: string): void {
  const x = nodeEls.get(name);
  if (!x) return;
  nodeEls.delete(name);
  x.root.remove();
}

function select(id: string | undefined): void {
  if (selectedPod && podEls.get(selectedPod)) podEls.get(selectedPod)!.classList.remove('selected');
  selectedPod = id;
  clear(ui.selection);
  const p = id ? state.pods.get(id) : undefined;
  if (!p) {
    selectedPod = undefined;
    ui.selection.append(el('p', { className: 'muted', text: L('panel.pod.none') }));
    return;
  }
  podEls.get(p.id)?.classList.add('selected');
  const ns = p.namespace === 'default' ? undefined : p.namespace;
  const running = p.containers.find((c) => !c.init && c.state === 'running')?.name;
  ui.selection.append(
    el('span', { className: 'lbl', text: `${L('panel.pod.selected')}: ` }),
    el('code', { className: 'sel-name', text: p.name }),
    button(L('panel.pod.delete'), () => post({ type: 'deletePod', name: p.name, namespace: ns }), { 'data-action': 'delete-pod' }, 'trash'),
    button(L('panel.pod.crash'), () => post({ type: 'crash', pod: p.name, namespace: ns, container: running }), { 'data-action': 'crash' }, 'bug'),
    button(L('panel.pod.oom'), () => post({ type: 'oom', pod: p.name, namespace: ns, container: running }), { 'data-action': 'oom' }, 'flame'),
  );
}

// ---------------------------------------------------------------------------------------------
// Workloads, Services, Secrets/ConfigMaps (cards, re-rendered when their view changes)

const cardEls = new Map<string, HTMLElement>();

function card(container: HTMLElement, id: string, attrs: Attrs): HTMLElement {
  let c = cardEls.get(id);
  if (!c) {
    c = el('article', { className: 'card' });
    cardEls.set(id, c);
    container.append(c);
  }
  for (const [k, v] of Object.entries(attrs)) if (typeof v === 'string') c.setAttribute(k, v);
  return c;
}
function dropCard(id: string): void {
  if (serviceLinks.has(id)) linkService(id, undefined);
  cardEls.get(id)?.remove();
  cardEls.delete(id);
}

function renderWorkload(w: WorkloadView): void {
  if (w.kind === 'ReplicaSet' && w.ownerKind === 'Deployment') {
    // Shown inside its Deployment's card.
    const d = [...state.workloads.values()].find((x) => x.kind === 'Deployment' && x.name === w.ownerName && x.namespace === w.namespace);
    if (d) renderWorkload(d);
    return;
  }
  const c = card(ui.workloads, w.id, { 'data-kind': w.kind.toLowerCase(), 'data-name': w.name });
  const ns = w.namespace === 'default' ? undefined : w.namespace;
  const iconName = GROUP_ICONS[w.kind] ?? 'package';
  const body: (Node | string)[] = [
    el('div', { className: 'card-head' }, icon(iconName), el('span', { className: 'gk', text: w.kind }), el('span', { className: 'name', text: w.name, title: w.name }), el('span', { className: 'summary', text: w.summary })),
    el('div', { className: 'muted mono', text: [w.images.join(', '), w.revision ? `rev ${w.revision}` : '', w.detail].filter(Boolean).join(' · ') }),
  ];
  if (w.kind === 'Deployment') {
    const rss = [...state.workloads.values()].filter((x) => x.kind === 'ReplicaSet' && x.ownerName === w.name && x.namespace === w.namespace);
    if (rss.length) {
      const ul = el('ul', { className: 'rs-list' });
      for (const rs of rss.sort((a, b) => Number(b.revision) - Number(a.revision))) ul.append(el('li', { 'data-kind': 'replicaset', 'data-name': rs.name }, icon(GROUP_ICONS.ReplicaSet), ' ', el('span', { className: 'mono', text: rs.name }), el('span', { className: 'summary', text: ` ${rs.summary} · rev ${rs.revision} · ${rs.images.join(', ')}` })));
      body.push(ul);
    }
  }
  if (w.kind === 'Deployment' || w.kind === 'StatefulSet' || (w.kind === 'ReplicaSet' && !w.ownerKind)) {
    const rep = el('input', { type: 'number', min: '0', max: '1000', className: 'input num', value: String(w.replicas), 'aria-label': L('panel.prompt.replicas', { name: w.name }) });
    const kind = w.kind as 'Deployment' | 'StatefulSet' | 'ReplicaSet';
    body.push(el('div', { className: 'row' }, rep, button(L('panel.scale'), () => {
      const n = Number(rep.value);
      if (Number.isInteger(n) && n >= 0 && n <= 1000) post({ type: 'scale', kind, name: w.name, namespace: ns, replicas: n });
    }, { 'data-action': 'scale' })));
  }
  if (w.kind === 'Deployment' || w.kind === 'StatefulSet' || w.kind === 'DaemonSet') {
    const img = el('input', { type: 'text', className: 'input', value: w.images[0] ?? '', spellcheck: 'false', 'aria-label': L('panel.prompt.image', { name: w.name }), 'data-field': 'image' });
    const kind = w.kind as 'Deployment' | 'StatefulSet' | 'DaemonSet';
    const row = el('div', { className: 'row' }, img, button(L('panel.setImage'), () => {
      const v = img.value.trim();
      if (v) post({ type: 'setImage', kind, name: w.name, namespace: ns, image: v.slice(0, 253) });
    }, { 'data-action': 'set-image' }));
    if (w.kind === 'Deployment') {
      row.append(button(L('panel.rollback'), () => post({ type: 'rollback', name: w.name, namespace: ns }), { 'data-action': 'rollback' }, 'discard'));
      row.append(button(L('panel.canary'), () => post({ type: 'canary', deployment: w.name, namespace: ns, image: img.value.trim().slice(0, 253) || undefined }), { 'data-action': 'canary' }, 'beaker'));
    }
    body.push(row);
  }
  // Keep what the user is typing: do not rebuild a card while one of its inputs has focus.
  if (c.contains(document.activeElement) && document.activeElement instanceof HTMLInputElement) {
    const s = c.querySelector('.summary');
    if (s) s.textContent = w.summary;
    return;
  }
  c.replaceChildren(...body);
}

function renderService(s: ServiceView): void {
  const c = card(ui.services, s.id, { 'data-kind': 'service', 'data-name': s.name });
  linkService(s.id, s);
  if (!c.dataset.linked) {
    c.dataset.linked = 'true';
    const id = s.id;
    c.addEventListener('mouseenter', () => highlightService(id, true));
    c.addEventListener('mouseleave', () => highlightService(id, false));
    c.addEventListener('focusin', () => highlightService(id, true));
    c.addEventListener('focusout', () => highlightService(id, false));
  }
  if (c.contains(document.activeElement) && document.activeElement instanceof HTMLInputElement) {
    // Only refresh the endpoint list while the user types a selector.
    const eps = c.querySelector('.endpoints');
    if (eps) eps.replaceWith(endpoints(s));
    return;
  }
  const ns = s.namespace === 'default' ? undefined : s.namespace;
  const iconName = s.type === 'NodePort' ? 'sign-in' : s.type === 'LoadBalancer' ? 'globe' : 'broadcast';
  const sel = el('input', { type: 'text', className: 'input', spellcheck: 'false', value: Object.entries(s.selector).map(([k, v]) => `${k}=${v}`).join(','), 'aria-label': L('panel.prompt.selector', { name: s.name }), 'data-field': 'selector' });
  c.replaceChildren(
    el('div', { className: 'card-head' }, icon(iconName), el('span', { className: 'gk', text: s.type }), el('span', { className: 'name', text: s.name, title: s.name }), el('span', { className: 'summary mono', text: `${s.clusterIP} ${s.ports}${s.externalIP !== '<none>' ? ` · ${s.externalIP}` : ''}` })),
    endpoints(s),
    el('div', { className: 'row' }, button(L('panel.svc.request'), () => post({ type: 'request', service: s.name, namespace: ns, count: 5 }), { 'data-action': 'request' }, 'send')),
    el('div', { className: 'row' }, sel, button(L('panel.svc.selector'), () => {
      const selector: Record<string, string> = {};
      for (const part of sel.value.split(',')) {
        const i = part.indexOf('=');
        if (i > 0) selector[part.slice(0, i).trim().slice(0, 253)] = part.slice(i + 1).trim().slice(0, 63);
      }
      if (Object.keys(selector).length) post({ type: 'setSelector', service: s.name, namespace: ns, selector });
    }, { 'data-action': 'set-selector' })),
  );
}
/** At most this many endpoint chips per list on a card (a Service in front of 1,000 rooms says "+N"). */
const MAX_CHIPS = 24;

function endpoints(s: ServiceView): HTMLElement {
  const box = el('div', { className: 'endpoints', 'data-ready': String(s.ready.length) }, el('span', { className: 'lbl', text: `${L('panel.svc.endpoints')}: ` }));
  if (!s.ready.length) box.append(el('span', { className: 'muted', text: L('panel.svc.noEndpoints') }));
  const chips = (names: string[], cls: string, kind: string) => {
    for (const n of names.slice(0, MAX_CHIPS)) {
      box.append(el('button', { type: 'button', className: cls, 'data-kind': kind, 'data-name': n, text: n, title: L('panel.svc.showRoom', { name: n }), onclick: () => showRoom(podId(s.namespace, n)) }));
    }
    if (names.length > MAX_CHIPS) box.append(el('span', { className: `${cls} more`, 'data-kind': `${kind}-more`, text: L('panel.svc.more', { n: names.length - MAX_CHIPS }) }));
  };
  chips(s.ready, 'endpoint', 'endpoint');
  chips(s.notReady, 'endpoint notready', 'endpoint-notready');
  return box;
}

/** Scrolls a room into view, selects and focuses it (drawing it first if it was still waiting). */
function showRoom(id: string): void {
  const waiting = deferredPods.get(id);
  if (waiting) {
    deferredPods.delete(id);
    renderPod(waiting);
  }
  const r = podEls.get(id);
  if (!r) return;
  select(id);
  r.scrollIntoView({ block: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
  r.focus({ preventScroll: true });
}

// Dispatch centres ↔ rooms: each room knows which Services list it as a ready endpoint (drawn as
// a mark on the room, named in its tooltip and data-services); pointing at or focusing a Service's
// card lights up its rooms in the dorm.
const servedBy = new Map<string, Set<string>>();
const serviceLinks = new Map<string, { name: string; pods: Set<string> }>();

function linkService(id: string, s: ServiceView | undefined): void {
  const old = serviceLinks.get(id);
  const name = s?.name ?? old?.name ?? '';
  const next = new Set(s ? s.ready.map((n) => podId(s.namespace, n)) : []);
  for (const pid of old?.pods ?? []) {
    if (next.has(pid)) continue;
    servedBy.get(pid)?.delete(name);
    if (!servedBy.get(pid)?.size) servedBy.delete(pid);
    markServed(pid);
  }
  for (const pid of next) {
    if (old?.pods.has(pid)) continue;
    let set = servedBy.get(pid);
    if (!set) servedBy.set(pid, (set = new Set()));
    set.add(name);
    markServed(pid);
  }
  if (s) serviceLinks.set(id, { name, pods: next });
  else serviceLinks.delete(id);
}

function markServed(pid: string): void {
  const r = podEls.get(pid);
  if (!r) return;
  const names = servedBy.get(pid);
  r.classList.toggle('served', !!names?.size);
  r.dataset.services = names ? [...names].join(' ') : '';
  const p = state.pods.get(pid);
  if (p) r.title = podTitle(p);
}

function highlightService(id: string, on: boolean): void {
  for (const pid of serviceLinks.get(id)?.pods ?? []) podEls.get(pid)?.classList.toggle('linked', on);
}

function renderConfig(x: ConfigView): void {
  const c = card(ui.configs, x.id, { 'data-kind': x.kind.toLowerCase(), 'data-name': x.name });
  const rows = el('ul', { className: 'keys' });
  for (const k of x.keys) {
    if (x.kind === 'Secret') {
      const val = el('span', { className: 'secret-value masked', 'data-key': k, text: '••••••', title: L('panel.secret.hidden') });
      const ns = x.namespace === 'default' ? undefined : x.namespace;
      rows.append(el('li', {}, el('span', { className: 'mono', text: `${k}: ` }), val, ' ', button(L('panel.secret.reveal'), () => post({ type: 'reveal', name: x.name, namespace: ns, key: k }), { 'data-action': 'reveal', 'data-key': k })));
    } else rows.append(el('li', { className: 'mono', text: k }));
  }
  c.replaceChildren(el('div', { className: 'card-head' }, icon(x.kind === 'Secret' ? 'lock' : 'note'), el('span', { className: 'gk', text: x.kind }), el('span', { className: 'name', text: x.name, title: x.name }), el('span', { className: 'summary', text: x.type })), rows);
}

function showSecret(m: Extract<HostMessage, { type: 'secret' }>): void {
  const c = cardEls.get(`Secret/${m.namespace}/${m.name}`);
  const slot = [...(c?.querySelectorAll<HTMLElement>('.secret-value') ?? [])].find((e) => e.dataset.key === m.key);
  if (!slot) return;
  slot.textContent = m.value ?? '∅';
  slot.classList.remove('masked');
}

// ---------------------------------------------------------------------------------------------
// kubectl get tables

function renderTables(): void {
  if (ui.tables.hidden || !tablesDirty) return;
  tablesDirty = false;
  const parts: HTMLElement[] = [];
  for (const tb of state.tables.values()) {
    const table = el('table', { className: 'kubectl', 'data-kind': 'table', 'data-table': tb.kind });
    table.append(el('thead', {}, el('tr', {}, ...tb.header.map((h) => el('th', { scope: 'col', text: h })))));
    const body = el('tbody');
    for (const r of tb.rows) body.append(el('tr', {}, ...r.map((cell) => el('td', { text: cell }))));
    table.append(body);
    parts.push(el('section', {}, el('h3', { className: 'mono', text: `$ kubectl get ${tb.kind.toLowerCase()}s` }), table));
  }
  ui.tables.replaceChildren(...parts);
}

// ---------------------------------------------------------------------------------------------
// Timeline

function addEvents(events: WireEvent[], replace = false): void {
  if (replace) clear(ui.timeline);
  const frag = document.createDocumentFragment();
  for (const e of events.slice(-MAX_TIMELINE)) {
    frag.append(
      el('li', { className: `event ${e.type === 'Warning' ? 'warning' : 'normal'}`, 'data-kind': 'event', 'data-reason': e.reason, 'data-object': e.object },
        el('span', { className: 'when mono', text: fmtTime(e.t) }),
        el('code', { className: 'kubectl-line', text: e.kubectl }),
        el('span', { className: 'story', text: e.story }),
      ),
    );
  }
  ui.timeline.prepend(...[...frag.childNodes].reverse());
  while (ui.timeline.childElementCount > MAX_TIMELINE) ui.timeline.lastElementChild!.remove();
}

// ---------------------------------------------------------------------------------------------
// Output (kubectl results; requests light up the room that answered)

function showOutput(text: string, error: boolean, answered: string[] = []): void {
  ui.output.textContent = text;
  ui.output.classList.toggle('error', error);
  for (const id of new Set(answered)) {
    const r = podEls.get(id);
    if (!r) continue;
    r.classList.remove('answered');
    void r.offsetWidth;
    r.classList.add('answered');
    r.dataset.answered = String(Number(r.dataset.answered ?? 0) + 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Messages from the host

let initializing = false;
/**
 * Rooms of the first state not drawn yet: the buildings in view are drawn at once, the rest in
 * slices after the first paint (1,000 rooms drawn in one go cost the first frame ~100 ms of style
 * and layout). They are in `state` already, so counts, tables and selection see them; a diff that
 * touches one draws or drops it. `#app[data-ready]` turns true once every room is drawn.
 */
const deferredPods = new Map<string, PodView>();
/** Below this many rooms everything is drawn at once. */
const DEFER_OVER = 300;

function applyState(s: PanelState): void {
  initializing = true;
  for (const id of [...podEls.keys()]) removePod(id);
  for (const n of [...nodeEls.keys()]) removeNode(n);
  for (const id of [...cardEls.keys()]) dropCard(id);
  clear(ui.lobby);
  lobbyGroups.clear();
  deferredPods.clear();
  for (const k of ['nodes', 'pods', 'services', 'workloads', 'configs', 'tables'] as const) (state[k] as Map<string, unknown>).clear();
  try {
    const nodeNames = new Set(s.nodes.map((n) => n.name));
    const later = s.pods.length > DEFER_OVER ? s.pods.filter((p) => nodeNames.has(p.node)) : [];
    const laterIds = new Set(later.map((p) => p.id));
    // Everything but the scheduled rooms of a big campus: buildings, cards, tables, the lobby.
    applyDiffToDom({ t: s.t, upsert: { nodes: s.nodes, pods: s.pods.filter((p) => !laterIds.has(p.id)), services: s.services, workloads: s.workloads, configs: s.configs, tables: s.tables }, remove: {}, notSimulated: s.notSimulated });
    if (later.length) drawVisibleFirst(later);
  } finally {
    initializing = false;
  }
  markCounts(); // the deferred rooms are in `state` now
}

function markCounts(): void {
  app.dataset.pods = String(state.pods.size);
  app.dataset.empty = String(!state.pods.size && !state.workloads.size && !state.services.size);
}

/** Draws the rooms of the buildings in view, row by row of the grid, and defers the rest. */
function drawVisibleFirst(pods: PodView[]): void {
  const byNode = new Map<string, PodView[]>();
  for (const p of pods) {
    state.pods.set(p.id, p);
    const list = byNode.get(p.node);
    if (list) list.push(p);
    else byNode.set(p.node, [p]);
  }
  const buildings = [...nodeEls.entries()];
  // Two layouts: where the grid's rows start and how many buildings a row holds (from the empty
  // buildings), then how tall a row is once its rooms are in. Rows below the window wait.
  let inView = persisted.view !== 'table' ? buildings.length : 0;
  if (inView) {
    const top0 = buildings[0][1].root.getBoundingClientRect().top;
    let perRow = 0;
    while (perRow < buildings.length && buildings[perRow][1].root.getBoundingClientRect().top === top0) perRow++;
    for (const [name] of buildings.slice(0, perRow)) for (const p of byNode.get(name) ?? []) renderPod(p);
    const rowHeight = Math.max(1, Math.max(...buildings.slice(0, perRow).map(([, x]) => x.root.getBoundingClientRect().height)));
    const rows = Math.max(1, Math.ceil((window.innerHeight - top0) / rowHeight));
    inView = Math.min(buildings.length, rows * perRow);
    for (const [name] of buildings.slice(perRow, inView)) for (const p of byNode.get(name) ?? []) renderPod(p);
  }
  for (const [name] of buildings.slice(inView)) for (const p of byNode.get(name) ?? []) deferredPods.set(p.id, p);
  if (deferredPods.size) setTimeout(drainDeferred, 0);
}

function drainDeferred(): void {
  const until = performance.now() + 12;
  initializing = true;
  try {
    for (const [id, p] of deferredPods) {
      deferredPods.delete(id);
      renderPod(p);
      if (performance.now() > until) break;
    }
  } finally {
    initializing = false;
  }
  if (deferredPods.size) setTimeout(drainDeferred, 0);
  else markReady();
}

function markReady(): void {
  if (deferredPods.size || app.dataset.ready === 'true') return;
  app.dataset.ready = 'true';
  performance.mark('kd:all-drawn');
  ui.campus.classList.add('settled');
}

function applyDiffToDom(d: StateDiff): void {
  for (const id of d.remove.pods ?? []) {
    state.pods.delete(id);
    deferredPods.delete(id);
    removePod(id);
  }
  for (const id of d.remove.nodes ?? []) {
    const n = state.nodes.get(id);
    state.nodes.delete(id);
    if (n) removeNode(n.name);
  }
  for (const k of ['services', 'workloads', 'configs'] as const) {
    for (const id of d.remove[k] ?? []) {
      state[k].delete(id);
      dropCard(id);
    }
  }
  for (const id of d.remove.tables ?? []) state.tables.delete(id);
  for (const n of d.upsert.nodes ?? []) {
    state.nodes.set(n.id, n);
    nodeEl(n);
  }
  for (const p of d.upsert.pods ?? []) {
    state.pods.set(p.id, p);
    deferredPods.delete(p.id);
    renderPod(p);
  }
  for (const w of d.upsert.workloads ?? []) state.workloads.set(w.id, w);
  for (const w of d.upsert.workloads ?? []) renderWorkload(w);
  for (const s of d.upsert.services ?? []) {
    state.services.set(s.id, s);
    renderService(s);
  }
  for (const c of d.upsert.configs ?? []) {
    state.configs.set(c.id, c);
    renderConfig(c);
  }
  for (const tb of d.upsert.tables ?? []) state.tables.set(tb.id, tb);
  if (d.upsert.tables?.length || d.remove.tables?.length) tablesDirty = true;
  if (d.notSimulated) state.notSimulated = d.notSimulated;
  ui.lobbyBox.hidden = !ui.lobby.querySelector('.room');
  if (selectedPod && d.upsert.pods?.some((p) => p.id === selectedPod)) select(selectedPod);
  renderTables();
  markCounts();
}

function onMessage(m: HostMessage): void {
  switch (m.type) {
    case 'init':
      performance.mark('kd:init:start');
      app.dataset.init = 'message'; // 'embedded' when it came in the page (set after this returns)
      strings = m.strings;
      control = m.control;
      localize();
      renderControl();
      applyState({ ...m.state, pods: m.state.pods.map(unpackPod) });
      addEvents(m.events, true);
      renderApply(m.apply);
      persisted.files = m.files;
      vscode.setState(persisted);
      select(selectedPod);
      app.dataset.ready = 'false';
      markReady();
      performance.measure('kd:init', 'kd:init:start');
      // When the first state has been painted (read by bench/panel).
      if (!performance.getEntriesByName('kd:first-paint').length) {
        const drawn = podEls.size;
        // rAF runs just before the frame is painted; a message posted from it is handled just after.
        const ch = new MessageChannel();
        ch.port1.onmessage = () => performance.mark('kd:first-paint', { detail: { drawn } });
        requestAnimationFrame(() => ch.port2.postMessage(0));
      }
      break;
    case 'diff':
      control = m.control;
      renderControl();
      if (m.diff) applyDiffToDom({ ...m.diff, upsert: { ...m.diff.upsert, pods: m.diff.upsert.pods?.map(unpackPod) } });
      if (m.events.length) addEvents(m.events);
      break;
    case 'applied':
      renderApply(m.apply);
      persisted.files = m.files;
      vscode.setState(persisted);
      break;
    case 'output':
      showOutput(m.text, m.error, m.answered);
      break;
    case 'secret':
      showSecret(m);
      break;
  }
}

function onKey(e: KeyboardEvent): void {
  const t = e.target as HTMLElement | null;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const room = t?.closest?.('[data-kind="pod"]') as HTMLElement | null;
  if (room && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    room.click();
    return;
  }
  const pod = room ? [...state.pods.values()].find((p) => p.name === room.dataset.name && p.namespace === room.dataset.namespace) : selectedPod ? state.pods.get(selectedPod) : undefined;
  const ns = pod && pod.namespace !== 'default' ? pod.namespace : undefined;
  switch (e.key) {
    case ' ':
      if (t && t.tagName === 'BUTTON') return;
      e.preventDefault();
      post({ type: control.playing ? 'pause' : 'play' });
      break;
    case '.':
      post({ type: 'step', ms: 1000 });
      break;
    case '+':
    case '-': {
      const i = SPEEDS.indexOf(control.speed) + (e.key === '+' ? 1 : -1);
      if (i >= 0 && i < SPEEDS.length) post({ type: 'speed', speed: SPEEDS[i] });
      break;
    }
    case 't':
      setView(persisted.view === 'dorm' ? 'table' : 'dorm');
      break;
    case 'Delete':
      if (pod) post({ type: 'deletePod', name: pod.name, namespace: ns });
      break;
    case 'c':
      if (pod) post({ type: 'crash', pod: pod.name, namespace: ns });
      break;
    case 'm':
      if (pod) post({ type: 'oom', pod: pod.name, namespace: ns });
      break;
  }
}

skeleton();
window.addEventListener('message', (ev: MessageEvent) => {
  const m = ev.data as HostMessage;
  if (m && typeof m === 'object' && typeof (m as { type?: unknown }).type === 'string') onMessage(m);
});
// The first state may come embedded in the page (see SimSession.preload): drawn now, without the
// round trip through the extension host; the host then sends only what changed since.
let preloaded: number | undefined;
try {
  const block = document.getElementById('kd-preload');
  const pre = block?.textContent ? (JSON.parse(block.textContent) as { seq?: unknown; message?: HostMessage }) : undefined;
  block?.remove();
  if (pre && typeof pre.seq === 'number' && pre.message?.type === 'init') {
    onMessage(pre.message);
    preloaded = pre.seq;
    app.dataset.init = 'embedded';
  }
} catch {
  preloaded = undefined; // a broken block: the host sends a fresh init
}
performance.mark('kd:ready');
post(preloaded === undefined ? { type: 'ready' } : { type: 'ready', preloaded });
setView(persisted.view);
