// `kube-dorm lint --format sarif` is valid SARIF 2.1.0 in every case: findings, no findings, files
// that fail to parse, a usage error, both languages. Checked with ajv against the OASIS schema's
// definitions of the objects kube-dorm writes (test/fixtures/sarif/sarif-schema-2.1.0-subset.json:
// official definitions, descriptions removed, never looser than the full schema).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { runLint } from '../../cli/lint';

const schema = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0-subset.json'), 'utf8')) as object;
// The official schema puts `required` in anyOf branches beside `properties`, which ajv's strictRequired flags.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///root/'));
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
const validate = ajv.compile(schema);

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kd-sarif-'));
  writeFileSync(path.join(dir, 'clean.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: clean\ndata:\n  a: "1"\n');
  writeFileSync(path.join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: [\n');
  writeFileSync(path.join(dir, 'dup.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n  name: dup2\n');
  writeFileSync(
    path.join(dir, 'findings.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Web\nspec:\n  containers:\n    - name: web\n      image: "<your-image>"\n',
  );
  writeFileSync(path.join(dir, 'binary.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0a]));
  writeFileSync(path.join(dir, 'empty.yaml'), '');
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function sarif(args: string[]): Promise<{ code: number; log: { runs: { results: unknown[] }[] } }> {
  let out = '';
  const code = await runLint(
    ['--format', 'sarif', ...args],
    { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, cwd: dir, env: {} },
    '1.2.3',
  );
  return { code, log: JSON.parse(out) };
}

function assertValid(log: unknown, what: string): void {
  const ok = validate(log);
  assert.ok(ok, `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

test('SARIF is valid 2.1.0 with findings, without findings, on files that fail to parse, and on a usage error', async () => {
  const cases: [string, string[], number][] = [
    ['no findings', ['clean.yaml'], 0],
    ['an empty file', ['empty.yaml'], 0],
    ['findings', ['findings.yaml'], 1],
    ['YAML that does not parse', ['broken.yaml'], 1],
    ['a duplicate key', ['dup.yaml'], 1],
    ['bytes that are not text', ['binary.yaml'], -1],
    ['everything, in Chinese', ['--lang', 'zh-cn', '.'], 1],
    ['a missing path (usage error)', ['no-such-file.yaml'], 2],
  ];
  for (const [what, args, code] of cases) {
    const r = await sarif(args);
    if (code >= 0) assert.equal(r.code, code, what);
    assertValid(r.log, what);
  }
  const all = await sarif(['.']);
  assert.ok(all.log.runs[0].results.length >= 4);
});

test('the schema subset rejects what the full schema rejects', () => {
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: {} }] }] }), false);
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'info' }] }] }), false);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
  assert.equal(
    validate({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }],
    }),
    false,
  );
});
