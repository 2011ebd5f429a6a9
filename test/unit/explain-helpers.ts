// Shared by the "Why is it broken?" tests: simulate one manifest, assert where a chain ends, and the
// manifests several tests start from.
import assert from 'node:assert/strict';
import { createCluster, applyFiles } from '../../core/cluster/index';
import { explain, type Explanation } from '../../core/cluster/explain';
import { cronJobYaml } from '../support/workload-yaml';

/** Applies one file to a 2-node campus, runs `until` ms of virtual time and explains it (refusals too). */
export function simulate(text: string, uri = 'file:///w/app.yaml', until = 120_000): Explanation[] {
  const c = createCluster({ nodes: 2, nodeCpu: '4', nodeMemory: '8Gi', seed: 1 });
  const files = [{ uri, text }];
  const applied = applyFiles(c, files);
  assert.deepEqual(applied.errors, []);
  c.advanceTo(until);
  return explain(c, files, { refused: applied.diagnostics });
}

/** The 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `no line with ${needle}`);
  return i + 1;
}

/** Asserts one explanation of `kind`, ending in app.yaml, with every text in both languages; returns it and its last step's `line:column`. */
export function chainOf(all: Explanation[], kind: string): { e: Explanation; at: string } {
  const mine = all.filter((e) => e.subject.kind === kind);
  assert.equal(mine.length, 1, JSON.stringify(all, null, 1));
  const e = mine[0];
  const last = e.steps[e.steps.length - 1];
  assert.equal(last.file, 'file:///w/app.yaml');
  for (const x of [e.symptom, ...e.steps.flatMap((s) => [s.text, s.dorm])]) {
    assert.ok(x.en && x.zh && x.en !== x.zh, JSON.stringify(x));
    assert.doesNotMatch(x.zh, /\{\w+\}/);
  }
  return { e, at: `${last.line}:${last.column}` };
}

/** Asserts one explanation of `kind`, ending at the line of `needle`, with every text in both languages. */
export function endsAt(all: Explanation[], kind: string, text: string, needle: string): Explanation {
  const { e, at } = chainOf(all, kind);
  const line = lineOf(text, needle);
  assert.equal(at, `${line}:${text.split('\n')[line - 1].indexOf(needle.trim()) + 1}`);
  return e;
}

export const deploy = (name: string, labels: string, ctr: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 2
  selector:
    matchLabels:
      ${labels}
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
${ctr}`;

/** A container `web` running `image`, as `deploy` takes it. */
export const ctr = (image: string) => `        - name: web\n          image: ${image}\n`;

/** A Service `web` after a `---`, to append to a manifest. */
export const svc = (selector: string, ports: string) => `---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    ${selector}
  ports:
${ports}`;

/** A CronJob `clean` on `schedule` (line 6). */
export const cronJob = (schedule: string) => cronJobYaml(schedule);
