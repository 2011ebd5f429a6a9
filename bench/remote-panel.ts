// `npm run bench remote` (second part): the side panel on a real cluster of 5,000 pods, in real
// Chromium. The cluster is `kube-dorm serve`'s API server; the panel's host is the extension's own
// RemoteSession (informers → view-model → init and diffs), its messages delivered to the page as
// the tests' harness delivers them (playwright's bridge, slower than VS Code's postMessage).
// Figures: connect → every room drawn (list through the informers, view-model, init, render), and
// frames per second while the cluster changes under the watches (a scale-down of 10% every 200 ms
// of wall time, streamed as watch events; target ≥ 30 fps); the floor in the same run is the frame
// rate of the same page with nothing happening.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KubeApiServer } from '../core/apiserver/server';
import { applyFiles, createCluster } from '../core/cluster/index';
import { connect } from '../core/remote/connect';
import { serverVersion } from '../core/remote/client';
import { ConnectionState } from '../core/remote/state';
import { RemoteSession } from '../extension/src/remote/session';
import type { HostMessage } from '../webview/protocol/panel';
import { launchChromium } from '../test/support/browser';
import { openPanel } from '../test/webview/harness';

/** The served cluster's workload (also bench/remote.ts's): one Deployment of `replicas` tiny pods. */
export const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: "nginx:1.25", resources: {requests: {cpu: 1m, memory: 1Mi}}}]}
`;

async function framesPerSecond(page: import('playwright-core').Page, ms: number, during: () => void | Promise<void>): Promise<number> {
  await page.evaluate('window.__frames = 0; (function f() { window.__frames++; requestAnimationFrame(f); })()');
  const f0 = await page.evaluate<number>('window.__frames');
  const t0 = Date.now();
  const work = (async () => {
    while (Date.now() - t0 < ms) {
      await during();
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  await work;
  const f1 = await page.evaluate<number>('window.__frames');
  return (f1 - f0) / ((Date.now() - t0) / 1000);
}

export async function benchRemotePanel(o: { quick: boolean }): Promise<void> {
  const pods = o.quick ? 1000 : 5000;
  const c = createCluster({ nodes: Math.ceil(pods / 100) + 1, maxEvents: 10_000 });
  applyFiles(c, [{ uri: 'file:///web.yaml', text: deployment(pods) }]);
  c.advanceUntil(() => c.list('Pod').filter((p) => p.status?.phase === 'Running').length >= pods, 600_000);
  const srv = new KubeApiServer(c, { token: 'bench' });
  await srv.listen(0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-bench-remote-panel-'));
  fs.writeFileSync(path.join(dir, 'kubeconfig'), srv.kubeconfig());
  const browser = await launchChromium();
  // An empty simulated panel: the page is loaded and ready; the real cluster's init replaces it.
  const h = await openPanel({ browser, preload: false, reducedMotion: 'no-preference', viewport: { width: 1400, height: 900 } });
  let chain: Promise<unknown> = Promise.resolve();
  const post = (m: HostMessage) => {
    const json = JSON.stringify(m);
    chain = chain.then(() => h.page.evaluate((x) => window.postMessage(JSON.parse(x), '*'), json).catch(() => {}));
  };
  let session: RemoteSession | undefined;
  try {
    const idle = await framesPerSecond(h.page, 2000, () => undefined);
    const t0 = performance.now();
    const { client, target } = await connect({ explicit: path.join(dir, 'kubeconfig') });
    const version = (await serverVersion(client)).gitVersion;
    session = new RemoteSession({ post, state: new ConnectionState(), confirmAllow: () => Promise.resolve(false) }, { client, target, version });
    await session.rc.synced();
    const listed = performance.now() - t0;
    session.handle({ type: 'ready' });
    await h.page.waitForFunction((n) => document.querySelectorAll('[data-kind="pod"]').length >= n, pods, { polling: 'raf', timeout: 120_000 });
    const drawn = performance.now() - t0;
    let replicas = pods;
    const fps = await framesPerSecond(h.page, o.quick ? 3000 : 6000, () => {
      replicas = Math.max(0, replicas - Math.round(pods / 10));
      const d = c.get('Deployment', 'default', 'web')!;
      d.spec.replicas = replicas;
      c.update(d, true);
      c.advance(2_000);
    });
    await chain;
    const roomsAtEnd = await h.page.$$eval('[data-kind="pod"]', (e) => e.length);
    process.stdout.write(
      `remote panel: ${pods} real pods (served) — connect→listed ${listed.toFixed(0)} ms, connect→every room drawn ${drawn.toFixed(0)} ms; ` +
        `${fps.toFixed(1)} fps while the watches stream a scale-down (target ≥ 30; the idle page in the same run: ${idle.toFixed(1)} fps, ratio ${(fps / idle).toFixed(2)}); ` +
        `${roomsAtEnd} rooms at the end (${c.list('Pod').length} pods in the cluster)\n`,
    );
    if (h.errors.length) process.stdout.write(`page errors: ${h.errors.join('\n')}\n`);
  } finally {
    session?.dispose();
    await h.close();
    await browser.close();
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
