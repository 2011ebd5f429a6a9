// `kube-dorm lesson check DIR...` and `kube-dorm lesson new NAME [--dir DIR]`.
// check: DIR is one lesson folder (with lesson.yaml) or a folder of them (the built-in media/lessons,
// or a workspace's .kube-dorm/lessons); every problem is printed as FILE:LINE:COLUMN: message.
// Exit status: 0 every lesson passes, 1 problems found, 2 usage or I/O error.
import type { MessageIds } from '../core/manifest/types';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineMessages, msgOf, resolveLocale, t, type Locale } from '../core/i18n/index';
import { checkLessonFolder, duplicateIds, position } from '../core/lessons/check';
import { isLessonName, scaffoldLesson } from '../core/lessons/scaffold';
import { splitArgv } from './argv';
import type { CliIO } from './lint';

const messages = defineMessages({
  'lessonCli.usage': {
    en: 'usage: kube-dorm lesson check DIR... [--lang en|zh-cn]\n       kube-dorm lesson new NAME [--dir DIR] [--lang en|zh-cn]   (DIR default: .kube-dorm/lessons)',
    zh: '用法：kube-dorm lesson check 目录... [--lang en|zh-cn]\n      kube-dorm lesson new 名称 [--dir 目录] [--lang en|zh-cn]   （目录默认：.kube-dorm/lessons）',
  },
  'lessonCli.unknownFlag': { en: 'kube-dorm lesson: unknown option {flag}', zh: 'kube-dorm lesson：未知选项 {flag}' },
  'lessonCli.noLessons': {
    en: 'kube-dorm lesson check: no lesson (a folder with lesson.yaml) in {dir}',
    zh: 'kube-dorm lesson check：{dir} 中没有课程（含 lesson.yaml 的文件夹）',
  },
  'lessonCli.summaryOk': { en: '{n} lesson(s) checked: every step played, no problems.', zh: '检查了 {n} 课：每一步都演示通过，没有问题。' },
  'lessonCli.summaryBad': { en: '{n} lesson(s) checked: {p} problem(s).', zh: '检查了 {n} 课：发现 {p} 个问题。' },
  'lessonCli.badName': {
    en: 'kube-dorm lesson new: "{name}" is not a lesson name (lowercase letters, digits and -)',
    zh: 'kube-dorm lesson new："{name}" 不是合法的课程名（小写字母、数字和 -）',
  },
  'lessonCli.exists': { en: 'kube-dorm lesson new: {dir} already exists; nothing was written', zh: 'kube-dorm lesson new：{dir} 已存在，没有写入任何文件' },
  'lessonCli.created': {
    en: 'Created {dir} (lesson.yaml, en.yaml, zh-cn.yaml, files/rooms.yaml). Check it with: kube-dorm lesson check {dir}',
    zh: '已创建 {dir}（lesson.yaml、en.yaml、zh-cn.yaml、files/rooms.yaml）。用 kube-dorm lesson check {dir} 检查它',
  },
});
const msg = msgOf(messages);

class UsageError extends Error {}

/** Lesson folders under `dir`: itself when it holds lesson.yaml, else its sub-folders that do (sorted). */
export function lessonFolders(dir: string): string[] {
  if (fs.existsSync(path.join(dir, 'lesson.yaml'))) return [dir];
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.map((n) => path.join(dir, n)).filter((d) => fs.existsSync(path.join(d, 'lesson.yaml')));
}

export function runLesson(argv: string[], io: CliIO): number {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  let locale: Locale = resolveLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
  try {
    const [sub, ...rest] = argv;
    const { positional, flags } = splitArgv(rest, {
      valued: ['--lang', '--dir'],
      unknown: (flag) => new UsageError(t(msg('lessonCli.unknownFlag', { flag }), locale)),
      missing: () => new UsageError(t('lessonCli.usage', locale)),
    });
    for (const f of flags) if (f.name === '--lang') locale = resolveLocale(f.value);
    const dirFlag = flags.find((f) => f.name === '--dir')?.value;
    if (sub === 'check' && positional.length && dirFlag === undefined) return check(positional, io, cwd, locale);
    if (sub === 'new' && positional.length === 1) return scaffold(positional[0], path.resolve(cwd, dirFlag ?? '.kube-dorm/lessons'), io, cwd, locale);
    throw new UsageError(t('lessonCli.usage', locale));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(e.message + '\n');
    return 2;
  }
}

function check(dirs: string[], io: CliIO, cwd: string, locale: Locale): number {
  const checked: ({ dir: string } & ReturnType<typeof checkLessonFolder>)[] = [];
  for (const d of dirs) {
    const abs = path.resolve(cwd, d);
    const folders = lessonFolders(abs);
    if (!folders.length) {
      io.stderr.write(t(msg('lessonCli.noLessons', { dir: d }), locale) + '\n');
      return 2;
    }
    for (const f of folders) checked.push({ dir: f, ...checkLessonFolder((rel) => fs.readFileSync(path.join(f, rel), 'utf8'), { locale }) });
  }
  const named = checked.map((c) => ({ name: path.relative(cwd, c.dir) || c.dir, lesson: c.lesson }));
  for (const { index, problem } of duplicateIds(named, locale)) {
    const c = checked[index];
    c.problems.push({ file: problem.file, message: problem.message, ...position(c.sources.get(problem.file) ?? '', problem.path) });
  }
  let count = 0;
  for (const c of checked)
    for (const p of c.problems) {
      count++;
      io.stdout.write(`${path.relative(cwd, path.join(c.dir, p.file)) || p.file}:${p.line}:${p.column}: ${p.message}\n`);
    }
  io.stdout.write(t(count ? msg('lessonCli.summaryBad', { n: checked.length, p: count }) : msg('lessonCli.summaryOk', { n: checked.length }), locale) + '\n');
  return count ? 1 : 0;
}

function scaffold(name: string, parent: string, io: CliIO, cwd: string, locale: Locale): number {
  if (!isLessonName(name)) {
    io.stderr.write(t(msg('lessonCli.badName', { name }), locale) + '\n');
    return 2;
  }
  const dir = path.join(parent, name);
  const shown = path.relative(cwd, dir) || dir;
  if (fs.existsSync(dir)) {
    io.stderr.write(t(msg('lessonCli.exists', { dir: shown }), locale) + '\n');
    return 2;
  }
  const number = lessonFolders(parent).length + 1;
  for (const [rel, text] of Object.entries(scaffoldLesson(name, number))) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text, { flag: 'wx' });
  }
  io.stdout.write(t(msg('lessonCli.created', { dir: shown }), locale) + '\n');
  return 0;
}

declare module '../core/manifest/types' {
  interface MessageCatalog extends MessageIds<typeof messages> {}
}
