// "Kube Dorm: Simulate Manifest": the command, the webview panel beside the editor, live re-apply
// on save, the panel serializer (the simulation comes back after a reload), and one command per
// control so lessons and keybindings can drive it. The engine runs here, in the extension host;
// a host-side timer moves virtual time at the chosen speed; the webview only renders.
import * as vscode from 'vscode';
import { SimSession, type ClusterSource, type ManifestFile } from './session';
import { panelIcon, panelPageOptions, setPanelPage } from './page';
import { resolveLocale } from '../../../core/i18n/index';
import type { LocaleChoice, PanelMessage, PanelPersistedState } from '../../../webview/protocol/panel';
import { SPEEDS, WHY_KINDS, type WhyKind } from '../../../webview/protocol/panel';
import { VisibleTicker } from '../ticker';
import type { FeatureRegistry } from '../lazy';
import { scalarText } from '../../../core/k8s/guards';
import { isKustomization, kustomizationIn, renderedText } from './kustomize';
import { applyQuickFix, registerWhyLenses } from './why';

/** The id the language server's "▶ Simulate" code lens calls (extension/src/client.ts). */
export const SIMULATE_MANIFEST = 'kubeDorm.simulateManifest';
/** The webview panel's view type (its serializer and `activeWebviewPanelId` keybindings use it). */
export const VIEW_TYPE = 'kubeDorm.simulation';
const TICK_MS = 100;
const MANIFEST_GLOB = '**/*.{yaml,yml,json}';
const MAX_FOLDER_FILES = 500;

class SimulationPanel implements vscode.Disposable {
  readonly session: SimSession;
  private readonly ticker = new VisibleTicker(TICK_MS, (dt) => this.session.tick(dt), 'simulation');
  private disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly onDispose: () => void,
    onChange?: () => void,
  ) {
    const cfg = vscode.workspace.getConfiguration('kubeDorm');
    const configured = cfg.get<LocaleChoice>('language', 'auto');
    const override = context.globalState.get<LocaleChoice>('kubeDorm.panel.language');
    this.session = new SimSession({
      post: (m) => void this.panel.webview.postMessage(m),
      displayLanguage: resolveLocale(vscode.env.language),
      localeChoice: override ?? configured,
      onLocaleChoice: (c) => void context.globalState.update('kubeDorm.panel.language', c),
      openLocation: (uri, line, column) => void openAt(uri, line, column),
      // "Why?" → "Apply fix": the editor's quick fix, then the simulation re-applies the edited (unsaved) text.
      applyFix: (f) => void applyQuickFix(f).then((done) => (done ? this.add([]) : undefined)),
      displayName: (uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false),
      kubernetesVersion: () => vscode.workspace.getConfiguration('kubeDorm').get<string>('kubernetesVersion'),
      onChange,
    });
    this.extensionUri = context.extensionUri;
    panel.webview.options = panelPageOptions(context.extensionUri);
    panel.iconPath = panelIcon(context.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.session.handle(m)),
      panel.onDidChangeViewState(() => {
        this.updateTimer();
        // A hidden webview is unloaded; it loads its HTML again when shown. Setting the HTML now
        // (time is paused while hidden) means it comes back drawn at once from the embedded state.
        if (!this.panel.visible && this.rendered) this.render();
      }),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidSaveTextDocument((doc) => this.onSave(doc)),
    );
    this.updateTimer();
  }

  private readonly extensionUri: vscode.Uri;
  private rendered = false;
  get isRendered(): boolean {
    return this.rendered;
  }

  /**
   * Sets the page's HTML with the current state embedded (SimSession.preload): the page draws it
   * as it loads, without first asking the extension host for it.
   */
  render(): void {
    this.rendered = true;
    setPanelPage(this.panel.webview, this.extensionUri, {
      title: vscode.l10n.t('Kube Dorm: Simulation'),
      locale: this.session.locale,
      preload: this.session.preload(),
    });
  }

  /** Virtual time runs while the panel is visible (a hidden webview is unloaded and re-inits when shown). */
  private updateTimer(): void {
    this.ticker.update(this.panel.visible);
  }

  /** Saving a simulated file re-applies every simulated file (like `kubectl apply -f` on them again). */
  private async onSave(doc: vscode.TextDocument): Promise<void> {
    const uri = doc.uri.toString();
    const files = this.session.fileUris();
    // A simulated kustomization renders from other files (its bases, patches): any save may change it.
    if (!files.includes(uri) && !files.some((f) => isKustomization(vscode.Uri.parse(f)))) return;
    this.session.apply(await readAll(this.session.fileUris()));
  }

  async add(files: ManifestFile[]): Promise<void> {
    const known = new Set(this.session.fileUris());
    const all = await readAll([...known, ...files.map((f) => f.uri).filter((u) => !known.has(u))]);
    this.session.apply(all);
  }

  dispose(): void {
    this.ticker.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.session.dispose();
    this.onDispose();
  }
}

