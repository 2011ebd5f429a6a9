// The side panel's VS Code-free parts: view-model snapshot + diffs, narration, protocol
// validation and the session (apply, controls, refusals, secrets masked).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createCluster, applyFiles } from '../../core/cluster/index';
import { runCommand } from '../../core/kubectl/commands';
import { StateTracker, applyDiff, buildState, packPod, unpackPod, type PanelState, type PodView } from '../../core/panel/view';
import fc from 'fast-check';
import { Narrator } from '../../core/panel/narrate';
import { t } from '../../core/i18n/index';
import { validatePanelMessage, type HostMessage } from '../../webview/protocol/panel';
import { SimSession } from '../../extension/src/panel/session';
import { webviewHtml } from '../../extension/src/panel/html';

const ROOT = path.resolve(__dirname, '..', '..');
const LUXURY_PATH = path.join(ROOT, 'examples', 'chapter7-luxury', 'nginx-luxury-edition.yaml');
const LUXURY = readFileSync(LUXURY_PATH, 'utf8');
const URI = 'file:///work/nginx-luxury-edition.yaml';

const sortById = (s: PanelState) =>
  Object.fromEntries(
    Object.entries(s).map(([k, v]) => [
      k,
      Array.isArray(v) && v.length && typeof v[0] === 'object' && 'id' in v[0] ? [...v].sort((a: any, b: any) => (a.id < b.id ? -1 : 1)) : v,
    ]),
  );

test('snapshot: luxury edition draws 3 buildings, 2 running rooms grouped under their Deployment, the Secret by key names only', () => {
  const c = createCluster();
  applyFiles(c, [{ uri: URI, text: LUXURY }]);
  c.advance(10_000);
  const s = buildState(c);
  assert.deepEqual(
    s.nodes.map((n) => [n.name, n.status]),
    [
      ['node-1', 'Ready'],
      ['node-2', 'Ready'],
      ['node-3', 'Ready'],
    ],
  );
  assert.equal(s.pods.length, 2);
  for (const p of s.pods) {
    assert.equal(p.status, 'Running');
    assert.equal(p.groupKind, 'Deployment');
    assert.equal(p.groupName, 'nginx-luxury-edition');
    assert.equal(p.ownerKind, 'ReplicaSet');
    assert.match(p.node, /^node-\d$/);
    assert.deepEqual(
      p.containers.map((x) => [x.name, x.state, x.memoryLimit]),
      [['nginx', 'running', '128Mi']],
    );
  }
  const secret = s.configs.find((x) => x.kind === 'Secret');
  assert.deepEqual(secret?.keys, ['admin-pass', 'admin-user']);
  assert.ok(!JSON.stringify(s).includes('change-me'), 'no Secret value in the view-model');
  assert.ok(!JSON.stringify(s).includes(Buffer.from('change-me').toString('base64')), 'no encoded Secret value either');
  assert.ok(s.tables.some((tb) => tb.kind === 'Pod' && tb.rows.length === 2 && tb.header[2] === 'STATUS'));
});

test('diffs: applying every diff to the first snapshot gives the current state; unchanged ticks send nothing', () => {
  const c = createCluster();
  const tr = new StateTracker();
  let s = tr.snapshot(c);
  applyFiles(c, [{ uri: URI, text: LUXURY }]);
  const steps = [
    () => c.advance(500),
    () => c.advance(5000),
    () => runCommand(c, `delete pod ${c.list('Pod')[0].metadata.name}`),
    () => c.advance(40_000),
    () => runCommand(c, 'set image deployment/nginx-luxury-edition nginx=mysql:8.0'),
    () => c.advance(30_000),
    () => runCommand(c, 'rollout undo deployment/nginx-luxury-edition'),
    () => c.advance(60_000),
  ];
  let removals = 0;
  for (const step of steps) {
    step();
    const d = tr.diff(c);
    if (d) {
      removals += Object.values(d.remove).reduce((n, ids) => n + (ids?.length ?? 0), 0);
      s = applyDiff(s, d);
    }
    assert.deepEqual(sortById({ ...s, t: 0 }), sortById({ ...buildState(c), t: 0 }));
  }
  assert.ok(removals > 0, 'deleted pods were sent as removals');
  // A diff only carries what changed: a pod whose view did not change is not re-sent.
  assert.equal(tr.diff(c), undefined);
});

