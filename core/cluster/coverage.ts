// "Say what is not simulated": finds the fields of an applied object that the simulator does not
// model (coverage-table.ts), so `kube-dorm simulate`, the panel and `kube-dorm serve` (a `Warning:`
// header, as the API server sends for deprecated fields) can name them instead of silently doing
// something a real cluster never would.
import type { MessageIds } from '../manifest/types';
import { defineMessages, msgOf, t, type Locale } from '../i18n/index';
import { innermost, kindsNamed, lookupKind, typeInfo, type FieldType } from '../schema/catalog';
import { COVERAGE, type FieldClass, type NotSim, type Why } from './coverage-table';
import { canonicalJson } from './rng';
import { isObj } from '../k8s/guards';

export { COVERAGE, type FieldClass, type NotSim, type Why } from './coverage-table';

/** What the simulator does instead, per sentence id of the table. */
const WHY: Record<Why, { en: string; zh: string }> = {
  spreadPolicy: {
    en: "domains are counted as with the defaults (nodes matching the pod's node affinity, taints ignored)",
    zh: '按默认方式统计拓扑域（只算符合 Pod 节点亲和性的节点，忽略污点）',
  },
  affinityKeys: { en: 'the term selects pods by its labelSelector alone', zh: '该条件只按 labelSelector 选择 Pod' },
  priority: { en: 'every pod has the same priority and nothing is preempted', zh: '所有 Pod 优先级相同，不会抢占' },
  gates: { en: 'the pod is scheduled as if it were absent', zh: '调度时当作没有它' },
  schedulerName: {
    en: 'the default scheduler places the pod anyway (a real cluster leaves it Pending)',
    zh: '仍由默认调度器放置（真实集群中它会一直 Pending）',
  },
  probeOther: { en: 'the probe behaves as with the defaults', zh: '探针按默认值工作' },
  lifecycle: { en: 'hooks are not run: containers start and stop as if it were absent', zh: '钩子不会运行：容器的启动和停止当作没有它' },
  securityContext: {
    en: 'containers start as if it were absent (no runAsNonRoot check, no capabilities)',
    zh: '容器启动时当作没有它（不检查 runAsNonRoot，没有 capabilities）',
  },
  volume: { en: 'no storage is attached: the volume mounts as an empty directory', zh: '不挂载真实存储：卷当作空目录挂载' },
  hostPath: { en: 'nothing of the node is shared: the volume mounts as an empty directory', zh: '不共享节点上的文件：卷当作空目录挂载' },
  hostNetwork: { en: 'the pod gets its own pod IP as if it were absent', zh: 'Pod 仍有自己的 Pod IP，当作没有它' },
  hostPort: { en: "nothing answers on the node's port", zh: '节点的这个端口上没有进程应答' },
  dns: { en: "names resolve with the cluster's default DNS setup", zh: '域名按集群默认的 DNS 设置解析' },
  pullSecrets: { en: 'images pull without credentials', zh: '拉取镜像时不使用凭据' },
  serviceAccount: { en: 'the pod starts without checking that the ServiceAccount exists', zh: 'Pod 启动时不检查 ServiceAccount 是否存在' },
  podDeadline: { en: 'the pod runs without a deadline', zh: 'Pod 运行没有期限' },
  podResources: { en: "only the containers' requests and limits count", zh: '只计算各容器的 requests 和 limits' },
  resize: { en: 'resources cannot be resized in place', zh: '不能原地调整资源' },
  claims: { en: 'no dynamic resources are allocated: the pod runs as if it were absent', zh: '不分配动态资源：Pod 当作没有它运行' },
  ephemeral: { en: 'ephemeral containers are not run', zh: '临时容器不会运行' },
  readinessGates: { en: 'pod readiness looks only at its containers', zh: 'Pod 是否就绪只看它的容器' },
  runtimeClass: { en: 'pods run with the default runtime', zh: 'Pod 使用默认的运行时' },
  restartRules: { en: "containers restart by the pod's restartPolicy", zh: '容器按 Pod 的 restartPolicy 重启' },
  devices: { en: 'no block device is attached', zh: '不挂载块设备' },
  finalizers: { en: 'objects are deleted at once, without waiting for finalizers', zh: '对象立即删除，不等待 finalizer' },
  managedBy: { en: 'the built-in Job controller runs it anyway', zh: '仍由内置的 Job 控制器运行' },
  manualSelector: { en: 'the Job selects its pods by its own controller-uid label', zh: 'Job 仍按自己的 controller-uid 标签选择 Pod' },
  minReady: { en: 'pods count as available as soon as they are ready', zh: 'Pod 一就绪就算可用' },
  ordinals: { en: 'ordinals start at 0', zh: '序号从 0 开始' },
  stsMaxUnavailable: { en: 'pods are updated one at a time', zh: 'Pod 一次更新一个' },
  dsMaxSurge: { en: 'the old pod goes before the new one starts (maxSurge 0)', zh: '先删旧 Pod 再启动新 Pod（maxSurge 0）' },
  sessionAffinity: { en: 'requests go round-robin as with None', zh: '请求按 None 的方式轮询分发' },
  trafficPolicy: { en: 'traffic goes to every ready endpoint in the cluster', zh: '流量发给集群中所有就绪的端点' },
  externalIPs: { en: 'nothing answers on those addresses', zh: '这些地址上没有应答' },
  externalName: { en: 'no DNS alias is served for it', zh: '不为它提供 DNS 别名' },
  lbOptions: { en: 'a load balancer address comes from --lb-pool, or stays <pending>', zh: '负载均衡地址来自 --lb-pool，否则一直 <pending>' },
  reclaim: { en: 'no volume outlives its claim (Delete)', zh: '卷不会比它的 PVC 留得更久（Delete）' },
  storageTopology: { en: 'volumes can be used on every node', zh: '卷在每个节点上都能用' },
  claimSource: { en: 'the claim is bound at once to a new, empty volume', zh: 'PVC 立即绑定到一个新的空卷' },
  immutable: { en: 'changes are accepted as if it were absent', zh: '修改仍被接受，当作没有它' },
};

