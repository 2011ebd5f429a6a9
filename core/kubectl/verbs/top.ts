// kubectl top pods|nodes: the simulated usage (core/cluster/usage.ts) printed as kubectl 1.32
// prints what metrics.k8s.io answers (staging/src/k8s.io/kubectl/pkg/metricsutil/metrics_printer.go):
// CPU in millicores rounded up, memory in whole MiB, node percentages of allocatable.
import type { KObject } from '../../cluster/store';
import { nodeUsage, podUsage, type ContainerUsage } from '../../cluster/usage';
import { parseQuantity } from '../../k8s/quantity';
import { parseSelector } from '../../k8s/selector';
import { fail, flag, ok, type CommandResult } from '../args';
import { listed } from '../printers';
import type { Verb, VerbContext } from '../verb';

const MI = 1024 * 1024;
/** kubectl waits this long after a pod's creation before it calls missing metrics an error. */
const METRICS_CREATION_DELAY_MS = 120_000;

interface Usage {
  cpuNano: number;
  memory: number;
}

const cpuCell = (u: Usage) => `${Math.ceil(u.cpuNano / 1e6)}m`;
const memCell = (u: Usage) => `${Math.floor(u.memory / MI)}Mi`;
/**
 * kubectl's printers.GetNewTabWriter (minwidth 6, padding 3): every cell ends with a tab, so every
 * column, the last too, is padded to its widest cell plus 3, and to at least 6.
 */
function cells(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((x, i) => (widths[i] = Math.max(widths[i] ?? 0, x.length + 3, 6)));
  return rows.map((r) => r.map((x, i) => x.padEnd(widths[i])).join('') + '\n').join('');
}

/** kubectl's --sort-by: cpu or memory, largest first (stable, after the name order). */
function sortBy(by: string | undefined, rows: { u: Usage }[]): void {
  if (by === 'cpu') rows.sort((a, b) => Math.ceil(b.u.cpuNano / 1e6) - Math.ceil(a.u.cpuNano / 1e6));
  else if (by === 'memory') rows.sort((a, b) => b.u.memory - a.u.memory);
}

/** Go's time.Duration.String() of whole milliseconds (`2m5.5s`). */
function goDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

function topPods({ c, a, ns, sel }: VerbContext, name: string | undefined): CommandResult {
  const all = a.flags.has('A') || a.flags.has('all-namespaces');
  const containers = a.flags.has('containers');
  if (name !== undefined && all) return fail('error: a resource cannot be retrieved by name across all namespaces');
  const pods = listed(c, 'Pod', { namespace: ns, allNamespaces: all, selector: sel ? parseSelector(sel) : undefined, names: name ? [name] : undefined });
  const rows: { p: KObject; u: Usage; cs: ContainerUsage[] }[] = [];
  for (const p of pods) {
    const cs = podUsage(p, c.now);
    if (cs) rows.push({ p, cs, u: cs.reduce((t, x) => ({ cpuNano: t.cpuNano + x.cpuNano, memory: t.memory + x.memory }), { cpuNano: 0, memory: 0 }) });
  }
  if (!rows.length) {
    if (name !== undefined) return fail(`Error from server (NotFound): podmetrics.metrics.k8s.io "${ns}/${name}" not found`);
    // kubectl's verifyEmptyMetrics: pods without metrics are an error once two minutes old.
    for (const p of pods) {
      const age = c.now - (c.msOf(p.metadata.creationTimestamp) ?? c.now);
      if (age > METRICS_CREATION_DELAY_MS)
        return fail(`error: Metrics not available for pod ${p.metadata.namespace ?? 'default'}/${p.metadata.name}, age: ${goDuration(age)}`);
    }
    if (pods.length) return fail('error: metrics not available yet');
    return ok(all ? 'No resources found' : `No resources found in ${ns} namespace.`);
  }
  const by = flag(a, 'sort-by');
  sortBy(by, rows);
  const head = [...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
  const body: string[][] = [];
  for (const r of rows) {
    const nsCell = all ? [r.p.metadata.namespace ?? 'default'] : [];
    if (!containers) body.push([...nsCell, r.p.metadata.name, cpuCell(r.u), memCell(r.u)]);
    else {
      const cs = r.cs.map((u) => ({ u, name: u.name })).sort((x, y) => (x.name < y.name ? -1 : 1));
      sortBy(by, cs);
      for (const x of cs) body.push([...nsCell, r.p.metadata.name, x.name, cpuCell(x.u), memCell(x.u)]);
    }
  }
  return ok(cells(a.flags.has('no-headers') ? body : [head, ...body]));
}

function topNodes({ c, a, sel }: VerbContext, name: string | undefined): CommandResult {
  const nodes = listed(c, 'Node', { selector: sel ? parseSelector(sel) : undefined, names: name ? [name] : undefined });
  if (name !== undefined && !nodes.length) return fail(`Error from server (NotFound): nodemetrics.metrics.k8s.io "${name}" not found`);
  const pods = c.list('Pod');
  const measured: { n: KObject; u: Usage }[] = [];
  const missing: KObject[] = [];
  for (const n of nodes) {
    const u = nodeUsage(n, pods, c.now);
    if (u) measured.push({ n, u });
    else missing.push(n);
  }
  if (!measured.length)
    return fail(name !== undefined ? `Error from server (NotFound): nodemetrics.metrics.k8s.io "${name}" not found` : 'error: metrics not available yet');
  sortBy(flag(a, 'sort-by'), measured);
  const pct = (used: number, of: number) => `${of ? Math.trunc((used / of) * 100) : 0}%`;
  const body = measured.map(({ n, u }) => {
    const alloc = n.status?.allocatable ?? {};
    const cpu = parseQuantity(alloc.cpu ?? 0) ?? 0;
    const mem = parseQuantity(alloc.memory ?? 0) ?? 0;
    return [n.metadata.name, cpuCell(u), pct(Math.ceil(u.cpuNano / 1e6), Math.round(cpu * 1000)), memCell(u), pct(u.memory, mem)];
  });
  for (const n of missing) body.push([n.metadata.name, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
  const head = ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'];
  return ok(cells(a.flags.has('no-headers') ? body : [head, ...body]));
}

export const top: Verb = {
  summary: 'Display resource (CPU/memory) usage of pods or nodes, from the simulated metrics.k8s.io.',
  usage: ['top pods|nodes [NAME] [-A] [-l SELECTOR] [--containers] [--sort-by=cpu|memory] [--no-headers]'],
  valueFlags: ['sort-by'],
  run(cx) {
    const [what, name] = cx.a.pos;
    const by = flag(cx.a, 'sort-by');
    if (by !== undefined && by !== 'cpu' && by !== 'memory') return fail(`error: --sort-by accepts only cpu or memory`);
    if (/^(pods?|po)$/.test(what ?? '')) return topPods(cx, name);
    if (/^(nodes?|no)$/.test(what ?? '')) return topNodes(cx, name);
    return fail(`error: unknown command "top ${what ?? ''}"`);
  },
};
