// Narration: every Kubernetes Event told twice in the panel's timeline — in kubectl's own wording
// (the event as `kubectl get events` prints it) and as a one-line dorm story ("the building auntie
// moved a new room in: web-7d4f9-x2kqp, because web-7d4f9-abcde went down"). Stories are
// messages (core/i18n), so they render in English or Chinese.
import type { MessageIds, Msg } from '../manifest/types';
import type { SimEvent } from '../cluster/cluster';
import type { Cluster } from '../cluster/cluster';
import { controllerOf } from '../cluster/store';
import { defineMessages, msgOf, t, type Locale } from '../i18n/index';
import type { WireEvent } from './wire';

const storyMessages = defineMessages({
  'story.scaledUp': {
    en: 'The head manager of {deploy} asked building auntie {rs} to keep {n} room(s).',
    zh: '总管理员 {deploy} 让楼管阿姨 {rs} 保持 {n} 间房。',
  },
  'story.scaledDown': {
    en: 'The head manager of {deploy} told building auntie {rs} to shrink from {from} to {n} room(s).',
    zh: '总管理员 {deploy} 让楼管阿姨 {rs} 把房间从 {from} 间减到 {n} 间。',
  },
  'story.rs.create': { en: 'Building auntie {rs} moved a new roommate into {pod}.', zh: '楼管阿姨 {rs} 给 {pod} 安排了新舍友入住。' },
  'story.rs.replace': {
    en: 'Building auntie {rs} moved a new roommate into {pod} because {gone} went down.',
    zh: '因为 {gone} 出了事，楼管阿姨 {rs} 给 {pod} 安排了新舍友入住。',
  },
  'story.rs.delete': { en: 'Building auntie {rs} emptied room {pod}: one room too many.', zh: '楼管阿姨 {rs} 清空了房间 {pod}：房间多了一间。' },
  'story.sts.create': {
    en: "Counsellors' room {pod} opened with its fixed door number (StatefulSet {sts}).",
    zh: '辅导员宿舍 {pod} 按固定门牌号开门了（StatefulSet {sts}）。',
  },
  'story.sts.delete': {
    en: "Counsellors' room {pod} closed, highest door number first (StatefulSet {sts}).",
    zh: '辅导员宿舍 {pod} 关门了，门牌号从大到小依次关（StatefulSet {sts}）。',
  },
  'story.sts.claim': { en: "Counsellors' room {pod} got its own locker {claim}.", zh: '辅导员宿舍 {pod} 分到了自己的储物柜 {claim}。' },
  'story.rs.failedCreate': {
    en: 'Building auntie {rs} could not open a new room: the dorm office refused it ({why}).',
    zh: '楼管阿姨 {rs} 开不了新房间：宿舍办公室拒绝了（{why}）。',
  },
  'story.sts.failedCreate': {
    en: "Counsellors' room {pod} could not open (StatefulSet {sts}): the dorm office refused it ({why}).",
    zh: '辅导员宿舍 {pod} 开不了门（StatefulSet {sts}）：宿舍办公室拒绝了（{why}）。',
  },
  'story.failedCreate': {
    en: '{kind} {owner} could not open room {pod}: the dorm office refused it ({why}).',
    zh: '{kind} {owner} 开不了房间 {pod}：宿舍办公室拒绝了（{why}）。',
  },
  'story.ds.create': { en: 'The power room {pod} was set up in a building (DaemonSet {ds}).', zh: '在一栋楼里装好了配电间 {pod}（DaemonSet {ds}）。' },
  'story.ds.delete': { en: 'The power room {pod} was taken out (DaemonSet {ds}).', zh: '配电间 {pod} 被拆除了（DaemonSet {ds}）。' },
  'story.ds.failed': { en: 'The power room {pod} broke down; it will be rebuilt (DaemonSet {ds}).', zh: '配电间 {pod} 坏了，将会重建（DaemonSet {ds}）。' },
  'story.job.create': { en: 'Electrician {job} sent a worker to room {pod}.', zh: '水电工 {job} 派了一名工人到房间 {pod}。' },
  'story.job.delete': { en: 'Electrician {job} called worker {pod} back.', zh: '水电工 {job} 把工人 {pod} 叫了回来。' },
  'story.job.completed': { en: 'Electrician {job} finished the job.', zh: '水电工 {job} 完成了工作。' },
  'story.job.failed': { en: 'Electrician {job} gave up: {message}', zh: '水电工 {job} 放弃了：{message}' },
  'story.claim.noClass': {
    en: 'Locker {claim} cannot be handed out: the dorm has no lockers of type "{storageClass}".',
    zh: '储物柜 {claim} 发不下来：宿舍没有“{storageClass}”这种储物柜。',
  },
  'story.claim.unbound': {
    en: 'Locker {claim} waits: no locker is free for it, and it names no locker type.',
    zh: '储物柜 {claim} 在等：没有空闲的储物柜，它也没写要哪种储物柜。',
  },
  'story.claim.waitConsumer': {
    en: 'Locker {claim} waits for its first room: this type of locker is put where the room that uses it is built.',
    zh: '储物柜 {claim} 在等第一个房间：这种储物柜要等用它的房间定下楼栋，才放到那里。',
  },
  'story.claim.waitPod': {
    en: 'Locker {claim} waits until room {pods} gets a building.',
    zh: '储物柜 {claim} 在等房间 {pods} 分到楼栋。',
  },
  'story.cron.create': { en: 'The cleaning auntie {cron} started a round: {job}.', zh: '清洁阿姨 {cron} 开始了一轮打扫：{job}。' },
  'story.cron.delete': { en: "The cleaning auntie {cron} threw away an old round's record: {job}.", zh: '清洁阿姨 {cron} 扔掉了旧的打扫记录：{job}。' },
  'story.cron.saw': { en: 'The cleaning auntie {cron} noted that a round finished.', zh: '清洁阿姨 {cron} 记下了一轮打扫已完成。' },
  'story.cron.busy': {
    en: 'The cleaning auntie {cron} skipped a round: the last one is still going (Forbid).',
    zh: '清洁阿姨 {cron} 跳过了一轮：上一轮还没打扫完（Forbid）。',
  },
  'story.cron.missed': { en: 'The cleaning auntie {cron} missed a scheduled round.', zh: '清洁阿姨 {cron} 错过了一次预定的打扫。' },
  'story.scheduled': { en: 'The dorm office gave room {pod} a place in building {node}.', zh: '宿舍办公室把房间 {pod} 安排在了 {node} 楼。' },
  'story.failedScheduling': {
    en: 'No building has space for room {pod} yet, so it waits (Pending).',
    zh: '还没有哪栋楼能放下房间 {pod}，只能等着（Pending）。',
  },
  'story.pulling': { en: 'A roommate of {pod} is fetching their luggage ({image}).', zh: '{pod} 的舍友正在取行李（{image}）。' },
  'story.pulled': { en: 'The luggage ({image}) arrived at {pod}.', zh: '行李（{image}）送到了 {pod}。' },
  'story.created': { en: 'Roommate {container} got a bed in {pod}.', zh: '舍友 {container} 在 {pod} 分到了床位。' },
  'story.started': { en: 'Roommate {container} moved into {pod} and is awake.', zh: '舍友 {container} 住进了 {pod}，已经起床了。' },
  'story.killing': { en: 'Roommate {container} of {pod} was asked to pack up and leave.', zh: '{pod} 的舍友 {container} 被要求收拾东西离开。' },
  'story.killingLiveness': {
    en: 'Roommate {container} of {pod} stopped answering the door, so it is woken up again (liveness).',
    zh: '{pod} 的舍友 {container} 敲门不应，只好把它重新叫醒（存活探针）。',
  },
  'story.backoff': {
    en: 'Roommate {container} of {pod} keeps fainting; the dorm waits longer each time before waking it (CrashLoopBackOff).',
    zh: '{pod} 的舍友 {container} 一再晕倒，宿舍每次都等更久才叫醒它（CrashLoopBackOff）。',
  },
  'story.pullFailed': {
    en: 'Nobody can find the luggage ({image}) of roommate {container} of {pod}: {message}',
    zh: '{pod} 的舍友 {container} 的行李（{image}）找不到：{message}',
  },
  'story.pullBackoff': {
    en: 'The luggage ({image}) of {pod} is still missing; the dorm waits longer each time before looking again (ImagePullBackOff).',
    zh: '{pod} 的行李（{image}）还是找不到；宿舍每次都等更久再去找（ImagePullBackOff）。',
  },
  'story.unhealthy': { en: 'A check on room {pod} failed: {message}', zh: '房间 {pod} 的检查没通过：{message}' },
  'story.failed': { en: 'Room {pod} could not start a roommate: {message}', zh: '房间 {pod} 的舍友无法入住：{message}' },
  'story.failedMount': { en: 'Room {pod} is waiting for its locker: {message}', zh: '房间 {pod} 在等它的储物柜：{message}' },
  'story.failedMountSecret': { en: 'Room {pod} is waiting for its safe: {message}', zh: '房间 {pod} 在等它的保险箱：{message}' },
  'story.failedMountConfigMap': { en: 'Room {pod} is waiting for its notice board: {message}', zh: '房间 {pod} 在等它的公告板：{message}' },
  'story.node.notReady': { en: 'Building {node} stopped answering the dorm office (NotReady).', zh: '{node} 楼不再回应宿舍办公室（NotReady）。' },
  'story.node.podNotReady': { en: 'Room {pod} is in a building that stopped answering.', zh: '房间 {pod} 所在的楼失联了。' },
  'story.node.ready': { en: 'Building {node} is open and answering (Ready).', zh: '{node} 楼开门营业，正常回应（Ready）。' },
  'story.node.registered': { en: 'Building {node} joined the campus.', zh: '{node} 楼加入了校园。' },
  'story.node.cordoned': { en: 'Building {node} takes no new rooms (cordoned).', zh: '{node} 楼不再接收新房间（已封锁）。' },
  'story.node.uncordoned': { en: 'Building {node} takes new rooms again.', zh: '{node} 楼重新接收新房间。' },
  'story.evicted': { en: 'Room {pod} is evicted: its building has been silent too long.', zh: '房间 {pod} 被清退：它所在的楼失联太久了。' },
  'story.evictedMemory': {
    en: 'Room {pod} is evicted: its building ran out of electricity (memory) and the power limiter cut the room using most over what it asked for.',
    zh: '房间 {pod} 被清退：它所在的楼电（内存）不够用了，限电器切掉了超出申请最多的房间。',
  },
  'story.node.memoryPressure': {
    en: 'Building {node} is short of electricity (memory): it takes no new rooms and starts evicting.',
    zh: '{node} 楼电（内存）不够用了：不再接收新房间，并开始清退房间。',
  },
  'story.node.memoryOk': { en: 'Building {node} has enough electricity (memory) again.', zh: '{node} 楼的电（内存）又够用了。' },
  'story.evictedDisk': {
    en: 'Room {pod} is evicted: its building ran short of floor space (disk), and the room storing most over what it asked for had to go.',
    zh: '房间 {pod} 被清退：它所在的楼地方（磁盘）不够了，超出申请存放最多的房间只好搬走。',
  },
  'story.evictedPids': {
    en: 'Room {pod} is evicted: its building ran short of process numbers (PIDs).',
    zh: '房间 {pod} 被清退：它所在的楼进程号（PID）不够用了。',
  },
  'story.evictedLocker': {
    en: 'Room {pod} is evicted: it put more into its scratch locker {volume} (emptyDir) than the locker holds (sizeLimit).',
    zh: '房间 {pod} 被清退：它往临时储物柜 {volume}（emptyDir）里放的东西超过了储物柜的容量（sizeLimit）。',
  },
  'story.evictedStorageLimit': {
    en: 'Room {pod} is evicted: it stored more on its own floor than its ephemeral-storage limit.',
    zh: '房间 {pod} 被清退：它在自己地盘上存放的东西超过了 ephemeral-storage 上限。',
  },
  'story.node.diskPressure': {
    en: 'Building {node} is short of floor space (disk): it takes no new rooms and starts evicting.',
    zh: '{node} 楼地方（磁盘）不够了：不再接收新房间，并开始清退房间。',
  },
  'story.node.diskOk': { en: 'Building {node} has enough floor space (disk) again.', zh: '{node} 楼的地方（磁盘）又够用了。' },
  'story.node.pidPressure': {
    en: 'Building {node} is short of process numbers (PIDs): it takes no new rooms and starts evicting.',
    zh: '{node} 楼进程号（PID）不够用了：不再接收新房间，并开始清退房间。',
  },
  'story.node.pidOk': { en: 'Building {node} has enough process numbers (PIDs) again.', zh: '{node} 楼的进程号（PID）又够用了。' },
  'story.ipAllocated': { en: 'The hired doorman of {svc} got a street address.', zh: '{svc} 雇的门卫拿到了临街地址。' },
  'story.generic': { en: '{object}: {reason}.', zh: '{object}：{reason}。' },
});

