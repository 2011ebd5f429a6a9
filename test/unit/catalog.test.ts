// The rule catalog is a contract with users: every code has a docs page, an analogy in both
// languages, and rules.md's minimum catalog is fully implemented.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ruleCatalog } from '../../core/lint';
import { hasMessage, t } from '../../core/i18n/index';

const root = path.resolve(__dirname, '..', '..');

/** The minimum catalog of shared/spec/rules.md, with default severities. */
const SPEC: Record<string, string> = {
  'yaml-syntax': 'error',
  'duplicate-key': 'error',
  'api-version-unknown': 'error',
  'api-version-removed': 'error',
  'api-version-not-served': 'error',
  'field-not-in-version': 'error',
  'schema-unknown-field': 'error',
  'schema-type': 'error',
  'schema-required': 'error',
  'schema-enum': 'error',
  'name-invalid': 'error',
  'label-value-invalid': 'error',
  'selector-missing': 'error',
  'selector-mismatch': 'error',
  'service-no-match': 'warning',
  'service-target-port': 'warning',
  'port-name-invalid': 'error',
  'port-number-invalid': 'error',
  'node-port-range': 'error',
  'node-port-type': 'error',
  'node-port-duplicate': 'error',
  'resources-missing-limits': 'warning',
  'resources-missing-requests': 'warning',
  'requests-exceed-limits': 'error',
  'quantity-invalid': 'error',
  'quantity-suspicious': 'warning',
  'secret-ref-missing': 'warning',
  'secret-key-missing': 'warning',
  'configmap-ref-missing': 'warning',
  'configmap-key-missing': 'warning',
  'secret-data-not-base64': 'error',
  'secret-in-plain-env': 'warning',
  'statefulset-service-missing': 'warning',
  'statefulset-service-not-headless': 'warning',
  'cronjob-schedule-invalid': 'error',
  'restart-policy-invalid': 'error',
  'volume-mount-missing': 'error',
  'pvc-missing': 'warning',
  'probe-port-missing': 'warning',
  'env-duplicate': 'warning',
  'duplicate-resource': 'warning',
  'image-latest': 'info',
};

test('every rule of rules.md is implemented with its default severity', () => {
  const cat = ruleCatalog();
  const missing = Object.keys(SPEC).filter((c) => !cat.has(c));
  assert.deepEqual(missing, [], `not implemented: ${missing.join(', ')}`);
  for (const [code, sev] of Object.entries(SPEC)) assert.equal(cat.get(code)!.severity, sev, code);
});

test('every rule code has a docs page in English and Chinese', () => {
  for (const code of ruleCatalog().keys()) {
    const file = path.join(root, 'docs', 'rules', `${code}.md`);
    assert.ok(existsSync(file), `docs/rules/${code}.md is missing`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /[\u4e00-\u9fff]/, `${code}.md has no Chinese`);
    assert.match(text, /\b(the|a|is)\b/i, `${code}.md has no English`);
  }
});

test('every rule has a title in both languages, and an analogy sentence unless it is a plumbing code', () => {
  const plumbing = new Set(['file-too-large', 'internal-error']);
  for (const [code, meta] of ruleCatalog()) {
    assert.ok(meta.title.en && meta.title.zh, `${code} title`);
    assert.match(meta.title.zh, /[\u4e00-\u9fff]/, `${code} zh title`);
    if (plumbing.has(code)) continue;
    const analogy = `analogy.${code}`;
    assert.ok(hasMessage(analogy), `${analogy} is missing`);
    const en = t(analogy, 'en');
    const zh = t(analogy, 'zh-cn');
    assert.notEqual(en, zh, `analogy.${code} is not translated`);
    assert.match(zh, /[\u4e00-\u9fff]/, `analogy.${code} zh`);
  }
});
