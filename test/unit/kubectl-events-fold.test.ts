// Folded events as kubectl 1.32 prints them: describe's Events section reads
// `LAST (xN over AGE-OF-FIRST)` (describe.go DescribeEvents), while `get events` shows the last
// sighting only (the API server's printEvent), in the built-in kubectl and in serve's Table alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../../core/cluster/index';
import { humanDuration } from '../../core/cluster/clock';
import { runCommand } from '../../core/kubectl/commands';

function crashedThrice() {
  const c = createCluster({ nodes: 1, seed: 3 });
  runCommand(c, 'apply -f web.yaml', {
    readFile: () =>
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: nginx, image: "nginx:1.27"}]}\n',
  });
  c.settle();
  c.advance(30_000);
  for (let i = 0; i < 3; i++) {
    runCommand(c, 'crash pods -l app=web');
    c.advance(100_000);
  }
  return c;
}

test('describe: a repeated event reads (xN over the age of its first sighting)', () => {
  const c = crashedThrice();
  const started = c.events.filter((e) => e.reason === 'Started' && e.kind === 'Pod');
  assert.ok(started.length >= 3, 'the container started again after each crash');
  const first = humanDuration(c.now - started[0].t);
  const last = humanDuration(c.now - started.at(-1)!.t);
  const out = runCommand(c, 'describe pods -l app=web').output;
  assert.match(out, new RegExp(`Started +${last} \\(x${started.length} over ${first}\\) +kubelet`));
});

test('get events: LAST SEEN is the last sighting only, as the API server prints it', () => {
  const c = crashedThrice();
  const out = runCommand(c, 'get events').output;
  assert.match(out, /Started/);
  assert.doesNotMatch(out, /\(x\d+ over/);
});
