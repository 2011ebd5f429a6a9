// One object must not wedge the cluster: a Deployment without `spec` (or with no containers, or
// negative replicas) is refused by every write path with the API server's own `Invalid` wording —
// create, replace, the three patch types and server-side apply — and the cluster keeps answering
// and reconciling afterwards (before: the object was stored, the Deployment controller threw on it
// for ever, every later write answered 500 and virtual time stopped).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { kubectl, kubectlBinary, kubectlUntil } from '../kubectl/support';
import { DEPLOY, startServeProcess } from './serve-support';

const KUBECTL = kubectlBinary('default');

const NO_SPEC = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: NAME}\n';
const WITH_SPEC = (name: string, spec: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec: ${spec}\n`;
const SELECTED = (extra: string, containers: string) =>
  `{${extra}selector: {matchLabels: {app: x}}, template: {metadata: {labels: {app: x}}, spec: {containers: ${containers}}}}`;

/** kubectl's rendering of a 422 with causes: `The Deployment "x" is invalid: ` then one `* field: message` line per cause. */
const NO_SPEC_CAUSES = [
  '* spec.selector: Required value',
  '* spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
  '* spec.template.spec.containers: Required value',
];

test('a Deployment without spec is refused on every write path; the cluster keeps reconciling', { skip: !KUBECTL && 'kubectl is not installed' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-wedge-'));
  fs.writeFileSync(path.join(dir, 'web.yaml'), DEPLOY);
  const served = await startServeProcess({ args: [dir, '--speed', '20'], startTimeoutMs: 30_000 });
  const k = (args: string[], input?: string) => kubectl(KUBECTL!, served.kubeconfig, args, { input });
  const refused = async (what: string, args: string[], expect: string[], input?: string, name = 'web') => {
    const r = await k(args, input);
    assert.notEqual(r.code, 0, `${what} was accepted: ${r.stdout}`);
    assert.match(r.stderr, new RegExp(`The Deployment "${name}" is invalid`), `${what}: ${r.stderr}`);
    for (const line of expect) assert.ok(r.stderr.includes(line), `${what}: expected ${JSON.stringify(line)} in\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /InternalError|Internal error/, what);
  };
  try {
    await refused('create', ['create', '-f', '-'], NO_SPEC_CAUSES, NO_SPEC.replace('NAME', 'nospec'), 'nospec');
    await refused(
      'create with no containers',
      ['create', '-f', '-'],
      ['spec.template.spec.containers: Required value'],
      WITH_SPEC('empty', SELECTED('', '[]')),
      'empty',
    );
    await refused(
      'create with a nameless container',
      ['create', '-f', '-'],
      ['spec.template.spec.containers[0].name: Required value'],
      WITH_SPEC('nameless', SELECTED('', '[{image: nginx}]')),
      'nameless',
    );
    await refused(
      'create with replicas -1',
      ['create', '-f', '-'],
      ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
      WITH_SPEC('negative', SELECTED('replicas: -1, ', '[{name: c, image: nginx}]')),
      'negative',
    );
    await refused('replace (PUT)', ['replace', '-f', '-'], NO_SPEC_CAUSES, NO_SPEC.replace('NAME', 'web'));
    await refused('json patch remove /spec', ['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"remove","path":"/spec"}]'], NO_SPEC_CAUSES);
    await refused('merge patch spec: null', ['patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":null}'], NO_SPEC_CAUSES);
    await refused('strategic $patch: replace', ['patch', 'deployment', 'web', '-p', '{"spec":{"$patch":"replace"}}'], NO_SPEC_CAUSES);
    await refused(
      'strategic containers: null',
      ['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":null}}}}'],
      ['spec.template.spec.containers: Required value'],
    );
    await refused('server-side apply (create)', ['apply', '--server-side', '-f', '-'], NO_SPEC_CAUSES, NO_SPEC.replace('NAME', 'ssa'), 'ssa');
    await refused(
      'scale to -1 through a patch',
      ['patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"replicas":-1}}'],
      ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    );

    // Nothing was stored, and the cluster still reconciles: a scale is carried out.
    const names = await k(['get', 'deployments', '-o', 'name']);
    assert.equal(names.code, 0, names.stderr);
    assert.equal(names.stdout.trim(), 'deployment.apps/web');
    const scaled = await k(['scale', 'deployment', 'web', '--replicas=3']);
    assert.equal(scaled.code, 0, scaled.stderr);
    await kubectlUntil(KUBECTL!, served.kubeconfig, ['get', 'deployment', 'web', '-w', '--no-headers'], (out) => /\bweb\s+3\/3\s/.test(out), 60_000);
    assert.doesNotMatch(served.output(), /error syncing/, 'no controller failed');
  } finally {
    await served.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
