// HTTP plumbing shared by the API server's handlers: the request context, Status errors, JSON
// responses (engine-private fields stripped), body reading with the API server's size limit, and
// bearer-token comparison.
import type * as http from 'node:http';
import type { ResourceDef } from '../k8s/registry';
import { AdmissionError } from '../cluster/admission';
import { ApiError } from '../cluster/api-error';
import { hidePrivate, publicCopy } from '../cluster/store';

export { ApiError };

/** One resource request, as routed: the endpoint's resource, namespace, name and subresource. */
export interface ReqCtx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  q: URLSearchParams;
  body: Buffer;
  def: ResourceDef;
  namespace?: string;
  name?: string;
  sub?: string;
  subrest: string[];
  method: string;
}

/** The 404 the API server answers for paths it does not serve. */
export const notFound = (): ApiError => new ApiError(404, 'NotFound', 'the server could not find the requested resource');
export const methodNotAllowed = (): ApiError => new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

/** Engine-private fields (`_progressed`, ...) never leave the server; `clone` is a deep copy without them. */
export { hidePrivate, publicCopy as clone };

/** The real API server's request body limit (3 MiB). */
const MAX_BODY = 3 * 1024 * 1024;

export function send(res: http.ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body, hidePrivate);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...headers });
  res.end(text);
}

export function sendStatus(res: http.ServerResponse, code: number, reason: string, message: string, details?: Record<string, unknown>): void {
  send(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
}

/**
 * Reads the request body (refusing more than 3 MiB with 413) and runs `handle` on it; an error
 * thrown by `handle` becomes a Status response (an `ApiError`'s code, 500 otherwise).
 */
export function serveRequest(req: http.IncomingMessage, res: http.ServerResponse, handle: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const tooLarge = () => {
    // The rest of the body is not worth reading: answer, then close the connection.
    res.setHeader('Connection', 'close');
    sendStatus(res, 413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    res.once('finish', () => req.socket.destroySoon());
  };
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return tooLarge();
  req.on('data', (d: Buffer) => {
    size += d.length;
    if (size <= MAX_BODY) chunks.push(d);
    else if (!res.headersSent) {
      chunks.length = 0;
      req.pause();
      tooLarge();
    }
  });
  req.on('end', () => {
    if (size > MAX_BODY) return;
    try {
      handle(Buffer.concat(chunks));
    } catch (e) {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (e instanceof ApiError || e instanceof AdmissionError) sendStatus(res, e.code, e.reason, e.message, e.details);
      else sendStatus(res, 500, 'InternalError', `Internal error occurred: ${(e as Error)?.message ?? String(e)}`);
    }
  });
}

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function hasBearerToken(req: http.IncomingMessage, token: string): boolean {
  // Only the request's own header counts, never a value inherited through Object.prototype.
  const header = Object.hasOwn(req.headers, 'authorization') ? req.headers.authorization : undefined;
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1].trim());
  const b = Buffer.from(token);
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** The field manager a request without `fieldManager` gets: the client's name from its User-Agent. */
export function managerOf(req: http.IncomingMessage): string {
  return String(req.headers['user-agent'] ?? 'unknown').split('/')[0] || 'unknown';
}

/** Whether the client asked for a `meta.k8s.io Table` (kubectl get). */
export function wantsTable(req: http.IncomingMessage): boolean {
  return /as=Table/.test(req.headers.accept ?? '');
}
