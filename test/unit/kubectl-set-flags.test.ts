// The built-in kubectl's writes go through the API server's validation (core/cluster/validation.ts),
// `set env` / `set resources` change pod templates as kubectl's do, each command takes only the
// flags kubectl 1.32 declares for it, and a cordon however written brings the taint and the
// kubelet's event. (test/kubectl/differential.test.ts compares the same with the real kubectl.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../core/kubectl/commands';
import { apply, cluster, deployment } from './sim-helpers';

function world() {
  const c = cluster();
  apply(c, deployment('web', 2));
  c.advance(60_000);
  return c;
}

test('an invalid patch is refused in the API server words and leaves the object as it was', () => {
  const c = world();
  const r = runCommand(c, `patch deploy web --type merge -p '{"spec":{"replicas":-1}}'`);
  assert.deepEqual(r, { error: true, output: 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n' });
  assert.equal(c.get('Deployment', 'default', 'web')!.spec.replicas, 2);
  const pod = c.list('Pod')[0].metadata.name;
  assert.match(
    runCommand(c, `patch pod ${pod} -p '{"spec":{"restartPolicy":"Never"}}'`).output,
    /^The Pod ".*" is invalid: spec: Forbidden: pod updates may not change fields/,
  );
});

test('set env adds, lists and removes variables; set resources sets requests and limits', () => {
  const c = world();
  assert.equal(runCommand(c, 'set env deployment/web GREETING=hello').output, 'deployment.apps/web env updated\n');
  assert.equal(runCommand(c, 'set env deployment/web GREETING=hello').output, '');
  assert.equal(runCommand(c, 'set env deployment/web --list').output, '# Deployment web, container web\nGREETING=hello\n');
  assert.equal(runCommand(c, 'set env deployment/web -c nope X=1').output, 'Warning: Deployment/web does not have any containers matching "nope"\n');
  assert.equal(runCommand(c, 'set resources deployment/web --limits=cpu=0.5,memory=256Mi').output, 'deployment.apps/web resource requirements updated\n');
  const ct = c.get('Deployment', 'default', 'web')!.spec.template.spec.containers[0];
  assert.deepEqual(ct.env, [{ name: 'GREETING', value: 'hello' }]);
  // The canonical quantity kubectl sends, and the request the API server's defaulting copies from the limit.
  assert.deepEqual(ct.resources, { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '500m', memory: '256Mi' } });
  assert.deepEqual(runCommand(c, 'set resources deployment/web -c nope --limits=cpu=1'), {
    error: true,
    output: 'error: unable to find container named nope\n',
  });
  assert.equal(runCommand(c, 'set env deployment/web GREETING-').output, 'deployment.apps/web env updated\n');
  assert.equal(c.get('Deployment', 'default', 'web')!.spec.template.spec.containers[0].env, undefined);
});

test('a flag another command takes is unknown to this one, in kubectl words', () => {
  const c = world();
  assert.deepEqual(runCommand(c, 'get pods --replicas=2'), { error: true, output: "error: unknown flag: --replicas\nSee 'kubectl get --help' for usage.\n" });
  assert.deepEqual(runCommand(c, 'set env deploy/web --limits=cpu=1'), {
    error: true,
    output: "error: unknown flag: --limits\nSee 'kubectl set env --help' for usage.\n",
  });
  // A value flag reads its value: `--timeout 30s` is not a resource name.
  assert.equal(runCommand(c, 'rollout status deploy/web --timeout 30s').error, false);
});

test('a cordon written as a plain update still brings the taint and the kubelet event', () => {
  const c = world();
  const node = c.get('Node', undefined, 'node-2')!;
  node.spec.unschedulable = true;
  c.update(node);
  c.settle();
  assert.deepEqual(
    c.get('Node', undefined, 'node-2')!.spec.taints.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`),
    ['node.kubernetes.io/unschedulable:NoSchedule'],
  );
  const ev = c.events.filter((e) => e.kind === 'Node' && e.name === 'node-2').map((e) => `${e.reason}: ${e.message}`);
  assert.ok(ev.includes('NodeNotSchedulable: Node node-2 status is now: NodeNotSchedulable'), ev.join('\n'));
});
