// Helpers for the kubectl tests: find the real kubectl binaries of the machine image, start
// `kube-dorm serve` as a child process, and run kubectl against it (always asynchronously, so
// nothing blocks while a command waits on the server).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The folder of the binary `kubectl` links to, where kubectl.1.27 … kubectl.1.33 live. */
export function kubectlDir(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'kubectl');
    try {
      return path.dirname(fs.realpathSync(p));
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Path of `kubectl.<version>` (or plain kubectl for 'default'), if installed. */
export function kubectlBinary(version: string): string | undefined {
  const dir = kubectlDir();
  if (!dir) return undefined;
  const p = path.join(dir, version === 'default' ? 'kubectl' : `kubectl.${version}`);
  return fs.existsSync(p) ? p : undefined;
}

export interface Served {
  url: string;
  kubeconfig: string;
  proc: ChildProcess;
  stdout: () => string;
  stop(): Promise<{ code: number | null; stdout: string }>;
}

/** Starts `kube-dorm serve --port 0 ...` and waits for the kubeconfig line. */
export async function startServe(args: string[] = []): Promise<Served> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-kubectl-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test/kubectl/serve-entry.ts'), 'serve', '--port', '0', '--kubeconfig', kubeconfig, '--lang', 'en', ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}\n${err}`)), 60_000);
    const check = () => {
      const m = /at (https?:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('kubeconfig: ')) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout.on('data', check);
    proc.on('exit', (code) => reject(new Error(`serve exited early (${code}): ${out}\n${err}`)));
  });
  return {
    url,
    kubeconfig,
    proc,
    stdout: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve({ code: proc.exitCode, stdout: out });
        proc.once('exit', (code) => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve({ code, stdout: out });
        });
        proc.kill('SIGTERM');
      }),
  };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function kubectl(bin: string, kubeconfig: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      ['--kubeconfig', kubeconfig, ...args],
      { timeout: opts.timeoutMs ?? 60_000, maxBuffer: 16 << 20, env: { ...process.env, KUBECONFIG: kubeconfig, HOME: os.tmpdir() } },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof (err as any).code === 'number' ? (err as any).code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (opts.input !== undefined) {
      child.stdin!.end(opts.input);
    }
  });
}

/** Runs a long-lived kubectl (`get -w`) until `done(output)` holds on the whole lines written so far; kills it then. */
export function kubectlUntil(bin: string, kubeconfig: string, args: string[], done: (out: string) => boolean, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--kubeconfig', kubeconfig, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: os.tmpdir() } });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting on kubectl ${args.join(' ')}; output so far:\n${out}\n${err}`));
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
      // Only whole lines: kubectl may write a row in more than one chunk ("chair" then "  large …"),
      // and a condition that holds on the row's first part must not end the wait before the rest.
      const lines = out.slice(0, out.lastIndexOf('\n') + 1);
      if (done(lines)) {
        clearTimeout(timer);
        child.kill('SIGTERM');
        resolve(lines);
      }
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', () => {
      clearTimeout(timer);
      if (!done(out)) reject(new Error(`kubectl ${args.join(' ')} ended before the condition held:\n${out}\n${err}`));
    });
  });
}
