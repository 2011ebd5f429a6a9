// Validation of a lesson's variants (types.ts VariantDef): unique ids, `break` made of edits that
// can be made on the starters, each variant's starters linting to exactly what it intends, its
// "Show me" naming real steps and real actions, and its hints given in both languages.
import type { Msg } from '../manifest/types';
import { isObj } from '../k8s/guards';
import { VARIANT_EDITS, type Action, type Lesson, type LessonLocale } from './types';
import { breakStarters } from './variants';
import { validateMsg as m } from './validate-messages';

type YamlPath = (string | number)[];
type Err = (message: Msg, path?: YamlPath, file?: string) => void;
export type CheckAction = (a: Action, ctx: string, path: YamlPath) => void;
export type StarterCodes = (starters: Record<string, string>) => Record<string, string[]>;

const ID = /^[a-z0-9-]+$/;

/** lesson.yaml's `variants`, with their broken starters linted by `codes`. */
export function validateVariants(l: Lesson, err: Err, checkAction: CheckAction, codes: StarterCodes): void {
  const vs = l.def.variants;
  if (vs === undefined) return;
  if (!Array.isArray(vs) || !vs.length) return void err(m('lessonValidate.variants'), ['variants']);
  const steps = new Set(l.def.steps.map((s) => s.id));
  const files = new Set(l.def.files.map((f) => f.name));
  const ids = new Set<string>();
  vs.forEach((v, i) => {
    const at: YamlPath = ['variants', i];
    const ctx = `variants[${i}] (${v?.id})`;
    if (!isObj(v) || typeof v.id !== 'string' || !ID.test(v.id) || ids.has(v.id)) return void err(m('lessonValidate.variantId', { ctx }), at);
    ids.add(v.id);
    if (!Array.isArray(v.break) || !v.break.length) return void err(m('lessonValidate.variantBreak', { ctx }), at);
    let ok = true;
    v.break.forEach((a, k) => {
      const c = `${ctx}.break[${k}]`;
      if (!isObj(a) || !Object.keys(a).some((x) => (VARIANT_EDITS as readonly string[]).includes(x))) {
        ok = false;
        return void err(m('lessonValidate.variantEdit', { ctx: c }), [...at, 'break', k]);
      }
      checkAction(a, c, [...at, 'break', k]);
    });
    for (const [id, acts] of Object.entries(isObj(v.show) ? v.show : {})) {
      if (!steps.has(id)) err(m('lessonValidate.variantStep', { ctx: `${ctx}.show`, id }), [...at, 'show', id]);
      else if (!Array.isArray(acts) || !acts.length) err(m('lessonValidate.show', { ctx: `${ctx}.show.${id}` }), [...at, 'show', id]);
      else acts.forEach((a, k) => checkAction(a, `${ctx}.show.${id}[${k}]`, [...at, 'show', id, k]));
    }
    for (const f of Object.keys(isObj(v.expect) ? v.expect : {}))
      if (!files.has(f)) err(m('lessonValidate.notStarter', { ctx: `${ctx}.expect`, file: JSON.stringify(f) }), [...at, 'expect', f]);
    if (!ok) return;
    const broken = breakStarters(l, v);
    for (const e of broken.errors) err(m('lessonValidate.variantEditFails', { ctx: `${ctx}.break[${e.index}]`, error: e.error }), [...at, 'break', e.index]);
    if (broken.errors.length) return;
    const got = codes(broken.starters);
    for (const f of l.def.files) {
      const want = [...new Set(v.expect?.[f.name] ?? f.expect ?? [])].sort();
      const have = got[f.name] ?? [];
      if (have.join(',') !== want.join(','))
        err(m('lessonValidate.variantLints', { id: v.id, file: f.name, got: have.join(', '), want: want.join(', ') }), [
          ...at,
          v.expect?.[f.name] ? 'expect' : 'id',
        ]);
    }
  });
}

/** en.yaml / zh-cn.yaml `variants`: known variants and steps, hints that are non-empty lists. */
export function validateVariantText(l: Lesson, loc: LessonLocale, err: (message: Msg, path?: YamlPath) => void): void {
  const tv = l.text[loc]?.variants;
  if (tv === undefined) return;
  const ids = new Set((Array.isArray(l.def.variants) ? l.def.variants : []).map((v) => v?.id));
  const steps = new Set(l.def.steps.map((s) => s.id));
  for (const [id, v] of Object.entries(isObj(tv) ? tv : {})) {
    if (!ids.has(id)) {
      err(m('lessonValidate.variantText', { id }), ['variants', id]);
      continue;
    }
    for (const [step, hints] of Object.entries(isObj(v?.hints) ? v.hints : {})) {
      if (!steps.has(step)) err(m('lessonValidate.variantStep', { ctx: `variants.${id}.hints`, id: step }), ['variants', id, 'hints', step]);
      else if (!Array.isArray(hints) || !hints.length || hints.some((h) => typeof h !== 'string' || !h.trim()))
        err(m('lessonValidate.hints', { id: `${step} (${id})` }), ['variants', id, 'hints', step]);
    }
  }
}

/** Both languages give a variant's hints for the same steps. */
export function variantHintsAgree(l: Lesson, err: (message: Msg, path?: YamlPath) => void): void {
  for (const v of Array.isArray(l.def.variants) ? l.def.variants : []) {
    const keys = (loc: LessonLocale) =>
      Object.keys(l.text[loc]?.variants?.[v?.id]?.hints ?? {})
        .sort()
        .join(',');
    if (keys('en') !== keys('zh-cn')) err(m('lessonValidate.variantHintsDiffer', { id: String(v?.id) }), ['variants']);
  }
}
