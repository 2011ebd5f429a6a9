// Writes core/kubectl/kubectl-flags.json: the flags kubectl 1.32 accepts, per command the built-in
// kubectl answers, read from `kubectl.1.32 COMMAND --help` (and `kubectl options` for the global
// ones). Each flag is listed under its long name and its shorthand, as taking a value or not.
// Run it when the built-in kubectl learns a command: `node scripts/kubectl-flags.mjs [KUBECTL]`.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const COMMANDS = [
  ...['get', 'apply', 'create', 'delete', 'describe', 'explain', 'scale', 'patch', 'cordon', 'uncordon', 'drain', 'label', 'annotate', 'run', 'expose'],
  ...['logs', 'version', 'api-resources', 'api-versions', 'exec', 'attach', 'cp', 'port-forward', 'taint', 'wait', 'edit', 'replace'],
  ...['create deployment', 'create service clusterip', 'create service nodeport', 'create service loadbalancer', 'create service externalname'],
  ...['create configmap', 'create secret generic', 'create secret tls', 'create secret docker-registry', 'create job', 'create cronjob', 'create namespace'],
  ...['set image', 'set env', 'set resources', 'set selector', 'auth can-i', 'auth whoami', 'top pod', 'top node'],
  ...['rollout status', 'rollout history', 'rollout undo', 'rollout pause', 'rollout resume', 'rollout restart'],
  ...['config view', 'config current-context', 'config get-contexts'],
];
// Flags with a default for the bare flag (pflag's NoOptDefVal): their value only follows `=`.
const NO_OPT_VALUE = new Set(['dry-run', 'cascade', 'validate']);

const kubectl = process.argv[2] ?? 'kubectl.1.32';

/** @param {string[]} args */
function flagsOf(args) {
  const text = execFileSync(kubectl, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const value = new Set();
  const bool = new Set();
  for (const m of text.matchAll(/^\s+(?:-(\w), )?--([\w-]+)=(.*):$/gm)) {
    const isBool = m[3] === 'true' || m[3] === 'false' || NO_OPT_VALUE.has(m[2]);
    for (const n of [m[1], m[2]].filter(Boolean)) (isBool ? bool : value).add(n);
  }
  return { value: [...value].sort(), switch: [...bool].sort() };
}

const version = /"gitVersion":\s*"([^"]+)"/.exec(execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
/** @type {{ kubectl: string, global: { value: string[], switch: string[] }, commands: Record<string, { value: string[], switch: string[] }> }} */
const out = { kubectl: version, global: flagsOf(['options']), commands: {} };
for (const c of COMMANDS) out.commands[c] = flagsOf([...c.split(' '), '--help']);
const file = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'core', 'kubectl', 'kubectl-flags.json');
fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
console.log(`${file}: ${Object.keys(out.commands).length} commands from ${out.kubectl}`);
