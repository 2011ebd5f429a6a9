// Texts of the lesson view's frame (buttons, headings, control labels), in English and Chinese.
// The lesson content itself lives in media/lessons/*/{en,zh-cn}.yaml.
import type { MessageIds } from '../manifest/types';
import { defineMessages, msgOf, renderAll, t, type Locale } from '../i18n/index';
import type { Action, Lesson } from './types';

export const lessonMessages = defineMessages({
  'lesson.viewTitle': { en: 'Kube Dorm: Lesson {n}', zh: 'Kube Dorm：第 {n} 课' },
  'lesson.number': { en: 'Lesson {n}', zh: '第 {n} 课' },
  'lesson.steps': { en: 'Steps', zh: '步骤' },
  'lesson.walkthrough.quiz': { en: 'Then a quiz of {n} questions.', zh: '最后是 {n} 道小测验题。' },
  'lesson.walkthrough.open': { en: 'Open lesson {n}', zh: '打开第 {n} 课' },
  'lesson.walkthrough.how': {
    en: 'The lesson opens beside the editor with its starter files; the side panel draws its simulated cluster as the dorm. Each step completes itself when the cluster (or your file) shows it is done.',
    zh: '课程会在编辑器旁边打开，并带上起始文件；侧边面板把课程的模拟集群画成宿舍。每一步在集群（或你的文件）显示完成时会自动打勾。',
  },
  'lesson.step': { en: 'Step {n}', zh: '第 {n} 步' },
  'lesson.analogy': { en: 'In the dorm', zh: '宿舍里' },
  'lesson.explain': { en: 'In Kubernetes', zh: 'Kubernetes 里' },
  'lesson.task': { en: 'Your turn', zh: '动手' },
  'lesson.hint': { en: 'Hint', zh: '提示' },
  'lesson.moreHint': { en: 'Another hint', zh: '再来一个提示' },
  'lesson.showMe': { en: 'Show me', zh: '演示给我看' },
  'lesson.done': { en: 'Done', zh: '已完成' },
  'lesson.todo': { en: 'Not done yet', zh: '未完成' },
  'lesson.waiting': { en: 'Waiting for the check to pass…', zh: '等待检查通过……' },
  'lesson.quiz': { en: 'Quiz', zh: '小测验' },
  'lesson.right': { en: 'Right.', zh: '答对了。' },
  'lesson.wrong': { en: 'Not quite.', zh: '不太对。' },
  'lesson.complete': { en: 'Lesson complete!', zh: '本课完成！' },
  'lesson.next': { en: 'Next lesson', zh: '下一课' },
  'lesson.reset': { en: 'Start this lesson again', zh: '重新开始本课' },
  'lesson.lessons': { en: 'Lessons', zh: '课程' },
  'lesson.cluster': { en: 'Simulated cluster', zh: '模拟集群' },
  'lesson.noPods': { en: 'No pods yet.', zh: '还没有 Pod。' },
  'lesson.kubectl': { en: 'kubectl command', zh: 'kubectl 命令' },
  'lesson.run': { en: 'Run', zh: '运行' },
  'lesson.output': { en: 'Output', zh: '输出' },
  'lesson.language': { en: 'Language', zh: '语言' },
  'lesson.lang.auto': { en: 'Auto (VS Code)', zh: '自动（跟随 VS Code）' },
  'lesson.time': { en: 'Simulated time {t}', zh: '模拟时间 {t}' },
  'lesson.checklist': { en: 'Checklist', zh: '清单' },
  'lesson.progress': { en: '{done}/{total} steps', zh: '{done}/{total} 步' },
  'lesson.invalid': { en: 'The lesson view sent a message that was ignored: {detail}', zh: '课程视图发来的消息已被忽略：{detail}' },
  'lesson.control.apply': { en: 'Apply {file}', zh: '应用 {file}' },
  'lesson.control.open': { en: 'Open {file}', zh: '打开 {file}' },
  'lesson.control.kubectl': { en: '{line}', zh: '{line}' },
  'lesson.control.deletePod': { en: 'Delete a pod of {owner}', zh: '删除 {owner} 的一个 Pod' },
  'lesson.control.scale': { en: 'Scale {target} to {n}', zh: '把 {target} 缩放到 {n} 个' },
  'lesson.control.request': { en: 'Send {n} requests to {svc}', zh: '向 {svc} 发送 {n} 个请求' },
  'lesson.control.addNode': { en: 'Add a node', zh: '添加节点' },
  'lesson.control.oom': { en: 'Overload a pod of {owner}', zh: '让 {owner} 的一个 Pod 内存超限' },
  'lesson.control.advance': { en: 'Wait {d}', zh: '等待 {d}' },
  'lesson.control.addressPool': { en: 'Install an address pool ({ips})', zh: '安装地址池（{ips}）' },
  'lesson.control.edit': { en: 'Edit {file}', zh: '编辑 {file}' },
  'lesson.control.quickfix': { en: 'Quick fix in {file}', zh: '在 {file} 中快速修复' },
  'lesson.pick.placeholder': { en: 'Pick a lesson (lesson 1 is the place to start)', zh: '选择一课（从第 1 课开始）' },
  'lesson.pick.progress': { en: '{done}/{total} steps done', zh: '已完成 {done}/{total} 步' },
  'lesson.pick.complete': { en: 'complete', zh: '已学完' },
  'lesson.pick.workspace': { en: 'workspace lesson ({folder})', zh: '工作区课程（{folder}）' },
  'lesson.pick.invalid': {
    en: '{name}: {n} problem(s) in its files (see Problems); fix them to open this lesson',
    zh: '{name}：文件中有 {n} 个问题（见“问题”面板）；修好后才能打开这一课',
  },
  'lesson.pick.taken': { en: '{name}: the id "{id}" is already used by another lesson', zh: '{name}：id "{id}" 已被另一课使用' },
  'lesson.pick.unreadable': { en: '{name}: cannot be read ({reason})', zh: '{name}：无法读取（{reason}）' },
  'lesson.new.title': { en: 'Kube Dorm: New Lesson', zh: 'Kube Dorm：新建课程' },
  'lesson.new.prompt': {
    en: 'Name of the new lesson (written to .kube-dorm/lessons/NAME, in English and Chinese)',
    zh: '新课程的名称（写入 .kube-dorm/lessons/名称，含中英文）',
  },
  'lesson.new.badName': { en: 'Use lowercase letters, digits and -', zh: '只能使用小写字母、数字和 -' },
  'lesson.new.exists': { en: 'A lesson named {name} already exists; nothing was written.', zh: '已有名为 {name} 的课程，没有写入任何文件。' },
  'lesson.new.noFolder': { en: 'Open a folder first: the lesson is written into it.', zh: '请先打开一个文件夹：课程会写到其中。' },
  'lesson.pick.reset': { en: 'Reset lesson progress…', zh: '重置课程进度……' },
});

