// The editor's "Why?" after a simulation (extension/src/panel/why.ts over SimSession, through the
// fake vscode module): a CodeLens on the first line of each simulated resource something is wrong
// with says what went wrong and the chain's first step; "Show why" posts that chain to the panel.
import { fake } from '../support/fake-vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimSession } from '../../extension/src/panel/session';
import { registerWhyLenses, SHOW_WHY, type WhyLensProvider } from '../../extension/src/panel/why';
import type { HostMessage } from '../../webview/protocol/panel';
import { serviceYaml, workloadYaml } from '../support/workload-yaml';

const URI = 'file:///w/app.yaml';
const TEXT = `# A Deployment whose memory limit is under what mongo needs, and a Service in front of it.
${workloadYaml({ name: 'db', replicas: 2, image: 'mongo:7' })}
          resources:
            limits:
              memory: 32Mi
---
${serviceYaml({ name: 'web', app: 'wbe', port: 80 })}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: fine
data:
  a: b
`;
const line = (needle: string) => TEXT.split('\n').findIndex((l) => l.startsWith(needle));

function setup(locale: 'en' | 'zh-cn' = 'en') {
  fake.reset();
  const posted: HostMessage[] = [];
  let changes = 0;
  const s = new SimSession({ post: (m) => posted.push(m), localeChoice: locale, nodes: 2, onChange: () => changes++ });
  s.apply([{ uri: URI, text: TEXT }]);
  const subscriptions: { dispose(): void }[] = [];
  const provider: WhyLensProvider = registerWhyLenses({ subscriptions } as any, { lenses: () => s.whyLenses(), show: (subject) => s.showWhy(subject as any) });
  return { s, posted, provider, subscriptions, changes: () => changes };
}

const doc = (uri: string) => ({ uri: { toString: () => uri } }) as any;

test('lenses: one per broken resource, on its first line, with the symptom and the first step; none for a healthy one', () => {
  const { s, provider, changes, subscriptions } = setup();
  assert.ok(changes() >= 1, 'applying told the lenses');
  s.cluster.advanceTo(120_000);
  let fired = 0;
  provider.onDidChangeCodeLenses(() => fired++);
  provider.refresh();
  assert.equal(fired, 1);
  provider.refresh();
  assert.equal(fired, 1, 'no change, no event');
  const lenses = provider.provideCodeLenses(doc(URI)) as any[];
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.command.command]),
    [
      [line('apiVersion: apps/v1'), SHOW_WHY],
      [line('apiVersion: apps/v1'), SHOW_WHY],
      [line('apiVersion: v1'), SHOW_WHY],
      [line('apiVersion: v1'), SHOW_WHY],
    ],
  );
  assert.match(lenses[0].command.title, /^⚠ Pod db-\w+-\w+: container db was OOMKilled \(\d+ restarts\): The container used more memory than its limit/);
  assert.equal(lenses[1].command.title, 'Show why');
  assert.match(lenses[1].command.tooltip, /\n2\. limits\.memory is 32Mi, less than the process needs$/);
  assert.equal(lenses[2].command.title, '⚠ Service web has no endpoints: Its selector app=wbe matches no pod in namespace default');
  assert.deepEqual(lenses[3].command.arguments, [{ kind: 'Service', namespace: 'default', name: 'web' }]);
  assert.deepEqual(provider.provideCodeLenses(doc('file:///w/other.yaml')), []);
  assert.equal(fake.lensProviders.length, 1);
  for (const d of subscriptions) d.dispose();
  assert.equal(fake.lensProviders.length, 0);
});

test('"Show why" posts the chain to the panel (once its page is ready); a malformed argument is ignored', async () => {
  const { s, posted, provider } = setup();
  s.cluster.advanceTo(120_000);
  provider.refresh();
  const [, show] = provider.provideCodeLenses(doc(URI)) as any[];
  await fake.commands.get(SHOW_WHY)!(...show.command.arguments);
  assert.equal(posted.filter((m) => m.type === 'why').length, 0, 'the page is not ready yet');
  s.handle({ type: 'ready' });
  assert.deepEqual(
    posted.slice(-2).map((m) => m.type),
    ['init', 'why'],
  );
  const why = posted.filter((m) => m.type === 'why');
  assert.equal(why.length, 1);
  const m = why[0];
  assert.match(m.name, /^db-/);
  assert.equal(m.chain?.steps.at(-1)?.at?.line, line('              memory: 32Mi'));
  for (const bad of [undefined, 'Pod', { kind: 1, name: 'x' }, { kind: 'Pod' }, { kind: 'Pod', name: 'x', namespace: 5 }])
    await fake.commands.get(SHOW_WHY)!(bad);
  assert.equal(posted.filter((x) => x.type === 'why').length, 1);
});

test('lenses in Chinese, and they go away when the manifest is fixed', () => {
  const { s, provider } = setup('zh-cn');
  s.cluster.advanceTo(120_000);
  provider.refresh();
  const lenses = provider.provideCodeLenses(doc(URI)) as any[];
  assert.equal(lenses[3].command.title, '查看原因');
  assert.match(lenses[2].command.title, /^⚠ Service web 没有端点：它的选择器 app=wbe 在命名空间 default 中匹配不到任何 Pod$/);
  // (mongo listens on 27017: a Service on port 80 with no targetPort would be the next chain)
  s.apply([{ uri: URI, text: TEXT.replace('app: wbe', 'app: db').replace('memory: 32Mi', 'memory: 1Gi').replace('port: 80', 'port: 27017') }]);
  s.cluster.advanceTo(400_000);
  provider.refresh();
  assert.deepEqual(provider.provideCodeLenses(doc(URI)), []);
});

test('a lens follows its resource when the file is applied again with lines added above it', () => {
  const { s, provider } = setup();
  s.cluster.advanceTo(120_000);
  provider.refresh();
  const serviceLine = () => (provider.provideCodeLenses(doc(URI)) as any[]).find((l) => /Service web/.test(l.command.title))?.range.start.line;
  assert.equal(serviceLine(), line('apiVersion: v1'));
  s.apply([{ uri: URI, text: `# one more comment line\n# and another\n${TEXT}` }]);
  s.cluster.advanceTo(130_000);
  provider.refresh();
  assert.equal(serviceLine(), line('apiVersion: v1') + 2);
});
