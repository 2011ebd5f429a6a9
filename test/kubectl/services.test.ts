// Services through the real kubectl (1.32 and 1.27) against `kube-dorm serve` (issue 12, items
// 3–6): EndpointSlices listed, read and watched through discovery, `describe svc` showing the ready
// addresses; a headless Service's slices carrying the pods' DNS hostnames; a nodePort already
// allocated refused with the API server's words (exit 1); the `default` ServiceAccount of a new
// namespace; a pod naming a missing ServiceAccount refused (403), and its ReplicaSet's FailedCreate
// event and ReplicaFailure condition, copied to its Deployment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, kubectlUntil, startServe, type Run } from './support';
import { serviceYaml, workloadYaml } from '../support/workload-yaml';

const VERSIONS = ['1.32', '1.27'].filter((v) => kubectlBinary(v));

function ok(r: Run, what: string): string {
  assert.equal(r.code, 0, `${what} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function session(version: string, body: (k: (args: string[], input?: string) => Promise<Run>, bin: string, kubeconfig: string) => Promise<void>) {
  const bin = kubectlBinary(version)!;
  const srv = await startServe(['--speed', '20', '--nodes', '3']);
  try {
    await body((args, input) => kubectl(bin, srv.kubeconfig, args, input === undefined ? {} : { input }), bin, srv.kubeconfig);
  } finally {
    await srv.stop();
  }
}

const WEB = `${workloadYaml({ name: 'web', replicas: 2, image: 'nginx:1.27' })}
          ports:
            - containerPort: 80
---
${serviceYaml({ name: 'web', type: 'NodePort', port: 80, portFields: { nodePort: 30080 } })}
`;

const DB = `${serviceYaml({ name: 'db', clusterIP: 'None', port: 6379 })}
---
${workloadYaml({ kind: 'StatefulSet', name: 'db', serviceName: 'db', replicas: 2, image: 'redis:7' })}
          ports:
            - containerPort: 6379
`;

for (const version of VERSIONS) {
  test(`kubectl ${version}: EndpointSlices are served (list, get, watch) and describe svc shows the ready addresses`, async () => {
    await session(version, async (k, bin, kubeconfig) => {
      ok(await k(['apply', '-f', '-'], WEB + '---\n' + DB), 'apply');
      ok(await k(['rollout', 'status', 'deployment/web', '--timeout=60s']), 'rollout');
      ok(await k(['rollout', 'status', 'statefulset/db', '--timeout=60s']), 'rollout db');
      assert.match(
        ok(await k(['api-resources', '--api-group=discovery.k8s.io']), 'api-resources'),
        /^endpointslices\s+discovery\.k8s\.io\/v1\s+true\s+EndpointSlice$/m,
      );
      const list = JSON.parse(ok(await k(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'json']), 'get'));
      assert.equal(list.items.length, 1);
      const s = list.items[0];
      assert.equal(s.addressType, 'IPv4');
      assert.equal(s.metadata.labels['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
      assert.deepEqual(
        s.metadata.ownerReferences.map((r: any) => `${r.kind}/${r.name}`),
        ['Service/web'],
      );
      assert.deepEqual(s.ports, [{ name: '', port: 80, protocol: 'TCP' }]);
      assert.deepEqual(
        s.endpoints.map((e: any) => e.conditions),
        [
          { ready: true, serving: true, terminating: false },
          { ready: true, serving: true, terminating: false },
        ],
      );
      const got = JSON.parse(ok(await k(['get', 'endpointslice', s.metadata.name, '-o', 'json']), 'get one'));
      assert.equal(got.metadata.uid, s.metadata.uid);
      assert.match(ok(await k(['get', 'endpointslices']), 'table'), /^web-\S+\s+IPv4\s+80\s+10\.244\.\d+\.\d+,10\.244\.\d+\.\d+\s+\S+$/m);
      const ips = s.endpoints.map((e: any) => `${e.addresses[0]}:80`);
      assert.match(ok(await k(['describe', 'svc', 'web']), 'describe'), new RegExp(`^Endpoints:\\s+(${ips.join(',')}|${[...ips].reverse().join(',')})$`, 'm'));

      // Watch: a third pod appears in the slice.
      const watching = kubectlUntil(
        bin,
        kubeconfig,
        ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-w', '-o', 'jsonpath={.endpoints[*].addresses[0]}{"\\n"}'],
        (out) => out.split('\n').some((l) => l.trim().split(/\s+/).length === 3),
      );
      await new Promise((r) => setTimeout(r, 500));
      ok(await k(['scale', 'deployment/web', '--replicas=3']), 'scale');
      await watching;

      // The headless Service: its slice carries each StatefulSet pod's hostname (what DNS answers for db-0.db).
      const db = JSON.parse(ok(await k(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=db', '-o', 'json']), 'get db')).items[0];
      assert.equal(db.metadata.labels['service.kubernetes.io/headless'], '');
      assert.deepEqual(db.endpoints.map((e: any) => e.hostname).sort(), ['db-0', 'db-1']);
      const pod = JSON.parse(ok(await k(['get', 'pod', 'db-0', '-o', 'json']), 'get pod'));
      assert.deepEqual([pod.spec.hostname, pod.spec.subdomain], ['db-0', 'db']);
    });
  });

  test(`kubectl ${version}: a nodePort already allocated is refused (exit 1); ServiceAccounts are admitted as a cluster does`, async () => {
    await session(version, async (k) => {
      ok(await k(['apply', '-f', '-'], WEB), 'apply');
      const again = await k(['create', 'service', 'nodeport', 'other', '--tcp=80:80', '--node-port=30080']);
      assert.equal(again.code, 1, again.stdout + again.stderr);
      // kubectl create service wraps the API server's message: `error: failed to create NodePort service: Service "other" is invalid: ...`.
      assert.match(again.stderr, /: Service "other" is invalid: spec\.ports\[0\]\.nodePort: Invalid value: 30080: provided port is already allocated$/m);
      const applied = await k(['apply', '-f', '-'], WEB.split('---\n')[1].replace('name: web', 'name: web2'));
      assert.equal(applied.code, 1);
      assert.match(applied.stderr, /The Service "web2" is invalid: spec\.ports\[0\]\.nodePort: Invalid value: 30080: provided port is already allocated/);
      assert.equal((await k(['get', 'svc', 'other'])).code, 1, 'nothing was created');

      ok(await k(['create', 'namespace', 'team']), 'create ns');
      assert.match(ok(await k(['get', 'serviceaccounts', '-n', 'team']), 'get sa'), /^default\s+0\s+\S+$/m);
      ok(await k(['patch', 'serviceaccount', 'default', '-n', 'team', '-p', '{"automountServiceAccountToken":false}']), 'patch sa');
      assert.equal(JSON.parse(ok(await k(['get', 'sa', 'default', '-n', 'team', '-o', 'json']), 'get sa json')).automountServiceAccountToken, false);
      const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: lone\nspec:\n  serviceAccountName: nope\n  containers:\n    - name: c\n      image: nginx:1.27\n`;
      const refused = await k(['apply', '-f', '-'], pod);
      assert.equal(refused.code, 1);
      assert.match(
        refused.stderr,
        /Error from server \(Forbidden\): error when creating "STDIN": pods "lone" is forbidden: error looking up service account default\/nope: serviceaccount "nope" not found/,
      );
      const dep = WEB.split('---\n')[0]
        .replace('name: web', 'name: nosa')
        .replace(/app: web/g, 'app: nosa')
        .replace('    spec:\n', '    spec:\n      serviceAccountName: nope\n');
      ok(await k(['apply', '-f', '-'], dep), 'apply deployment');
      await new Promise((r) => setTimeout(r, 1500));
      const events = JSON.parse(ok(await k(['get', 'events', '--field-selector', 'reason=FailedCreate', '-o', 'json']), 'events')).items;
      assert.ok(events.length >= 1, 'a FailedCreate event');
      const e = events[0];
      assert.equal(e.involvedObject.kind, 'ReplicaSet');
      assert.match(
        e.message,
        /^Error creating: pods "nosa-[a-z0-9]+-" is forbidden: error looking up service account default\/nope: serviceaccount "nope" not found$/,
      );
      assert.equal(e.type, 'Warning');
      // The ReplicaSet's ReplicaFailure condition, copied to the Deployment (what `kubectl describe deploy` shows).
      const rs = JSON.parse(ok(await k(['get', 'rs', '-l', 'app=nosa', '-o', 'json']), 'get rs')).items[0];
      const why = `pods "${rs.metadata.name}-" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found`;
      const failure = (o: any) => o.status.conditions.find((x: any) => x.type === 'ReplicaFailure');
      assert.deepEqual([failure(rs).status, failure(rs).reason, failure(rs).message], ['True', 'FailedCreate', why]);
      const d = JSON.parse(ok(await k(['get', 'deploy', 'nosa', '-o', 'json']), 'get deploy'));
      assert.deepEqual([failure(d).status, failure(d).reason, failure(d).message], ['True', 'FailedCreate', why]);
      assert.match(ok(await k(['describe', 'deploy', 'nosa']), 'describe'), /^ {2}ReplicaFailure\s+True\s+FailedCreate\s*$/m);
    });
  });
}
