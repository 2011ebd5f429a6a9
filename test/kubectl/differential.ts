// The differential harness: one scripted cluster history, played on twin clusters (same seed,
// same manifests, same virtual time). At each stage the built-in kubectl runs a command on one
// twin and the real kubectl runs it against an in-process API server over the other, so a
// mutating command changes each twin once. Outputs are compared after normalising what depends
// on the wall clock (ages kubectl computes itself).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { createCluster } from '../../core/cluster/index';
import { applyObject } from '../../core/cluster/apply';
import type { Cluster } from '../../core/cluster/cluster';
import type { KObject } from '../../core/cluster/store';
import { KubeApiServer } from '../../core/apiserver/server';
import { makeServingCert } from '../../core/apiserver/tls';
import { runCommand, tokenize } from '../../core/kubectl/commands';

const labels = (app: string) => ({ app });
const container = (name: string, image: string, extra: object = {}) => ({ name, image, ...extra });

/** The manifests of the history: a Deployment and its Service, a StatefulSet and its headless Service, a Job, a ConfigMap, a Secret. */
export const MANIFESTS: KObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: labels('web') } as any,
    spec: {
      replicas: 2,
      selector: { matchLabels: labels('web') },
      template: { metadata: { labels: labels('web') }, spec: { containers: [container('nginx', 'nginx:1.27', { ports: [{ containerPort: 80 }] })] } },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', labels: labels('web') } as any,
    spec: { selector: labels('web'), ports: [{ port: 80, targetPort: 80 }] },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'db', labels: labels('db') } as any,
    spec: { clusterIP: 'None', selector: labels('db'), ports: [{ port: 5432, name: 'pg' }] },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' } as any,
    spec: {
      serviceName: 'db',
      replicas: 2,
      selector: { matchLabels: labels('db') },
      template: {
        metadata: { labels: labels('db') },
        spec: {
          containers: [
            container('pg', 'postgres:16', {
              ports: [{ containerPort: 5432, name: 'pg' }],
              env: [{ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } }],
            }),
          ],
        },
      },
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi' } as any,
    spec: { template: { spec: { restartPolicy: 'Never', containers: [container('pi', 'busybox:1.36', { command: ['sh', '-c', 'echo 3.14159'] })] } } },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'power', labels: labels('power') } as any,
    spec: {
      selector: { matchLabels: labels('power') },
      template: { metadata: { labels: labels('power') }, spec: { containers: [container('meter', 'busybox:1.36', { command: ['sh', '-c', 'sleep 3600'] })] } },
    },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'sweep' } as any,
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: {
        spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container('sweep', 'busybox:1.36', { command: ['sh', '-c', 'echo swept'] })] } } },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'lockers' } as any,
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'annex', labels: { floor: 'two' } } as any },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } as any, data: { mode: 'fast', 'app.properties': 'color=blue\n' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' } as any, type: 'Opaque', data: { password: Buffer.from('s3cret').toString('base64') } },
];

/** Whether a command is expected to match the real kubectl today (asserted) or not yet (reported). */
export type Expect = 'same' | 'differs';

export interface Stage {
  /** What happened to the cluster before the commands run (for the report). */
  title: string;
  /** A change to each twin before the commands (applied identically to both). */
  before?: (c: Cluster) => void;
  commands: [string, Expect][];
}

/** A twin: its cluster and, for the real kubectl, the API server over it. */
export interface Twin {
  cluster: Cluster;
  server?: KubeApiServer;
  kubeconfig?: string;
  dir?: string;
}

/** Creation times a day before the wall clock, so ages kubectl computes itself are positive. */
const EPOCH = Math.floor(Date.now() / 1000) * 1000 - 86_400_000;

export function twinCluster(): Cluster {
  const c = createCluster({ nodes: 3, seed: 7, epoch: EPOCH });
  const out = { lines: [], errors: [], diagnostics: [], notSimulated: [] };
  for (const o of MANIFESTS) applyObject(c, structuredClone(o), out);
  if (out.errors.length) throw new Error(out.errors.join('\n'));
  c.settle();
  c.advance(60_000);
  return c;
}

/** A twin served over HTTPS on loopback, with its kubeconfig written to a private folder. */
export async function servedTwin(): Promise<Twin> {
  const cluster = twinCluster();
  const server = new KubeApiServer(cluster, { token: 'differential-token', tls: await makeServingCert(new Date()) });
  await server.listen(0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-diff-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, server.kubeconfig(), { mode: 0o600 });
  return { cluster, server, kubeconfig, dir };
}

export async function closeTwin(t: Twin): Promise<void> {
  await t.server?.close();
  if (t.dir) fs.rmSync(t.dir, { recursive: true, force: true });
}

/**
 * Durations kubectl prints (`60s`, `5m30s`, `2d3h`, `<invalid>`) become `<age>`; CPU quantities
 * (`100m`) stay. In a describe
 * Events table kubectl computes ages from the wall clock, so their width varies: there, runs of
 * spaces are folded to two.
 */
