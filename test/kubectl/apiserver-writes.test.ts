// The API server without kubectl, write side: the four patch types, /scale, server-side apply
// conflicts, strategic merge patch directives, the protobuf envelope kubectl 1.32's typed create
// commands send, updates the API server forbids, and cluster-scoped kinds stored as given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonPatch, mergePatch, strategicMergePatch, PatchError } from '../../core/k8s/patch';
import { decodeProtobufObject } from '../../core/apiserver/protobuf';
import { setup } from './apiserver-setup';

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
