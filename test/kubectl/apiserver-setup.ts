// The API server over a real socket for the apiserver*.test.ts suites: a two-node cluster running
// a two-replica Deployment "web", served with a test token, and an authorised requester for it.
import { createCluster, applyFiles } from '../../core/cluster/index';
import { KubeApiServer } from '../../core/apiserver/server';
import { requester } from '../support/api-request';

export const TOKEN = 'test-token-abcdefghijklmnopqrstuvwxyz012345';
const DEPLOY = `apiVersion: apps/v1
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

/** Starts the server on a free port; `timers` collects its interval callbacks so a test can fire them (watch bookmarks). */
export async function setup(opts: { timers?: (() => void)[] } = {}) {
  const c = createCluster({ nodes: 2 });
  applyFiles(c, [{ uri: 'file:///web.yaml', text: DEPLOY }]);
  c.advance(20_000);
  const timers = opts.timers;
  const srv = new KubeApiServer(c, {
    token: TOKEN,
    allowAdvance: true,
    ...(timers
      ? {
          setInterval: (fn: () => void) => (timers.push(fn), fn),
          clearInterval: (h: unknown) => {
            const i = timers.indexOf(h as () => void);
            if (i >= 0) timers.splice(i, 1);
          },
        }
      : {}),
  });
  const url = await srv.listen(0);
  const req = requester(url, TOKEN);
  return { c, srv, url, req };
}
