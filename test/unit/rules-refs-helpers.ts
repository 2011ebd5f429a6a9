// Shared helpers for the cross-resource rule tests (rules-refs*.test.ts): a workspace from
// {uri: text}, the diagnostics of our codes, and exact ranges located in the source text.
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { lintFile, type LintOptions } from '../../core/lint';
import type { KDiagnostic, Range } from '../../core/manifest/types';
import { t } from '../../core/i18n/index';
import { y } from '../support/yaml-text';

export const REF_CODES = new Set([
  'service-no-match',
  'service-target-port',
  'node-port-range',
  'node-port-type',
  'node-port-duplicate',
  'secret-ref-missing',
  'secret-key-missing',
  'configmap-ref-missing',
  'configmap-key-missing',
  'secret-data-not-base64',
  'statefulset-service-missing',
  'statefulset-service-not-headless',
  'pvc-missing',
  'duplicate-resource',
]);

export { y };

export class Ws {
  readonly ws = new Workspace();
  constructor(files: Record<string, string> = {}) {
    for (const [uri, text] of Object.entries(files)) this.ws.set(uri, text);
  }
  set(uri: string, text: string): this {
    this.ws.set(uri, text);
    return this;
  }
  /** Our codes' diagnostics for one file (plus internal-error, which must never appear). */
  lint(uri: string, opts?: LintOptions): KDiagnostic[] {
    const all = lintFile(this.ws, uri, opts);
    const internal = all.filter((d) => d.code === 'internal-error');
    assert.deepEqual(
      internal.map((d) => t(d.message, 'en')),
      [],
      'a rule threw',
    );
    return all.filter((d) => REF_CODES.has(d.code));
  }
  /** Our codes' diagnostics over every file. */
  lintAll(opts?: LintOptions): KDiagnostic[] {
    return this.ws.uris().flatMap((u) => this.lint(u, opts));
  }
  codes(uri?: string): string[] {
    return (uri ? this.lint(uri) : this.lintAll()).map((d) => d.code);
  }
  only(code: string, uri?: string): KDiagnostic[] {
    return (uri ? this.lint(uri) : this.lintAll()).filter((d) => d.code === code);
  }
}

/** The range of the `occurrence`-th (0-based) appearance of `needle` in `text` (single line). */
export function rangeOfText(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" #${occurrence} not in text`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = at - (before.lastIndexOf('\n') + 1);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

/** Asserts one diagnostic of `code` on exactly `needle` (its `occurrence`-th appearance) with that severity. */
export function expectOne(diags: KDiagnostic[], code: string, text: string, needle: string, severity: string, occurrence = 0): KDiagnostic {
  const found = diags.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(diags.map((d) => [d.code, d.range.start.line]))}`);
  assert.equal(found[0].severity, severity);
  assert.deepEqual(found[0].range, rangeOfText(text, needle, occurrence));
  return found[0];
}

export const en = (d: KDiagnostic): string => t(d.message, 'en');
export const zh = (d: KDiagnostic): string => t(d.message, 'zh-cn');
