// The side panel on a real cluster, VS Code-free so it is tested as it runs: the informers of one
// context (core/remote/cluster.ts) drawn through the same view-model builder and the same
// init/diff messages as the simulated cluster, with the connection's header (context, freshness,
// namespace filter, read-only or changes allowed, what is hidden) in the control state. The
// controls go through the gate (core/remote/state.ts): every change is first told as the kubectl
// command it equals, and only runs once changes are allowed for the context.
import { RemoteCluster } from '../../../core/remote/cluster';
import { namespaceNames, type RemoteClient } from '../../../core/remote/client';
import type { InformerOptions } from '../../../core/remote/informer';
import type { KubeTarget } from '../../../core/remote/kubeconfig';
import { ACTION_NAMES, deniedActions, kubectlCommand, refusalOf, runAction, type RemoteAction } from '../../../core/remote/actions';
import { remoteEvent, eventTime, timeOfDay } from '../../../core/remote/events';
import { remoteMsg } from '../../../core/remote/messages';
import { remotePanelStrings } from '../../../core/remote/panel-strings';
import type { ConnectionState } from '../../../core/remote/state';
import { StateTracker, packPod } from '../../../core/panel/view';
import { panelMsg, panelStrings } from '../../../core/panel/messages';
import { t, type Locale } from '../../../core/i18n/index';
import type { KObject } from '../../../core/cluster/store';
import { receive } from '../receive';
import {
  validatePanelMessage,
  type ControlState,
  type HostMessage,
  type LocaleChoice,
  type PanelMessage,
  type RemoteStatus,
} from '../../../webview/protocol/panel';

export interface LiveConnection {
  client: RemoteClient;
  target: KubeTarget;
  /** The server's gitVersion (/version). */
  version?: string;
}

export interface RemoteSessionOptions {
  post(msg: HostMessage): void;
  state: ConnectionState;
  displayLanguage?: Locale;
  localeChoice?: LocaleChoice;
  onLocaleChoice?(choice: LocaleChoice): void;
  /** Asks the user, with a modal naming the context, to allow changes; resolves true when allowed. */
  confirmAllow(context: string): Promise<boolean>;
  /** Called when the shown namespace changes (to persist it). */
  onNamespace?(namespace: string | undefined): void;
  /** Wall time in ms (tests pass their own). */
  now?: () => number;
  /** The informers' back-off and timers (tests make them short). */
  informer?: InformerOptions;
  /** Coalesces the informers' changes into one post per this many ms (default 100). */
  flushMs?: number;
}

const DAY = 86_400_000;
const EVENTS_PER_MESSAGE = 300;

