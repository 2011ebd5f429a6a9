// `kubectl apply` against the simulator (core/cluster/apply.ts): a file the linter cannot check is
// refused loudly, never applied unvalidated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFiles } from '../../core/cluster/apply';
import { lintFile } from '../../core/lint';
import { cluster } from './sim-helpers';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n`;

test('apply: a linter that throws refuses its file with an error naming it; the other files are still checked and applied', () => {
  const c = cluster();
  const broken = 'file:///ws/broken.yaml';
  const r = applyFiles(
    c,
    [
      { uri: broken, text: pod('unchecked') },
      { uri: 'file:///ws/fine.yaml', text: pod('checked') },
    ],
    {
      lint: (ws, uri) => {
        if (uri === broken) throw new Error('rule exploded');
        return lintFile(ws, uri);
      },
    },
  );
  assert.equal(c.get('Pod', 'default', 'unchecked'), undefined, 'nothing unvalidated reaches the cluster');
  assert.ok(c.get('Pod', 'default', 'checked'));
  assert.deepEqual(r.lines, ['pod/checked created']);
  assert.deepEqual(r.errors, [`error: error validating "${broken}": the checks failed (rule exploded); nothing in this file was applied`]);
});

test('apply: the default linter still refuses a document with an error diagnostic', () => {
  const c = cluster();
  const r = applyFiles(c, [{ uri: 'file:///ws/bad.yaml', text: pod('bad').replace('containers:', 'containerz:') }]);
  assert.equal(c.get('Pod', 'default', 'bad'), undefined);
  assert.ok(r.diagnostics.length > 0);
  assert.deepEqual(r.errors, []);
});
