// A lesson drives the side panel: the panel's session (SimSession) attached to the lesson's
// cluster through LessonSession.clusterSource, the source the extension hands to the panel.
// The panel's own controls then complete the lesson's steps, its Reset starts the lesson's cluster
// over, and detaching gives the panel a cluster of its own again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAllLessons } from '../../core/lessons/index';
import { LessonSession } from '../../extension/src/lessons/session';
import { SimSession } from '../../extension/src/panel/session';
import { unpackPod } from '../../core/panel/view';
import type { HostMessage } from '../../webview/protocol/panel';

const ROOT = path.resolve(__dirname, '..', '..');
const lessons = loadAllLessons((rel) => readFileSync(path.join(ROOT, 'media', 'lessons', rel), 'utf8'));

function setup(id: string) {
  const lessonPosts: unknown[] = [];
  const lesson = new LessonSession(lessons, id, { post: (m) => lessonPosts.push(m) });
  // The source the extension hands to the side panel (LessonPanel.source).
  const source = lesson.clusterSource;
  const sent: HostMessage[] = [];
  const panel = new SimSession({ post: (m) => sent.push(structuredClone(m)) });
  panel.handle({ type: 'ready' });
  panel.attach(source);
  // The host's timers: the panel drives time while attached (the lesson's tick only re-checks).
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 500) {
      panel.tick(500 / panel.speed);
      lesson.tick(0);
    }
  };
  return { lesson, panel, sent, source, run };
}

const lastInit = (sent: HostMessage[]) => sent.filter((m) => m.type === 'init').at(-1) as Extract<HostMessage, { type: 'init' }>;

test("lesson 1 done with the side panel: its controls are the learner's commands, and the steps complete", () => {
  const { lesson, panel, sent, run } = setup('pods');
  // The panel shows the lesson's cluster and names the lesson.
  assert.equal(panel.cluster, lesson.run.cluster);
  assert.equal(lastInit(sent).control.owner, 'Lesson 1: Pods and their leaders');
  assert.equal(panel.speed, 2, "the panel starts at the lesson's speed");
  // Step 1 through the panel's kubectl box (the lesson file is what `apply -f` reads).
  panel.handle({ type: 'kubectl', line: 'kubectl apply -f dorm.yaml' });
  run(20_000);
  assert.ok(lesson.run.done.has('move-in'), 'move-in completes from the panel');
  // Step 2 with the panel's Delete on a room: the auntie refills it and the step completes.
  const victim = lesson.run.cluster.list('Pod').find((p) => !p.metadata.deletionTimestamp)!.metadata.name;
  panel.handle({ type: 'deletePod', name: victim });
  assert.ok(
    lesson.run.history.some((h) => h === `delete pod ${victim}`),
    lesson.run.history.join(' | '),
  );
  run(30_000);
  assert.ok(lesson.run.done.has('refill'), 'refill completes from the panel');
  // The panel drew the rooms it was told about (diffs since its init).
  const podsSeen = new Set<string>();
  for (const m of sent) {
    if (m.type === 'init') for (const p of m.state.pods) podsSeen.add(unpackPod(p).name);
    if (m.type === 'diff') for (const p of m.diff?.upsert.pods ?? []) podsSeen.add(unpackPod(p).name);
  }
  assert.ok(podsSeen.has(victim) && podsSeen.size >= 6, `rooms drawn: ${podsSeen.size}`);
  // Step 4 later uses the panel's Scale control (step 3 is an edit in the file: done by the lesson's Show me).
  lesson.handle({ type: 'ready' });
  lesson.handle({ type: 'showMe', step: 'scale-up' });
  run(20_000);
  assert.ok(lesson.run.done.has('scale-up'));
  panel.handle({ type: 'scale', kind: 'Deployment', name: 'dorm', replicas: 3 });
  run(60_000);
  assert.deepEqual([...lesson.run.done], ['move-in', 'refill', 'scale-up', 'scale-down']);
});

test("the panel's Reset starts the lesson's cluster over from the steps done; switching lessons follows; release gives the panel its own cluster", () => {
  const { lesson, panel, sent, run } = setup('pods');
  panel.handle({ type: 'kubectl', line: 'apply -f dorm.yaml' });
  run(20_000);
  assert.ok(lesson.run.done.has('move-in'));
  const before = lesson.run.cluster;
  panel.handle({ type: 'deletePod', name: before.list('Pod')[0].metadata.name });
  sent.length = 0;
  panel.handle({ type: 'reset' });
  assert.notEqual(lesson.run.cluster, before, 'a new cluster');
  assert.equal(panel.cluster, lesson.run.cluster, 'the panel shows it');
  assert.equal(sent[0]?.type, 'init', 'the page gets the new cluster whole');
  assert.ok(lesson.run.done.has('move-in'), 'progress stays');
  assert.equal(lesson.run.cluster.list('Deployment').length, 1, 'replayed up to the steps done');
  // The learner switches lessons in the lesson view: the panel follows on its next tick.
  lesson.switchTo('rollout');
  sent.length = 0;
  run(500);
  assert.equal(panel.cluster, lesson.run.cluster);
  assert.equal(lastInit(sent).control.owner, 'Lesson 2: ' + lessons[1].text.en.title);
  // The lesson view closes: the panel goes back to a cluster of its own.
  panel.attach(undefined);
  assert.notEqual(panel.cluster, lesson.run.cluster);
  assert.equal(panel.attachedTo, undefined);
  assert.equal(lastInit(sent).control.owner, undefined);
});

