// The image facts the linter reads (core/k8s/images.ts) agree with the simulator's behaviour
// (core/cluster/profiles.ts): a Service the linter says reaches nothing is refused in the simulator too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMAGE_PORTS, officialImagePorts } from '../../core/k8s/images';
import { behaviorOf } from '../../core/cluster/profiles';

const IMAGES = ['nginx:1.27', 'httpd:2.4', 'caddy:2', 'mysql:8.4', 'mariadb:11', 'postgres:16', 'redis:7', 'memcached:1.6', 'mongo:7', 'rabbitmq:3'];
const SHELLS = ['busybox:1.36', 'alpine:3.20', 'ubuntu:24.04', 'docker.io/library/debian:12', 'perl:5'];

test('the simulator listens where the linter says the official images listen', () => {
  const env = new Set(['MYSQL_ROOT_PASSWORD', 'MARIADB_ROOT_PASSWORD', 'POSTGRES_PASSWORD']);
  for (const image of [...IMAGES, ...SHELLS]) {
    const facts = officialImagePorts(image);
    assert.ok(facts, image);
    assert.deepEqual(behaviorOf({ name: 'c', image }, undefined, env).listens, facts.listens, image);
  }
  assert.ok(IMAGE_PORTS.length >= 10);
});

test('images of the same name from another registry or namespace are not judged', () => {
  for (const image of ['registry.k8s.io/redis:v1', 'bitnami/redis:7', 'example.com/nginx:1', 'registry.k8s.io/guestbook:v3'])
    assert.equal(officialImagePorts(image), undefined, image);
});
