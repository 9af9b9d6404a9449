#!/usr/bin/env node
'use strict';
// Runs `jsii-rosetta extract --strict --compile .jsii` and fails when rosetta warns.
//
// Rosetta exits 0 on a warning, such as a symbol it cannot resolve against this assembly, and then
// guesses the names of that symbol in the translated examples. Failing here keeps such a warning
// from passing unnoticed. Only examples that are not in the tablet cache (`.jsii.tabl.json`) are
// translated, so a fresh clone checks every example of the README.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'node_modules', '.bin', 'jsii-rosetta');
const run = spawnSync(bin, ['extract', '--strict', '--compile', '.jsii', ...process.argv.slice(2)], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
process.stdout.write(run.stdout ?? '');
process.stderr.write(run.stderr ?? '');
if (run.error) {
  console.error(`rosetta: could not run ${bin}: ${run.error.message}`);
  process.exit(1);
}
const warnings = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => /\[WARN\]/.test(line));
if (run.status !== 0) {
  process.exit(run.status ?? 1);
}
if (warnings.length > 0) {
  console.error(`rosetta: ${warnings.length} warning(s); each one means a translated example may be wrong`);
  process.exit(1);
}
