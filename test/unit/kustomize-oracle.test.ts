// The real `kubectl kustomize` (kustomize v5 embedded in the machine image's kubectl) is the oracle
// for the native renderer: every kustomization under test/fixtures/kustomize/ is rendered both ways
// and the objects must be equal, in the same order (kustomize's legacy order). Skips when there is
// no kubectl.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { renderKustomization, toYaml } from '../../core/kustomize/index';
import { diskReader } from '../../cli/kustomize-files';
import { kubectlBinary } from '../kubectl/support';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'kustomize');
const kubectl = kubectlBinary('default') ?? kubectlBinary('1.32');

function parseYaml(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1' })
    .map((d) => d.toJS() as unknown)
    .filter((v) => v !== null);
}

export function fixtureDirs(): string[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((d) => ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((n) => fs.existsSync(path.join(FIXTURES, d, n))))
    .sort();
}

test('there are at least 25 kustomizations of our own to check', () => {
  assert.ok(fixtureDirs().length >= 25, `only ${fixtureDirs().length}`);
});

for (const name of fixtureDirs()) {
  test(
    `kustomize oracle: ${name} renders the objects kubectl kustomize renders, in its order`,
    { skip: kubectl ? false : 'no kubectl on this machine' },
    () => {
      const dir = path.join(FIXTURES, name);
      const expected = parseYaml(execFileSync(kubectl!, ['kustomize', dir], { encoding: 'utf8' }));
      const native = renderKustomization(diskReader, dir).objects.map((o) => o.obj);
      // Through our own YAML output and back, so `kube-dorm render` prints what is compared.
      const printed = parseYaml(toYaml(native.map((obj) => ({ obj }))));
      assert.deepEqual(printed, expected);
    },
  );
}
