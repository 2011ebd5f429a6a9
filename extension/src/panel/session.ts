// One simulation behind the side panel, VS Code-free so the Chromium tests drive the same code:
// the embedded cluster, the manifests applied to it, virtual time (play / pause / step / speed,
// driven by the host's timer through tick()), the controls, and what is posted to the webview
// (one `init`, then diffs and new timeline rows). Every message from the webview is validated.
import { createCluster, applyFiles, type Cluster, type SimEvent } from '../../../core/cluster/index';
import { runCommand, type CommandResult } from '../../../core/kubectl/commands';
import { StateTracker, revealSecretValue, packPod, podId } from '../../../core/panel/view';
import { Narrator, eventView, wireEvent, type EventView } from '../../../core/panel/narrate';
import { panelMsg, panelStrings } from '../../../core/panel/messages';
import { whyLenses, whyOf, type WhyLens } from '../../../core/panel/why';
import { explain } from '../../../core/cluster/explain';
import { Sources } from '../../../core/cluster/explain-sources';
import { simMsg } from '../../../core/kubectl/messages';
import { noticeText } from '../../../core/cluster/coverage';
import { t, type Locale } from '../../../core/i18n/index';
import { receive } from '../receive';
import { parseKubernetesVersion } from '../../../core/schema/versions';
import {
  validatePanelMessage,
  SPEEDS,
  type ApplySummary,
  type ControlState,
  type HostMessage,
  type LocaleChoice,
  type PanelMessage,
  type Refusal,
  type WhyKind,
} from '../../../webview/protocol/panel';

export interface SessionOptions {
  post(msg: HostMessage): void;
  /** VS Code's display language (for localeChoice 'auto'). */
  displayLanguage?: Locale;
  localeChoice?: LocaleChoice;
  nodes?: number;
  seed?: number;
  /** Keep at most this many timeline rows (default 500). */
  maxEvents?: number;
  /** Opens a file at a 0-based line and column (the extension reveals it in an editor). */
  openLocation?(uri: string, line: number, column?: number): void;
  /** Runs the editor's quick fix for diagnostic `code` at a range of a simulated file ("Why?" → "Apply fix"); 0-based. */
  applyFix?(fix: { uri: string; code: string; line: number; column: number; endLine: number; endColumn: number }): void;
  /** Called after manifests were applied or the cluster changed (the editor's "Why?" lenses follow it). */
  onChange?(): void;
  /** Called when the user changes the panel language (to persist it). */
  onLocaleChoice?(choice: LocaleChoice): void;
  /** A file name for a URI, as shown to the user. */
  displayName?(uri: string): string;
  /** `kubeDorm.kubernetesVersion` as set now: manifests are checked against it before they run. */
  kubernetesVersion?(): string | undefined;
}

/** At most this many timeline rows per message (the panel keeps 300). */
const EVENTS_PER_MESSAGE = 300;

/**
 * A cluster owned by someone else that the panel shows and controls: a lesson's. The panel's
 * controls then act on that cluster (its kubectl lines go through `exec`, so the lesson sees them
 * in its history), its Reset asks the owner to start over, and the page names the owner.
 */
export interface ClusterSource {
  /** Asked on every tick: an owner that starts over has a new cluster. */
  cluster(): Cluster;
  exec?(line: string): CommandResult;
  reset?(): void;
  /** Shown at the top of the panel ("Lesson 1: Pods and their leaders"), in the panel's language. */
  label?(locale: Locale): string;
  /** Virtual-time speed when the panel starts showing this cluster. */
  speed?: number;
  /** The manifests the owner's cluster runs (a lesson's files): "Why?" ends at their lines, "Go to line" and "Apply fix" open them. */
  files?(): ManifestFile[];
}

export interface ManifestFile {
  uri: string;
  text: string;
}

