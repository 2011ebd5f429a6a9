// What the API server fills in when an object is created (pkg/apis/{apps,batch,core}/v1/defaults.go).
import { parseQuantity } from '../k8s/quantity';
import { asArray, ensureObj, isObj } from '../k8s/guards';

export function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0];
  const last = noDigest.split('/').pop() ?? '';
  const i = last.indexOf(':');
  return i >= 0 ? last.slice(i + 1) : undefined;
}

function defaultContainer(c: unknown): void {
  if (!isObj(c)) return;
  if (typeof c.image === 'string' && !c.imagePullPolicy) {
    const tag = imageTag(c.image);
    c.imagePullPolicy = !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
  // Requests default to limits when only limits are set.
  if (isObj(c.resources) && isObj(c.resources.limits)) {
    const requests = ensureObj(c.resources, 'requests');
    for (const [k, v] of Object.entries(c.resources.limits)) if (!(k in requests)) requests[k] = v;
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = c[probe];
    if (!isObj(p)) continue;
    p.timeoutSeconds ??= 1;
    p.periodSeconds ??= 10;
    p.successThreshold ??= 1;
    p.failureThreshold ??= 3;
  }
}

function defaultPodSpec(spec: unknown): void {
  if (!isObj(spec)) return;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  for (const g of ['initContainers', 'containers']) if (Array.isArray(spec[g])) spec[g].forEach(defaultContainer);
}

function defaultTemplate(t: unknown): void {
  if (!isObj(t)) return;
  if (!isObj(t.metadata)) t.metadata = {};
  if (!isObj(t.spec)) t.spec = {};
  defaultPodSpec(t.spec);
}

/** Fills defaults in place for the kinds the simulator runs. */
export function applyDefaults(obj: { kind: string; spec?: unknown; [k: string]: unknown }): void {
  if (obj.kind === 'Secret') {
    // SetDefaults_Secret: a Secret without a type is Opaque.
    obj.type ??= 'Opaque';
    return;
  }
  if (
    !isObj(obj.spec) &&
    ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'Pod', 'PersistentVolumeClaim'].includes(obj.kind)
  )
    obj.spec = {};
  const s = obj.spec;
  if (!isObj(s)) return;
  switch (obj.kind) {
    case 'Pod':
      defaultPodSpec(s);
      break;
    case 'Deployment': {
      s.replicas ??= 1;
      const strategy = ensureObj(s, 'strategy');
      strategy.type ??= 'RollingUpdate';
      if (strategy.type === 'RollingUpdate') {
        const ru = ensureObj(strategy, 'rollingUpdate');
        ru.maxSurge ??= '25%';
        ru.maxUnavailable ??= '25%';
      }
      s.revisionHistoryLimit ??= 10;
      s.progressDeadlineSeconds ??= 600;
      defaultTemplate(s.template);
      break;
    }
    case 'ReplicaSet':
      s.replicas ??= 1;
      defaultTemplate(s.template);
      break;
    case 'StatefulSet': {
      s.replicas ??= 1;
      s.podManagementPolicy ??= 'OrderedReady';
      const us = ensureObj(s, 'updateStrategy');
      us.type ??= 'RollingUpdate';
      if (us.type === 'RollingUpdate') ensureObj(us, 'rollingUpdate').partition ??= 0;
      s.revisionHistoryLimit ??= 10;
      defaultTemplate(s.template);
      break;
    }
    case 'DaemonSet': {
      const us = ensureObj(s, 'updateStrategy');
      us.type ??= 'RollingUpdate';
      if (us.type === 'RollingUpdate') {
        const ru = ensureObj(us, 'rollingUpdate');
        ru.maxUnavailable ??= 1;
        ru.maxSurge ??= 0;
      }
      s.revisionHistoryLimit ??= 10;
      defaultTemplate(s.template);
      break;
    }
    case 'Job':
      defaultJobSpec(s);
      break;
    case 'CronJob':
      s.concurrencyPolicy ??= 'Allow';
      s.suspend ??= false;
      s.successfulJobsHistoryLimit ??= 3;
      s.failedJobsHistoryLimit ??= 1;
      defaultTemplate(ensureObj(ensureObj(s, 'jobTemplate'), 'spec').template);
      break;
    case 'Service':
      s.type ??= 'ClusterIP';
      s.sessionAffinity ??= 'None';
      if (Array.isArray(s.ports)) {
        for (const p of s.ports) {
          if (!isObj(p)) continue;
          p.protocol ??= 'TCP';
          p.targetPort ??= p.port;
        }
      }
      if (s.type === 'NodePort' || s.type === 'LoadBalancer') s.externalTrafficPolicy ??= 'Cluster';
      break;
    case 'PersistentVolumeClaim':
      s.volumeMode ??= 'Filesystem';
      break;
  }
}

