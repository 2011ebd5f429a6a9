// The connected cluster, as the client tells it (kubeDorm/cluster): its CRDs join the CRD index as
// CRDs from outside the workspace (core/workspace/cluster.ts), its /version becomes the Kubernetes
// version lint checks against (over the kubeDorm.kubernetesVersion setting, while connected), and
// every file is checked again. A disconnect (context: null) forgets both. Nothing is ever sent back
// to the cluster.
import type { Connection } from 'vscode-languageserver';
import { clusterCrdText, clusterCrdUri } from '../../core/workspace/cluster';
import { versionForServer } from '../../core/schema/versions';
import type { Workspace } from '../../core/workspace/index';
import type { DiagnosticsSink } from './diagnostics';
import { detached, type Guard } from './guard';
import { ClusterNotification, type ClusterParams } from './protocol';

export interface ClusterInfo {
  /** The connected context, if any. */
  context?: string;
  /** Its server's gitVersion (/version). */
  gitVersion?: string;
}

/** What the cluster changes in the server: the CRD index (the workspace) and the version lint targets. */
export interface ClusterTarget {
  clusterVersion: string | undefined;
}

/** Applies one kubeDorm/cluster notification; true when the CRDs or the targeted version changed. */
export function applyCluster(ws: Workspace, info: ClusterInfo, p: ClusterParams | null | undefined, target?: ClusterTarget): boolean {
  const before = ws.version;
  const versionBefore = target?.clusterVersion;
  const context = p && typeof p.context === 'string' && p.context ? p.context : undefined;
  info.context = context;
  info.gitVersion = context && typeof p?.gitVersion === 'string' ? p.gitVersion : undefined;
  if (!context) ws.setOutsideCrds(undefined);
  else if (Array.isArray(p?.crds)) ws.setOutsideCrds(clusterCrdUri(context), clusterCrdText(p.crds).text);
  if (target) target.clusterVersion = info.gitVersion ? versionForServer(info.gitVersion)?.version : undefined;
  return ws.version !== before || target?.clusterVersion !== versionBefore;
}

export function registerClusterHandler(
  connection: Connection,
  ws: Workspace,
  info: ClusterInfo,
  target: ClusterTarget,
  diagnostics: DiagnosticsSink,
  guard: Guard,
): void {
  connection.onNotification(
    ClusterNotification.type,
    detached(guard, 'cluster', async (p: ClusterParams) => {
      if (applyCluster(ws, info, p, target)) await diagnostics.publishAll(false);
    }),
  );
}
