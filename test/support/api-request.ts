// An authorised request to an in-process API server, for tests that speak HTTP to it directly.
import * as http from 'node:http';
import { KubeApiServer, type ApiServerOptions } from '../../core/apiserver/server';
import { applyFiles, createCluster } from '../../core/cluster/index';

export interface Reply {
  status: number;
  json: any;
  text: string;
  headers: http.IncomingHttpHeaders;
}

export type Requester = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply>;

/** Requests against `url` with the bearer `token`; a JSON body is parsed into `json` (undefined otherwise). */
export function requester(url: string, token: string, agent?: http.Agent): Requester {
  return (method, path, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      const r = http.request(
        url + path,
        { method, agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers } },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => {
            let json: any;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, json, text, headers: res.headers });
          });
        },
      );
      r.on('error', reject);
      r.end(data);
    });
}

/** A two-replica Deployment `web` (nginx, env A and B), the cluster the API server tests serve. */
export const WEB_DEPLOYMENT = `apiVersion: apps/v1
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
        env: [{name: A, value: "1"}, {name: B, value: "2"}]
`;

/** A two-node cluster running `WEB_DEPLOYMENT`, served on a free loopback port, with an authorised requester. */
export async function serveWeb(token: string, opts: Partial<ApiServerOptions> = {}, agent?: http.Agent) {
  const c = createCluster({ nodes: 2 });
  applyFiles(c, [{ uri: 'file:///web.yaml', text: WEB_DEPLOYMENT }]);
  c.advance(20_000);
  const srv = new KubeApiServer(c, { token, ...opts });
  const url = await srv.listen(0);
  return { c, srv, url, req: requester(url, token, agent) };
}
