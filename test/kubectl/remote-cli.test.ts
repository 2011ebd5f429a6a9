// `kube-dorm status` and `kube-dorm doctor` against `kube-dorm serve` (a child process, as kubectl
// meets it) through four kubeconfigs: a token, a client certificate (serve --client-ca-file), an
// exec credential plugin (a small script printing an ExecCredential), and a plugin that is missing.
// No run prints the token or the client key.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { generate } from 'selfsigned';
import { parse, stringify } from 'yaml';
import { main } from '../../cli/main';
import { startServe, type Served } from './support';

let served: Served;
let dir: string;
let kc: any;
let token = '';
let clientKey = '';
const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx:1.25}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
`;

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: { PATH: process.env.PATH, ...env } };
  const code = await main(args, io);
  for (const secret of [token, clientKey]) assert.ok(!(stdout + stderr).includes(secret), 'no credential in the output');
  return { code, stdout, stderr };
}

/** A kubeconfig like serve's, with this user instead of the token. */
function writeKubeconfig(name: string, user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
  const doc = structuredClone(kc);
  doc.users[0].user = user;
  Object.assign(doc.clusters[0].cluster, cluster);
  const f = path.join(dir, name);
  fs.writeFileSync(f, stringify(doc), { mode: 0o600 });
  return f;
}

function hook(p: string, body?: unknown): Promise<any> {
  const ca = Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64');
  return new Promise((resolve, reject) => {
    const req = https.request(served.url + p, { method: 'POST', ca, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let t = '';
      res.on('data', (d) => (t += d));
      res.on('end', () => resolve(JSON.parse(t)));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

before(async () => {
  dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'kd-status-'));
  const pems = await generate([{ name: 'commonName', value: 'kube-dorm-test-ca' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    clientCertificate: { cn: 'kube-dorm-learner' },
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, critical: true },
    ],
  });
  fs.writeFileSync(path.join(dir, 'client-ca.pem'), pems.cert);
  fs.writeFileSync(path.join(dir, 'web.yaml'), MANIFEST);
  served = await startServe(['--test-hooks', '--nodes', '2', '--client-ca-file', path.join(dir, 'client-ca.pem'), path.join(dir, 'web.yaml')]);
  kc = parse(fs.readFileSync(served.kubeconfig, 'utf8'));
  token = kc.users[0].user.token;
  // Let the rooms start (virtual time, through serve's test hook).
  await hook('/kube-dorm/advance?seconds=120');
  clientKey = Buffer.from(pems.clientprivate!).toString('base64');
  writeKubeconfig('cert', { 'client-certificate-data': Buffer.from(pems.clientcert!).toString('base64'), 'client-key-data': clientKey });
  // The plugin prints an ExecCredential with the served token, as a cloud CLI would print its own.
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const plugin = path.join(bin, 'kd-test-credential');
  const credential = { apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } };
  fs.writeFileSync(plugin, `#!${process.execPath}\nprocess.stdout.write(${JSON.stringify(JSON.stringify(credential))});\n`, { mode: 0o755 });
  const exec = { apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Never' };
  writeKubeconfig('exec', { exec: { ...exec, command: 'kd-test-credential' } });
  writeKubeconfig('missing', { exec: { ...exec, command: 'kd-missing-login', installHint: 'install kd-missing-login from your cloud console' } });
});

