// A Kubernetes-API-shaped HTTP server over the simulated cluster, so the real kubectl client can
// talk to it. This facade owns the state (the cluster, the token, the sockets, the watches) and
// checks the bearer token; routing.ts sends each request to its handler: discovery.ts (/version,
// discovery, OpenAPI), read.ts (list/get), watch.ts, writes.ts (create, update, patch, delete),
// server-side-apply.ts, subresources.ts (/scale, pods/log, pods/eviction, services/proxy).
// Node's `http` only; no vscode. Binds 127.0.0.1 only. Virtual time is the caller's business
// (cli/serve.ts advances the clock); every mutation is settled at once so watchers see the
// controllers' reaction.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Cluster } from '../cluster/cluster';
import { ConnectionGuard, DEFAULT_LIMITS } from './connections';
import { EventLog } from '../cluster/event-log';
import { hasBearerToken, sendStatus, serveRequest } from './http';
import { PodLogs } from '../cluster/logs';
import type { ResourceDef } from '../k8s/registry';
import { route } from './routing';
import type { ApiServerOptions, ApiState } from './state';
import { WatchHub } from './watch';
import { CONTEXT_NAME, USER_NAME } from '../kubectl/verbs/discovery';

export type { ApiServerOptions } from './state';

export class KubeApiServer implements ApiState {
  readonly logs: PodLogs;
  readonly watches: WatchHub;
  readonly events: EventLog;
  private readonly guard: ConnectionGuard;
  private server?: http.Server;
  private sockets = new Set<Socket>();
  private url = '';

  constructor(
    readonly cluster: Cluster,
    readonly opts: ApiServerOptions,
  ) {
    this.logs = new PodLogs(cluster);
    this.events = new EventLog(cluster, () => this.rv());
    this.watches = new WatchHub(cluster, this.events, opts.watchLimits);
    this.guard = new ConnectionGuard({ ...DEFAULT_LIMITS, ...opts.limits });
  }

  /** Starts listening on 127.0.0.1 (never another address); resolves to the base URL. */
  listen(port = 0): Promise<string> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
    const { headersMs } = this.guard.limits;
    const common = { connectionsCheckingInterval: Math.max(100, Math.min(1000, headersMs / 2)) };
    const tls = this.opts.tls;
    const srv = tls
      ? https.createServer({ ...common, key: tls.key, cert: tls.cert, handshakeTimeout: headersMs, ...this.clientCertOptions() }, handler)
      : http.createServer(common, handler);
    this.server = srv;
    this.guard.configure(srv);
    srv.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      this.guard.admit(s, !!tls);
    });
    if (tls) srv.on('secureConnection', (s: Socket) => this.guard.watchIdle(s));
    return new Promise((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const a = srv.address() as AddressInfo;
        this.url = `${this.opts.tls ? 'https' : 'http'}://127.0.0.1:${a.port}`;
        resolve(this.url);
      });
    });
  }

  get address(): string {
    return this.url;
  }

  close(): Promise<void> {
    this.watches.closeAll();
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A kubeconfig for this server (context `kube-dorm`). */
  kubeconfig(): string {
    return [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: ${CONTEXT_NAME}`,
      '  cluster:',
      `    server: ${this.url}`,
      ...(this.opts.tls ? [`    certificate-authority-data: ${Buffer.from(this.opts.tls.cert).toString('base64')}`] : []),
      'users:',
      `- name: ${USER_NAME}`,
      '  user:',
      `    token: ${this.opts.token}`,
      'contexts:',
      `- name: ${CONTEXT_NAME}`,
      '  context:',
      `    cluster: ${CONTEXT_NAME}`,
      `    user: ${USER_NAME}`,
      '    namespace: default',
      `current-context: ${CONTEXT_NAME}`,
      'preferences: {}',
      '',
    ].join('\n');
  }

  rv(): string {
    return this.watches.rv();
  }

  changed(): void {
    this.cluster.settle();
    this.opts.onChange?.();
  }

  action(verb: string, def: ResourceDef, name: string, extra = ''): void {
    this.opts.onAction?.(`${verb} ${verb === 'scale' ? `${def.singular}/${name}` : `${def.singular} ${name}`}${extra}`);
  }

  /** Checks the token before anything else: an unauthorised request's body is never read. */
  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.guard.begin(req, res);
    const certified = !!this.opts.clientCA && (req.socket as TLSSocket).authorized === true;
    if (!certified && !hasBearerToken(req, this.opts.token)) {
      res.setHeader('Connection', 'close');
      sendStatus(res, 401, 'Unauthorized', 'Unauthorized');
      res.once('finish', () => req.socket.destroySoon());
      return;
    }
    this.guard.trust(req);
    const next = () => serveRequest(req, res, (body) => route(this, req, res, body));
    if (this.opts.faults) this.opts.faults.handle(this, req, res, next);
    else next();
  }

  /** Client certificates are asked for (not required: a token still works) when a client CA is set. */
  private clientCertOptions(): https.ServerOptions {
    return this.opts.clientCA ? { ca: this.opts.clientCA, requestCert: true, rejectUnauthorized: false } : {};
  }
}