test('narration: the building auntie replaces a deleted room and says which one went down (en + zh)', () => {
  const c = createCluster();
  const n = new Narrator(c);
  const stories: { reason: string; en: string; zh: string }[] = [];
  c.onEvent((e) => {
    const m = n.story(e);
    stories.push({ reason: e.reason, en: t(m, 'en'), zh: t(m, 'zh-cn') });
  });
  applyFiles(c, [{ uri: URI, text: LUXURY }]);
  c.advance(5000);
  const victim = c.list('Pod')[0].metadata.name;
  runCommand(c, `delete pod ${victim}`);
  c.advance(5000);
  const replace = stories.find((s) => s.en.includes(`because ${victim} went down`));
  assert.ok(replace, stories.map((s) => s.en).join('\n'));
  assert.match(replace.en, /^Building auntie nginx-luxury-edition-\w+ moved a new roommate into nginx-luxury-edition-\w+-\w+ because/);
  assert.ok(replace.zh.includes(victim) && replace.zh.includes('楼管阿姨'));
  // Scale-down deletions are intended: no "went down" story follows them.
  runCommand(c, 'scale deployment/nginx-luxury-edition --replicas=1');
  c.advance(5000);
  runCommand(c, 'scale deployment/nginx-luxury-edition --replicas=2');
  c.advance(5000);
  const last = stories.filter((s) => s.reason === 'SuccessfulCreate').at(-1)!;
  assert.doesNotMatch(last.en, /went down/);
  // Every event got a story in both languages; none fell back to the generic line here.
  assert.ok(stories.every((s) => s.en && s.zh && s.en !== s.zh));
  assert.ok(!stories.some((s) => /: \w+\.$/.test(s.en) && s.en.startsWith(`${s.reason}`)));
  const crash = createCluster();
  const n2 = new Narrator(crash);
  const reasons = new Map<string, string>();
  crash.onEvent((e) => reasons.set(e.reason, t(n2.story(e), 'en')));
  applyFiles(crash, [{ uri: URI, text: LUXURY.replace('nginx:1.27', 'mysql:8.0') }]);
  crash.advance(30_000);
  assert.match(reasons.get('BackOff') ?? '', /keeps fainting.*CrashLoopBackOff/);
});

test('protocol: only well-formed messages pass validation', () => {
  const good: unknown[] = [
    { type: 'ready' },
    { type: 'speed', speed: 2 },
    { type: 'scale', kind: 'Deployment', name: 'web', replicas: 3 },
    { type: 'setSelector', service: 'web', selector: { app: 'web', track: 'blue' } },
    { type: 'node', action: 'add' },
    { type: 'reveal', name: 's', key: 'password' },
  ];
  for (const g of good) assert.equal(validatePanelMessage(g).ok, true, JSON.stringify(g));
  const bad: unknown[] = [
    null,
    'ready',
    [],
    { type: 'eval', code: 'x' },
    { type: '__proto__' },
    { type: 'toString' },
    { type: 'ready', extra: 1 },
    { type: 'speed', speed: 3 },
    { type: 'speed', speed: '2' },
    { type: 'scale', kind: 'Deployment', name: 'web', replicas: -1 },
    { type: 'scale', kind: 'Deployment', name: 'web', replicas: 1.5 },
    { type: 'scale', kind: 'Node', name: 'web', replicas: 1 },
    { type: 'deletePod', name: '' },
    { type: 'deletePod', name: 'x'.repeat(254) },
    { type: 'deletePod', name: 'a\nb' },
    { type: 'setSelector', service: 'web', selector: { app: 5 } },
    { type: 'node', action: 'explode', name: 'node-1' },
    { type: 'kubectl', line: 'x'.repeat(5000) },
  ];
  for (const b of bad) assert.equal(validatePanelMessage(b).ok, false, JSON.stringify(b)?.slice(0, 80));
});