/** A typed story `Msg`. */
const m = msgOf(storyMessages);

/** How many pods that went down are remembered per ReplicaSet, waiting for their replacement. */
const MAX_DOWN_PER_RS = 64;

/**
 * Tells the dorm story of each event from its reason and structured arguments. Remembers which
 * pods of a ReplicaSet went down without the ReplicaSet asking, so the story of a replacement can
 * say which one it replaces. What it remembers is about objects that still exist: a pod is
 * forgotten when it is deleted, a ReplicaSet's list when the ReplicaSet is, so a simulation that
 * runs for hours keeps it small.
 */
export class Narrator {
  /** `namespace/rs` → names of its pods that went down, oldest first, not yet replaced. */
  private down = new Map<string, string[]>();
  /** `namespace/pod` of pods already counted as gone, or deleted on purpose by their ReplicaSet. */
  private intended = new Set<string>();
  private unwatch: () => void;

  constructor(private c: Cluster) {
    this.unwatch = c.watch(['Pod', 'ReplicaSet'], (ev) => {
      const o = ev.object;
      const key = `${o.metadata.namespace}/${o.metadata.name}`;
      if (o.kind === 'ReplicaSet') {
        if (ev.type === 'DELETED') this.down.delete(key);
        return;
      }
      if (ev.type === 'DELETED') {
        this.intended.delete(key);
        return;
      }
      const ref = controllerOf(o);
      // A pod whose ReplicaSet is already gone (garbage-collected with it) will not be replaced.
      if (!ref || ref.kind !== 'ReplicaSet' || !c.store.getByUid(ref.uid)) return;
      const gone = !!o.metadata.deletionTimestamp || o.status?.phase === 'Failed';
      if (!gone || this.intended.has(key)) return;
      const rsKey = `${o.metadata.namespace}/${ref.name}`;
      const list = this.down.get(rsKey) ?? [];
      if (!list.includes(o.metadata.name)) list.push(o.metadata.name);
      if (list.length > MAX_DOWN_PER_RS) list.shift();
      this.down.set(rsKey, list);
      this.intended.add(key);
    });
  }

