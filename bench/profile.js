'use strict';
/**
 * `node bench/profile.js [variant] [n]` (default: ours 1000): one run under `node --cpu-prof`,
 * then the functions with the most self time, overall and in this library's lib/.
 * The profile is kept in bench/profiles/ (not committed) for Chrome DevTools or speedscope.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { summarize, print } = require('./profile-summary');

const [variant = 'ours', n = '1000'] = process.argv.slice(2);
const dir = path.join(__dirname, 'profiles');
fs.mkdirSync(dir, { recursive: true });
const name = `${variant}-${n}-${Date.now()}.cpuprofile`;
// profiled as it is timed: this library from its packed tarball, installed under node_modules
if (variant === 'ours') process.env.BENCH_LIB ??= require('./install').installPacked();
const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`, path.join(__dirname, 'run-one.js'), variant, n],
  { cwd: path.join(__dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(r.stdout.trim());
console.log(`\nprofile ${path.relative(process.cwd(), path.join(dir, name))}`);
print(summarize(path.join(dir, name), 30));
