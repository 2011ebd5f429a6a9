// The renderer's messages, in English and Chinese. A KustomizeError carries one of them as a typed
// Msg; its Error.message is the English text (for logs and stack traces).
import type { MessageIds } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';

const messages = defineMessages({
  'kz.list': { en: '{field} must be a list', zh: '{field} 必须是列表' },
  'kz.strings': { en: '{field} must be a list of strings', zh: '{field} 必须是字符串列表' },
  'kz.map': { en: '{field} must be a map of keys to values', zh: '{field} 必须是键到值的映射' },
  'kz.needs': { en: 'each {field} entry needs {what}', zh: '{field} 的每一项都需要 {what}' },
  'kz.noFile': { en: '{file}: no such file', zh: '{file}：文件不存在' },
  'kz.yaml': { en: '{file}: the YAML does not parse: {detail}', zh: '{file}：YAML 无法解析：{detail}' },
  'kz.notMap': { en: '{file}: a kustomization must be a map', zh: '{file}：kustomization 必须是一个映射' },
  'kz.templated': {
    en: '{file} has template markers ({{ }}): kustomize reads plain YAML only',
    zh: '{file} 含有模板标记（{{ }}）：kustomize 只读取纯 YAML',
  },
  'kz.duplicateId': {
    en: 'may not add resource with an already registered id: {id}',
    zh: '不能添加已登记过的资源：{id}（同一对象出现了两次）',
  },
  'kz.cycle': { en: 'kustomizations include each other in a cycle: {chain}', zh: 'kustomization 之间循环引用：{chain}' },
  'kz.noKustomization': {
    en: '{dir}: no kustomization.yaml, kustomization.yml or Kustomization in this folder',
    zh: '{dir}：此目录中没有 kustomization.yaml、kustomization.yml 或 Kustomization',
  },
  'kz.componentKind': { en: '{file}: a component must have kind: Component', zh: '{file}：组件必须声明 kind: Component' },
  'kz.componentInResources': {
    en: '{file}: a Component can only be used under components:, not resources:',
    zh: '{file}：Component 只能放在 components: 下，不能放在 resources: 下',
  },
  'kz.componentNotDir': { en: '{entry}: a component must be a folder with a kustomization', zh: '{entry}：组件必须是含有 kustomization 的目录' },
  'kz.remote': {
    en: '{entry}: remote resources are not supported (Kube Dorm renders offline)',
    zh: '{entry}：不支持远程资源（Kube Dorm 离线渲染）',
  },
  'kz.outsideRoot': {
    en: "security; file '{file}' is not in or below '{root}'",
    zh: "安全限制：文件 '{file}' 不在 '{root}' 之内或之下",
  },
  'kz.badRegex': { en: 'target: "{pattern}" is not a valid regular expression', zh: 'target：“{pattern}”不是有效的正则表达式' },
  'kz.patchShape': {
    en: 'a patch must be a map (strategic merge) or a list of operations (JSON 6902)',
    zh: '补丁必须是映射（策略合并）或操作列表（JSON 6902）',
  },
  'kz.jsonNeedsTarget': { en: 'a JSON 6902 patch needs a target', zh: 'JSON 6902 补丁需要 target' },
  'kz.noMatch': { en: 'no object matches the patch for {kind} {name}', zh: '没有对象与 {kind} {name} 的补丁匹配' },
  'kz.jsonPatch': { en: 'JSON patch on {object}: {detail}', zh: '对 {object} 的 JSON 补丁：{detail}' },
  'kz.dupKey': { en: '{field}: key "{key}" is given twice', zh: '{field}：键“{key}”出现了两次' },
  'kz.badKey': { en: '{file}: "{key}" is not a valid key name', zh: '{file}：“{key}”不是有效的键名' },
  'kz.literal': { en: 'invalid literal source {literal}, expected key=value', zh: '无效的字面量 {literal}，应为 key=value' },
  'kz.exists': { en: '{kind} {name} already exists: use behavior: merge or replace', zh: '{kind} {name} 已存在：请使用 behavior: merge 或 replace' },
  'kz.missing': { en: '{kind} {name} does not exist: cannot {behavior} it', zh: '{kind} {name} 不存在：无法 {behavior}' },
  'kz.behavior': { en: 'behavior must be create, merge or replace, not "{value}"', zh: 'behavior 必须是 create、merge 或 replace，而不是“{value}”' },
  'kz.json.pointer': { en: '"{path}" is not a JSON pointer', zh: '“{path}”不是 JSON 指针' },
  'kz.json.missing': { en: '{op} {path}: the path does not exist', zh: '{op} {path}：路径不存在' },
  'kz.json.range': { en: '{op} {path}: index {index} is out of range', zh: '{op} {path}：下标 {index} 越界' },
  'kz.json.notList': { en: 'a JSON 6902 patch must be a list of operations', zh: 'JSON 6902 补丁必须是操作列表' },
  'kz.json.noOp': { en: 'operation {index} has no "op"', zh: '第 {index} 个操作没有“op”' },
  'kz.json.root': { en: '{op}: the whole object cannot be replaced', zh: '{op}：不能替换整个对象' },
  'kz.json.noValue': { en: '{op} {path}: no value', zh: '{op} {path}：缺少 value' },
  'kz.json.test': { en: 'test {path}: the value differs', zh: 'test {path}：值不相同' },
  'kz.json.unknownOp': { en: 'unknown operation "{op}"', zh: '未知操作“{op}”' },
  'kz.repl.shape': { en: 'replacements must specify a source and at least one target', zh: 'replacements 必须指定一个 source 和至少一个 target' },
  'kz.repl.pathAndInline': { en: 'cannot specify both path and inline replacement', zh: '不能同时指定 path 和内联的 replacement' },
  'kz.repl.fileShape': {
    en: '{file}: unsupported replacement type encountered within replacement path (expected a replacement or a list of them)',
    zh: '{file}：replacement 文件内容类型不受支持（应为一个 replacement 或其列表）',
  },
  'kz.repl.noSource': { en: 'nothing selected by {selector}', zh: '没有对象被 {selector} 选中' },
  'kz.repl.manySources': { en: 'multiple matches for selector {selector}', zh: '选择器 {selector} 匹配到多个对象（source 只能有一个）' },
  'kz.repl.sourceField': { en: 'fieldPath `{path}` is missing for replacement source {selector}', zh: 'replacement 的 source {selector} 中没有字段 `{path}`' },
  'kz.repl.noSelect': { en: 'target must specify resources to select', zh: 'target 必须用 select 指定要选择的资源' },
  'kz.repl.noTarget': {
    en: 'unable to find field "{path}" in replacement target ({object})',
    zh: '在 replacement 的目标（{object}）中找不到字段“{path}”',
  },
  'kz.repl.noCreate': {
    en: 'unable to find or create field "{path}" in replacement target ({object})',
    zh: '在 replacement 的目标（{object}）中无法找到或创建字段“{path}”',
  },
  'kz.repl.delimiter': { en: 'delimiter option can only be used with scalar nodes', zh: 'delimiter 选项只能用于标量值' },
  'kz.repl.index': { en: 'options.index {index} is out of bounds for value {value}', zh: 'options.index {index} 超出了值 {value} 的范围' },
  'kz.var.duplicate': { en: "var '{name}' already encountered", zh: "var '{name}' 已经定义过" },
  'kz.var.shape': { en: 'each vars entry needs a name and an objref with kind and name', zh: 'vars 的每一项都需要 name，以及带 kind 和 name 的 objref' },
  'kz.var.noObject': {
    en: "var '{name}' cannot be mapped to a field in the set of known resources (no {kind} named {object} with apiVersion {apiVersion})",
    zh: "var '{name}' 无法对应到已知资源中的字段（没有 apiVersion 为 {apiVersion}、名为 {object} 的 {kind}）",
  },
  'kz.var.many': { en: 'found {count} resId matches for var {name} (unable to disambiguate)', zh: '变量 {name} 匹配到 {count} 个资源（无法区分）' },
  'kz.var.noField': {
    en: "field specified in var '{name}' ({path}) not found in corresponding resource",
    zh: "var '{name}' 指定的字段（{path}）在对应资源中不存在",
  },
  'kz.helm': {
    en: 'helmCharts: chart "{chart}" is not rendered: kubectl kustomize refuses helmCharts without --enable-helm ("must specify --enable-helm"), and Kube Dorm never runs helm or downloads charts (it works offline). Render the chart yourself (helm template) and list the output under resources:',
    zh: 'helmCharts：chart“{chart}”没有被渲染：不加 --enable-helm 时 kubectl kustomize 拒绝处理 helmCharts（“must specify --enable-helm”），而 Kube Dorm 从不运行 helm、也不下载 chart（离线工作）。请自行渲染（helm template），把输出放到 resources: 下',
  },
});

export const kmsg = msgOf(messages);

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
