// The built-in kubectl against the real one: the same commands at the same moments of one cluster
// history (./differential.ts). Commands marked 'same' must print what kubectl 1.32 prints against
// the API server (ages normalised) and exit alike; those marked 'differs' are not there yet and are
// reported with their diff, never skipped silently. kubectl 1.27 runs the same set: reported only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../core/kubectl/commands';
import { diff, normalise, play, twinCluster, type Outcome, type Stage } from './differential';
import { kubectlBinary } from './support';
import { makeServingCert } from '../../core/apiserver/tls';

process.env.TZ = 'UTC';

export const STAGES: Stage[] = [
  {
    title: 'a minute after applying the manifests',
    commands: [
      ['get pods', 'same'],
      ['get pods -o wide', 'same'],
      ['get deployments', 'same'],
      ['get deploy web', 'same'],
      ['get deploy -o wide', 'same'],
      ['get rs', 'same'],
      ['get rs -o wide', 'same'],
      ['get svc', 'same'],
      ['get svc -o wide', 'same'],
      ['get endpoints', 'same'],
      ['get statefulsets', 'same'],
      ['get sts -o wide', 'same'],
      ['get jobs', 'same'],
      ['get jobs -o wide', 'same'],
      ['get configmaps', 'same'],
      ['get secrets', 'same'],
      ['get pvc', 'same'],
      ['get storageclass', 'same'],
      ['get sc -o wide', 'same'],
      ['get sc -o name', 'same'],
      ['get pv', 'same'],
      ['get nodes', 'same'],
      ['get nodes -o wide', 'same'],
      ['get namespaces', 'same'],
      ['get pods -l app=web', 'same'],
      ['get pods -l app=nobody', 'same'],
      ['get pods -A', 'same'],
      ['get deploy,svc', 'same'],
      ['get pods -o name', 'same'],
      ['get deploy,svc -o name', 'same'],
      ['get pods --show-labels', 'same'],
      ['get pods -L app', 'same'],
      ['get all', 'same'],
      ['get deploy web -o yaml', 'same'],
      ['get cm settings -o yaml', 'same'],
      ['get svc web -o json', 'same'],
      ['get pods -o jsonpath={.items[*].metadata.name}', 'same'],
      ['get deploy web -o jsonpath={.spec.replicas}', 'same'],
      ['get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName', 'same'],
      ['get deploy nothere', 'same'],
      ['get widgets', 'same'],
      ['get pods -n kube-system', 'same'],
      ['rollout status deployment/web', 'same'],
      ['rollout history deployment/web', 'same'],
      ['describe pod', 'same'],
      ['describe pod db-0', 'same'],
      ['describe deployment web', 'same'],
      ['describe service web', 'same'],
      ['describe svc db', 'same'],
      ['describe pods -l app=web', 'same'],
      ['describe rs', 'same'],
      ['describe endpoints web', 'same'],
      ['describe endpoints', 'same'],
      ['describe statefulset db', 'same'],
      ['describe daemonset power', 'same'],
      ['describe job pi', 'same'],
      ['describe cronjob sweep', 'same'],
      ['describe node node-1', 'same'],
      ['describe pvc lockers', 'same'],
      ['describe secret creds', 'same'],
      ['describe namespace annex', 'same'],
      ['describe ns default', 'same'],
      ['describe events', 'same'],
      ['describe events web', 'same'],
      ['describe event nothere', 'same'],
      ['logs job/pi', 'same'],
      ['logs deploy/web', 'same'],
      ['logs svc/web --tail=2', 'same'],
      ['logs db-0', 'same'],
      ['logs db-0 -c nope', 'same'],
      ['logs nothere', 'same'],
      ['logs -l app=web --tail=1', 'same'],
      ['version', 'same'],
      ['version --client', 'same'],
      ['api-versions', 'same'],
      ['api-resources', 'same'],
      ['api-resources --namespaced=false -o name', 'same'],
      ['api-resources -o wide', 'same'],
      ['api-resources --namespaced --api-group=apps', 'same'],
      ['config view', 'same'],
      ['config view -n annex', 'same'],
      ['config current-context', 'same'],
      ['config get-contexts', 'same'],
      ['get pods -o yaml', 'same'],
      ['get pods -l app=web -o json', 'same'],
      [`get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}'`, 'same'],
      [`get pods -o jsonpath='{.items[?(@.metadata.labels.app=="db")].metadata.name}'`, 'same'],
      ['get svc web -o jsonpath={.spec.ports[0].port}', 'same'],
      ['get nodes -o name', 'same'],
      ['get deploy -o unknownformat', 'same'],
      ['get all -l app=web', 'same'],
      ['explain deployment.spec.strategy', 'same'],
      ['explain pod.spec.containers.ports --recursive', 'same'],
      ['explain svc', 'same'],
      ['explain deploy.spec.strategy --recursive', 'same'],
      ['explain pods.spec.containers.resources', 'same'],
      ['explain pod.metadata.creationTimestamp', 'same'],
      ['explain cronjob.spec.schedule', 'same'],
      ['explain cm', 'same'],
      ['explain pod.spec.nope', 'same'],
      ['explain widgets', 'same'],
      ['explain svc.spec.ports.targetPort', 'same'],
    ],
  },
  {
    title: 'after a web container crashed three times',
    before: (c) => {
      for (let i = 0; i < 3; i++) {
        runCommand(c, 'crash pods -l app=web --count 1');
        c.advance(40_000);
      }
    },
    commands: [
      ['get events', 'same'],
      ['get events -A', 'same'],
      ['get ev -n kube-system', 'same'],
      ['describe pods -l app=web', 'same'],
      ['get pods', 'same'],
    ],
  },
  {
    title: 'after changes made through kubectl',
    commands: [
      ['label pods -l app=web tier=front', 'same'],
      ['label pods -l app=web tier=front', 'same'],
      ['label pods -l app=nobody x=y', 'same'],
      ['label pods db-0 role=primary', 'same'],
      ['label pods db-0 role-', 'same'],
      ['get pods -L tier,app', 'same'],
      ['label deploy web tier=front', 'same'],
      ['label deploy web tier=back', 'same'],
      ['label deploy web tier=back --overwrite', 'same'],
      ['label deploy web tier=front --overwrite=false', 'same'],
      ['scale deployment web --replicas=3', 'same'],
      ['set image deployment/web nginx=nginx:1.28', 'same'],
      ['create configmap extra --from-literal=a=1', 'same'],
      ['create configmap extra --from-literal=a=1', 'same'],
      ['describe configmap extra', 'same'],
      ['create secret generic creds --from-literal=a=1', 'same'],
      ['create secret generic token --from-literal=t=x', 'same'],
      ['delete configmap extra', 'same'],
      ['delete configmap extra', 'same'],
      ['create deployment shop --image=nginx:1.27 --replicas=2 --port=80', 'same'],
      ['create deployment shop --image=nginx:1.27', 'same'],
      ['get deploy shop -o yaml', 'same'],
      ['create namespace annex2', 'same'],
      ['create ns annex', 'same'],
      ['run solo --image=busybox:1.36', 'same'],
      ['get pod solo -o yaml', 'same'],
      ['expose deployment shop --port=8080 --target-port=80', 'same'],
      ['get svc shop -o yaml', 'same'],
      ['expose deploy web --name=web-side --type=NodePort --port=80', 'same'],
      ['get svc web-side -o yaml', 'same'],
      ['expose deploy nothere --port=80', 'same'],
      ['create service clusterip front --tcp=80:8080', 'same'],
      ['create service nodeport side --tcp=80:8080,443', 'same'],
      ['get svc front side -o yaml', 'same'],
      ['create service clusterip bare', 'same'],
      ['create service bogus x', 'same'],
      ['create job once --image=busybox:1.36 -- echo hi', 'same'],
      ['get job once -o yaml', 'same'],
      ['create job now --from=cronjob/sweep', 'same'],
      ['get job now -o yaml', 'same'],
      ['create job now --from=cronjob/sweep', 'same'],
      ['create job x', 'same'],
      ["create cronjob tidy --image=busybox:1.36 --schedule='*/10 * * * *'", 'same'],
      ['get cj tidy -o yaml', 'same'],
      ['create cronjob tidy2 --image=busybox:1.36 --schedule=*/10 * * * *', 'same'],
      ['create cronjob y --image=busybox', 'same'],
      ['create secret generic pin --from-literal=code=1234', 'same'],
      ['create secret generic pin2 --from-literal=code=1234 --dry-run=client', 'same'],
      ['create configmap c2 --from-literal=a=b --dry-run=client -o yaml', 'same'],
      ['create deployment d2 --image=nginx --dry-run=client -o yaml', 'same'],
      ['create deployment d2 --image=nginx -n annex --dry-run=client -o yaml', 'same'],
      ['create service nodeport s4 --tcp=80 --dry-run=client -o yaml', 'same'],
      ['create job j3 --image=busybox --dry-run=client -o yaml', 'same'],
      ["create cronjob c3 --image=busybox --schedule='0 * * * *' --dry-run=client -o yaml -- date", 'same'],
      ['create job n2 --from=cronjob/sweep --dry-run=client -o yaml', 'same'],
      ['run p2 --image=nginx --dry-run=client -o yaml', 'same'],
      ['run p3 --image=busybox --restart=Never --dry-run=client -o yaml -- sleep 5', 'same'],
      ['expose deploy web --port=81 --name=w2 --dry-run=client -o yaml', 'same'],
      ['expose deploy web --port=81 --name=w2 --dry-run=client', 'same'],
      ['get svc w2', 'same'],
      ['create deployment Bad_Name --image=x', 'same'],
      ['create service clusterip Bad_Svc --tcp=80', 'same'],
      ['run Bad_Pod --image=x', 'same'],
      ['scale deployment web --replicas=-1', 'same'],
      ['get pods --bogus', 'same'],
      ['get pods -z', 'same'],
      ['describe pod db-0 --nope=1', 'same'],
      ['annotate deploy web note=hi', 'same'],
      ['annotate deploy web note=ho', 'same'],
      ['annotate deploy web note=ho --overwrite', 'same'],
      ['annotate pods -l app=db note=db', 'same'],
      ['annotate deploy web note-', 'same'],
      ['auth can-i create pods', 'same'],
      ['auth can-i delete deployments -n annex', 'same'],
      ['top pods', 'same'],
      ['top nodes', 'same'],
      ['top pods -A', 'same'],
      ['top pods --containers', 'same'],
      ['top pods -l app=db --no-headers', 'same'],
      ['top pod db-0 --containers', 'same'],
      ['top pod nothere', 'same'],
      ['top nodes --sort-by=memory', 'same'],
      ['top node node-2', 'same'],
      // The taint and the kubelet's NodeNotSchedulable / NodeSchedulable follow spec.unschedulable, however it was written.
      ['cordon node-3', 'same'],
      ['cordon node-3', 'same'],
      ['get nodes', 'same'],
      ['describe node node-3', 'same'],
      ['describe events node-3', 'same'],
      ['uncordon node-3', 'same'],
      ['describe events node-3', 'same'],
    ],
  },
  {
    title: 'two minutes later',
    before: (c) => c.advance(120_000),
    commands: [
      ['get pods', 'same'],
      ['get deploy web', 'same'],
      ['get rs', 'same'],
      ['rollout status deploy/web', 'same'],
      ['rollout history deploy/web', 'same'],
      ['rollout history deploy/web --revision=1', 'same'],
      ['rollout history deploy/web --revision=2', 'same'],
      ['rollout history deploy/web --revision=9', 'same'],
      ['describe deploy web', 'same'],
      ['describe pods web', 'same'],
      ['describe pod nothere', 'same'],
      ['rollout undo deploy/web', 'same'],
      ['get jobs', 'same'],
      ['get endpoints web', 'same'],
      [`patch deploy web -p '{"spec":{"replicas":3}}'`, 'same'],
      [`patch deploy web -p '{"spec":{"replicas":3}}'`, 'same'],
      [`patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}'`, 'same'],
      [`patch svc web -p '{"spec":{"ports":[{"port":80,"targetPort":8080}]}}'`, 'same'],
      [`patch deploy web --type merge -p '{"metadata":{"labels":{"tier":"x"}}}'`, 'same'],
      [`patch cm settings --type=merge --patch '{"data":{"mode":"slow"}}'`, 'same'],
      [`patch deployment/web --type json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`, 'same'],
      [`patch deploy web --type json -p '[{"op":"remove","path":"/spec/nope"}]'`, 'same'],
      [`patch deploy nothere -p '{}'`, 'same'],
      ['patch deploy web', 'same'],
      [`patch deploy web --type=bogus -p '{}'`, 'same'],
      // Not -o yaml: kubectl's own rollout undo (earlier) leaves `creationTimestamp: null` in the served twin's template.
      ['get deploy web -o jsonpath={.spec.replicas}/{.spec.template.spec.containers[0].image}/{.metadata.labels}', 'same'],
      ['get svc web -o jsonpath={.spec.ports}', 'same'],
      ['get cm settings -o jsonpath={.data.mode}', 'same'],
      ['top pods', 'same'],
      ['top nodes', 'same'],
    ],
  },
  {
    title: 'set env, set resources and set selector',
    commands: [
      ['set env deployment/web FOO=bar', 'same'],
      ['set env deployment/web FOO=bar', 'same'],
      ['set env deployment/web', 'same'],
      ['set env deployment/web -c nope X=1', 'same'],
      ['set env deployment/web --from=secret/creds', 'same'],
      ['set env deployment/web --from=configmap/settings --keys=app.properties --prefix=CFG_', 'same'],
      ['set env deployment/web -e A=1 -e B=x=y', 'same'],
      ['set env deployment/web --list', 'same'],
      ['set env statefulset/db --list', 'same'],
      ['set env deploy web A=2 --overwrite=false', 'same'],
      ['set env deployment/web 1X=1', 'same'],
      ['set env deployment/web A- B-', 'same'],
      ['set env deploy -l app=web Z=1', 'same'],
      ["set env deployment/web -c 'ngi*' W=1", 'same'],
      ['set env pods db-0 X=1', 'same'],
      ['set env deploy/nothere X=1', 'same'],
      ['set env deployment/web --from=secret/nothere', 'same'],
      ['set env deployment/web --from=deploy/web', 'same'],
      ['set env deployment/web --bogus', 'same'],
      ['set resources deployment/web --limits=cpu=200m,memory=512Mi', 'same'],
      ['set resources deployment/web --limits=cpu=200m,memory=512Mi', 'same'],
      ['get deploy web -o jsonpath={.spec.template.spec.containers[0].resources}', 'same'],
      ['set resources deployment/web --requests=cpu=0.1', 'same'],
      ['get deploy web -o jsonpath={.spec.template.spec.containers[0].resources}', 'same'],
      ['set resources deployment/web -c nope --limits=cpu=1', 'same'],
      ['set resources deployment/web', 'same'],
      ['set resources deployment/web --limits=cpu=abc', 'same'],
      ['set resources deployment/web --limits=memory=256Mi --requests=memory=1Gi', 'same'],
      ['set resources statefulset/db --requests=cpu=250m,memory=64Mi', 'same'],
      ['set resources pods db-0 --limits=cpu=1', 'same'],
      ['describe deploy web', 'same'],
      ['set selector service/web app=web', 'same'],
      // The API server's validation, through serve's PATCH and the built-in patch alike.
      [`patch deploy web --type merge -p '{"spec":{"replicas":-1}}'`, 'same'],
      [`patch deploy web --type merge -p '{"spec":{"selector":{"matchLabels":{"app":"x"}}}}'`, 'same'],
      [`patch pod db-0 -p '{"spec":{"containers":[{"name":"pg","env":[{"name":"A","value":"1"}]}]}}'`, 'same'],
      [`patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","bogus":1}]}}}}'`, 'same'],
      // A flag another command takes is still unknown to this one.
      ['get pods --replicas=2', 'same'],
      ['logs db-0 --image=x', 'same'],
      ['scale deploy web --limits=cpu=1', 'same'],
    ],
  },
  {
    title: 'safes for a certificate and a registry login',
    commands: [
      ['create secret tls site --cert=tls.crt --key=tls.key', 'same'],
      ['create secret tls site --cert=tls.crt --key=tls.key', 'same'],
      ['create secret tls site2 --cert=bad.pem --key=tls.key', 'same'],
      ['create secret tls site3 --cert=tls.crt --key=bad.pem', 'same'],
      ['create secret tls site4 --cert=tls.key --key=tls.crt', 'same'],
      ['create secret tls site5 --cert=nofile --key=tls.key', 'same'],
      ['create secret tls site6', 'same'],
      ['create secret tls', 'same'],
      ['describe secret site', 'same'],
      ['create secret docker-registry reg --docker-username=u --docker-password=p --docker-email=e@x.io', 'same'],
      ['create secret docker-registry reg2 --docker-username=u --docker-password=p --docker-server=r.io --dry-run=client -o yaml', 'same'],
      ['create secret docker-registry reg3 --docker-username=u', 'same'],
      ['describe secret reg', 'same'],
      ['get secrets', 'same'],
    ],
  },
];

