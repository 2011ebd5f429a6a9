// Lessons: one per seed chapter, checked against the simulated cluster (see types.ts for the data format).
export * from './types';
export { LessonRun, ownedBy, type ActionOutcome, type RunOptions } from './engine';
export { splitPath } from './file-edit';
export { loadLesson, loadAllLessons, validateLesson, lessonProblems, LESSON_DIRS, LESSON_LOCALES, type Reader } from './load';
export * from './progress';
