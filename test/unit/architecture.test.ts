// The boundaries of ARCHITECTURE.md, enforced: every import of every shipped source file against
// the table of architecture-rules.ts, the core's areas layered without cycles, and proof on planted
// files that a forbidden import or a cycle does fail the check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkArchitecture, formatCycle, formatImport, formatViolation, importsOf, listSources } from './architecture-check';
import { CORE_LAYERS } from './architecture-rules';

const root = path.resolve(__dirname, '..', '..');

/** Writes `files` (relative path → text) into the tree, runs `fn`, and always removes them. */
function withProbe<T>(files: Record<string, string>, fn: () => T): T {
  try {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
    return fn();
  } finally {
    for (const rel of Object.keys(files)) rmSync(path.join(root, rel), { force: true });
  }
}

const probeName = `__arch_probe_${process.pid}__`;

test('every import of core/, webview/ and the adapters is allowed by the dependency table', () => {
  const report = checkArchitecture(root);
  assert.ok(report.files.length > 100, `scanned ${report.files.length} files`);
  assert.ok(report.files.some((f) => f.startsWith('webview/')) && report.files.some((f) => f.startsWith('cli/')));
  assert.deepEqual(report.violations.map(formatViolation), [], `forbidden imports:\n${report.violations.map(formatViolation).join('\n')}`);
  assert.deepEqual(report.staleExceptions, [], 'exceptions no import needs any more: remove them from EXCEPTIONS');
});

test('the core areas form no cycle, and every area has its place in the layering', () => {
  const report = checkArchitecture(root);
  assert.deepEqual(report.cycles.map(formatCycle), [], report.cycles.map(formatCycle).join('\n'));
  assert.deepEqual(
    [...report.areaGraph.keys()].filter((a) => !CORE_LAYERS.includes(a)),
    [],
    'areas missing from CORE_LAYERS',
  );
});

test('imports are read in every spelling: import type, re-exports, import(), require(), import x = require()', () => {
  const text = [
    "import type { A } from './a';",
    "import { type B, type C } from './b';",
    "import { type D, e } from './d';",
    "import f from 'yaml';",
    "import './side-effect';",
    "export { g } from '../k8s/guards';",
    "export type { H } from './h';",
    "export * from 'vscode-uri';",
    "const i = await import('./lazy');",
    "const j = require('node:fs');",
    "import k = require('http');",
    "let l: import('vscode').Uri;",
  ].join('\n');
  const found = importsOf(root, 'core/rules/x.ts', text).map((i) => `${i.line} ${i.file ?? i.pkg}${i.typeOnly ? ' type' : ''}`);
  assert.deepEqual(found, [
    '1 core/rules/a type',
    '2 core/rules/b type',
    '3 core/rules/d',
    '4 yaml',
    '5 core/rules/side-effect',
    '6 core/k8s/guards.ts',
    '7 core/rules/h type',
    '8 vscode-uri',
    '9 core/rules/lazy',
    '10 node:fs',
    '11 node:http',
    '12 vscode type',
  ]);
});

test('a planted forbidden import in core/ fails the check, in every spelling', () => {
  const rel = `core/${probeName}.ts`;
  const probe = [
    "import * as vscode from 'vscode';",
    "import type { Connection } from 'vscode-languageserver/node';",
    "export { LanguageClient } from 'vscode-languageclient/node';",
    "const lazy = () => import('../extension/src/client');",
    "const cjs = require('../webview/panel/main');",
    'export { vscode, lazy, cjs };',
  ].join('\n');
  const report = withProbe({ [rel]: probe }, () => checkArchitecture(root));
  const mine = report.violations.filter((v) => v.imp.from === rel).map((v) => formatImport(v.imp));
  assert.deepEqual(mine, [
    `${rel}:1 → vscode`,
    `${rel}:2 → vscode-languageserver (type)`,
    `${rel}:3 → vscode-languageclient`,
    `${rel}:4 → extension/src/client.ts`,
    `${rel}:5 → webview/panel/main.ts`,
  ]);
  assert.match(formatViolation(report.violations.find((v) => v.imp.from === rel)!), /never vscode/);
  assert.equal(checkArchitecture(root).files.includes(rel), false, 'the probe is gone');
});