/** A typed `Msg` of the lessons' texts. */
export const lessonMsg = msgOf(lessonMessages);

/** A readable duration: 8 h, 90 s, 2 min. */
export function duration(ms: number, locale: Locale): string {
  const zh = locale === 'zh-cn';
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return zh ? `${ms / 3_600_000} 小时` : `${ms / 3_600_000} h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return zh ? `${ms / 60_000} 分钟` : `${ms / 60_000} min`;
  return zh ? `${Math.round(ms / 1000)} 秒` : `${Math.round(ms / 1000)} s`;
}

/** The button label of a control, in the reader's language. */
export function actionLabel(a: Action, locale: Locale): string {
  if ('apply' in a) return t(lessonMsg('lesson.control.apply', { file: a.apply }), locale);
  if ('open' in a) return t(lessonMsg('lesson.control.open', { file: a.open }), locale);
  if ('kubectl' in a) return t(lessonMsg('lesson.control.kubectl', { line: a.kubectl }), locale);
  if ('deletePod' in a) return t(lessonMsg('lesson.control.deletePod', { owner: a.deletePod.split('/')[1] ?? a.deletePod }), locale);
  if ('scale' in a) return t(lessonMsg('lesson.control.scale', { target: a.scale.split('/')[1] ?? a.scale, n: a.replicas }), locale);
  if ('request' in a) return t(lessonMsg('lesson.control.request', { n: a.count ?? 6, svc: a.request }), locale);
  if ('addNode' in a) return t(lessonMsg('lesson.control.addNode'), locale);
  if ('oom' in a) return t(lessonMsg('lesson.control.oom', { owner: a.oom.split('/')[1] ?? a.oom }), locale);
  if ('advance' in a) return t(lessonMsg('lesson.control.advance', { d: duration(a.advance, locale) }), locale);
  if ('addressPool' in a) return t(lessonMsg('lesson.control.addressPool', { ips: a.addressPool.join(', ') }), locale);
  if ('set' in a) return t(lessonMsg('lesson.control.edit', { file: a.set.file }), locale);
  if ('remove' in a) return t(lessonMsg('lesson.control.edit', { file: a.remove.file }), locale);
  if ('append' in a) return t(lessonMsg('lesson.control.edit', { file: a.append.file }), locale);
  if ('quickfix' in a) return t(lessonMsg('lesson.control.quickfix', { file: a.quickfix.file }), locale);
  return '?';
}

/** Every frame string, rendered for the webview (sent once with `init`). */
export function lessonStrings(locale: Locale): Record<string, string> {
  return renderAll(lessonMessages, locale);
}

/** "Lesson 1: Pods and their leaders" / "第 1 课：Pod 和它的领导们" (the walkthrough, the side panel's owner line). */
export function lessonTitle(lesson: Lesson, locale: Locale): string {
  const text = lesson.text[locale] ?? lesson.text.en;
  return `${t(lessonMsg('lesson.number', { n: lesson.def.number }), locale)}${locale === 'zh-cn' ? '：' : ': '}${text.title}`;
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof lessonMessages> {}
}
