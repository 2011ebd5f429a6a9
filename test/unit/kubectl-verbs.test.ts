// The built-in kubectl's verb table (core/kubectl/verbs): every verb in it is dispatched, answers
// `--help` with its usage, and takes the value flags it declares; unknown verbs answer as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand, tokenize, verbHelp, VERBS, type CommandEnv } from '../../core/kubectl/commands';
import { parseArgs, target } from '../../core/kubectl/args';
import { apply, cluster, deployment } from './sim-helpers';

const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
const cronJob = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'nightly' },
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'job', image: 'busybox:1.36' }] } } } },
  },
};
const files: Record<string, string> = { 'settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n' };
const env: CommandEnv = { readFile: (p) => files[p] };

/** A cluster with a ready two-replica Deployment `web`, its Service and a CronJob. */
function world() {
  const c = cluster();
  apply(c, deployment('web', 2), service, cronJob);
  c.advance(60_000);
  return c;
}

/** One working invocation per verb (the earlier lines prepare the last) and what it answers. */
const INVOCATIONS: Record<string, { lines: string[]; expect: RegExp; /** The verb's answer is an error by design. */ error?: boolean }> = {
  get: { lines: ['get deploy web'], expect: /^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +2\/2 +2 +2 +60s\n$/ },
  apply: { lines: ['apply -f settings.yaml'], expect: /^configmap\/settings created\n$/ },
  create: { lines: ['create configmap cfg --from-literal a=1 --from-literal=b=2'], expect: /^configmap\/cfg created\n$/ },
  describe: {
    lines: ['describe deploy web'],
    expect:
      /^Name:                   web\nNamespace:              default\n(.*\n)*Replicas:               2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable\n(.*\n)*Events:\n  Type    Reason             Age   From                   Message\n/,
  },
  delete: { lines: ['delete svc web'], expect: /^service "web" deleted\n$/ },
  scale: { lines: ['scale deployment.apps/web --replicas 3'], expect: /^deployment\.apps\/web scaled\n$/ },
  set: { lines: ['set image deploy/web web=nginx:1.28'], expect: /^deployment\.apps\/web image updated\n$/ },
  patch: {
    lines: [`patch deploy web -p '{"spec":{"replicas":3}}'`, `patch deploy web -p '{"spec":{"replicas":3}}'`],
    expect: /^deployment\.apps\/web patched \(no change\)\n$/,
  },
  rollout: { lines: ['set image deploy/web web=nginx:1.28', 'rollout undo deploy/web --to-revision 1'], expect: /^deployment\.apps\/web rolled back\n$/ },
  cordon: { lines: ['cordon node-1'], expect: /^node\/node-1 cordoned\n$/ },
  uncordon: { lines: ['cordon node-1', 'uncordon node/node-1'], expect: /^node\/node-1 uncordoned\n$/ },
  drain: { lines: ['drain node-1 --ignore-daemonsets'], expect: /^node\/node-1 cordoned\n(.*\n)*node\/node-1 drained\n$/ },
  label: { lines: ['label pods -l app=web tier=front'], expect: /^pod\/web-\S+ labeled\npod\/web-\S+ labeled\n$/ },
  annotate: { lines: ['annotate deploy/web note=hi'], expect: /^deployment\.apps\/web annotated\n$/ },
  explain: { lines: ['explain deploy.spec.replicas'], expect: /^GROUP: +apps\nKIND: +Deployment\nVERSION: +v1\n\nFIELD: replicas <integer>\n/ },
  run: { lines: ['run solo --image=busybox:1.36'], expect: /^pod\/solo created\n$/ },
  expose: { lines: ['expose deploy web --name=web2 --port=8080 --target-port=80'], expect: /^service\/web2 exposed\n$/ },
  auth: { lines: ['auth can-i create pods'], expect: /^yes\n$/ },
  top: { lines: ['top pods'], expect: /^NAME +CPU\(cores\) +MEMORY\(bytes\) +\nweb-\S+ +\d+m +\d+Mi +\n/ },
  logs: {
    lines: ['request service/web --count 1', 'logs deploy/web --tail 1'],
    expect: /^Found 2 pods, using pod\/web-\S+\n(10\.244\.0\.1 - - \[.*\] "GET \/ HTTP\/1\.1" 200 615 .*\n|.*start worker processes\n)$/,
  },
  'api-resources': {
    lines: ['api-resources --api-group=apps -o name'],
    expect: /^controllerrevisions\.apps\ndaemonsets\.apps\ndeployments\.apps\nreplicasets\.apps\nstatefulsets\.apps\n$/,
  },
  'api-versions': { lines: ['api-versions'], expect: /^admissionregistration\.k8s\.io\/v1\n(.*\n)*apps\/v1\n(.*\n)*v1\n$/ },
  config: { lines: ['config current-context'], expect: /^kube-dorm\n$/ },
  version: { lines: ['version'], expect: /^Client Version: v1\.32\.0\nKustomize Version: v5\.5\.0\nServer Version: v1\.32\.0\n$/ },
  taint: { lines: ['taint nodes node-1 gpu=yes:NoSchedule'], expect: /^node\/node-1 tainted\n$/ },
  crash: { lines: ['crash pod -l app=web --count 1 --exit-code 3'], expect: /^pod\/web-\S+: container web exited with code 3 \(Error\)\n$/ },
  oom: { lines: ['oom pod -l app=web --count 1'], expect: /^pod\/web-\S+: container web exited with code 137 \(OOMKilled\)\n$/ },
  fail: { lines: ['fail node node-2'], expect: /^node\/node-2 failed: / },
  recover: { lines: ['fail node node-2', 'recover node node-2'], expect: /^node\/node-2 recovered\n$/ },
  add: { lines: ['add node extra --cpu 8 --memory 16Gi'], expect: /^node\/extra added\n$/ },
  fill: {
    lines: ['fill node node-1 --disk 85Gi --pids 100'],
    expect: /^node\/node-1: outside its pods, 85Gi of its disk and 100 process IDs are now in use\n$/,
  },
  request: { lines: ['request service/web --count 2'], expect: /^request 1 → web-\S+ \([\d.]+:80\)\nrequest 2 → web-\S+ \([\d.]+:80\)\n$/ },
  canary: { lines: ['canary deployment/web --image nginx:1.28 --replicas 2'], expect: /^deployment\.apps\/web-canary created\n$/ },
  advance: { lines: ['advance 30s'], expect: /^advanced 30s \(simulated time is now 90s\)\n$/ },
  wait: { lines: ['wait 1m'], expect: /^advanced 1m \(simulated time is now 120s\)\n$/ },
  sleep: { lines: ['kubectl sleep 5s'], expect: /^advanced 5s \(simulated time is now 65s\)\n$/ },
};

