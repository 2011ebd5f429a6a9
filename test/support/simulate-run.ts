// Runs `kube-dorm simulate` in-process (runSimulate) and captures its output, for the tests that
// check what the command prints.
import { Writable } from 'node:stream';
import { runSimulate } from '../../cli/simulate';

function sink(): { stream: Writable; text: () => string } {
  let s = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      s += chunk;
      cb();
    },
  });
  return { stream, text: () => s };
}

/** `kube-dorm simulate ARGV...`: its exit code and what it printed. */
export async function simulate(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = sink();
  const err = sink();
  const code = runSimulate(argv, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}
