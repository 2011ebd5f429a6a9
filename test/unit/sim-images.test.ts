// Item 13 of issue 12: an image that does not exist — a tag typo of a profiled image
// (`nginx:1.2.7.9`) or an unknown registry host — gives ErrImagePull, then ImagePullBackOff, with
// the kubelet's wording; the `kube-dorm.dev/image-exists` annotation says an image exists (or not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, kubectl } from './sim-helpers';
import type { Cluster } from '../../core/cluster/cluster';
import { imagePullError, tagExists } from '../../core/cluster/image-tags';

function pod(name: string, image: string, annotations: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations }, spec: { containers: [{ name: 'app', image }] } };
}
const waiting = (c: Cluster, name: string) => c.get('Pod', 'default', name)!.status.containerStatuses[0].state.waiting;

test('a tag typo of a profiled image: ErrImagePull, then ImagePullBackOff, with the kubelet events', () => {
  const c = cluster();
  apply(c, pod('web', 'nginx:1.2.7.9'));
  c.advance(1_500);
  assert.equal(waiting(c, 'web').reason, 'ErrImagePull');
  assert.match(waiting(c, 'web').message, /docker\.io\/library\/nginx:1\.2\.7\.9: not found$/);
  assert.match(kubectl(c, 'get pods'), /^web\s+0\/1\s+ErrImagePull\s+0\s/m);
  c.advance(5_000);
  assert.deepEqual(waiting(c, 'web'), { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:1.2.7.9"' });
  assert.match(kubectl(c, 'get pods'), /^web\s+0\/1\s+ImagePullBackOff\s+0\s/m);
  assert.equal(c.get('Pod', 'default', 'web')!.status.phase, 'Pending');
  const messages = c.events.filter((e) => e.name === 'web').map((e) => e.message);
  assert.ok(
    messages.includes(
      'Failed to pull image "nginx:1.2.7.9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.2.7.9": failed to resolve reference "docker.io/library/nginx:1.2.7.9": docker.io/library/nginx:1.2.7.9: not found',
    ),
    messages.join('\n'),
  );
  for (const m of ['Error: ErrImagePull', 'Back-off pulling image "nginx:1.2.7.9"', 'Error: ImagePullBackOff']) assert.ok(messages.includes(m), m);
  assert.ok(!messages.some((m) => m.startsWith('Started')), 'the container never starts');
  // The pull is tried again after the back-off (10 s, then 20 s ...).
  c.advance(60_000);
  assert.ok(c.events.filter((e) => e.name === 'web' && e.reason === 'Pulling').length >= 3);
});

test('an unknown registry host never resolves; the image-exists annotation overrides the tag data', () => {
  const c = cluster();
  apply(
    c,
    pod('private', 'registry.nothere.example/team/app:1.0'),
    pod('ok', 'nginx:1.27'),
    pod('vouched', 'nginx:1.2.7.9', { 'kube-dorm.dev/image-exists': 'true' }),
    pod('gone', 'nginx:1.27', { 'kube-dorm.dev/image-exists.app': 'false' }),
  );
  c.advance(10_000);
  assert.equal(waiting(c, 'private').reason, 'ImagePullBackOff');
  assert.ok(
    c.events.some((e) => e.name === 'private' && /dial tcp: lookup registry\.nothere\.example: no such host$/.test(e.message)),
    'the kubelet says the host does not resolve',
  );
  assert.ok(c.get('Pod', 'default', 'ok')!.status.containerStatuses[0].state.running);
  assert.ok(c.get('Pod', 'default', 'vouched')!.status.containerStatuses[0].state.running);
  assert.equal(waiting(c, 'gone').reason, 'ImagePullBackOff');
});

test('tag data: released versions and variants exist, malformed or unreleased ones do not', () => {
  for (const ok of [
    'nginx:1.27',
    'nginx:1.25.3-alpine',
    'nginx:stable-alpine',
    'busybox:1.36',
    'postgres:16-alpine',
    'mysql:8.0.35',
    'python:3.12-slim',
    'ubuntu:22.04',
    'redis',
    'myteam/app:anything',
  ])
    assert.equal(imagePullError(ok), undefined, ok);
  for (const bad of ['nginx:1.2.7.9', 'nginx:1.3', 'nginx:lates', 'busybox:9.9', 'mysql:8.0-alpine', 'python:3.12-slimm']) assert.ok(imagePullError(bad), bad);
  assert.ok(tagExists({ versions: '1.9-29', named: ['latest'] }, '1.29.0'));
  assert.ok(!tagExists({ versions: '1.9-29', named: ['latest'] }, '1.30'));
});
