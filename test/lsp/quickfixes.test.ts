// Every quick fix the bundled server offers for the deliberately broken examples, over real
// JSON-RPC: request the code actions for each diagnostic, apply the returned WorkspaceEdit as an
// editor would (text edits, created files), send the new text, and wait until the fixed
// diagnostic is gone; then check that no new diagnostic appeared and restore the files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../core/editor/edits';
import { LineIndex } from '../../core/manifest/lines';
import { ROOT, fileUri, startClient, tempDir, type TestClient } from './harness';
import { serviceYaml, workloadYaml } from '../support/workload-yaml';

const EXTRA: Record<string, string> = {
  // A StatefulSet whose Service is not headless, and a Service port targeting an undeclared name.
  'extra-sts.yaml': `${workloadYaml({ kind: 'StatefulSet', name: 'db', serviceName: 'db', replicas: 1, image: 'postgres:16' })}
          ports:
            - name: pg
              containerPort: 5432
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 100m, memory: 128Mi}
---
${serviceYaml({ name: 'db', port: 5432, portFields: { targetPort: 'pgsql' } })}
`,
  // Selector vs labels, a volume mount one letter off, an enum in the wrong case.
  'extra-web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: webb
    spec:
      volumes:
        - name: cache
          emptyDir: {}
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
              protocol: tcp
          volumeMounts:
            - name: cahce
              mountPath: /cache
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 100m, memory: 128Mi}
`,
};

interface Action {
  title: string;
  edit?: { changes?: Record<string, { range: any; newText: string }[]>; documentChanges?: any[] };
}

const sig = (uri: string, d: Diagnostic) => `${path.basename(fileURLToPath(uri))}|${d.code}|${d.message}`;

describe('every quick fix over JSON-RPC clears its diagnostic and adds none', () => {
  let client: TestClient;
  let dir: string;
  let cleanup: () => void;
  const texts = new Map<string, string>();
  const versions = new Map<string, number>();
  const originals = new Map<string, string>();

  const allSigs = () => {
    const s = new Map<string, { uri: string; line: number }>();
    for (const uri of texts.keys()) for (const d of client.current(uri)) s.set(sig(uri, d), { uri, line: d.range.start.line });
    return s;
  };
  /** Lines [from, to) of the new text that differ from the old one (common prefix/suffix removed). */
  const changedLines = (before: string, after: string): [number, number] => {
    const a = before.split('\n');
    const b = after.split('\n');
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    let q = 0;
    while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
    return [p, b.length - q];
  };
  const setText = (uri: string, text: string) => {
    texts.set(uri, text);
    const v = (versions.get(uri) ?? 1) + 1;
    versions.set(uri, v);
    client.change(uri, v, text);
    return v;
  };

  before(async () => {
    ({ dir, cleanup } = tempDir('kd-lsp-fixes-'));
    const broken = path.join(ROOT, 'examples', 'broken');
    const files: Record<string, string> = { ...EXTRA };
    for (const f of readdirSync(broken).filter((f) => f.endsWith('.yaml'))) files[f] = readFileSync(path.join(broken, f), 'utf8');
    for (const [f, t] of Object.entries(files)) writeFileSync(path.join(dir, f), t);
    client = await startClient({ folder: dir, settings: { language: 'en' } });
    for (const [f, t] of Object.entries(files)) {
      const uri = fileUri(path.join(dir, f));
      texts.set(uri, t);
      originals.set(uri, t);
      versions.set(uri, 1);
      const d = client.nextDiagnostics(uri, (_, p) => p.version === 1);
      client.open(uri, t);
      await d;
    }
  });
  after(async () => {
    await client?.stop();
    cleanup?.();
  });

  it('applies each offered fix and re-lints', { timeout: 600_000 }, async (t) => {
    const baseline = allSigs();
    let applied = 0;
    const skipped: string[] = [];
    const fixedCodes = new Set<string>();
    for (const [uri] of originals) {
      for (const d of client.current(uri)) {
        const actions: Action[] = await client.conn.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: d.range,
          context: { diagnostics: [d] },
        });
        for (const a of actions.filter((x) => !/Fix all/.test(x.title))) {
          if (!a.edit) {
            skipped.push(a.title);
            continue;
          }
          const target = sig(uri, d);
          const created: string[] = [];
          const edits = new Map<string, { range: any; newText: string }[]>();
          for (const [u, e] of Object.entries(a.edit.changes ?? {})) edits.set(u, e);
          for (const c of a.edit.documentChanges ?? []) {
            if (c.kind === 'create') created.push(c.uri);
            else if (c.textDocument) edits.set(c.textDocument.uri, [...(edits.get(c.textDocument.uri) ?? []), ...c.edits]);
          }
          // Apply: created files are written and opened; edited files get their new text.
          for (const u of created) {
            const text = applyEdits('', new LineIndex(''), edits.get(u) ?? []);
            writeFileSync(fileURLToPath(u), text);
            texts.set(u, text);
            versions.set(u, 1);
            client.watched([{ uri: u, type: 1 }]);
            client.open(u, text);
            edits.delete(u);
          }
          const touched = new Map<string, [number, number]>();
          for (const [u, e] of edits) {
            const before = texts.get(u);
            assert.ok(before !== undefined, `"${a.title}" edits an unknown file ${u}`);
            const next = applyEdits(before, new LineIndex(before), e);
            touched.set(u, changedLines(before, next));
            setText(u, next);
          }
          await client.waitUntil(`"${a.title}" to clear ${target}`, () => !allSigs().has(target));
          // Nothing new may come from the fixed text itself (the edited lines or a created file).
          // Problems elsewhere that the fix merely unmasks (e.g. fields of a removed API that are
          // now checked) were already in the original manifest.
          const fresh = [...allSigs()].filter(([s, at]) => {
            if (baseline.has(s)) return false;
            if (created.includes(at.uri)) return true;
            const span = touched.get(at.uri);
            return !!span && at.line >= span[0] && at.line < span[1];
          });
          assert.deepEqual(
            fresh.map(([s]) => s),
            [],
            `"${a.title}" introduced new diagnostics in the text it wrote`,
          );
          applied++;
          fixedCodes.add(String(d.code));
          // Restore the workspace and wait until every diagnostic is back.
          for (const u of created) {
            rmSync(fileURLToPath(u));
            client.close(u);
            client.watched([{ uri: u, type: 3 }]);
            texts.delete(u);
          }
          for (const [u] of edits) setText(u, originals.get(u)!);
          if (process.env.KD_QF_TRACE)
            process.stderr.write(`TRACE after ${a.title}: ${[...allSigs().keys()].map((k) => k.split('|').slice(0, 2).join('|')).join(' ')}\n`);
          await client.waitUntil(`restore after "${a.title}"`, () => {
            const now = allSigs();
            return now.size === baseline.size && [...baseline.keys()].every((s) => now.has(s));
          });
        }
      }
    }
    t.diagnostic(`${applied} quick fixes applied and re-linted; codes fixed: ${[...fixedCodes].sort().join(', ')}`);
    assert.deepEqual(skipped, [], 'every action carries an edit');
    for (const code of [
      'schema-unknown-field',
      'api-version-removed',
      'selector-mismatch',
      'restart-policy-invalid',
      'node-port-range',
      'node-port-type',
      'secret-data-not-base64',
      'secret-in-plain-env',
      'secret-key-missing',
      'quantity-invalid',
      'quantity-suspicious',
      'configmap-ref-missing',
      'statefulset-service-missing',
      'statefulset-service-not-headless',
      'volume-mount-missing',
      'name-invalid',
      'schema-enum',
    ]) {
      assert.ok(fixedCodes.has(code), `a quick fix for ${code} was applied`);
    }
  });
});