/** Does every step before `stepId` with "Show me", then lets time run until they are done. */
function upTo(s: ReturnType<typeof setup>, stepId: string): void {
  s.lesson.handle({ type: 'ready' });
  for (const st of s.lesson.lesson.def.steps) {
    if (st.id === stepId) break;
    s.lesson.handle({ type: 'showMe', step: st.id });
    s.run(40_000);
    assert.ok(s.lesson.run.done.has(st.id), `${st.id} done by Show me`);
  }
}

test("the side panel's controls complete the steps whose task names them (lessons 2, 3, 4)", () => {
  // Lesson 2: Set image in the web card breaks it; Roll back repairs it.
  const l2 = setup('rollout');
  upTo(l2, 'broken');
  l2.panel.handle({ type: 'setImage', kind: 'Deployment', name: 'web', image: 'mysql:8.4' });
  l2.run(60_000);
  assert.ok(l2.lesson.run.done.has('broken'), 'broken (CrashLoopBackOff) through the panel');
  l2.panel.handle({ type: 'rollback', name: 'web' });
  l2.run(90_000);
  assert.ok(l2.lesson.run.done.has('undo'), 'undo through the panel');

  // Lesson 3: the web dispatch centre's "Send 5 requests".
  const l3 = setup('service');
  upTo(l3, 'orders');
  l3.panel.handle({ type: 'request', service: 'web', count: 5 });
  l3.run(2000);
  assert.ok(l3.lesson.run.done.has('orders'), 'orders through the panel');

  // Lesson 4: "+ Add a building".
  const l4 = setup('controllers');
  upTo(l4, 'new-building');
  l4.panel.handle({ type: 'node', action: 'add' });
  l4.run(40_000);
  assert.ok(l4.lesson.run.done.has('new-building'), 'new-building through the panel');
});

test("the side panel's Canary and Set-selector controls are kubectl lines the lesson sees; a request names the rooms that answered", () => {
  const s = setup('service');
  upTo(s, 'orders');
  const outputs = () => s.sent.filter((m): m is Extract<HostMessage, { type: 'output' }> => m.type === 'output');
  const webPods = () =>
    new Set(
      s.lesson.run.cluster
        .list('Pod')
        .filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp)
        .map((p) => `Pod/default/${p.metadata.name}`),
    );

  s.panel.handle({ type: 'request', service: 'web', count: 3 });
  const served = outputs().at(-1)!;
  assert.equal(served.answered?.length, 3, 'one room per request');
  assert.deepEqual(new Set(served.answered), webPods());

  s.panel.handle({ type: 'canary', deployment: 'web', image: 'nginx:1.28' });
  assert.ok(s.lesson.run.history.includes('canary deployment/web --image nginx:1.28'), s.lesson.run.history.join(' | '));
  assert.equal(outputs().at(-1)!.text, '$ kubectl canary deployment/web --image nginx:1.28\ndeployment.apps/web-canary created\n');
  assert.equal(s.lesson.run.cluster.get('Deployment', 'default', 'web-canary')?.spec.template.spec.containers[0].image, 'nginx:1.28');
  s.run(20_000);
  const canaries = s.lesson.run.cluster.list('Pod').filter((p) => p.metadata.labels?.track === 'canary');
  assert.equal(canaries.length, 1);
  assert.equal(canaries[0].metadata.labels?.app, 'web', 'the canary shares the app label');
  s.panel.handle({ type: 'canary', deployment: 'web', replicas: 2 });
  assert.ok(s.lesson.run.history.includes('canary deployment/web --replicas=2'));
  assert.equal(s.lesson.run.cluster.get('Deployment', 'default', 'web-canary')?.spec.replicas, 2);

  s.panel.handle({ type: 'setSelector', service: 'web', selector: { app: 'web', track: 'canary' } });
  assert.ok(s.lesson.run.history.includes('set selector service/web app=web,track=canary'), s.lesson.run.history.join(' | '));
  assert.equal(outputs().at(-1)!.text, '$ kubectl set selector service/web app=web,track=canary\nservice/web selector updated\n');
  assert.deepEqual(s.lesson.run.cluster.get('Service', 'default', 'web')?.spec.selector, { app: 'web', track: 'canary' });
  s.run(20_000);
  s.panel.handle({ type: 'request', service: 'web', count: 4 });
  const after = outputs().at(-1)!;
  const canaryIds = new Set(
    s.lesson.run.cluster
      .list('Pod')
      .filter((p) => p.metadata.labels?.track === 'canary')
      .map((p) => `Pod/default/${p.metadata.name}`),
  );
  assert.equal(canaryIds.size, 2);
  assert.deepEqual(new Set(after.answered), canaryIds, 'only the canary rooms answer now');

  s.panel.handle({ type: 'setSelector', service: 'nope', selector: { app: 'web' } });
  assert.match(outputs().at(-1)!.text, /Error from server \(NotFound\): services "nope" not found/);
  assert.equal(outputs().at(-1)!.error, true);
});
