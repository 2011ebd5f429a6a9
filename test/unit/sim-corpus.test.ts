// `kube-dorm simulate` (runSimulate, in-process, --until 60s) on every manifest of the real-world
// corpus and on every examples/ folder (not examples/broken): no crash; exit 0, or 1 only where
// the linter refused an error document or the API server refused an object (a namespace nobody
// created), and the refusal is printed; kinds the simulator does not
// run are listed as "not simulated".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { simulate } from '../support/simulate-run';
import { parseFile } from '../../core/manifest/parse';
import { SIMULATED_KINDS } from '../../core/cluster/index';
import { corpusRoot as CORPUS, corpusSkip } from '../support/corpus';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples');

function manifestsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...manifestsUnder(full));
    else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(full);
  }
  return out;
}

const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * `Kind/name` of every resource in `files` whose kind the simulator does not run, and the
 * namespaces they need that the files do not create (the API server refuses those objects).
 */
function unsimulated(files: string[]): { kept: Set<string>; missingNs: Set<string> } {
  const kept = new Set<string>();
  const missingNs = new Set<string>();
  const resources = files.flatMap((f) => parseFile(f, fs.readFileSync(f, 'utf8')).resources);
  const namespaces = new Set([...BUILTIN_NAMESPACES, ...resources.filter((r) => r.kind === 'Namespace' && r.name).map((r) => r.name!)]);
  for (const r of resources) {
    if (!r.kind || !r.name || SIMULATED_KINDS.has(r.kind)) continue;
    if (r.namespace && !namespaces.has(r.namespace)) missingNs.add(r.namespace);
    else kept.add(`${r.kind}/${r.name}`);
  }
  return { kept, missingNs };
}

/** The checks every run must pass; returns what it saw for the totals. */
function checkRun(label: string, files: string[], r: { code: number; stdout: string; stderr: string }): { refused: boolean; notSimulated: string[] } {
  const refusedLines = r.stderr.split('\n').filter((l) => l.startsWith('refused '));
  assert.ok(r.code === 0 || r.code === 1, `${label}: exit ${r.code}\n${r.stderr}`);
  const apiRefusals = r.stderr.split('\n').filter((l) => l.startsWith('Error from server'));
  if (r.code === 1) {
    assert.ok(refusedLines.length + apiRefusals.length > 0, `${label}: exit 1 without a refusal message\n${r.stderr}`);
    for (const l of refusedLines) assert.match(l, /^refused .+:\d+: .+ \([\w-]+\)$/, `${label}: refusal wording`);
  } else assert.equal(refusedLines.length + apiRefusals.length, 0, `${label}: refusal printed but exit 0`);
  assert.match(r.stdout, /== Events \(kubectl get events\) ==/, `${label}: the table output is printed`);
  const until = Number(/== Objects at (\d+(?:\.\d+)?)s /.exec(r.stdout)?.[1]);
  assert.ok(until >= 60, `${label}: simulated until 60s (or the script's last line)`);
  const listed = /^not simulated: (.*)$/m.exec(r.stderr)?.[1].split(', ') ?? [];
  const expected = unsimulated(files);
  // Every listed kind really is unsimulated; and when nothing was refused, every one is listed.
  for (const x of listed) assert.ok(expected.kept.has(x), `${label}: "${x}" listed as not simulated`);
  if (!refusedLines.length) for (const x of expected.kept) assert.ok(listed.includes(x), `${label}: ${x} missing from "not simulated"`);
  // An object in a namespace nobody created is refused as the API server would refuse it.
  for (const ns of expected.missingNs) {
    assert.ok(r.stderr.includes(`namespaces "${ns}" not found`), `${label}: namespace ${ns} refusal printed`);
    assert.equal(r.code, 1, `${label}: a missing namespace fails the command, as in kubectl`);
  }
  return { refused: refusedLines.length > 0, notSimulated: listed };
}

test('kube-dorm simulate on every file of the kubernetes-examples corpus: no crash, refusals printed, unknown kinds listed', { skip: corpusSkip }, async () => {
  const files = manifestsUnder(CORPUS);
  assert.equal(files.length, 248, 'the corpus has 248 manifests');
  let refused = 0;
  const kinds = new Set<string>();
  for (const f of files) {
    const r = await simulate([f, '--until', '60s']);
    const seen = checkRun(path.relative(CORPUS, f), [f], r);
    if (seen.refused) refused++;
    for (const x of seen.notSimulated) kinds.add(x.split('/')[0]);
  }
  // The corpus holds documents the linter rejects (SOURCE.md lists known defects) and kinds we do not run.
  assert.ok(refused > 0 && refused < files.length / 2, `refused ${refused} of ${files.length}`);
  assert.ok(kinds.has('Ingress') || kinds.has('PersistentVolume') || kinds.size > 0, 'some unsimulated kinds were met');
});

test('kube-dorm simulate on every examples/ folder (with its script when it has one) exits 0', async () => {
  const dirs = fs
    .readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'broken')
    .map((d) => path.join(EXAMPLES, d.name))
    .sort();
  assert.ok(dirs.length >= 8, 'the chapters are there');
  for (const dir of dirs) {
    const script = fs.readdirSync(dir).find((f) => f.endsWith('.script'));
    const argv = [dir, '--until', '60s', ...(script ? ['--script', path.join(dir, script)] : [])];
    const r = await simulate(argv);
    const label = path.relative(ROOT, dir);
    checkRun(label, manifestsUnder(dir), r);
    assert.equal(r.code, 0, `${label}: examples are valid manifests\n${r.stderr}`);
    if (script) {
      assert.match(r.stdout, /== Script results ==/, `${label}: the script ran`);
      assert.doesNotMatch(r.stdout, /unknown command|error: /i, `${label}: every scripted command was understood`);
    }
    // A folder with workloads has pods at the end (a folder of Services alone has none).
    const workloads = manifestsUnder(dir)
      .flatMap((f) => parseFile(f, fs.readFileSync(f, 'utf8')).resources)
      .filter((x) => ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(x.kind ?? ''));
    if (workloads.length) assert.match(r.stdout, /\bpod\/\S+\s+\d+\/\d+\s+\w+/, `${label}: pods are listed`);
  }
});

test('kube-dorm simulate refuses an error document of examples/broken with the linter message (exit 1)', async () => {
  const broken = path.join(EXAMPLES, 'broken');
  const files = manifestsUnder(broken);
  const r = await simulate([...files, '--until', '5s']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^refused .*examples\/broken\/.+\.ya?ml:\d+: .+ \([\w-]+\)$/m);
});
