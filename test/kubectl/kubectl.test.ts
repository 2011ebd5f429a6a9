// The real kubectl of the machine image against `kube-dorm serve`: the seed's chapters as a
// script of kubectl commands, asserting on kubectl's own output, for kubectl 1.32 and 1.27
// (older discovery, OpenAPI v2 protobuf, and patch path). Also: a missing or wrong token is
// refused, only loopback is bound, the kubeconfig is private, SIGTERM stops the server cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as https from 'node:https';
import * as net from 'node:net';
import { kubectl, kubectlBinary, kubectlUntil, startServe, type Run } from './support';

const STS = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: nginx
  replicas: 3
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`;

const POD_WITH_SECRET = `apiVersion: v1
kind: Pod
metadata:
  name: client
  labels:
    app: client
spec:
  containers:
  - name: client
    image: busybox:1.36
    command: ["sh", "-c", "echo roommate has the key; sleep 3600"]
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db-pass
          key: password
`;

const BAD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
  replicas: 1
  selector:
    matchLabels:
      app: bad
  template:
    metadata:
      labels:
        app: other
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`;

function ok(r: Run, what: string): string {
  assert.equal(r.code, 0, `${what} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Lines of a kubectl table without the header. */
const rows = (out: string) => out.trim().split('\n').slice(1).filter(Boolean);

async function chapterScript(version: string): Promise<void> {
  const bin = kubectlBinary(version)!;
  const srv = await startServe(['--speed', '20', '--nodes', '3']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-script-'));
  const k = (...args: string[]) => kubectl(bin, srv.kubeconfig, args);
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  let n = 0;
  const kk = async (...args: string[]) => {
    n++;
    return ok(await k(...args), `kubectl ${args.join(' ')}`);
  };
  try {
    // Chapter 0: the cluster answers.
    const ver = JSON.parse(await kk('version', '-o', 'json'));
    assert.equal(ver.serverVersion.gitVersion, 'v1.32.0');
    const nodes = await kk('get', 'nodes');
    assert.match(nodes, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
    assert.deepEqual(
      rows(nodes).map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
      ['node-1 Ready', 'node-2 Ready', 'node-3 Ready'],
    );

    // Chapter 1-2: the head manager (Deployment) fills dorm rooms (Pods).
    assert.equal((await kk('create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=3')).trim(), 'deployment.apps/web created');
    const pods = await kk('get', 'pods');
    assert.match(pods, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.equal(rows(pods).length, 3);
    const watched = await kubectlUntil(
      bin,
      srv.kubeconfig,
      ['get', 'pods', '-w'],
      (out) => new Set([...out.matchAll(/^(web-\S+)\s+1\/1\s+Running/gm)].map((m) => m[1])).size >= 3,
    );
    n++;
    assert.match(watched, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.match(await kk('rollout', 'status', 'deployment/web', '--timeout=60s'), /deployment "web" successfully rolled out/);

    // Scale: more rooms; the building auntie keeps them filled.
    assert.equal((await kk('scale', 'deployment', 'web', '--replicas=5')).trim(), 'deployment.apps/web scaled');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    assert.match(await kk('get', 'deployment', 'web'), /^web\s+5\/5\s+5\s+5\s+/m);

    // Renovation room by room, history, undo, pause/resume, restart.
    assert.equal((await kk('set', 'image', 'deployment/web', 'nginx=nginx:1.26')).trim(), 'deployment.apps/web image updated');
    assert.match(await kk('rollout', 'status', 'deployment/web', '--timeout=60s'), /successfully rolled out/);
    const hist = await kk('rollout', 'history', 'deployment/web');
    assert.match(hist, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    assert.equal((await kk('rollout', 'undo', 'deployment/web')).trim(), 'deployment.apps/web rolled back');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    assert.equal(await kk('get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.25');
    assert.equal((await kk('rollout', 'pause', 'deployment/web')).trim(), 'deployment.apps/web paused');
    assert.equal(await kk('get', 'deployment', 'web', '-o', 'jsonpath={.spec.paused}'), 'true');
    assert.equal((await kk('rollout', 'resume', 'deployment/web')).trim(), 'deployment.apps/web resumed');
    assert.equal((await kk('rollout', 'restart', 'deployment/web')).trim(), 'deployment.apps/web restarted');
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    assert.match(await kk('get', 'deployment', 'web', '-o', 'yaml'), /kubectl\.kubernetes\.io\/restartedAt:/);
    assert.match(await kk('get', 'rs'), /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/m);

    // Delete a room: the auntie opens a replacement.
    const before = (await kk('get', 'pods', '-l', 'app=web', '-o', 'name')).trim().split('\n');
    assert.equal(before.length, 5);
    assert.equal((await kk('delete', before[0])).trim(), `pod "${before[0].slice(4)}" deleted`);
    // (kubectl waited for the old pod to be gone; the replacement is already there or on its way.)
    const after = await kubectlUntil(bin, srv.kubeconfig, ['get', 'pods', '-l', 'app=web', '-w', '-o', 'name'], (out) =>
      out.split('\n').some((l) => l.startsWith('pod/') && !before.includes(l)),
    );
    n++;
    assert.ok(after.includes('pod/web-'));
    await kk('rollout', 'status', 'deployment/web', '--timeout=60s');
    assert.equal(rows(await kk('get', 'pods', '-l', 'app=web')).length, 5);
    assert.doesNotMatch(await kk('get', 'pods'), new RegExp(before[0].slice(4)));

    // Take-out dispatch centre (Service): ClusterIP, side door (NodePort), address book (Endpoints).
    assert.equal((await kk('expose', 'deployment', 'web', '--port=80')).trim(), 'service/web exposed');
    assert.match(await kk('get', 'svc', 'web'), /^web\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP\s+/m);
    await kk('expose', 'deployment', 'web', '--name=web-side', '--type=NodePort', '--port=80');
    assert.match(await kk('get', 'svc', 'web-side'), /^web-side\s+NodePort\s+\S+\s+<none>\s+80:3\d{4}\/TCP\s+/m);
    assert.match(await kk('get', 'endpoints', 'web'), /^web\s+(10\.244\.\d+\.\d+:80,){2}10\.244\.\d+\.\d+:80 \+ 2 more\.\.\.\s+/m);
    for (let i = 0; i < 5; i++) assert.match(await kk('get', '--raw', '/api/v1/namespaces/default/services/web/proxy/'), /Welcome to nginx!/);
    const logs = await kk('logs', '-l', 'app=web', '--tail=-1', '--max-log-requests=10');
    assert.equal((logs.match(/"GET \/ HTTP\/1\.1" 200/g) ?? []).length, 5, 'each request through the Service is in a pod log');

    // Counsellors' rooms with fixed door numbers (StatefulSet) and their lockers (PVCs).
    const applied = await kk('apply', '-f', file('sts.yaml', STS));
    assert.match(applied, /^service\/nginx created$/m);
    assert.match(applied, /^statefulset\.apps\/web created$/m);
    await kk('rollout', 'status', 'statefulset/web', '--timeout=60s');
    assert.deepEqual(
      rows(await kk('get', 'pods', '-l', 'app=nginx')).map((l) => l.split(/\s+/).slice(0, 3).join(' ')),
      ['web-0 1/1 Running', 'web-1 1/1 Running', 'web-2 1/1 Running'],
    );
    assert.deepEqual(
      rows(await kk('get', 'pvc')).map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
      ['www-web-0 Bound', 'www-web-1 Bound', 'www-web-2 Bound'],
    );
    assert.match(await kk('apply', '-f', path.join(dir, 'sts.yaml')), /^statefulset\.apps\/web unchanged$/m);
    const desc = await kk('describe', 'pod', 'web-0');
    assert.match(desc, /^Name:\s+web-0$/m);
    assert.match(desc, /Events:[\s\S]*Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/web-0 to node-\d/);
    assert.match(desc, /Started\s+\S+\s+kubelet\s+Started container nginx/);
    assert.match(await kk('logs', 'web-0'), /Configuration complete; ready for start up/);

    // Labels and annotations.
    assert.equal((await kk('label', 'pod', 'web-0', 'tier=counsellor')).trim(), 'pod/web-0 labeled');
    assert.deepEqual(
      rows(await kk('get', 'pods', '-l', 'tier=counsellor')).map((l) => l.split(/\s+/)[0]),
      ['web-0'],
    );
    assert.match(await kk('get', 'pod', 'web-0', '--show-labels'), /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+LABELS$[\s\S]*tier=counsellor/m);
    // (kubectl 1.27 prints "annotate": its own wording bug.)
    assert.match((await kk('annotate', 'deployment', 'web', 'owner=alice')).trim(), /^deployment\.apps\/web annotated?$/);
    assert.equal(await kk('get', 'deployment', 'web', '-o', 'jsonpath={.metadata.annotations.owner}'), 'alice');

    // The room's safe (Secret) and a roommate who uses it.
    assert.equal((await kk('create', 'secret', 'generic', 'db-pass', '--from-literal=password=s3cret')).trim(), 'secret/db-pass created');
    assert.equal(await kk('get', 'secret', 'db-pass', '-o', 'jsonpath={.data.password}'), Buffer.from('s3cret').toString('base64'));
    assert.equal((await kk('apply', '-f', file('client.yaml', POD_WITH_SECRET))).trim(), 'pod/client created');
    assert.match(await kk('wait', '--for=condition=Ready', 'pod/client', '--timeout=60s'), /pod\/client condition met/);
    assert.equal((await kk('logs', 'client')).trim(), 'roommate has the key');

    // Notice board, electrician, cleaning auntie (typed create commands).
    assert.equal((await kk('create', 'configmap', 'notice', '--from-literal=quiet-hours=23:00')).trim(), 'configmap/notice created');
    assert.equal(
      (await kk('create', 'job', 'electrician', '--image=busybox:1.36', '--', 'sh', '-c', 'echo fuse replaced')).trim(),
      'job.batch/electrician created',
    );
    assert.equal(
      (await kk('create', 'cronjob', 'cleaner', '--image=busybox:1.36', '--schedule=*/5 * * * *', '--', 'echo', 'sweeping')).trim(),
      'cronjob.batch/cleaner created',
    );
    assert.match(await kk('wait', '--for=condition=complete', 'job/electrician', '--timeout=60s'), /job\.batch\/electrician condition met/);
    assert.equal((await kk('logs', 'job/electrician')).trim(), 'fuse replaced');
    assert.equal((await kk('auth', 'can-i', 'delete', 'pods')).trim(), 'yes');
    assert.equal((await kk('create', 'serviceaccount', 'warden')).trim(), 'serviceaccount/warden created');
    assert.equal(
      (await kk('create', 'role', 'key-reader', '--verb=get,list', '--resource=secrets')).trim(),
      'role.rbac.authorization.k8s.io/key-reader created',
    );
    assert.equal(
      (await kk('create', 'rolebinding', 'warden-keys', '--role=key-reader', '--serviceaccount=default:warden')).trim(),
      'rolebinding.rbac.authorization.k8s.io/warden-keys created',
    );
    assert.equal(
      await kk('get', 'rolebinding', 'warden-keys', '-o', 'jsonpath={.roleRef.name} {.subjects[0].kind}/{.subjects[0].name}'),
      'key-reader ServiceAccount/warden',
    );
    assert.match(await kk('get', 'cronjobs'), /^cleaner\s+\*\/5 \* \* \* \*\s+(<none>\s+)?False\s+\d+\s+/m);

    // autoscale: kubectl 1.32 posts an autoscaling/v1 HPA (protobuf); `get hpa` reads autoscaling/v2.
    assert.equal(
      (await kk('autoscale', 'deployment', 'web', '--min=2', '--max=6', '--cpu-percent=80')).trim(),
      'horizontalpodautoscaler.autoscaling/web autoscaled',
    );
    assert.match(
      await kk('get', 'hpa'),
      /^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\nweb\s+Deployment\/web\s+cpu: <unknown>\/80%\s+2\s+6\s+/,
    );

    // Patches in all flavours, server-side apply.
    assert.equal((await kk('patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"replicas":4}}')).trim(), 'deployment.apps/web patched');
    assert.equal(
      (await kk('patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":3}]')).trim(),
      'deployment.apps/web patched',
    );
    await kk('patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}');
    assert.equal(
      await kk(
        'get',
        'deployment',
        'web',
        '-o',
        'jsonpath={.spec.replicas} {.spec.template.spec.containers[*].name} {.spec.template.spec.containers[*].image}',
      ),
      '3 nginx nginx:1.27',
    );
    assert.equal(
      (
        await kk('apply', '--server-side', '-f', file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rules\ndata:\n  lights-out: "23:30"\n'))
      ).trim(),
      'configmap/rules serverside-applied',
    );
    assert.equal(await kk('get', 'configmap', 'rules', '-o', 'jsonpath={.data.lights-out}'), '23:30');

    // Wide output, all namespaces, events, explain.
    assert.match(await kk('get', 'pods', '-o', 'wide'), /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/m);
    assert.match(await kk('get', 'pods', '-A'), /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.match(
      await kk('get', 'events'),
      /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$[\s\S]*ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-\w+ to 3/m,
    );
    const explain = await kk('explain', 'deployment.spec.strategy');
    assert.match(explain, /KIND:\s+Deployment/);
    assert.match(explain, /rollingUpdate\s+<RollingUpdateDeployment>/);
    assert.match(await kk('get', 'all'), /^deployment\.apps\/web\s+3\/3\s+/m);

    // Errors as a real API server words them.
    const nf = await k('get', 'deployment', 'nope');
    assert.equal(nf.code, 1);
    assert.match(nf.stderr, /Error from server \(NotFound\): deployments\.apps "nope" not found/);
    const dup = await k('create', 'deployment', 'web', '--image=nginx');
    assert.match(dup.stderr, /deployments\.apps "web" already exists/);
    const bad = await k('apply', '-f', file('bad.yaml', BAD));
    assert.match(bad.stderr, /The Deployment "bad" is invalid: spec\.template\.metadata\.labels: Invalid value/);
    const stale = JSON.parse(await kk('get', 'deployment', 'web', '-o', 'json'));
    stale.metadata.resourceVersion = '1';
    const conflict = await k('replace', '-f', file('stale.json', JSON.stringify(stale)));
    assert.match(conflict.stderr, /Operation cannot be fulfilled on deployments\.apps "web": the object has been modified/);
    n += 4;

    // Delete with --wait; the garbage collector removes the rooms.
    assert.equal((await kk('delete', 'deployment', 'web', '--wait=true')).trim(), 'deployment.apps "web" deleted');
    await kk('wait', '--for=delete', 'pod', '-l', 'app=web', '--timeout=60s');
    assert.doesNotMatch(await kk('get', 'pods'), /^web-[a-z0-9]+-/m);
    assert.ok(n >= 30, `the script ran ${n} kubectl commands`);
  } finally {
    const stop = await srv.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(stop.code, 0, 'serve exits cleanly on SIGTERM');
  }
}

// KUBE_DORM_KUBECTL_VERSIONS=1.27,1.28,...,1.33 runs the script against more clients (all pass).
const VERSIONS = (process.env.KUBE_DORM_KUBECTL_VERSIONS ?? '1.32,1.27')
  .split(',')
  .map((v) => v.trim())
  .filter(Boolean);
for (const version of VERSIONS) {
  test(
    `kubectl ${version}: the seed's chapters against kube-dorm serve`,
    { skip: kubectlBinary(version) ? false : `kubectl.${version} not installed`, timeout: 300_000 },
    async () => {
      await chapterScript(version);
    },
  );
}

