// The ServiceAccount controller (pkg/controller/serviceaccount): every namespace has a `default`
// ServiceAccount, made when the namespace appears and made again if it is deleted. Pods run as it
// unless they name another (the ServiceAccount admission in ../admission.ts refuses a name that
// does not exist). Tokens are not simulated.
import type { Cluster, Controller } from '../cluster';
import { admitPodServiceAccount } from '../admission';
import type { KObject } from '../store';

export class ServiceAccountController implements Controller {
  readonly name = 'serviceaccount-controller';

  constructor(private c: Cluster) {
    c.setHook('admission:Pod', (p: KObject) => {
      // The admission plugin waits a moment for `default` (the controller makes it as the
      // namespace appears): a namespace and its pods applied together are not refused.
      if ((p.spec?.serviceAccountName || 'default') === 'default') this.sync(p.metadata.namespace ?? 'default');
      admitPodServiceAccount(c, p);
    });
    c.watch(['Namespace'], (ev) => {
      if (ev.type !== 'DELETED') c.enqueue(this, ev.object.metadata.name);
    });
    c.watch(['ServiceAccount'], (ev) => {
      if (ev.type === 'DELETED' && ev.object.metadata.name === 'default') c.enqueue(this, ev.object.metadata.namespace ?? 'default');
    });
  }

  sync(ns: string): void {
    const n = this.c.get('Namespace', undefined, ns);
    if (!n || n.metadata.deletionTimestamp || n.status?.phase === 'Terminating') return;
    if (this.c.get('ServiceAccount', ns, 'default')) return;
    this.c.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  }
}
