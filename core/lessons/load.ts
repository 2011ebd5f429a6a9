// Loading and validating lesson data (media/lessons/NN-slug/{lesson.yaml,en.yaml,zh-cn.yaml,files/*}).
// The reader is passed in, so the extension (fs), the build-time validator and the tests share it.
// Validation is strict: every check and action names a real one, every text exists in both
// languages, every quiz answer is a real choice, and every starter manifest lints to exactly the
// diagnostics it is meant to have.
import { readYaml as parse } from '../manifest/read-yaml';
import type { Lesson, LessonDef, LessonLocale, LessonText } from './types';
import { isObj } from '../k8s/guards';

export const LESSON_DIRS = [
  '01-pods',
  '02-rollout',
  '03-service',
  '04-controllers',
  '05-reaching',
  '06-doors',
  '07-secrets-limits',
  '08-configmap-volume',
  '09-blue-green',
  '10-detective',
];
export const LESSON_LOCALES: LessonLocale[] = ['en', 'zh-cn'];

export type Reader = (relPath: string) => string;

/** Reads one lesson; throws with a readable message when a file is missing or is not YAML. */
export function loadLesson(read: Reader, dir: string): Lesson {
  const def = parse(read(`${dir}/lesson.yaml`)) as LessonDef;
  if (!isObj(def)) throw new Error(`${dir}/lesson.yaml: not a mapping`);
  def.dir = dir;
  const text = {} as Record<LessonLocale, LessonText>;
  for (const l of LESSON_LOCALES) text[l] = parse(read(`${dir}/${l}.yaml`)) as LessonText;
  const starters: Record<string, string> = {};
  for (const f of Array.isArray(def.files) ? def.files : []) starters[f.name] = read(`${dir}/files/${f.name}`);
  return { def, text, starters };
}

export function loadAllLessons(read: Reader): Lesson[] {
  return LESSON_DIRS.map((d) => loadLesson(read, d));
}

export { validateLesson, lessonProblems, type LessonProblem } from './validate';