function session() {
  const sent: HostMessage[] = [];
  const s = new SimSession({ post: (m) => sent.push(structuredClone(m)) });
  return { s, sent };
}

test('session: ready handshake sends one init, then only diffs; a refused manifest names the line to fix', () => {
  const { s, sent } = session();
  s.apply([{ uri: URI, text: LUXURY }]);
  assert.equal(sent.length, 0, 'nothing is posted before the webview says ready');
  s.handle({ type: 'ready' });
  assert.equal(sent.length, 1);
  assert.equal(sent[0].type, 'init');
  s.tick(5000);
  assert.equal(sent.at(-1)!.type, 'diff');
  const broken = LUXURY.replace(
    '      containers:',
    '      containers:\n        - name: sidecar\n          image: busybox\n          resources: { limits: { memory: "64Mo" } }',
  );
  const summary = s.apply([{ uri: URI, text: broken }]);
  assert.ok(summary.refusals.length > 0);
  const r = summary.refusals[0];
  assert.equal(r.uri, URI);
  assert.equal(typeof r.line, 'number');
  assert.match(r.text, /^error: nginx-luxury-edition\.yaml:\d+: /);
  assert.ok(sent.some((m) => m.type === 'applied' && m.apply.refusals.length > 0));
});

test('session: manifests are checked against kubeDorm.kubernetesVersion as set when they are applied', () => {
  let version: string | undefined = '1.27';
  const s = new SimSession({ post: () => undefined, kubernetesVersion: () => version });
  const pod =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: log\n      image: busybox:1.36\n      restartPolicy: Always\n  containers:\n    - name: app\n      image: nginx:1.27\n';
  const old = s.apply([{ uri: URI, text: pod }]);
  assert.deepEqual(
    old.refusals.map((r) => [r.code, r.line]),
    [['field-not-in-version', 8]],
  );
  version = '1.28';
  assert.deepEqual(s.apply([{ uri: URI, text: pod }]).refusals, []);
});

test('session: controls act on the cluster; invalid messages are reported and ignored; secrets only on reveal', () => {
  const { s, sent } = session();
  s.handle({ type: 'ready' });
  s.apply([{ uri: URI, text: LUXURY }]);
  s.tick(10_000);
  const running = () => s.cluster.list('Pod').filter((p) => !p.metadata.deletionTimestamp).length;
  s.handle({ type: 'scale', kind: 'Deployment', name: 'nginx-luxury-edition', replicas: 4 });
  assert.equal(running(), 4);
  s.handle({ type: 'pause' });
  const t0 = s.cluster.now;
  s.tick(5000);
  assert.equal(s.cluster.now, t0, 'paused: time does not move');
  s.handle({ type: 'step', ms: 2000 });
  assert.equal(s.cluster.now, t0 + 2000);
  s.handle({ type: 'speed', speed: 10 });
  s.handle({ type: 'play' });
  s.tick(1000);
  assert.equal(s.cluster.now, t0 + 12_000);
  const before = s.cluster.list('Pod').length;
  s.handle({ type: 'deletePod', name: 'nginx-luxury-edition"; rm -rf /' });
  assert.equal(s.cluster.list('Pod').length, before);
  assert.ok(sent.at(-1)!.type === 'output' && (sent.at(-1) as any).error);
  s.handle({ type: 'deletePod', name: 'x', evil: '<script>' });
  assert.match((sent.at(-1) as any).text, /unexpected field/);
  assert.ok(!sent.some((m) => JSON.stringify(m).includes('change-me')), 'the Secret value was never posted');
  s.handle({ type: 'reveal', name: 'nginx-secrets', key: 'admin-pass' });
  assert.deepEqual(sent.at(-1), { type: 'secret', namespace: 'default', name: 'nginx-secrets', key: 'admin-pass', value: 'change-me' });
  s.handle({ type: 'canary', deployment: 'nginx-luxury-edition', image: 'nginx:1.28' });
  s.tick(3000);
  const canary = s.cluster.list('Pod').filter((p) => p.metadata.labels?.track === 'canary');
  assert.equal(canary.length, 1);
  assert.equal(canary[0].metadata.labels?.app, 'nginx-luxury', 'the canary shares the app label');
  s.handle({ type: 'setLocale', locale: 'zh-cn' });
  const init = sent.at(-1) as Extract<HostMessage, { type: 'init' }>;
  assert.equal(init.type, 'init');
  assert.equal(init.control.locale, 'zh-cn');
  assert.ok(init.events.some((e) => /楼管阿姨/.test(e.story)));
  assert.equal(init.strings['panel.play'], '播放');
});

