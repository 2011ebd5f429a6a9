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
import type { Cluster } from '../cluster/cluster';
import { hasBearerToken, sendStatus, serveRequest } from './http';
import { PodLogs } from '../cluster/logs';
import type { ResourceDef } from './registry';
import { route } from './routing';
import type { ApiServerOptions, ApiState } from './state';
import { WatchHub } from './watch';

export type { ApiServerOptions } from './state';

export class KubeApiServer implements ApiState {
  readonly logs: PodLogs;
  readonly watches: WatchHub;
  private server?: http.Server;
  private sockets = new Set<Socket>();
  private url = '';

  constructor(
    readonly cluster: Cluster,
    readonly opts: ApiServerOptions,
  ) {
    this.logs = new PodLogs(cluster);
    this.watches = new WatchHub(cluster);
  }

  /** Starts listening on 127.0.0.1 (never another address); resolves to the base URL. */
  listen(port = 0): Promise<string> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
    const srv = this.opts.tls ? https.createServer({ key: this.opts.tls.key, cert: this.opts.tls.cert }, handler) : http.createServer(handler);
    this.server = srv;
    srv.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
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
      '- name: kube-dorm',
      '  cluster:',
      `    server: ${this.url}`,
      ...(this.opts.tls ? [`    certificate-authority-data: ${Buffer.from(this.opts.tls.cert).toString('base64')}`] : []),
      'users:',
      '- name: kube-dorm-learner',
      '  user:',
      `    token: ${this.opts.token}`,
      'contexts:',
      '- name: kube-dorm',
      '  context:',
      '    cluster: kube-dorm',
      '    user: kube-dorm-learner',
      '    namespace: default',
      'current-context: kube-dorm',
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

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    serveRequest(req, res, (body) => {
      if (!hasBearerToken(req, this.opts.token)) sendStatus(res, 401, 'Unauthorized', 'Unauthorized');
      else route(this, req, res, body);
    });
  }
}
