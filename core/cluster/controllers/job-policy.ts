// A Job's podFailurePolicy (pkg/controller/job/pod_failure_policy.go, Kubernetes 1.29): the first
// rule a failed pod matches decides — FailJob fails the Job, FailIndex fails the pod's index
// (backoffLimitPerIndex), Ignore does not count the failure against backoffLimit, Count counts it
// (as without a policy). onExitCodes looks at the non-zero
// exit codes of terminated containers (main, then init), onPodConditions at the pod's conditions.
import type {
  ContainerStatus,
  PodCondition,
  PodFailurePolicy,
  PodFailurePolicyOnExitCodesRequirement,
  PodFailurePolicyOnPodConditionsPattern,
  PodFailurePolicyRule,
} from '../../k8s/types';
import type { KObject } from '../store';

export interface PolicyMatch {
  /** Counts against backoffLimit. */
  count: boolean;
  /** The Job's failure message when a FailJob rule matched. */
  failJob?: string;
  /** A FailIndex rule matched: the pod's index fails for good (with backoffLimitPerIndex). */
  failIndex?: boolean;
}

function matchExitCodes(statuses: ContainerStatus[] | undefined, req: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  for (const cs of Array.isArray(statuses) ? statuses : []) {
    const t = cs?.state?.terminated;
    if (!t || t.exitCode === 0) continue;
    if (req.containerName !== undefined && req.containerName !== null && req.containerName !== cs.name) continue;
    const values: unknown[] = Array.isArray(req.values) ? req.values : [];
    const inValues = values.includes(t.exitCode);
    if ((req.operator === 'In' && inValues) || (req.operator === 'NotIn' && !inValues)) return cs;
  }
  return undefined;
}

/** How `pod` (Failed) counts under `policy`. */
/** `policy` as a decoded manifest gives it: a rule may be missing or null. */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: KObject): PolicyMatch {
  const rules: (PodFailurePolicyRule | null | undefined)[] = Array.isArray(policy?.rules) ? policy.rules : [];
  const where = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
  for (const [index, rule] of rules.entries()) {
    let failMsg: string | undefined;
    if (rule?.onExitCodes) {
      const cs = matchExitCodes(pod.status?.containerStatuses, rule.onExitCodes) ?? matchExitCodes(pod.status?.initContainerStatuses, rule.onExitCodes);
      if (!cs) continue;
      failMsg = `Container ${cs.name} for pod ${where} failed with exit code ${cs.state?.terminated?.exitCode} matching ${rule.action} rule at index ${index}`;
    } else if (Array.isArray(rule?.onPodConditions)) {
      const patterns = rule.onPodConditions;
      const cond = (pod.status?.conditions ?? []).find((c: PodCondition) =>
        patterns.some((p: PodFailurePolicyOnPodConditionsPattern | null | undefined) => p?.type === c.type && (p?.status ?? 'True') === c.status),
      );
      if (!cond) continue;
      failMsg = `Pod ${where} has condition ${cond.type} matching ${rule.action} rule at index ${index}`;
    } else continue;
    if (rule.action === 'Ignore') return { count: false };
    if (rule.action === 'FailJob') return { count: true, failJob: failMsg };
    if (rule.action === 'FailIndex') return { count: true, failIndex: true };
    return { count: true };
  }
  return { count: true };
}