  dispose(): void {
    this.unwatch();
  }

  /** How much the narrator remembers (pods that went down, pods it knows were deleted on purpose). */
  memory(): { down: number; intended: number } {
    let down = 0;
    for (const l of this.down.values()) down += l.length;
    return { down, intended: this.intended.size };
  }

  /** The dorm story of one event. */
  story(e: SimEvent): Msg {
    const pod = e.name;
    switch (e.reason) {
      case 'ScalingReplicaSet': {
        const a = e.args;
        if (a.direction === 'up') return m('story.scaledUp', { deploy: e.name, rs: a.rs, n: a.to });
        return m('story.scaledDown', { deploy: e.name, rs: a.rs, n: a.to, from: a.from });
      }
      case 'SuccessfulCreate': {
        const a = e.args;
        if ('job' in a) return m('story.cron.create', { cron: e.name, job: a.job });
        if ('claim' in a) return m('story.sts.claim', { claim: a.claim, pod: a.pod });
        if (e.kind === 'ReplicaSet') {
          const gone = this.takeDown(e.namespace, e.name);
          return gone ? m('story.rs.replace', { rs: e.name, pod: a.pod, gone }) : m('story.rs.create', { rs: e.name, pod: a.pod });
        }
        if (e.kind === 'StatefulSet') return m('story.sts.create', { sts: e.name, pod: a.pod });
        if (e.kind === 'DaemonSet') return m('story.ds.create', { ds: e.name, pod: a.pod });
        if (e.kind === 'Job') return m('story.job.create', { job: e.name, pod: a.pod });
        break;
      }
      case 'SuccessfulDelete': {
        const a = e.args;
        if ('job' in a) return m('story.cron.delete', { cron: e.name, job: a.job });
        if (e.kind === 'ReplicaSet') {
          this.deletedOnPurpose(e.namespace, e.name, a.pod);
          return m('story.rs.delete', { rs: e.name, pod: a.pod });
        }
        if (e.kind === 'StatefulSet') return m('story.sts.delete', { sts: e.name, pod: a.pod });
        if (e.kind === 'DaemonSet') return m('story.ds.delete', { ds: e.name, pod: a.pod });
        if (e.kind === 'Job') return m('story.job.delete', { job: e.name, pod: a.pod });
        break;
      }
      case 'FailedCreate': {
        const why = e.args.error.replace(/^.*? is forbidden: /, '');
        if (e.kind === 'ReplicaSet') return m('story.rs.failedCreate', { rs: e.name, why });
        if (e.kind === 'StatefulSet') return m('story.sts.failedCreate', { sts: e.name, pod: e.args.pod, why });
        return m('story.failedCreate', { kind: e.kind, owner: e.name, pod: e.args.pod, why });
      }
      case 'FailedDaemonPod':
        return m('story.ds.failed', { ds: e.name, pod: e.args.pod });
      case 'Completed':
        if (e.kind === 'Job') return m('story.job.completed', { job: e.name });
        break;
      case 'BackoffLimitExceeded':
      case 'DeadlineExceeded':
      case 'PodFailurePolicy':
      case 'MaxFailedIndexesExceeded':
      case 'FailedIndexes':
        if (e.kind === 'Job') return m('story.job.failed', { job: e.name, message: e.message });
        break;
      case 'ProvisioningFailed':
        return m('story.claim.noClass', { claim: e.name, storageClass: e.args.storageClass });
      case 'FailedBinding':
        return m('story.claim.unbound', { claim: e.name });
      case 'WaitForFirstConsumer':
        return m('story.claim.waitConsumer', { claim: e.name });
      case 'WaitForPodScheduled':
        return m('story.claim.waitPod', { claim: e.name, pods: e.args.pods.join(', ') });
      case 'SawCompletedJob':
        return m('story.cron.saw', { cron: e.name });
      case 'JobAlreadyActive':
        return m('story.cron.busy', { cron: e.name });
      case 'MissSchedule':
        return m('story.cron.missed', { cron: e.name });
      case 'Scheduled':
        return m('story.scheduled', { pod, node: e.args.node });
      case 'FailedScheduling':
        return m('story.failedScheduling', { pod });
      case 'Pulling':
        return m('story.pulling', { pod, image: e.args.image });
      case 'Pulled':
        return m('story.pulled', { pod, image: e.args.image });
      case 'Created':
        return m('story.created', { pod, container: e.args.container });
      case 'Started':
        return m('story.started', { pod, container: e.args.container });
      case 'Killing':
        return m(e.args.liveness ? 'story.killingLiveness' : 'story.killing', { pod, container: e.args.container });
      case 'BackOff':
        if (e.args.image !== undefined) return m('story.pullBackoff', { pod, image: e.args.image });
        return m('story.backoff', { pod, container: e.args.container });
      case 'Unhealthy':
        return m('story.unhealthy', { pod, message: e.message });
      case 'Failed':
        if (e.args.image !== undefined) return m('story.pullFailed', { pod, container: e.args.container, image: e.args.image, message: e.message });
        return m('story.failed', { pod, message: e.message });
      case 'FailedMount':
        return m(e.args.source === 'ConfigMap' ? 'story.failedMountConfigMap' : e.args.source === 'Secret' ? 'story.failedMountSecret' : 'story.failedMount', {
          pod,
          message: e.message,
        });
      case 'NodeNotReady':
        return e.kind === 'Node' ? m('story.node.notReady', { node: e.name }) : m('story.node.podNotReady', { pod });
      case 'NodeReady':
        return m('story.node.ready', { node: e.name });
      case 'RegisteredNode':
        return m('story.node.registered', { node: e.name });
      case 'NodeNotSchedulable':
        return m('story.node.cordoned', { node: e.name });
      case 'NodeSchedulable':
        return m('story.node.uncordoned', { node: e.name });
      case 'TaintManagerEviction':
        return m('story.evicted', { pod });
      case 'Evicted': {
        const a = e.args;
        if (a.volume !== undefined) return m('story.evictedLocker', { pod, volume: a.volume });
        if (a.limit) return m('story.evictedStorageLimit', { pod });
        if (a.resource === 'ephemeral-storage') return m('story.evictedDisk', { pod });
        if (a.resource === 'pids') return m('story.evictedPids', { pod });
        return m('story.evictedMemory', { pod });
      }
      case 'NodeHasDiskPressure':
        return m('story.node.diskPressure', { node: e.name });
      case 'NodeHasNoDiskPressure':
        return m('story.node.diskOk', { node: e.name });
      case 'NodeHasInsufficientPID':
        return m('story.node.pidPressure', { node: e.name });
      case 'NodeHasSufficientPID':
        return m('story.node.pidOk', { node: e.name });
      case 'NodeHasInsufficientMemory':
        return m('story.node.memoryPressure', { node: e.name });
      case 'NodeHasSufficientMemory':
        return m('story.node.memoryOk', { node: e.name });
      case 'IPAllocated':
        return m('story.ipAllocated', { svc: e.name });
    }
    return m('story.generic', { object: e.object, reason: e.reason });
  }

