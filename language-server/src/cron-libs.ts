// Entry of dist/cron.js and dist/browser/cron.js: cron-parser (with luxon) and cronstrue (with its
// locales), a third of the language server's code, which only a CronJob's schedule needs. The
// server bundles leave them here (scripts/build.mjs): the Node server requires dist/cron.js on first
// need; the browser server evaluates the text its client posted (./deferred.ts). The require()s
// return what core's own require('cron-parser') / require('cronstrue/i18n') would.
/* eslint-disable @typescript-eslint/no-require-imports */
export const cronParser: unknown = require('cron-parser');
export const cronstrue: unknown = require('cronstrue/i18n');
