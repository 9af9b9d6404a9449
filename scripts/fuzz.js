#!/usr/bin/env node
'use strict';
// `npm run fuzz [-- --cases N] [--seed S] [--only Name]`: fuzzes every construct (at least
// 10,000 cases each by default) and prints the counts per construct. Exits 1 on any crash.
// Two constructs are fuzzed at a time, each in its own process.
const { execFileSync, spawn } = require('child_process');
const path = require('path');

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const cases = Number(flag('cases', 10000));
const seed = flag('seed', String(Date.now() % 2 ** 31));
const only = flag('only');
const sampleDir = flag('samples', process.env.BATCH_TEMPLATE_DIR);
const root = path.resolve(__dirname, '..');
const runner = path.join(root, 'scripts', 'ts-run.sh');

const list = execFileSync(runner, ['-e', "console.log(JSON.stringify(require('./test/fuzz/targets').TARGETS.map((t) => t.name)))"], { cwd: root, encoding: 'utf8' });
const targets = JSON.parse(list).filter((t) => only === undefined || t === only);

function fuzz(target) {
  return new Promise((resolve) => {
    const child = spawn(runner, ['test/fuzz/run.ts', target, String(cases), seed, ...(sampleDir ? [sampleDir] : [])], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop();
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve({ target, seed, cases: 0, synthesized: 0, rejected: 0, crashes: 1, seconds: 0, examples: [`the fuzzer exited ${code}: ${out.slice(-2000)}`] });
      }
    });
  });
}

(async () => {
  const results = [];
  const queue = [...targets];
  await Promise.all([0, 1].map(async () => {
    while (queue.length > 0) {
      const r = await fuzz(queue.shift());
      results.push(r);
      console.error(`fuzzed ${r.target}: ${r.cases} cases in ${r.seconds}s`);
    }
  }));
  results.sort((a, b) => targets.indexOf(a.target) - targets.indexOf(b.target));
  const row = (...cols) => `${String(cols[0]).padEnd(34)} ${cols.slice(1).map((c, i) => String(c).padStart([7, 11, 9, 8][i])).join(' ')}`;
  console.log(`\nseed ${seed}, ${cases} cases per construct`);
  console.log(row('construct', 'cases', 'synthesized', 'rejected', 'crashes'));
  for (const r of results) {
    console.log(row(r.target, r.cases, r.synthesized, r.rejected, r.crashes));
  }
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  console.log(row('total', sum('cases'), sum('synthesized'), sum('rejected'), sum('crashes')));
  for (const r of results) {
    for (const example of r.examples) {
      console.log(`\ncrash in ${r.target}:\n${example}`);
    }
  }
  const short = results.filter((r) => r.cases < cases);
  process.exit(sum('crashes') > 0 || short.length > 0 || targets.length === 0 ? 1 : 0);
})();