test('core/ takes only types from @kubernetes/client-node (core/remote/ alone loads it): a planted value import fails the check', () => {
  const rel = `core/k8s/${probeName}.ts`;
  const probe = [
    "import type { V1Pod } from '@kubernetes/client-node';",
    "import { type V1Service } from '@kubernetes/client-node/dist/gen/models/all.js';",
    "import { V1Deployment } from '@kubernetes/client-node';",
    "const lazy = () => import('@kubernetes/client-node/dist/config_types.js');",
    'export type Both = V1Pod | V1Service;',
    'export { V1Deployment, lazy };',
  ].join('\n');
  const report = withProbe({ [rel]: probe }, () => checkArchitecture(root));
  const mine = report.violations.filter((v) => v.imp.from === rel);
  assert.deepEqual(
    mine.map((v) => formatImport(v.imp)),
    [`${rel}:3 → @kubernetes/client-node`, `${rel}:4 → @kubernetes/client-node`],
  );
  assert.match(mine[0].reason, /only as types \(type-only:/);
});

test('a planted back-edge between core areas is reported as a cycle with its edges', () => {
  const rel = `core/manifest/${probeName}.ts`;
  const report = withProbe({ [rel]: "import { codeActions } from '../editor/actions';\nexport const probe = codeActions;\n" }, () => checkArchitecture(root));
  const cycle = report.cycles.find((c) => c.areas.includes('manifest') && c.areas.includes('editor'));
  assert.ok(cycle, `no cycle found; cycles: ${report.cycles.map(formatCycle).join('\n')}`);
  const text = formatCycle(cycle);
  assert.match(text, new RegExp(`manifest → editor: ${rel.replace(/\./g, '\\.')}:1 → core/editor/actions\\.ts`));
  assert.match(text, /editor → manifest: core\/editor\/\w+\.ts:\d+ → core\/manifest\//);
  assert.ok(
    report.violations.some((v) => v.imp.from === rel && /sits above it/.test(v.reason)),
    'the layering check names it too',
  );
});

test('the webview may import types from the core view-models but no simulator code and no package', () => {
  const rel = `webview/${probeName}.ts`;
  const probe = [
    "import type { Cluster } from '../core/cluster/cluster';",
    "import { isObj } from '../core/k8s/guards';",
    "import { Cluster as Sim } from '../core/cluster/cluster';",
    "import { parse } from 'yaml';",
    'export { isObj, Sim, parse };',
    'export type { Cluster };',
  ].join('\n');
  const report = withProbe({ [rel]: probe }, () => checkArchitecture(root));
  assert.deepEqual(
    report.violations.filter((v) => v.imp.from === rel).map((v) => formatImport(v.imp)),
    [`${rel}:3 → core/cluster/cluster.ts`, `${rel}:4 → yaml`],
  );
});

/**
 * Files that define their own plain-object guard (`typeof v === 'object' && v !== null &&
 * !Array.isArray(v)` as a whole function body) instead of importing the one in core/manifest/text.ts,
 * which core/k8s/guards.ts re-exports for every layer above the parser.
 */
function ownObjectGuards(): string[] {
  const guard =
    /(?:\(\s*(\w+)\b[^)]*\)\s*:\s*[^=;{]+?\bis\b[^=;{]+?(?:=>|\{\s*return)\s*typeof\s+\1\s*===\s*'object'\s*&&\s*\1\s*!==\s*null\s*&&\s*!Array\.isArray\(\s*\1\s*\)\s*;)/;
  return listSources(root)
    .filter((f) => f !== 'core/manifest/text.ts' && f.endsWith('.ts'))
    .filter((f) => guard.test(readFileSync(path.join(root, f), 'utf8')));
}

test('the plain-object guard is written once (core/manifest/text.ts): a planted copy is found', () => {
  assert.deepEqual(ownObjectGuards(), [], 'import isObj from core/k8s/guards (or core/manifest/text below it)');
  const arrow = `core/rules/${probeName}_a.ts`;
  const fn = `core/editor/${probeName}_f.ts`;
  const found = withProbe(
    {
      [arrow]: "export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);\n",
      [fn]: "export function isObject(x: unknown): x is object {\n  return typeof x === 'object' && x !== null && !Array.isArray(x);\n}\n",
    },
    ownObjectGuards,
  );
  assert.deepEqual(found.sort(), [fn, arrow].sort());
});
