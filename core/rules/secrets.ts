// Secrets and ConfigMaps that pods reference (env, envFrom, volumes, projected volumes,
// imagePullSecrets) must exist in the pod's namespace and hold the keys asked for; and a
// Secret's `data` values must be base64, as the API server decodes them.
import type { MessageIds, RelatedInfo } from '../manifest/types';
import { rangeOf, type Resource } from '../manifest/parse';
import { defineMessages, msgOf } from '../i18n/index';
import { base64ErrorOffset } from '../k8s/base64';
import { podSpecOf } from '../k8s/podspec';
import { podSpecRefs, type PodRef } from '../k8s/podrefs';
import { closestName } from '../k8s/similar';
import type { RuleContext, RuleMeta, RuleModule } from './types';
import { isObj } from '../k8s/guards';
import { isCoreKind, nsOf } from '../k8s/identity';
import { refIndex, refsMsg } from './refs-index';

const messages = defineMessages({
  'secret-ref-missing.env': {
    en: 'secret "{name}" not found: there is no Secret "{name}" in namespace "{namespace}" in the workspace. Unless it is created another way, the container fails to start with CreateContainerConfigError.',
    zh: 'secret "{name}" not found：工作区中命名空间 "{namespace}" 里没有名为 "{name}" 的 Secret。除非它通过其他方式创建，否则容器会因 CreateContainerConfigError 无法启动。',
  },
  'secret-ref-missing.volume': {
    en: 'secret "{name}" not found: there is no Secret "{name}" in namespace "{namespace}" in the workspace. Unless it is created another way, the pod stays in ContainerCreating (MountVolume.SetUp failed).',
    zh: 'secret "{name}" not found：工作区中命名空间 "{namespace}" 里没有名为 "{name}" 的 Secret。除非它通过其他方式创建，否则 Pod 会一直停在 ContainerCreating（MountVolume.SetUp failed）。',
  },
  'secret-ref-missing.imagePull': {
    en: 'secret "{name}" not found: there is no Secret "{name}" in namespace "{namespace}" in the workspace. The kubelet warns "Unable to retrieve some image pull secrets" and pulls without these credentials, so a private image fails with ErrImagePull.',
    zh: 'secret "{name}" not found：工作区中命名空间 "{namespace}" 里没有名为 "{name}" 的 Secret。kubelet 会警告 "Unable to retrieve some image pull secrets" 并在没有凭据的情况下拉取镜像，私有镜像会因 ErrImagePull 拉取失败。',
  },
  'analogy.secret-ref-missing': {
    en: "The roommate is told to take the key from the room's safe, but this room has no such safe.",
    zh: '舍友被告知去房间的保险箱里取钥匙，可这个房间根本没有这个保险箱。',
  },
  'secret-key-missing.env': {
    en: "couldn't find key {key} in Secret {namespace}/{name}: the container fails to start with CreateContainerConfigError. The Secret has the keys: {available}.",
    zh: "couldn't find key {key} in Secret {namespace}/{name}：在 Secret {namespace}/{name} 中找不到键 {key}，容器会因 CreateContainerConfigError 无法启动。这个 Secret 里的键有：{available}。",
  },
  'secret-key-missing.volume': {
    en: 'references non-existent secret key: {key} (Secret {namespace}/{name}): the volume cannot be mounted and the pod stays in ContainerCreating. The Secret has the keys: {available}.',
    zh: 'references non-existent secret key: {key}：Secret {namespace}/{name} 中没有键 {key}，卷无法挂载，Pod 会一直停在 ContainerCreating。这个 Secret 里的键有：{available}。',
  },
  'analogy.secret-key-missing': {
    en: 'The safe exists, but the compartment the roommate is told to open is not in it.',
    zh: '保险箱是有的，可舍友要打开的那个格子并不在里面。',
  },
  'configmap-ref-missing.env': {
    en: 'configmap "{name}" not found: there is no ConfigMap "{name}" in namespace "{namespace}" in the workspace. Unless it is created another way, the container fails to start with CreateContainerConfigError.',
    zh: 'configmap "{name}" not found：工作区中命名空间 "{namespace}" 里没有名为 "{name}" 的 ConfigMap。除非它通过其他方式创建，否则容器会因 CreateContainerConfigError 无法启动。',
  },
  'configmap-ref-missing.volume': {
    en: 'configmap "{name}" not found: there is no ConfigMap "{name}" in namespace "{namespace}" in the workspace. Unless it is created another way, the pod stays in ContainerCreating (MountVolume.SetUp failed).',
    zh: 'configmap "{name}" not found：工作区中命名空间 "{namespace}" 里没有名为 "{name}" 的 ConfigMap。除非它通过其他方式创建，否则 Pod 会一直停在 ContainerCreating（MountVolume.SetUp failed）。',
  },
  'analogy.configmap-ref-missing': {
    en: 'The roommate is told to read the notice board by the stairs, but no such notice board hangs in this building.',
    zh: '舍友被告知去看楼梯口的公告板，可这栋楼里根本没挂这块公告板。',
  },
  'configmap-key-missing.env': {
    en: "couldn't find key {key} in ConfigMap {namespace}/{name}: the container fails to start with CreateContainerConfigError. The ConfigMap has the keys: {available}.",
    zh: "couldn't find key {key} in ConfigMap {namespace}/{name}：在 ConfigMap {namespace}/{name} 中找不到键 {key}，容器会因 CreateContainerConfigError 无法启动。这个 ConfigMap 里的键有：{available}。",
  },
  'configmap-key-missing.volume': {
    en: 'configmap references non-existent config key: {key} (ConfigMap {namespace}/{name}): the volume cannot be mounted and the pod stays in ContainerCreating. The ConfigMap has the keys: {available}.',
    zh: 'configmap references non-existent config key: {key}：ConfigMap {namespace}/{name} 中没有键 {key}，卷无法挂载，Pod 会一直停在 ContainerCreating。这个 ConfigMap 里的键有：{available}。',
  },
  'analogy.configmap-key-missing': {
    en: 'The notice board is there, but the notice the roommate is told to read was never pinned on it.',
    zh: '公告板是有的，可舍友要看的那条通知从来没贴上去。',
  },
  'secret-data-not-base64': {
    en: 'Secret "{name}": data["{key}"] is not valid base64; the API server rejects it ("illegal base64 data at input byte {offset}"). Values under data must be base64-encoded. base64 is an encoding, not encryption: anyone can decode it. To write plain text, move the entry under stringData.',
    zh: 'Secret "{name}"：data["{key}"] 不是合法的 base64，API server 会拒绝它（"illegal base64 data at input byte {offset}"）。data 下的值必须先做 base64 编码。base64 只是编码，不是加密：任何人都能解码。要写明文，请把这一项移到 stringData 下。',
  },
  'analogy.secret-data-not-base64': {
    en: 'The safe only accepts envelopes written in the base64 alphabet; a note in plain handwriting is refused at the door (and the alphabet is no lock: anyone can read it back).',
    zh: '保险箱只收用 base64 字母写的信封，手写的明文纸条在门口就被退回（而且这种字母不是锁，谁都能读回来）。',
  },
  'refs.related.keys-here': {
    en: '{kind} "{name}" is defined here, with the keys: {keys}',
    zh: '{kind} "{name}" 在这里定义，包含的键有：{keys}',
  },
});

