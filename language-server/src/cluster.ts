// The connected cluster, as the client tells it (kubeDorm/cluster): its CRDs join the CRD index as
// CRDs from outside the workspace (core/workspace/cluster.ts), and every file is checked again.
// A disconnect (context: null) forgets them. Nothing is ever sent back to the cluster.
import type { Connection } from 'vscode-languageserver';
import { clusterCrdText, clusterCrdUri } from '../../core/workspace/cluster';
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

/** Applies one kubeDorm/cluster notification to the workspace; true when the CRDs changed. */
export function applyCluster(ws: Workspace, info: ClusterInfo, p: ClusterParams | null | undefined): boolean {
  const before = ws.version;
  const context = p && typeof p.context === 'string' && p.context ? p.context : undefined;
  info.context = context;
  info.gitVersion = context && typeof p?.gitVersion === 'string' ? p.gitVersion : undefined;
  if (!context) ws.setOutsideCrds(undefined);
  else if (Array.isArray(p?.crds)) ws.setOutsideCrds(clusterCrdUri(context), clusterCrdText(p.crds).text);
  return ws.version !== before;
}

export function registerClusterHandler(connection: Connection, ws: Workspace, info: ClusterInfo, diagnostics: DiagnosticsSink, guard: Guard): void {
  connection.onNotification(
    ClusterNotification.type,
    detached(guard, 'cluster', async (p: ClusterParams) => {
      if (applyCluster(ws, info, p)) await diagnostics.publishAll(false);
    }),
  );
}
