// Why a pod is unhealthy: Pending because no node fits its requests (or every node that could is
// already full of other pods' requests), an image that cannot be
// pulled, a missing Secret/ConfigMap (key), OOMKilled, CrashLoopBackOff.
import type { Path } from '../manifest/types';
import { getAt } from '../k8s/podspec';
import { isObj, scalarText } from '../k8s/guards';
import type { Container, ContainerStateTerminated, ContainerStatus, PodSpec, PodStatus } from '../k8s/types';
import { closest } from '../k8s/similar';
import { formatBytes, formatCpu, parseQuantity } from '../k8s/quantity';
import type { Cluster } from './cluster';
import type { KObject } from './store';
import type { Explanation, ExplainStep } from './explain';
import { subjectOf, type Origin, type Sources } from './explain-sources';
import { both, explainMsg as m } from './explain-messages';
import { allocatable } from './controllers/scheduler';
import type { Kubelet } from './controllers/kubelet';
import { probePort } from './profiles';
import { condition } from './podutil';

interface Ctx {
  c: Cluster;
  src: Sources;
  pod: KObject;
  origin: Origin | undefined;
}

/** The pod's spec and status as their model types (the store holds what the API server admitted). */
const specOf = (pod: KObject): Partial<PodSpec> => pod.spec ?? {};
const statusOf = (pod: KObject): PodStatus => pod.status ?? {};

export function explainPod(c: Cluster, src: Sources, pod: KObject): Explanation | undefined {
  const x: Ctx = { c, src, pod, origin: src.podOrigin(c, pod) };
  const sched = condition(pod, 'PodScheduled');
  const status = statusOf(pod);
  if (status.phase === 'Pending' && sched?.status === 'False' && sched.reason === 'Unschedulable') return pending(x, String(sched.message ?? ''));
  for (const cs of status.containerStatuses ?? []) {
    const waiting = cs?.state?.waiting?.reason;
    const last = cs?.lastState?.terminated ?? cs?.state?.terminated;
    if (waiting === 'ErrImagePull' || waiting === 'ImagePullBackOff') return image(x, cs, waiting);
    if (waiting === 'CreateContainerConfigError') return config(x, cs);
    if (last?.reason === 'OOMKilled') return oom(x, cs);
    if (waiting === 'CrashLoopBackOff') return crash(x, cs, last);
  }
  for (const cs of status.containerStatuses ?? []) if (cs?.state?.running && cs.ready === false) return notReady(x, cs);
  return undefined;
}

/** The place of a path inside container `name` of the pod's origin (undefined when not from a file). */
function inContainer(x: Ctx, name: string, rel: Path): Partial<ExplainStep> {
  if (!x.origin) return {};
  const { res, spec } = x.origin;
  const list = getAt(res.obj, [...spec, 'containers']);
  const i = Array.isArray(list) ? list.findIndex((k) => isObj(k) && k.name === name) : -1;
  return i < 0 ? x.src.at(res, spec) : x.src.within(x.origin, ['containers', i, ...rel]);
}

/** The field that says what a container runs (and so what to change when it exits non-zero). */
export function runsField(spec: Partial<Container> | undefined): 'command' | 'args' | 'image' {
  return spec?.command !== undefined ? 'command' : spec?.args !== undefined ? 'args' : 'image';
}

function containerSpec(pod: KObject, name: string): Partial<Container> {
  return (specOf(pod).containers ?? []).find((k) => k?.name === name) ?? {};
}