const msg = msgOf(messages);

/** The Secret and ConfigMap references of the resource's pod spec. */
function secretAndConfigRefs(res: Resource): (PodRef & { kind: 'Secret' | 'ConfigMap' })[] {
  const ps = podSpecOf(res);
  if (!ps) return [];
  return podSpecRefs(ps.spec, ps.path).filter((r): r is PodRef & { kind: 'Secret' | 'ConfigMap' } => r.kind !== 'PersistentVolumeClaim');
}

const listKeys = (keys: Iterable<string>): string => {
  const all = [...keys];
  if (!all.length) return '—';
  return all.length > 12 ? `${all.slice(0, 12).join(', ')}, …` : all.join(', ');
};

function checkRefs(res: Resource, ctx: RuleContext): void {
  const refs = secretAndConfigRefs(res);
  if (!refs.length) return;
  const idx = refIndex(ctx.ws);
  const ns = nsOf(res);
  const reported = new Set<string>();
  for (const ref of refs) {
    if (ref.optional) continue;
    const lower = ref.kind === 'Secret' ? 'secret' : 'configmap';
    const providers = idx.findProviders(ref.kind, ns, ref.name);
    if (providers.length === 0) {
      // One diagnostic per reference site, on its name (a volume's item keys share it).
      const site = ref.namePath.join('\u0000');
      if (reported.has(site)) continue;
      reported.add(site);
      const names = idx.namesOf(ref.kind);
      const related: RelatedInfo[] = [];
      for (const [otherNs, byName] of names) {
        const r = otherNs !== ns ? byName.get(ref.name) : undefined;
        if (r && related.length < 3)
          related.push({
            uri: r.uri,
            range: rangeOf(r, ['metadata', 'name']),
            message: refsMsg('refs.related.other-namespace', { kind: ref.kind, name: ref.name, namespace: otherNs }),
          });
      }
      const suggestion = idx.suggest(ref.kind, ns, ref.name);
      if (suggestion) {
        const r = names.get(ns)!.get(suggestion)!;
        related.unshift({
          uri: r.uri,
          range: rangeOf(r, ['metadata', 'name']),
          message: refsMsg('refs.related.did-you-mean', { kind: ref.kind, name: suggestion }),
        });
      }
      const keys = [...new Set(refs.filter((r) => r.kind === ref.kind && r.name === ref.name && r.key).map((r) => r.key!))];
      const via = ref.via === 'volume' ? 'volume' : 'env';
      const id =
        ref.kind === 'Secret' ? (`secret-ref-missing.${ref.via === 'imagePull' ? 'imagePull' : via}` as const) : (`configmap-ref-missing.${via}` as const);
      ctx.report(
        `${lower}-ref-missing`,
        res,
        ref.namePath,
        { id, args: { name: ref.name, namespace: ns } },
        {
          related,
          data: {
            kind: ref.kind,
            name: ref.name,
            namespace: ns,
            keys,
            suggestion,
            ...(ref.via === 'imagePull' ? { secretType: 'kubernetes.io/dockerconfigjson' } : {}),
          },
        },
      );
      continue;
    }
    if (!ref.key || !ref.keyPath) continue;
    // Keys unknown (filled in by a controller) for any of the definitions: nothing to judge.
    if (providers.some((p) => !p.keys || p.keys.has(ref.key!))) continue;
    const available = new Set(providers.flatMap((p) => [...p.keys!]));
    const suggestion = closestName(ref.key, available);
    ctx.report(
      `${lower}-key-missing`,
      res,
      ref.keyPath,
      msg(`${lower}-key-missing.${ref.via === 'volume' ? 'volume' : 'env'}`, { key: ref.key, name: ref.name, namespace: ns, available: listKeys(available) }),
      {
        related: providers.slice(0, 3).map((p) => ({
          uri: p.res.uri,
          range: rangeOf(p.res, ['metadata', 'name']),
          message: msg('refs.related.keys-here', { kind: ref.kind, name: ref.name, keys: listKeys(p.keys!) }),
        })),
        data: { kind: ref.kind, name: ref.name, namespace: ns, missingKeys: [ref.key], availableKeys: [...available], suggestion },
      },
    );
  }
}

