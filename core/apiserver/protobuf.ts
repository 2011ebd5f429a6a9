// Decoding of Kubernetes' protobuf request bodies (`application/vnd.kubernetes.protobuf`), which
// kubectl 1.32's typed `create deployment|service|configmap|secret|job|cronjob` commands send
// (also namespace, serviceaccount, role, rolebinding, clusterrole, clusterrolebinding, pdb, quota,
// priorityclass, and autoscale's autoscaling/v1 HorizontalPodAutoscaler):
// the `k8s\0` magic, a runtime.Unknown envelope {typeMeta, raw}, and `raw` in the wire format of
// the k8s.io/api message for the kind. The field numbers below are those of k8s.io/api's
// generated.proto for the messages these commands fill in; anything else is skipped. Answers are
// always JSON (kubectl accepts them).

type FieldSpec = [name: string, type: string, repeated?: 1];
type MessageSpec = Record<number, FieldSpec>;

const M: Record<string, MessageSpec> = {
  Unknown: { 1: ['typeMeta', 'TypeMeta'], 2: ['raw', 'bytes'], 3: ['contentEncoding', 'string'], 4: ['contentType', 'string'] },
  TypeMeta: { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] },
  ObjectMeta: {
    1: ['name', 'string'],
    2: ['generateName', 'string'],
    3: ['namespace', 'string'],
    5: ['uid', 'string'],
    6: ['resourceVersion', 'string'],
    7: ['generation', 'int64'],
    8: ['creationTimestamp', 'Time'],
    11: ['labels', 'map<string>'],
    12: ['annotations', 'map<string>'],
    13: ['ownerReferences', 'OwnerReference', 1],
    14: ['finalizers', 'string', 1],
  },
  OwnerReference: {
    1: ['kind', 'string'],
    3: ['name', 'string'],
    4: ['uid', 'string'],
    5: ['apiVersion', 'string'],
    6: ['controller', 'bool'],
    7: ['blockOwnerDeletion', 'bool'],
  },
  Time: { 1: ['seconds', 'int64'], 2: ['nanos', 'int32'] },
  LabelSelector: { 1: ['matchLabels', 'map<string>'], 2: ['matchExpressions', 'LabelSelectorRequirement', 1] },
  LabelSelectorRequirement: { 1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', 'string', 1] },
  IntOrString: { 1: ['type', 'int64'], 2: ['intVal', 'int32'], 3: ['strVal', 'string'] },
  Quantity: { 1: ['string', 'string'] },
  Deployment: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'DeploymentSpec'] },
  DeploymentSpec: {
    1: ['replicas', 'int32'],
    2: ['selector', 'LabelSelector'],
    3: ['template', 'PodTemplateSpec'],
    4: ['strategy', 'DeploymentStrategy'],
    5: ['minReadySeconds', 'int32'],
    6: ['revisionHistoryLimit', 'int32'],
    7: ['paused', 'bool'],
    9: ['progressDeadlineSeconds', 'int32'],
  },
  DeploymentStrategy: { 1: ['type', 'string'], 2: ['rollingUpdate', 'RollingUpdateDeployment'] },
  RollingUpdateDeployment: { 1: ['maxUnavailable', 'IntOrString'], 2: ['maxSurge', 'IntOrString'] },
  PodTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodSpec: {
    1: ['volumes', 'Volume', 1],
    2: ['containers', 'Container', 1],
    3: ['restartPolicy', 'string'],
    4: ['terminationGracePeriodSeconds', 'int64'],
    5: ['activeDeadlineSeconds', 'int64'],
    6: ['dnsPolicy', 'string'],
    7: ['nodeSelector', 'map<string>'],
    8: ['serviceAccountName', 'string'],
    10: ['nodeName', 'string'],
    20: ['initContainers', 'Container', 1],
  },
  Volume: { 1: ['name', 'string'] },
  Container: {
    1: ['name', 'string'],
    2: ['image', 'string'],
    3: ['command', 'string', 1],
    4: ['args', 'string', 1],
    5: ['workingDir', 'string'],
    6: ['ports', 'ContainerPort', 1],
    7: ['env', 'EnvVar', 1],
    8: ['resources', 'ResourceRequirements'],
    13: ['terminationMessagePath', 'string'],
    14: ['imagePullPolicy', 'string'],
    16: ['stdin', 'bool'],
    17: ['stdinOnce', 'bool'],
    18: ['tty', 'bool'],
    20: ['terminationMessagePolicy', 'string'],
  },
  ContainerPort: { 1: ['name', 'string'], 2: ['hostPort', 'int32'], 3: ['containerPort', 'int32'], 4: ['protocol', 'string'], 5: ['hostIP', 'string'] },
  EnvVar: { 1: ['name', 'string'], 2: ['value', 'string'] },
  ResourceRequirements: { 1: ['limits', 'map<Quantity>'], 2: ['requests', 'map<Quantity>'] },
  Service: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ServiceSpec'] },
  ServiceSpec: {
    1: ['ports', 'ServicePort', 1],
    2: ['selector', 'map<string>'],
    3: ['clusterIP', 'string'],
    4: ['type', 'string'],
    5: ['externalIPs', 'string', 1],
    7: ['sessionAffinity', 'string'],
    8: ['loadBalancerIP', 'string'],
    10: ['externalName', 'string'],
    11: ['externalTrafficPolicy', 'string'],
    18: ['clusterIPs', 'string', 1],
    19: ['ipFamilies', 'string', 1],
    23: ['ipFamilyPolicy', 'string'],
  },
  ServicePort: {
    1: ['name', 'string'],
    2: ['protocol', 'string'],
    3: ['port', 'int32'],
    4: ['targetPort', 'IntOrString'],
    5: ['nodePort', 'int32'],
    6: ['appProtocol', 'string'],
  },
  ConfigMap: { 1: ['metadata', 'ObjectMeta'], 2: ['data', 'map<string>'], 3: ['binaryData', 'map<bytes>'], 4: ['immutable', 'bool'] },
  Secret: { 1: ['metadata', 'ObjectMeta'], 2: ['data', 'map<bytes>'], 3: ['type', 'string'], 4: ['stringData', 'map<string>'], 5: ['immutable', 'bool'] },
  Job: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'JobSpec'] },
  JobSpec: {
    1: ['parallelism', 'int32'],
    2: ['completions', 'int32'],
    3: ['activeDeadlineSeconds', 'int64'],
    4: ['selector', 'LabelSelector'],
    5: ['manualSelector', 'bool'],
    6: ['template', 'PodTemplateSpec'],
    7: ['backoffLimit', 'int32'],
    8: ['ttlSecondsAfterFinished', 'int32'],
    9: ['completionMode', 'string'],
    10: ['suspend', 'bool'],
  },
  CronJob: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'CronJobSpec'] },
  CronJobSpec: {
    1: ['schedule', 'string'],
    2: ['startingDeadlineSeconds', 'int64'],
    3: ['concurrencyPolicy', 'string'],
    4: ['suspend', 'bool'],
    5: ['jobTemplate', 'JobTemplateSpec'],
    6: ['successfulJobsHistoryLimit', 'int32'],
    7: ['failedJobsHistoryLimit', 'int32'],
    8: ['timeZone', 'string'],
  },
  JobTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'JobSpec'] },
  Namespace: { 1: ['metadata', 'ObjectMeta'] },
  ServiceAccount: {
    1: ['metadata', 'ObjectMeta'],
    2: ['secrets', 'ObjectReference', 1],
    3: ['imagePullSecrets', 'LocalObjectReference', 1],
    4: ['automountServiceAccountToken', 'bool'],
  },
  ObjectReference: { 1: ['kind', 'string'], 2: ['namespace', 'string'], 3: ['name', 'string'], 4: ['uid', 'string'], 5: ['apiVersion', 'string'] },
  LocalObjectReference: { 1: ['name', 'string'] },
  Role: { 1: ['metadata', 'ObjectMeta'], 2: ['rules', 'PolicyRule', 1] },
  ClusterRole: { 1: ['metadata', 'ObjectMeta'], 2: ['rules', 'PolicyRule', 1] },
  PolicyRule: {
    1: ['verbs', 'string', 1],
    2: ['apiGroups', 'string', 1],
    3: ['resources', 'string', 1],
    4: ['resourceNames', 'string', 1],
    5: ['nonResourceURLs', 'string', 1],
  },
  RoleBinding: { 1: ['metadata', 'ObjectMeta'], 2: ['subjects', 'Subject', 1], 3: ['roleRef', 'RoleRef'] },
  ClusterRoleBinding: { 1: ['metadata', 'ObjectMeta'], 2: ['subjects', 'Subject', 1], 3: ['roleRef', 'RoleRef'] },
  Subject: { 1: ['kind', 'string'], 2: ['apiGroup', 'string'], 3: ['name', 'string'], 4: ['namespace', 'string'] },
  RoleRef: { 1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string'] },
  PodDisruptionBudget: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodDisruptionBudgetSpec'] },
  PodDisruptionBudgetSpec: { 1: ['minAvailable', 'IntOrString'], 2: ['selector', 'LabelSelector'], 3: ['maxUnavailable', 'IntOrString'] },
  ResourceQuota: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ResourceQuotaSpec'] },
  ResourceQuotaSpec: { 1: ['hard', 'map<Quantity>'], 2: ['scopes', 'string', 1] },
  SelfSubjectAccessReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectAccessReviewSpec'] },
  SelfSubjectAccessReviewSpec: { 1: ['resourceAttributes', 'ResourceAttributes'], 2: ['nonResourceAttributes', 'NonResourceAttributes'] },
  ResourceAttributes: {
    1: ['namespace', 'string'],
    2: ['verb', 'string'],
    3: ['group', 'string'],
    4: ['version', 'string'],
    5: ['resource', 'string'],
    6: ['subresource', 'string'],
    7: ['name', 'string'],
  },
  NonResourceAttributes: { 1: ['path', 'string'], 2: ['verb', 'string'] },
  SelfSubjectRulesReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectRulesReviewSpec'] },
  SelfSubjectRulesReviewSpec: { 1: ['namespace', 'string'] },
  SelfSubjectReview: { 1: ['metadata', 'ObjectMeta'] },
  HorizontalPodAutoscaler: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'HorizontalPodAutoscalerSpec'] },
  HorizontalPodAutoscalerSpec: {
    1: ['scaleTargetRef', 'CrossVersionObjectReference'],
    2: ['minReplicas', 'int32'],
    3: ['maxReplicas', 'int32'],
    4: ['targetCPUUtilizationPercentage', 'int32'],
  },
  CrossVersionObjectReference: { 1: ['kind', 'string'], 2: ['name', 'string'], 3: ['apiVersion', 'string'] },
  PriorityClass: {
    1: ['metadata', 'ObjectMeta'],
    2: ['value', 'int32'],
    3: ['globalDefault', 'bool'],
    4: ['description', 'string'],
    5: ['preemptionPolicy', 'string'],
  },
  Pod: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
};

