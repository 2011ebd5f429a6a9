// The lesson format's JSON Schemas: the committed files equal what core/lessons/schema.ts builds,
// every built-in lesson and the scaffold validate against them, their check and action names are
// exactly the engine's, and the mistakes an author makes are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { lessonSchema, lessonTextSchema } from '../../core/lessons/schema';
import { ACTION_TYPES, CHECK_TYPES } from '../../core/lessons/types';
import { LESSON_DIRS } from '../../core/lessons/load';
import { scaffoldLesson } from '../../core/lessons/scaffold';

const ROOT = path.resolve(__dirname, '..', '..');
const ajv = new Ajv({ allErrors: true, strict: false });
const validLesson = ajv.compile(lessonSchema);
const validText = ajv.compile(lessonTextSchema);
const yaml = (rel: string) => parse(readFileSync(path.join(ROOT, 'media', 'lessons', rel), 'utf8')) as unknown;

test('schemas/*.json are what core/lessons/schema.ts builds (run `node --import tsx scripts/validate-lessons.ts` to rewrite)', () => {
  assert.deepEqual(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'lesson.schema.json'), 'utf8')), lessonSchema);
  assert.deepEqual(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'lesson-text.schema.json'), 'utf8')), lessonTextSchema);
});

test('every built-in lesson and the scaffold validate against the schemas', () => {
  for (const d of LESSON_DIRS) {
    assert.ok(validLesson(yaml(`${d}/lesson.yaml`)), `${d}/lesson.yaml: ${ajv.errorsText(validLesson.errors)}`);
    for (const l of ['en', 'zh-cn']) assert.ok(validText(yaml(`${d}/${l}.yaml`)), `${d}/${l}.yaml: ${ajv.errorsText(validText.errors)}`);
  }
  const s = scaffoldLesson('x', 1);
  assert.ok(validLesson(parse(s['lesson.yaml'])), ajv.errorsText(validLesson.errors));
  assert.ok(validText(parse(s['en.yaml'])) && validText(parse(s['zh-cn.yaml'])));
});

test('the check and action names are exactly the engine’s', () => {
  const names = (def: unknown) => ((def as { oneOf: { required: string[] }[] }).oneOf ?? []).map((x) => x.required[0]).sort();
  const defs = lessonSchema.definitions as Record<string, unknown>;
  assert.deepEqual(names(defs.check), [...CHECK_TYPES].sort());
  assert.deepEqual(names(defs.action), [...ACTION_TYPES].sort());
});

test('an author’s mistakes are refused: unknown check, two keys in a check, a missing show, an unknown text field', () => {
  const base = parse(scaffoldLesson('x', 1)['lesson.yaml']) as { steps: Record<string, unknown>[] };
  const withCheck = (check: unknown) => ({ ...base, steps: [{ ...base.steps[0], check }] });
  assert.equal(validLesson(withCheck({ podz: {} })), false);
  assert.equal(validLesson(withCheck({ pods: { owner: 'Deployment/x' }, nodes: {} })), false);
  assert.equal(validLesson(withCheck({ pods: { ownr: 'Deployment/x' } })), false);
  assert.equal(validLesson(withCheck({ all: [{ nodes: { min: 1 } }, { not: { command: { matches: 'x' } } }] })), true);
  assert.equal(validLesson({ ...base, steps: [{ id: 'a', check: { nodes: {} } }] }), false);
  const text = parse(scaffoldLesson('x', 1)['en.yaml']) as Record<string, unknown>;
  assert.equal(validText({ ...text, titel: 'typo' }), false);
  assert.equal(validText({ ...text, summary: '' }), false);
});
