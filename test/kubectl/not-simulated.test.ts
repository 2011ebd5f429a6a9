// "Say what is not simulated" through the real kubectl: `kube-dorm serve` answers a write that uses
// a field the simulator does not model with a `Warning: 299 - "..."` header, as the API server
// does for deprecated fields, and kubectl 1.32 and 1.27 print it on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlBinary, startServe } from './support';

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes: {operator: In, values: [42]}
  template:
    spec:
      activeDeadlineSeconds: 600
      restartPolicy: Never
      containers:
      - name: pi
        image: perl:5.34
        command: ["perl", "-e", "print 1"]
`;

for (const version of ['1.32', '1.27']) {
  test(
    `kubectl ${version} prints the server's warning for a field the simulator does not model`,
    { skip: kubectlBinary(version) ? false : `kubectl.${version} not installed`, timeout: 120_000 },
    async () => {
      const bin = kubectlBinary(version)!;
      const srv = await startServe(['--speed', '1']);
      try {
        const r = await kubectl(bin, srv.kubeconfig, ['apply', '-f', '-'], { input: JOB });
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /job\.batch\/pi created/);
        assert.match(r.stderr, /^Warning: spec\.template\.spec\.activeDeadlineSeconds is not simulated: the pod runs without a deadline$/m);
        // A field the simulator does model gives no warning.
        const plain = await kubectl(bin, srv.kubeconfig, ['create', 'deployment', 'web', '--image=nginx:1.27']);
        assert.equal(plain.code, 0, plain.stderr);
        assert.doesNotMatch(plain.stderr, /not simulated/);
      } finally {
        await srv.stop();
      }
    },
  );
}
