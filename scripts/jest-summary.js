#!/usr/bin/env node
'use strict';
// Prints jest's --json results as the plain closing line `N passed, M failed[, K skipped]`.
const fs = require('fs');

const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`no jest results at ${file}: the build or rosetta step failed before jest ran`);
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
// A suite that fails to load counts as a failure even though it ran no test.
const failed = r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
console.log(`${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
