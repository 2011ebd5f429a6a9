// `npm run bench [-- NAME... | --quick]`: runs the registered benchmarks and prints their figures.
// Timings live here, never in pass/fail tests. Other benchmarks register in `benches` below.
import { runLspBench } from './lsp';
import { benchLspCrd } from './lsp-crd';
import { benchSim } from './sim';
import { benchEditor } from './editor';
import { benchPanel } from './panel';
import { benchActivation } from './activation';
import { benchServe } from './serve';
import { benchRemote } from './remote';
import { benchYaml } from './yaml';

const benches: Record<string, (o: { quick: boolean }) => Promise<unknown>> = {
  lsp: async (o) => {
    await runLspBench(o);
    process.stdout.write('  -- 50 CRDs and 500 custom resources (issue 16)\n');
    return benchLspCrd(o);
  },
  'lsp-crd': (o) => benchLspCrd(o),
  sim: (o) => benchSim(o),
  editor: (o) => benchEditor(o),
  panel: (o) => benchPanel(o),
  activation: (o) => benchActivation(o),
  serve: (o) => benchServe(o),
  remote: (o) => benchRemote(o),
  yaml: (o) => benchYaml(o),
};

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const names = args.filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !benches[n]);
  if (unknown.length) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(benches).join(', ')}\n`);
    return 2;
  }
  for (const name of names.length ? names : Object.keys(benches)) {
    process.stdout.write(`== ${name}${quick ? ' (quick)' : ''}\n`);
    await benches[name]({ quick });
  }
  return 0;
}

/**
 * Ends the run once every benchmark has printed. A handle left open (a child's pipe, a socket, a
 * timer) used to keep `npm run bench -- activation` alive after its table; it is named, not waited on.
 */
function finish(code: number): void {
  const getHandles = (process as unknown as { _getActiveHandles?: () => object[] })._getActiveHandles;
  const open = (getHandles?.call(process) ?? []).filter((h) => h !== process.stdout && h !== process.stderr && h !== process.stdin);
  if (open.length)
    process.stderr.write(`bench: ${open.length} handle(s) left open (${[...new Set(open.map((h) => h.constructor.name))].join(', ')}); exiting\n`);
  process.exit(code);
}

main().then(finish, (e: unknown) => {
  process.stderr.write(String((e as Error)?.stack ?? e) + '\n');
  finish(1);
});