function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { headers, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

test(
  'a missing or wrong token is refused; only loopback is bound; the kubeconfig is private',
  { skip: kubectlBinary('1.32') ? false : 'kubectl.1.32 not installed', timeout: 120_000 },
  async () => {
    const bin = kubectlBinary('1.32')!;
    const srv = await startServe(['--speed', '1']);
    try {
      assert.match(srv.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(fs.statSync(srv.kubeconfig).mode & 0o777, 0o600);
      const kc = fs.readFileSync(srv.kubeconfig, 'utf8');
      assert.match(kc, /current-context: kube-dorm/);
      const token = /token: (\S+)/.exec(kc)![1];
      assert.ok(token.length >= 32);
      // kubectl with the right token works, with a wrong one it is refused.
      assert.equal((await kubectl(bin, srv.kubeconfig, ['get', 'ns', 'default', '-o', 'name'])).stdout.trim(), 'namespace/default');
      const wrong = await kubectl(bin, srv.kubeconfig, ['--token', 'not-the-token', 'get', 'pods']);
      assert.notEqual(wrong.code, 0);
      assert.match(wrong.stderr, /You must be logged in to the server|Unauthorized/);
      // Raw requests: none, wrong and right token.
      assert.equal((await rawGet(`${srv.url}/api/v1/namespaces`, {})).status, 401);
      assert.equal((await rawGet(`${srv.url}/api/v1/namespaces`, { Authorization: 'Bearer x' + token.slice(1) })).status, 401);
      const good = await rawGet(`${srv.url}/api/v1/namespaces`, { Authorization: `Bearer ${token}` });
      assert.equal(good.status, 200);
      assert.equal(JSON.parse(good.body).kind, 'NamespaceList');
      // Any non-loopback address of this machine refuses the port.
      const port = Number(new URL(srv.url).port);
      const others = Object.values(os.networkInterfaces())
        .flat()
        .filter((a) => a && a.family === 'IPv4' && !a.internal)
        .map((a) => a!.address);
      for (const ip of others) {
        const refused = await new Promise<boolean>((resolve) => {
          const s = net.connect({ host: ip, port, timeout: 2000 }, () => {
            s.destroy();
            resolve(false);
          });
          s.on('error', () => resolve(true));
          s.on('timeout', () => {
            s.destroy();
            resolve(true);
          });
        });
        assert.ok(refused, `port ${port} must not be reachable on ${ip}`);
      }
    } finally {
      const stop = await srv.stop();
      assert.equal(stop.code, 0);
      assert.match(stop.stdout, /Stopped\./);
    }
  },
);
