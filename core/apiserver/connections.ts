// Connection hygiene for the API server: a connection is untrusted until one of its requests
// carries the token. Each client address may hold only so many untrusted connections (the oldest
// is closed to admit a new one), so sockets that never send cannot exhaust the process's file
// descriptors and lock kubectl out. A connection idle with no request in flight is closed (a
// watch in flight may stay quiet as long as it likes); Node's own timers bound slow headers
// (slowloris), slow bodies and idle keep-alive.
import type * as http from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Untrusted connections per client address (default 64). */
  untrustedPerClient: number;
  /** A connection with no request in flight is closed after this long without traffic (default 30 s). */
  idleMs: number;
  /** The request headers must arrive within this time (default 10 s). */
  headersMs: number;
  /** The whole request, body included, must arrive within this time (default 60 s). */
  requestMs: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = { untrustedPerClient: 64, idleMs: 30_000, headersMs: 10_000, requestMs: 60_000 };

interface Conn {
  key: string;
  socket: Socket;
  client: string;
  trusted: boolean;
  /** Requests on this connection whose response has not finished. */
  inFlight: number;
}

/** `address:port` of a connection's peer: the same for the TCP socket and the TLS socket over it. */
const peerOf = (s: Socket) => `${s.remoteAddress ?? ''}|${s.remotePort ?? ''}`;

export class ConnectionGuard {
  private conns = new Map<string, Conn>();
  /** Untrusted connections of each client address, oldest first. */
  private untrusted = new Map<string, Set<Conn>>();

  constructor(readonly limits: ConnectionLimits) {}

  /** Applies the server-wide timeouts (headers, whole request, keep-alive) to a new server. */
  configure(srv: http.Server): void {
    srv.headersTimeout = this.limits.headersMs;
    srv.requestTimeout = this.limits.requestMs;
    srv.keepAliveTimeout = Math.min(5000, this.limits.idleMs);
    // With a listener here Node leaves a timed-out socket alone: `watchIdle` decides.
    srv.on('timeout', () => undefined);
  }

  /**
   * A new TCP connection: counted as untrusted; the client's oldest untrusted one goes if over the
   * cap. Over plain HTTP its idle timer starts here; over TLS, once the handshake is done
   * (`watchIdle` on the TLS socket; the handshake has its own timeout).
   */
  admit(socket: Socket, tls: boolean): void {
    const key = peerOf(socket);
    const c: Conn = { key, socket, client: socket.remoteAddress ?? '', trusted: false, inFlight: 0 };
    this.conns.set(key, c);
    const set = this.untrusted.get(c.client) ?? new Set<Conn>();
    this.untrusted.set(c.client, set);
    set.add(c);
    if (set.size > this.limits.untrustedPerClient) {
      const oldest = set.values().next().value as Conn;
      this.forget(oldest);
      oldest.socket.destroy();
    }
    socket.once('close', () => {
      if (this.conns.get(key) === c) this.forget(c);
    });
    if (!tls) this.watchIdle(socket);
  }

  /** Closes the connection after `idleMs` without traffic, unless a request is in flight on it. */
  watchIdle(socket: Socket): void {
    const c = this.conns.get(peerOf(socket));
    socket.setTimeout(this.limits.idleMs);
    socket.on('timeout', () => {
      if (!c || c.inFlight === 0) socket.destroy();
    });
  }

  /** A request arrived on the connection: it counts as in flight until its response is done. */
  begin(req: http.IncomingMessage, res: http.ServerResponse): void {
    const c = this.conns.get(peerOf(req.socket));
    if (!c) return;
    c.inFlight++;
    res.once('close', () => c.inFlight--);
  }

  /** The connection carried the token: it no longer counts against its client's untrusted cap. */
  trust(req: http.IncomingMessage): void {
    const c = this.conns.get(peerOf(req.socket));
    if (!c || c.trusted) return;
    c.trusted = true;
    this.untrusted.get(c.client)?.delete(c);
  }

  private forget(c: Conn): void {
    this.conns.delete(c.key);
    const set = this.untrusted.get(c.client);
    set?.delete(c);
    if (set && !set.size) this.untrusted.delete(c.client);
  }
}
