// The real-cluster commands: "Connect to Cluster" (a context of the kubeconfig: the setting
// kubeDorm.kubeconfig, else KUBECONFIG, else ~/.kube/config), "Disconnect", "Allow Changes to
// Cluster", "Show Namespace" and "Check Against Cluster" (a server-side dry run of the open
// manifest, refusals as diagnostics at their lines). A status bar item shows the connection, its
// Kubernetes version (what /version says) and
// whether changes are allowed. Errors are told as core/remote tells them: what failed, what to do.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { connect } from '../../../core/remote/connect';
import { namespaceNames, serverVersion } from '../../../core/remote/client';
import { loadKubeconfig } from '../../../core/remote/kubeconfig';
import { explain } from '../../../core/remote/explain';
import { remoteMsg } from '../../../core/remote/messages';
import { ConnectionState } from '../../../core/remote/state';
import { checkAgainstCluster, type CheckFinding } from '../../../core/remote/dryrun';
import { versionForServer } from '../../../core/schema/versions';
import { resolveLocale, t, type Locale } from '../../../core/i18n/index';
import type { Msg } from '../../../core/manifest/types';
import type { FeatureRegistry } from '../lazy';
import type { LocaleChoice } from '../../../webview/protocol/panel';
import { ClusterPanel } from './panel';
import { ClusterCrds } from '../../../core/remote/crds';
import '../../../core/remote/panel-strings';
import type { LiveConnection } from './session';

const SEVERITY: Record<CheckFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export interface ClusterApi {
  readonly state: ConnectionState;
  /** The live connection, if any. */
  connection(): LiveConnection | undefined;
}

