'use strict';
/**
 * One measured run, in its own process: `node bench/run-one.js <variant> <n>`.
 * Prints one JSON line: milliseconds to load the modules (by building one unit in a throwaway
 * app, as aws-cdk-lib loads its modules on first use), to construct the
 * app (shared infrastructure and N units) and to synthesize it, the CPU time of those two
 * phases (all threads of the process, so garbage collection included), and the peak resident
 * set size in MiB.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const [variant, nArg] = process.argv.slice(2);
const n = Number(nArg);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

const t0 = now();
const { Stack } = require('aws-cdk-lib');
const { VARIANTS, newApp } = require('./variants');
if (!VARIANTS[variant] || !Number.isInteger(n) || n < 0) {
  throw new Error(`usage: node bench/run-one.js <${Object.keys(VARIANTS).join('|')}> <n>`);
}
// aws-cdk-lib loads most modules on first use: build one unit in a throwaway app first, so
// module loading is counted here and not in construction.
VARIANTS[variant].build(new Stack(newApp(), 'Warm'), 1);
const t1 = now();

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-bench-'));
try {
  const app = newApp(outdir, { cli: true });
  const stack = new Stack(app, 'Stack');
  const [t2, c2] = [now(), cpu()];
  VARIANTS[variant].build(stack, n);
  const [t3, c3] = [now(), cpu()];
  const assembly = app.synth();
  const [t4, c4] = [now(), cpu()];
  const resources = Object.keys(assembly.getStackByName('Stack').template.Resources).length;
  process.stdout.write(JSON.stringify({
    variant,
    n,
    resources,
    loadMs: t1 - t0,
    constructMs: t3 - t2,
    synthMs: t4 - t3,
    constructCpuMs: c3 - c2,
    synthCpuMs: c4 - c3,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }) + '\n');
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
