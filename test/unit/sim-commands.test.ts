// Item 7 of issue 12: a container runs its own command. An init container's bash script in a
// mysql image is a script (not a mysql server that needs a root password); a command the simulator
// cannot read (`sh -c "start-zookeeper ..."`, an unknown program) runs like a server that stays up;
// language images (python, node, golang, openjdk, ruby, php) run their command, and inline code runs
// for its sleeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster } from './sim-helpers';
import type { Cluster } from '../../core/cluster/cluster';
import { scriptBehavior } from '../../core/cluster/profiles-script';

function pod(name: string, spec: any): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { restartPolicy: 'Always', ...spec } };
}
const state = (c: Cluster, name: string, i = 0) => c.get('Pod', 'default', name)?.status?.containerStatuses?.[i];

test('an init container running a bash script in a mysql image finishes; the main container then starts', () => {
  const c = cluster();
  apply(
    c,
    pod('db-0', {
      initContainers: [
        {
          name: 'init-mysql',
          image: 'mysql:5.7',
          command: [
            'bash',
            '-c',
            'set -ex\n[[ $HOSTNAME =~ -([0-9]+)$ ]] || exit 1\nordinal=${BASH_REMATCH[1]}\necho [mysqld] > /mnt/conf.d/server-id.cnf\ncp /mnt/config-map/primary.cnf /mnt/conf.d/',
          ],
        },
      ],
      containers: [{ name: 'mysql', image: 'mysql:5.7', env: [{ name: 'MYSQL_ALLOW_EMPTY_PASSWORD', value: '1' }] }],
    }),
  );
  c.advance(30_000);
  const p = c.get('Pod', 'default', 'db-0')!;
  assert.equal(p.status.initContainerStatuses[0].state.terminated?.exitCode, 0, JSON.stringify(p.status.initContainerStatuses[0]));
  assert.equal(p.status.phase, 'Running');
  assert.ok(p.status.containerStatuses[0].state.running, 'mysql runs');
});

test('a command the simulator cannot read runs like a server that stays up, never "exits at once"', () => {
  const c = cluster();
  apply(
    c,
    pod('zk-0', {
      containers: [
        {
          name: 'zk',
          image: 'registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10',
          command: ['sh', '-c', 'start-zookeeper --servers=3 --data_dir=/var/lib/zookeeper/data'],
        },
      ],
    }),
    pod('web', { containers: [{ name: 'httpd', image: 'busybox:1.36', command: ['httpd', '-f', '-p', '8080'] }] }),
    pod('backup', {
      containers: [
        {
          name: 'xtrabackup',
          image: 'gcr.io/google-samples/xtrabackup:1.0',
          command: ['bash', '-c', 'cd /var/lib/mysql\nexec ncat --listen --keep-open --send-only --max-conns=1 3307 -c "xtrabackup --backup"'],
        },
      ],
    }),
  );
  c.advance(120_000);
  for (const name of ['zk-0', 'web', 'backup']) {
    const s = state(c, name);
    assert.ok(s.state.running, `${name} keeps running: ${JSON.stringify(s.state)}`);
    assert.equal(s.restartCount, 0, `${name} never restarted`);
  }
  // ...while a script made of commands the simulator knows still ends after its sleeps.
  assert.deepEqual(scriptBehavior(['sh', '-c', 'echo hello; sleep 5; echo bye']), { exitAfterMs: 5000, exitCode: 0, opaque: false, sleepMs: 5000 });
  assert.equal(scriptBehavior(['sh', '-c', 'echo failing; exit 3']).exitCode, 3);
  assert.equal(scriptBehavior(['sh', '-c', '[ -f /x ] || exit 1; echo ok']).exitCode, 0, 'an exit after || runs only on failure');
});

test('language images run their command: inline code for its sleeps, a program file as a server, nothing as an exiting REPL', () => {
  const c = cluster();
  const job = (name: string, image: string, command: string[]) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name, image, command }] } } },
  });
  apply(
    c,
    job('py', 'python:3.12', ['python', '-c', 'import time; time.sleep(30); print("done")']),
    job('js', 'node:20', ['node', '-e', 'setTimeout(() => console.log("done"), 20000)']),
    pod('app', { containers: [{ name: 'app', image: 'python:3.12-slim', command: ['python', 'app.py'] }] }),
    pod('java', { containers: [{ name: 'app', image: 'eclipse-temurin:21', command: ['java', '-jar', '/app.jar'] }] }),
    pod('repl', { containers: [{ name: 'ruby', image: 'ruby:3.3' }] }),
  );
  c.advance(15_000);
  assert.equal(c.get('Job', 'default', 'py')!.status.succeeded ?? 0, 0, 'python still sleeping at 15 s');
  c.advance(30_000);
  assert.equal(c.get('Job', 'default', 'py')!.status.succeeded, 1, 'python -c finished after its 30 s sleep');
  assert.equal(c.get('Job', 'default', 'js')!.status.succeeded, 1, 'node -e finished after its 20 s timeout');
  assert.ok(state(c, 'app').state.running && state(c, 'java').state.running, 'python app.py and java -jar keep running');
  const repl = state(c, 'repl');
  assert.ok(repl.restartCount > 0, 'ruby with no command starts irb, which exits at once without a terminal: restarts');
});
