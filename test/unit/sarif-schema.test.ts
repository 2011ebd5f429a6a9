// `kube-dorm lint --format sarif` is valid SARIF 2.1.0 in every case: findings, no findings, files
// that fail to parse, a usage error, both languages. Checked two ways, both against the whole
// official schema (draft 2020-12, `sarif-2.1.0.json` as Microsoft's SARIF SDK ships it in the
// @microsoft/sarif-multitool devDependency, MIT):
//  - with ajv (its 2020-12 build), in-process, naming the failing path;
//  - with the SARIF Multitool's own `validate` verb (the SDK's reference validator: the schema plus
//    its SARIF rules), when its Linux binary is installed (npm installs the platform package as an
//    optional dependency; on another platform that part is skipped and says why).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { runLint } from '../../cli/lint';

const MULTITOOL_DIR = path.join(__dirname, '..', '..', 'node_modules', '@microsoft', 'sarif-multitool-linux');
const SCHEMA_FILE = path.join(MULTITOOL_DIR, 'sarif-2.1.0.json');
const MULTITOOL = path.join(MULTITOOL_DIR, 'Sarif.Multitool');

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { title: string };
// The official schema puts `required` in anyOf branches beside `properties`, which ajv's strictRequired flags.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///root/'));
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
ajv.addFormat('uuid', /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/);
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

const logs: [string, unknown][] = [];

function assertValid(log: unknown, what: string): void {
  const ok = validate(log);
  assert.ok(ok, `${what}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  logs.push([what, log]);
}

/** The Multitool's findings on one SARIF file: `error`-level lines such as `file(1,14): error JSON1019: ...`. */
function multitoolErrors(file: string): string[] {
  let out: string;
  try {
    out = execFileSync(MULTITOOL, ['validate', file, '-o', `${file}.validation.sarif`, '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
      timeout: 120_000,
    });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? e);
  }
  return out.split('\n').filter((l) => /: error [A-Z]+\d+:/.test(l));
}

function multitoolReady(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return `the Multitool binary here is Linux x64 only (this is ${process.platform}-${process.arch})`;
  if (!existsSync(MULTITOOL)) return `${MULTITOOL} is not installed`;
  // npm 11 does not run the package's postinstall (`chmod u+x`) unless approved: do it here.
  if ((statSync(MULTITOOL).mode & 0o100) === 0) chmodSync(MULTITOOL, 0o755);
  return undefined;
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

test('the full official schema is the one in use, and it rejects what SARIF 2.1.0 forbids', () => {
  assert.match(schema.title, /SARIF\) Version 2\.1\.0 JSON Schema/);
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
  // Parts of the schema the old hand-made subset left out: a reportingDescriptor's id is required.
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [{ name: 'no-id' }] } } }] }), false);
});

test("the SARIF Multitool (the SDK's reference validator) finds no error in any of those logs", (t) => {
  const why = multitoolReady();
  if (why) return t.skip(why);
  assert.ok(logs.length >= 8, 'the first test produced the logs');
  const work = mkdtempSync(path.join(tmpdir(), 'kd-sarif-mt-'));
  try {
    // It is a real validator: a log with a wrong version and a tool without a driver fails.
    const broken = path.join(work, 'broken.sarif');
    writeFileSync(broken, JSON.stringify({ version: '9', runs: [{ tool: {} }] }));
    const brokenErrors = multitoolErrors(broken);
    assert.ok(
      brokenErrors.some((l) => l.includes('JSON1019')),
      `the broken log is refused: ${brokenErrors.join('\n')}`,
    );
    assert.ok(
      brokenErrors.some((l) => l.includes('driver')),
      'and the missing driver is named',
    );
    logs.forEach(([what, log], i) => {
      const file = path.join(work, `log-${i}.sarif`);
      writeFileSync(file, JSON.stringify(log, null, 2));
      assert.deepEqual(multitoolErrors(file), [], what);
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
