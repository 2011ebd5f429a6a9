// kubectl's table printers (pkg/printers/internalversion/printers.go) for the simulated cluster,
// plus `rollout status` / `rollout history` texts (kubectl 1.29 wording).
import type { Cluster } from '../cluster/cluster';
import { humanDuration } from '../cluster/clock';
import { asKind, type KObject } from '../cluster/store';
import { condition } from '../cluster/podutil';
import { formatSelector } from '../k8s/labels';
import { kubectlTypeName } from '../k8s/kinds';
import { asArray, scalarText } from '../k8s/guards';
import type { Container, ContainerStatus, Endpoint, EndpointSlicePort, LoadBalancerIngress, NodeAddress, ServicePort } from '../k8s/types';

/** Columns padded like Go's tabwriter as kubectl sets it up (padding 3; 2 for `rollout history`). */
export function table(rows: string[][], padding = 3): string {
  if (!rows.length) return '';
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return (
    rows
      .map((r) =>
        r
          .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + padding)))
          .join('')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** What a table row reads of the cluster: the time (a remote cluster's source has it too). */
export type PrintClock = Pick<Cluster, 'now' | 'msOf'>;

const age = (c: PrintClock, o: KObject) => humanDuration(c.now - (c.msOf(o.metadata.creationTimestamp) ?? 0));

/** STATUS as printPod computes it. */
export function podStatus(p: KObject): string {
  const st = p.status ?? {};
  let reason: string = st.reason || st.phase || 'Pending';
  const inits: ContainerStatus[] = st.initContainerStatuses ?? [];
  const initTotal = (p.spec?.initContainers ?? []).length;
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    if (c.state?.terminated && c.state.terminated.exitCode === 0) continue;
    if (isSidecar(p, c.name) && c.started) continue;
    if (c.state?.terminated) reason = c.state.terminated.reason ? `Init:${c.state.terminated.reason}` : `Init:ExitCode:${c.state.terminated.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initTotal}`;
    initializing = true;
    break;
  }
  // Sidecars may end after initialization (a finished Job's pod): then the main containers tell (printPod).
  if (!initializing || condition(p, 'Initialized')?.status === 'True') {
    let hasRunning = false;
    const cs: ContainerStatus[] = st.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = condition(p, 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
  }
  if (p.metadata.deletionTimestamp) reason = st.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

/** Whether the init container `name` is a native sidecar (restartPolicy: Always). */
function isSidecar(p: KObject, name: string): boolean {
  return (p.spec?.initContainers ?? []).some((c: Container) => c?.name === name && c.restartPolicy === 'Always');
}

/** READY as printPod counts it: main containers ready and running, plus started native sidecars that are ready. */
export function podReady(p: KObject): string {
  const cs: ContainerStatus[] = p.status?.containerStatuses ?? [];
  const sidecars = (p.spec?.initContainers ?? []).filter((c: Container) => c?.restartPolicy === 'Always').length;
  const total = (p.spec?.containers ?? []).length + sidecars;
  const readySidecars = sidecars
    ? (p.status?.initContainerStatuses ?? []).filter((c: ContainerStatus) => isSidecar(p, c.name) && c.started && c.ready).length
    : 0;
  return `${cs.filter((c) => c.ready && c.state?.running).length + readySidecars}/${total}`;
}

export function podRestarts(c: PrintClock, p: KObject): string {
  let n = 0;
  let last: number | undefined;
  for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
    n += cs.restartCount ?? 0;
    const f = c.msOf(cs.lastState?.terminated?.finishedAt);
    if (f !== undefined && (last === undefined || f > last)) last = f;
  }
  return n && last !== undefined ? `${n} (${humanDuration(c.now - last)} ago)` : String(n);
}

/** Three items, then "+ N more..."; `<unset>` when empty (kubectl's listWithMoreString). */
const moreList = (list: string[]) => (list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',') || '<unset>');

type Printer = { header: string[]; wide?: string[]; row(c: PrintClock, o: KObject): string[]; wideRow?(c: PrintClock, o: KObject): string[] };

