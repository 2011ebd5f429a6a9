// Texts of the "Simulate manifest" side panel (buttons, headings, hints), in English and Chinese.
// The host renders them for the reader's language and sends the table to the webview with `init`.
import type { MessageIds } from '../manifest/types';
import { defineMessages, msgOf, renderAll, type Locale } from '../i18n/index';
import { whyMessages } from './why';

const panelMessages = defineMessages({
  'panel.title': { en: 'Kube Dorm: Simulation', zh: 'Kube Dorm：模拟' },
  'panel.play': { en: 'Play', zh: '播放' },
  'panel.pause': { en: 'Pause', zh: '暂停' },
  'panel.step': { en: 'Step 1 s', zh: '前进 1 秒' },
  'panel.speed': { en: 'Speed', zh: '速度' },
  'panel.reset': { en: 'Reset', zh: '重置' },
  'panel.time': { en: 'Simulated time', zh: '模拟时间' },
  'panel.view.dorm': { en: 'Dorm', zh: '宿舍' },
  'panel.view.table': { en: 'kubectl get', zh: 'kubectl get' },
  'panel.language': { en: 'Language', zh: '语言' },
  'panel.language.auto': { en: 'Follow VS Code', zh: '跟随 VS Code' },
  'panel.buildings': { en: 'Buildings (nodes)', zh: '宿舍楼（节点）' },
  'panel.lobby': { en: 'Waiting in the lobby (not scheduled)', zh: '大厅等待中（未调度）' },
  'panel.workloads': { en: 'Managers (workloads)', zh: '管理员（工作负载）' },
  'panel.services': { en: 'Dispatch centres (Services)', zh: '外卖调度中心（Service）' },
  'panel.configs': { en: 'Safes, notice boards and lockers (Secrets, ConfigMaps, claims)', zh: '保险箱、公告板和储物柜（Secret、ConfigMap、PVC）' },
  'panel.timeline': { en: 'Timeline (events)', zh: '时间线（事件）' },
  'panel.output': { en: 'Output', zh: '输出' },
  'panel.empty': {
    en: 'Nothing simulated yet: run "Kube Dorm: Simulate Manifest" on a manifest.',
    zh: '还没有模拟任何内容：对清单运行“Kube Dorm：模拟清单”。',
  },
  'panel.refused': { en: 'The API server refused part of the manifest. Fix the line and save:', zh: 'API 服务器拒绝了清单的一部分。请修改该行并保存：' },
  'panel.applied': { en: 'Applied', zh: '已应用' },
  'panel.openLine': { en: 'Go to line {line}', zh: '跳到第 {line} 行' },
  'panel.notSimulated': { en: 'Kept but not simulated: {list}', zh: '已保留但未模拟：{list}' },
  'panel.pod.delete': { en: 'Delete pod', zh: '删除 Pod' },
  'panel.pod.crash': { en: 'Crash a container', zh: '让容器崩溃' },
  'panel.pod.oom': { en: 'Push over its memory limit', zh: '超出内存上限' },
  'panel.pod.selected': { en: 'Selected room', zh: '选中的房间' },
  'panel.pod.none': { en: 'Click a room to select it (Delete, C = crash, M = memory).', zh: '点击房间即可选中（Delete 删除，C 崩溃，M 内存超限）。' },
  'panel.scale': { en: 'Scale', zh: '扩缩容' },
  'panel.setImage': { en: 'Set image', zh: '设置镜像' },
  'panel.rollback': { en: 'Roll back', zh: '回滚' },
  'panel.canary': { en: 'Canary', zh: '金丝雀' },
  'panel.node.add': { en: 'Add a building', zh: '加一栋楼' },
  'panel.node.fail': { en: 'Fail', zh: '故障' },
  'panel.node.recover': { en: 'Recover', zh: '恢复' },
  'panel.node.cordon': { en: 'Cordon', zh: '封锁' },
  'panel.node.uncordon': { en: 'Uncordon', zh: '解除封锁' },
  'panel.svc.request': { en: 'Send 5 requests', zh: '发送 5 个请求' },
  'panel.svc.selector': { en: 'Switch selector', zh: '切换选择器' },
  'panel.svc.endpoints': { en: 'Ready rooms', zh: '就绪的房间' },
  'panel.svc.noEndpoints': { en: 'no ready room', zh: '没有就绪的房间' },
  'panel.owner': { en: 'This is the cluster of {owner}: the lesson checks what you do here.', zh: '这是「{owner}」的集群：你在这里的操作会被课程检查。' },
  'panel.svc.more': { en: '+{n} more', zh: '还有 {n} 间' },
  'panel.svc.showRoom': { en: 'Show room {name} in the dorm', zh: '在宿舍里找到房间 {name}' },
  'panel.svc.servedBy': { en: 'Take-out orders from dispatch centre (Service): {services}', zh: '接单的外卖调度中心（Service）：{services}' },
  'panel.secret.reveal': { en: 'Reveal', zh: '显示' },
  'panel.secret.hidden': { en: 'hidden', zh: '已隐藏' },
  'panel.kubectl': { en: 'kubectl command', zh: 'kubectl 命令' },
  'panel.run': { en: 'Run', zh: '运行' },
  'panel.prompt.image': { en: 'New image for {name}', zh: '{name} 的新镜像' },
  'panel.prompt.replicas': { en: 'Replicas for {name}', zh: '{name} 的副本数' },
  'panel.prompt.selector': { en: 'New selector for {name} (key=value,...)', zh: '{name} 的新选择器（key=value,...）' },
  // The pictures (webview/panel/pictures*.ts): what each shows, as its text alternative.
  'pic.rollout': {
    en: 'Rollout of {name} over {span}: desired {desired}, updated {updated}, ready {ready}, available {available} now',
    zh: '{name} 的滚动更新（{span}）：现在期望 {desired}，已更新 {updated}，就绪 {ready}，可用 {available}',
  },
  'pic.desired': { en: 'desired', zh: '期望' },
  'pic.updated': { en: 'updated', zh: '已更新' },
  'pic.ready': { en: 'ready', zh: '就绪' },
  'pic.available': { en: 'available', zh: '可用' },
  'pic.counter': {
    en: 'Dispatch centre {name}: orders go to {ready} ready rooms; {notReady} rooms get none (not ready)',
    zh: '外卖调度中心 {name}：订单送往 {ready} 间就绪的房间；{notReady} 间房间没准备好，不接单',
  },
  'pic.roomReady': { en: 'Room {name} takes orders (ready). Enter: show it in the dorm', zh: '房间 {name} 接单（就绪）。回车：在宿舍里找到它' },
  'pic.roomNotReady': { en: 'Room {name} takes no orders (not ready). Enter: show it in the dorm', zh: '房间 {name} 不接单（未就绪）。回车：在宿舍里找到它' },
  'pic.served': { en: 'Room {name} answered {n} orders', zh: '房间 {name} 接了 {n} 单' },
  'pic.more': { en: '+{n} more', zh: '还有 {n} 个' },
  'pic.uses': {
    en: 'Who uses what: {things} lockers, notice boards and safes, {rooms} rooms',
    zh: '谁在用什么：{things} 个储物柜、公告板和保险箱，{rooms} 间房间',
  },
  'pic.board': { en: 'Notice board {name} (ConfigMap), used by {n} rooms', zh: '公告板 {name}（ConfigMap），{n} 间房间在用' },
  'pic.safe': { en: 'Safe {name} (Secret), used by {n} rooms', zh: '保险箱 {name}（Secret），{n} 间房间在用' },
  'pic.locker': {
    en: 'Locker {name} (PersistentVolumeClaim, {phase}), used by {n} rooms',
    zh: '储物柜 {name}（PersistentVolumeClaim，{phase}），{n} 间房间在用',
  },
  'pic.ownLocker': {
    en: "Locker {name} (volume, {phase}): room {room}'s own, gone with the room",
    zh: '储物柜 {name}（卷，{phase}）：宿舍 {room} 自己的，随宿舍一起消失',
  },
  'pic.missing': { en: 'missing', zh: '不存在' },
  'pic.room': { en: 'Room {name} uses {things}. Enter: show it in the dorm', zh: '房间 {name} 在用 {things}。回车：在宿舍里找到它' },
  'pic.dns': { en: 'DNS name: {dns}', zh: 'DNS 名称：{dns}' },
  // A roommate's power limiter (limits.cpu): at its limit, the roommate is throttled, never cut off.
  'pic.limiter': { en: 'Power limiter of {container}: {limit} CPU, not reached', zh: '{container} 的限电器：CPU {limit}，没有顶到' },
  'pic.limiterUnknown': {
    en: 'Power limiter of {container}: {limit} CPU (whether it holds the roommate back is known only in the simulator)',
    zh: '{container} 的限电器：CPU {limit}（是否在限流只有模拟器知道）',
  },
  'pic.limiterThrottled': {
    en: 'Power limiter of {container}: at its limit of {limit} CPU, throttled (it runs slower, never cut off)',
    zh: '{container} 的限电器：顶在 CPU 限额 {limit}，被限流（运行变慢，但不会断电）',
  },
  'panel.invalid': { en: 'The panel sent a message the extension does not accept ({detail}).', zh: '面板发送了扩展不接受的消息（{detail}）。' },
});

/** A typed `Msg` of the panel's texts. */
export const panelMsg = msgOf(panelMessages);

/** The whole table rendered for one locale, as the webview receives it. */
export function panelStrings(locale: Locale): Record<string, string> {
  return { ...renderAll(panelMessages, locale), ...renderAll(whyMessages, locale) };
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof panelMessages> {}
}
