// The object output forms of the built-in kubectl without a real kubectl at hand: JSONPath
// templates, custom columns, YAML and JSON as kubectl writes them, and describe's tab alignment.
// (test/kubectl/differential.test.ts compares them with kubectl 1.32 itself.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonpath } from '../../core/kubectl/jsonpath';
import { toJson, toYaml } from '../../core/kubectl/output';
import { tabwrite } from '../../core/kubectl/tabwriter';
import { runCommand } from '../../core/kubectl/commands';
import { apply, cluster, deployment } from './sim-helpers';

const list = {
  items: [
    { metadata: { name: 'a', labels: { app: 'x' } }, n: 1 },
    { metadata: { name: 'b', labels: { app: 'y' } }, n: 2 },
  ],
};

test('jsonpath: fields, wildcards, indexes, slices, filters, range and literals', () => {
  assert.equal(jsonpath('{.items[*].metadata.name}', list), 'a b');
  assert.equal(jsonpath('{.items[1].n}', list), '2');
  assert.equal(jsonpath('{.items[-1:].metadata.name}', list), 'b');
  assert.equal(jsonpath(`{.items[?(@.metadata.labels.app=="y")].metadata.name}`, list), 'b');
  assert.equal(jsonpath('{range .items[*]}{.metadata.name}{"\\t"}{.n}{"\\n"}{end}', list), 'a\t1\nb\t2\n');
  assert.equal(jsonpath('{..name}', list), 'a b');
  assert.equal(jsonpath('{.items[0].metadata.labels}', list), '{"app":"x"}');
  assert.equal(jsonpath('names: {.items[0].metadata.name}', list), 'names: a');
  assert.equal(jsonpath('{.missing.key}', list), '', 'missing keys print nothing');
});

test('JSON and YAML are written as kubectl writes them', () => {
  assert.equal(toJson({ a: '<none>' }), '{\n    "a": "\\u003cnone\\u003e"\n}\n');
  assert.equal(
    toYaml({ a: ['x'], b: '1', c: '2026-01-01T00:00:00Z', d: 'l1\nl2\n', e: {} }),
    'a:\n- x\nb: "1"\nc: "2026-01-01T00:00:00Z"\nd: |\n  l1\n  l2\ne: {}\n',
  );
});

test('tabwriter: a line without a tab ends the column blocks above it', () => {
  assert.equal(
    tabwrite('Name:\tweb\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/x\n'),
    'Name:  web\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/x\n',
  );
});

test('get -o yaml|json|name|jsonpath|custom-columns on the simulated cluster', () => {
  const c = cluster();
  apply(c, deployment('web', 2));
  c.advance(30_000);
  assert.match(
    runCommand(c, 'get deploy web -o yaml').output,
    /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n  annotations:\n    deployment.kubernetes.io\/revision: "1"\n/,
  );
  assert.doesNotMatch(runCommand(c, 'get deploy web -o json').output, /_progressed|managedFields/);
  assert.equal(runCommand(c, 'get deploy -o name').output, 'deployment.apps/web\n');
  assert.equal(runCommand(c, 'get deploy web -o jsonpath={.spec.replicas}').output, '2\n');
  assert.match(
    runCommand(c, 'get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image').output,
    /^NAME +IMAGE\nweb-\S+ +nginx:1\.27\nweb-\S+ +nginx:1\.27\n$/,
  );
  assert.deepEqual(runCommand(c, 'get deploy -o xml'), {
    output:
      'error: unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    error: true,
  });
});
