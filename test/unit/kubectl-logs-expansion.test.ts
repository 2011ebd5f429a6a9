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