export class SimSession {
  cluster!: Cluster;
  playing = true;
  speed = 1;
  localeChoice: LocaleChoice;
  private tracker!: StateTracker;
  private narrator!: Narrator;
  private events: EventView[] = [];
  private pending: EventView[] = [];
  private seq = 0;
  private files = new Map<string, string>();
  private lastApply: ApplySummary | undefined;
  private ready = false;
  private unsub: (() => void) | undefined;
  private carry = 0;
  private tablesWanted = false;
  private source: ClusterSource | undefined;
  /** The embedded first state (preload): its sequence number until a `ready` names it, and its apply summary. */
  private preloadSeq = 0;
  private preloadPending: number | undefined;
  private preloadApply: ApplySummary | undefined;
  /** The simulated files, parsed once per change (the editor's "Why?" lenses ask every second while time runs). */
  private parsed: Sources | undefined;
  /** A "Show why" asked for before the page was ready. */
  private pendingWhy: { kind: WhyKind; name: string; namespace?: string } | undefined;

  constructor(private opts: SessionOptions) {
    this.localeChoice = opts.localeChoice ?? 'auto';
    this.newCluster();
  }

  get locale(): Locale {
    return this.localeChoice === 'auto' ? (this.opts.displayLanguage ?? 'en') : this.localeChoice;
  }

  /** URIs of the manifests this simulation applies. */
  fileUris(): string[] {
    return [...this.files.keys()];
  }

  private newCluster(given?: Cluster): void {
    this.unsub?.();
    this.narrator?.dispose();
    this.cluster = given ?? createCluster({ nodes: this.opts.nodes ?? 3, seed: this.opts.seed ?? 1, maxEvents: 2000 });
    this.tracker = new StateTracker();
    this.tracker.tables = this.tablesWanted;
    this.narrator = new Narrator(this.cluster);
    this.events = [];
    this.pending = [];
    this.unsub = this.cluster.onEvent((e) => this.onEvent(e));
    // An owner's cluster has a past: its latest events start the timeline.
    if (given) {
      for (const e of given.events.slice(-EVENTS_PER_MESSAGE)) this.onEvent(e);
      this.pending = [];
    }
  }

  /** The owner of the shown cluster, if it is not this panel's own. */
  get attachedTo(): ClusterSource | undefined {
    return this.source;
  }

  /**
   * Shows and controls `source`'s cluster instead of this panel's own (undefined: back to an own,
   * fresh cluster with this panel's files applied). The page gets a fresh init.
   */
  attach(source: ClusterSource | undefined): void {
    if (source === this.source) return;
    this.source = source;
    if (source) {
      this.files.clear();
      this.parsed = undefined;
      this.lastApply = undefined;
      if (source.speed) this.speed = source.speed;
      this.adopt(source.cluster());
    } else this.reset();
  }

  /** Shows an owner's cluster from now on (the page gets it whole). */
  private adopt(c: Cluster): void {
    this.newCluster(c);
    this.carry = 0;
    if (this.ready) this.sendInit();
  }

  private onEvent(e: SimEvent): void {
    const v = eventView(++this.seq, e, this.narrator.story(e), this.locale);
    this.events.push(v);
    const max = this.opts.maxEvents ?? 500;
    if (this.events.length > max) this.events.splice(0, this.events.length - max);
    this.pending.push(v);
    if (this.pending.length > max) this.pending.splice(0, this.pending.length - max);
  }

  control(): ControlState {
    const owner = this.source?.label?.(this.locale);
    return { playing: this.playing, speed: this.speed, t: this.cluster.now, locale: this.locale, localeChoice: this.localeChoice, ...(owner ? { owner } : {}) };
  }