function defaultJobSpec(s: unknown): void {
  if (!isObj(s)) return;
  s.parallelism ??= 1;
  if (s.completions === undefined && s.parallelism !== undefined) s.completions = s.completions ?? 1;
  // With backoffLimitPerIndex the Job-wide limit defaults to MaxInt32 (pkg/apis/batch/v1/defaults.go).
  s.backoffLimit ??= typeof s.backoffLimitPerIndex === 'number' ? 2147483647 : 6;
  s.completionMode ??= 'NonIndexed';
  if (isObj(s.podFailurePolicy)) s.podReplacementPolicy ??= 'Failed';
  else s.podReplacementPolicy ??= 'TerminatingOrFailed';
  s.suspend ??= false;
  defaultTemplate(s.template);
}

// Fields whose JSON object is a Go map or a value struct: `{}` there decodes to the same Go value
// as no field at all. Elsewhere an empty object may be a pointer to an empty struct (`emptyDir: {}`,
// `securityContext: {}`), which is not the same as absent.
const EMPTY_MEANS_ABSENT = new Set(['metadata', 'labels', 'annotations', 'nodeSelector', 'resources', 'limits', 'requests', 'overhead']);
// Go maps: their entries are data, kept as written (a label may have an empty value).
const MAP_FIELDS = new Set(['labels', 'annotations', 'nodeSelector', 'limits', 'requests', 'overhead']);
// *string fields in a pod template where "" is a value of its own.
const POINTER_STRINGS = new Set(['storageClassName']);

/**
 * A value as the API server keeps it once decoded into its Go types: a `null` field, an empty list,
 * an empty string and an empty map or value struct all decode to the zero value, which is what an
 * absent field gives. Equal objects in this form are equal to the API server, however a client
 * spelled them (kubectl's patches carry `metadata.creationTimestamp: null` and `resources: {}`).
 * Returns a new value; `v` is not changed.
 */
export function decodedForm(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodedForm);
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || x === undefined) continue;
    if (MAP_FIELDS.has(k) && isObj(x)) {
      if (Object.keys(x).length) out[k] = { ...x };
      continue;
    }
    const d = decodedForm(x);
    if (Array.isArray(d) && !d.length) continue;
    if (d === '' && !POINTER_STRINGS.has(k)) continue;
    if (isObj(d) && !Object.keys(d).length && EMPTY_MEANS_ABSENT.has(k)) continue;
    out[k] = d;
  }
  return out;
}

// Module-level, not a closure per call: the scheduler and the kubelet ask this of every pod.
const requestsOf = (c: unknown) => (isObj(c) && isObj(c.resources) ? c.resources.requests : undefined);

/** Sum of a pod's container requests (cpu in cores, memory in bytes). */
export function podRequests(spec: unknown): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of isObj(spec) ? asArray(spec.containers) : []) {
    const r = requestsOf(c);
    if (!isObj(r)) continue;
    cpu += r.cpu !== undefined ? (parseQuantity(r.cpu) ?? 0) : 0;
    memory += r.memory !== undefined ? (parseQuantity(r.memory) ?? 0) : 0;
  }
  // Init containers run one at a time: the pod needs the largest of them if it is larger.
  for (const c of isObj(spec) ? asArray(spec.initContainers) : []) {
    const r = requestsOf(c);
    if (!isObj(r)) continue;
    cpu = Math.max(cpu, r.cpu !== undefined ? (parseQuantity(r.cpu) ?? 0) : 0);
    memory = Math.max(memory, r.memory !== undefined ? (parseQuantity(r.memory) ?? 0) : 0);
  }
  return { cpu, memory };
}

/** Resolves an int-or-percent against `total` (maxSurge rounds up, maxUnavailable down). */
export function intOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return Math.max(0, Math.floor(v));
  if (typeof v === 'string') {
    const m = /^(\d+)%$/.exec(v.trim());
    if (m) {
      const x = (Number(m[1]) * total) / 100;
      return roundUp ? Math.ceil(x) : Math.floor(x);
    }
    const n = Number(v);
    if (Number.isFinite(n)) return Math.max(0, Math.floor(n));
  }
  return 0;
}
