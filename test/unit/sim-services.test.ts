// Services as a cluster runs them (issue 12, items 3–6): EndpointSlices beside Endpoints, cluster
// DNS and where requests go, nodePort allocation refused with Kubernetes' words, and the
// ServiceAccount admission with the `default` ServiceAccount of every namespace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, cluster, deployment, kubectl } from './sim-helpers';
import { applyFiles } from '../../core/cluster/apply';
import { resolveName } from '../../core/cluster/controllers/dns';
import { buildState } from '../../core/panel/view';
import type { Cluster, KObject } from '../../core/cluster/index';
import { asKind } from '../../core/cluster/store';

const svc = (name: string, spec: any): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name } as any, spec });
const slicesOf = (c: Cluster, name: string) =>
  c
    .list('EndpointSlice')
    .flatMap((s) => asKind(s, 'EndpointSlice') ?? [])
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
const sts = (name: string, replicas: number, service = name): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name } as any,
  spec: {
    replicas,
    serviceName: service,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'redis:7', ports: [{ containerPort: 6379 }] }] } },
  },
});

test('EndpointSlices: labels, owner, ports and the ready/serving/terminating conditions, beside Endpoints', () => {
  const c = cluster();
  apply(c, deployment('web', 2, {}, { ports: [{ containerPort: 80 }] }), svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
  c.advance(30_000);
  const [s, ...rest] = slicesOf(c, 'web');
  assert.equal(rest.length, 0);
  assert.equal(s.apiVersion, 'discovery.k8s.io/v1');
  assert.equal(s.addressType, 'IPv4');
  assert.match(s.metadata.name, /^web-[a-z0-9]{5}$/);
  assert.equal(s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
  const service = c.get('Service', 'default', 'web')!;
  assert.deepEqual(s.metadata.ownerReferences, [
    { apiVersion: 'v1', kind: 'Service', name: 'web', uid: service.metadata.uid, controller: true, blockOwnerDeletion: true },
  ]);
  assert.deepEqual(s.ports, [{ name: '', port: 80, protocol: 'TCP' }]);
  assert.equal(s.endpoints!.length, 2);
  for (const e of s.endpoints!) assert.deepEqual(e.conditions, { ready: true, serving: true, terminating: false });
  assert.match(kubectl(c, 'describe svc web'), /^Endpoints: +10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80$/m);

  // A pod being deleted stays in the slice (not ready, still serving, terminating) and leaves Endpoints.
  const victim = c.list('Pod').find((p) => p.metadata.name.startsWith('web-'))!;
  c.delete(victim, { gracePeriodSeconds: 30 });
  c.settle();
  const e = slicesOf(c, 'web')[0].endpoints!.find((x) => x.targetRef?.uid === victim.metadata.uid);
  assert.deepEqual(e?.conditions, { ready: false, serving: true, terminating: true });
  const ep = c.get('Endpoints', 'default', 'web')!;
  assert.ok(!JSON.stringify(ep.subsets).includes(victim.metadata.uid), 'Endpoints drops a terminating pod');
  assert.equal(slicesOf(c, 'web')[0].metadata.name, s.metadata.name, 'the slice is updated in place');

  // The Service goes: its slices go with it (owner reference, garbage collector).
  c.delete(service);
  c.settle();
  assert.deepEqual(slicesOf(c, 'web'), []);
});

test('EndpointSlices: a Service without pods keeps one empty placeholder slice; more than 100 endpoints fill a second slice; kubectl describe shows only ready ones', () => {
  const c = cluster({ nodes: 3, maxPods: 200 });
  apply(c, svc('lonely', { selector: { app: 'nobody' }, ports: [{ port: 80 }] }));
  const [ph, ...more] = slicesOf(c, 'lonely');
  assert.equal(more.length, 0);
  assert.deepEqual([ph.endpoints, ph.ports], [[], []]);
  // kubectl prints an empty Endpoints: line for a placeholder slice (formatEndpointSlices), <none> without slices.
  assert.match(kubectl(c, 'describe svc lonely'), /^Endpoints: *$/m);

  apply(c, deployment('big', 120, {}, { ports: [{ containerPort: 80 }] }), svc('big', { selector: { app: 'big' }, ports: [{ port: 80 }] }));
  c.advance(60_000);
  const slices = slicesOf(c, 'big');
  assert.deepEqual(
    slices.map((s) => s.endpoints!.length).sort((a, b) => a - b),
    [20, 100],
  );
  assert.match(kubectl(c, 'describe svc big'), /^Endpoints: +(10\.244\.\d+\.\d+:80,){2}10\.244\.\d+\.\d+:80 \+ 117 more\.\.\.$/m);
  const names = slices.map((s) => s.metadata.name).sort();
  kubectl(c, 'scale deployment/big --replicas=110');
  c.advance(60_000);
  assert.deepEqual(
    slicesOf(c, 'big')
      .map((s) => s.metadata.name)
      .sort(),
    names,
    'scaling down rewrites the slices it touches, it does not recreate them',
  );
  assert.equal(
    slicesOf(c, 'big').reduce((n, s) => n + s.endpoints!.length, 0),
    110,
  );
});

test('cluster DNS: Service names resolve to the ClusterIP, a headless Service to its ready pods, POD.SERVICE to one pod', () => {
  const c = cluster();
  apply(c, deployment('web', 2, {}, { ports: [{ containerPort: 80 }] }), svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
  apply(c, sts('mysql', 2), svc('mysql', { clusterIP: 'None', selector: { app: 'mysql' }, ports: [{ port: 6379 }] }));
  c.advance(60_000);
  const ip = c.get('Service', 'default', 'web')!.spec.clusterIP;
  for (const n of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local', 'WEB.default.svc.cluster.local.'])
    assert.deepEqual([resolveName(c, n)?.kind, (resolveName(c, n) as any)?.ip], ['service', ip], n);
  assert.equal(resolveName(c, 'web.other'), undefined);
  assert.equal(resolveName(c, 'web', 'kube-system')?.kind, undefined, 'a short name is looked up in the asking pod’s namespace');
  const headless = resolveName(c, 'mysql');
  assert.equal(headless?.kind, 'headless');
  const podIps = ['mysql-0', 'mysql-1'].map((n) => c.get('Pod', 'default', n)!.status.podIP).sort();
  assert.deepEqual((headless as any).records.map((r: any) => r.ip).sort(), podIps);
  const one = resolveName(c, 'mysql-0.mysql');
  assert.deepEqual([one?.kind, (one as any).pod, (one as any).ip], ['pod', 'mysql-0', c.get('Pod', 'default', 'mysql-0')!.status.podIP]);
  assert.equal(resolveName(c, 'mysql-0.mysql.default.svc.cluster.local')?.kind, 'pod');
  assert.equal(resolveName(c, 'mysql-7.mysql'), undefined);

  // The built-in kubectl's request verb takes the names; a headless Service goes straight to pods.
  assert.match(
    kubectl(c, 'request mysql-0.mysql'),
    /mysql-0\.mysql → mysql-0\.mysql\.default\.svc\.cluster\.local → 10\.244[^\n]*\nrequest 1 → mysql-0 \(10\.244\.\d+\.\d+:6379\), straight to the pod: no virtual IP/,
  );
  const viaName = kubectl(c, 'request web.default.svc.cluster.local --count 2');
  assert.match(viaName, new RegExp(`web\\.default\\.svc\\.cluster\\.local → ${ip.replace(/\./g, '\\.')}`));
  assert.equal(new Set([...viaName.matchAll(/→ (web-\S+) /g)].map((m) => m[1])).size, 2, 'round-robin through the virtual IP');
  assert.match(kubectl(c, 'request mysql --count 2'), /headless Service: DNS gives the ready pods themselves, no virtual IP/);
  assert.doesNotMatch(kubectl(c, 'request service/mysql'), /→ mysql-\d \(10\.244\.\d+\.\d+:6379\)\n/, 'never through a virtual IP');
  assert.match(kubectl(c, 'request nothere.default'), /could not resolve host: nothere\.default/);

  // The panel shows each StatefulSet room's own DNS name.
  const view = buildState(c);
  assert.deepEqual(
    view.pods.filter((p) => p.name.startsWith('mysql-')).map((p) => p.dns),
    ['mysql-0.mysql.default.svc.cluster.local', 'mysql-1.mysql.default.svc.cluster.local'],
  );
});

test('NodePorts answer on every node’s IP; a failed node’s side door fails and the others keep working', () => {
  const c = cluster({ nodes: 3 });
  apply(
    c,
    deployment('web', 3, {}, { ports: [{ containerPort: 80 }] }),
    svc('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] }),
  );
  c.advance(30_000);
  const ips = c.list('Node').map((n) => n.status.addresses.find((a: any) => a.type === 'InternalIP').address);
  for (const ip of ips) assert.match(kubectl(c, `request ${ip}:30080`), /^request 1 → web-\S+ \(10\.244\.\d+\.\d+:80\)$/m, ip);
  assert.match(kubectl(c, `request ${ips[0]}:30081`), /connection refused, no Service has node port 30081/);
  kubectl(c, 'fail node node-1');
  assert.match(kubectl(c, `request ${ips[0]}:30080`), /no answer \(connection timed out\), node node-1 is down/);
  c.advance(10 * 60_000); // NotReady, evicted, replaced on the nodes still up
  for (const ip of ips.slice(1)) assert.match(kubectl(c, `request ${ip}:30080 --count 3`), /^(request \d → web-\S+ \(10\.244\.\d+\.\d+:80\)\n){3}$/, ip);
});

test('a nodePort another Service holds is refused with the API server’s words, on create and on update; freed when its Service goes', () => {
  const c = cluster();
  const np = (name: string, nodePort?: number) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n    - port: 80${nodePort ? `\n      nodePort: ${nodePort}` : ''}\n`;
  assert.deepEqual(applyFiles(c, [{ uri: 'a.yaml', text: np('a', 30080) }]).errors, []);
  const r = applyFiles(c, [{ uri: 'b.yaml', text: np('b', 30080) }]);
  assert.deepEqual(r.errors, ['The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated']);
  assert.equal(c.get('Service', 'default', 'b'), undefined);
  assert.deepEqual(applyFiles(c, [{ uri: 'b.yaml', text: np('b') }]).errors, []);
  const taken = c.get('Service', 'default', 'b')!.spec.ports[0].nodePort;
  assert.notEqual(taken, 30080);
  const upd = applyFiles(c, [{ uri: 'b.yaml', text: np('b', 30080) }]);
  assert.deepEqual(upd.errors, ['The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated']);
  assert.equal(c.get('Service', 'default', 'b')!.spec.ports[0].nodePort, taken, 'a refused update changes nothing');
  // (The linter refuses this file first; the API server's own check still holds for objects that skip it.)
  assert.throws(
    () => apply(c, svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })),
    /nodePort: Invalid value: 80: provided port is not in the valid range\. The range of valid ports is 30000-32767/,
  );
  // A ClusterIP Service changed to NodePort gets its node port.
  apply(c, svc('d', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
  apply(c, svc('d', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] }));
  assert.ok(c.get('Service', 'default', 'd')!.spec.ports[0].nodePort >= 30000);
  kubectl(c, 'delete service a');
  assert.deepEqual(applyFiles(c, [{ uri: 'b.yaml', text: np('b', 30080) }]).errors, []);
  assert.equal(c.get('Service', 'default', 'b')!.spec.ports[0].nodePort, 30080);
});

test('ServiceAccounts: `default` in every namespace; a pod naming one that does not exist is refused, and its ReplicaSet says so', () => {
  const c = cluster();
  assert.deepEqual(
    c
      .list('ServiceAccount')
      .map((s) => `${s.metadata.namespace}/${s.metadata.name}`)
      .sort(),
    ['default/default', 'kube-node-lease/default', 'kube-public/default', 'kube-system/default'],
  );
  // A namespace and a pod in it, applied together: the pod runs as `default`.
  const both = applyFiles(c, [
    {
      uri: 'team.yaml',
      text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: team\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n',
    },
  ]);
  assert.deepEqual(both.errors, []);
  assert.equal(c.get('Pod', 'team', 'p')!.spec.serviceAccountName, 'default');
  assert.ok(c.get('ServiceAccount', 'team', 'default'));

  const bare = applyFiles(c, [
    {
      uri: 'p.yaml',
      text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lone\nspec:\n  serviceAccountName: nope\n  containers:\n    - name: c\n      image: nginx:1.27\n',
    },
  ]);
  assert.deepEqual(bare.errors, [
    'Error from server (Forbidden): error when creating: pods "lone" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found',
  ]);
  assert.equal(c.get('Pod', 'default', 'lone'), undefined);

  const d = deployment('web', 2);
  d.spec.template.spec.serviceAccountName = 'nope';
  apply(c, d);
  c.advance(5_000);
  const rs = c.list('ReplicaSet').find((x) => x.metadata.name.startsWith('web-'))!;
  const failed = c.events.filter((e) => e.reason === 'FailedCreate' && e.name === rs.metadata.name);
  assert.ok(failed.length > 1, 'the ReplicaSet controller retries with back-off');
  assert.equal(
    failed[0].message,
    `Error creating: pods "${rs.metadata.name}-" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found`,
  );
  assert.equal(failed[0].type, 'Warning');
  assert.equal(c.list('Pod').filter((p) => p.metadata.name.startsWith('web-')).length, 0);
  // Once the ServiceAccount exists, the next retry creates the pods.
  apply(c, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nope' } });
  c.advance(20 * 60_000);
  assert.equal(c.list('Pod').filter((p) => p.metadata.name.startsWith('web-')).length, 2);
  // A deleted `default` comes back, as the serviceaccount controller makes it again.
  kubectl(c, 'delete serviceaccount default');
  c.settle();
  assert.ok(c.get('ServiceAccount', 'default', 'default'));
});

test('a refused pod puts ReplicaFailure/FailedCreate on its ReplicaSet and on the Deployment; gone once pods are created', () => {
  const c = cluster();
  const d = deployment('web', 2);
  d.spec.template.spec.serviceAccountName = 'nope';
  apply(c, d);
  c.advance(5_000);
  const rs = c.list('ReplicaSet').find((x) => x.metadata.name.startsWith('web-'))!;
  const why = `pods "${rs.metadata.name}-" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found`;
  const cond = (o: KObject) => (o.status?.conditions ?? []).find((x: any) => x.type === 'ReplicaFailure');
  // replica_set_utils.go calculateStatus: reason "FailedCreate", the create error's text as the message.
  assert.deepEqual(
    { ...cond(rs), lastTransitionTime: undefined },
    { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: why, lastTransitionTime: undefined },
  );
  const first = cond(rs).lastTransitionTime;
  const dep = c.get('Deployment', 'default', 'web')!;
  // progress.go getReplicaFailures + ReplicaSetToDeploymentCondition: copied, update time = transition time.
  assert.deepEqual(cond(dep), {
    type: 'ReplicaFailure',
    status: 'True',
    reason: 'FailedCreate',
    message: why,
    lastUpdateTime: first,
    lastTransitionTime: first,
  });
  assert.match(kubectl(c, 'describe deployment web'), /^ {2}ReplicaFailure\s+True\s+FailedCreate$/m);
  assert.match(kubectl(c, `describe rs ${rs.metadata.name}`), /^ {2}ReplicaFailure\s+True\s+FailedCreate$/m);
  // Later retries fail the same way: the condition is kept as it was (not re-stamped).
  c.advance(60_000);
  assert.equal(cond(c.get('ReplicaSet', 'default', rs.metadata.name)!).lastTransitionTime, first);
  apply(c, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nope' } });
  c.advance(20 * 60_000);
  assert.equal(cond(c.get('ReplicaSet', 'default', rs.metadata.name)!), undefined);
  assert.equal(cond(c.get('Deployment', 'default', 'web')!), undefined);
});
