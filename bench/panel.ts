// bench/panel: the simulation panel in real Chromium with 1,000 pods on 50 nodes and a rolling
// update under way. Figures: panel open → first paint of the dorm (target ≤ 300 ms), frames per
// second while the host streams diffs at 10 ticks/s (target ≥ 30), and message sizes (init vs diffs).
//   node --import tsx bench/panel.ts [--quick]      or      npm run bench -- panel
import { openPanel } from '../test/webview/harness';
import { launchChromium } from '../test/support/browser';

const DEPLOY = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
spec:
  replicas: ${replicas}
  strategy:
    rollingUpdate: { maxSurge: 10%, maxUnavailable: 10% }
  selector:
    matchLabels: { app: big }
  template:
    metadata:
      labels: { app: big }
    spec:
      containers:
        - name: web
          image: ${image}
          resources:
            requests: { cpu: 10m, memory: 16Mi }
            limits: { cpu: 50m, memory: 64Mi }
`;
const SVC = `apiVersion: v1
kind: Service
metadata:
  name: big
spec:
  selector: { app: big }
  ports: [{ port: 80 }]
`;

export async function benchPanel(o: { quick: boolean } = { quick: false }): Promise<Record<string, number | string>> {
  const pods = o.quick ? 200 : 1000;
  const nodes = o.quick ? 10 : 50;
  const seconds = o.quick ? 3 : 6;
  const browser = await launchChromium();
  try {
    const open = async (preload: boolean) => {
      const t0 = Date.now();
      const h = await openPanel({
        browser,
        nodes,
        preload,
        reducedMotion: 'no-preference',
        viewport: { width: 1400, height: 900 },
        before: (s) => {
          s.apply([
            { uri: 'file:///bench/big.yaml', text: DEPLOY(pods, 'nginx:1.27') },
            { uri: 'file:///bench/svc.yaml', text: SVC },
          ]);
          s.cluster.advance(10_000);
        },
      });
      // The page marks the frame after the first state is painted (ms since the webview's navigation
      // started); the host's time to build the embedded state comes before the navigation.
      await h.page.waitForFunction("performance.getEntriesByName('kd:first-paint').length > 0");
      const m: { paint: number; drawnAtPaint: number; allDrawn: number; ready: number; initStart: number; initMs: number } = JSON.parse(
        await h.page.evaluate<string>(
          `JSON.stringify((() => { const g = (n) => performance.getEntriesByName(n)[0]; const i = g('kd:init'); return { paint: g('kd:first-paint').startTime, drawnAtPaint: g('kd:first-paint').detail?.drawn ?? -1, allDrawn: g('kd:all-drawn')?.startTime ?? -1, ready: g('kd:ready')?.startTime ?? -1, initStart: i ? i.startTime : -1, initMs: i ? i.duration : -1 }; })())`,
        ),
      );
      return { h, wallMs: Date.now() - t0, openToPaint: h.preloadBuildMs + m.paint, ...m };
    };
    // Without the embedded state (the page asks with `ready`): the round trip goes through the test
    // bridge (playwright), which is slower than VS Code's postMessage; shown for comparison.
    const asked = await open(false);
    const iInit = asked.h.posted.findIndex((m) => m.type === 'init');
    const iReady = asked.h.received.findIndex((m) => (m as { type?: string })?.type === 'ready');
    const askedOrigin = await asked.h.page.evaluate<number>('performance.timeOrigin');
    const askedBridgeMs = Math.round(asked.h.receivedAt[iReady] - (askedOrigin + asked.ready) + (askedOrigin + asked.initStart - asked.h.postedAt[iInit]));
    await asked.h.close();

    // The page is opened `opens` times (the machine's other work shows in single figures): the
    // median is reported with the range; the last page stays open for the frame-rate part.
    const opens = o.quick ? 3 : 7;
    const runs: Awaited<ReturnType<typeof open>>[] = [];
    for (let i = 0; i < opens; i++) {
      const r = await open(true);
      runs.push(r);
      if (i < opens - 1) await r.h.close();
    }
    const first = runs[runs.length - 1];
    const sortedPaint = runs.map((r) => r.openToPaint).sort((a, b) => a - b);
    const medianPaint = sortedPaint[Math.floor(sortedPaint.length / 2)];
    const h = first.h;
    const drawn = await h.page.$$eval('[data-kind="pod"]', (e) => e.length);

    // A rolling update under way: new image, play at 1× (10% waves: the rollout lasts the whole
    // measurement), the host ticks every 100 ms as the extension does.
    h.session.apply([
      { uri: 'file:///bench/big.yaml', text: DEPLOY(pods, 'nginx:1.28') },
      { uri: 'file:///bench/svc.yaml', text: SVC },
    ]);
    h.session.speed = 1;
    h.session.playing = true;
    const before = h.posted.length;
    await h.page.evaluate('window.__frames = 0; (function f() { window.__frames++; requestAnimationFrame(f); })()');
    const f0 = await h.page.evaluate<number>('window.__frames');
    const s0 = Date.now();
    let tickMs = 0;
    let ticks = 0;
    await new Promise<void>((resolve) => {
      let last = Date.now();
      const timer = setInterval(() => {
        const now = Date.now();
        const a = performance.now();
        h.session.tick(Math.min(now - last, 1000));
        tickMs += performance.now() - a;
        ticks++;
        last = now;
        if (now - s0 >= seconds * 1000) {
          clearInterval(timer);
          resolve();
        }
      }, 100);
    });
    await h.settled();
    const f1 = await h.page.evaluate<number>('window.__frames');
    const elapsed = (Date.now() - s0) / 1000;
    const fps = (f1 - f0) / elapsed;
    const diffs = h.posted.slice(before).filter((m) => m.type === 'diff');
    const diffBytes = diffs.reduce((n, m) => n + JSON.stringify(m).length, 0) / Math.max(1, diffs.length);
    const statuses = (await h.page.$$eval('[data-kind="pod"]', (els) => els.map((e) => e.getAttribute('data-status')))) as string[];
    const figures = {
      pods,
      nodes,
      drawnAtOpen: drawn,
      openToFirstPaintMs: Math.round(medianPaint),
      openToFirstPaintRangeMs: `${Math.round(sortedPaint[0])}–${Math.round(sortedPaint[sortedPaint.length - 1])} over ${opens} opens`,
      hostPreloadBuildMs: Math.round(h.preloadBuildMs),
      roomsInFirstPaint: first.drawnAtPaint,
      allRoomsDrawnAtMs: Math.round(h.preloadBuildMs + first.allDrawn),
      initRenderMs: Math.round(first.initMs),
      askedOpenToFirstPaintMs: Math.round(asked.openToPaint),
      askedBridgeMs,
      wallOpenIncludingLoadMs: first.wallMs,
      fps: Math.round(fps * 10) / 10,
      ticks,
      hostTickMsAvg: Math.round((tickMs / Math.max(1, ticks)) * 10) / 10,
      htmlKB: Math.round(h.htmlBytes / 102.4) / 10,
      diffs: diffs.length,
      diffKBAvg: Math.round(diffBytes / 102.4) / 10,
      simulatedSeconds: Math.round(h.session.cluster.now / 100) / 10,
      podsDrawnAtEnd: statuses.length,
      notRunningAtEnd: statuses.filter((s) => s !== 'Running').length,
    };
    process.stdout.write(
      `panel: ${pods} pods on ${nodes} nodes — open→first paint median ${figures.openToFirstPaintMs} ms (${figures.openToFirstPaintRangeMs}; target ≤ 300; state embedded in the page, ${figures.roomsInFirstPaint} rooms in view drawn first, all ${pods} by ${figures.allRoomsDrawnAtMs} ms; ` +
        `asked for after ready: ${figures.askedOpenToFirstPaintMs} ms, ${figures.askedBridgeMs} ms of it in the test bridge), ` +
        `${figures.fps} fps during the rolling update (target ≥ 30), host tick ${figures.hostTickMsAvg} ms avg, ` +
        `HTML with the embedded state ${figures.htmlKB} kB, ${figures.diffs} diffs of ${figures.diffKBAvg} kB avg\n${JSON.stringify(figures)}\n`,
    );
    if (h.errors.length) process.stdout.write(`page errors: ${h.errors.join('\n')}\n`);
    await h.close();
    return figures;
  } finally {
    await browser.close().catch(() => {});
  }
}

if (require.main === module) {
  benchPanel({ quick: process.argv.includes('--quick') }).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
