// `kube-dorm simulate --script`: a line kubectl would fail (NotFound, AlreadyExists, an unknown
// resource type) prints kubectl's error and the script goes on, as a shell script without `set -e`
// would; the exit code stays 0 (it reports the manifests, not the script's commands).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runSimulate } from '../../cli/simulate';

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => (text += String(d)));
  return { stream, text: () => text };
}

test('simulate --script: a failing line prints its error and the next lines still run', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-script-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'web.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: nginx, image: "nginx:1.27"}]}\n',
    );
    const script = path.join(dir, 'run.script');
    fs.writeFileSync(
      script,
      [
        '@10s kubectl get deploy nothere',
        '@11s kubectl get widgets',
        '@12s kubectl create deployment web --image=nginx:1.27',
        '@13s kubectl scale deploy web --replicas=3',
      ].join('\n') + '\n',
    );
    const out = sink();
    const err = sink();
    const code = runSimulate([path.join(dir, 'web.yaml'), '--script', script, '--until', '20s'], { stdout: out.stream, stderr: err.stream });
    const text = out.text();
    assert.match(text, /Error from server \(NotFound\): deployments\.apps "nothere" not found/);
    assert.match(text, /error: the server doesn't have a resource type "widgets"/);
    assert.match(text, /error: failed to create deployment: deployments\.apps "web" already exists/);
    assert.match(text, /deployment\.apps\/web scaled/, 'the line after the failures ran');
    assert.equal(code, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