export function registerClusterCommands(context: vscode.ExtensionContext, registry: FeatureRegistry): ClusterApi {
  const state = new ConnectionState();
  let live: LiveConnection | undefined;
  let panel: ClusterPanel | undefined;
  let crds: ClusterCrds | undefined;
  /** The CRDs last read from each context (this session): told to lint at once on reconnecting, then refreshed by the watch. */
  const crdCache = new Map<string, unknown[]>();
  const diagnostics = vscode.languages.createDiagnosticCollection('kube-dorm-cluster');
  const status = vscode.window.createStatusBarItem('kubeDorm.cluster', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Kube Dorm cluster';
  // A click picks the namespace to show (and opens the panel again if it was closed).
  status.command = 'kubeDorm.selectNamespace';

  const cfg = () => vscode.workspace.getConfiguration('kubeDorm');
  const localeChoice = (): LocaleChoice => context.globalState.get<LocaleChoice>('kubeDorm.panel.language') ?? cfg().get<LocaleChoice>('language', 'auto');
  const locale = (): Locale => {
    const c = localeChoice();
    return c === 'auto' ? resolveLocale(vscode.env.language) : c;
  };
  const say = (m: Msg) => t(m, locale());
  /** The setting's file, `~` expanded as a shell would (kubectl's own flag gets it expanded by the shell). */
  const kubeconfigSetting = () => {
    const v = cfg().get<string>('kubeconfig', '').trim();
    return v ? v.replace(/^~(?=$|[\\/])/, os.homedir()) : undefined;
  };

  /** The minor lint follows while connected (the language server works it out the same way); "≈" when the cluster's own has no data. */
  const lintTarget = (gitVersion: string | undefined) => {
    const v = gitVersion ? versionForServer(gitVersion) : undefined;
    return v ? `${v.exact ? '' : '≈'}${v.version}` : '?';
  };

  const updateStatus = () => {
    const s = state.snapshot();
    if (s.phase !== 'connected' || !s.context) {
      status.hide();
      return;
    }
    const mode = say(remoteMsg(s.changesAllowed ? 'remote.ui.changes' : 'remote.ui.readOnly'));
    status.text = `$(cloud) ${say(remoteMsg('remote.ui.status', { context: s.context, state: mode }))}${s.version ? ` · ${s.version}` : ''}`;
    status.tooltip = say(remoteMsg('remote.ui.statusTip', { server: s.server ?? '', version: s.version ?? '?', ours: lintTarget(s.version) }));
    status.show();
  };
  state.onChange(updateStatus);

  const closeConnection = () => {
    panel?.dispose();
    panel = undefined;
    crds?.stop();
    crds = undefined;
    if (live) registry.clusterChanged({ context: null });
    live?.client.close();
    live = undefined;
  };

  /** Lint follows the cluster: its CRDs (watched, read-only) validate custom resources. */
  const followCrds = (conn: LiveConnection) => {
    const ctx = conn.target.context;
    const tell = (list: unknown[]) => registry.clusterChanged({ context: ctx, gitVersion: conn.version, crds: list });
    // The version at once, with the CRDs this context had last time (none before the first list).
    registry.clusterChanged({ context: ctx, gitVersion: conn.version, crds: crdCache.get(ctx) });
    crds = new ClusterCrds(conn.client, (list) => {
      crdCache.set(ctx, list);
      tell(list);
    });
    crds.start();
  };

  const disconnect = () => {
    const ctx = state.snapshot().context;
    closeConnection();
    state.disconnect();
    diagnostics.clear();
    if (ctx) void vscode.window.showInformationMessage(say(remoteMsg('remote.ui.disconnected', { context: ctx })));
  };

  const openPanel = (conn: LiveConnection, namespace?: string) => {
    panel?.dispose();
    panel = ClusterPanel.create(
      context,
      `Kube Dorm: ${conn.target.context}`,
      {
        state,
        displayLanguage: resolveLocale(vscode.env.language),
        localeChoice: localeChoice(),
        onLocaleChoice: (c) => void context.globalState.update('kubeDorm.panel.language', c),
        confirmAllow: (ctx) => confirm(ctx, conn.target.cluster.server),
      },
      conn,
      namespace,
      () => {
        panel = undefined;
      },
    );
  };

  const confirm = async (ctx: string, server: string): Promise<boolean> => {
    const allow = say(remoteMsg('remote.ui.allow', { context: ctx }));
    const answer = await vscode.window.showWarningMessage(
      say(remoteMsg('remote.ui.confirm', { context: ctx })),
      { modal: true, detail: say(remoteMsg('remote.ui.confirmDetail', { server })) },
      allow,
    );
    return answer === allow;
  };

  const connectTo = async (args?: unknown) => {
    const given = args && typeof args === 'object' ? (args as { context?: unknown; namespace?: unknown }) : {};
    const explicit = kubeconfigSetting();
    let chosen = typeof given.context === 'string' ? given.context : undefined;
    try {
      if (!chosen) {
        const kc = await loadKubeconfig({ explicit });
        const items = kc.contexts.map((c) => ({
          label: c.name,
          description: c.name === kc.currentContext ? say(remoteMsg('remote.ui.current')) : undefined,
          detail: kc.clusters.find((x) => x.name === c.cluster)?.server,
        }));
        const pick =
          items.length === 1
            ? items[0]
            : await vscode.window.showQuickPick(items, { placeHolder: say(remoteMsg('remote.ui.pickContext', { files: kc.files.join(', ') })) });
        if (!pick) return;
        chosen = pick.label;
      }
    } catch (e) {
      void vscode.window.showErrorMessage(say(remoteMsg('remote.ui.failed', { context: '-', detail: t(explainLoad(e), locale()) })));
      return;
    }
    closeConnection();
    const token = state.connecting(chosen);
    let conn: LiveConnection | undefined;
    try {
      conn = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: say(remoteMsg('remote.ui.connecting', { context: chosen })) },
        async () => {
          const c = await connect({ explicit, context: chosen });
          try {
            return { ...c, version: (await serverVersion(c.client)).gitVersion };
          } catch (e) {
            c.client.close();
            throw Object.assign(new Error(), { cause: e, target: c.target });
          }
        },
      );
    } catch (e) {
      const cause = (e as { cause?: unknown })?.cause ?? e;
      const target = (e as { target?: Parameters<typeof explain>[1] })?.target;
      const why = target ? explain(cause, target) : explainLoad(cause);
      state.failed(token, why);
      void vscode.window.showErrorMessage(say(remoteMsg('remote.ui.failed', { context: chosen, detail: t(why, locale()) })));
      return;
    }
    if (!state.connected(token, { server: conn.target.cluster.server, version: conn.version })) {
      conn.client.close();
      return;
    }
    live = conn;
    followCrds(conn);
    const namespace = typeof given.namespace === 'string' && given.namespace ? given.namespace : undefined;
    openPanel(conn, namespace);
    void vscode.window.showInformationMessage(
      say(remoteMsg('remote.ui.connected', { context: conn.target.context, server: conn.target.cluster.server, version: conn.version ?? '?' })),
    );
  };

  const needConnection = (): LiveConnection | undefined => {
    if (!live) void vscode.window.showInformationMessage(say(remoteMsg('remote.notConnected')));
    return live;
  };

  const allowChanges = async () => {
    const conn = needConnection();
    if (!conn) return;
    if (state.snapshot().changesAllowed) return;
    if (await confirm(conn.target.context, conn.target.cluster.server)) {
      state.allowChanges();
      void vscode.window.showInformationMessage(say(remoteMsg('remote.ui.allowed', { context: conn.target.context })));
    }
  };

  const selectNamespace = async (args?: unknown) => {
    const conn = needConnection();
    if (!conn) return;
    let ns: string | undefined | null = args && typeof args === 'object' ? ((args as { namespace?: string }).namespace ?? null) : null;
    if (ns === null) {
      let names: string[] = [];
      try {
        names = await namespaceNames(conn.client);
      } catch {
        names = [conn.target.namespace];
      }
      const all = t('remote.panel.allNamespaces', locale());
      const pick = await vscode.window.showQuickPick([all, ...names], { placeHolder: say(remoteMsg('remote.ui.pickNamespace')) });
      if (pick === undefined) return;
      ns = pick === all ? undefined : pick;
    }
    if (panel) panel.session.setNamespace(ns || undefined);
    else openPanel(conn, ns || undefined);
  };

  const check = async (arg?: unknown) => {
    const conn = needConnection();
    if (!conn) return;
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(say(remoteMsg('remote.ui.checkOpen')));
      return;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const r = await checkAgainstCluster(conn.client, uri.toString(), doc.getText(), conn.target.namespace);
    diagnostics.set(
      uri,
      r.findings.map((f) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character),
          t(f.message, locale()),
          SEVERITY[f.severity],
        );
        d.source = `kube-dorm (${conn.target.context})`;
        d.code = f.code;
        return d;
      }),
    );
    const refused = r.findings.filter((f) => f.code === 'cluster-refused').length;
    const disagree = r.findings.filter((f) => f.code.endsWith('-disagrees')).length;
    void vscode.window.showInformationMessage(say(remoteMsg('remote.ui.checked', { n: r.checked, context: conn.target.context, refused, disagree })));
  };

  context.subscriptions.push(
    diagnostics,
    status,
    registry.registerCommand('kubeDorm.connect', connectTo),
    registry.registerCommand('kubeDorm.disconnect', disconnect),
    registry.registerCommand('kubeDorm.allowChanges', allowChanges),
    registry.registerCommand('kubeDorm.selectNamespace', selectNamespace),
    registry.registerCommand('kubeDorm.checkAgainstCluster', check),
    // Editing a checked file makes its cluster diagnostics out of date: they go until the next check.
    vscode.workspace.onDidChangeTextDocument((e) => diagnostics.delete(e.document.uri)),
    { dispose: closeConnection },
  );
  return { state, connection: () => live };
}

/** A failure before any request (kubeconfig, context, exec plugin): RemoteError carries its words. */
function explainLoad(e: unknown): Msg {
  const msg = (e as { msg?: Msg })?.msg;
  return msg && typeof msg.id === 'string' ? msg : remoteMsg('remote.action.failed', { detail: String((e as Error)?.message ?? e) });
}
