// Logs that mean something: the kubelet expands `$(VAR)` in a container's command and args with
// its environment (env values, ConfigMap keys, the downward API), the shell then expands `$VAR`;
// a variable read from a Secret shows where it comes from, never its value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandVars } from '../../core/k8s/expansion';
import { runCommand } from '../../core/kubectl/commands';
import { apply, cluster } from './sim-helpers';

test('expandVars follows the kubelet: defined names replaced, others kept, $$ escapes', () => {
  const vars = new Map([['A', 'one']]);
  const get = (n: string) => vars.get(n);
  assert.equal(expandVars('$(A)-$(B)', get), 'one-$(B)');
  assert.equal(expandVars('$$(A) costs $5 $', get), '$(A) costs $5 $');
  assert.equal(expandVars('half $(A', get), 'half $(A');
});

test('logs show what the command echoes after $(VAR) and $VAR expansion, and never a Secret value', () => {
  const c = cluster();
  apply(
    c,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'board' }, data: { color: 'blue' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'safe' }, data: { pin: Buffer.from('4321').toString('base64') } },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'talker' },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'talk',
            image: 'busybox:1.36',
            env: [
              { name: 'GREETING', value: 'hello' },
              { name: 'MESSAGE', value: '$(GREETING) from $(ROOM)' },
              { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'board', key: 'color' } } },
              { name: 'PIN', valueFrom: { secretKeyRef: { name: 'safe', key: 'pin' } } },
              { name: 'ME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            ],
            command: ['sh', '-c'],
            args: ['echo "$(MESSAGE), $COLOR ${ME}"; echo $(PIN); echo \'$GREETING\''],
          },
        ],
      },
    },
  );
  c.advance(30_000);
  const r = runCommand(c, 'logs talker');
  assert.equal(r.error, false, r.output);
  // MESSAGE keeps `$(ROOM)` (undefined), which reaches the shell as a command substitution: empty.
  assert.equal(r.output, 'hello from , blue talker\n<secret safe/pin>\n$GREETING\n');
  assert.doesNotMatch(r.output, /4321/);
});

test('logs show the mounted notice board a command cats (items and subPath too); a Secret file never shows its value; a missing file is the shell’s error', () => {
  const c = cluster();
  const mount = (name: string, mountPath: string, subPath?: string) => ({ name, mountPath, ...(subPath ? { subPath } : {}) });
  apply(
    c,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'board' }, data: { 'rules.txt': 'quiet after 23:00\nno cooking', color: 'blue' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'safe' }, data: { pin: Buffer.from('4321').toString('base64') } },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'reader' },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'read',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'cat /etc/board/rules.txt; cat /etc/colour; cat /etc/paint; cat /etc/safe/pin; cat /etc/board/nope; sleep 3600'],
            volumeMounts: [mount('board', '/etc/board'), mount('one', '/etc/colour'), mount('board', '/etc/paint', 'color'), mount('safe', '/etc/safe')],
          },
        ],
        volumes: [
          { name: 'board', configMap: { name: 'board' } },
          { name: 'one', configMap: { name: 'board', items: [{ key: 'color', path: 'x' }] } },
          { name: 'safe', secret: { secretName: 'safe' } },
        ],
      },
    },
  );
  c.advance(30_000);
  const r = runCommand(c, 'logs reader');
  assert.equal(r.error, false, r.output);
  // /etc/colour is a folder holding `x` (items): busybox's cat says so.
  assert.equal(
    r.output,
    [
      'quiet after 23:00',
      'no cooking',
      'cat: read error: Is a directory',
      'blue',
      '<secret safe/pin>',
      "cat: can't open '/etc/board/nope': No such file or directory",
      '',
    ].join('\n'),
  );
  assert.doesNotMatch(r.output, /4321/);
});
