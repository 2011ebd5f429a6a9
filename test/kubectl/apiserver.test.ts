// The API server without kubectl, read side: discovery shapes, Tables agreeing with the shared
// printers, selectors, status errors, watch replay / expiry / bookmarks, bad input, and the
// `kube-dorm serve` command line. Writes (patches, apply, protobuf, forbidden updates) are in
// apiserver-writes.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { printGet, PRINTERS } from '../../core/kubectl/printers';
import { runServe } from '../../cli/serve';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setup, TOKEN } from './apiserver-setup';

test('discovery: scale as autoscaling/v1 Scale, status, pods/log, short names, categories, verbs', async () => {
  const { srv, req } = await setup();
  try {
    const apps = (await req('GET', '/apis/apps/v1')).json;
    assert.equal(apps.kind, 'APIResourceList');
    const dep = apps.resources.find((r: any) => r.name === 'deployments');
    assert.deepEqual([dep.kind, dep.namespaced, dep.shortNames, dep.categories], ['Deployment', true, ['deploy'], ['all']]);
    assert.deepEqual(dep.verbs.sort(), ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
    const scale = apps.resources.find((r: any) => r.name === 'deployments/scale');
    assert.deepEqual([scale.group, scale.version, scale.kind], ['autoscaling', 'v1', 'Scale']);
    assert.ok(apps.resources.some((r: any) => r.name === 'deployments/status'));
    const core = (await req('GET', '/api/v1')).json;
    assert.ok(core.resources.some((r: any) => r.name === 'pods/log'));
    assert.deepEqual(core.resources.find((r: any) => r.name === 'services').shortNames, ['svc']);
    const groups = (await req('GET', '/apis')).json;
    assert.ok(groups.groups.some((g: any) => g.name === 'batch' && g.preferredVersion.groupVersion === 'batch/v1'));
    assert.equal((await req('GET', '/version')).json.gitVersion, 'v1.32.0');
    assert.equal((await req('GET', '/api/v1/pods', undefined, { Authorization: 'Bearer nope' })).status, 401);
    // The token is checked before the path is even parsed.
    assert.equal((await req('GET', '//', undefined, { Authorization: 'Bearer nope' })).status, 401);
  } finally {
    await srv.close();
  }
});

test('Tables are built by the shared printers: same cells as `kube-dorm simulate --format table`', async () => {
  const { c, srv, req } = await setup();
  try {
    for (const [path, kind] of [
      ['/api/v1/namespaces/default/pods', 'Pod'],
      ['/apis/apps/v1/namespaces/default/deployments', 'Deployment'],
      ['/apis/apps/v1/namespaces/default/replicasets', 'ReplicaSet'],
    ] as const) {
      const t = (await req('GET', path, undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' })).json;
      assert.equal(t.kind, 'Table');
      const header = t.columnDefinitions.filter((d: any) => d.priority === 0).map((d: any) => d.name.toUpperCase());
      assert.deepEqual(header, PRINTERS[kind].header);
      const printed = printGet(c, kind)
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s{3,}/));
      assert.deepEqual(
        t.rows.map((r: any) => r.cells.slice(0, header.length).map(String)),
        printed,
      );
      assert.equal(t.rows[0].object.kind, 'PartialObjectMetadata');
    }
  } finally {
    await srv.close();
  }
});

test('label and field selectors; errors come back as Status objects with Kubernetes reasons', async () => {
  const { srv, req } = await setup();
  try {
    const pods = (await req('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb')).json;
    assert.equal(pods.items.length, 2);
    assert.equal((await req('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dother')).json.items.length, 0);
    const name = pods.items[0].metadata.name;
    assert.deepEqual(
      (await req('GET', `/api/v1/pods?fieldSelector=metadata.name%3D${name}`)).json.items.map((p: any) => p.metadata.name),
      [name],
    );
    assert.equal((await req('GET', '/api/v1/pods?fieldSelector=status.phase%3DRunning')).json.items.length, 2);
    const bad = await req('GET', '/api/v1/pods?fieldSelector=spec.bogus%3Dx');
    assert.equal(bad.status, 400);
    const nf = await req('GET', '/apis/apps/v1/namespaces/default/deployments/nope');
    assert.deepEqual([nf.status, nf.json.kind, nf.json.reason, nf.json.message], [404, 'Status', 'NotFound', 'deployments.apps "nope" not found']);
    const dep = (await req('GET', '/apis/apps/v1/namespaces/default/deployments/web')).json;
    const dup = await req('POST', '/apis/apps/v1/namespaces/default/deployments', { ...dep, metadata: { name: 'web' } });
    assert.deepEqual([dup.status, dup.json.reason, dup.json.message], [409, 'AlreadyExists', 'deployments.apps "web" already exists']);
    const stale = await req('PUT', '/apis/apps/v1/namespaces/default/deployments/web', { ...dep, metadata: { ...dep.metadata, resourceVersion: '1' } });
    assert.deepEqual([stale.status, stale.json.reason], [409, 'Conflict']);
    assert.match(stale.json.message, /the object has been modified; please apply your changes to the latest version and try again/);
    const invalid = await req('POST', '/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'c' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } } },
    });
    assert.deepEqual([invalid.status, invalid.json.reason], [422, 'Invalid']);
    assert.match(invalid.json.message, /^Deployment\.apps "x" is invalid: spec\.template\.metadata\.labels/);
    assert.equal(invalid.json.details.causes[0].field, 'spec.template.metadata.labels');
    const strict = await req('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm' },
      data: { a: 'b' },
      bogus: 1,
    });
    assert.equal(strict.status, 400);
    assert.match(strict.json.message, /strict decoding error: unknown field "bogus"/);
    const noNs = await req('POST', '/api/v1/namespaces/nowhere/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    assert.deepEqual([noNs.status, noNs.json.message], [404, 'namespaces "nowhere" not found']);
  } finally {
    await srv.close();
  }
});

