// The panel's one state object, created at start and passed to every module: the host bridge,
// the texts, the page's fixed elements, the model (what the host said is there), the controls'
// state, and the registries of drawn elements. No module keeps state of its own.
import type { ConfigView, ControlState, NodeView, PanelMessage, PanelPersistedState, PodView, ServiceView, TableView, WorkloadView } from '../protocol/panel';
import { connectHost, type Host } from '../shared/host';
import { localizer, type Localizer } from '../shared/l10n';
import { el } from '../shared/dom';
import { SPEEDS } from './format';

/** A building (node) as drawn. */
export interface NodeEl {
  root: HTMLElement;
  rooms: HTMLElement;
  status: HTMLElement;
  /** Owner groups inside the building, by `Kind/name`. */
  groups: Map<string, HTMLElement>;
  actions: HTMLElement;
}

export interface PanelContext {
  host: Host<PanelMessage>;
  L: Localizer;
  app: HTMLElement;
  ui: Ui;
  /** The views the host sent, by id. */
  model: {
    nodes: Map<string, NodeView>;
    pods: Map<string, PodView>;
    services: Map<string, ServiceView>;
    workloads: Map<string, WorkloadView>;
    configs: Map<string, ConfigView>;
    tables: Map<string, TableView>;
    notSimulated: string[];
  };
  control: ControlState;
  persisted: PanelPersistedState;
  selectedPod: string | undefined;
  /** The `kubectl get` tables changed since they were last drawn. */
  tablesDirty: boolean;
  /** The host has been told which view shows. */
  viewSent: boolean;
  /** Drawing the first state (rooms drawn then are not animated). */
  initializing: boolean;
  nodeEls: Map<string, NodeEl>;
  podEls: Map<string, HTMLElement>;
  lobbyGroups: Map<string, HTMLElement>;
  cardEls: Map<string, HTMLElement>;
  /**
   * Rooms of the first state not drawn yet: the buildings in view are drawn at once, the rest in
   * slices after the first paint (1,000 rooms drawn in one go cost the first frame ~100 ms of style
   * and layout). They are in `model` already, so counts, tables and selection see them; a diff that
   * touches one draws or drops it. `#app[data-ready]` turns true once every room is drawn.
   */
  deferredPods: Map<string, PodView>;
  /** Pod id → names of the Services that list it as a ready endpoint. */
  servedBy: Map<string, Set<string>>;
  /** Service id → its name and the ids of its ready pods. */
  serviceLinks: Map<string, { name: string; pods: Set<string> }>;
  /** Service id → room id → orders the room answered through it (a `request`), drawn on the dispatch picture. */
  served: Map<string, Map<string, number>>;
}

export type Ui = ReturnType<typeof createUi>;

function createUi() {
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
    /** The real cluster's header (./remote.ts); hidden for a simulated one. */
    remote: el('section', { id: 'remote', className: 'remote', role: 'region', hidden: true }),
    dorm: el('div', { id: 'dorm', className: 'view dorm', role: 'tabpanel' }),
    tables: el('div', { id: 'tables', className: 'view tables', role: 'tabpanel' }),
    campus: el('div', { className: 'campus', id: 'campus' }),
    lobby: el('div', { className: 'rooms lobby-rooms', id: 'lobby' }),
    lobbyBox: el('section', { className: 'lobby', id: 'lobby-box' }),
    selection: el('div', { className: 'selection', id: 'selection', 'aria-live': 'polite' }),
    workloads: el('div', { className: 'cards', id: 'workloads' }),
    services: el('div', { className: 'cards', id: 'services' }),
    configs: el('div', { className: 'cards', id: 'configs' }),
    /** Who uses which locker, notice board and safe (./lockers.ts). */
    uses: el('div', { className: 'uses', id: 'uses', hidden: true }),
    timeline: el('ol', { className: 'timeline', id: 'timeline', 'aria-live': 'polite' }),
    output: el('pre', { className: 'output', id: 'output', 'aria-live': 'polite' }),
    cmd: el('input', { type: 'text', id: 'kubectl', className: 'input', spellcheck: 'false', autocomplete: 'off' }),
    run: el('button', { type: 'submit', className: 'btn', id: 'run' }),
    addNode: el('button', { type: 'button', className: 'btn', id: 'add-node' }),
    /** Section headings by message id (their text follows the language). */
    heads: {} as Record<string, HTMLElement>,
  };
  for (const s of SPEEDS) ui.speed.append(el('option', { value: String(s), text: `${s}×` }));
  for (const l of ['auto', 'en', 'zh-cn']) ui.lang.append(el('option', { value: l }));
  return ui;
}

export function createContext(): PanelContext {
  const host = connectHost<PanelMessage>();
  return {
    host,
    L: localizer(),
    app: document.getElementById('app') ?? document.body.appendChild(el('div', { id: 'app' })),
    ui: createUi(),
    model: { nodes: new Map(), pods: new Map(), services: new Map(), workloads: new Map(), configs: new Map(), tables: new Map(), notSimulated: [] },
    control: { playing: false, speed: 1, t: 0, locale: 'en', localeChoice: 'auto' },
    persisted: { view: 'dorm', files: [], ...((host.getState() as Partial<PanelPersistedState> | undefined) ?? {}) },
    selectedPod: undefined,
    tablesDirty: true,
    viewSent: false,
    initializing: false,
    nodeEls: new Map(),
    podEls: new Map(),
    lobbyGroups: new Map(),
    cardEls: new Map(),
    deferredPods: new Map(),
    servedBy: new Map(),
    serviceLinks: new Map(),
    served: new Map(),
  };
}

/** A namespace as the host's messages carry it: left out for `default`. */
export const nsArg = (namespace: string) => (namespace === 'default' ? undefined : namespace);