const messages = defineMessages({
  'sim.field.notSimulated': { en: '{path} is not simulated: {what}', zh: '{path} 未模拟：{what}' },
  'sim.field.notSimulatedIn': { en: '{kind} {path} is not simulated: {what}', zh: '{kind} 的 {path} 未模拟：{what}' },
});
const msg = msgOf(messages);

/** One not-simulated field of an object: its kind, its path as `kubectl explain` names it, and why. */
export interface FieldNotice {
  kind: string;
  /** `spec.template.spec.affinity.podAntiAffinity` (no list indices). */
  path: string;
  why: Why;
}

/** The sentence for `why`, in `L`. */
export function whyText(why: Why, L: Locale): string {
  return L === 'zh-cn' ? WHY[why].zh : WHY[why].en;
}

/** `spec.template.spec.activeDeadlineSeconds is not simulated: the pod runs without a deadline` (the API server's Warning text). */
export function noticeText(n: FieldNotice, L: Locale, withKind = false): string {
  const what = whyText(n.why, L);
  return t(withKind ? msg('sim.field.notSimulatedIn', { kind: n.kind, path: n.path, what }) : msg('sim.field.notSimulated', { path: n.path, what }), L);
}

/** Whether a value is absent to the API server (null, '', empty list or map). */
function empty(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)
  );
}

function honoured(c: NotSim, v: unknown): boolean {
  return !!c.ok && c.ok.some((x) => canonicalJson(x) === canonicalJson(v));
}

/** The not-simulated fields `o` uses (each path once), walking the object beside its schema type. */
export function notSimulatedFields(o: unknown): FieldNotice[] {
  const kind = isObj(o) && typeof o.kind === 'string' ? o.kind : '';
  const info = (isObj(o) && typeof o.apiVersion === 'string' ? lookupKind(o.apiVersion, kind) : undefined) ?? kindsNamed(kind)[0];
  if (!info || !COVERAGE[info.type]) return [];
  const out = new Map<string, FieldNotice>();
  const walk = (v: unknown, type: FieldType, path: string): void => {
    if (v === null || typeof v !== 'object') return;
    if (type.kind === 'array' || type.kind === 'map') {
      for (const x of Object.values(v)) walk(x, type.of, path);
      return;
    }
    if (type.kind !== 'ref') return;
    const row = COVERAGE[type.name];
    const ti = typeInfo(type.name);
    if (!row || !ti) return;
    for (const [k, x] of Object.entries(v)) {
      const cls = row[k];
      const f = ti.fields.get(k);
      if (!cls || !f || empty(x)) continue;
      const p = path ? `${path}.${k}` : k;
      if (cls === 'S') walk(x, f.type, p);
      else if (cls !== 'I' && !honoured(cls, x) && !out.has(p)) out.set(p, { kind, path: p, why: cls.why });
    }
  };
  walk(o, { kind: 'ref', name: info.type }, '');
  return [...out.values()];
}

/** The classes of every catalog type reachable from `type` through simulated fields (for the coverage test and docs). */
export function walkCoverage(type: string, visit: (type: string, field: string, cls: FieldClass | undefined, path: string) => void): void {
  const seen = new Set<string>();
  const go = (t: string, path: string): void => {
    if (seen.has(t)) return;
    seen.add(t);
    const ti = typeInfo(t);
    if (!ti) return;
    for (const f of ti.fields.values()) {
      const cls = COVERAGE[t]?.[f.name];
      const p = path ? `${path}.${f.name}` : f.name;
      visit(t, f.name, cls, p);
      const inner = innermost(f.type);
      if (cls === 'S' && inner.kind === 'ref') go(inner.name, p);
    }
  };
  go(type, '');
}

/** The kinds the simulator runs, with the apiVersion whose schema the table classifies. */
export const COVERED_KINDS: [string, string][] = [
  ['v1', 'Pod'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['v1', 'Service'],
  ['v1', 'PersistentVolumeClaim'],
  ['storage.k8s.io/v1', 'StorageClass'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'Node'],
  ['v1', 'Namespace'],
];

/** docs/simulator.md's list: the not-simulated fields at their first path from the kinds above, siblings with the same sentence on one line. */
export function notSimulatedDocLines(L: Locale): string[] {
  const groups = new Map<string, { kind: string; parent: string; fields: string[]; why: Why }>();
  const done = new Set<string>();
  for (const [apiVersion, kind] of COVERED_KINDS) {
    const k = lookupKind(apiVersion, kind);
    if (!k) continue;
    walkCoverage(k.type, (type, field, cls, path) => {
      if (!cls || cls === 'S' || cls === 'I' || done.has(`${type}.${field}`)) return;
      done.add(`${type}.${field}`);
      const parent = path.slice(0, path.length - field.length);
      const key = `${kind} ${parent} ${cls.why}`;
      const g = groups.get(key);
      if (g) g.fields.push(field);
      else groups.set(key, { kind, parent, fields: [field], why: cls.why });
    });
  }
  return [...groups.values()].map((g) => {
    const fields = g.fields.length > 1 ? `{${g.fields.join(',')}}` : g.fields[0];
    return `- ${g.kind} \`${g.parent}${fields}\`: ${whyText(g.why, L)}`;
  });
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
