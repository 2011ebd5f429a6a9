// One name per role: every text a person reads (core messages and stories, the webviews, the
// lessons, the docs, the contributions' translations, the README) uses the glossary's names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GLOSSARY, findVariants } from '../../core/i18n/glossary';

const ROOT = path.resolve(__dirname, '../..');
const READ_BY_PEOPLE = ['core', 'webview', 'media', 'docs', 'l10n', 'cli', 'extension/src', 'language-server/src'];
const FILES_READ_BY_PEOPLE = ['README.md', 'package.nls.json', 'package.nls.zh-cn.json', 'test/fixtures/sim/stories.txt'];
const TEXT = /\.(ts|md|yaml|yml|json|txt|html|css)$/;
/** Generated data (the Kubernetes schema's own English) and this glossary's list of variants. */
const SKIP = new Set(['core/schema/generated', 'core/i18n/glossary.ts']);

function walk(rel: string, out: string[]): void {
  if (SKIP.has(rel)) return;
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return;
  if (fs.statSync(abs).isDirectory()) {
    for (const name of fs.readdirSync(abs).sort()) walk(path.posix.join(rel, name), out);
  } else if (TEXT.test(rel)) out.push(rel);
}

test('every text a person reads names each dorm role one way (the glossary)', () => {
  const files: string[] = [];
  for (const dir of READ_BY_PEOPLE) walk(dir, files);
  for (const f of FILES_READ_BY_PEOPLE) walk(f, files);
  assert.ok(files.length > 100, `found only ${files.length} files to check`);
  const found = files.flatMap((f) =>
    findVariants(fs.readFileSync(path.join(ROOT, f), 'utf8')).map(
      (h) => `${f}:${h.line}: "${h.variant}" — the ${h.role.kubernetes} is "${h.role.name.en}" / "${h.role.name.zh}"`,
    ),
  );
  assert.deepEqual(found, []);
});

test('the glossary finds each variant it lists and passes the names themselves', () => {
  for (const role of GLOSSARY) {
    assert.deepEqual(findVariants(`${role.name.en} ${role.name.zh}`), [], role.kubernetes);
    for (const v of [...role.variants.en, ...role.variants.zh]) {
      const hits = findVariants(`line one\nsee the ${v} here`);
      assert.ok(
        hits.some((h) => h.line === 2 && h.variant === v && h.role === role),
        `${v} not found`,
      );
    }
  }
  // Whole English words only: "refuse" is not a fuse, and 水电工 is the electrician's one name.
  assert.deepEqual(findVariants('the API server will refuse it; 水电工来了'), []);
});