/** The files the commands name, in the folder both kubectls run in: a real certificate and key, and a file with no PEM in it. */
async function files(): Promise<Record<string, string>> {
  const tls = await makeServingCert(new Date());
  return { 'tls.crt': tls.cert, 'tls.key': tls.key, 'bad.pem': 'no PEM data here\n' };
}

const bin132 = kubectlBinary('1.32');
const bin127 = kubectlBinary('1.27');

function report(title: string, outcomes: Outcome[], show: (o: Outcome) => boolean): string {
  const lines = [`${title}: ${outcomes.filter((o) => o.same).length} of ${outcomes.length} commands print what kubectl prints`];
  for (const o of outcomes.filter(show)) lines.push(`- ${o.command} (${o.stage})\n${diff(o.builtin, o.real)}`);
  return lines.join('\n');
}

test('the built-in kubectl prints what kubectl 1.32 prints against serve', { skip: !bin132 && 'kubectl 1.32 is not installed' }, async () => {
  const outcomes = await play(STAGES, bin132!, await files());
  const regressions = outcomes.filter((o) => o.expect === 'same' && !o.same);
  const known = outcomes.filter((o) => o.expect === 'differs');
  console.log(report('kubectl 1.32', outcomes, (o) => o.expect === 'differs' && !o.same));
  for (const o of known.filter((x) => x.same)) console.log(`now matches, mark it 'same': ${o.command}`);
  assert.ok(outcomes.length >= 60, `at least 60 commands (${outcomes.length})`);
  assert.deepEqual(
    regressions.map((o) => `${o.command} (${o.stage})\n${diff(o.builtin, o.real)}`),
    [],
    'commands marked same must match kubectl 1.32',
  );
});

