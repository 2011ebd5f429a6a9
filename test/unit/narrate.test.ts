// The narrator over a long run: what it remembers to tell "X moved in because Y went down" stays
// bounded while a simulation runs for hours (and so does the CronJob controller's memory), and
// what a missing volume source is called in the dorm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, deployment, kubectl } from './sim-helpers';
import { Narrator } from '../../core/panel/narrate';
import type { CronJobController } from '../../core/cluster/controllers/cronjob';
import { t } from '../../core/i18n/index';

const HOUR = 3_600_000;

test('narrator: its bookkeeping stays bounded over 24 simulated hours of deleted rooms, recreated Deployments and a CronJob every minute', () => {
  const c = cluster({ maxEvents: 500 });
  const n = new Narrator(c);
  const stories: string[] = [];
  c.onEvent((e) => {
    stories.push(t(n.story(e), 'en'));
    if (stories.length > 100) stories.shift();
  });
  const web = deployment('web', 3, { revisionHistoryLimit: 1 });
  apply(c, web);
  apply(c, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'clean' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: {
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] }] } } },
      },
    },
  });
  c.advance(10_000);
  const webPods = () => c.list('Pod').filter((p) => p.metadata.name.startsWith('web-') && !p.metadata.deletionTimestamp);
  const sizes: number[] = [];
  for (let minute = 1; minute <= 24 * 60; minute++) {
    if (minute % 30 === 0) {
      // A room goes down and its Deployment is deleted in the same instant: nobody replaces it.
      c.delete(webPods()[0]);
      c.delete(c.get('Deployment', 'default', 'web')!);
      c.settle();
      c.advance(40_000);
      apply(c, web);
    } else kubectl(c, `delete pod ${webPods()[0].metadata.name}`);
    c.advance(60_000);
    if (minute % 60 === 0) {
      const mem = n.memory();
      sizes.push(mem.down + mem.intended);
    }
  }
  assert.ok(c.now >= 24 * HOUR);
  assert.ok(Math.max(...sizes) <= 10, `narrator memory per hour: ${sizes.join(' ')}`);
  const cron = c.hook<CronJobController>('cronjobs').memory();
  assert.ok(cron.armed <= 1 && cron.seen <= 5, JSON.stringify(cron));
  // And it still tells who was replaced.
  const victim = webPods()[0].metadata.name;
  kubectl(c, `delete pod ${victim}`);
  assert.ok(
    stories.some((s) => s.endsWith(`because ${victim} went down.`)),
    stories.join('\n'),
  );
});

test('narrator: a recreated ReplicaSet of the same name does not claim to replace a room of the one deleted before', () => {
  const c = cluster();
  const n = new Narrator(c);
  const stories: string[] = [];
  c.onEvent((e) => stories.push(t(n.story(e), 'en')));
  const web = deployment('web', 2);
  apply(c, web);
  c.advance(10_000);
  const rooms = c
    .list('Pod')
    .filter((p) => p.metadata.name.startsWith('web-'))
    .map((p) => p.metadata.name);
  // The garbage collector empties its rooms: they go down, but nobody is left to replace them.
  c.delete(c.get('Deployment', 'default', 'web')!);
  c.settle();
  c.advance(60_000);
  const before = stories.length;
  apply(c, web);
  c.advance(10_000);
  const after = stories.slice(before);
  assert.ok(
    after.some((s) => s.startsWith('Building auntie web-')),
    after.join('\n'),
  );
  assert.ok(!after.some((s) => /went down/.test(s) || rooms.some((r) => s.includes(r))), after.join('\n'));
});

test('narrator: a missing ConfigMap volume is the notice board, a missing Secret volume the safe (en + zh)', () => {
  const c = cluster();
  const n = new Narrator(c);
  const mounts: { en: string; zh: string }[] = [];
  c.onEvent((e) => {
    if (e.reason !== 'FailedMount') return;
    const m = n.story(e);
    mounts.push({ en: t(m, 'en'), zh: t(m, 'zh-cn') });
  });
  const withVolume = (name: string, volume: object) => {
    const d = deployment(name, 1, {}, { volumeMounts: [{ name: 'v', mountPath: '/v' }] });
    d.spec.template.spec.volumes = [{ name: 'v', ...volume }];
    return d;
  };
  apply(c, withVolume('board', { configMap: { name: 'web-config' } }));
  apply(c, withVolume('safe', { secret: { secretName: 'web-tls' } }));
  c.advance(10_000);
  assert.equal(mounts.length, 2);
  assert.match(mounts[0].en, /^Room board-\S+ is waiting for its notice board: MountVolume.SetUp failed for volume "v" : configmap "web-config" not found$/);
  assert.match(mounts[0].zh, /在等它的公告板/);
  assert.match(mounts[1].en, /^Room safe-\S+ is waiting for its safe: .*secret "web-tls" not found$/);
  assert.match(mounts[1].zh, /在等它的保险箱/);
});