/** The verbs that need a running container: one sentence saying why not and what to use instead. */
const NO_CONTAINER: Record<string, { line: string; en: RegExp; zh: RegExp }> = {
  exec: {
    line: 'exec deploy/web -- ls',
    en: /^kubectl exec: the simulated cluster runs no real containers.*`request service\/NAME`/,
    zh: /^kubectl exec：模拟集群不运行真实容器/,
  },
  attach: { line: 'attach web', en: /^kubectl attach: the simulated cluster runs no real containers.*`logs POD`/, zh: /^kubectl attach：/ },
  cp: { line: 'cp web:/etc/x ./x', en: /^kubectl cp: .*ConfigMap or Secret/, zh: /^kubectl cp：/ },
  'port-forward': { line: 'port-forward svc/web 8080:80', en: /^kubectl port-forward: .*`request service\/NAME`/, zh: /^kubectl port-forward：/ },
};

test('every verb in the table has a working invocation here (a new verb needs one)', () => {
  assert.deepEqual([...Object.keys(INVOCATIONS), ...Object.keys(NO_CONTAINER)].sort(), Object.keys(VERBS).sort());
});

test("set selector, canary and request: what the side panel's Set-selector, Canary and Request controls run", () => {
  const c = world();
  const run = (line: string) => runCommand(c, line, env);
  assert.equal(run('canary deployment/web --image nginx:1.28').output, 'deployment.apps/web-canary created\n');
  c.advance(30_000);
  const canaries = c.list('Pod').filter((p) => p.metadata.labels?.track === 'canary');
  assert.equal(canaries.length, 1);
  assert.equal(canaries[0].spec.containers[0].image, 'nginx:1.28');
  assert.equal(canaries[0].metadata.labels?.app, 'web', 'the canary keeps the app label, so the Service selects it');
  assert.equal(run('canary deploy/web --replicas=3').output, 'deployment.apps/web-canary scaled\n');
  assert.equal(c.get('Deployment', 'default', 'web-canary')?.spec.replicas, 3);
  assert.equal(run('set selector service/web app=web,track=canary').output, 'service/web selector updated\n');
  assert.deepEqual(c.get('Service', 'default', 'web')?.spec.selector, { app: 'web', track: 'canary' });
  c.advance(30_000);
  const r = run('request service/web --count 4');
  const canaryPods = new Set(
    c
      .list('Pod')
      .filter((p) => p.metadata.labels?.track === 'canary')
      .map((p) => p.metadata.name),
  );
  assert.equal(r.answered?.length, 4);
  assert.ok(
    r.answered.every((p) => p.namespace === 'default' && canaryPods.has(p.name)),
    JSON.stringify(r.answered),
  );
  for (const [line, message] of [
    ['set selector service/web', /a selector needs at least one label/],
    ['set selector service/web app', /invalid selector "app"/],
    ['set selector deploy/web app=web', /Services only/],
    ['set selector service/nope app=web', /services "nope" not found/],
    ['canary deployment/nope', /deployments\.apps "nope" not found/],
    ['canary service/web', /canary deployment\/NAME/],
  ] as const) {
    const bad = run(line);
    assert.equal(bad.error, true, line);
    assert.match(bad.output, message, line);
  }
  assert.equal(run('request service/web').answered?.length, 1);
  run('set selector service/web app=nobody');
  c.advance(5_000);
  assert.deepEqual(run('request service/web --count 2').answered, [], 'no endpoint: no room answered');
  // A room that refuses the request (nothing listens on the targetPort) did not answer it: the panel must not light it up.
  assert.ok(!run('create service clusterip deaf --tcp=80:8081').error);
  run('set selector service/deaf app=web');
  c.advance(5_000);
  const refused = run('request service/deaf --count 3');
  assert.match(refused.output, /refused/);
  assert.deepEqual(refused.answered, [], 'a refused request lights up no room');
});

