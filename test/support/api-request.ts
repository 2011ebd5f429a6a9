// An authorised request to an in-process API server, for tests that speak HTTP to it directly.
import * as http from 'node:http';

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