/** Pointer fields whose zero value is meaningful (sent only when set). */
const KEEP_ZERO = new Set([
  'replicas',
  'parallelism',
  'completions',
  'backoffLimit',
  'port',
  'containerPort',
  'intVal',
  'suspend',
  'immutable',
  'value',
  'manualSelector',
  'controller',
  'blockOwnerDeletion',
  'type',
]);

export function isProtobuf(contentType: string): boolean {
  return /application\/vnd\.kubernetes\.protobuf/.test(contentType);
}

class Reader {
  pos = 0;
  constructor(readonly b: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.b.length;
  }
  varint(): bigint {
    let r = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.b.length) throw new Error('truncated varint');
      const byte = this.b[this.pos++];
      r |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return r;
      shift += 7n;
      if (shift > 70n) throw new Error('varint too long');
    }
  }
  bytes(): Uint8Array {
    const n = Number(this.varint());
    if (n < 0 || this.pos + n > this.b.length) throw new Error('truncated field');
    const v = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function decodeMessage(b: Uint8Array, type: string, depth = 0): Record<string, unknown> {
  if (depth > 40) throw new Error('message nested too deeply');
  const spec = M[type];
  const out: Record<string, unknown> = {};
  const r = new Reader(b);
  while (!r.done) {
    const tag = Number(r.varint());
    const no = tag >>> 3;
    const wire = tag & 7;
    const f = spec?.[no];
    if (!f) {
      r.skip(wire);
      continue;
    }
    const [name, ft, repeated] = f;
    let v: unknown;
    if (ft.startsWith('map<')) {
      const vt = ft.slice(4, -1);
      const entry = new Reader(r.bytes());
      let key = '';
      let val: unknown = '';
      while (!entry.done) {
        const t2 = Number(entry.varint());
        if (t2 >>> 3 === 1 && (t2 & 7) === 2) key = utf8.decode(entry.bytes());
        else if (t2 >>> 3 === 2 && (t2 & 7) === 2) {
          const raw = entry.bytes();
          val =
            vt === 'bytes'
              ? Buffer.from(raw).toString('base64')
              : vt === 'Quantity'
                ? (decodeMessage(raw, 'Quantity', depth + 1).string ?? '')
                : utf8.decode(raw);
        } else entry.skip(t2 & 7);
      }
      ((out[name] ??= {}) as Record<string, unknown>)[key] = val;
      continue;
    }
    switch (ft) {
      case 'string':
        v = utf8.decode(r.bytes());
        break;
      case 'bytes':
        v = r.bytes();
        break;
      case 'bool':
        v = r.varint() !== 0n;
        break;
      case 'int32': {
        const n = BigInt.asIntN(32, r.varint());
        v = Number(n);
        break;
      }
      case 'int64':
        v = Number(BigInt.asIntN(64, r.varint()));
        break;
      default: {
        if (wire !== 2) {
          r.skip(wire);
          continue;
        }
        const m = decodeMessage(r.bytes(), ft, depth + 1);
        if (ft === 'Time') v = m.seconds ? new Date(Number(m.seconds) * 1000).toISOString().replace('.000Z', 'Z') : null;
        else if (ft === 'IntOrString') v = m.type === 1 ? (m.strVal ?? '') : (m.intVal ?? 0);
        else v = m;
      }
    }
    if (repeated) ((out[name] ??= []) as unknown[]).push(v);
    else out[name] = v;
  }
  // Go marshals zero values of non-pointer fields; JSON would have omitted them.
  for (const [k, v] of Object.entries(out)) {
    if (v === '' || v === null || (v === 0 && !KEEP_ZERO.has(k)) || (v === false && !KEEP_ZERO.has(k))) delete out[k];
  }
  return out;
}

/** Decodes a `k8s\0`-framed protobuf object into its JSON shape (apiVersion, kind, metadata, ...). */
export function decodeProtobufObject(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4 || body[0] !== 0x6b || body[1] !== 0x38 || body[2] !== 0x73 || body[3] !== 0) throw new Error('missing k8s protobuf magic');
  const unk = decodeMessage(body.subarray(4), 'Unknown');
  // TypeMeta's fields are strings (the decoder makes a string of every string field).
  const tm = (unk.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const kind = String(tm.kind ?? '');
  if (!M[kind] || !M[kind][1] || M[kind][1][0] !== 'metadata') throw new Error(`protobuf bodies of kind "${kind}" are not supported; send JSON`);
  const obj = decodeMessage((unk.raw as Uint8Array | undefined) ?? new Uint8Array(), kind);
  return { apiVersion: tm.apiVersion, kind, ...obj };
}