after(async () => {
  await served?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('status with a token kubeconfig prints the dorm: buildings, managers, rooms, dispatch centres', async () => {
  const r = await run(['status', '--kubeconfig', served.kubeconfig, '--lang', 'en']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Context kube-dorm · server https:\/\/127\.0\.0\.1:\d+ · namespace default/);
  assert.match(r.stdout, /Buildings \(nodes\)\nNAME +STATUS +CPU +MEMORY +PODS\nnode-1 +Ready/);
  assert.match(r.stdout, /default +Deployment +web +2\/2 +nginx:1\.25/);
  assert.equal(r.stdout.match(/^default +web-[a-z0-9]+-[a-z0-9]+ +1\/1 +Running +0 +node-\d +Deployment\/web$/gm)?.length, 2);
  assert.match(r.stdout, /default +web +ClusterIP +10\.\S+ +80\/TCP +web-\S+,web-\S+/);
  const j = JSON.parse((await run(['status', '--kubeconfig', served.kubeconfig, '--format', 'json'])).stdout);
  assert.equal(j.context, 'kube-dorm');
  assert.equal(j.state.pods.length, 2);
  assert.deepEqual(j.missing, []);
});

test('status with a client-certificate kubeconfig (no token) reads the cluster', async () => {
  const r = await run(['status', '--kubeconfig', path.join(dir, 'cert'), '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).state.workloads.filter((w: any) => w.kind === 'Deployment').length, 1);
});

test('status and doctor with an exec-plugin kubeconfig run the plugin found on PATH', async () => {
  const env = { PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}` };
  const r = await run(['status', '--kubeconfig', path.join(dir, 'exec'), '--format', 'json'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).state.pods.length, 2);
  const d = await run(['doctor', '--kubeconfig', path.join(dir, 'exec'), '--lang', 'en'], env);
  assert.equal(d.code, 0, d.stdout);
  assert.match(d.stdout, new RegExp(`✓ auth plugin: credential plugin kd-test-credential found at ${path.join(dir, 'bin', 'kd-test-credential')}`));
});

test('a missing exec plugin is named, with the PATH searched and the fix, in English and Chinese', async () => {
  const PATH = ['/opt/nowhere/bin', '/usr/bin'].join(path.delimiter);
  const r = await run(['status', '--kubeconfig', path.join(dir, 'missing'), '--lang', 'en'], { PATH });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /gets its credentials from the plugin "kd-missing-login", which is not on PATH/);
  assert.ok(r.stderr.includes(`PATH searched: ${PATH}\n`));
  assert.match(r.stderr, /Fix: install kd-missing-login; or write its absolute path in the kubeconfig \(users\[\]\.user\.exec\.command\)/);
  assert.match(r.stderr, /installHint: install kd-missing-login from your cloud console/);
  const zh = await run(['status', '--kubeconfig', path.join(dir, 'missing'), '--lang', 'zh-cn'], { PATH });
  assert.ok(zh.stderr.includes(`查找过的 PATH：${PATH}`));
  const d = await run(['doctor', '--kubeconfig', path.join(dir, 'missing'), '--lang', 'en'], { PATH });
  assert.equal(d.code, 1);
  assert.match(d.stdout, /✗ auth plugin: the kubeconfig user "kube-dorm-learner" gets its credentials from the plugin "kd-missing-login"/);
  assert.match(d.stdout, /- reachability: skipped/);
});

test('doctor passes every check of a served cluster, and names the fix when the server or its CA is wrong', async () => {
  const ok = await run(['doctor', '--kubeconfig', served.kubeconfig, '--lang', 'en']);
  assert.equal(ok.code, 0, ok.stdout);
  for (const title of ['kubeconfig', 'context', 'auth plugin', 'reachability', 'TLS', 'credentials', 'permissions'])
    assert.match(ok.stdout, new RegExp(`✓ ${title}: `));
  assert.match(ok.stdout, /! version skew: server v1\.32\.0 is \d+ minor versions from Kubernetes 1\.\d+/);
  const down = writeKubeconfig('down', { token }, { server: 'https://127.0.0.1:1' });
  const d = await run(['doctor', '--kubeconfig', down, '--lang', 'en']);
  assert.equal(d.code, 1);
  assert.match(d.stdout, /✗ reachability: cannot reach the API server https:\/\/127\.0\.0\.1:1: .*ECONNREFUSED.*Fix: is the cluster running/);
  const other = (await generate([{ name: 'commonName', value: 'someone-else' }], { keyType: 'ec', algorithm: 'sha256' })).cert;
  const wrongCa = writeKubeconfig('wrong-ca', { token }, { 'certificate-authority-data': Buffer.from(other).toString('base64') });
  const w = await run(['doctor', '--kubeconfig', wrongCa, '--lang', 'en']);
  assert.equal(w.code, 1);
  assert.match(w.stdout, /✗ TLS: the TLS connection to https:\/\/127\.0\.0\.1:\d+ failed: .*Fix: the kubeconfig's certificate-authority/);
  const bad = writeKubeconfig('bad-token', { token: 'not-the-token' });
  const b = await run(['doctor', '--kubeconfig', bad, '--lang', 'en']);
  assert.equal(b.code, 1);
  assert.match(
    b.stdout,
    /✗ credentials: the API server https:\/\/127\.0\.0\.1:\d+ did not accept the credentials of the user "kube-dorm-learner" \(401 Unauthorized\)/,
  );
  const s = await run(['status', '--kubeconfig', bad, '--lang', 'en']);
  assert.equal(s.code, 1, 'status says it could not read the cluster, never an empty dorm');
  assert.match(s.stderr, /did not accept the credentials of the user "kube-dorm-learner" \(401 Unauthorized\)\. Fix: log in again/);
});

test('a 403 on pods hides the rooms only, and says which permission is missing', async () => {
  await hook('/kube-dorm/faults', { forbid: ['pods'] });
  try {
    const r = await run(['status', '--kubeconfig', served.kubeconfig, '--lang', 'en']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Rooms \(pods\)\n\(none\)/);
    assert.match(r.stdout, /default +Deployment +web +2\/2/, 'the managers are still shown');
    assert.match(r.stdout, /Hidden:\n {2}missing permission: list pods in the namespace "default"; this part of the view is hidden, the rest keeps working/);
    const d = await run(['doctor', '--kubeconfig', served.kubeconfig, '--lang', 'en']);
    assert.equal(d.code, 0);
    assert.match(d.stdout, /! permissions: may not list pods, watch pods in the namespace "default"/);
  } finally {
    await hook('/kube-dorm/faults', {});
  }
});
