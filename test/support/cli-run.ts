// Runs the `kube-dorm` CLI in process (main()), capturing its output: the CLI tests' one helper.
import { main } from '../../cli/main';

export async function runCli(args: string[], cwd: string, lang = 'C'): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: { LANG: lang },
  });
  return { code, stdout, stderr };
}