function pending(x: Ctx, message: string): Explanation | undefined {
  const nodes = x.c.list('Node').map(allocatable);
  if (!nodes.length) return undefined;
  const fmt = { cpu: formatCpu, memory: formatBytes };
  for (const resource of ['memory', 'cpu'] as const) {
    const most = Math.max(...nodes.map((n) => n[resource]));
    for (const ctr of specOf(x.pod).containers ?? []) {
      const q = ctr?.resources?.requests?.[resource];
      const want = q === undefined ? undefined : parseQuantity(q);
      if (want === undefined || want <= most) continue;
      const args = { container: String(ctr.name), resource, request: String(q), allocatable: fmt[resource](most) };
      const pod = x.pod.metadata.name;
      return {
        subject: subjectOf(x.pod),
        symptom: both(m('explain.pending.symptom', { pod })),
        steps: [
          { text: both(m('explain.pending.scheduler', { message })), dorm: both(m('explain.pending.scheduler.dorm', { pod })) },
          {
            text: both(m('explain.pending.request', args)),
            dorm: both(m('explain.pending.request.dorm', args)),
            ...inContainer(x, ctr.name, ['resources', 'requests', resource]),
          },
        ],
        fix: { title: both(m('explain.pending.fix', { resource, allocatable: args.allocatable })) },
      };
    }
  }
  return full(x, message);
}

/** A pod's requests as the scheduler counts them: the sum of its containers, or its largest init container if more. */
function podRequests(pod: KObject): { cpu: number; memory: number } {
  const req = (c: Container | undefined, r: 'cpu' | 'memory') => parseQuantity(c?.resources?.requests?.[r] ?? 0) ?? 0;
  const out = { cpu: 0, memory: 0 };
  for (const r of ['cpu', 'memory'] as const) {
    const spec = specOf(pod);
    const sum = (spec.containers ?? []).reduce((n, c) => n + req(c, r), 0);
    out[r] = Math.max(sum, ...(spec.initContainers ?? []).map((c) => req(c, r)));
  }
  return out;
}

const PLACED_PHASES = new Set(['Pending', 'Running', 'Unknown']);

/**
 * Pending although one empty node could take it: the pods already placed reserve what it needs on
 * every node (NodeResourcesFit counts requests, not use). The chain ends at the pod's requests and,
 * when a controller written in a file wants several, at its `replicas`.
 */
function full(x: Ctx, message: string): Explanation | undefined {
  const nodes = x.c.list('Node');
  const used = new Map<string, { cpu: number; memory: number }>();
  for (const p of x.c.list('Pod')) {
    const node = specOf(p).nodeName;
    if (!node || !PLACED_PHASES.has(String(statusOf(p).phase ?? 'Pending'))) continue;
    const u = used.get(node) ?? { cpu: 0, memory: 0 };
    const r = podRequests(p);
    used.set(node, { cpu: u.cpu + r.cpu, memory: u.memory + r.memory });
  }
  const want = podRequests(x.pod);
  const fmt = { cpu: formatCpu, memory: formatBytes };
  for (const resource of ['memory', 'cpu'] as const) {
    if (want[resource] <= 0) continue;
    const most = Math.max(...nodes.map((n) => allocatable(n)[resource]));
    const free = Math.max(0, ...nodes.map((n) => allocatable(n)[resource] - (used.get(n.metadata.name)?.[resource] ?? 0)));
    if (want[resource] > most || want[resource] <= free) continue;
    const pod = x.pod.metadata.name;
    const first = (specOf(x.pod).containers ?? []).find((c) => c?.resources?.requests?.[resource] !== undefined);
    const args = { pod, resource, request: fmt[resource](want[resource]), allocatable: fmt[resource](most), free: fmt[resource](free) };
    const steps: ExplainStep[] = [
      { text: both(m('explain.pending.scheduler', { message })), dorm: both(m('explain.pending.scheduler.dorm', { pod })) },
      {
        text: both(m('explain.full.used', args)),
        dorm: both(m('explain.full.used.dorm', args)),
        ...(first ? inContainer(x, String(first.name), ['resources', 'requests', resource]) : {}),
      },
    ];
    const res = x.origin?.res;
    const replicas = res && typeof getAt(res.obj, ['spec', 'replicas']) === 'number' ? Number(getAt(res.obj, ['spec', 'replicas'])) : undefined;
    if (res && replicas !== undefined && replicas > 1) {
      const r = { kind: res.kind, name: res.name ?? '', replicas: String(replicas), resource };
      steps.push({ text: both(m('explain.full.replicas', r)), dorm: both(m('explain.full.replicas.dorm', r)), ...x.src.at(res, ['spec', 'replicas']) });
    }
    return {
      subject: subjectOf(x.pod),
      symptom: both(m('explain.pending.symptom', { pod })),
      steps,
      fix: { title: both(m('explain.full.fix', { resource })) },
    };
  }
  return undefined;
}

