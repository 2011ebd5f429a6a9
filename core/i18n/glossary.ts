// The dorm's roles, one name each in English and Chinese. Lessons, the panel, the narrator, rule
// messages and the docs all use these names and no other: a learner who meets 楼管 in a lesson
// must not meet 宿管阿姨 in a rule message. `test/unit/glossary.test.ts` reads every text a person
// reads and fails on a variant listed here.
import type { Text } from './index';

export interface Role {
  /** The Kubernetes object or idea the role stands for. */
  kubernetes: string;
  /** The one name of the role. */
  name: Text;
  /**
   * Names that mean the same role and must not appear. A Chinese variant is matched as a
   * substring, an English one as whole words, case-insensitively.
   */
  variants: { en: string[]; zh: string[] };
  /** Where a variant is a substring of a longer, correct name (电工 inside 水电工): the characters it may follow. */
  allowedBefore?: string;
}

export const GLOSSARY: readonly Role[] = [
  { kubernetes: 'Pod', name: { en: 'room', zh: '宿舍' }, variants: { en: [], zh: [] } },
  { kubernetes: 'container', name: { en: 'roommate', zh: '舍友' }, variants: { en: ['bunkmate'], zh: ['室友'] } },
  { kubernetes: 'Node', name: { en: 'building', zh: '楼' }, variants: { en: [], zh: [] } },
  {
    kubernetes: 'ReplicaSet',
    name: { en: 'building auntie', zh: '楼管' },
    variants: { en: ['dorm auntie', 'housekeeper'], zh: ['宿管'] },
  },
  {
    kubernetes: 'Deployment',
    name: { en: 'head manager', zh: '总管理员' },
    variants: { en: ['dorm manager', 'building manager'], zh: ['总管家', '宿舍总管'] },
  },
  { kubernetes: 'Service', name: { en: 'dispatch centre', zh: '外卖调度中心' }, variants: { en: ['dispatch center', 'delivery centre'], zh: ['外卖站'] } },
  { kubernetes: 'Endpoints', name: { en: 'address book', zh: '地址簿' }, variants: { en: ['phone book', 'contact list'], zh: ['通讯录', '电话簿'] } },
  { kubernetes: 'StatefulSet', name: { en: "counsellors' rooms", zh: '辅导员宿舍' }, variants: { en: ['counselor'], zh: [] } },
  { kubernetes: 'DaemonSet', name: { en: 'power room', zh: '配电间' }, variants: { en: ['switch room'], zh: ['配电房', '配电室'] } },
  { kubernetes: 'Job', name: { en: 'electrician', zh: '水电工' }, variants: { en: ['handyman'], zh: ['电工'] }, allowedBefore: '水' },
  { kubernetes: 'CronJob', name: { en: 'cleaning auntie', zh: '清洁阿姨' }, variants: { en: ['cleaner', 'cleaning lady'], zh: ['保洁阿姨', '保洁员'] } },
  { kubernetes: 'NodePort', name: { en: 'side door', zh: '侧门' }, variants: { en: ['back door'], zh: ['后门'] } },
  { kubernetes: 'LoadBalancer', name: { en: 'doorman', zh: '门卫' }, variants: { en: ['security guard', 'gatekeeper'], zh: ['保安'] } },
  { kubernetes: 'Secret', name: { en: 'safe', zh: '保险箱' }, variants: { en: ['strongbox', 'safe box'], zh: ['保险柜'] } },
  { kubernetes: 'requests/limits', name: { en: 'power limiter', zh: '限电器' }, variants: { en: ['fuse', 'circuit breaker'], zh: ['保险丝', '断路器'] } },
  { kubernetes: 'ConfigMap', name: { en: 'notice board', zh: '公告板' }, variants: { en: ['bulletin board'], zh: ['公告栏', '布告栏'] } },
  { kubernetes: 'Volume', name: { en: 'locker', zh: '储物柜' }, variants: { en: ['wardrobe', 'cupboard'], zh: ['衣柜', '储物间'] } },
];

export interface VariantHit {
  /** 1-based line. */
  line: number;
  variant: string;
  role: Role;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every variant of a role's name in a text, with its line. */
export function findVariants(text: string): VariantHit[] {
  const hits: VariantHit[] = [];
  const lines = text.split(/\r?\n/);
  for (const role of GLOSSARY) {
    const patterns: { variant: string; re: RegExp }[] = [
      ...role.variants.en.map((v) => ({ variant: v, re: new RegExp(`\\b${escape(v)}s?\\b`, 'i') })),
      ...role.variants.zh.map((v) => ({ variant: v, re: new RegExp(role.allowedBefore ? `(?<![${escape(role.allowedBefore)}])${escape(v)}` : escape(v)) })),
    ];
    lines.forEach((line, i) => {
      for (const { variant, re } of patterns) if (re.test(line)) hits.push({ line: i + 1, variant, role });
    });
  }
  return hits;
}