test('pods on the wire: unpackPod(packPod(p)) is p for every pod of every chapter, broken ones included, and the packed form is smaller', () => {
  const seen: PodView[] = [];
  for (const dir of readdirSync(path.join(ROOT, 'examples')).sort()) {
    const folder = path.join(ROOT, 'examples', dir);
    const files = readdirSync(folder)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => ({ uri: `file:///ex/${dir}/${f}`, text: readFileSync(path.join(folder, f), 'utf8') }));
    const c = createCluster({ nodes: 3, seed: 7 });
    applyFiles(c, files);
    // Early (Pending, ContainerCreating), settled, and after trouble (crashes, OOM, deletions).
    for (const ms of [0, 1500, 30_000]) {
      c.advance(ms);
      seen.push(...buildState(c).pods);
    }
    for (const p of c.list('Pod').slice(0, 2)) runCommand(c, `delete pod ${p.metadata.name} -n ${p.metadata.namespace ?? 'default'} --wait=false`);
    c.advance(200);
    seen.push(...buildState(c).pods);
  }
  assert.ok(seen.length > 50, `pods seen: ${seen.length}`);
  const statuses = new Set(seen.map((p) => p.status));
  assert.ok(statuses.size >= 4, `varied statuses: ${[...statuses].join(', ')}`);
  for (const p of seen) assert.deepEqual(unpackPod(JSON.parse(JSON.stringify(packPod(p)))), p, p.id);
  const full = JSON.stringify(seen).length;
  const packed = JSON.stringify(seen.map(packPod)).length;
  assert.ok(packed < full * 0.75, `packed ${packed} vs ${full}`);
});

test('pods on the wire: the round trip holds for arbitrary pod views (fast-check)', () => {
  const str = fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }), fc.constantFrom('Pod', 'Running', '0', '1/1', 'default'));
  const container = fc.record({
    name: str,
    image: str,
    state: fc.constantFrom('running', 'waiting', 'terminated', 'unknown'),
    reason: str,
    lastReason: str,
    ready: fc.boolean(),
    restarts: fc.nat(5),
    memoryLimit: str,
    cpuLimit: str,
    throttled: fc.boolean(),
    init: fc.boolean(),
  });
  const pod = fc
    .record({
      name: fc.string({ minLength: 1, maxLength: 12 }),
      namespace: fc.constantFrom('default', 'kube-system', 'x'),
      node: str,
      status: str,
      phase: str,
      ready: str,
      podReady: fc.boolean(),
      restarts: str,
      ip: str,
      ownerKind: str,
      ownerName: str,
      groupKind: str,
      groupName: str,
      ordinal: fc.integer({ min: -1, max: 5 }),
      dns: fc.constantFrom('', 'db-0.db.default.svc.cluster.local'),
      containers: fc.array(container, { maxLength: 3 }),
      terminating: fc.boolean(),
      uses: fc.array(
        fc.record({
          kind: fc.constantFrom('Secret' as const, 'ConfigMap' as const, 'PersistentVolumeClaim' as const),
          name: str,
          via: fc.constantFrom('env' as const, 'envFrom' as const, 'volume' as const, 'imagePull' as const),
        }),
        { maxLength: 3 },
      ),
      idOther: fc.boolean(),
    })
    .map(({ idOther, ...p }) => ({ id: idOther ? `Pod//${p.name}` : `Pod/${p.namespace}/${p.name}`, ...p }));
  fc.assert(
    fc.property(pod, (p) => assert.deepEqual(unpackPod(JSON.parse(JSON.stringify(packPod(p)))), JSON.parse(JSON.stringify(p)))),
    { numRuns: 500 },
  );
});