const containersOf = (o: KObject) => (o.spec?.template?.spec?.containers ?? o.spec?.jobTemplate?.spec?.template?.spec?.containers ?? []) as Container[];
const selectorOf = (o: KObject) => (o.spec?.selector ? formatSelector(o.spec.selector) || '<none>' : '<none>');
/** `-o wide` of the workload kinds: CONTAINERS, IMAGES, SELECTOR. */
const wideWorkload = {
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  wideRow: (_c: PrintClock, o: KObject) => [
    containersOf(o)
      .map((x) => x.name)
      .join(','),
    containersOf(o)
      .map((x) => x.image)
      .join(','),
    selectorOf(o),
  ],
};

const ports = (s: KObject) =>
  (s.spec?.ports ?? [])
    .map((p: ServicePort) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',') || '<none>';

export const PRINTERS: Record<string, Printer> = {
  Pod: {
    header: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    row: (c, p) => [p.metadata.name, podReady(p), podStatus(p), podRestarts(c, p), age(c, p)],
    wideRow: (_c, p) => [p.status?.podIP ?? '<none>', p.spec?.nodeName ?? '<none>', '<none>', '<none>'],
  },
  ReplicaSet: {
    ...wideWorkload,
    header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    row: (c, o) => [o.metadata.name, String(o.spec?.replicas ?? 0), String(o.status?.replicas ?? 0), String(o.status?.readyReplicas ?? 0), age(c, o)],
  },
  Deployment: {
    ...wideWorkload,
    header: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    row: (c, o) => [
      o.metadata.name,
      `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`,
      String(o.status?.updatedReplicas ?? 0),
      String(o.status?.availableReplicas ?? 0),
      age(c, o),
    ],
  },
  StatefulSet: {
    wide: ['CONTAINERS', 'IMAGES'],
    wideRow: (c, o) => wideWorkload.wideRow(c, o).slice(0, 2),
    header: ['NAME', 'READY', 'AGE'],
    row: (c, o) => [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, age(c, o)],
  },
  DaemonSet: {
    ...wideWorkload,
    header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    row: (c, o) => [
      o.metadata.name,
      String(o.status?.desiredNumberScheduled ?? 0),
      String(o.status?.currentNumberScheduled ?? 0),
      String(o.status?.numberReady ?? 0),
      String(o.status?.updatedNumberScheduled ?? 0),
      String(o.status?.numberAvailable ?? 0),
      Object.entries(o.spec?.template?.spec?.nodeSelector ?? {})
        .map(([k, v]) => `${k}=${scalarText(v)}`)
        .join(',') || '<none>',
      age(c, o),
    ],
  },
  Job: {
    ...wideWorkload,
    header: ['NAME', 'COMPLETIONS', 'DURATION', 'AGE'],
    row: (c, o) => {
      const start = c.msOf(o.status?.startTime);
      const end = c.msOf(o.status?.completionTime) ?? c.now;
      const comp = o.spec?.completions ?? 1;
      return [o.metadata.name, `${o.status?.succeeded ?? 0}/${comp}`, start === undefined ? '' : humanDuration(end - start), age(c, o)];
    },
  },
  CronJob: {
    ...wideWorkload,
    header: ['NAME', 'SCHEDULE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
    row: (c, o) => {
      const last = c.msOf(o.status?.lastScheduleTime);
      return [
        o.metadata.name,
        String(o.spec?.schedule ?? ''),
        o.spec?.suspend ? 'True' : 'False',
        String((o.status?.active ?? []).length),
        last === undefined ? '<none>' : humanDuration(c.now - last),
        age(c, o),
      ];
    },
  },
  Service: {
    header: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    wide: ['SELECTOR'],
    wideRow: (_c, s) => [
      Object.entries(s.spec?.selector ?? {})
        .map(([k, v]) => `${k}=${scalarText(v)}`)
        .join(',') || '<none>',
    ],
    row: (c, s) => {
      const type = s.spec?.type ?? 'ClusterIP';
      const ing = (s.status?.loadBalancer?.ingress ?? []).map((i: LoadBalancerIngress) => i.ip ?? i.hostname).join(',');
      const ext =
        type === 'LoadBalancer'
          ? ing || '<pending>'
          : type === 'ExternalName'
            ? (s.spec?.externalName ?? '<none>')
            : (s.spec?.externalIPs ?? []).join(',') || '<none>';
      return [s.metadata.name, type, s.spec?.clusterIP ?? '<none>', ext, ports(s), age(c, s)];
    },
  },
  Endpoints: {
    header: ['NAME', 'ENDPOINTS', 'AGE'],
    row: (c, e) => {
      const list: string[] = [];
      for (const s of asKind(e, 'Endpoints')?.subsets ?? [])
        for (const a of s.addresses ?? []) for (const p of s.ports ?? [undefined]) list.push(p?.port !== undefined ? `${a.ip}:${p.port}` : a.ip);
      const shown = list.slice(0, 3).join(',') + (list.length > 3 ? ` + ${list.length - 3} more...` : '');
      return [e.metadata.name, shown || '<none>', age(c, e)];
    },
  },
  Node: {
    header: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
    wideRow: (_c, n) => {
      const addr = (t: string) => (n.status?.addresses ?? []).find((a: NodeAddress) => a.type === t)?.address ?? '<none>';
      const info = n.status?.nodeInfo ?? {};
      return [
        addr('InternalIP'),
        addr('ExternalIP'),
        info.osImage ?? '<unknown>',
        info.kernelVersion ?? '<unknown>',
        info.containerRuntimeVersion ?? '<unknown>',
      ];
    },
    row: (c, n) => {
      const r = condition(n, 'Ready')?.status;
      let s = r === 'True' ? 'Ready' : 'NotReady';
      if (n.spec?.unschedulable) s += ',SchedulingDisabled';
      return [n.metadata.name, s, '<none>', age(c, n), n.status?.nodeInfo?.kubeletVersion ?? ''];
    },
  },
  PersistentVolumeClaim: {
    header: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
    row: (c, o) => [
      o.metadata.name,
      o.status?.phase ?? 'Pending',
      o.spec?.volumeName ?? '',
      o.status?.capacity?.storage ?? '',
      // kubectl prints the bound volume's modes (status): none while the claim is Pending.
      accessModes(o.status?.accessModes),
      o.spec?.storageClassName ?? '',
      '<unset>',
      age(c, o),
    ],
  },
  StorageClass: {
    header: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
    row: (c, o) => [
      // printStorageClass: the default class is named "NAME (default)".
      ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'].some((a) => o.metadata.annotations?.[a] === 'true')
        ? `${o.metadata.name} (default)`
        : o.metadata.name,
      scalarText(o.provisioner ?? ''),
      scalarText(o.reclaimPolicy ?? 'Delete'),
      scalarText(o.volumeBindingMode ?? 'Immediate'),
      String(o.allowVolumeExpansion === true),
      age(c, o),
    ],
  },
  Secret: {
    header: ['NAME', 'TYPE', 'DATA', 'AGE'],
    row: (c, o) => [o.metadata.name, scalarText(o.type ?? 'Opaque'), String(Object.keys({ ...(o.data ?? {}), ...(o.stringData ?? {}) }).length), age(c, o)],
  },
  EndpointSlice: {
    header: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
    row: (c, o) => {
      const sl = asKind(o, 'EndpointSlice');
      const ports = (sl?.ports ?? []).map((p: EndpointSlicePort | null | undefined) => (p?.port !== undefined ? String(p.port) : (p?.name ?? '*')));
      const addrs = (sl?.endpoints ?? []).flatMap((e: Endpoint | null | undefined) => e?.addresses ?? []);
      return [o.metadata.name, sl?.addressType ?? '', moreList(ports), moreList(addrs), age(c, o)];
    },
  },
  ServiceAccount: {
    header: ['NAME', 'SECRETS', 'AGE'],
    row: (c, o) => [o.metadata.name, String(asArray(o.secrets).length), age(c, o)],
  },
  ConfigMap: {
    header: ['NAME', 'DATA', 'AGE'],
    row: (c, o) => [o.metadata.name, String(Object.keys({ ...(o.data ?? {}), ...(o.binaryData ?? {}) }).length), age(c, o)],
  },
  Namespace: {
    header: ['NAME', 'STATUS', 'AGE'],
    row: (c, o) => [o.metadata.name, o.status?.phase ?? 'Active', age(c, o)],
  },
};

function accessModes(m: string[] | undefined): string {
  const short: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
  return (m ?? []).map((x) => short[x] ?? x).join(',');
}

/** kubectl's name for a kind in its output (`deployment.apps`). */
export const resourceName = kubectlTypeName;

export interface GetOptions {
  namespace?: string;
  allNamespaces?: boolean;
  selector?: (labels: Record<string, string> | undefined) => boolean;
  names?: string[];
  wide?: boolean;
  /** Prefix names with kind (kubectl does when several kinds are asked for). */
  withKind?: boolean;
  /** `-L KEY,…`: one column per label key, headed by its last path segment in capitals. */
  labelColumns?: string[];
  /** `--show-labels`: a LABELS column at the end. */
  showLabels?: boolean;
}

/** The objects of a kind `get` lists: in the namespace (or all), matching, sorted by namespace/name. */
export function listed(c: Cluster, kind: string, opts: GetOptions = {}): KObject[] {
  let objs = c
    .list(kind)
    .filter((o) => kind === 'Node' || kind === 'Namespace' || opts.allNamespaces || (o.metadata.namespace ?? 'default') === (opts.namespace ?? 'default'));
  if (opts.selector) objs = objs.filter((o) => opts.selector!(o.metadata.labels));
  if (opts.names?.length) objs = objs.filter((o) => opts.names!.includes(o.metadata.name));
  return objs.sort((a, b) => ((a.metadata.namespace ?? '') + '/' + a.metadata.name < (b.metadata.namespace ?? '') + '/' + b.metadata.name ? -1 : 1));
}

/** kubectl's LABELS cell: `k=v,…` sorted by key, or `<none>`. */
export const labelsCell = (o: KObject): string =>
  Object.keys(o.metadata.labels ?? {})
    .sort()
    .map((k) => `${k}=${o.metadata.labels![k]}`)
    .join(',') || '<none>';

export function printGet(c: Cluster, kind: string, opts: GetOptions = {}): string {
  if (kind === 'Event') return printEvents(c, opts.namespace, opts.allNamespaces);
  const pr = PRINTERS[kind];
  if (!pr) return '';
  const objs = listed(c, kind, opts);
  if (!objs.length) return '';
  const nsCol = opts.allNamespaces && kind !== 'Node' && kind !== 'Namespace';
  const wide = opts.wide && pr.wide;
  const keys = opts.labelColumns ?? [];
  const header = [
    ...(nsCol ? ['NAMESPACE'] : []),
    ...pr.header,
    ...(wide ? pr.wide! : []),
    ...keys.map((k) => k.split('/').at(-1)!.toUpperCase()),
    ...(opts.showLabels ? ['LABELS'] : []),
  ];
  const rows = objs.map((o) => {
    const r = pr.row(c, o);
    if (opts.withKind) r[0] = `${resourceName(kind)}/${r[0]}`;
    const labels = keys.map((k) => o.metadata.labels?.[k] ?? '');
    return [
      ...(nsCol ? [o.metadata.namespace ?? ''] : []),
      ...r,
      ...(wide && pr.wideRow ? pr.wideRow(c, o) : []),
      ...labels,
      ...(opts.showLabels ? [labelsCell(o)] : []),
    ];
  });
  return table([header, ...rows]);
}

/** `kubectl get events` (sorted by time; repeats folded into one line with a count, as the API does). */
/** One Event as kubectl shows it: repeats of the same object, type, reason and message folded. */
export interface FoldedEvent {
  first: number;
  last: number;
  count: number;
  /** The latest of the repeats. */
  e: Cluster['events'][number];
}

/** The engine's event log folded as the event recorder folds repeats, oldest last-seen first. */
export function foldEvents(c: Cluster, keep: (e: Cluster['events'][number]) => boolean = () => true): FoldedEvent[] {
  const folded = new Map<string, FoldedEvent>();
  for (const e of c.events) {
    if (!keep(e)) continue;
    const k = `${e.namespace}|${e.object}|${e.type}|${e.reason}|${e.message}`;
    const f = folded.get(k);
    if (f) {
      f.last = e.t;
      f.count++;
      f.e = e;
    } else folded.set(k, { first: e.t, last: e.t, count: 1, e });
  }
  return [...folded.values()].sort((a, b) => a.last - b.last);
}

/**
 * How long ago a folded event was seen, as kubectl prints it. In describe's Events section
 * (`withCount`) a repeat reads `LAST (xN over AGE-OF-FIRST)` (describe.go DescribeEvents); the
 * API server's `get events` Table shows the last sighting only, the count having a column of its
 * own in `-o wide` (printers.go printEvent).
 */
export function eventAge(now: number, f: { first: number; last: number; count: number }, withCount: boolean): string {
  const last = humanDuration(now - f.last);
  return withCount && f.count > 1 ? `${last} (x${f.count} over ${humanDuration(now - f.first)})` : last;
}

export function printEvents(c: Cluster, namespace = 'default', all = false): string {
  const list = foldEvents(c, (e) => all || e.namespace === namespace);
  if (!list.length) return '';
  const rows = list.map((f) => [
    ...(all ? [f.e.namespace] : []),
    eventAge(c.now, f, false),
    f.e.type,
    f.e.reason,
    `${f.e.kind.toLowerCase()}/${f.e.name}`,
    f.e.message.trim(),
  ]);
  return table([[...(all ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], ...rows]);
}

/** `kubectl rollout status` for one check (kubectl/pkg/polymorphichelpers/rollout_status.go). */
export function rolloutStatus(o: KObject): { text: string; done: boolean; error?: boolean } {
  const n = o.metadata.name;
  const st = o.status ?? {};
  const gen = o.metadata.generation ?? 1;
  if (o.kind === 'Deployment') {
    if (gen > (st.observedGeneration ?? 0)) return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
    if (condition(o, 'Progressing')?.reason === 'ProgressDeadlineExceeded')
      return { text: `error: deployment "${n}" exceeded its progress deadline\n`, done: true, error: true };
    const want = o.spec?.replicas ?? 1;
    const updated = st.updatedReplicas ?? 0;
    if (updated < want)
      return { text: `Waiting for deployment "${n}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
    if ((st.replicas ?? 0) > updated)
      return {
        text: `Waiting for deployment "${n}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`,
        done: false,
      };
    if ((st.availableReplicas ?? 0) < updated)
      return {
        text: `Waiting for deployment "${n}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`,
        done: false,
      };
    return { text: `deployment "${n}" successfully rolled out\n`, done: true };
  }
  if (o.kind === 'StatefulSet') {
    if (gen > (st.observedGeneration ?? 0)) return { text: 'Waiting for statefulset spec update to be observed...\n', done: false };
    const want = o.spec?.replicas ?? 1;
    if ((st.readyReplicas ?? 0) < want) return { text: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
    const partition = o.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    if (partition > 0) {
      if ((st.updatedReplicas ?? 0) < want - partition)
        return {
          text: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - partition} new pods have been updated...\n`,
          done: false,
        };
      return { text: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
    }
    if (st.updateRevision !== st.currentRevision)
      return { text: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, done: false };
    return { text: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
  }
  if (o.kind === 'DaemonSet') {
    if (gen > (st.observedGeneration ?? 0)) return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
    const want = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < want)
      return {
        text: `Waiting for daemon set "${n}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${want} new pods have been updated...\n`,
        done: false,
      };
    if ((st.numberAvailable ?? 0) < want)
      return { text: `Waiting for daemon set "${n}" rollout to finish: ${st.numberAvailable ?? 0} of ${want} updated pods are available...\n`, done: false };
    return { text: `daemon set "${n}" successfully rolled out\n`, done: true };
  }
  return { text: `error: no status viewer has been implemented for ${o.kind}\n`, done: true, error: true };
}

/** `kubectl rollout history deployment/NAME`. */
export function rolloutHistory(c: Cluster, d: KObject): string {
  const rsList = c.store.ownedBy(d.metadata.uid).filter((o) => o.kind === 'ReplicaSet');
  const revs = rsList
    .map((rs) => ({
      rev: Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0),
      cause: rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>',
    }))
    .filter((r) => r.rev > 0)
    .sort((a, b) => a.rev - b.rev);
  return `${resourceName(d.kind)}/${d.metadata.name} \n` + table([['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(r.rev), r.cause])], 2);
}

export { formatSelector };
/** The command line's kind aliases live in ./aliases; re-exported for importers of the printers. */
export { KIND_ALIASES } from './aliases';
