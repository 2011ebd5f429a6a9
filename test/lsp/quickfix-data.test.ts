// Quick-fix data an editor sends back in a codeAction request may be anything: over real JSON-RPC,
// malformed data is answered without an error, the fixes come from the server's own lint results
// (never from what the editor sent), and a diagnostic the server never published gets no fix.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { dataOf, isRuleCode } from '../../core/rules/fix-data';
import type { KDiagnostic } from '../../core/manifest/types';
import { fileUri, startClient, tempDir, type TestClient } from './harness';
import { workloadYaml } from '../support/workload-yaml';

const TEXT = `${workloadYaml({ name: 'web', replicas: 2, replicasKey: 'replica', image: 'nginx:1.27' })}
          ports:
            - containerPort: 80
              protocol: tcp
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 100m, memory: 128Mi}
`;

const MALFORMED: unknown[] = [null, 'garbage', 42, [1, 2], {}, { suggestion: { to: 'replicas' } }, { field: 7, path: [], type: null, suggestion: ['TCP'] }];

describe('quick-fix data sent back over JSON-RPC', () => {
  let client: TestClient;
  let cleanup: () => void;
  let uri: string;
  let diags: Diagnostic[];

  before(async () => {
    const t = tempDir('kd-lsp-fixdata-');
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'web.yaml');
    writeFileSync(file, TEXT);
    client = await startClient({ folder: t.dir, settings: { language: 'en' } });
    uri = fileUri(file);
    const published = client.nextDiagnostics(uri, (d) => d.length > 0);
    client.open(uri, TEXT);
    diags = await published;
  });
  after(async () => {
    await client?.stop();
    cleanup?.();
  });

  const actions = (d: Diagnostic): Promise<CodeAction[]> =>
    client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });

  it('malformed data gives no error, and the fixes of the server\u2019s own diagnostics', async () => {
    const codes = diags.map((d) => d.code);
    assert.ok(codes.includes('schema-unknown-field') && codes.includes('schema-enum'), codes.join(', '));
    for (const d of diags) {
      const expected = await actions(d);
      assert.ok(expected.length > 0, `no fix for ${d.code}`);
      for (const data of MALFORMED) {
        assert.deepEqual(await actions({ ...d, data }), expected, `${d.code} with data ${JSON.stringify(data)}`);
      }
      // What the server sends with its fixes is well formed.
      for (const a of expected) {
        for (const x of a.diagnostics ?? []) {
          const code = String(x.code);
          if (isRuleCode(code)) assert.ok(dataOf(x as unknown as KDiagnostic, code), `${code}: ${JSON.stringify(x.data)}`);
        }
      }
    }
  });

  it('a diagnostic the server never published gets no fix, whatever its data', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } };
    for (const data of [...MALFORMED, { field: 'apiVersion', path: 'apiVersion', type: 'Deployment', suggestion: 'kind' }]) {
      const made: Diagnostic = { range, code: 'schema-unknown-field', source: 'kube-dorm', message: 'made up', data };
      assert.deepEqual(await actions(made), []);
    }
  });
});
