// Connecting to a real cluster: kubeconfig → context → credentials → a client. What the extension's
// "Connect to Cluster" and the CLI's `status`/`doctor` share.
import type { RequestAuth } from './auth';
import { checkExecPlugin, resolveAuth } from './auth';
import { RemoteClient } from './client';
import { loadKubeconfig, selectContext, type KubeconfigLocation, type KubeTarget } from './kubeconfig';

export interface Connection {
  target: KubeTarget;
  client: RemoteClient;
}

/** Loads the kubeconfig, picks the context and checks its exec plugin is on PATH (throws `RemoteError`). */
export async function connect(loc: KubeconfigLocation & { context?: string }): Promise<Connection> {
  const env = loc.env ?? process.env;
  const target = selectContext(await loadKubeconfig(loc), loc.context);
  checkExecPlugin(target, env);
  // The credentials are fetched per request (an exec plugin's until it expires), never kept in a log.
  const getAuth = (): Promise<RequestAuth> => resolveAuth(target, env);
  return { target, client: new RemoteClient(target.cluster.server, getAuth) };
}