for (const [verb, { line, en, zh }] of Object.entries(NO_CONTAINER)) {
  test(`${verb}: answers why it cannot run here and what to use instead, in both languages`, () => {
    const c = world();
    for (const [locale, re] of [
      ['en', en],
      ['zh-cn', zh],
    ] as const) {
      const r = runCommand(c, line, { locale });
      assert.equal(r.error, true, line);
      assert.match(r.output, re);
      assert.equal(r.output.trim().split('\n').length, 1, 'one sentence');
      assert.doesNotMatch(r.output, /unknown command/);
    }
  });
}

for (const [verb, { lines, expect, error }] of Object.entries(INVOCATIONS)) {
  test(`${verb}: dispatched to its handler`, () => {
    const c = world();
    const results = lines.map((line) => runCommand(c, line, env));
    for (const [i, r] of results.entries()) assert.equal(r.error, !!error && i === lines.length - 1, `${lines[i]} → ${r.output}`);
    assert.match(results.at(-1)!.output, expect);
  });
}

test('VERB --help prints the usage from the table, in any locale and after kubectl', () => {
  const c = world();
  for (const [name, verb] of Object.entries(VERBS)) {
    for (const line of [`${name} --help`, `kubectl ${name} --help`]) {
      for (const locale of ['en', 'zh-cn'] as const) {
        const r = runCommand(c, line, { locale });
        assert.deepEqual(r, { output: verbHelp(verb), error: false }, line);
      }
    }
    assert.ok(verb.summary, name);
    assert.ok(
      verb.usage.some((u) => new RegExp(`\\b${name}\\b`).test(u)),
      `${name}: its usage names it`,
    );
  }
  assert.equal(
    runCommand(c, 'get --help').output,
    'Display one or many resources.\n\nUsage:\n  get TYPE[,TYPE] [NAME] [-l SEL] [-n NS | -A] [-o wide|json|yaml|name|jsonpath=…|custom-columns=…] [-L KEY] [--show-labels]\n',
  );
  assert.equal(c.list('Deployment').length, 1, 'help changes nothing');
});

