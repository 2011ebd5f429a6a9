// The API server without kubectl: discovery shapes, Tables agreeing with the shared printers,
// watch replay / expiry / bookmarks, selectors, status errors, the four patch types, server-side
// apply conflicts, and the protobuf envelope kubectl 1.32's typed create commands send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { createCluster, applyFiles } from '../../core/cluster/index';
import { KubeApiServer } from '../../core/apiserver/server';
import { jsonPatch, mergePatch, strategicMergePatch, PatchError } from '../../core/apiserver/patch';
import { decodeProtobufObject } from '../../core/apiserver/protobuf';
import { printGet, PRINTERS } from '../../core/kubectl/printers';
import { runServe } from '../../cli/serve';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requester } from '../support/api-request';

const TOKEN = 'test-token-abcdefghijklmnopqrstuvwxyz012345';
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        env: [{name: A, value: "1"}, {name: B, value: "2"}]
`;

async function setup(opts: { timers?: (() => void)[] } = {}) {
  const c = createCluster({ nodes: 2 });
  applyFiles(c, [{ uri: 'file:///web.yaml', text: DEPLOY }]);
  c.advance(20_000);
  const timers = opts.timers;
  const srv = new KubeApiServer(c, {
    token: TOKEN,
    allowAdvance: true,
    ...(timers
      ? {
          setInterval: (fn: () => void) => (timers.push(fn), fn),
          clearInterval: (h: unknown) => {
            const i = timers.indexOf(h as () => void);
            if (i >= 0) timers.splice(i, 1);
          },
        }
      : {}),
  });
  const url = await srv.listen(0);
  const req = requester(url, TOKEN);
  return { c, srv, url, req };
}

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

test('PATCH in all four types, /scale, and server-side apply conflicts with another field manager', async () => {
  const { c, srv, req } = await setup();
  try {
    const base = '/apis/apps/v1/namespaces/default/deployments/web';
    const smp = await req(
      'PATCH',
      base,
      {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'nginx',
                  image: 'nginx:1.26',
                  env: [
                    { name: 'B', value: '3' },
                    { name: 'C', value: '4' },
                  ],
                },
              ],
            },
          },
        },
      },
      { 'Content-Type': 'application/strategic-merge-patch+json' },
    );
    assert.equal(smp.status, 200);
    const ctr = smp.json.spec.template.spec.containers;
    assert.equal(ctr.length, 1, 'containers merge by name');
    assert.deepEqual(ctr[0].env, [
      { name: 'A', value: '1' },
      { name: 'B', value: '3' },
      { name: 'C', value: '4' },
    ]);
    const merge = await req('PATCH', base, { metadata: { labels: { tier: 'front' } } }, { 'Content-Type': 'application/merge-patch+json' });
    assert.equal(merge.json.metadata.labels.tier, 'front');
    const jp = await req('PATCH', base, [{ op: 'replace', path: '/spec/replicas', value: 4 }], { 'Content-Type': 'application/json-patch+json' });
    assert.equal(jp.json.spec.replicas, 4);
    const failing = await req('PATCH', base, [{ op: 'test', path: '/spec/replicas', value: 9 }], { 'Content-Type': 'application/json-patch+json' });
    assert.equal(failing.status, 422);
    const scale = await req('GET', `${base}/scale`);
    assert.deepEqual([scale.json.kind, scale.json.apiVersion, scale.json.spec.replicas, scale.json.status.selector], ['Scale', 'autoscaling/v1', 4, 'app=web']);
    await req('PATCH', `${base}/scale?fieldManager=kubectl-scale`, { spec: { replicas: 5 } }, { 'Content-Type': 'application/merge-patch+json' });
    assert.equal(c.get('Deployment', 'default', 'web')!.spec.replicas, 5);
    const applied = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n';
    const conflict = await req('PATCH', `${base}?fieldManager=ci`, applied, { 'Content-Type': 'application/apply-patch+yaml' });
    assert.deepEqual([conflict.status, conflict.json.reason], [409, 'Conflict']);
    assert.match(conflict.json.message, /conflict with "kubectl-scale".*\.spec\.replicas/);
    const forced = await req('PATCH', `${base}?fieldManager=ci&force=true`, applied, { 'Content-Type': 'application/apply-patch+yaml' });
    assert.equal(forced.status, 200);
    assert.equal(forced.json.spec.replicas, 2);
    assert.ok(forced.json.metadata.managedFields.some((m: any) => m.manager === 'ci' && m.operation === 'Apply'));
    const ssaCreate = await req(
      'PATCH',
      '/api/v1/namespaces/default/configmaps/notice?fieldManager=ci',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notice\ndata:\n  a: b\n',
      { 'Content-Type': 'application/apply-patch+yaml' },
    );
    assert.equal(ssaCreate.status, 201);
  } finally {
    await srv.close();
  }
});

test('strategic merge patch: merge keys, $patch directives, $setElementOrder, null deletes', () => {
  const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }], selector: { app: 'a', old: 'x' } } };
  assert.deepEqual(strategicMergePatch(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }], selector: { old: null } } }), {
    spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }], selector: { app: 'a' } },
  });
  const pod = { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }, { name: 'b' }], volumes: [{ name: 'v' }] } };
  assert.deepEqual(
    strategicMergePatch(pod, {
      spec: {
        containers: [
          { name: 'b', $patch: 'delete' },
          { name: 'a', ports: [{ containerPort: 81 }] },
        ],
      },
    }),
    { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }, { containerPort: 81 }] }], volumes: [{ name: 'v' }] } },
  );
  const ordered = strategicMergePatch(pod, {
    spec: { containers: [{ name: 'c' }], '$setElementOrder/containers': [{ name: 'c' }, { name: 'b' }, { name: 'a' }] },
  }) as any;
  assert.deepEqual(
    ordered.spec.containers.map((x: any) => x.name),
    ['c', 'b', 'a'],
  );
  assert.deepEqual(strategicMergePatch({ spec: { template: { x: 1, y: 2 } } }, { spec: { template: { $patch: 'replace', z: 3 } } }), {
    spec: { template: { z: 3 } },
  });
  assert.deepEqual(strategicMergePatch({ metadata: { finalizers: ['a'] } }, { metadata: { finalizers: ['b'] } }), { metadata: { finalizers: ['a', 'b'] } });
  assert.deepEqual(strategicMergePatch({ args: ['x', 'y'] }, { args: ['z'] }), { args: ['z'] }, 'lists without a merge key are replaced');
  assert.deepEqual(mergePatch({ a: { b: 1, c: 2 }, l: [1] }, { a: { b: null }, l: [2] }), { a: { c: 2 }, l: [2] });
  assert.deepEqual(
    jsonPatch({ a: [1, 3] }, [
      { op: 'add', path: '/a/1', value: 2 },
      { op: 'copy', from: '/a/0', path: '/b' },
      { op: 'move', from: '/b', path: '/c' },
    ]),
    { a: [1, 2, 3], c: 1 },
  );
  assert.throws(() => jsonPatch({ a: 1 }, [{ op: 'remove', path: '/nope' }]), PatchError);
  assert.throws(() => jsonPatch({}, { op: 'add' }), PatchError);
});

/** A tiny protobuf writer for the test: fields as [number, value] with nested messages as arrays. */
function pb(fields: [number, string | number | Buffer | [number, any][]][]): Buffer {
  const out: Buffer[] = [];
  const varint = (n: number) => {
    const b: number[] = [];
    do {
      let x = n & 0x7f;
      n = Math.floor(n / 128);
      if (n) x |= 0x80;
      b.push(x);
    } while (n);
    return Buffer.from(b);
  };
  for (const [no, v] of fields) {
    if (typeof v === 'number') out.push(varint(no << 3), varint(v));
    else {
      const bytes = typeof v === 'string' ? Buffer.from(v) : Buffer.isBuffer(v) ? v : pb(v);
      out.push(varint((no << 3) | 2), varint(bytes.length), bytes);
    }
  }
  return Buffer.concat(out);
}

test('protobuf: the k8s envelope of a typed create decodes to the JSON object; garbage is refused', async () => {
  const meta = pb([
    [1, 'settings'],
    [2, ''],
    [
      11,
      [
        [1, 'app'],
        [2, 'dorm'],
      ],
    ],
    [8, []],
  ]);
  const cm = pb([
    [1, meta],
    [
      2,
      [
        [1, 'quiet'],
        [2, '23:00'],
      ],
    ],
    [
      2,
      [
        [1, 'wifi'],
        [2, 'on'],
      ],
    ],
  ]);
  const envelope = Buffer.concat([
    Buffer.from('k8s\0', 'binary'),
    pb([
      [
        1,
        [
          [1, 'v1'],
          [2, 'ConfigMap'],
        ],
      ],
      [2, cm],
      [3, ''],
      [4, ''],
    ]),
  ]);
  assert.deepEqual(decodeProtobufObject(envelope), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', labels: { app: 'dorm' } },
    data: { quiet: '23:00', wifi: 'on' },
  });
  const spec = pb([
    [1, 2],
    [
      2,
      [
        [
          1,
          [
            [1, 'app'],
            [2, 'web'],
          ],
        ],
      ],
    ],
    [
      3,
      [
        [
          1,
          [
            [
              11,
              [
                [1, 'app'],
                [2, 'web'],
              ],
            ],
          ],
        ],
        [
          2,
          [
            [
              2,
              [
                [1, 'nginx'],
                [2, 'nginx:1.25'],
                [6, [[3, 80]]],
              ],
            ],
          ],
        ],
      ],
    ],
  ]);
  const dep = decodeProtobufObject(
    Buffer.concat([
      Buffer.from('k8s\0', 'binary'),
      pb([
        [
          1,
          [
            [1, 'apps/v1'],
            [2, 'Deployment'],
          ],
        ],
        [
          2,
          pb([
            [1, pb([[1, 'web']])],
            [2, spec],
          ]),
        ],
      ]),
    ]),
  ) as any;
  assert.equal(dep.spec.replicas, 2);
  assert.deepEqual(dep.spec.template.spec.containers, [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }]);
  assert.throws(() => decodeProtobufObject(Buffer.from('{"json":true}')), /magic/);
  assert.throws(() => decodeProtobufObject(Buffer.concat([Buffer.from('k8s\0', 'binary'), Buffer.from([0x0a, 0xff])])));
  const { srv, req } = await setup();
  try {
    const created = await req('POST', '/api/v1/namespaces/default/configmaps', envelope, { 'Content-Type': 'application/vnd.kubernetes.protobuf' });
    assert.equal(created.status, 201);
    assert.equal(created.json.data.quiet, '23:00');
    const junk = await req('POST', '/api/v1/namespaces/default/configmaps', Buffer.from('k8s\0\x0a\xff', 'binary'), {
      'Content-Type': 'application/vnd.kubernetes.protobuf',
    });
    assert.equal(junk.status, 415);
  } finally {
    await srv.close();
  }
});

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

test('updates the API server forbids: a new selector, a Pod spec change beyond images, a Job template', async () => {
  const { c, srv, req } = await setup();
  try {
    const merge = { 'Content-Type': 'application/merge-patch+json' };
    const sel = await req(
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/web',
      { spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } } } } },
      merge,
    );
    assert.deepEqual([sel.status, sel.json.reason], [422, 'Invalid']);
    assert.match(sel.json.message, /^Deployment\.apps "web" is invalid: spec\.selector: Invalid value: .*: field is immutable$/);
    const pod = c.list('Pod').find((p) => p.metadata.labels?.app === 'web')!;
    const url = `/api/v1/namespaces/default/pods/${pod.metadata.name}`;
    const forbidden = await req('PATCH', url, { spec: { restartPolicy: 'Never' } }, merge);
    assert.equal(forbidden.status, 422);
    assert.match(forbidden.json.message, /spec: Forbidden: pod updates may not change fields other than/);
    const image = await req(
      'PATCH',
      url,
      { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      { 'Content-Type': 'application/strategic-merge-patch+json' },
    );
    assert.equal(image.status, 200);
    assert.equal(c.get('Pod', 'default', pod.metadata.name)!.spec.containers[0].image, 'nginx:1.27');
  } finally {
    await srv.close();
  }
});

test('cluster-scoped kinds the simulator does not run are stored without a namespace and read back', async () => {
  const { srv, req } = await setup();
  try {
    const base = '/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas';
    const fs = {
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
      kind: 'FlowSchema',
      metadata: { name: 'learners' },
      spec: { priorityLevelConfiguration: { name: 'global-default' }, matchingPrecedence: 1000 },
    };
    const created = await req('POST', base, fs);
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.metadata.namespace, undefined);
    const got = await req('GET', `${base}/learners`);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.metadata.namespace, undefined);
    assert.deepEqual(
      (await req('GET', base)).json.items.map((o: any) => [o.metadata.namespace, o.metadata.name]),
      [[undefined, 'learners']],
    );
    const csi = await req('POST', '/apis/storage.k8s.io/v1/csinodes', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSINode',
      metadata: { name: 'dorm-node' },
      spec: { drivers: [] },
    });
    assert.equal(csi.status, 201, csi.text);
    assert.equal((await req('GET', '/apis/storage.k8s.io/v1/csinodes/dorm-node')).status, 200);
  } finally {
    await srv.close();
  }
});