async function openAt(uri: string, line: number, column = 0): Promise<void> {
  const pos = new vscode.Position(line, column);
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
}

/** The text of each file: the open document when there is one (saved or not), else the file on disk; a kustomization as it renders. */
async function readAll(uris: string[]): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  for (const u of uris) {
    const parsed = vscode.Uri.parse(u);
    if (isKustomization(parsed)) {
      out.push({ uri: u, text: renderedText(parsed) });
      continue;
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === u);
    if (open) {
      out.push({ uri: u, text: open.getText() });
      continue;
    }
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.parse(u));
      out.push({ uri: u, text: new TextDecoder().decode(bytes) });
    } catch {
      /* deleted meanwhile: nothing to apply */
    }
  }
  return out;
}

/** The manifests a command invocation names: a file, several selected files, folders (their YAML/JSON files), or the active editor. */
async function targetsOf(arg?: unknown, selected?: unknown): Promise<vscode.Uri[]> {
  const given: vscode.Uri[] = [];
  const push = (x: unknown) => {
    if (x instanceof vscode.Uri) given.push(x);
    else if (typeof x === 'string' && x) given.push(vscode.Uri.parse(x));
  };
  if (Array.isArray(selected) && selected.length) selected.forEach(push);
  else if (Array.isArray(arg)) arg.forEach(push);
  else push(arg);
  if (!given.length && vscode.window.activeTextEditor) given.push(vscode.window.activeTextEditor.document.uri);
  const out: vscode.Uri[] = [];
  for (const u of given) {
    let isDir = false;
    try {
      isDir = ((await vscode.workspace.fs.stat(u)).type & vscode.FileType.Directory) !== 0;
    } catch {
      isDir = false;
    }
    const kustomization = isDir ? kustomizationIn(u) : undefined;
    // A kustomization's folder runs as it renders: its patch files are not objects of their own.
    if (kustomization) out.push(kustomization);
    else if (isDir)
      out.push(
        ...(await vscode.workspace.findFiles(new vscode.RelativePattern(u, MANIFEST_GLOB), '**/node_modules/**', MAX_FOLDER_FILES)).sort((a, b) =>
          a.fsPath.localeCompare(b.fsPath),
        ),
      );
    else out.push(u);
  }
  return out;
}

/** The simulation the side panel shows (for the kubectl terminal); undefined when none is open. */
export let activeSimulation: () => SimSession | undefined = () => undefined;

/** What lessons use of the side panel: show their cluster in it, and whether it drives their time. */
export interface SimulationApi {
  /** Opens the panel (or reuses the open one) showing and controlling `source`'s cluster. */
  show(source: ClusterSource, column?: vscode.ViewColumn): void;
  /** The panel stops showing `source` (it goes back to a cluster of its own). */
  release(source: ClusterSource): void;
  /** The panel shows `source` and is visible: its play / pause / speed then move `source`'s time. */
  drives(source: ClusterSource): boolean;
}

