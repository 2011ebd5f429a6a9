// The dorm analogy, concept by concept: one sentence per Kubernetes kind and per field a learner
// meets in the course, in English and Chinese, with the lesson (seed chapter) that explains it.
// Hovers, the side panel and the lessons all read it from here.
import type { Text } from './index';

export interface Concept {
  analogy: Text;
  /** The lesson (1–8, one per seed chapter) that teaches this concept. */
  lesson: number;
}

export const KIND_CONCEPTS: Record<string, Concept> = {
  Pod: {
    lesson: 1,
    analogy: {
      en: 'A Pod is a shared dorm room: its containers are roommates who share the socket, the Wi-Fi and the fate of the room.',
      zh: 'Pod 是一间共享宿舍：里面的容器是舍友，插座、WiFi 共用，房间出了事大家一起搬走。',
    },
  },
  ReplicaSet: {
    lesson: 1,
    analogy: {
      en: 'A ReplicaSet is the building auntie: she counts the rooms every day and moves someone into any room that empties.',
      zh: 'ReplicaSet 是楼管阿姨：每天清点房间，哪间空了就马上安排人住进去。',
    },
  },
  Deployment: {
    lesson: 2,
    analogy: {
      en: 'A Deployment is the head manager: it tells the auntie how many rooms to keep, renovates them one at a time, and can undo a bad renovation.',
      zh: 'Deployment 是总管理员：告诉楼管要保留几间房，一间一间地翻修，翻修出问题还能撤回。',
    },
  },
  Service: {
    lesson: 3,
    analogy: {
      en: 'A Service is the take-out dispatch centre: one fixed address, and orders go only to rooms that are open.',
      zh: 'Service 是外卖调度中心：地址固定，订单只派给正在营业的房间。',
    },
  },
  Endpoints: {
    lesson: 3,
    analogy: {
      en: "Endpoints are the dispatch centre's live address book: rooms that close are crossed out, new ones are added.",
      zh: 'Endpoints 是调度中心的实时地址簿：关门的房间被划掉，新开的房间自动加上。',
    },
  },
  EndpointSlice: {
    lesson: 3,
    analogy: {
      en: "An EndpointSlice is one page of the dispatch centre's address book.",
      zh: 'EndpointSlice 是调度中心地址簿里的一页。',
    },
  },
  StatefulSet: {
    lesson: 4,
    analogy: {
      en: "A StatefulSet runs the counsellors' rooms: door numbers 0, 1, 2 never change, and each room keeps its own locker.",
      zh: 'StatefulSet 管的是辅导员宿舍：门牌号 0、1、2 永远不变，每间房都有自己的储物柜。',
    },
  },
  DaemonSet: {
    lesson: 4,
    analogy: {
      en: 'A DaemonSet is the power room every building must have: a new building gets one straight away.',
      zh: 'DaemonSet 是每栋楼都必须有的配电间：新楼一建好，配电间就自动安排上。',
    },
  },
  Job: {
    lesson: 4,
    analogy: {
      en: 'A Job is the electrician: comes in, does the job, leaves, and does not move in.',
      zh: 'Job 是水电工：来了就干活，干完就走，不常驻。',
    },
  },
  CronJob: {
    lesson: 4,
    analogy: {
      en: 'A CronJob is the cleaning auntie: she comes on a timetable, cleans, and leaves until next time.',
      zh: 'CronJob 是清洁阿姨：按时间表来打扫，打扫完就离开，下次再来。',
    },
  },
  Secret: {
    lesson: 7,
    analogy: {
      en: "A Secret is the room's safe. Base64 is only a cloak over the contents, not a lock.",
      zh: 'Secret 是房间里的保险箱。base64 只是给内容披了件隐身衣，并不是锁。',
    },
  },
  ConfigMap: {
    lesson: 8,
    analogy: {
      en: 'A ConfigMap is the notice board: shared settings everyone may read, pinned up as env or as files.',
      zh: 'ConfigMap 是公告板：大家都能看的公共配置，可以作为环境变量或文件贴出来。',
    },
  },
  PersistentVolumeClaim: {
    lesson: 8,
    analogy: {
      en: 'A PersistentVolumeClaim is a rented locker: what is inside outlives any one roommate.',
      zh: 'PersistentVolumeClaim 是租来的储物柜：舍友换了，柜子里的东西还在。',
    },
  },
  PersistentVolume: {
    lesson: 8,
    analogy: { en: 'A PersistentVolume is a locker in the basement that a claim can rent.', zh: 'PersistentVolume 是地下室里可供租用的储物柜。' },
  },
  Node: {
    lesson: 4,
    analogy: { en: 'A Node is a dorm building: Pods are rooms inside it.', zh: 'Node 是一栋宿舍楼，Pod 是楼里的房间。' },
  },
  Namespace: {
    lesson: 1,
    analogy: { en: 'A Namespace is a campus: the same room name can exist on two campuses.', zh: 'Namespace 是校区：两个校区可以有同名的宿舍。' },
  },
  Ingress: {
    lesson: 6,
    analogy: {
      en: "An Ingress is the campus gate's directory: it sends visitors to the right dispatch centre by address.",
      zh: 'Ingress 是校门口的指路牌：按地址把访客引到对应的调度中心。',
    },
  },
  HorizontalPodAutoscaler: {
    lesson: 2,
    analogy: {
      en: 'A HorizontalPodAutoscaler watches how busy the rooms are and asks the manager for more or fewer.',
      zh: 'HorizontalPodAutoscaler 看房间忙不忙，请总管理员加房或减房。',
    },
  },
  PodDisruptionBudget: {
    lesson: 2,
    analogy: {
      en: 'A PodDisruptionBudget is the rule that never too many rooms close for repairs at once.',
      zh: 'PodDisruptionBudget 规定同一时间关门维修的房间不能太多。',
    },
  },
  NetworkPolicy: {
    lesson: 3,
    analogy: { en: "A NetworkPolicy is the list of who may knock on which room's door.", zh: 'NetworkPolicy 规定谁可以敲哪间房的门。' },
  },
  ServiceAccount: {
    lesson: 7,
    analogy: { en: 'A ServiceAccount is the staff card a room uses to talk to the dorm office.', zh: 'ServiceAccount 是房间去宿舍办公室办事用的工作证。' },
  },
};

