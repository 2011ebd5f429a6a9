// A served cluster for the remote-cluster tests: the simulated cluster behind the in-process API
// server (over HTTPS, with fault injection), a kubeconfig file for it, and a RemoteCluster reading
// it through the informers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Faults } from '../../core/apiserver/faults';
import { KubeApiServer } from '../../core/apiserver/server';
import { makeServingCert } from '../../core/apiserver/tls';
import { applyFiles, createCluster } from '../../core/cluster/index';
import { connect } from '../../core/remote/connect';
import { RemoteCluster, type RemoteClusterOptions } from '../../core/remote/cluster';
import { WEB_DEPLOYMENT } from '../support/api-request';

export const EPOCH = Date.UTC(2026, 0, 1);

export const WEB_SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

/** Waits until `cond()` holds (polling; the deadline only stops a hung test, it asserts nothing about speed). */
export async function until(cond: () => boolean, what: string, deadlineMs = 20_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function served(extra = '') {
  const c = createCluster({ nodes: 2, epoch: EPOCH });
  applyFiles(c, [{ uri: 'file:///web.yaml', text: WEB_DEPLOYMENT + '---\n' + WEB_SERVICE + extra }]);
  c.advance(20_000);
  const faults = new Faults();
  const token = 'remote-test-token';
  const tls = await makeServingCert(new Date());
  let srv = new KubeApiServer(c, { token, tls, faults });
  const url = await srv.listen(0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-remote-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, srv.kubeconfig(), { mode: 0o600 });
  const open = async (opts: RemoteClusterOptions = {}) => {
    const { client, target } = await connect({ explicit: kubeconfig });
    const rc = new RemoteCluster(client, { backoffBaseMs: 20, backoffCapMs: 200, ...opts });
    rc.start();
    return { rc, target };
  };
  return {
    c,
    faults,
    url,
    kubeconfig,
    dir,
    open,
    get srv() {
      return srv;
    },
    /** Scales the Deployment `web` as a controller would see it, and lets the cluster settle. */
    scale(n: number) {
      const d = c.get('Deployment', 'default', 'web')!;
      d.spec.replicas = n;
      c.update(d, true);
      c.advance(20_000);
    },
    /** Stops the server, and starts it again on the same port (the same cluster). */
    async stop() {
      await srv.close();
    },
    /** `fresh`: a server that started over with another store (its resourceVersions begin again). */
    async restart(fresh?: ReturnType<typeof createCluster>) {
      srv = new KubeApiServer(fresh ?? c, { token, tls, faults });
      await srv.listen(Number(new URL(url).port));
    },
    async close() {
      await srv.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