  /**
   * Applies manifests like `kubectl apply -f` (several files together, so a Service in one file
   * and its Deployment in another are checked as one workspace). Files given again replace their
   * earlier text; objects are never pruned. Returns what `kubectl apply` would print.
   */
  apply(files: ManifestFile[]): ApplySummary {
    for (const f of files) this.files.set(f.uri, f.text);
    this.parsed = undefined;
    const r = applyFiles(this.cluster, files, { kubernetesVersion: parseKubernetesVersion(this.opts.kubernetesVersion?.() ?? '') });
    const refusals: Refusal[] = [];
    for (const d of r.diagnostics) {
      const file = this.opts.displayName?.(d.uri) ?? d.uri.replace(/^.*\//, '');
      refusals.push({
        uri: d.uri,
        file,
        line: d.range.start.line,
        code: d.code,
        text: `error: ${file}:${d.range.start.line + 1}: ${t(d.message, this.locale)} (${d.code})`,
      });
    }
    for (const e of r.errors) refusals.push({ file: '', text: e });
    this.lastApply = {
      lines: r.lines,
      refusals,
      notSimulated: [
        ...r.notSimulated.map((o) => t(simMsg('sim.notSimulated', { object: o }), this.locale)),
        ...(r.notSimulatedFields ?? []).map((n) => noticeText(n, this.locale, true)),
      ],
    };
    if (this.ready) {
      this.opts.post({ type: 'applied', apply: this.lastApply, files: this.fileUris() });
      this.flush();
    }
    this.opts.onChange?.();
    return this.lastApply;
  }

  /** Called by the host's timer with the wall-clock ms since the last call. */
  tick(wallMs: number): void {
    this.follow();
    if (this.playing && wallMs > 0) {
      // Whole simulated milliseconds; the remainder is carried to the next tick.
      const v = wallMs * this.speed + this.carry;
      const ms = Math.floor(v);
      this.carry = v - ms;
      if (ms > 0) this.cluster.advance(ms);
    }
    this.flush();
  }

  /** An owner that started over has a new cluster: show that one. */
  private follow(): void {
    if (!this.source) return;
    const c = this.source.cluster();
    if (c !== this.cluster) this.adopt(c);
  }

  /** Posts what changed since the last post (a diff and new timeline rows), if anything did. */
  flush(force = false): void {
    this.follow();
    if (!this.ready) return;
    const diff = this.tracker.diff(this.cluster);
    // The timeline shows the latest rows only; older ones in a burst are not worth sending.
    const events = this.pending.length > EVENTS_PER_MESSAGE ? this.pending.slice(-EVENTS_PER_MESSAGE) : this.pending;
    this.pending = [];
    const wire = diff && { ...diff, upsert: { ...diff.upsert, pods: diff.upsert.pods?.map(packPod) } };
    if (diff || events.length || force) this.opts.post({ type: 'diff', diff: wire, events: events.map(wireEvent), control: this.control() });
    if (diff) this.opts.onChange?.();
  }

  private initMessage(): Extract<HostMessage, { type: 'init' }> {
    this.pending = [];
    const state = this.tracker.snapshot(this.cluster);
    return {
      type: 'init',
      strings: panelStrings(this.locale),
      state: { ...state, pods: state.pods.map(packPod) },
      events: this.events.slice(-EVENTS_PER_MESSAGE).map(wireEvent),
      control: this.control(),
      apply: this.lastApply,
      files: this.fileUris(),
    };
  }

  private sendInit(): void {
    this.opts.post(this.initMessage());
  }

  /**
   * The first state, to embed in the page's HTML (webviewHtml's `preload`): the page draws it while
   * it loads instead of asking for it after its script has started, which saves the round trip
   * through the extension host (the most of a first paint of a big campus). The next `ready` that
   * names this sequence number gets only what changed since; any other `ready` (a page reloaded
   * from the same HTML later, when this state is stale) gets a fresh `init`.
   */
  preload(): { seq: number; message: HostMessage } {
    this.ready = false;
    this.preloadSeq++;
    this.preloadPending = this.preloadSeq;
    this.preloadApply = this.lastApply;
    return { seq: this.preloadSeq, message: this.initMessage() };
  }

  private out(text: string, error = false, answered?: string[], service?: string): void {
    this.opts.post({ type: 'output', text, error, ...(answered?.length ? { answered } : {}), ...(service ? { service } : {}) });
  }

  /** Runs a kubectl line as the user's own command (an owner's `exec`, so a lesson sees it); the browser's kubectl terminal too. */
  exec(line: string): CommandResult {
    return this.source?.exec
      ? this.source.exec(line)
      : runCommand(this.cluster, line, { locale: this.locale, kubernetesVersion: parseKubernetesVersion(this.opts.kubernetesVersion?.() ?? '') });
  }

  /** Runs a kubectl line from the panel's kubectl box and shows its output. */
  private cmd(line: string): void {
    const r = this.exec(line);
    this.out(
      `$ kubectl ${line}\n${r.output}`,
      r.error,
      r.answered?.map((p) => podId(p.namespace, p.name)),
      r.via && `Service/${r.via.namespace}/${r.via.name}`,
    );
    this.flush();
  }

  /** Handles one message from the webview (validated first; an invalid one is reported, never acted on). */
  handle(raw: unknown): void {
    receive(raw, {
      validate: validatePanelMessage,
      invalid: (detail) => t(panelMsg('panel.invalid', { detail }), this.locale),
      dispatch: (m) => this.dispatch(m),
      out: (text, error) => this.out(text, error),
    });
  }

  private dispatch(m: PanelMessage): void {
    const ns = (x?: string) => (x && x !== 'default' ? ` -n ${q(x)}` : '');
    switch (m.type) {
      case 'ready': {
        const fresh = m.preloaded !== undefined && m.preloaded === this.preloadPending;
        this.preloadPending = undefined;
        this.ready = true;
        if (!fresh) this.sendInit();
        else {
          // Manifests applied since the page was made (a save while the panel was hidden).
          if (this.lastApply && this.lastApply !== this.preloadApply) this.opts.post({ type: 'applied', apply: this.lastApply, files: this.fileUris() });
          this.flush(true);
        }
        if (this.pendingWhy) this.showWhy(this.pendingWhy);
        this.pendingWhy = undefined;
        return;
      }
      case 'play':
      case 'pause':
        this.playing = m.type === 'play';
        this.flush(true);
        return;
      case 'step':
        this.playing = false;
        this.cluster.advance(m.ms ?? 1000);
        this.flush(true);
        return;
      case 'speed':
        if ((SPEEDS as readonly number[]).includes(m.speed)) this.speed = m.speed;
        this.flush(true);
        return;
      case 'reset':
        this.reset();
        return;
      case 'setLocale':
        this.localeChoice = m.locale;
        this.opts.onLocaleChoice?.(m.locale);
        for (const e of this.events) e.story = t(e.storyMsg, this.locale);
        if (this.ready) this.sendInit();
        return;
      case 'scale':
        return this.cmd(`scale ${m.kind.toLowerCase()}/${q(m.name)} --replicas=${m.replicas}${ns(m.namespace)}`);
      case 'deletePod':
        return this.cmd(`delete pod ${q(m.name)}${ns(m.namespace)}`);
      case 'crash':
      case 'oom':
        return this.cmd(`${m.type} ${q(m.pod)}${m.container ? ` -c ${q(m.container)}` : ''}${ns(m.namespace)}`);
      case 'setImage': {
        const o = this.cluster.get(m.kind, m.namespace ?? 'default', m.name);
        const spec = m.kind === 'Pod' ? o?.spec : o?.spec?.template?.spec;
        const container = m.container ?? spec?.containers?.[0]?.name ?? '*';
        return this.cmd(`set image ${m.kind.toLowerCase()}/${q(m.name)} ${q(`${container}=${m.image}`)}${ns(m.namespace)}`);
      }
      case 'rollback':
        return this.cmd(`rollout undo deployment/${q(m.name)}${ns(m.namespace)}`);
      case 'node':
        if (m.action === 'add') return this.cmd(m.name ? `add node ${q(m.name)}` : 'add node');
        if (!m.name) return this.out('error: a node name is required', true);
        return this.cmd(`${m.action} ${m.action === 'cordon' || m.action === 'uncordon' ? '' : 'node '}${q(m.name)}`);
      case 'request':
        return this.cmd(`request service/${q(m.service)} --count ${m.count ?? 5}${ns(m.namespace)}`);
      case 'setSelector': {
        const expr = Object.entries(m.selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        return this.cmd(`set selector service/${q(m.service)} ${q(expr)}${ns(m.namespace)}`);
      }
      case 'canary':
        return this.cmd(
          `canary deployment/${q(m.deployment)}${m.image ? ` --image ${q(m.image)}` : ''}${m.replicas !== undefined ? ` --replicas=${m.replicas}` : ''}${ns(m.namespace)}`,
        );
      case 'reveal': {
        const value = revealSecretValue(this.cluster, m.namespace ?? 'default', m.name, m.key);
        this.opts.post({ type: 'secret', namespace: m.namespace ?? 'default', name: m.name, key: m.key, value: value ?? null });
        return;
      }
      case 'kubectl':
        return this.cmd(m.line.replace(/^\s*kubectl\s+/, ''));
      case 'view':
        this.tablesWanted = m.view === 'table';
        this.tracker.tables = this.tablesWanted;
        this.flush();
        return;
      case 'openLocation':
        if (this.knows(m.uri)) this.opts.openLocation?.(m.uri, m.line, m.column);
        return;
      case 'why':
        return this.showWhy(m);
      case 'applyFix': {
        const { uri, code, line, column, endLine, endColumn } = m;
        if (this.knows(uri)) this.opts.applyFix?.({ uri, code, line, column, endLine, endColumn });
        return;
      }
    }
  }

  /** The manifests behind the shown cluster: the owner's when attached and it has some, else this panel's. */
  private manifests(): ManifestFile[] {
    return this.source?.files?.() ?? [...this.files].map(([uri, text]) => ({ uri, text }));
  }

  private knows(uri: string): boolean {
    return this.manifests().some((f) => f.uri === uri);
  }

  /** Posts the "Why?" chain of one object to the page (a card's button asked, or an editor's lens). */
  showWhy(subject: { kind: WhyKind; name: string; namespace?: string }): void {
    // A page still loading (the panel was just revealed) gets it once it is ready.
    if (!this.ready) {
      this.pendingWhy = subject;
      return;
    }
    const name = this.opts.displayName && ((u: string) => this.opts.displayName!(u));
    const chain = whyOf(this.cluster, this.manifests(), subject, this.locale, name);
    this.opts.post({ type: 'why', kind: subject.kind, namespace: subject.namespace ?? 'default', name: subject.name, chain });
  }

  /** The editor's lenses: one per simulated resource something is wrong with now, in the panel's language. */
  whyLenses(): WhyLens[] {
    const own = !this.source?.files;
    const manifests = this.manifests();
    if (!manifests.length) return [];
    // This panel's files are parsed once per change; an owner's (a lesson's, a few small files) each time.
    const sources = own ? (this.parsed ??= new Sources(manifests)) : new Sources(manifests);
    return whyLenses(explain(this.cluster, manifests, { fixes: false, sources }), sources, this.locale);
  }

  /** Starts over: a fresh cluster with the same manifests applied (an owner's cluster: the owner starts over). */
  reset(): void {
    if (this.source) {
      this.source.reset?.();
      this.adopt(this.source.cluster());
      return;
    }
    this.newCluster();
    this.carry = 0;
    const files = [...this.files].map(([uri, text]) => ({ uri, text }));
    const wasReady = this.ready;
    this.ready = false;
    if (files.length) this.apply(files);
    this.ready = wasReady;
    if (this.ready) this.sendInit();
  }

  dispose(): void {
    this.unsub?.();
    this.narrator.dispose();
  }
}

/** Quotes a value for the kubectl tokenizer. */
function q(s: string): string {
  return /^[\w.\-/=:@,]+$/.test(s) ? s : `"${s.replace(/["\\]/g, (c) => '\\' + c)}"`;
}