export class RemoteSession {
  rc!: RemoteCluster;
  localeChoice: LocaleChoice;
  private tracker = new StateTracker();
  private ready = false;
  private tablesWanted = false;
  private sentEvents = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastControl = '';
  private denied: string[] = [];
  private namespaces: string[] = [];
  private disposed = false;
  private preloadSeq: number | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly opts: RemoteSessionOptions,
    readonly conn: LiveConnection,
    public namespace?: string,
  ) {
    this.localeChoice = opts.localeChoice ?? 'auto';
    this.unsubscribe = opts.state.onChange(() => this.schedule());
    this.open();
  }

  get locale(): Locale {
    return this.localeChoice === 'auto' ? (this.opts.displayLanguage ?? 'en') : this.localeChoice;
  }

  get context(): string {
    return this.conn.target.context;
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** (Re)starts the informers for the shown namespace, and asks what the controls may offer there. */
  private open(): void {
    this.rc?.stop();
    this.rc = new RemoteCluster(this.conn.client, { ...this.opts.informer, namespace: this.namespace, onChange: () => this.schedule() });
    this.rc.start();
    this.tracker = new StateTracker();
    this.tracker.tables = this.tablesWanted;
    this.sentEvents.clear();
    void this.review();
    void this.listNamespaces();
  }

  /** The SelfSubjectRulesReview of the shown namespace (the context's, for all namespaces). */
  private async review(): Promise<void> {
    const ns = this.namespace ?? this.conn.target.namespace;
    try {
      const { rules, incomplete } = await this.rc.rulesReview(ns);
      if (this.disposed) return;
      this.denied = incomplete ? [] : deniedActions(rules, ns);
      this.opts.state.setRules(ns, rules, incomplete);
    } catch {
      this.denied = []; // no review: every control is offered and a 403 says what is missing
    }
    this.schedule();
  }

  private async listNamespaces(): Promise<void> {
    try {
      this.namespaces = await namespaceNames(this.conn.client);
    } catch {
      this.namespaces = [];
    }
    this.schedule();
  }

  /** Coalesces changes: one post per flush interval. */
  schedule(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.opts.flushMs ?? 100);
  }

  remoteStatus(): RemoteStatus {
    const f = this.rc.freshness();
    const snap = this.opts.state.snapshot();
    const missing = this.rc
      .missing()
      .map((p) =>
        t(
          p.namespace
            ? remoteMsg('remote.forbidden.ns', { verb: p.verb, resource: p.resource, namespace: p.namespace })
            : remoteMsg('remote.forbidden.cluster', { verb: p.verb, resource: p.resource }),
          this.locale,
        ),
      );
    return {
      context: this.context,
      server: this.conn.target.cluster.server,
      ...(this.conn.version ? { version: this.conn.version } : {}),
      ...(this.namespace ? { namespace: this.namespace } : {}),
      namespaces: this.namespaces,
      ...(f.lastEventAt !== undefined ? { lastEventAt: f.lastEventAt } : {}),
      stale: f.stale,
      down: f.down,
      missing,
      changesAllowed: snap.phase === 'connected' && snap.context === this.context && snap.changesAllowed,
      denied: this.denied,
    };
  }

  control(): ControlState {
    return { playing: false, speed: 1, t: timeOfDay(this.now()), locale: this.locale, localeChoice: this.localeChoice, remote: this.remoteStatus() };
  }

  private epoch(): number {
    const now = this.now();
    return now - timeOfDay(now);
  }

  /** Timeline rows not sent yet (the informer's Events, oldest first). */
  private newEvents() {
    const rows = [];
    for (const e of this.rc.events()) {
      const key = `${e.metadata.uid}/${e.metadata.resourceVersion}`;
      if (this.sentEvents.has(key)) continue;
      this.sentEvents.add(key);
      if ((eventTime(e) ?? 0) < this.now() - DAY) continue;
      rows.push(remoteEvent(e, this.locale));
    }
    return rows.slice(-EVENTS_PER_MESSAGE);
  }

  private initMessage(): Extract<HostMessage, { type: 'init' }> {
    const state = this.tracker.snapshot(this.rc.source(this.now(), this.epoch()));
    this.sentEvents.clear();
    const control = this.control();
    this.lastControl = JSON.stringify({ ...control, t: 0 });
    return {
      type: 'init',
      strings: { ...panelStrings(this.locale), ...remotePanelStrings(this.locale) },
      state: { ...state, pods: state.pods.map(packPod) },
      events: this.newEvents(),
      control,
      files: [],
    };
  }

  /** The first state, to embed in the page's HTML (as SimSession.preload). */
  preload(seq: number): { seq: number; message: HostMessage } {
    this.ready = false;
    this.preloadSeq = seq;
    return { seq, message: this.initMessage() };
  }

  /** Posts what changed since the last post: the view, new timeline rows, the header. */
  flush(force = false): void {
    if (!this.ready || this.disposed) return;
    const diff = this.tracker.diff(this.rc.source(this.now(), this.epoch()));
    const events = this.newEvents();
    const control = this.control();
    const key = JSON.stringify({ ...control, t: 0 });
    const controlChanged = key !== this.lastControl;
    this.lastControl = key;
    const wire = diff && { ...diff, upsert: { ...diff.upsert, pods: diff.upsert.pods?.map(packPod) } };
    if (diff || events.length || controlChanged || force) this.opts.post({ type: 'diff', diff: wire, events, control });
  }

  private out(text: string, error = false): void {
    this.opts.post({ type: 'output', text, error });
  }

  handle(raw: unknown): void {
    receive(raw, {
      validate: validatePanelMessage,
      invalid: (detail) => t(panelMsg('panel.invalid', { detail }), this.locale),
      dispatch: (m) => void this.dispatch(m),
      out: (text, error) => this.out(text, error),
    });
  }

  /** Shows one namespace (undefined: all): the informers start over there. */
  setNamespace(namespace: string | undefined): void {
    if (namespace === this.namespace) return;
    this.namespace = namespace;
    this.opts.onNamespace?.(namespace);
    this.open();
    if (this.ready) this.opts.post(this.initMessage());
  }

  /** Asks to allow changes (modal naming the context); true when they are allowed now. */
  async allowChanges(): Promise<boolean> {
    if (this.opts.state.snapshot().changesAllowed) return true;
    if (!(await this.opts.confirmAllow(this.context))) return false;
    return this.opts.state.allowChanges();
  }

  /** Runs a control's action once the gate lets it through; the kubectl command first, then the answer or refusal. */
  async act(a: RemoteAction): Promise<void> {
    const gate = this.opts.state.gate(a);
    if (!gate.ok) {
      this.out(t(gate.msg, this.locale), true);
      return;
    }
    const line = `$ ${kubectlCommand(a, this.context)}`;
    try {
      this.out(`${line}\n${await runAction(this.conn.client, a)}`);
    } catch (e) {
      this.out(`${line}\n${t(refusalOf(e, a), this.locale)}`, true);
    }
  }

  private cached(kind: string, namespace: string, name: string): KObject | undefined {
    return this.rc.informer(kind)?.objects.get(`${namespace}/${name}`);
  }

  private async dispatch(m: PanelMessage): Promise<void> {
    const ns = (x?: string) => x ?? 'default';
    switch (m.type) {
      case 'ready': {
        // The page drew the state embedded in its HTML: only what changed since; any other page gets it whole.
        const fresh = m.preloaded !== undefined && m.preloaded === this.preloadSeq;
        this.preloadSeq = undefined;
        this.ready = true;
        if (fresh) this.flush(true);
        else this.opts.post(this.initMessage());
        return;
      }
      case 'setLocale':
        this.localeChoice = m.locale;
        this.opts.onLocaleChoice?.(m.locale);
        if (this.ready) this.opts.post(this.initMessage());
        return;
      case 'view':
        this.tablesWanted = m.view === 'table';
        this.tracker.tables = this.tablesWanted;
        this.flush();
        return;
      case 'namespace':
        return this.setNamespace(m.namespace);
      case 'allowChanges':
        await this.allowChanges();
        this.flush();
        return;
      case 'scale':
        if (m.kind === 'Deployment' || m.kind === 'StatefulSet' || m.kind === 'ReplicaSet')
          return this.act({ type: 'scale', kind: m.kind, name: m.name, namespace: ns(m.namespace), replicas: m.replicas });
        break;
      case 'deletePod':
        return this.act({ type: 'deletePod', name: m.name, namespace: ns(m.namespace) });
      case 'setImage':
        if (m.kind === 'Deployment' || m.kind === 'StatefulSet' || m.kind === 'DaemonSet') {
          const o = this.cached(m.kind, ns(m.namespace), m.name);
          const container = m.container ?? o?.spec?.template?.spec?.containers?.[0]?.name;
          if (!container)
            return this.out(t(remoteMsg('remote.action.failed', { detail: `${m.kind} ${m.name} has no container to update` }), this.locale), true);
          return this.act({ type: 'setImage', kind: m.kind, name: m.name, namespace: ns(m.namespace), container, image: m.image });
        }
        break;
      case 'rollback':
        return this.act({ type: 'rollback', name: m.name, namespace: ns(m.namespace) });
      case 'play':
      case 'pause':
      case 'step':
      case 'speed':
      case 'reset':
      case 'openLocation':
        return; // the simulator's clock and files: nothing to do on a real cluster
    }
    this.out(t(remoteMsg('remote.action.simOnly', { action: ACTION_LABEL[m.type] ?? m.type }), this.locale), true);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe();
    this.rc.stop();
  }
}

const ACTION_LABEL: Partial<Record<PanelMessage['type'], string>> = { ...ACTION_NAMES, kubectl: 'kubectl' };
