// Messages of the custom-resource checks, in the API server's wording (apiextensions-apiserver turns
// kube-openapi's validation errors into field errors: `Invalid value`, `Too long`, `Too many`).
import type { MessageIds } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';

const messages = defineMessages({
  'schema-type.crd': {
    en: '{path}: Invalid value: "{actual}": {path} in body must be of type {expected}: "{actual}"',
    zh: '{path}：取值无效（Invalid value）："{actual}"：{path} 必须是 {expected} 类型（in body must be of type {expected}）',
  },
  'schema-type.crd.quote': {
    en: '{path}: Invalid value: "{actual}": {path} in body must be of type {expected}: "{actual}". Write {value} in quotes ("{value}") to make it a string.',
    zh: '{path}：取值无效（Invalid value）：{path} 必须是 {expected} 类型，这里是 {actual}。请给 {value} 加上引号（"{value}"）让它成为字符串。',
  },
  'schema-type.crd.unquote': {
    en: '{path}: Invalid value: "{actual}": {path} in body must be of type {expected}: "{actual}". Remove the quotes around {value}.',
    zh: '{path}：取值无效（Invalid value）：{path} 必须是 {expected} 类型，这里是字符串。请去掉 {value} 两边的引号。',
  },
  'schema-format.crd': {
    en: '{path}: Invalid value: {value}: {path} in body must be of type {format}: {value}',
    zh: '{path}：取值 {value} 无效（Invalid value）：{path} 必须符合 {format} 格式（in body must be of type {format}）',
  },
  'schema-required.embedded': {
    en: '{path}: Required value: must not be empty',
    zh: '{path}：必填（Required value）：嵌入的资源必须写明它（must not be empty）',
  },
  'schema-constraint.maximum': {
    en: '{path}: Invalid value: {value}: {path} in body should be less than or equal to {max}',
    zh: '{path}：取值 {value} 无效（Invalid value）：{path} 应小于或等于 {max}（should be less than or equal to {max}）',
  },
  'schema-constraint.maximumExclusive': {
    en: '{path}: Invalid value: {value}: {path} in body should be less than {max}',
    zh: '{path}：取值 {value} 无效（Invalid value）：{path} 应小于 {max}（should be less than {max}）',
  },
  'schema-constraint.minimum': {
    en: '{path}: Invalid value: {value}: {path} in body should be greater than or equal to {min}',
    zh: '{path}：取值 {value} 无效（Invalid value）：{path} 应大于或等于 {min}（should be greater than or equal to {min}）',
  },
  'schema-constraint.minimumExclusive': {
    en: '{path}: Invalid value: {value}: {path} in body should be greater than {min}',
    zh: '{path}：取值 {value} 无效（Invalid value）：{path} 应大于 {min}（should be greater than {min}）',
  },
  'schema-constraint.multipleOf': {
    en: '{path}: Invalid value: {value}: {path} in body should be a multiple of {factor}',
    zh: '{path}：取值 {value} 无效（Invalid value）：{path} 应是 {factor} 的倍数（should be a multiple of {factor}）',
  },
  'schema-constraint.pattern': {
    en: "{path}: Invalid value: {value}: {path} in body should match '{pattern}'",
    zh: "{path}：取值 {value} 无效（Invalid value）：{path} 应匹配正则 '{pattern}'（should match）",
  },
  'schema-constraint.maxLength': {
    en: '{path}: Too long: may not be longer than {max}',
    zh: '{path}：太长（Too long）：最多 {max} 个字符（may not be longer than {max}）',
  },
  'schema-constraint.minLength': {
    en: '{path}: Invalid value: {value}: {path} in body should be at least {min} chars long',
    zh: '{path}：取值 {value} 无效（Invalid value）：{path} 至少要 {min} 个字符（should be at least {min} chars long）',
  },
  'schema-constraint.maxItems': {
    en: '{path}: Too many: {count}: must have at most {max} items',
    zh: '{path}：太多（Too many）：有 {count} 项，最多 {max} 项（must have at most {max} items）',
  },
  'schema-constraint.minItems': {
    en: '{path}: Invalid value: {count}: {path} in body should have at least {min} items',
    zh: '{path}：取值无效（Invalid value）：有 {count} 项，至少要 {min} 项（should have at least {min} items）',
  },
  'schema-constraint.maxProperties': {
    en: '{path}: Too many: {count}: must have at most {max} items',
    zh: '{path}：太多（Too many）：有 {count} 个键，最多 {max} 个（must have at most {max} items）',
  },
  'schema-constraint.minProperties': {
    en: '{path}: Invalid value: {count}: {path} in body should have at least {min} properties',
    zh: '{path}：取值无效（Invalid value）：有 {count} 个键，至少要 {min} 个（should have at least {min} properties）',
  },
  'crd.source': {
    en: 'schema from CustomResourceDefinition "{crd}" (version {version}) in {file}',
    zh: '结构定义来自 CustomResourceDefinition "{crd}"（版本 {version}），文件 {file}',
  },
  'crd.source.cluster': {
    en: 'schema from CustomResourceDefinition "{crd}" (version {version}) installed in the cluster of context "{context}"',
    zh: '结构定义来自上下文 "{context}" 的集群中安装的 CustomResourceDefinition "{crd}"（版本 {version}）',
  },
  'custom-resource-unknown': {
    en: 'no CustomResourceDefinition for kind "{kind}" in "{apiVersion}" in the workspace or in .kube-dorm/schemas/: the fields of every {kind} are not checked. Add the CRD to the workspace, or import it with `kube-dorm schemas import FILE`.',
    zh: '工作区和 .kube-dorm/schemas/ 里都没有 "{apiVersion}" 中 kind "{kind}" 的 CustomResourceDefinition：所有 {kind} 的字段都没有检查。把 CRD 放进工作区，或用 `kube-dorm schemas import 文件` 导入。',
  },
  'api-version-unknown.crd': {
    en: 'no matches for kind "{kind}" in version "{apiVersion}": the CustomResourceDefinition "{crd}" serves {kind} at {versions}.',
    zh: '在版本 "{apiVersion}" 中找不到资源类型（kind）"{kind}"：CustomResourceDefinition "{crd}" 只在 {versions} 提供 {kind}。',
  },
  'crd-validations-not-checked': {
    en: '{count} x-kubernetes-validations rule(s) (CEL) at {path} are not checked by Kube Dorm: no maintained CEL evaluator for JavaScript is bundled. The API server checks them when a {kind} is applied.',
    zh: '{path} 处的 {count} 条 x-kubernetes-validations（CEL）规则 Kube Dorm 没有检查：没有内置维护中的 JavaScript CEL 求值器。应用 {kind} 时 API server 会检查它们。',
  },
  'analogy.schema-constraint': {
    en: 'Like writing 12 in the "beds per room" box when the form says "at most 10": the box is right, the number is not allowed.',
    zh: '就像表格写着“每间最多 10 张床”，你却在床位数一栏填了 12：栏没填错，数字超出了允许范围。',
  },
  'analogy.custom-resource-unknown': {
    en: 'Like a form from a student club the dorm office has never seen a blank copy of: it cannot tell you which boxes are wrong until it gets the template.',
    zh: '就像交来一张楼管办从没见过空白样表的社团表格：拿到样表之前，楼管办没法告诉你哪一栏填错了。',
  },
  'analogy.crd-validations-not-checked': {
    en: 'Like house rules written in a language the building auntie cannot read: she passes them on unchecked, and the office reads them when the form is handed in.',
    zh: '就像用楼管阿姨看不懂的文字写的附加规定：她原样转交，交表时由楼管办去核对。',
  },
});

export const crdMsg = msgOf(messages);

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
