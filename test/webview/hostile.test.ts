// 50 hostile strings as names, labels, annotations, env values, Secret keys and event texts: in the
// panel none executes (no script, no handler, no navigation, no dialog, no request), and the layout
// holds (nothing wider than the viewport, every room inside its building).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPanel, type PanelHarness } from './harness';

import { HOSTILE, hostileMaps } from '../support/hostile';

let h: PanelHarness | undefined;
after(async () => {
  await h?.close();
});

test('50 hostile strings in names, labels, annotations, env values and keys: nothing executes, the layout holds', async () => {
  assert.equal(HOSTILE.length, 50);
  h = await openPanel({
    viewport: { width: 1000, height: 800 },
    before: (s) => {
      const c = s.cluster;
      const { labels, annotations, env } = hostileMaps();
      // Objects the API server would refuse, created behind its back so the panel meets them all.
      HOSTILE.forEach((v, i) => {
        const tpl = { metadata: { labels: { app: `a${i}`, evil: v }, annotations }, spec: { containers: [{ name: v, image: i % 2 ? 'nginx:1.27' : v, env }] } };
        // Templates share the annotations object with the Deployment's metadata, as a YAML anchor would.
        if (i % 3 === 0)
          c.create({
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: v, labels, annotations },
            spec: { replicas: 1, selector: { matchLabels: { app: `a${i}` } }, template: tpl },
          });
        else if (i % 3 === 1) c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: v, labels: tpl.metadata.labels, annotations }, spec: tpl.spec });
        else
          c.create({
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: v, labels, annotations },
            spec: { selector: { evil: v }, ports: [{ port: 80, name: v }] },
          });
        if (i % 10 === 0) c.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `s${i}` }, type: v, stringData: { [v]: v } });
        if (i % 10 === 5) c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: v }, data: { [v]: v } });
        c.recordEvent({ kind: 'Pod', metadata: { name: v, namespace: 'default' } }, 'Warning', 'Failed', { container: v, error: v }, v);
      });
      c.settle();
      // And through the front door: a manifest full of them is refused, and the refusals are shown
      // (the first 18 strings: the 19th, "{{...}}", makes the parser treat the file as a Helm template).
      s.apply([
        {
          uri: 'file:///ws/<img src=x onerror=window.__pwned=99>.yaml',
          text: HOSTILE.slice(0, 18)
            .map(
              (v) =>
                `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${JSON.stringify(v)}\nspec:\n  containers:\n    - name: ${JSON.stringify(v)}\n      image: nginx\n`,
            )
            .join('---\n'),
        },
      ]);
    },
  });
  const { page } = h;
  await h.advance(20_000);
  // Select a room, reveal a safe value, switch to the kubectl view and back, change language: all re-render hostile text.
  await page.click('[data-kind="pod"]');
  const reveal = await page.$('[data-kind="secret"] [data-action="reveal"]');
  await reveal!.click();
  await h.settled();
  await page.click('#view-table');
  await page.click('#view-dorm');
  await page.selectOption('#language', 'zh-cn');
  await h.settled();
  await h.advance(5_000);

  const report = await page.evaluate<Record<string, unknown>>(`(() => {
    const doc = document;
    const scripts = doc.querySelectorAll('script').length;
    const handlers = [...doc.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length;
    const jsUrls = [...doc.querySelectorAll('[href],[src],[action],[formaction]')].filter((e) => /^\\s*(javascript|data|vbscript):/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '')).length;
    const injected = doc.querySelectorAll('img, iframe, svg:not([data-pic]), style, link:not([rel=stylesheet][href$="panel.css"]):not([rel=stylesheet][href$="codicon.css"]), meta[http-equiv=refresh], base, form:not(.kubectl-form), video, math, template, noscript, details, b, a').length;
    const vw = doc.documentElement.clientWidth;
    const overflowX = doc.documentElement.scrollWidth - vw;
    const outside = [];
    for (const b of doc.querySelectorAll('[data-kind="node"]')) {
      const br = b.getBoundingClientRect();
      for (const r of b.querySelectorAll('[data-kind="pod"]')) {
        const rr = r.getBoundingClientRect();
        if (rr.left < br.left - 1 || rr.right > br.right + 1) outside.push(r.getAttribute('data-name').slice(0, 40));
      }
    }
    const wide = [...doc.querySelectorAll('[data-kind="pod"], [data-kind="service"], [data-kind="event"], .card')].filter((e) => e.getBoundingClientRect().right > vw + 1).length;
    return { pwned: window.__pwned ?? null, scripts, handlers, jsUrls, injected, overflowX, outside, wide,
      pods: doc.querySelectorAll('[data-kind="pod"]').length, services: doc.querySelectorAll('[data-kind="service"]').length,
      events: doc.querySelectorAll('[data-kind="event"][data-reason="Failed"]').length, url: location.href,
      refusals: doc.querySelectorAll('[data-kind="refusal"]').length, applyText: (doc.getElementById('apply')?.textContent ?? '').slice(0, 300), big: [...doc.querySelectorAll('[data-kind="pod"]')].some((e) => e.getAttribute('data-name').startsWith('${'x'.repeat(100)}') && e.getAttribute('data-name').length >= 10240) };
  })()`);
  assert.equal(report.pwned, null, 'no hostile script ran');
  assert.equal(report.scripts, 1, 'only the panel script is in the document');
  assert.equal(report.handlers, 0, 'no element carries an on* handler attribute');
  assert.equal(report.jsUrls, 0);
  assert.equal(report.injected, 0, 'no markup from a name became an element');
  assert.equal(report.url, h.url, 'no navigation');
  assert.ok((report.overflowX as number) <= 1, `page scrolls sideways by ${String(report.overflowX)}px`);
  assert.deepEqual(report.outside, [], 'every room stays inside its building');
  assert.equal(report.wide, 0, 'no pod, service, event or card is wider than the panel');
  // The hostile objects are really there (the test would prove nothing if they had been dropped).
  const inCluster = (kind: string) => h!.session.cluster.list(kind).filter((o) => !(kind === 'Service' && o.metadata.name === 'kubernetes')).length;
  assert.equal(report.pods, inCluster('Pod'));
  assert.ok(report.pods >= 25, `pods drawn: ${String(report.pods)}`);
  assert.equal(report.services, inCluster('Service'));
  assert.equal(report.services, 16);
  assert.equal(report.events, 50);
  assert.ok(report.big, 'the 10 kB name is drawn (clipped)');
  assert.ok((report.refusals as number) >= 18, 'the hostile manifest was refused and the refusals shown: ' + String(report.applyText));
  // Text is shown as text: a script tag name appears literally.
  assert.ok(
    (await page.$('[data-kind="pod"][data-name="<script>window.__pwned=1</script>"]')) ??
      (await page.$('[data-kind="service"][data-name="<script>window.__pwned=1</script>"]')) ??
      (await page.$('[data-kind="deployment"][data-name="<script>window.__pwned=1</script>"]')),
  );
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await h.advance(1000);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(h.errors, []);
});
