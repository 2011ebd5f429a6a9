// The kubelet's image manager: which images each node already holds, and the Pulling / Pulled
// events of a container's image pull under its imagePullPolicy (Always, IfNotPresent, Never).
import type { Cluster } from '../cluster';
import type { CState, PodRuntime } from './kubelet-pod';
import { imagePullError } from '../image-tags';
import { ann } from '../profiles';

const PULL_BACKOFF_INITIAL = 10_000;
const PULL_BACKOFF_MAX = 300_000;

/** How the kubelet schedules and publishes (its timers die with the container's). */
export interface PullHooks {
  later(ms: number, fn: () => void): void;
  write(): void;
  /** Pulls and starts the container again. */
  retry(): void;
}

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

  /** Why `cs`'s image cannot be pulled (a tag or registry that does not exist), or undefined. */
  pullError(r: PodRuntime, cs: CState): string | undefined {
    cs.pullError ??= imagePullError(String(cs.spec?.image ?? ''), ann(r.pod.metadata.annotations, 'image-exists', cs.name)) ?? '';
    return cs.pullError || undefined;
  }

  /**
   * The pull failed (kubelet's image manager): `Failed to pull image`, ErrImagePull, then at the
   * next sync `Back-off pulling image` and ImagePullBackOff until the back-off (10 s doubling to
   * 5 min) ends and the pull is tried again.
   */
  failPull(r: PodRuntime, cs: CState, err: string, h: PullHooks): void {
    const image = String(cs.spec?.image ?? '');
    const pod = r.pod;
    this.c.recordEvent(pod, 'Warning', 'Failed', { container: cs.name, error: err, image }, `Failed to pull image "${image}": ${err}`, 'kubelet');
    this.c.recordEvent(pod, 'Warning', 'Failed', { container: cs.name, error: 'ErrImagePull', image }, 'Error: ErrImagePull', 'kubelet');
    cs.pullingSince = undefined;
    cs.state = 'waiting';
    cs.waitReason = 'ErrImagePull';
    cs.waitMessage = err;
    cs.pullBackoffMs = Math.min(PULL_BACKOFF_MAX, cs.pullBackoffMs ? cs.pullBackoffMs * 2 : PULL_BACKOFF_INITIAL);
    h.write();
    h.later(1000, () => {
      const msg = `Back-off pulling image "${image}"`;
      this.c.recordEvent(pod, 'Normal', 'BackOff', { container: cs.name, image }, msg, 'kubelet');
      this.c.recordEvent(pod, 'Warning', 'Failed', { container: cs.name, error: 'ImagePullBackOff', image }, 'Error: ImagePullBackOff', 'kubelet');
      cs.waitReason = 'ImagePullBackOff';
      cs.waitMessage = msg;
      h.write();
      h.later(Math.max(0, (cs.pullBackoffMs ?? PULL_BACKOFF_INITIAL) - 1000), () => {
        this.c.recordEvent(pod, 'Normal', 'Pulling', { image }, `Pulling image "${image}"`, 'kubelet');
        h.later(cs.b.startMs, () => h.retry());
      });
    });
  }
}
