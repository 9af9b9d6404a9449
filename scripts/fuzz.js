#!/usr/bin/env node
'use strict';
// `npm run fuzz [-- --cases N] [--seed S] [--only Name] [--samples DIR]`: fuzzes every construct and
// prints the counts per construct. Exits 1 on a crash or on a rejected plausible case.
// Two constructs are fuzzed at a time, each in its own process.
const { execFileSync, spawn } = require('child_process');
const path = require('path');

const USAGE = `usage: npm run fuzz -- [options]

Fuzzes every construct of the library: random props, each case built in a fresh app and synthesized.
Half of the cases are plausible (only valid values: each must synthesize), half wild (each must
synthesize or be rejected with the library's ValidationError). Exits 1 on a crash or a rejected
plausible case.

options:
  --cases N       cases per construct, a whole number of at least 1 (default 10000)
  --seed S        the fast-check seed, a whole number (default: drawn from the clock)
  --only NAME     fuzz one construct only (e.g. JobQueue)
  --samples DIR   keep every 100th synthesized template in DIR (default: $BATCH_TEMPLATE_DIR)
  --help          print this help`;

function fail(message) {
  console.error(`fuzz: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { cases: 10000, seed: Date.now() % 2 ** 31, only: undefined, samples: process.env.BATCH_TEMPLATE_DIR };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`${arg} needs a value`);
      return v;
    };
    const whole = (v, min) => {
      if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) fail(`${arg} must be a whole number of at least ${min}, got '${v}'`);
      return Number(v);
    };
    switch (arg) {
      case '--cases': opts.cases = whole(value(), 1); break;
      case '--seed': opts.seed = whole(value(), 0); break;
      case '--only': opts.only = value(); break;
      case '--samples': opts.samples = value(); break;
      default: fail(`unknown argument '${arg}'`);
    }
  }
  return opts;
}

const { cases, seed, only, samples: sampleDir } = parseArgs(process.argv.slice(2));
const root = path.resolve(__dirname, '..');
const runner = path.join(root, 'scripts', 'ts-run.sh');

const list = execFileSync(runner, ['-e', "console.log(JSON.stringify(require('./test/fuzz/targets').TARGETS.map((t) => t.name)))"], { cwd: root, encoding: 'utf8' });
const known = JSON.parse(list);
if (only !== undefined && !known.includes(only)) {
  fail(`unknown construct '${only}'; known: ${known.join(', ')}`);
}
const targets = known.filter((t) => only === undefined || t === only);

function fuzz(target) {
  return new Promise((resolve) => {
    const child = spawn(runner, ['test/fuzz/run.ts', target, String(cases), String(seed), ...(sampleDir ? [sampleDir] : [])], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop();
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve({ target, seed, cases: 0, synthesized: 0, rejected: 0, crashes: 1, plausible: 0, plausibleSynthesized: 0, wrongRejections: 0, seconds: 0, examples: [`the fuzzer exited ${code}: ${out.slice(-2000)}`] });
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
  const widths = [7, 11, 9, 8, 20, 16];
  const row = (...cols) => `${String(cols[0]).padEnd(34)} ${cols.slice(1).map((c, i) => String(c).padStart(widths[i])).join(' ')}`;
  const rate = (r) => `${r.plausibleSynthesized}/${r.plausible}`;
  console.log(`\nseed ${seed}, ${cases} cases per construct`);
  console.log(row('construct', 'cases', 'synthesized', 'rejected', 'crashes', 'plausible synthesized', 'wrong rejections'));
  for (const r of results) {
    console.log(row(r.target, r.cases, r.synthesized, r.rejected, r.crashes, rate(r), r.wrongRejections));
  }
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  console.log(row('total', sum('cases'), sum('synthesized'), sum('rejected'), sum('crashes'),
    `${sum('plausibleSynthesized')}/${sum('plausible')}`, sum('wrongRejections')));
  for (const r of results) {
    for (const example of r.examples) {
      console.log(`\nfailure in ${r.target}:\n${example}`);
    }
  }
  const short = results.filter((r) => r.cases < cases);
  const thin = results.filter((r) => r.plausibleSynthesized * 2 < r.plausible);
  for (const r of thin) console.log(`\n${r.target}: fewer than half of the plausible cases synthesized (${rate(r)})`);
  const failed = sum('crashes') > 0 || sum('wrongRejections') > 0 || short.length > 0 || thin.length > 0 || targets.length === 0;
  process.exit(failed ? 1 : 0);
})();