export function registerSimulatePanel(context: vscode.ExtensionContext, registry: FeatureRegistry): SimulationApi {
  let current: SimulationPanel | undefined;
  activeSimulation = () => current?.session;
  // The editor's "Why?" lenses: for this panel's own manifests (not a lesson's cluster); "Show why" opens the chain in the panel.
  const lenses = registerWhyLenses(context, {
    lenses: () => (current && !current.session.attachedTo ? current.session.whyLenses() : []),
    show: (subject) => {
      if (!current || !(WHY_KINDS as readonly string[]).includes(subject.kind)) return;
      current.panel.reveal(undefined, true);
      current.session.showWhy({ ...subject, kind: subject.kind as WhyKind });
    },
  });

  const create = (panel?: vscode.WebviewPanel, column: vscode.ViewColumn = vscode.ViewColumn.Beside): SimulationPanel => {
    const p =
      panel ??
      vscode.window.createWebviewPanel(
        VIEW_TYPE,
        vscode.l10n.t('Kube Dorm: Simulation'),
        { viewColumn: column, preserveFocus: true },
        panelPageOptions(context.extensionUri),
      );
    const sp = new SimulationPanel(
      p,
      context,
      () => {
        if (current === sp) current = undefined;
        lenses.changed();
      },
      () => lenses.changed(),
    );
    current = sp;
    return sp;
  };

  const simulate = async (arg?: unknown, selected?: unknown) => {
    const uris = await targetsOf(arg, selected);
    if (!uris.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Kubernetes manifest (YAML) to simulate it.'));
      return;
    }
    const sp = current ?? create();
    sp.panel.reveal(vscode.ViewColumn.Beside, true);
    // The panel was showing a lesson's cluster: the user's own manifests get a cluster of their own.
    if (sp.session.attachedTo) sp.session.attach(undefined);
    try {
      await sp.add(uris.map((u) => ({ uri: u.toString(), text: '' })));
    } finally {
      // A new panel gets its page once the manifests are applied: it opens with them drawn.
      if (!sp.isRendered) sp.render();
    }
  };

  /** Sends a control to the open simulation (args from a keybinding or lesson, else asked for). */
  const control = (type: PanelMessage['type'], ask?: (s: SimSession) => Promise<Record<string, unknown> | undefined>) => async (args?: unknown) => {
    if (!current) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No simulation is running: run "Kube Dorm: Simulate Manifest" first.'));
      return;
    }
    let fields: Record<string, unknown> | undefined =
      args && typeof args === 'object' && !(args instanceof vscode.Uri) ? { ...(args as Record<string, unknown>) } : undefined;
    if (!fields && ask) fields = await ask(current.session);
    if (ask && !fields) return;
    current.session.handle({ ...(fields ?? {}), type });
  };

  const pick = async (s: SimSession, kind: string, placeHolder: string): Promise<string | undefined> => {
    const names = s.cluster
      .list(kind)
      .filter((o) => o.metadata.namespace !== 'kube-system' && !(kind === 'Service' && o.metadata.name === 'kubernetes'))
      .map((o) => o.metadata.name);
    if (!names.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No {0} in the simulation.', kind));
      return undefined;
    }
    return names.length === 1 ? names[0] : vscode.window.showQuickPick(names, { placeHolder });
  };
  const input = (prompt: string, value = '') => vscode.window.showInputBox({ prompt, value });

  context.subscriptions.push(
    registry.registerCommand(SIMULATE_MANIFEST, simulate),
    registry.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const files = Array.isArray((state as Partial<PanelPersistedState> | undefined)?.files)
          ? (state as PanelPersistedState).files.filter((f): f is string => typeof f === 'string')
          : [];
        // A lesson restored first may already have opened the panel for its cluster: keep that one.
        if (current?.session.attachedTo) {
          panel.dispose();
          return;
        }
        const sp = create(panel);
        try {
          if (files.length) await sp.add(files.map((uri) => ({ uri, text: '' })));
        } finally {
          sp.render();
        }
      },
    }),
    registry.registerCommand('kubeDorm.sim.play', control('play')),
    registry.registerCommand('kubeDorm.sim.pause', control('pause')),
    registry.registerCommand('kubeDorm.sim.togglePlay', () => control(current?.session.playing ? 'pause' : 'play')()),
    registry.registerCommand('kubeDorm.sim.step', control('step')),
    registry.registerCommand('kubeDorm.sim.faster', () => {
      const i = SPEEDS.indexOf((current?.session.speed ?? 1) as (typeof SPEEDS)[number]);
      return control('speed')({ speed: SPEEDS[Math.min(SPEEDS.length - 1, i + 1)] });
    }),
    registry.registerCommand('kubeDorm.sim.slower', () => {
      const i = SPEEDS.indexOf((current?.session.speed ?? 1) as (typeof SPEEDS)[number]);
      return control('speed')({ speed: SPEEDS[Math.max(0, i - 1)] });
    }),
    registry.registerCommand('kubeDorm.sim.reset', control('reset')),
    registry.registerCommand(
      'kubeDorm.sim.scale',
      control('scale', async (s) => {
        const name = await pick(s, 'Deployment', vscode.l10n.t('Deployment to scale'));
        const n = name && (await input(vscode.l10n.t('Replicas for {0}', name), String(s.cluster.get('Deployment', 'default', name)?.spec?.replicas ?? 1)));
        return name && n !== undefined && n !== '' ? { kind: 'Deployment', name, replicas: Number(n) } : undefined;
      }),
    ),
    registry.registerCommand(
      'kubeDorm.sim.deletePod',
      control('deletePod', async (s) => ((name) => (name ? { name } : undefined))(await pick(s, 'Pod', vscode.l10n.t('Pod to delete')))),
    ),
    registry.registerCommand(
      'kubeDorm.sim.crash',
      control('crash', async (s) => ((pod) => (pod ? { pod } : undefined))(await pick(s, 'Pod', vscode.l10n.t('Pod whose container crashes')))),
    ),
    registry.registerCommand(
      'kubeDorm.sim.oom',
      control('oom', async (s) => ((pod) => (pod ? { pod } : undefined))(await pick(s, 'Pod', vscode.l10n.t('Pod to push over its memory limit')))),
    ),
    registry.registerCommand(
      'kubeDorm.sim.setImage',
      control('setImage', async (s) => {
        const name = await pick(s, 'Deployment', vscode.l10n.t('Deployment to update'));
        const image =
          name &&
          (await input(
            vscode.l10n.t('New image for {0}', name),
            s.cluster.get('Deployment', 'default', name)?.spec?.template?.spec?.containers?.[0]?.image ?? '',
          ));
        return name && image ? { kind: 'Deployment', name, image } : undefined;
      }),
    ),
    registry.registerCommand(
      'kubeDorm.sim.rollback',
      control('rollback', async (s) => ((name) => (name ? { name } : undefined))(await pick(s, 'Deployment', vscode.l10n.t('Deployment to roll back')))),
    ),
    registry.registerCommand(
      'kubeDorm.sim.canary',
      control('canary', async (s) => {
        const deployment = await pick(s, 'Deployment', vscode.l10n.t('Deployment to canary'));
        const image = deployment && (await input(vscode.l10n.t('Image for the canary of {0}', deployment)));
        return deployment ? { deployment, ...(image ? { image } : {}) } : undefined;
      }),
    ),
    registry.registerCommand(
      'kubeDorm.sim.addNode',
      control('node', () => Promise.resolve({ action: 'add' })),
    ),
    ...(['fail', 'recover', 'cordon', 'uncordon'] as const).map((action) =>
      registry.registerCommand(
        `kubeDorm.sim.${action}Node`,
        control('node', async (s) => ((name) => (name ? { action, name } : undefined))(await pick(s, 'Node', vscode.l10n.t('Node')))),
      ),
    ),
    registry.registerCommand(
      'kubeDorm.sim.request',
      control('request', async (s) =>
        ((service) => (service ? { service, count: 5 } : undefined))(await pick(s, 'Service', vscode.l10n.t('Service to send requests to'))),
      ),
    ),
    registry.registerCommand(
      'kubeDorm.sim.setSelector',
      control('setSelector', async (s) => {
        const service = await pick(s, 'Service', vscode.l10n.t('Service whose selector to switch'));
        const cur = service
          ? Object.entries(s.cluster.get('Service', 'default', service)?.spec?.selector ?? {})
              .map(([k, v]) => `${k}=${scalarText(v)}`)
              .join(',')
          : '';
        const text = service && (await input(vscode.l10n.t('New selector for {0} (key=value,...)', service), cur));
        if (!service || !text) return undefined;
        const selector: Record<string, string> = {};
        for (const part of text.split(',')) {
          const i = part.indexOf('=');
          if (i > 0) selector[part.slice(0, i).trim()] = part.slice(i + 1).trim();
        }
        return { service, selector };
      }),
    ),
    { dispose: () => current?.dispose() },
  );
  return {
    show(source, column = vscode.ViewColumn.Beside) {
      const sp = current ?? create(undefined, column);
      sp.session.attach(source);
      if (!sp.isRendered) sp.render();
      // In the asked column: a panel already open where the lesson view now is moves beside it.
      sp.panel.reveal(column, true);
    },
    release(source) {
      if (current?.session.attachedTo === source) current.session.attach(undefined);
    },
    drives(source) {
      return !!current && current.session.attachedTo === source && current.panel.visible;
    },
  };
}
