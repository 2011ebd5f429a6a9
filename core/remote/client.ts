// Requests to a real API server with a context's credentials: JSON requests and line-by-line watch
// streams over Node's http/https (one keep-alive agent per client). The credentials are fetched per
// request (an exec plugin's credential is cached by ExecAuth until it expires) and never appear in
// an error, a log line or anything returned.
import * as http from 'node:http';
import * as https from 'node:https';
import type { RequestAuth } from './auth';
import { isObj } from '../k8s/guards';
import type { KObject } from '../cluster/store';

/** An answer other than 2xx, with the Status the server sent when there was one. */
export class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly status: { reason?: string; message?: string; details?: Record<string, unknown> } | undefined,
    what: string,
  ) {
    super(`${code} ${status?.reason ?? http.STATUS_CODES[code] ?? ''} on ${what}${status?.message ? `: ${status.message}` : ''}`);
  }

  /** The Status' details.causes (StatusCause: the field refused, why), those that are objects. */
  get causes(): { type?: unknown; field?: unknown; message?: unknown }[] {
    const causes = this.status?.details?.causes;
    return Array.isArray(causes) ? causes.filter(isObj) : [];
  }
}

export interface Watching {
  close(): void;
}

export interface WatchHandlers {
  /** The connection is open (200): the watch is live. */
  open(): void;
  event(type: string, object: unknown): void;
  /** The stream ended: `err` undefined when the server closed it normally. */
  end(err?: Error): void;
}

export class RemoteClient {
  private agent?: http.Agent;
  /** Requests made (list, get, create, and each watch opened). */
  requests = 0;

  constructor(
    readonly server: string,
    private readonly getAuth: () => Promise<RequestAuth>,
    private readonly timeoutMs = 30_000,
  ) {}

  private async options(method: string, path: string, headers: Record<string, string> = {}): Promise<https.RequestOptions> {
    const auth = await this.getAuth();
    const u = new URL(this.server);
    const secure = u.protocol === 'https:';
    this.agent ??= secure
      ? new https.Agent({
          keepAlive: true,
          ca: auth.ca,
          cert: auth.cert,
          key: auth.key,
          rejectUnauthorized: auth.rejectUnauthorized,
          servername: auth.servername,
        })
      : new http.Agent({ keepAlive: true });
    const base = u.pathname.replace(/\/$/, '');
    return {
      protocol: u.protocol,
      hostname: u.hostname,
      port: u.port,
      path: base + path,
      method,
      agent: this.agent,
      headers: { Accept: 'application/json', 'User-Agent': 'kube-dorm', ...auth.headers, ...headers },
    };
  }

  private transport(): typeof https | typeof http {
    return this.server.startsWith('https:') ? https : http;
  }

  /**
   * A JSON request; resolves to the decoded body of a 2xx answer, throws `HttpError` otherwise.
   * `contentType` names the body's type (a patch's: `application/merge-patch+json`,
   * `application/apply-patch+yaml`, …); a string body is sent as it is.
   */
  async request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const opts = await this.options(method, path, data !== undefined ? { 'Content-Type': contentType } : {});
    this.requests++;
    return new Promise((resolve, reject) => {
      const req = this.transport().request(opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          const code = res.statusCode ?? 0;
          if (code >= 200 && code < 300) resolve(json);
          else reject(new HttpError(code, isObj(json) && json.kind === 'Status' ? json : undefined, `${method} ${path}`));
        });
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`no answer in ${this.timeoutMs / 1000} s`)));
      req.on('error', reject);
      req.end(data);
    });
  }

  /** Opens a watch stream (the path carries `watch=true` and the resourceVersion). */
  watch(path: string, h: WatchHandlers): Watching {
    let req: http.ClientRequest | undefined;
    let closed = false;
    let ended = false;
    const end = (err?: Error) => {
      if (ended) return;
      ended = true;
      if (!closed) h.end(err);
    };
    this.options('GET', path)
      .then((opts) => {
        if (closed) return;
        this.requests++;
        req = this.transport().request(opts, (res) => {
          const code = res.statusCode ?? 0;
          if (code !== 200) {
            const chunks: Buffer[] = [];
            res.on('data', (d: Buffer) => chunks.push(d));
            res.on('end', () => {
              let status: unknown;
              try {
                status = JSON.parse(Buffer.concat(chunks).toString('utf8'));
              } catch {
                status = undefined;
              }
              end(new HttpError(code, isObj(status) && status.kind === 'Status' ? status : undefined, `watch ${path.split('?')[0]}`));
            });
            return;
          }
          h.open();
          res.socket?.setKeepAlive(true, 30_000);
          let buf = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => {
            buf += d;
            let i: number;
            while ((i = buf.indexOf('\n')) >= 0) {
              const line = buf.slice(0, i).trim();
              buf = buf.slice(i + 1);
              if (!line) continue;
              let ev: unknown;
              try {
                ev = JSON.parse(line);
              } catch {
                continue;
              }
              if (!closed && isObj(ev) && typeof ev.type === 'string') h.event(ev.type, ev.object);
            }
          });
          res.on('end', () => end());
          res.on('error', (e) => end(e));
          res.on('close', () => end(res.complete ? undefined : new Error('the watch connection was closed')));
        });
        req.on('error', (e) => end(e));
        req.end();
      })
      .catch((e) => end(e));
    return {
      close: () => {
        closed = true;
        req?.destroy();
      },
    };
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }
}

// `request` answers `unknown` (JSON from the server); these read the answers the callers need.

/** The `items` of a list answer (an answer of another shape has none). */
export function itemsOf(list: unknown): KObject[] {
  return isObj(list) && Array.isArray(list.items) ? (list.items as KObject[]) : [];
}

/** The server's version (GET /version): its fields that are strings. */
export async function serverVersion(client: RemoteClient): Promise<{ gitVersion?: string; minor?: string }> {
  const v = await client.request('GET', '/version');
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  return isObj(v) ? { gitVersion: str(v.gitVersion), minor: str(v.minor) } : {};
}

/** The namespaces' names, sorted (GET /api/v1/namespaces). */
export async function namespaceNames(client: RemoteClient): Promise<string[]> {
  return itemsOf(await client.request('GET', '/api/v1/namespaces'))
    .map((n) => n.metadata.name)
    .sort();
}