test('watch: replay after a resourceVersion, 410 Expired for a compacted one, bookmarks, Table events', async () => {
  const timers: (() => void)[] = [];
  const { c, srv, url } = await setup({ timers });
  try {
    const list = (await await fetchJson(url, '/apis/apps/v1/namespaces/default/deployments')).metadata.resourceVersion;
    // A change after the list is replayed to a watch that starts from the list's version.
    const dep = c.get('Deployment', 'default', 'web')!;
    dep.spec.replicas = 3;
    c.update(dep, true);
    c.settle();
    const lines = await watchLines(url, `/apis/apps/v1/namespaces/default/deployments?watch=true&resourceVersion=${list}&allowWatchBookmarks=true`, 1, () =>
      timers.forEach((f) => f()),
    );
    const first = JSON.parse(lines[0]);
    assert.equal(first.type, 'MODIFIED');
    assert.equal(first.object.spec.replicas, 3);
    c.settle();
    const now = (await fetchJson(url, '/apis/apps/v1/namespaces/default/deployments')).metadata.resourceVersion;
    const bookmark = JSON.parse(
      (
        await watchLines(url, `/apis/apps/v1/namespaces/default/deployments?watch=true&resourceVersion=${now}&allowWatchBookmarks=true`, 1, () =>
          [...timers].forEach((f) => f()),
        )
      )[0],
    );
    assert.deepEqual([bookmark.type, bookmark.object.kind, bookmark.object.metadata.resourceVersion], ['BOOKMARK', 'Deployment', now]);
    const expired = JSON.parse((await watchLines(url, '/api/v1/namespaces/default/pods?watch=true&resourceVersion=-5', 1))[0]);
    assert.deepEqual([expired.type, expired.object.code, expired.object.reason], ['ERROR', 410, 'Expired']);
    const table = JSON.parse(
      (await watchLines(url, '/api/v1/namespaces/default/pods?watch=true', 1, undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' }))[0],
    );
    assert.equal(table.object.kind, 'Table');
    assert.equal(table.object.rows.length, 1);
  } finally {
    await srv.close();
  }
});

function fetchJson(url: string, path: string): Promise<any> {
  return new Promise((resolve, reject) => {
    http
      .get(url + path, { headers: { Authorization: `Bearer ${TOKEN}` } }, (res) => {
        let t = '';
        res.on('data', (d) => (t += d));
        res.on('end', () => resolve(JSON.parse(t)));
      })
      .on('error', reject);
  });
}

function watchLines(url: string, path: string, n: number, poke?: () => void, headers: Record<string, string> = {}): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const r = http.get(url + path, { headers: { Authorization: `Bearer ${TOKEN}`, ...headers } }, (res) => {
      let buf = '';
      res.on('data', (d) => {
        buf += d;
        const lines = buf.split('\n').filter(Boolean);
        if (lines.length >= n) {
          r.destroy();
          resolve(lines);
        } else poke?.();
      });
      setTimeout(() => poke?.(), 10);
    });
    r.on('error', (e) => ((e as any).code === 'ECONNRESET' ? undefined : reject(e)));
  });
}

