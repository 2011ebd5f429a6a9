// A failed request to a real cluster, told as what to do: unreachable, TLS, credentials refused,
// or the API server's own answer. The words come from core/remote/messages.ts (en + zh).
import type { Msg } from '../manifest/types';
import { HttpError } from './client';
import type { KubeTarget } from './kubeconfig';
import { RemoteError, remoteMsg } from './messages';

const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** Whether an error is the TLS handshake's (an unknown CA, a wrong host name, an expired certificate). */
export function isTlsError(e: unknown): boolean {
  const code = String((e as NodeJS.ErrnoException)?.code ?? '');
  return (
    /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|SELF_SIGNED|DEPTH_ZERO|ERR_OSSL)/.test(code) || /certificate|SSL routines/i.test(String((e as Error)?.message ?? ''))
  );
}

export function explain(e: unknown, target: KubeTarget): Msg {
  if (e instanceof RemoteError) return e.msg;
  const server = target.cluster.server;
  const detail = String((e as Error)?.message ?? e);
  if (e instanceof HttpError) {
    if (e.code === 401) return remoteMsg('remote.unauthorized', { server, user: target.user.name });
    return remoteMsg('remote.httpError', { code: e.code, what: server, detail: e.status?.message ?? detail });
  }
  if (isTlsError(e)) return remoteMsg('remote.tls', { server, detail });
  if (NETWORK.has(String((e as NodeJS.ErrnoException)?.code ?? ''))) return remoteMsg('remote.unreachable', { server, detail });
  return remoteMsg('remote.unreachable', { server, detail });
}