test('session: a state embedded in the page (preload) is followed by diffs only; a page reloaded from stale HTML gets a fresh init', () => {
  const { s, sent } = session();
  s.apply([{ uri: URI, text: LUXURY }]);
  s.tick(10_000);
  const pre = s.preload();
  assert.equal(pre.message.type, 'init');
  const pods = pre.message.state.pods;
  assert.equal(pods.length, 2, 'the embedded state has the running rooms');
  // While the page loads, time passes (a save re-applies the file): nothing is posted yet.
  s.handle({ type: 'deletePod', name: pods[0].name });
  s.apply([{ uri: URI, text: LUXURY.replace('nginx:1.27', 'nginx:1.28') }]);
  assert.equal(sent.filter((m) => m.type !== 'output').length, 0, 'nothing before ready');
  // The page drew that state and names it: only what changed since comes, and the new apply summary.
  s.handle({ type: 'ready', preloaded: pre.seq });
  assert.ok(!sent.some((m) => m.type === 'init'), 'no second copy of the state');
  const diff = sent.find((m) => m.type === 'diff') as Extract<HostMessage, { type: 'diff' }>;
  assert.ok(diff?.diff, 'a diff since the embedded state');
  assert.ok(diff.diff.remove.pods?.length || diff.diff.upsert.pods?.some((p) => p.name === pods[0].name), 'the deleted room is in the diff');
  assert.ok(
    sent.some((m) => m.type === 'applied'),
    'the newer apply summary is sent',
  );
  // The same page reloaded later (VS Code reloads a hidden webview from the same HTML): full init.
  sent.length = 0;
  s.handle({ type: 'ready', preloaded: pre.seq });
  assert.equal(sent[0]?.type, 'init');
  // A made-up sequence number gets a full init too.
  sent.length = 0;
  const again = s.preload();
  s.handle({ type: 'ready', preloaded: again.seq + 1 });
  assert.equal(sent[0]?.type, 'init');
  // And the protocol refuses a malformed one.
  assert.equal(validatePanelMessage({ type: 'ready', preloaded: 'x' }).ok, false);
  assert.equal(validatePanelMessage({ type: 'ready', preloaded: 0 }).ok, false);
});

test('panel HTML: the embedded state cannot end its data block (hostile names stay JSON text)', () => {
  const hostile = '</script><script>window.__pwned=1</script><!--';
  const html = webviewHtml({
    cspSource: 'https://x',
    nonce: 'N',
    scriptUri: 's.js',
    styleUri: 's.css',
    preload: { seq: 1, message: { name: hostile, sep: '\u2028' } },
  });
  const block = /<script id="kd-preload" type="application\/json" nonce="N">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(block, 'one data block');
  assert.ok(!block[1].includes('<'), 'no "<" inside the block');
  assert.deepEqual(JSON.parse(block[1]), { seq: 1, message: { name: hostile, sep: '\u2028' } });
  assert.equal(html.match(/<script/g)!.length, 2, 'the data block and the bundle, nothing else');
});
