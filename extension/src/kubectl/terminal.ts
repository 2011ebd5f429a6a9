// "Kube Dorm: Open kubectl Terminal": the cluster the side panel shows, served to the real kubectl
// over the Kubernetes API (core/apiserver, HTTPS on 127.0.0.1 only, random bearer token), and an
// integrated terminal whose KUBECONFIG points at it. What the learner does in the terminal shows
// in the panel at once (the server flushes the panel after every change) and what they do in the
// panel is what kubectl sees. A status bar item says the cluster is serving. The kubeconfig is
// written privately (core/apiserver/kubeconfig.ts) and merged, so contexts the learner adds with
// `kubectl config` in that terminal survive the panel switching clusters.
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { privateKubeconfigDir, writeKubeconfig } from '../../../core/apiserver/kubeconfig';
import { KubeApiServer } from '../../../core/apiserver/server';
import { makeServingCert, type ServingCert } from '../../../core/apiserver/tls';
import type { Cluster } from '../../../core/cluster/cluster';
import type { FeatureRegistry } from '../lazy';

export const OPEN_KUBECTL_TERMINAL = 'kubeDorm.openKubectlTerminal';

/** Where the cluster to serve comes from (the side panel's simulation), and how to refresh its view. */
export interface ClusterSource {
  cluster(): Cluster | undefined;
  changed?(): void;
  /** A kubectl-style line for each change made through the API (lessons count it as a command). */
  action?(line: string): void;
}

export class KubectlBridge implements vscode.Disposable {
  private server: KubeApiServer | undefined;
  private port = 0;
  private readonly token = randomBytes(24).toString('hex');
  private cert: ServingCert | undefined;
  private readonly status: vscode.StatusBarItem;
  private readonly follow: ReturnType<typeof setInterval>;
  private starting: Promise<void> | undefined;
  /** Why the kubeconfig could not be written privately (serving stops until the bridge is recreated). */
  private refused: string | undefined;
  readonly kubeconfigPath: string;

  constructor(
    private readonly source: ClusterSource,
    storageDir: string,
  ) {
    this.kubeconfigPath = path.join(storageDir, 'kubeconfig');
    this.status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
    this.status.command = OPEN_KUBECTL_TERMINAL;
    // The panel may reset its simulation (a new Cluster): follow it, on the same port and token.
    this.follow = setInterval(() => void this.sync(), 1000);
  }

  get serving(): boolean {
    return !!this.server;
  }

  /** Serves the current cluster (starting or switching the server); returns false when there is none. */
  async ensure(): Promise<boolean> {
    await this.sync();
    return !!this.server;
  }

  /** Why serving was refused (a kubeconfig that cannot be kept private), if it was. */
  get refusal(): string | undefined {
    return this.refused;
  }

  private async sync(): Promise<void> {
    if (this.starting) return this.starting;
    if (this.refused) return;
    const c = this.source.cluster();
    if (this.server && this.server.cluster === c) return;
    if (!c && !this.server) return;
    this.starting = (async () => {
      try {
        if (this.server) {
          await this.server.close();
          this.server = undefined;
        }
        if (!c) {
          this.status.hide();
          return;
        }
        this.cert ??= await makeServingCert(new Date());
        const srv = new KubeApiServer(c, {
          token: this.token,
          tls: this.cert,
          onChange: () => this.source.changed?.(),
          onAction: (l) => this.source.action?.(l),
        });
        try {
          await srv.listen(this.port);
        } catch {
          await srv.listen(0);
        }
        try {
          fs.mkdirSync(path.dirname(this.kubeconfigPath), { recursive: true, mode: 0o700 });
          writeKubeconfig(this.kubeconfigPath, srv.kubeconfig());
        } catch (e) {
          // Never serve with a token others could read.
          await srv.close();
          this.refused = (e as Error).message;
          this.status.hide();
          return;
        }
        this.server = srv;
        this.port = Number(new URL(srv.address).port);
        this.status.text = `$(terminal) kubectl → ${vscode.l10n.t('dorm')} :${this.port}`;
        this.status.tooltip = vscode.l10n.t('Kube Dorm: the simulated cluster is serving kubectl at {0}. Click to open a kubectl terminal.', srv.address);
        this.status.show();
      } finally {
        this.starting = undefined;
      }
    })();
    return this.starting;
  }

  dispose(): void {
    clearInterval(this.follow);
    this.status.dispose();
    void this.server?.close();
    this.server = undefined;
    try {
      fs.rmSync(this.kubeconfigPath, { force: true });
    } catch {
      // already gone
    }
  }
}

export function registerKubectlTerminal(context: vscode.ExtensionContext, source: ClusterSource, registry: FeatureRegistry): KubectlBridge {
  // Without a storage folder, a fresh private one (a fixed /tmp path could be planted by another user).
  const storage = context.globalStorageUri?.fsPath ?? privateKubeconfigDir();
  const bridge = new KubectlBridge(source, storage);
  context.subscriptions.push(
    bridge,
    registry.registerCommand(OPEN_KUBECTL_TERMINAL, async () => {
      if (!(await bridge.ensure()) && bridge.refusal) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Kube Dorm: not serving kubectl, the kubeconfig cannot be kept private: {0}', bridge.refusal));
        return undefined;
      }
      if (!bridge.serving) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('No simulation is running: run "Kube Dorm: Simulate Manifest" first, then open the kubectl terminal.'),
        );
        return undefined;
      }
      const term = vscode.window.createTerminal({
        name: vscode.l10n.t('kubectl (Kube Dorm)'),
        env: { KUBECONFIG: bridge.kubeconfigPath },
        iconPath: new vscode.ThemeIcon('server-process'),
      });
      term.show();
      return bridge.kubeconfigPath;
    }),
  );
  return bridge;
}