function checkBase64(res: Resource, ctx: RuleContext): void {
  const data = res.obj?.data;
  if (!isObj(data)) return;
  for (const [key, value] of Object.entries(data)) {
    // Non-strings are a schema-type matter; null decodes to an empty value.
    if (typeof value !== 'string') continue;
    const offset = base64ErrorOffset(value);
    if (offset === undefined) continue;
    // Never echo the value: only its key and where decoding stops.
    ctx.report('secret-data-not-base64', res, ['data', key], msg('secret-data-not-base64', { name: res.name ?? '?', key, offset }), {
      data: { name: res.name, namespace: nsOf(res), key, offset },
    });
  }
}

const rules = [
  {
    code: 'secret-ref-missing',
    severity: 'warning',
    crossResource: true,
    title: { en: 'Referenced Secret not in the workspace', zh: '引用的 Secret 不在工作区中' },
  },
  { code: 'secret-key-missing', severity: 'warning', crossResource: true, title: { en: 'Referenced key not in the Secret', zh: 'Secret 中没有引用的键' } },
  {
    code: 'configmap-ref-missing',
    severity: 'warning',
    crossResource: true,
    title: { en: 'Referenced ConfigMap not in the workspace', zh: '引用的 ConfigMap 不在工作区中' },
  },
  {
    code: 'configmap-key-missing',
    severity: 'warning',
    crossResource: true,
    title: { en: 'Referenced key not in the ConfigMap', zh: 'ConfigMap 中没有引用的键' },
  },
  { code: 'secret-data-not-base64', severity: 'error', title: { en: 'Secret data value is not base64', zh: 'Secret 的 data 值不是 base64' } },
] as const satisfies readonly RuleMeta[];

/** The codes this module reports. */
export type SecretsCode = (typeof rules)[number]['code'];

export const secretsModule: RuleModule = {
  rules,
  check(res, ctx) {
    if (isCoreKind(res, 'Secret')) checkBase64(res, ctx);
    checkRefs(res, ctx);
  },
};

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
