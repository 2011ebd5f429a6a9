// Lessons can ask for kubectl: lesson 1 done with the real kubectl against the lesson's own
// cluster (served in-process), each step checked by the resulting state — `kubectl scale`
// completes the scale-down step, `kubectl delete pod` counts as the command the refill step
// asks for (the server reports each change as a kubectl-style line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { LessonRun, loadAllLessons } from '../../core/lessons/index';
import { KubeApiServer } from '../../core/apiserver/server';
import { makeServingCert } from '../../core/apiserver/tls';
import { kubectl, kubectlBinary } from './support';

const LESSONS = path.resolve(__dirname, '..', '..', 'media', 'lessons');

test(
  'lesson 1 with the real kubectl: apply, delete pod, apply the edited file, kubectl scale',
  { skip: kubectlBinary('1.32') ? false : 'kubectl.1.32 not installed', timeout: 120_000 },
  async () => {
    const bin = kubectlBinary('1.32')!;
    const lesson = loadAllLessons((rel) => readFileSync(path.join(LESSONS, rel), 'utf8')).find((l) => l.def.id === 'pods')!;
    const run = new LessonRun(lesson);
    const actions: string[] = [];
    const server = new KubeApiServer(run.cluster, {
      token: 'lesson-token-0123456789abcdef0123456789',
      tls: await makeServingCert(new Date()),
      onAction: (line) => {
        actions.push(line);
        run.history.push(line);
      },
    });
    await server.listen(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-lesson-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, server.kubeconfig(), { mode: 0o600 });
    const dorm = path.join(dir, 'dorm.yaml');
    const k = async (...args: string[]) => {
      const r = await kubectl(bin, kubeconfig, args);
      assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    try {
      fs.writeFileSync(dorm, run.files.get('dorm.yaml')!);
      assert.equal((await k('apply', '-f', dorm)).trim(), 'deployment.apps/dorm created');
      assert.deepEqual(run.update(), [], 'pods are not running yet');
      run.cluster.advance(15_000);
      assert.deepEqual(run.update(), ['move-in']);

      const pod = (await k('get', 'pods', '-o', 'name')).trim().split('\n')[0];
      // (Virtual time only moves when this test advances it, so kubectl must not wait for the pod to go.)
      await k('delete', pod, '--wait=false');
      assert.ok(actions.includes(`delete pod ${pod.slice(4)}`), actions.join('\n'));
      run.cluster.advance(15_000);
      assert.deepEqual(run.update(), ['refill']);

      const edited = run.files.get('dorm.yaml')!.replace(/replicas: \d+/, 'replicas: 8');
      run.setFile('dorm.yaml', edited);
      fs.writeFileSync(dorm, edited);
      assert.equal((await k('apply', '-f', dorm)).trim(), 'deployment.apps/dorm configured');
      run.cluster.advance(15_000);
      assert.deepEqual(run.update(), ['scale-up']);

      // The scale-down step: checked by the state `kubectl scale` leaves, not by a button.
      assert.equal(run.evaluate(lesson.def.steps.find((s) => s.id === 'scale-down')!.check), false);
      assert.equal((await k('scale', 'deployment/dorm', '--replicas=3')).trim(), 'deployment.apps/dorm scaled');
      assert.ok(actions.includes('scale deployment/dorm --replicas=3'), actions.join('\n'));
      run.cluster.advance(40_000);
      assert.deepEqual(run.update(), ['scale-down']);
      assert.equal(run.complete, true);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
