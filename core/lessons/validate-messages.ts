// What the lesson validator says (validate.ts), in English and Chinese: read by lesson authors in
// `kube-dorm lesson check`, in the editor's Problems on lesson files, and by the build.
import type { MessageIds } from '../manifest/types';
import { defineMessages, msgOf } from '../i18n/index';

const messages = defineMessages({
  'lessonValidate.id': { en: 'id must be lowercase letters, digits and -', zh: 'id 只能由小写字母、数字和 - 组成' },
  'lessonValidate.number': { en: 'number must be an integer', zh: 'number 必须是整数' },
  'lessonValidate.files': { en: 'files must be a list', zh: 'files 必须是列表' },
  'lessonValidate.steps': { en: 'steps must be a non-empty list', zh: 'steps 必须是非空列表' },
  'lessonValidate.quiz': { en: 'quiz must have 2 or 3 questions', zh: 'quiz 必须有 2 或 3 道题' },
  'lessonValidate.quizChoicesDiffer': { en: 'quiz {id}: en and zh-cn have different numbers of choices', zh: '测验 {id}：en 和 zh-cn 的选项数量不同' },
  'lessonValidate.checklist': { en: 'checklist: en and zh-cn differ in length', zh: 'checklist：en 和 zh-cn 的条数不同' },
  'lessonValidate.notStarter': { en: '{ctx}: file {file} is not a starter file of this lesson', zh: '{ctx}：文件 {file} 不是本课的起始文件' },
  'lessonValidate.checkMapping': { en: '{ctx}: a check must be a mapping', zh: '{ctx}：检查必须是一个映射' },
  'lessonValidate.checkOneKey': { en: '{ctx}: a check has exactly one key (got {keys})', zh: '{ctx}：一个检查只能有一个键（现在是 {keys}）' },
  'lessonValidate.checkUnknown': { en: '{ctx}: unknown check "{k}" (known: {known})', zh: '{ctx}：未知的检查 "{k}"（已知：{known}）' },
  'lessonValidate.nonEmptyList': { en: '{ctx}: must be a non-empty list', zh: '{ctx}：必须是非空列表' },
  'lessonValidate.mapping': { en: '{ctx}: must be a mapping', zh: '{ctx}：必须是一个映射' },
  'lessonValidate.owner': { en: '{ctx}.pods.owner must be Kind/name', zh: '{ctx}.pods.owner 必须写成 Kind/name' },
  'lessonValidate.regex': { en: '{ctx}.matches is not a regular expression', zh: '{ctx}.matches 不是正则表达式' },
  'lessonValidate.objectNeeds': { en: '{ctx}.object needs kind and name', zh: '{ctx}.object 需要 kind 和 name' },
  'lessonValidate.fileNeeds': { en: '{ctx}.file needs kind and path', zh: '{ctx}.file 需要 kind 和 path' },
  'lessonValidate.actionMapping': { en: '{ctx}: an action must be a mapping', zh: '{ctx}：动作必须是一个映射' },
  'lessonValidate.actionUnknown': { en: '{ctx}: unknown action {keys} (known: {known})', zh: '{ctx}：未知的动作 {keys}（已知：{known}）' },
  'lessonValidate.scaleReplicas': { en: '{ctx}: scale needs replicas', zh: '{ctx}：scale 需要 replicas' },
  'lessonValidate.stepId': { en: '{ctx}: id missing', zh: '{ctx}：缺少 id' },
  'lessonValidate.stepDup': { en: '{ctx}: duplicate step id', zh: '{ctx}：步骤 id 重复' },
  'lessonValidate.show': { en: '{ctx}: "show" (Show me) must list at least one action', zh: '{ctx}："show"（演示给我看）至少要有一个动作' },
  'lessonValidate.fileMissing': { en: 'missing', zh: '缺少此文件' },
  'lessonValidate.missing': { en: '{what} missing', zh: '缺少 {what}' },
  'lessonValidate.noStepText': { en: 'no text for step {id}', zh: '步骤 {id} 没有文字' },
  'lessonValidate.hints': { en: 'step {id}.hints must list at least one hint', zh: '步骤 {id}.hints 至少要有一条提示' },
  'lessonValidate.unknownStepText': { en: 'text for unknown step {id}', zh: '文字对应的步骤 {id} 不存在' },
  'lessonValidate.noQuizText': { en: 'no text for quiz {id}', zh: '测验 {id} 没有文字' },
  'lessonValidate.choices': { en: 'quiz {id}.choices must list 2 or more', zh: '测验 {id}.choices 至少要有 2 个选项' },
  'lessonValidate.answer': { en: 'quiz {id}: answer {answer} is not one of the {n} choices', zh: '测验 {id}：答案 {answer} 不在 {n} 个选项之中' },
  'lessonValidate.lints': { en: 'lints to [{got}], intended [{want}]', zh: '检查结果是 [{got}]，预期是 [{want}]' },
  'lessonValidate.servedOwner': { en: '{ctx}.served.owner must be Kind/name', zh: '{ctx}.served.owner 必须写成 Kind/name' },
  'lessonValidate.share': { en: '{ctx}.served.share: min and max are percentages (0 to 100)', zh: '{ctx}.served.share：min 和 max 是百分比（0 到 100）' },
  'lessonValidate.variants': { en: 'variants must be a non-empty list', zh: 'variants 必须是非空列表' },
  'lessonValidate.variantId': {
    en: '{ctx}: id must be lowercase letters, digits and -, and unique',
    zh: '{ctx}：id 只能由小写字母、数字和 - 组成，且不能重复',
  },
  'lessonValidate.variantBreak': { en: '{ctx}: break must list at least one edit', zh: '{ctx}：break 至少要有一个修改' },
  'lessonValidate.variantEdit': { en: '{ctx}: only set, remove and append can break a starter', zh: '{ctx}：只有 set、remove 和 append 能改坏起始文件' },
  'lessonValidate.variantEditFails': { en: '{ctx}: cannot be made: {error}', zh: '{ctx}：无法执行：{error}' },
  'lessonValidate.variantStep': { en: '{ctx}: there is no step {id}', zh: '{ctx}：没有步骤 {id}' },
  'lessonValidate.variantLints': {
    en: 'variant {id}: files/{file} lints to [{got}], intended [{want}]',
    zh: '变体 {id}：files/{file} 的检查结果是 [{got}]，预期是 [{want}]',
  },
  'lessonValidate.variantText': { en: 'text for unknown variant {id}', zh: '文字对应的变体 {id} 不存在' },
  'lessonValidate.variantHintsDiffer': { en: 'variant {id}: en and zh-cn give hints for different steps', zh: '变体 {id}：en 和 zh-cn 给出提示的步骤不同' },
});
export const validateMsg = msgOf(messages);

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
