// Helpers for the hostile-input replays against the API server: an in-process `KubeApiServer` over
// real HTTP on 127.0.0.1 with a Deployment running, and a request function that returns the
// status, the parsed body and the raw text.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ApiServerOptions } from '../../core/apiserver/server';
import { serveWeb, WEB_DEPLOYMENT, type Reply, type Requester } from '../support/api-request';

export const TOKEN = 'hostile-token-abcdefghijklmnopqrstuvwxyz0123';

export const DEPLOY = WEB_DEPLOYMENT;

export type { Reply, Requester };

/** A served cluster (2 nodes, Deployment `web` running) and an authorised request function. */
export async function serveInProcess(opts: Partial<ApiServerOptions> = {}) {
  return serveWeb(TOKEN, opts, new http.Agent({ keepAlive: false }));
}

const ROOT = path.resolve(__dirname, '../..');

export interface ServeProcess {
  url: string;
  port: number;
  kubeconfig: string;
  proc: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts the real `kube-dorm serve` as a child process (as test/kubectl/support.ts does), optionally
 * under a lower open-file limit (`ulimit -n`), so exhausting descriptors takes hundreds of sockets,
 * not tens of thousands.
 */
export async function startServeProcess(opts: { fdLimit?: number; args?: string[]; startTimeoutMs?: number } = {}): Promise<ServeProcess> {
  const startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-hostile-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const argv = [
    process.execPath,
    '--import',
    'tsx',
    path.join(ROOT, 'test/kubectl/serve-entry.ts'),
    'serve',
    '--port',
    '0',
    '--kubeconfig',
    kubeconfig,
    '--lang',
    'en',
    ...(opts.args ?? []),
  ];
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const proc = opts.fdLimit
    ? spawn('/bin/sh', ['-c', `ulimit -n ${opts.fdLimit} && exec ${quoted}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(argv[0], argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`serve did not start within ${startTimeoutMs} ms: ${out}`));
    }, startTimeoutMs);
    proc.stdout.on('data', () => {
      const m = /at (https?:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && out.includes('kubeconfig: ')) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`serve exited early (${code}): ${out}`)));
  });
  return {
    url,
    port: Number(new URL(url).port),
    kubeconfig,
    proc,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        const done = (code: number | null) => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve(code);
        };
        if (proc.exitCode !== null) return done(proc.exitCode);
        proc.once('exit', done);
        proc.kill('SIGTERM');
      }),
  };
}

/** Opens `n` TCP connections to 127.0.0.1:port that never send a byte (closed ones are dropped from the list). */
export async function openSilentSockets(port: number, n: number): Promise<Set<net.Socket>> {
  const open = new Set<net.Socket>();
  for (let i = 0; i < n; i++) {
    await new Promise<void>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => resolve());
      s.on('error', () => resolve());
      s.on('close', () => {
        open.delete(s);
        resolve();
      });
      open.add(s);
    });
  }
  return open;
}
