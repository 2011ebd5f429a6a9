// `npm run bench yaml`: the time to read one mapping of 80,000 keys (issue 20, item 4) on the two
// paths that take YAML from outside, each against a floor measured in the same run (JSON.parse of
// the same data), with 20k vs 80k keys for linearity (linear: ≈ 4×):
//   editor — what the language server does when a file opens or changes: parse (duplicate keys,
//            decoded values) and lint, Kustomize-aware (Workspace.set + lintWorkspaceFile);
//   serve  — a YAML request body decoded (parseYamlBody), and the whole POST through the API server.
// Also the yaml library's own quadratic duplicate-key check, as it was used before (uniqueKeys: true).
// The 20k time is a quarter of four reads in a row: every key of such a file outlives the young
// generation, and a single 20k read often ends before its first scavenge, billing the collection to
// whatever runs next (a lone 20k read made the ratio swing between 4.2× and 9.4×).
// Medians of 5 runs (3 with --quick), wall and CPU time. Other helpers share this machine: the load average is printed,
// and the ratios to the floor are the figures to compare across runs.
import * as os from 'node:os';
import { parseAllDocuments } from 'yaml';
import { parseFile } from '../core/manifest/parse';
import { lintWorkspaceFile } from '../core/lint-workspace';
import { Workspace } from '../core/workspace/index';
import { parseYamlBody } from '../core/apiserver/body';
import { applyFiles, createCluster } from '../core/cluster/index';
import { KubeApiServer } from '../core/apiserver/server';
import { requester } from '../test/support/api-request';

function configMap(n: number): { yaml: string; json: string } {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: big', 'data:'];
  const data: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    lines.push(`  k${i}: v${i}`);
    data[`k${i}`] = `v${i}`;
  }
  return { yaml: lines.join('\n') + '\n', json: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data }) };
}

interface Timing {
  /** Median wall time (ms). */
  wall: number;
  /** Median CPU time of this process (ms): less disturbed by other processes on a loaded machine. */
  cpu: number;
}

/** The medians of `runs` timings of `fn`. */
function median(runs: number, fn: () => void): Timing {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mid = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
  return { wall: mid(wall), cpu: mid(cpu) };
}

const fourTimes = (fn: () => void) => {
  for (let i = 0; i < 4; i++) fn();
};
const quarter = (t: Timing): Timing => ({ wall: t.wall / 4, cpu: t.cpu / 4 });

/** The language server's work for one opened or changed file. */
function editorPath(text: string): void {
  const ws = new Workspace();
  ws.set('file:///w/big.yaml', text);
  lintWorkspaceFile(ws, 'file:///w/big.yaml');
}

const line = (label: string, value: string, note = '') => process.stdout.write(`  ${label.padEnd(58)} ${value.padStart(10)}${note ? '  ' + note : ''}\n`);
const ms = (v: number) => `${v.toFixed(0)} ms`;
const times = (v: number) => `${v.toFixed(1)}×`;
/** A timing against the floor: wall time, and the ratios of wall and CPU times to the floor's. */
const vsFloor = (label: string, t: Timing, floor: Timing, note = '') =>
  line(label, ms(t.wall), `${times(t.wall / floor.wall)} floor (CPU ${ms(t.cpu)}, ${times(t.cpu / floor.cpu)})${note}`);

export interface YamlBench {
  floor: Timing;
  editor: Timing;
  body: Timing;
}

export async function benchYaml(o: { quick: boolean }): Promise<YamlBench> {
  const runs = o.quick ? 3 : 5;
  const big = configMap(80_000);
  const small = configMap(20_000);
  const load = os.loadavg()[0];
  const floor = median(runs, () => JSON.parse(big.json));
  const parse = median(runs, () => parseFile('file:///big.yaml', big.yaml));
  const editor = median(runs, () => editorPath(big.yaml));
  const editorSmall = quarter(median(runs, () => fourTimes(() => editorPath(small.yaml))));
  const body = median(runs, () => parseYamlBody(big.yaml));
  const bodySmall = quarter(median(runs, () => fourTimes(() => parseYamlBody(small.yaml))));
  process.stdout.write(`one mapping of 80,000 keys (median of ${runs}; load average ${load.toFixed(1)} on ${os.cpus().length} cores)\n`);
  line('floor: JSON.parse of the same data', ms(floor.wall), `(CPU ${ms(floor.cpu)})`);
  vsFloor('editor: parseFile (parse, duplicate keys, decode)', parse, floor);
  vsFloor('editor: parse + lint (Workspace.set + lintWorkspaceFile)', editor, floor, '; target < 1000 ms');
  line('editor: 80k / 20k keys (linear ≈ 4×)', times(editor.wall / editorSmall.wall), `CPU ${times(editor.cpu / editorSmall.cpu)}`);
  vsFloor('serve: YAML request body (parseYamlBody)', body, floor);
  line('serve: 80k / 20k keys (linear ≈ 4×)', times(body.wall / bodySmall.wall), `CPU ${times(body.cpu / bodySmall.cpu)}`);
  // Before: the yaml library's own check compares every key with every earlier one.
  const q5 = median(1, () => parseAllDocuments(configMap(5_000).yaml, { uniqueKeys: true }));
  const q10 = median(1, () => parseAllDocuments(configMap(10_000).yaml, { uniqueKeys: true }));
  line('before: yaml uniqueKeys: true, 5k keys', ms(q5.wall));
  line('before: yaml uniqueKeys: true, 10k keys (quadratic ≈ 4×)', ms(q10.wall), `CPU ${times(q10.cpu / q5.cpu)}`);
  // The whole write: body parsed, validated (the linter), stored, answered.
  const c = createCluster({ nodes: 1 });
  applyFiles(c, []);
  const srv = new KubeApiServer(c, { token: 'bench' });
  const req = requester(await srv.listen(0), 'bench');
  const t0 = performance.now();
  const r = await req('POST', '/api/v1/namespaces/default/configmaps', big.yaml, { 'Content-Type': 'application/yaml' });
  const postMs = performance.now() - t0;
  line(`serve: POST an 80,000-key YAML ConfigMap (HTTP ${r.status})`, ms(postMs), `${times(postMs / floor.wall)} floor`);
  await srv.close();
  return { floor, editor, body };
}
