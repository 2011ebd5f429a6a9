// Lessons with variants (lesson 10's broken campuses): each variant is the same lesson with its
// starter files broken by a few edits (`break`) and its own "Show me" for the steps it names. A run
// plays one variant, chosen by its seed, so a learner meets a different campus each time they start
// over while a test (or `lesson check`) can pin or loop over them. A resolved lesson is a plain
// lesson: the engine, the view and `lesson check` need to know nothing else.
import type { Lesson, LessonLocale, LessonText, StarterFile, VariantDef } from './types';
import { appendDocument, editField } from './file-edit';

/** The variant a seed picks (seed modulo the number of variants); undefined when the lesson has none. */
export function variantForSeed(l: Lesson, seed: number): VariantDef | undefined {
  const vs = l.def.variants;
  if (!Array.isArray(vs) || !vs.length) return undefined;
  const n = vs.length;
  const s = Number.isFinite(seed) ? Math.trunc(seed) : 0;
  return vs[((s % n) + n) % n];
}

/** The lesson as a seed plays it (the lesson itself when it has no variants). */
export function lessonForSeed(l: Lesson, seed: number): Lesson {
  const v = variantForSeed(l, seed);
  return v ? resolveVariant(l, v) : l;
}

/** Every way the lesson can be played: each variant resolved, or the lesson itself. */
export function lessonVariants(l: Lesson): Lesson[] {
  const vs = l.def.variants;
  return Array.isArray(vs) && vs.length ? vs.map((v) => resolveVariant(l, v)) : [l];
}

/** The starters with a variant's edits made; `errors` names each edit that could not be made (by index). */
export function breakStarters(l: Lesson, v: VariantDef): { starters: Record<string, string>; errors: { index: number; error: string }[] } {
  const starters = { ...l.starters };
  const errors: { index: number; error: string }[] = [];
  (Array.isArray(v.break) ? v.break : []).forEach((a, index) => {
    if ('append' in a) {
      starters[a.append.file] = appendDocument(starters[a.append.file] ?? '', a.append.text);
      return;
    }
    if (!('set' in a || 'remove' in a)) return void errors.push({ index, error: 'not an edit' });
    const file = 'set' in a ? a.set.file : a.remove.file;
    const r = editField(`file:///kube-dorm-lessons/${l.def.id}/${file}`, starters[file] ?? '', a);
    if ('error' in r) errors.push({ index, error: r.error });
    else starters[file] = r.text;
  });
  return { starters, errors };
}

/** The lesson as one variant plays it: starters broken, the variant's "Show me" and hints in place. */
export function resolveVariant(l: Lesson, v: VariantDef): Lesson {
  const files: StarterFile[] = l.def.files.map((f) => (v.expect?.[f.name] ? { ...f, expect: v.expect[f.name] } : f));
  const steps = l.def.steps.map((s) => (v.show?.[s.id] ? { ...s, show: v.show[s.id] } : s));
  const text = {} as Record<LessonLocale, LessonText>;
  for (const [loc, t] of Object.entries(l.text) as [LessonLocale, LessonText][]) {
    const extra = t.variants?.[v.id]?.hints ?? {};
    const st = Object.fromEntries(Object.entries(t.steps ?? {}).map(([id, x]) => [id, extra[id] ? { ...x, hints: [...x.hints, ...extra[id]] } : x]));
    text[loc] = { ...t, steps: st };
  }
  return { def: { ...l.def, files, steps, variants: undefined, variant: v.id }, text, starters: breakStarters(l, v).starters };
}
