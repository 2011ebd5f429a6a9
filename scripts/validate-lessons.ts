// Build-time validation of the lesson data in media/lessons (run by scripts/build.mjs through tsx,
// or directly: node --import tsx scripts/validate-lessons.ts). Fails the build when a lesson names
// an unknown check or action, lacks a text in either language, has a quiz answer that is not a
// choice, or a starter manifest does not lint to exactly its intended diagnostics.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadLesson, validateLesson, LESSON_DIRS } from '../core/lessons/load';

const root = path.resolve(__dirname, '..', 'media', 'lessons');
const problems: string[] = [];
const ids = new Set<string>();
LESSON_DIRS.forEach((dir, i) => {
  try {
    const l = loadLesson((rel) => readFileSync(path.join(root, rel), 'utf8'), dir);
    problems.push(...validateLesson(l));
    if (ids.has(l.def.id)) problems.push(`${dir}: lesson id ${l.def.id} used twice`);
    ids.add(l.def.id);
    if (l.def.number !== i + 1) problems.push(`${dir}: number ${l.def.number}, expected ${i + 1}`);
    // The Welcome-page walkthrough shows media/lessons/walkthrough/lessonN.md: it must name the lesson in both languages.
    const md = readFileSync(path.join(root, 'walkthrough', `lesson${i + 1}.md`), 'utf8');
    for (const loc of ['en', 'zh-cn'] as const) if (!md.includes(l.text[loc].title)) problems.push(`walkthrough/lesson${i + 1}.md: title "${l.text[loc].title}" (${loc}) missing`);
  } catch (e) {
    problems.push(`${dir}: ${String((e as Error)?.message ?? e)}`);
  }
});
if (problems.length) {
  console.error(`lesson data: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`lesson data: ${LESSON_DIRS.length} lessons valid`);
