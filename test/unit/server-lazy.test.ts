// The language server loads cron-parser (with luxon) and cronstrue on first use, not at start-up
// (core/editor/hover.ts): its whole module graph loads without them; linting a CronJob's schedule
// loads none (core/k8s/cron.ts has robfig's field bounds), hovering it all three. esbuild keeps each
// require() where it is written, so dist/server.js evaluates them at the same points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cronJobYaml } from '../support/workload-yaml';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded in order, to see what each step loads */
require('../../language-server/src/main');
const { Workspace } = require('../../core/workspace/index') as typeof import('../../core/workspace/index');
const { lintWorkspaceFile } = require('../../core/lint-workspace') as typeof import('../../core/lint-workspace');
const { hover } = require('../../core/editor/hover') as typeof import('../../core/editor/hover');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The cron libraries loaded so far in this process. */
const cronLibraries = () =>
  [
    ...new Set(
      Object.keys(require.cache)
        .map((f) => /node_modules\/(cron-parser|cronstrue|luxon)\//.exec(f)?.[1])
        .filter((m) => m !== undefined),
    ),
  ].sort();

const CRON = cronJobYaml('0 7 * * 1-5');

test('the language server loads the cron libraries on first use: none to check a schedule, all to hover it', () => {
  assert.deepEqual(cronLibraries(), [], 'none while the server module graph loads');
  const ws = new Workspace();
  ws.set('file:///w/cron.yaml', CRON);
  lintWorkspaceFile(ws, 'file:///w/cron.yaml');
  assert.deepEqual(cronLibraries(), [], "the schedule checked with robfig's bounds alone (core/k8s/cron.ts)");
  const h = hover(ws, 'file:///w/cron.yaml', CRON.indexOf('0 7'), { locale: 'en', now: new Date('2026-11-27T12:00:00Z') });
  assert.match(h?.markdown ?? '', /At 07:00, Monday through Friday/);
  assert.deepEqual(cronLibraries(), ['cron-parser', 'cronstrue', 'luxon'], 'the schedule hovered');
});
