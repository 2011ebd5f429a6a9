// The kubelet's image manager: which images each node already holds, and the Pulling / Pulled
// events of a container's image pull under its imagePullPolicy (Always, IfNotPresent, Never).
import type { Cluster } from '../cluster';
import type { CState, PodRuntime } from './kubelet-pod';

export class NodeImages {
  private held = new Map<string, Set<string>>();

  constructor(private c: Cluster) {}

  /** Records the pull of `cs`'s image on `r`'s node: `start` when the pull begins (Pulling, unless
   * the image is present and the policy allows reuse), `done` when the container is created (Pulled,
   * or "already present"). */
  pullEvent(r: PodRuntime, cs: CState, phase: 'start' | 'done'): void {
    const image = String(cs.spec?.image ?? '');
    let have = this.held.get(r.node);
    if (!have) this.held.set(r.node, (have = new Set()));
    const always = cs.spec?.imagePullPolicy === 'Always';
    const policyNever = cs.spec?.imagePullPolicy === 'Never';
    if (phase === 'start') {
      if ((always || !have.has(image)) && !policyNever) {
        this.c.recordEvent(r.pod, 'Normal', 'Pulling', { image }, `Pulling image "${image}"`, 'kubelet');
        cs.pullingSince = this.c.now;
      }
      return;
    }
    const since = cs.pullingSince;
    if (since !== undefined) {
      const d = `${((this.c.now - since) / 1000).toFixed(0)}s`;
      this.c.recordEvent(
        r.pod,
        'Normal',
        'Pulled',
        { image, present: false },
        `Successfully pulled image "${image}" in ${d} (${d} including waiting)`,
        'kubelet',
      );
      cs.pullingSince = undefined;
      have.add(image);
    } else if (always && !policyNever) {
      this.c.recordEvent(r.pod, 'Normal', 'Pulling', { image }, `Pulling image "${image}"`, 'kubelet');
      this.c.recordEvent(r.pod, 'Normal', 'Pulled', { image, present: false }, `Successfully pulled image "${image}" in 0s (0s including waiting)`, 'kubelet');
    } else {
      this.c.recordEvent(r.pod, 'Normal', 'Pulled', { image, present: true }, `Container image "${image}" already present on machine`, 'kubelet');
      have.add(image);
    }
  }
}
