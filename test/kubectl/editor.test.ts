// "Kube Dorm: Open kubectl Terminal" in a real VS Code (code-server + Chromium, the packaged
// extension, as test/e2e does): simulate the luxury edition in the side panel, open the kubectl
// terminal from the palette, then the real kubectl sees the panel's pods (same names), and a
// `kubectl scale` from outside shows up in the panel; the status bar says the cluster is serving.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LUXURY, findWebviewFrame, openFile, runCommand, useE2E, waitForPods } from '../e2e/support';
import { kubectl, kubectlBinary } from './support';

describe(
  'editor: the kubectl terminal talks to the cluster the side panel shows',
  { skip: kubectlBinary('1.32') ? false : 'kubectl.1.32 not installed' },
  () => {
    const e2e = useE2E({ files: { 'luxury.yaml': LUXURY }, settings: { 'kubeDorm.language': 'en' } });

    it('panel pods are what kubectl lists; kubectl scale appears in the panel', { timeout: 240_000 }, async () => {
      const env = e2e();
      const { page } = env;
      const bin = kubectlBinary('1.32')!;
      await openFile(page, 'luxury.yaml');
      await runCommand(page, 'Kube Dorm: Simulate Manifest');
      const frame = await findWebviewFrame(page, '[data-kind="node"]', 60_000);
      const panelPods = await waitForPods(frame, (ps) => ps.length === 2 && ps.every((p) => p.status === 'Running'));

      await runCommand(page, 'Kube Dorm: Open kubectl Terminal');
      await page
        .locator('.statusbar-item', { hasText: /kubectl → dorm :\d+/ })
        .first()
        .waitFor({ timeout: 60_000 });
      await page.locator('.terminal-wrapper, .xterm').first().waitFor({ timeout: 60_000 });
      const kubeconfig = path.join(env.userDataDir, 'User', 'globalStorage', 'kube-dorm.kube-dorm', 'kubeconfig');
      for (let i = 0; i < 100 && !existsSync(kubeconfig); i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(existsSync(kubeconfig), 'the kubeconfig is written in the extension storage');

      const got = await kubectl(bin, kubeconfig, ['get', 'pods', '-o', 'name']);
      assert.equal(got.code, 0, got.stderr);
      assert.deepEqual(
        got.stdout
          .trim()
          .split('\n')
          .map((l) => l.replace(/^pod\//, ''))
          .sort(),
        panelPods.map((p) => p.name).sort(),
      );

      const scaled = await kubectl(bin, kubeconfig, ['scale', 'deployment', 'nginx-luxury-edition', '--replicas=4']);
      assert.equal(scaled.stdout.trim(), 'deployment.apps/nginx-luxury-edition scaled', scaled.stderr);
      await waitForPods(frame, (ps) => ps.length === 4 && ps.every((p) => p.status === 'Running'), 90_000);
      const after4 = await kubectl(bin, kubeconfig, ['get', 'deployment', 'nginx-luxury-edition']);
      assert.match(after4.stdout, /^nginx-luxury-edition\s+4\/4\s+4\s+4\s+/m);
    });
  },
);
