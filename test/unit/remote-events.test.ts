// A real cluster's Events as timeline rows (core/remote/events.ts): kubectl's line and the story
// with the dorm's name for the object's role, in both languages; and the field paths of an API
// server's refusal turned into manifest paths (core/remote/dryrun.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { remoteEvent, timeOfDay } from '../../core/remote/events';
import { fieldPath } from '../../core/remote/dryrun';

const ev = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web-abc.1', namespace: 'default', uid: 'u1', resourceVersion: '7' },
  involvedObject: { kind: 'ReplicaSet', name: 'web-abc', namespace: 'default' },
  reason: 'SuccessfulCreate',
  message: 'Created pod: web-abc-x1',
  type: 'Normal',
  lastTimestamp: '2026-12-04T08:30:05Z',
};

test('an Event is told twice: kubectl’s line, and the dorm story with the role’s one name', () => {
  const en = remoteEvent(ev as never, 'en');
  assert.equal(en.kubectl, 'Normal   SuccessfulCreate   replicaset/web-abc   Created pod: web-abc-x1');
  assert.equal(en.story, 'In the real cluster, building auntie web-abc: Created pod: web-abc-x1');
  assert.equal(en.object, 'ReplicaSet/web-abc');
  assert.equal(en.t, timeOfDay(Date.parse('2026-12-04T08:30:05Z')));
  assert.equal(en.t, (8 * 3600 + 30 * 60 + 5) * 1000, 'the time of day (UTC), which the timeline prints as h:mm:ss');
  assert.equal(remoteEvent(ev as never, 'zh-cn').story, '真实集群中，楼管 web-abc：Created pod: web-abc-x1');
  const odd = remoteEvent({ ...ev, involvedObject: { kind: 'Widget', name: 'w' }, type: 'Warning', lastTimestamp: undefined } as never, 'en');
  assert.equal(odd.type, 'Warning');
  assert.match(odd.story, /Widget w: /);
});

test('a Status cause’s field becomes the manifest path it names', () => {
  assert.deepEqual(fieldPath('spec.template.spec.containers[0].image'), ['spec', 'template', 'spec', 'containers', 0, 'image']);
  assert.deepEqual(fieldPath('.spec.ports[1].nodePort'), ['spec', 'ports', 1, 'nodePort']);
  assert.deepEqual(fieldPath('metadata.name'), ['metadata', 'name']);
});
