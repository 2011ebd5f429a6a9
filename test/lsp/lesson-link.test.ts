// Hovers link to the lesson that explains a concept, only when the client offers the command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileUri, startClient, tempDir } from './harness';

const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n';

for (const lessonCommand of ['kubeDorm.openLesson', undefined]) {
  test(`hover on a kind ${lessonCommand ? 'links to its lesson' : 'has no lesson link without the command'}`, async () => {
    const { dir, cleanup } = tempDir();
    const client = await startClient({ folder: dir, initializationOptions: lessonCommand ? { lessonCommand } : {} });
    try {
      const uri = fileUri(path.join(dir, 'd.yaml'));
      const d = client.nextDiagnostics(uri);
      client.open(uri, DEPLOY);
      await d;
      const h: any = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 8 } });
      const md: string = h.contents.value;
      assert.match(md, /head manager/);
      if (lessonCommand) assert.match(md, /\]\(command:kubeDorm\.openLesson\?%5B2%5D\)/);
      else assert.doesNotMatch(md, /command:/);
      // replicas → lesson 1
      const r: any = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 4 } });
      if (lessonCommand) assert.match(r.contents.value, /command:kubeDorm\.openLesson\?%5B1%5D/);
    } finally {
      await client.stop();
      cleanup();
    }
  });
}
