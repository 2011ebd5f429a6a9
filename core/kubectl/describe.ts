// `kubectl describe pod|deployment|service` (k8s.io/kubectl/pkg/describe, kubectl 1.32 wording),
// written as kubectl writes it (tab-separated cells, aligned by ./tabwriter) and the pod template
// block `rollout history --revision=N` prints too. Events are the API server's (folded) Events.
import type { Cluster } from '../cluster/cluster';
import { humanDuration } from '../cluster/clock';
import { asKind, type KObject } from '../cluster/store';
import { formatSelector } from '../k8s/labels';
import { tabwrite } from './tabwriter';
import { eventAge, foldEvents } from './printers';
import { CONFIG_DESCRIBERS } from './describe-config';
import { NODE_DESCRIBERS } from './describe-node';
import { WORKLOAD_DESCRIBERS } from './describe-workloads';
import type {
  Container,
  ContainerState,
  ContainerStatus,
  Deployment,
  Endpoint,
  EndpointSlice,
  PodSpec,
  PodTemplateSpec,
  Probe,
  Service,
  Toleration,
  Volume,
} from '../k8s/types';

/** kubectl's time format in describe (RFC 1123 with a numeric zone, in UTC here). */
export function rfc1123(c: Cluster, iso: string | undefined): string {
  const ms = c.msOf(iso);
  if (ms === undefined) return '<unset>';
  const d = new Date(c.options.epoch + ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${p2(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** `Labels:` (or any map) one `k=v` a line, sorted; `<none>` when empty. */
export function labelsBlock(title: string, m: Record<string, string> | undefined, sep = '=', indent = ''): string {
  const keys = Object.keys(m ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (!keys.length) return `${indent}${title}:\t<none>\n`;
  return keys.map((k, i) => `${i ? '\t' : `${indent}${title}:\t`}${k}${sep}${m![k]}\n`).join('');
}

const portsOf = (ct: Container): string[] => (ct.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
const hostPortsOf = (ct: Container): string[] => (ct.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`);

function portLines(ct: Container, indent: string): string {
  const ports = portsOf(ct);
  if (!ports.length) return `${indent}Port:\t<none>\n${indent}Host Port:\t<none>\n`;
  const many = ports.length > 1 ? 's' : '';
  return `${indent}Port${many}:\t${ports.join(', ')}\n${indent}Host Port${many}:\t${hostPortsOf(ct).join(', ')}\n`;
}

function commandLines(ct: Container, indent: string): string {
  let s = '';
  for (const [title, list] of [
    ['Command', ct.command],
    ['Args', ct.args],
  ] as const) {
    if (!Array.isArray(list) || !list.length) continue;
    s += `${indent}${title}:\n` + list.map((x: string) => `${indent}  ${x}\n`).join('');
  }
  return s;
}

function resourceLines(ct: Container, indent: string): string {
  let s = '';
  for (const [title, m] of [
    ['Limits', ct.resources?.limits],
    ['Requests', ct.resources?.requests],
  ] as const) {
    if (!m || !Object.keys(m).length) continue;
    s +=
      `${indent}${title}:\n` +
      Object.keys(m)
        .sort()
        .map((k) => `${indent}  ${k}:\t${m[k]}\n`)
        .join('');
  }
  return s;
}

function envLines(ct: Container, indent: string): string {
  const env = ct.env ?? [];
  const from = ct.envFrom ?? [];
  let s = '';
  if (from.length) {
    s += `${indent}Environment Variables from:\n`;
    for (const f of from) {
      const [kind, ref] = f.configMapRef ? ['ConfigMap', f.configMapRef] : ['Secret', f.secretRef];
      s += `${indent}  ${ref?.name}\t${kind}\t${f.prefix ? `with prefix '${f.prefix}'` : ''}\tOptional: ${ref?.optional === true}\n`;
    }
  }
  if (!env.length) return s + `${indent}Environment:\t<none>\n`;
  s += `${indent}Environment:\n`;
  for (const e of env) {
    const v = e.valueFrom;
    if (!v) s += `${indent}  ${e.name}:\t${e.value ?? ''}\n`;
    else if (v.secretKeyRef)
      s += `${indent}  ${e.name}:\t<set to the key '${v.secretKeyRef.key}' in secret '${v.secretKeyRef.name}'>\tOptional: ${v.secretKeyRef.optional === true}\n`;
    else if (v.configMapKeyRef)
      s += `${indent}  ${e.name}:\t<set to the key '${v.configMapKeyRef.key}' of config map '${v.configMapKeyRef.name}'>\tOptional: ${v.configMapKeyRef.optional === true}\n`;
    else if (v.fieldRef) s += `${indent}  ${e.name}:\t (${v.fieldRef.apiVersion ?? 'v1'}:${v.fieldRef.fieldPath})\n`;
    else if (v.resourceFieldRef) s += `${indent}  ${e.name}:\t${v.resourceFieldRef.resource}\n`;
  }
  return s;
}

function mountLines(ct: Container, indent: string): string {
  const mounts = ct.volumeMounts ?? [];
  if (!mounts.length) return `${indent}Mounts:\t<none>\n`;
  return (
    `${indent}Mounts:\n` +
    mounts.map((m) => `${indent}  ${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path="${m.subPath}"` : ''})\n`).join('')
  );
}

export function volumeLines(vols: Volume[] | undefined, indent: string): string {
  if (!vols?.length) return `${indent}Volumes:\t<none>\n`;
  let s = `${indent}Volumes:\n`;
  for (const v of vols) {
    s += `${indent}  ${v.name}:\n`;
    const i2 = `${indent}    `;
    if (v.configMap)
      s += `${i2}Type:\tConfigMap (a volume populated by a ConfigMap)\n${i2}Name:\t${v.configMap.name}\n${i2}Optional:\t${v.configMap.optional === true}\n`;
    else if (v.secret)
      s += `${i2}Type:\tSecret (a volume populated by a Secret)\n${i2}SecretName:\t${v.secret.secretName}\n${i2}Optional:\t${v.secret.optional === true}\n`;
    else if (v.emptyDir)
      s += `${i2}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n${i2}Medium:\t${v.emptyDir.medium ?? ''}\n${i2}SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`;
    else if (v.persistentVolumeClaim)
      s += `${i2}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n${i2}ClaimName:\t${v.persistentVolumeClaim.claimName}\n${i2}ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`;
    else s += `${i2}Type:\t${Object.keys(v).find((k) => k !== 'name') ?? '<unknown>'}\n`;
  }
  return s;
}

function stateLines(c: Cluster, title: string, st: ContainerState | undefined, indent: string): string {
  if (st?.running) return `${indent}${title}:\tRunning\n${indent}  Started:\t${rfc1123(c, st.running.startedAt)}\n`;
  if (st?.waiting) return `${indent}${title}:\tWaiting\n${st.waiting.reason ? `${indent}  Reason:\t${st.waiting.reason}\n` : ''}`;
  if (st?.terminated) {
    const t = st.terminated;
    return (
      `${indent}${title}:\tTerminated\n${indent}  Reason:\t${t.reason ?? ''}\n` +
      (t.message ? `${indent}  Message:\t${t.message}\n` : '') +
      `${indent}  Exit Code:\t${t.exitCode ?? 0}\n` +
      (t.signal ? `${indent}  Signal:\t${t.signal}\n` : '') +
      `${indent}  Started:\t${rfc1123(c, t.startedAt)}\n${indent}  Finished:\t${rfc1123(c, t.finishedAt)}\n`
    );
  }
  return title === 'State' ? `${indent}${title}:\tWaiting\n` : '';
}

function probeLine(title: string, p: Probe | undefined, indent: string): string {
  if (!p) return '';
  const how = p.httpGet
    ? `http-get ${p.httpGet.scheme === 'HTTPS' ? 'https' : 'http'}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? ''}`
    : p.tcpSocket
      ? `tcp-socket :${p.tcpSocket.port}`
      : p.exec
        ? `exec [${(p.exec.command ?? []).join(' ')}]`
        : 'unknown';
  return `${indent}${title}:\t${how} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}\n`;
}

/** The `Containers:` block of a running pod. */
function podContainers(c: Cluster, title: string, specs: Container[], statuses: ContainerStatus[]): string {
  if (!specs.length) return '';
  let s = `${title}:\n`;
  for (const ct of specs) {
    const st = statuses.find((x) => x.name === ct.name);
    s += `  ${ct.name}:\n`;
    if (st) s += `    Container ID:\t${st.containerID ?? ''}\n`;
    s += `    Image:\t${ct.image}\n`;
    if (st) s += `    Image ID:\t${st.imageID ?? ''}\n`;
    s += portLines(ct, '    ') + commandLines(ct, '    ');
    s += stateLines(c, 'State', st?.state, '    ');
    if (st?.lastState && Object.keys(st.lastState).length) s += stateLines(c, 'Last State', st.lastState, '    ');
    if (st) s += `    Ready:\t${st.ready ? 'True' : 'False'}\n    Restart Count:\t${st.restartCount ?? 0}\n`;
    s +=
      resourceLines(ct, '    ') +
      probeLine('Liveness', ct.livenessProbe, '    ') +
      probeLine('Readiness', ct.readinessProbe, '    ') +
      probeLine('Startup', ct.startupProbe, '    ');
    s += envLines(ct, '    ') + mountLines(ct, '    ');
  }
  return s;
}

/** The `Pod Template:` block of a workload (and of `rollout history --revision=N`). */
export function podTemplate(tpl: PodTemplateSpec | undefined, indent = '  '): string {
  const spec: Partial<PodSpec> = tpl?.spec ?? {};
  let s = labelsBlock('Labels', tpl?.metadata?.labels, '=', indent);
  const ann = tpl?.metadata?.annotations;
  if (ann && Object.keys(ann).length) s += labelsBlock('Annotations', ann, ': ', indent);
  if (spec.serviceAccountName) s += `${indent}Service Account:\t${spec.serviceAccountName}\n`;
  for (const [title, list] of [
    ['Init Containers', spec.initContainers],
    ['Containers', spec.containers],
  ] as const) {
    if (!list?.length) continue;
    s += `${indent}${title}:\n`;
    for (const ct of list) {
      s +=
        `${indent} ${ct.name}:\n${indent}  Image:\t${ct.image}\n` +
        portLines(ct, `${indent}  `) +
        commandLines(ct, `${indent}  `) +
        resourceLines(ct, `${indent}  `);
      s +=
        probeLine('Liveness', ct.livenessProbe, `${indent}  `) +
        probeLine('Readiness', ct.readinessProbe, `${indent}  `) +
        envLines(ct, `${indent}  `) +
        mountLines(ct, `${indent}  `);
    }
  }
  s += volumeLines(spec.volumes, indent);
  s += `${indent}Node-Selectors:\t${formatMap(spec.nodeSelector)}\n${indent}Tolerations:\t${tolerations(spec.tolerations, `${indent}\t`)}\n`;
  return s;
}

export const formatMap = (m: Record<string, string> | undefined) =>
  Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${m![k]}`)
    .join(',') || '<none>';

export function tolerations(list: Toleration[] | undefined, cont: string): string {
  if (!list?.length) return '<none>';
  // kubectl sorts them by key (printTolerationsMultilineWithIndent); the sort is stable.
  return [...list]
    .sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0))
    .map((t) => {
      let s = t.key ?? '';
      if (t.value) s += `=${t.value}`;
      if (t.effect) s += `:${t.effect}`;
      if (t.operator === 'Exists' && !t.value) s += ' op=Exists';
      if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
      return s;
    })
    .join(`\n${cont}`);
}

/** The object's Events block (the folded API Events whose involvedObject is this object). */
export function eventsBlock(c: Cluster, o: KObject): string {
  const ns = o.metadata.namespace ?? 'default';
  const evs = foldEvents(c, (e) => e.kind === o.kind && e.name === o.metadata.name && (o.kind === 'Node' || e.namespace === ns));
  if (!evs.length) return 'Events:\t<none>\n';
  let s = 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n';
  for (const f of evs) {
    s += `  ${f.e.type}\t${f.e.reason}\t${eventAge(c.now, f, true)}\t${f.e.source.split('/')[0] || 'kube-dorm'}\t${f.e.message.trim()}\n`;
  }
  return s;
}

export const header = (c: Cluster, o: KObject, created = true) =>
  `Name:\t${o.metadata.name}\nNamespace:\t${o.metadata.namespace ?? 'default'}\n${created ? `CreationTimestamp:\t${rfc1123(c, o.metadata.creationTimestamp)}\n` : ''}`;

function describePod(c: Cluster, o: KObject): string {
  const p = asKind(o, 'Pod');
  if (!p) return '';
  const st = p.status ?? {};
  let s = `Name:\t${p.metadata.name}\nNamespace:\t${p.metadata.namespace ?? 'default'}\n`;
  if (p.spec?.priority !== undefined) s += `Priority:\t${p.spec.priority}\n`;
  if (p.spec?.priorityClassName) s += `Priority Class Name:\t${p.spec.priorityClassName}\n`;
  if (p.spec?.serviceAccountName) s += `Service Account:\t${p.spec.serviceAccountName}\n`;
  s += `Node:\t${p.spec?.nodeName ? `${p.spec.nodeName}${st.hostIP ? `/${st.hostIP}` : ''}` : '<none>'}\n`;
  if (st.startTime) s += `Start Time:\t${rfc1123(c, st.startTime)}\n`;
  s += labelsBlock('Labels', p.metadata.labels) + labelsBlock('Annotations', p.metadata.annotations, ': ');
  s += p.metadata.deletionTimestamp
    ? `Status:\tTerminating (lasts ${humanDuration(c.now - (c.msOf(p.metadata.deletionTimestamp) ?? 0))})\n`
    : `Status:\t${st.phase ?? 'Pending'}\n`;
  if (st.reason) s += `Reason:\t${st.reason}\n`;
  if (st.message) s += `Message:\t${st.message}\n`;
  s += `IP:\t${st.podIP ?? ''}\n`;
  const ips = st.podIPs ?? [];
  s += ips.length ? `IPs:\n${ips.map((x) => `  IP:\t${x.ip}\n`).join('')}` : 'IPs:\t<none>\n';
  const owner = (p.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (owner) s += `Controlled By:\t${owner.kind}/${owner.name}\n`;
  s += podContainers(c, 'Init Containers', p.spec?.initContainers ?? [], st.initContainerStatuses ?? []);
  s += podContainers(c, 'Containers', p.spec?.containers ?? [], st.containerStatuses ?? []);
  const conds = st.conditions ?? [];
  if (conds.length) s += 'Conditions:\n  Type\tStatus\n' + conds.map((x) => `  ${x.type} \t${x.status} \n`).join('');
  s += volumeLines(p.spec?.volumes, '');
  s += `QoS Class:\t${st.qosClass ?? 'BestEffort'}\nNode-Selectors:\t${formatMap(p.spec?.nodeSelector)}\nTolerations:\t${tolerations(p.spec?.tolerations, '\t')}\n`;
  return s + eventsBlock(c, p);
}

function describeDeployment(c: Cluster, o: KObject): string {
  const d = asKind(o, 'Deployment');
  if (!d) return '';
  const st = d.status ?? {};
  const spec: Partial<Deployment['spec']> = d.spec ?? {};
  let s = header(c, d) + labelsBlock('Labels', d.metadata.labels) + labelsBlock('Annotations', d.metadata.annotations, ': ');
  s += `Selector:\t${formatSelector(spec.selector) || '<none>'}\n`;
  s += `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`;
  if (spec.paused) s += 'Pause:\ttrue\n';
  s += `StrategyType:\t${spec.strategy?.type ?? 'RollingUpdate'}\nMinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`;
  const ru = spec.strategy?.rollingUpdate;
  if (ru) s += `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge\n`;
  s += 'Pod Template:\n' + podTemplate(spec.template);
  const conds = st.conditions ?? [];
  if (conds.length)
    s += 'Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n' + conds.map((x) => `  ${x.type} \t${x.status}\t${x.reason ?? ''}\n`).join('');
  const rsList = c.store.ownedBy(d.metadata.uid).filter((o) => o.kind === 'ReplicaSet');
  const rev = (x: KObject) => Number(x.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const newest = rsList.reduce<KObject | undefined>((a, b) => (!a || rev(b) > rev(a) ? b : a), undefined);
  const rsLine = (x: KObject) => `${x.metadata.name} (${x.status?.replicas ?? 0}/${x.spec?.replicas ?? 0} replicas created)`;
  // kubectl lists them oldest first (ReplicaSetsByCreationTimestamp: seconds, then name).
  const created = (x: KObject) => Math.floor(Date.parse(x.metadata.creationTimestamp ?? '') / 1000) || 0;
  const old = rsList.filter((x) => x !== newest).sort((a, b) => created(a) - created(b) || (a.metadata.name < b.metadata.name ? -1 : 1));
  s += `OldReplicaSets:\t${old.length ? old.map(rsLine).join(', ') : '<none>'}\nNewReplicaSet:\t${newest ? rsLine(newest) : '<none>'}\n`;
  return s + eventsBlock(c, d);
}

function describeService(c: Cluster, o: KObject): string {
  const svc = asKind(o, 'Service');
  if (!svc) return '';
  const spec: Service['spec'] = svc.spec ?? {};
  let s =
    `Name:\t${svc.metadata.name}\nNamespace:\t${svc.metadata.namespace ?? 'default'}\n` +
    labelsBlock('Labels', svc.metadata.labels) +
    labelsBlock('Annotations', svc.metadata.annotations, ': ');
  s += `Selector:\t${formatMap(spec.selector)}\nType:\t${spec.type ?? 'ClusterIP'}\n`;
  if (spec.ipFamilyPolicy) s += `IP Family Policy:\t${spec.ipFamilyPolicy}\n`;
  if (spec.ipFamilies?.length) s += `IP Families:\t${spec.ipFamilies.join(',')}\n`;
  s += `IP:\t${spec.clusterIP ?? ''}\nIPs:\t${(spec.clusterIPs ?? [spec.clusterIP]).join(',')}\n`;
  if (spec.externalIPs?.length) s += `External IPs:\t${spec.externalIPs.join(',')}\n`;
  const ing = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname);
  if (ing.length) s += `LoadBalancer Ingress:\t${ing.join(', ')}\n`;
  // kubectl 1.32 reads the Service's EndpointSlices (labelled kubernetes.io/service-name), not its Endpoints.
  const slices = c
    .list('EndpointSlice', svc.metadata.namespace)
    .map((x) => asKind(x, 'EndpointSlice'))
    .filter((x): x is EndpointSlice => x?.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const p of spec.ports ?? []) {
    s += `Port:\t${p.name || '<unset>'}\t${p.port}/${p.protocol ?? 'TCP'}\n`;
    const tp = p.targetPort ?? p.port;
    s += `TargetPort:\t${tp}/${p.protocol ?? 'TCP'}\n`;
    if (p.nodePort) s += `NodePort:\t${p.name || '<unset>'}\t${p.nodePort}/${p.protocol ?? 'TCP'}\n`;
    s += `Endpoints:\t${sliceEndpoints(slices, p.name ?? '')}\n`;
  }
  s += `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`;
  if (spec.externalTrafficPolicy) s += `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`;
  if (spec.internalTrafficPolicy) s += `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`;
  return s + eventsBlock(c, svc);
}

/**
 * `ip:port` of the ready endpoints serving one Service port, as kubectl's formatEndpointSlices
 * prints them: three shown, then "+ N more..."; a slice without ports lists bare addresses.
 */
function sliceEndpoints(slices: EndpointSlice[], portName: string): string {
  if (!slices.length) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  const visit = (e: Endpoint, port?: number) => {
    if (list.length === max) more = true;
    if (e?.conditions?.ready === false) return;
    if (!more) list.push(port === undefined ? e.addresses?.[0] : `${e.addresses?.[0]}:${port}`);
    count++;
  };
  for (const sl of slices) {
    const eps = Array.isArray(sl.endpoints) ? sl.endpoints : [];
    if (!Array.isArray(sl.ports) || !sl.ports.length) for (const e of eps) visit(e);
    else for (const p of sl.ports) if ((p?.name ?? '') === portName) for (const e of eps) visit(e, p.port);
  }
  return more ? `${list.join(',')} + ${count - max} more...` : list.join(',');
}

/** The describers there are, by kind. */
export const DESCRIBERS: Record<string, (c: Cluster, o: KObject) => string> = {
  Pod: describePod,
  Deployment: describeDeployment,
  Service: describeService,
  ...WORKLOAD_DESCRIBERS,
  ...CONFIG_DESCRIBERS,
  ...NODE_DESCRIBERS,
};

/**
 * `kubectl describe` of these objects. kubectl separates them by two blank lines, but by one
 * when they were found by a name prefix (`prefixed`).
 */
export function describe(c: Cluster, objs: KObject[], prefixed = false): string {
  return objs.map((o) => tabwrite(DESCRIBERS[o.kind](c, o))).join(prefixed ? '\n' : '\n\n') + '\n';
}
