// core/cluster/store.ts: asKind gives a stored object its kind's model type (the way code leaves
// KObject's untyped spec and status), and nothing for an object of another kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asKind } from '../../core/cluster/store';
import { apply, cluster, deployment, pods } from './sim-helpers';

test('asKind: the same object, typed, for its own kind; undefined for another kind or none', () => {
  const c = cluster();
  apply(c, deployment('web', 1));
  const node = c.list('Node')[0];
  const typed = asKind(node, 'Node');
  assert.equal(typed, node, 'a cast, not a copy');
  assert.match(typed?.spec?.podCIDR ?? '', /^10\.244\.\d+\.0\/24$/);
  const pod = pods(c)[0];
  assert.equal(asKind(pod, 'Node'), undefined);
  assert.equal(asKind(pod, 'Pod')?.spec.containers[0].name, 'web');
  assert.equal(asKind(undefined, 'Pod'), undefined);
});