/** Analogies for fields a learner meets, keyed by the last path segment (and optionally the kind). */
export const FIELD_CONCEPTS: Record<string, Concept> = {
  replicas: { lesson: 1, analogy: { en: 'How many rooms the building auntie keeps filled.', zh: '楼管阿姨要保持住满的房间数。' } },
  selector: {
    lesson: 1,
    analogy: {
      en: 'The door sign the auntie (or the dispatch centre) looks for to know which rooms are hers.',
      zh: '楼管阿姨（或调度中心）用来认领房间的门牌标记。',
    },
  },
  labels: { lesson: 1, analogy: { en: "The signs on a room's door; selectors find rooms by them.", zh: '贴在房门上的标记；selector 就是靠它找房间的。' } },
  template: { lesson: 1, analogy: { en: 'The floor plan every new room is built from.', zh: '每间新房都照着它来布置的户型图。' } },
  containers: { lesson: 1, analogy: { en: 'The roommates who live in the room.', zh: '住在这间宿舍里的舍友们。' } },
  image: {
    lesson: 2,
    analogy: {
      en: 'What each roommate brings: change it and the manager renovates room by room.',
      zh: '舍友带来的“家当”：一改它，总管理员就会一间一间地翻修。',
    },
  },
  strategy: {
    lesson: 2,
    analogy: {
      en: 'How the head manager renovates: room by room (RollingUpdate) or all at once (Recreate).',
      zh: '总管理员的翻修方式：一间一间来（RollingUpdate），还是全部清空重来（Recreate）。',
    },
  },
  maxSurge: { lesson: 2, analogy: { en: 'How many extra rooms may open during a renovation.', zh: '翻修期间最多可以多开几间房。' } },
  maxUnavailable: { lesson: 2, analogy: { en: 'How many rooms may be closed at once during a renovation.', zh: '翻修期间最多可以同时关几间房。' } },
  revisionHistoryLimit: {
    lesson: 2,
    analogy: { en: 'How many old floor plans the manager keeps for undoing a renovation.', zh: '总管理员留着多少份旧户型图，用来撤回翻修。' },
  },
  ports: { lesson: 3, analogy: { en: 'The doors a room answers on.', zh: '房间应门的那几扇门。' } },
  targetPort: { lesson: 3, analogy: { en: "The room's door the dispatch centre delivers to.", zh: '调度中心把外卖送到房间的哪扇门。' } },
  port: { lesson: 3, analogy: { en: "The dispatch centre's own door number.", zh: '调度中心自己的门牌号。' } },
  clusterIP: {
    lesson: 5,
    analogy: {
      en: "The dispatch centre's fixed address; None means no centre: callers get the rooms' own addresses (headless).",
      zh: '调度中心的固定地址；None 表示没有调度中心，来电直接拿到各房间的地址（headless）。',
    },
  },
  serviceName: {
    lesson: 5,
    analogy: {
      en: "The headless Service that gives each counsellor's room its name in the address book.",
      zh: '给每间辅导员宿舍在地址簿里登记名字的 headless Service。',
    },
  },
  type: {
    lesson: 6,
    analogy: {
      en: 'Inside only (ClusterIP), a side door on every building (NodePort), or a hired doorman (LoadBalancer).',
      zh: '只对内（ClusterIP）、每栋楼开侧门（NodePort），还是请门卫（LoadBalancer）。',
    },
  },
  nodePort: {
    lesson: 6,
    analogy: { en: "The side door's number on every building, between 30000 and 32767.", zh: '每栋楼侧门的门牌号，只能在 30000 到 32767 之间。' },
  },
  resources: {
    lesson: 7,
    analogy: {
      en: 'The power limiter: what each roommate is guaranteed (requests) and where the breaker trips (limits).',
      zh: '限电器：每个舍友保证有的电量（requests）和跳闸的上限（limits）。',
    },
  },
  requests: {
    lesson: 7,
    analogy: {
      en: 'The power each roommate is guaranteed; the scheduler finds a building with that much free.',
      zh: '每个舍友保证能用的电量；调度器会找一栋还剩这么多电的楼。',
    },
  },
  limits: {
    lesson: 7,
    analogy: {
      en: 'Where the breaker trips: over the memory limit the roommate is sent out (OOMKilled); CPU is only slowed down.',
      zh: '跳闸的上限：内存超了舍友会被请出去（OOMKilled）；CPU 超了只会被限速。',
    },
  },
  secretKeyRef: {
    lesson: 7,
    analogy: { en: 'Taking one item out of the safe and handing it quietly to the roommate.', zh: '从保险箱里取出一样东西，悄悄递给需要的舍友。' },
  },
  configMapKeyRef: { lesson: 8, analogy: { en: 'Copying one line from the notice board.', zh: '从公告板上抄下一条。' } },
  volumes: {
    lesson: 8,
    analogy: {
      en: 'The lockers a room can use: a notice board copy, a safe, or a rented locker.',
      zh: '房间可用的储物柜：公告板副本、保险箱，或租来的储物柜。',
    },
  },
  volumeMounts: { lesson: 8, analogy: { en: 'Where in the room each locker is put.', zh: '每个储物柜放在房间里的哪个位置。' } },
  schedule: { lesson: 4, analogy: { en: "The cleaning auntie's timetable.", zh: '清洁阿姨的排班表。' } },
  restartPolicy: {
    lesson: 4,
    analogy: {
      en: 'Whether a roommate who leaves is brought back: always (residents), on failure or never (visitors like the electrician).',
      zh: '舍友离开后要不要叫回来：总是（常住），失败时，或从不（像水电工这样的访客）。',
    },
  },
  readinessProbe: {
    lesson: 3,
    analogy: {
      en: 'The "open for orders" sign: until it is up, the dispatch centre sends nothing here.',
      zh: '“正在营业”的牌子：挂出来之前，调度中心不会派单过来。',
    },
  },
  livenessProbe: {
    lesson: 3,
    analogy: {
      en: 'The auntie knocking to check the roommate is still alive; no answer and she restarts them.',
      zh: '楼管敲门确认舍友还好；没人应答就让他重新来过。',
    },
  },
};