test('an unknown verb answers "unknown command" with the whole line, as before the table', () => {
  const c = world();
  for (const [line, locale, out] of [
    ['foo bar', 'en', 'unknown command: foo bar\n'],
    ['  kubectl frobnicate -n x  ', 'en', 'unknown command: kubectl frobnicate -n x\n'],
    ['foo bar', 'zh-cn', '未知命令：foo bar\n'],
    ['help', 'en', 'unknown command: help\n'],
    ['foo --help', 'en', 'unknown command: foo --help\n'],
    ['constructor', 'en', 'unknown command: constructor\n'],
    ['toString x', 'en', 'unknown command: toString x\n'],
    ['add pod x', 'en', 'unknown command: add pod x\n'],
  ] as const) {
    assert.deepEqual(runCommand(c, line, { locale }), { output: out, error: true }, line);
  }
  for (const line of ['', '   ', 'kubectl', '# a comment']) assert.deepEqual(runCommand(c, line), { output: '', error: false }, JSON.stringify(line));
});

test('arguments: shell-like words, value flags, TYPE/NAME resolution', () => {
  assert.deepEqual(tokenize(`label pod "a b" x='1 2' c\\ d "e\\"f" # comment`), ['label', 'pod', 'a b', 'x=1 2', 'c d', 'e"f']);
  assert.deepEqual(tokenize(`get pods#x`), ['get', 'pods#x']);
  const a = parseArgs(
    ['x', '-n', 'ns1', '--count', '3', '--force', '--from-literal', 'a=1', '--from-literal=b=2', '--replicas=4', 'y'],
    new Set(['n', 'count', 'from-literal']),
  );
  assert.deepEqual(a.pos, ['x', 'y']);
  assert.deepEqual(
    [...a.flags],
    [
      ['n', 'ns1'],
      ['count', '3'],
      ['force', true],
      ['from-literal', 'a=1\u0000b=2'],
      ['replicas', '4'],
    ],
  );
  assert.deepEqual(parseArgs(['--count'], new Set(['count'])).flags.get('count'), true, 'a value flag at the end has no value');
  const at = (...pos: string[]) => target({ pos, flags: new Map() });
  assert.deepEqual(at('deployment.apps/web', 'next'), { kind: 'Deployment', name: 'web', next: 1 });
  assert.deepEqual(at('svc', 'web', 'next'), { kind: 'Service', name: 'web', next: 2 });
  assert.deepEqual(at('widgets/w'), { kind: undefined, name: 'w', next: 1 });
  assert.deepEqual(at(), { next: 0 });
});

test('a flag no verb knows is refused as kubectl refuses it, before the verb runs', () => {
  const c = cluster();
  const long = runCommand(c, 'get pods --bogus');
  assert.equal(long.error, true);
  assert.equal(long.output, "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n");
  assert.equal(runCommand(c, 'get pods -z').output, "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n");
  // Words after `--` belong to the container's command.
  assert.equal(runCommand(c, 'run solo --image=busybox:1.36 -- sleep --bogus').output, 'pod/solo created\n');
});
