// Shared helpers for the per-resource rule tests (rules-workload*.test.ts): a workspace from
// {uri: text}, the diagnostics of the per-resource codes, and exact ranges found in the source.
import assert from 'node:assert/strict';
import { Workspace } from '../../core/workspace/index';
import { lintFile } from '../../core/lint';
import type { KDiagnostic, Range } from '../../core/manifest/types';
import { t } from '../../core/i18n/index';
import { y } from '../support/yaml-text';

/** The codes of the per-resource rules (names, labels, selectors, ports, resources, env, probes, cron). */
export const PER_RESOURCE_CODES = new Set([
  'name-invalid',
  'label-value-invalid',
  'selector-missing',
  'selector-mismatch',
  'restart-policy-invalid',
  'port-name-invalid',
  'port-number-invalid',
  'resources-missing-limits',
  'resources-missing-requests',
  'requests-exceed-limits',
  'quantity-invalid',
  'quantity-suspicious',
  'secret-in-plain-env',
  'cronjob-schedule-invalid',
  'volume-mount-missing',
  'probe-port-missing',
  'env-duplicate',
  'image-latest',
]);

export { y };

/**
 * Lints `uri` (default: the only/first file) in a workspace made of `files`, returning only the
 * per-resource codes (optionally one code). Fails the test if any rule threw.
 */
export function lint(files: Record<string, string> | string, code?: string, uri?: string): KDiagnostic[] {
  const map = typeof files === 'string' ? { 'file:///test.yaml': files } : files;
  const ws = new Workspace();
  for (const [u, text] of Object.entries(map)) ws.set(u, text);
  const target = uri ?? Object.keys(map)[0];
  const all = lintFile(ws, target);
  assert.deepEqual(
    all.filter((d) => d.code === 'internal-error').map((d) => t(d.message, 'en')),
    [],
    'a rule threw',
  );
  return all.filter((d) => (code ? d.code === code : PER_RESOURCE_CODES.has(d.code)));
}

/** The range of the `nth` occurrence of `needle` in `text` (0-based), optionally searching from the line containing `after`. */
export function find(text: string, needle: string, nth = 0, after?: string): Range {
  let from = after ? text.indexOf(after) : 0;
  assert.ok(from >= 0, `anchor not found: ${after}`);
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, from);
    assert.ok(at >= 0, `needle not found: ${needle}`);
    from = at + 1;
  }
  const before = text.slice(0, at).split('\n');
  const line = before.length - 1;
  const character = before[before.length - 1].length;
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

/** Asserts exactly one diagnostic with `code`, at `range`, with `severity`, whose message contains `en` / `zh`. */
export function one(diags: KDiagnostic[], code: string, severity: string, range: Range, en: string | RegExp, zh: string | RegExp): KDiagnostic {
  const ds = diags.filter((d) => d.code === code);
  assert.equal(ds.length, 1, `expected one ${code}, got ${ds.length}: ${ds.map((d) => t(d.message, 'en')).join(' / ')}`);
  const d = ds[0];
  assert.equal(d.severity, severity);
  assert.deepEqual(d.range, range);
  const ten = t(d.message, 'en');
  const tzh = t(d.message, 'zh-cn');
  if (typeof en === 'string') assert.ok(ten.includes(en), `en message: ${ten}`);
  else assert.match(ten, en);
  if (typeof zh === 'string') assert.ok(tzh.includes(zh), `zh message: ${tzh}`);
  else assert.match(tzh, zh);
  assert.ok(!/\{\w+\}/.test(ten) && !/\{\w+\}/.test(tzh), `unfilled placeholder: ${ten} / ${tzh}`);
  return d;
}

export function codes(diags: KDiagnostic[]): string[] {
  return diags.map((d) => d.code);
}

/** A bare Pod named `p` whose spec is `spec` (YAML lines under `spec:`). */
export function pod(spec: string): string {
  const lines = spec
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => '  ' + l);
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${lines.join('\n')}\n`;
}

/** A minimal valid Deployment whose pod spec is `podSpec` (indented YAML lines under `spec:`). */
export function deployment(podSpec: string, opts: { name?: string; labels?: string; selector?: string } = {}): string {
  const labels = opts.labels ?? 'app: web';
  const selector = opts.selector ?? `matchLabels:\n      ${labels}`;
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${opts.name ?? 'web'}`,
    'spec:',
    '  selector:',
    `    ${selector}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        ${labels}`,
    '    spec:',
    ...podSpec
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => '      ' + l),
    '',
  ].join('\n');
}

/** A container block with resources, a pinned image and one port, for tests that must not trigger the container rules. */
export const GOOD_CONTAINER = [
  'containers:',
  '  - name: web',
  '    image: nginx:1.27',
  '    ports:',
  '      - containerPort: 80',
  '        name: http',
  '    resources:',
  '      requests: { cpu: 100m, memory: 64Mi }',
  '      limits: { cpu: 200m, memory: 128Mi }',
].join('\n');