export function normalise(text: string): string {
  let events = false;
  return (
    text
      // A quantity is not an age: `"cpu":"100m"` (JSON), `cpu: 100m` (YAML, describe), `cpu=100m`.
      .replace(/(?<![\w.:/"=-])(?<!\b(?:cpu|memory|storage)[:=] *)\d+[smhdy](?:\d+[smh])?(?![\w.:/"-])/g, '<age>')
      .replace(/<invalid>/g, '<age>')
      // serve listens on a port of its own; the built-in kubectl's simulated kubeconfig says 6443.
      .replace(/^( +server: https:\/\/127\.0\.0\.1:)\d+$/m, '$1<port>')
      // The binary's own name (`kubectl.1.32`) where kubectl quotes itself in an error.
      .replace(/\bkubectl\.1\.\d+\b/g, 'kubectl')
      // The client's patch release is the installed binary's (v1.32.5 here), not a property of the cluster.
      .replace(/^Client Version: v(\d+\.\d+)\.\d+$/m, 'Client Version: v$1.x')
      .split('\n')
      .map((l) => {
        if (/^Events:/.test(l)) events = true;
        else if (!/^ /.test(l)) events = false;
        return (events ? l.replace(/ {2,}/g, '  ') : l).trimEnd();
      })
      .join('\n')
      .replace(SECRET_DATA, (run) => run.split('\n').sort().join('\n'))
      .trim()
  );
}

/**
 * A run of `describe secret` data lines (`tls.crt:  1164 bytes`). kubectl prints them in Go's map
 * order, which changes from run to run (describe.go ranges over `secret.Data`), so both sides are
 * compared sorted.
 */
const SECRET_DATA = /^[^\s:]+:\s+\d+ bytes(?:\n[^\s:]+:\s+\d+ bytes)+$/gm;

export interface Outcome {
  command: string;
  stage: string;
  expect: Expect;
  same: boolean;
  builtin: string;
  real: string;
}

/**
 * Plays the stages: before each stage both twins get the same change, then each command runs on
 * the built-in twin and through `bin` against the served twin. Returns one outcome per command.
 */
export async function play(stages: Stage[], bin: string, files: Record<string, string> = {}): Promise<Outcome[]> {
  const mine = { cluster: twinCluster() };
  const served = await servedTwin();
  // Files a command names (`--cert=tls.crt`), relative to the folder both kubectls run in.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-diff-files-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(cwd, name), text);
  const readFile = (p: string) => fs.readFileSync(path.resolve(cwd, p), 'utf8');
  const out: Outcome[] = [];
  try {
    for (const stage of stages) {
      if (stage.before) {
        stage.before(mine.cluster);
        stage.before(served.cluster);
      }
      for (const [command, expect] of stage.commands) {
        const b = runCommand(mine.cluster, command, { readFile });
        const r = await merged(bin, served.kubeconfig!, tokenize(command), cwd);
        const builtin = `${normalise(b.output)}\n[exit ${b.error ? 1 : 0}]`;
        const real = `${normalise(r.output)}\n[exit ${r.code === 0 ? 0 : 1}]`;
        out.push({ command, stage: stage.title, expect, same: builtin === real, builtin, real });
      }
    }
  } finally {
    await closeTwin(served);
    fs.rmSync(cwd, { recursive: true, force: true });
  }
  // KD_DIFF_DUMP=FILE keeps every outcome, whole, for a closer look at a difference.
  if (process.env.KD_DIFF_DUMP) fs.writeFileSync(process.env.KD_DIFF_DUMP, JSON.stringify(out, null, 1));
  return out;
}

/**
 * Runs kubectl with stderr into the same pipe as stdout, so the text reads in the order a
 * terminal shows it (`Found 2 pods, using pod/…` before the log lines).
 */
function merged(bin: string, kubeconfig: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: os.tmpdir(), TZ: 'UTC' };
    // stdin is closed at once, so a command that would read it (`set env -e -`) ends instead of
    // waiting; a command that hangs anyway is killed after 30 s and reads as a failure.
    const child = execFile(
      'sh',
      ['-c', 'exec "$0" "$@" 2>&1', bin, '--kubeconfig', kubeconfig, ...args],
      { env, cwd, timeout: 30_000, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
      (err, stdout) => {
        resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0, output: String(stdout) });
      },
    );
    child.stdin?.end();
  });
}

/** A short line-by-line diff (− built-in, + real kubectl) for the report and for failures. */
export function diff(builtin: string, real: string): string {
  const a = builtin.split('\n');
  const b = real.split('\n');
  const lines: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== undefined) lines.push(`  - ${a[i]}`);
    if (b[i] !== undefined) lines.push(`  + ${b[i]}`);
    if (lines.length > 12) {
      lines.push('  …');
      break;
    }
  }
  return lines.join('\n');
}
