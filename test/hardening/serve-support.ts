// Helpers for the hostile-input replays against the API server: an in-process `KubeApiServer` over
// real HTTP on 127.0.0.1 with a Deployment running, and a request function that returns the
// status, the parsed body and the raw text.
import * as http from 'node:http';
import { createCluster, applyFiles } from '../../core/cluster/index';
import { KubeApiServer, type ApiServerOptions } from '../../core/apiserver/server';

export const TOKEN = 'hostile-token-abcdefghijklmnopqrstuvwxyz0123';

export const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`;

export interface Reply {
  status: number;
  json: any;
  text: string;
  headers: http.IncomingHttpHeaders;
}

export type Requester = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply>;

/** A served cluster (2 nodes, Deployment `web` running) and an authorised request function. */
export async function serveInProcess(opts: Partial<ApiServerOptions> = {}) {
  const c = createCluster({ nodes: 2 });
  applyFiles(c, [{ uri: 'file:///web.yaml', text: DEPLOY }]);
  c.advance(20_000);
  const srv = new KubeApiServer(c, { token: TOKEN, ...opts });
  const url = await srv.listen(0);
  const agent = new http.Agent({ keepAlive: false });
  const req: Requester = (method, path, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      const r = http.request(url + path, { method, agent, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...headers } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, json, text, headers: res.headers });
        });
      });
      r.on('error', reject);
      r.end(data);
    });
  return { c, srv, url, req };
}
