// `npm run bench yaml`: the time to parse one mapping of 80,000 keys (issue 20, item 4), against a
// floor measured in the same run: JSON.parse of the same data. Also: 20k vs 80k keys (linear: ≈ 4×),
// the yaml library's own quadratic duplicate-key check as it was used before (uniqueKeys: true), and
// the whole write through the API server (a YAML body of 80,000 keys, linted and stored).
import { parseAllDocuments } from 'yaml';
import { parseFile } from '../core/manifest/parse';
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

/** The best of `runs` timings of `fn` (ms). */
function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const line = (label: string, value: string, note = '') => process.stdout.write(`  ${label.padEnd(58)} ${value.padStart(10)}${note ? '  ' + note : ''}\n`);

export async function benchYaml(o: { quick: boolean }): Promise<{ parseMs: number; floorMs: number; ratio: number }> {
  const runs = o.quick ? 2 : 5;
  const big = configMap(80_000);
  const small = configMap(20_000);
  const floorMs = best(runs, () => JSON.parse(big.json));
  const parseMs = best(runs, () => parseFile('file:///big.yaml', big.yaml));
  const smallMs = best(runs, () => parseFile('file:///small.yaml', small.yaml));
  process.stdout.write('one mapping of 80,000 keys (best of ' + runs + ')\n');
  line('floor: JSON.parse of the same data', `${floorMs.toFixed(1)} ms`);
  line('parseFile (YAML 1.1, linear duplicate-key check)', `${parseMs.toFixed(1)} ms`, 'target < 1000 ms');
  line('parseFile / floor', `${(parseMs / floorMs).toFixed(1)}×`);
  line('parseFile 80k / 20k keys (linear ≈ 4×)', `${(parseMs / smallMs).toFixed(1)}×`);
  // Before: the yaml library's own check compares every key with every earlier one.
  const q10 = best(1, () => parseAllDocuments(configMap(10_000).yaml, { uniqueKeys: true }));
  const q20 = best(1, () => parseAllDocuments(small.yaml, { uniqueKeys: true }));
  line('before: yaml uniqueKeys: true, 10k keys', `${q10.toFixed(0)} ms`);
  line('before: yaml uniqueKeys: true, 20k keys (quadratic ≈ 4×)', `${q20.toFixed(0)} ms`, `${(q20 / q10).toFixed(1)}×`);
  // The whole write: body parsed, linted, stored, answered.
  const c = createCluster({ nodes: 1 });
  applyFiles(c, []);
  const srv = new KubeApiServer(c, { token: 'bench' });
  const req = requester(await srv.listen(0), 'bench');
  const t0 = performance.now();
  const r = await req('POST', '/api/v1/namespaces/default/configmaps', big.yaml, { 'Content-Type': 'application/yaml' });
  line(`serve: POST an 80,000-key YAML ConfigMap (HTTP ${r.status})`, `${(performance.now() - t0).toFixed(0)} ms`);
  await srv.close();
  return { parseMs, floorMs, ratio: parseMs / floorMs };
}