  /** The oldest pod of ReplicaSet `ns/rs` that went down and is not yet replaced, now replaced. */
  private takeDown(ns: string, rs: string): string | undefined {
    const key = `${ns}/${rs}`;
    const list = this.down.get(key);
    const gone = list?.shift();
    if (list && !list.length) this.down.delete(key);
    return gone;
  }

  /** The ReplicaSet deleted `pod` itself (scale-down): it did not "go down". */
  private deletedOnPurpose(ns: string, rs: string, pod: string): void {
    // Only a pod still stopping can change again; a pod already removed is not remembered.
    if (this.c.get('Pod', ns, pod)) this.intended.add(`${ns}/${pod}`);
    const key = `${ns}/${rs}`;
    const list = this.down.get(key);
    if (!list?.includes(pod)) return;
    list.splice(list.indexOf(pod), 1);
    if (!list.length) this.down.delete(key);
  }
}

/** One timeline row: the event in kubectl wording and as a dorm story (what is posted, and what the host keeps). */
export interface EventView extends WireEvent {
  seq: number;
  kind: string;
  name: string;
  /** The story message, so the host can re-render it when the language changes. */
  storyMsg: Msg;
}

export type { WireEvent };

export function wireEvent(e: EventView): WireEvent {
  return { t: e.t, type: e.type, reason: e.reason, object: e.object, kubectl: e.kubectl, story: e.story };
}

/** `kubectl get events` wording of one event (type, reason, object with kubectl's lower-case kind, message). */
export function kubectlLine(e: SimEvent): string {
  return `${e.type}   ${e.reason}   ${e.kind.toLowerCase()}/${e.name}   ${e.message}`;
}

export function eventView(seq: number, e: SimEvent, story: Msg, locale: Locale): EventView {
  return {
    seq,
    t: e.t,
    type: e.type,
    reason: e.reason,
    object: e.object,
    kind: e.kind,
    name: e.name,
    kubectl: kubectlLine(e),
    story: t(story, locale),
    storyMsg: story,
  };
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof storyMessages> {}
}