test('kubectl 1.27 on the same history: differences reported, not failed', { skip: !bin127 && 'kubectl 1.27 is not installed' }, async () => {
  const outcomes = await play(STAGES, bin127!, await files());
  console.log(report('kubectl 1.27', outcomes, (o) => !o.same));
});

test('the history itself: the twins agree before any command', () => {
  // A sanity check of the harness: both twins are built alike, so a difference is the printers'.
  const a = twinCluster();
  const b = twinCluster();
  assert.equal(runCommand(a, 'get pods -o wide').output, runCommand(b, 'get pods -o wide').output);
  assert.match(runCommand(a, 'get pods').output, /^db-0 +1\/1 +Running/m);
});

test('the normaliser: ages become <age>, CPU quantities and the binary name stay comparable', () => {
  assert.equal(
    normalise('web   2/2   5m30s\nEvents:\n  Normal  Pulled  40s (x4 over 2m)  kubelet'),
    'web   2/2   <age>\nEvents:\n  Normal  Pulled  <age> (x4 over <age>)  kubelet',
  );
  assert.equal(normalise('{"cpu":"100m","memory":"64Mi"}'), '{"cpu":"100m","memory":"64Mi"}');
  assert.equal(normalise('Limits:\n    cpu:     100m\n  cpu: 250m'), 'Limits:\n    cpu:     100m\n  cpu: 250m');
  assert.equal(normalise("(e.g. 'kubectl.1.32 get resource/<resource_name>'"), "(e.g. 'kubectl get resource/<resource_name>'");
  // describe secret's data lines come in Go's map order: either order compares equal, other lines keep theirs.
  const secret = (a: string, b: string) => `Type:  kubernetes.io/tls\n\nData\n====\n${a}\n${b}`;
  assert.equal(normalise(secret('tls.key:  227 bytes', 'tls.crt:  1164 bytes')), normalise(secret('tls.crt:  1164 bytes', 'tls.key:  227 bytes')));
  assert.notEqual(normalise('b: 1\na: 2'), normalise('a: 2\nb: 1'));
});
