// Issue 12, probes, through the real kubectl (1.32 and 1.27) against `kube-dorm serve`: a mysql
// pod without a readiness probe is Ready the instant its container starts (a kubelet does not wait
// for mysql to answer: nothing asks it), while a readiness probe finds mysql's warm-up; every
// failed probe is a `Unhealthy` event, which `kubectl describe pod` shows folded (xN over ...),
// and the threshold-th liveness failure is followed by `Killing`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, kubectlUntil, startServe } from './support';

const pod = (name: string, container: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
    - ${container}
`;
const MYSQL = 'name: db\n      image: mysql:8.4\n      env: [{name: MYSQL_ROOT_PASSWORD, value: change-me}]';
const MANIFEST = [
  pod('plain', MYSQL),
  pod('probed', `${MYSQL}\n      readinessProbe: {tcpSocket: {port: 3306}, periodSeconds: 5}`),
  pod('live', 'name: live\n      image: nginx:1.27\n      livenessProbe: {tcpSocket: {port: 8080}, periodSeconds: 5, failureThreshold: 3}'),
].join('---\n');

/** Seconds from the container's start to the pod's Ready condition, as the API serves them. */
const READY_AFTER = '{.status.containerStatuses[0].state.running.startedAt} {.status.conditions[?(@.type=="Ready")].lastTransitionTime}';
const seconds = (out: string) => {
  const [started, ready] = out.trim().split(' ');
  return (Date.parse(ready) - Date.parse(started)) / 1000;
};

for (const version of ['1.32', '1.27']) {
  const bin = kubectlBinary(version);
  test(
    `kubectl ${version}: Ready without a readiness probe, Unhealthy on every failed probe`,
    { skip: !bin && `kubectl ${version} is not installed` },
    async () => {
      const srv = await startServe(['--speed', '20', '--nodes', '2']);
      const k = (args: string[], input?: string) => kubectl(bin!, srv.kubeconfig, args, { input });
      try {
        const applied = await k(['apply', '-f', '-'], MANIFEST);
        assert.equal(applied.code, 0, applied.stderr);
        await kubectlUntil(bin!, srv.kubeconfig, ['get', 'pods', '-w'], (out) => /^probed\s+1\/1\s+Running/m.test(out));
        const pods = (await k(['get', 'pods'])).stdout;
        assert.match(pods, /^plain +1\/1 +Running +0 +/m);
        assert.equal(seconds((await k(['get', 'pod', 'plain', '-o', `jsonpath=${READY_AFTER}`])).stdout), 0, 'Ready when its container started');
        assert.ok(seconds((await k(['get', 'pod', 'probed', '-o', `jsonpath=${READY_AFTER}`])).stdout) >= 10, 'the readiness probe waits for mysql (10 s)');
        // The warm-up's failures: the probe at the start and the ticks until mysql answers, folded (the ages
        // read <invalid>: at --speed 20 virtual time runs ahead of the wall clock kubectl compares with).
        const probed = (await k(['describe', 'pod', 'probed'])).stdout;
        assert.match(probed, /Warning +Unhealthy +\S+ \(x3 over \S+\) +kubelet +Readiness probe failed: dial tcp [\d.]+:3306: connect: connection refused/);
        assert.doesNotMatch((await k(['describe', 'pod', 'plain'])).stdout, /Unhealthy/);
        await kubectlUntil(bin!, srv.kubeconfig, ['get', 'pod', 'live', '-w'], (out) => /^live\s+\S+\s+\S+\s+[1-9]/m.test(out));
        const live = (await k(['describe', 'pod', 'live'])).stdout;
        const restarts = Number(/Restart Count: +(\d+)/.exec(live)?.[1]);
        const failures = Number(
          /Warning +Unhealthy +\S+ \(x(\d+) over \S+\) +kubelet +Liveness probe failed: dial tcp [\d.]+:8080: connect: connection refused/.exec(live)?.[1],
        );
        assert.ok(restarts >= 1 && failures >= 3 * restarts, `three failures per kill (failureThreshold 3): ${failures} for ${restarts} restart(s)\n${live}`);
        assert.match(live, /Normal +Killing +.* +kubelet +Container live failed liveness probe, will be restarted/);
      } finally {
        await srv.stop();
      }
    },
  );
}
