// Native sidecars (init containers with restartPolicy: Always, Kubernetes 1.29+): when the main
// containers of a pod that does not restart them (a Job's) have finished, the kubelet stops the
// sidecars, so the pod completes.
import type { Cluster } from '../cluster';
import { cancelContainerTimers, containerID, type PodRuntime } from './kubelet-pod';

/** Stops the running sidecars of `r`, last first; returns whether any state changed. */
export function stopSidecars(c: Cluster, r: PodRuntime): boolean {
  let changed = false;
  for (const cs of [...r.inits].reverse()) {
    if (!cs.sidecar || cs.state === 'terminated') continue;
    cancelContainerTimers(cs);
    if (cs.state === 'running') c.recordEvent(r.pod, 'Normal', 'Killing', { container: cs.name, liveness: false }, `Stopping container ${cs.name}`, 'kubelet');
    // A process that ignores SIGTERM (a shell) is killed at the end of the grace period.
    const killed = cs.b.stopMs === null;
    cs.state = 'terminated';
    cs.ready = false;
    cs.done = true;
    cs.terminated = {
      exitCode: killed ? 137 : 0,
      reason: killed ? 'Error' : 'Completed',
      startedAt: c.iso(cs.startedAt),
      finishedAt: c.iso(),
      containerID: containerID(r, cs),
    };
    changed = true;
  }
  return changed;
}