function image(x: Ctx, cs: ContainerStatus, reason: string): Explanation {
  const container = String(cs.name);
  const pod = x.pod.metadata.name;
  const img = String(containerSpec(x.pod, container).image ?? cs.image ?? '');
  return {
    subject: subjectOf(x.pod),
    symptom: both(m('explain.image.symptom', { pod, container, reason })),
    steps: [
      { text: both(m('explain.image.kubelet', { image: img, reason })), dorm: both(m('explain.image.kubelet.dorm', { container, pod })) },
      { text: both(m('explain.image.line', { image: img })), dorm: both(m('explain.image.line.dorm')), ...inContainer(x, container, ['image']) },
    ],
    fix: { title: both(m('explain.image.fix')) },
  };
}

/** The env reference that cannot be resolved: its path in the container, the object and key it names. */
function badRef(x: Ctx, ctr: Partial<Container>): { rel: Path; kind: 'Secret' | 'ConfigMap'; name: string; key?: string; keys?: string[] } | undefined {
  const ns = x.pod.metadata.namespace;
  const lookup = (kind: 'Secret' | 'ConfigMap', name: string) => x.c.get(kind, ns, name);
  const keysOf = (o: KObject) => [...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {}), ...Object.keys(o.binaryData ?? {})];
  const env = Array.isArray(ctr.env) ? ctr.env : [];
  for (let i = 0; i < env.length; i++) {
    for (const [field, kind] of [
      ['secretKeyRef', 'Secret'],
      ['configMapKeyRef', 'ConfigMap'],
    ] as const) {
      const ref = env[i]?.valueFrom?.[field];
      if (!isObj(ref) || ref.optional === true) continue;
      const name = scalarText(ref.name);
      const key = scalarText(ref.key);
      const o = lookup(kind, name);
      const base: Path = ['env', i, 'valueFrom', field];
      if (!o) return { rel: [...base, 'name'], kind, name };
      const keys = keysOf(o);
      if (!keys.includes(key)) return { rel: [...base, 'key'], kind, name, key, keys };
    }
  }
  const from = Array.isArray(ctr.envFrom) ? ctr.envFrom : [];
  for (let i = 0; i < from.length; i++) {
    for (const [field, kind] of [
      ['secretRef', 'Secret'],
      ['configMapRef', 'ConfigMap'],
    ] as const) {
      const ref = from[i]?.[field];
      if (!isObj(ref) || ref.optional === true) continue;
      if (!lookup(kind, scalarText(ref.name))) return { rel: ['envFrom', i, field, 'name'], kind, name: scalarText(ref.name) };
    }
  }
  return undefined;
}

