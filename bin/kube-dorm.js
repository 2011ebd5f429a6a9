#!/usr/bin/env node
'use strict';
// The CLI entry: a thin launcher for the bundled dist/cli.js (built by `npm ci` through the prepare script).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('kube-dorm: dist/cli.js is missing; run `npm run build` first.\n');
  process.exit(2);
}
require(bundle)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`kube-dorm: ${(err && err.stack) || err}\n`);
      process.exitCode = 2;
    },
  );
