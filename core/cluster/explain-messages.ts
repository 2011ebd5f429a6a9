// The words of "Why is it broken?": each step once in Kubernetes' words and once in the dorm's
// (the glossary's names: room, roommate, building, head manager, dispatch centre, address book,
// safe, notice board, power limiter), in English and Chinese.
import type { MessageIds, Msg } from '../manifest/types';
import { defineMessages, msgOf, t, type Text } from '../i18n/index';

const messages = defineMessages({
  // Pending: no node fits the pod's requests.
  'explain.pending.symptom': { en: 'Pod {pod} is Pending: no node can take it', zh: 'Pod {pod} 处于 Pending：没有节点能接纳它' },
  'explain.pending.scheduler': {
    en: 'The scheduler reported FailedScheduling: "{message}"',
    zh: '调度器报告 FailedScheduling："{message}"',
  },
  'explain.pending.scheduler.dorm': { en: 'Room {pod} has no building to stand in.', zh: '宿舍 {pod} 找不到一栋楼可以落脚。' },
  'explain.pending.request': {
    en: 'Container {container} requests {resource} {request}; the largest node has {allocatable} allocatable',
    zh: '容器 {container} 请求 {resource} {request}；最大的节点只有 {allocatable} 可分配',
  },
  'explain.pending.request.dorm': {
    en: "Roommate {container}'s power limiter asks for {request} of {resource}, more than any building can supply ({allocatable}).",
    zh: '舍友 {container} 的限电器要求 {resource} {request}，超过任何一栋楼能供应的量（{allocatable}）。',
  },
  'explain.pending.fix': { en: 'Lower requests.{resource} to at most {allocatable}', zh: '把 requests.{resource} 降到 {allocatable} 以内' },
  // Pending on full nodes: it fits an empty node, but the pods already placed reserve the rest.
  'explain.full.used': {
    en: 'The pod requests {resource} {request}, which an empty node could give ({allocatable} allocatable), but the pods already placed reserve the rest: at most {free} is free on any node',
    zh: '这个 Pod 请求 {resource} {request}，空节点给得起（可分配 {allocatable}），但已安排的 Pod 预留了其余部分：任何节点上最多只剩 {free}',
  },
  'explain.full.used.dorm': {
    en: "Every building could power room {pod} if it stood empty, but the rooms already in them have booked their power limiters' share: no building has {request} of {resource} left.",
    zh: '如果楼是空的，每栋楼都供得起宿舍 {pod}，但已经住进去的宿舍按限电器预订了各自的份额：没有一栋楼还剩 {resource} {request}。',
  },
  'explain.full.replicas': {
    en: '{kind} {name} asks for {replicas} pods; together they request more {resource} than the nodes have',
    zh: '{kind} {name} 要 {replicas} 个 Pod；它们加起来请求的 {resource} 超过了节点的总量',
  },
  'explain.full.replicas.dorm': {
    en: 'The head manager wants {replicas} rooms of this kind; the campus has no power for all of them.',
    zh: '总管理员要 {replicas} 间这样的宿舍；校园的电不够它们全部用。',
  },
  'explain.full.fix': {
    en: 'Lower replicas or requests.{resource}, or add a node',
    zh: '减少 replicas 或 requests.{resource}，或者增加节点',
  },
  // The image cannot be pulled.
  'explain.image.symptom': { en: 'Pod {pod} cannot start container {container}: {reason}', zh: 'Pod {pod} 无法启动容器 {container}：{reason}' },
  'explain.image.kubelet': { en: 'The kubelet cannot pull image "{image}" ({reason})', zh: 'kubelet 无法拉取镜像 "{image}"（{reason}）' },
  'explain.image.kubelet.dorm': {
    en: 'Roommate {container} cannot move into room {pod}: their luggage is not at the address written on the label.',
    zh: '舍友 {container} 住不进宿舍 {pod}：行李不在标签上写的地址。',
  },
  'explain.image.line': {
    en: 'The image reference "{image}" names an image or tag the registry does not have',
    zh: '镜像引用 "{image}" 指向仓库里不存在的镜像或标签',
  },
  'explain.image.line.dorm': { en: 'Write the address of luggage that exists.', zh: '写一个真实存在的行李地址。' },
  'explain.image.fix': { en: 'Use an image and tag that exist', zh: '改用存在的镜像和标签' },
  // CreateContainerConfigError.
  'explain.config.symptom': {
    en: 'Pod {pod} cannot start container {container}: CreateContainerConfigError',
    zh: 'Pod {pod} 无法启动容器 {container}：CreateContainerConfigError',
  },
  'explain.config.kubelet': { en: 'The kubelet cannot build the container\'s environment: "{message}"', zh: 'kubelet 无法构造容器的环境变量："{message}"' },
  'explain.config.kubelet.dorm': {
    en: 'Roommate {container} waits at the door of room {pod} for something that is not there.',
    zh: '舍友 {container} 在宿舍 {pod} 门口等一样不存在的东西。',
  },
  'explain.config.noObject': { en: '{ref} names {kind} "{name}", which does not exist', zh: '{ref} 指向的 {kind} "{name}" 不存在' },
  'explain.config.noKey': {
    en: '{ref} reads key "{key}" of {kind} "{name}", which has no such key (it has: {keys})',
    zh: '{ref} 读取 {kind} "{name}" 的键 "{key}"，但它没有这个键（现有：{keys}）',
  },
  'explain.config.secret.dorm': {
    en: 'Roommate {container} looks in the safe "{name}" and finds nothing under "{key}".',
    zh: '舍友 {container} 去保险箱 "{name}" 里找 "{key}"，没找到。',
  },
  'explain.config.configmap.dorm': {
    en: 'Roommate {container} reads the notice board "{name}" and finds nothing under "{key}".',
    zh: '舍友 {container} 去看公告板 "{name}"，上面没有 "{key}"。',
  },
  'explain.config.fixKey': { en: 'Use key "{key}"', zh: '改用键 "{key}"' },
  'explain.config.fixObject': { en: 'Create {kind} "{name}" or correct the name', zh: '创建 {kind} "{name}" 或改正名字' },
  // OOMKilled / CrashLoopBackOff.
  'explain.oom.symptom': {
    en: 'Pod {pod}: container {container} was OOMKilled ({restarts} restarts)',
    zh: 'Pod {pod}：容器 {container} 被 OOMKilled（重启 {restarts} 次）',
  },
  'explain.oom.kubelet': {
    en: 'The container used more memory than its limit; the kernel killed it (exit code 137, reason OOMKilled)',
    zh: '容器用的内存超过了上限，被内核杀掉（退出码 137，原因 OOMKilled）',
  },
  'explain.oom.kubelet.dorm': { en: 'Roommate {container} used more power than allowed and the lights went out.', zh: '舍友 {container} 用电超标，被拉闸了。' },
  'explain.oom.limit': { en: 'limits.memory is {limit}, less than the process needs', zh: 'limits.memory 是 {limit}，少于进程所需' },
  'explain.oom.noLimit': { en: 'The memory limit comes from here', zh: '内存上限在这里设置' },
  'explain.oom.limit.dorm': {
    en: "The power limiter's cut-off ({limit}) is below what roommate {container} needs.",
    zh: '限电器的上限（{limit}）低于舍友 {container} 的需要。',
  },
  'explain.oom.fix': { en: 'Raise limits.memory', zh: '调高 limits.memory' },
  'explain.crash.symptom': {
    en: 'Pod {pod}: container {container} is in CrashLoopBackOff ({restarts} restarts)',
    zh: 'Pod {pod}：容器 {container} 处于 CrashLoopBackOff（重启 {restarts} 次）',
  },
  'explain.crash.kubelet': {
    en: 'The container exits with code {code} (reason {reason}); the kubelet restarts it with a growing back-off',
    zh: '容器以退出码 {code} 退出（原因 {reason}），kubelet 以递增的间隔重启它',
  },
  'explain.crash.kubelet.dorm': {
    en: 'Roommate {container} keeps walking out of room {pod}, and is let back in more slowly each time.',
    zh: '舍友 {container} 一次次离开宿舍 {pod}，每次被放回来的间隔越来越长。',
  },
  'explain.crash.command': { en: 'This is what the container runs; it ends with exit code {code}', zh: '容器运行的就是这条命令，它以退出码 {code} 结束' },
  'explain.crash.command.dorm': {
    en: "What roommate {container} was told to do ends at once: there's nothing keeping them in.",
    zh: '舍友 {container} 被安排做的事马上就结束了，没有理由留下。',
  },
  // Not Ready: the readiness probe's port.
  'explain.ready.symptom': { en: 'Pod {pod}: container {container} is running but never Ready', zh: 'Pod {pod}：容器 {container} 在运行，却一直未就绪' },
  'explain.ready.kubelet': {
    en: 'The kubelet reports Unhealthy: the readiness probe on port {port} fails (connection refused); the container listens on {listens}',
    zh: 'kubelet 报告 Unhealthy：端口 {port} 上的就绪探针失败（连接被拒绝）；容器监听的是 {listens}',
  },
  'explain.ready.kubelet.dorm': {
    en: 'Room {pod} is left out of every address book: the check knocks on door {port}, while roommate {container} opens door {listens}.',
    zh: '宿舍 {pod} 进不了任何地址簿：检查的人敲 {port} 号门，舍友 {container} 开的是 {listens} 号门。',
  },
  'explain.ready.line': { en: 'The readiness probe checks port {port}', zh: '就绪探针检查的是端口 {port}' },
  'explain.ready.line.dorm': { en: 'This is the door the check knocks on.', zh: '检查的人敲的就是这扇门。' },
  'explain.ready.fix': { en: 'Probe port {port}', zh: '改为探测端口 {port}' },
  // Services.
  'explain.selector.symptom': { en: 'Service {service} has no endpoints', zh: 'Service {service} 没有端点' },
  'explain.selector.none': {
    en: 'Its selector {selector} matches no pod in namespace {namespace}',
    zh: '它的选择器 {selector} 在命名空间 {namespace} 中匹配不到任何 Pod',
  },
  'explain.selector.none.dorm': {
    en: "The dispatch centre {service}'s address book is empty: no room answers to its labels.",
    zh: '外卖调度中心 {service} 的地址簿是空的：没有宿舍贴着它要找的标签。',
  },
  'explain.selector.value': {
    en: 'Pod {pod} has {key}={actual}; the selector asks for {key}={wanted}{hint}',
    zh: 'Pod {pod} 的标签是 {key}={actual}，选择器要的是 {key}={wanted}{hint}',
  },
  'explain.selector.key': {
    en: 'Pod {pod} has no label {key}; it has {labels}{hint}',
    zh: 'Pod {pod} 没有标签 {key}；它有 {labels}{hint}',
  },
  'explain.selector.absent': { en: 'No pod has the label {key}={wanted}', zh: '没有 Pod 带标签 {key}={wanted}' },
  'explain.selector.hint': { en: ' (did you mean "{name}"?)', zh: '（是不是想写 "{name}"？）' },
  'explain.selector.line.dorm': {
    en: 'The dispatch centre looks for rooms labelled {key}={wanted}; the rooms say otherwise.',
    zh: '外卖调度中心找的是贴着 {key}={wanted} 的宿舍，而宿舍贴的不是这个。',
  },
  'explain.selector.fix': { en: 'Change the selector to {key}: {value}', zh: '把选择器改为 {key}: {value}' },
  'explain.port.symptom': {
    en: 'Service {service} sends to port {port}, where nothing listens',
    zh: 'Service {service} 把请求发到端口 {port}，但那里没有进程监听',
  },
  'explain.port.refused': {
    en: 'Pod {pod} is in its endpoints, but its containers listen on {listens}: connections to {port} are refused',
    zh: 'Pod {pod} 在它的端点里，但容器监听的是 {listens}：连到 {port} 的连接被拒绝',
  },
  'explain.port.refused.dorm': {
    en: "The dispatch centre {service}'s address book lists room {pod}, but the riders knock on door {port} while the roommates open door {listens}.",
    zh: '外卖调度中心 {service} 的地址簿里有宿舍 {pod}，可骑手敲的是 {port} 号门，舍友开的是 {listens} 号门。',
  },
  'explain.port.line': { en: 'targetPort {target} resolves to port {port}', zh: 'targetPort {target} 解析为端口 {port}' },
  'explain.port.line.dorm': { en: 'This is the door the dispatch centre sends riders to.', zh: '外卖调度中心让骑手去敲的就是这扇门。' },
  'explain.port.fix': { en: 'Set targetPort to {port}', zh: '把 targetPort 改为 {port}' },
  // Too few rooms: some of the Service's pods are not Ready.
  'explain.few.symptom': {
    en: 'Service {service} answers from {ready} of its {total} pods',
    zh: 'Service {service} 只从 {total} 个 Pod 中的 {ready} 个应答',
  },
  'explain.few.endpoints': {
    en: 'Endpoints {service} list {ready} ready address(es) of {total}; the others are not Ready.',
    zh: 'Endpoints {service} 的 {total} 个地址中只有 {ready} 个就绪，其余的未就绪。',
  },
  'explain.few.endpoints.dorm': {
    en: "The dispatch centre {service}'s address book has {ready} of {total} rooms: room {pod} is not ready to take orders.",
    zh: '外卖调度中心 {service} 的地址簿里只有 {total} 间宿舍中的 {ready} 间：宿舍 {pod} 还不能接单。',
  },
  // Rollouts.
  'explain.rollout.symptom': {
    en: 'Deployment {name}: the rollout does not progress (ProgressDeadlineExceeded)',
    zh: 'Deployment {name}：滚动更新停滞（ProgressDeadlineExceeded）',
  },
  'explain.rollout.unfinished': {
    en: 'Deployment {name}: the rollout has not finished ({ready} of {want} pods of the new ReplicaSet ready)',
    zh: 'Deployment {name}：滚动更新还没完成（新 ReplicaSet 的 {want} 个 Pod 中 {ready} 个就绪）',
  },
  'explain.rollout.deadline': {
    en: 'The Deployment controller set Progressing=False, reason ProgressDeadlineExceeded: "{message}"',
    zh: 'Deployment 控制器把 Progressing 设为 False，原因 ProgressDeadlineExceeded："{message}"',
  },
  'explain.rollout.deadline.dorm': {
    en: 'Head manager {name} waited for the new building auntie {rs} long enough and gave up counting on her.',
    zh: '总管理员 {name} 等新的楼管 {rs} 等得太久，不再指望她了。',
  },
  'explain.rollout.pods': {
    en: 'The new ReplicaSet {rs} has {ready} of its {rsWant} pods ready.',
    zh: '新的 ReplicaSet {rs} 的 {rsWant} 个 Pod 中只有 {ready} 个就绪。',
  },
  'explain.rollout.pods.dorm': {
    en: "Building auntie {rs}'s new rooms are not ready: room {pod} is the first that is stuck.",
    zh: '楼管 {rs} 的新宿舍没准备好：宿舍 {pod} 是第一间卡住的。',
  },
  'explain.rs.symptom': { en: 'ReplicaSet {rs} has {ready} of {want} pods ready', zh: 'ReplicaSet {rs} 的 {want} 个 Pod 中只有 {ready} 个就绪' },
  'explain.rs.pods.dorm': {
    en: 'Building auntie {rs} counts {ready} of {want} rooms ready: room {pod} is stuck.',
    zh: '楼管 {rs} 数了数，{want} 间宿舍只有 {ready} 间能住：宿舍 {pod} 卡住了。',
  },
  // CronJobs.
  'explain.cron.symptom': { en: 'CronJob {name} never runs', zh: 'CronJob {name} 从不运行' },
  'explain.cron.never': {
    en: 'Its schedule "{schedule}" matches no time: the CronJob controller finds no next run, so it never creates a Job',
    zh: '它的 schedule "{schedule}" 不匹配任何时间：CronJob 控制器找不到下一次运行，所以从不创建 Job',
  },
  'explain.cron.never.dorm': {
    en: 'The cleaning auntie\'s timetable "{schedule}" names a day that never comes.',
    zh: '清洁阿姨的排班表 "{schedule}" 写的是永远不会到来的日子。',
  },
  // Refused by the API server.
  'explain.refused.symptom': { en: '{kind} {name} was refused: it is not in the cluster', zh: '{kind} {name} 被拒绝：它不在集群里' },
  'explain.refused.apiserver': {
    en: 'The API server refused {kind} "{name}" as invalid, so no controller ever sees it',
    zh: 'API 服务器认为 {kind} "{name}" 无效并拒绝了它，所以没有任何控制器会看到它',
  },
  'explain.refused.dorm': {
    en: 'The dorm office sends the form back: {kind} {name} never moves in.',
    zh: '宿舍办公室把表格退了回来：{kind} {name} 根本没有入住。',
  },
  'explain.refused.cron.dorm': {
    en: 'The dorm office sends the form back: cleaning auntie {name} is never hired.',
    zh: '宿舍办公室把表格退了回来：清洁阿姨 {name} 根本没被聘用。',
  },
  'explain.refused.line.dorm': { en: 'This is the line the office could not accept.', zh: '办公室不能接受的就是这一行。' },
});

export const explainMsg = msgOf(messages);

/** A message in both languages. */
export function both(m: Msg): Text {
  return { en: t(m, 'en'), zh: t(m, 'zh-cn') };
}

/** A step's head and a pod's symptom as one text (Chinese needs no space between them). */
export function joined(head: Text, tail: Text): Text {
  return { en: `${head.en} ${tail.en}`, zh: head.zh + tail.zh };
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