function config(x: Ctx, cs: ContainerStatus): Explanation | undefined {
  const container = String(cs.name);
  const pod = x.pod.metadata.name;
  const bad = badRef(x, containerSpec(x.pod, container));
  if (!bad) return undefined;
  const refText = bad.rel.filter((p) => typeof p === 'string' && p !== 'name' && p !== 'key' && p !== 'valueFrom').join('.');
  const key = bad.key ?? '';
  const near = bad.keys ? closest(key, bad.keys) : undefined;
  const dormId = bad.kind === 'Secret' ? 'explain.config.secret.dorm' : 'explain.config.configmap.dorm';
  const cause = bad.keys
    ? m('explain.config.noKey', { ref: refText, kind: bad.kind, name: bad.name, key, keys: bad.keys.join(', ') || '-' })
    : m('explain.config.noObject', { ref: refText, kind: bad.kind, name: bad.name });
  return {
    subject: subjectOf(x.pod),
    symptom: both(m('explain.config.symptom', { pod, container })),
    steps: [
      {
        text: both(m('explain.config.kubelet', { message: String(cs.state?.waiting?.message ?? '') })),
        dorm: both(m('explain.config.kubelet.dorm', { container, pod })),
      },
      { text: both(cause), dorm: both(m(dormId, { container, name: bad.name, key: key || bad.name })), ...inContainer(x, container, bad.rel) },
    ],
    fix: { title: both(near ? m('explain.config.fixKey', { key: near }) : m('explain.config.fixObject', { kind: bad.kind, name: bad.name })) },
  };
}

function oom(x: Ctx, cs: ContainerStatus): Explanation {
  const container = String(cs.name);
  const pod = x.pod.metadata.name;
  const limit = containerSpec(x.pod, container).resources?.limits?.memory;
  const restarts = Number(cs.restartCount ?? 0);
  return {
    subject: subjectOf(x.pod),
    symptom: both(m('explain.oom.symptom', { pod, container, restarts })),
    steps: [
      { text: both(m('explain.oom.kubelet')), dorm: both(m('explain.oom.kubelet.dorm', { container })) },
      {
        text: both(limit === undefined ? m('explain.oom.noLimit') : m('explain.oom.limit', { limit: String(limit) })),
        dorm: both(m('explain.oom.limit.dorm', { limit: String(limit ?? '-'), container })),
        ...inContainer(x, container, ['resources', 'limits', 'memory']),
      },
    ],
    fix: { title: both(m('explain.oom.fix')) },
  };
}

function crash(x: Ctx, cs: ContainerStatus, last: ContainerStateTerminated | undefined): Explanation {
  const container = String(cs.name);
  const pod = x.pod.metadata.name;
  const spec = containerSpec(x.pod, container);
  const code = Number(last?.exitCode ?? 1);
  return {
    subject: subjectOf(x.pod),
    symptom: both(m('explain.crash.symptom', { pod, container, restarts: Number(cs.restartCount ?? 0) })),
    steps: [
      {
        text: both(m('explain.crash.kubelet', { code, reason: String(last?.reason ?? 'Error') })),
        dorm: both(m('explain.crash.kubelet.dorm', { container, pod })),
      },
      {
        text: both(m('explain.crash.command', { code })),
        dorm: both(m('explain.crash.command.dorm', { container })),
        ...inContainer(x, container, [runsField(spec)]),
      },
    ],
  };
}

/** A running container that never becomes Ready because its readiness probe knocks on a port nothing listens on. */
function notReady(x: Ctx, cs: ContainerStatus): Explanation | undefined {
  const container = String(cs.name);
  const spec = containerSpec(x.pod, container);
  const probe = spec.readinessProbe;
  const port = probePort(probe, spec);
  const listens = x.c.hook<Kubelet | undefined>('kubelet')?.listens(x.pod);
  if (port === undefined || !listens?.length || listens.includes(port)) return undefined;
  const how = probe?.httpGet ? 'httpGet' : probe?.tcpSocket ? 'tcpSocket' : 'grpc';
  const args = { pod: x.pod.metadata.name, container, port, listens: listens.join(', ') };
  return {
    subject: subjectOf(x.pod),
    symptom: both(m('explain.ready.symptom', args)),
    steps: [
      { text: both(m('explain.ready.kubelet', args)), dorm: both(m('explain.ready.kubelet.dorm', args)) },
      {
        text: both(m('explain.ready.line', args)),
        dorm: both(m('explain.ready.line.dorm')),
        ...inContainer(x, container, ['readinessProbe', how, 'port']),
      },
    ],
    fix: { title: both(m('explain.ready.fix', { port: listens[0] })) },
  };
}