test('bad input never crashes the server or the simulation', async () => {
  const { c, srv, req } = await setup();
  try {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const cases: [string, string, unknown, Record<string, string>?][] = [
      ['GET', '/api/v1/namespaces/default/nope', undefined],
      ['GET', '/apis/apps/v9/deployments', undefined],
      ['GET', '/api/v1/namespaces/%E0%A4%A/pods', undefined],
      ['POST', '/api/v1/namespaces/default/pods', '{not json'],
      ['POST', '/api/v1/namespaces/default/pods', '[1,2,3]'],
      ['POST', '/api/v1/namespaces/default/pods', deep],
      ['POST', '/api/v1/namespaces/default/pods', { kind: 'Pod', apiVersion: 'v1', metadata: { name: 42 }, spec: 'x' }],
      ['POST', '/api/v1/namespaces/default/services', { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'x' } }],
      ['PATCH', '/apis/apps/v1/namespaces/default/deployments/web', '{"spec":', { 'Content-Type': 'application/merge-patch+json' }],
      ['PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { spec: 1 }, { 'Content-Type': 'application/x-unknown' }],
      [
        'PATCH',
        '/apis/apps/v1/namespaces/default/deployments/web',
        [{ op: 'move', from: '/nope', path: '/x' }],
        { 'Content-Type': 'application/json-patch+json' },
      ],
      ['PATCH', '/apis/apps/v1/namespaces/default/deployments/web', ': : :', { 'Content-Type': 'application/apply-patch+yaml' }],
      ['PUT', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: -3 } }],
      ['PUT', '/apis/apps/v1/namespaces/default/deployments/web', { metadata: { name: 'other' } }],
      ['DELETE', '/api/v1/namespaces/default/pods/nope', undefined],
      ['GET', '/api/v1/namespaces/default/pods/nope/log', undefined],
      ['GET', '/api/v1/pods?labelSelector=%28%28%28', undefined],
      ['POST', '/kube-dorm/advance?seconds=-1', undefined],
    ];
    for (const [method, path, body, headers] of cases) {
      const r = await req(method, path, body, headers);
      assert.ok(r.status >= 400 && r.status < 500, `${method} ${path} → ${r.status} ${r.text.slice(0, 200)}`);
      if (r.json) assert.equal(r.json.kind, 'Status');
    }
    assert.equal((await req('GET', '/version')).status, 200);
    c.advance(60_000);
    assert.equal(c.list('Pod').filter((p) => p.metadata.labels?.app === 'web' && p.status?.phase === 'Running').length, 2);
  } finally {
    await srv.close();
  }
});

test('kube-dorm serve: usage errors exit 2, --help exits 0, a stop signal exits 0 and removes the temporary kubeconfig', async () => {
  const io = () => {
    let out = '';
    let err = '';
    return {
      io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: { LANG: 'en_US.UTF-8' } },
      out: () => out,
      err: () => err,
    };
  };
  for (const bad of [['--port', 'x'], ['--port', '70000'], ['--speed', '0'], ['--nodes', '-1'], ['--bogus'], ['/no/such/file.yaml']]) {
    const x = io();
    assert.equal(await runServe(bad, x.io), 2, bad.join(' '));
    assert.match(x.err(), /error/);
  }
  const mine = path.join(os.tmpdir(), `kd-not-ours-${process.pid}.yaml`);
  writeFileSync(mine, 'apiVersion: v1\nkind: Config\nclusters:\n- name: production\ncurrent-context: production\n');
  const refuse = io();
  assert.equal(await runServe(['--kubeconfig', mine], refuse.io), 2);
  assert.match(refuse.err(), /refusing to overwrite/);
  assert.match(readFileSync(mine, 'utf8'), /production/, 'a real kubeconfig is left alone');
  rmSync(mine);
  const h = io();
  assert.equal(await runServe(['--help'], h.io), 0);
  assert.match(h.out(), /usage: kube-dorm serve/);
  const zh = io();
  assert.equal(await runServe(['--port', 'x', '--lang', 'zh-cn'], zh.io), 2);
  assert.match(zh.err(), /用法：kube-dorm serve/);
  let stop!: () => void;
  const x = io();
  let kubeconfig = '';
  const code = await runServe(['--port', '0', '--nodes', '1'], {
    ...x.io,
    stopSignal: new Promise<void>((r) => (stop = r)),
    onReady: (info) => {
      kubeconfig = info.kubeconfig;
      assert.match(info.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      stop();
    },
  });
  assert.equal(code, 0);
  assert.match(x.out(), /Serving the simulated cluster \(dorm\) at https:\/\/127\.0\.0\.1:\d+\nkubeconfig: /);
  assert.ok(kubeconfig && !existsSync(kubeconfig), 'the temporary kubeconfig is removed');
});
