// Texts the simulator itself prints (kubectl's own outputs stay in kubectl's English wording).
import type { MessageIds } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';

export const simMessages = defineMessages({
  'sim.request.served': { en: 'request {n} → {pod} ({ip}:{port})', zh: '请求 {n} → {pod}（{ip}:{port}）' },
  'sim.request.noEndpoints': {
    en: 'request {n} → failed: service "{svc}" has no ready endpoints (connection refused)',
    zh: '请求 {n} → 失败：服务 "{svc}" 没有就绪的端点（连接被拒绝）',
  },
  'sim.request.refused': {
    en: 'request {n} → {pod} ({ip}:{port}): connection refused, nothing listens on port {port} in that pod',
    zh: '请求 {n} → {pod}（{ip}:{port}）：连接被拒绝，该 Pod 里没有进程监听端口 {port}',
  },
  'sim.request.servedDirect': {
    en: 'request {n} → {pod} ({ip}:{port}), straight to the pod: no virtual IP',
    zh: '请求 {n} → {pod}（{ip}:{port}），直接到达 Pod：没有虚拟 IP',
  },
  'sim.request.unreachable': {
    en: 'request {n} → {pod} ({ip}:{port}): no answer (connection timed out), its node is down',
    zh: '请求 {n} → {pod}（{ip}:{port}）：没有应答（连接超时），它所在的节点已宕机',
  },
  'sim.request.resolved': { en: '{name} → {ips}', zh: '{name} → {ips}' },
  'sim.request.resolvedHeadless': {
    en: '{name} → {ips} (headless Service: DNS gives the ready pods themselves, no virtual IP)',
    zh: '{name} → {ips}（无头 Service：DNS 直接给出就绪的 Pod，没有虚拟 IP）',
  },
  'sim.request.externalName': {
    en: '{name} is an alias (CNAME) for {cname}, outside the cluster: the simulator sends nothing there',
    zh: '{name} 是 {cname} 的别名（CNAME），在集群之外：模拟器不会向那里发送请求',
  },
  'sim.request.noSuchHost': {
    en: 'could not resolve host: {name} (no Service, and no pod of a headless Service, answers to that name)',
    zh: '无法解析主机：{name}（没有 Service，也没有无头 Service 的 Pod 叫这个名字）',
  },
  'sim.request.nodeLocal': {
    en: 'externalTrafficPolicy: Local: only pods on {node} answer through its side door',
    zh: 'externalTrafficPolicy: Local：只有 {node} 上的 Pod 会经由它的侧门应答',
  },
  'sim.request.nodeDown': {
    en: "request {n} → {ip}:{port}: no answer (connection timed out), node {node} is down; the other nodes' side doors still work",
    zh: '请求 {n} → {ip}:{port}：没有应答（连接超时），节点 {node} 已宕机；其他节点的侧门仍然可用',
  },
  'sim.request.noNodePort': {
    en: 'request {n} → {ip}:{port}: connection refused, no Service has node port {port}',
    zh: '请求 {n} → {ip}:{port}：连接被拒绝，没有 Service 使用节点端口 {port}',
  },
  'sim.request.noRoute': {
    en: 'request {n} → {ip}: no route to host (no Service, node or pod has that address)',
    zh: '请求 {n} → {ip}：没有到主机的路由（没有 Service、节点或 Pod 使用这个地址）',
  },
  'sim.crash.done': {
    en: 'pod/{pod}: container {container} exited with code {code} ({reason})',
    zh: 'pod/{pod}：容器 {container} 以退出码 {code} 退出（{reason}）',
  },
  'sim.crash.none': { en: 'no running container matched', zh: '没有匹配的运行中容器' },
  'sim.node.failed': {
    en: 'node/{node} failed: its kubelet stopped reporting (NotReady after 40s; pods evicted when their 300s toleration ends)',
    zh: 'node/{node} 故障：kubelet 不再上报（40 秒后变为 NotReady；Pod 在 300 秒容忍期结束后被驱逐）',
  },
  'sim.node.recovered': { en: 'node/{node} recovered', zh: 'node/{node} 已恢复' },
  'sim.node.added': { en: 'node/{node} added', zh: '已添加 node/{node}' },
  'sim.node.filled': {
    en: 'node/{node}: outside its pods, {disk} of its disk and {pids} process IDs are now in use',
    zh: 'node/{node}：Pod 之外，现在占用了 {disk} 磁盘空间和 {pids} 个进程号',
  },
  'sim.node.fillUsage': {
    en: 'fill node NODE [--disk SIZE] [--pids N]: give a size such as 85Gi and/or a whole number of processes (0 empties it)',
    zh: 'fill node NODE [--disk 大小] [--pids 数量]：给出大小（如 85Gi）和/或进程数（整数，0 表示清空）',
  },
  'sim.node.unknown': { en: 'Error from server (NotFound): nodes "{node}" not found', zh: '服务器错误（NotFound）：找不到节点 "{node}"' },
  'sim.advance': { en: 'advanced {d} (simulated time is now {t}s)', zh: '时间前进 {d}（模拟时间现为 {t} 秒）' },
  'sim.unknownCommand': { en: 'unknown command: {cmd}', zh: '未知命令：{cmd}' },
  'sim.notSimulated': { en: '{object}: not simulated (kept, but no controller runs it)', zh: '{object}：未模拟（已保留，但没有控制器运行它）' },
  'sim.noContainer.exec': {
    en: "kubectl {verb}: the simulated cluster runs no real containers, so there is no process to enter; use `logs POD` to see what a container printed and `request service/NAME` (or the panel's request button) to send it traffic.",
    zh: 'kubectl {verb}：模拟集群不运行真实容器，没有可以进入的进程；用 `logs POD` 查看容器输出，用 `request service/NAME`（或面板上的请求按钮）向它发送流量。',
  },
  'sim.noContainer.cp': {
    en: 'kubectl cp: the simulated cluster runs no real containers, so there are no files to copy; the files a pod reads come from a ConfigMap or Secret (`get configmap NAME -o yaml`).',
    zh: 'kubectl cp：模拟集群不运行真实容器，没有可复制的文件；Pod 读取的文件来自 ConfigMap 或 Secret（`get configmap NAME -o yaml`）。',
  },
  'sim.noContainer.portForward': {
    en: "kubectl port-forward: the simulated cluster runs no real containers, so nothing listens on a port to forward; use `request service/NAME` (or the panel's request button) to send traffic through the Service.",
    zh: 'kubectl port-forward：模拟集群不运行真实容器，没有监听端口可转发；用 `request service/NAME`（或面板上的请求按钮）经由 Service 发送流量。',
  },
  'sim.badArgs': { en: 'error: {detail}', zh: '错误：{detail}' },
});

/** A typed `Msg` of the simulator's texts. */
export const simMsg = msgOf(simMessages);

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof simMessages> {}
}
