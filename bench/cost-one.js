'use strict';
/**
 * One cost measurement that does not depend on the machine's speed, in its own process:
 *
 *   node --expose-gc bench/cost-one.js <variant> <n> calls   V8's exact call counts while N units are built
 *   node --expose-gc bench/cost-one.js <variant> <n> alloc   bytes allocated while they are built
 *   node --expose-gc bench/cost-one.js <variant> <n> live    the heap still live after construction and after synthesis
 *
 * Prints one JSON line, per unit. Calls are counted by V8's precise coverage (every call of every
 * function, not samples): calls into aws-cdk-lib and constructs (the L1 classes included), and calls of
 * the variant's own L2 module. Allocation is V8's sampling heap profiler with the objects that garbage
 * collections freed kept in (one sample per 512 bytes on average). The live heap is measured after a
 * full garbage collection, in a process without a profiler. Timing is left to run-one.js.
 */
const fs = require('fs');
const inspector = require('inspector');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const [variant, nArg, what] = process.argv.slice(2);
const n = Number(nArg);
const { Stack } = require('aws-cdk-lib');
const { VARIANTS, newApp } = require('./variants');
if (!VARIANTS[variant] || !Number.isInteger(n) || n < 1 || !['calls', 'alloc', 'live'].includes(what)) {
  throw new Error(`usage: node --expose-gc bench/cost-one.js <${Object.keys(VARIANTS).join('|')}> <n> <calls|alloc|live>`);
}
if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');

// scripts of the benchmark app itself are not counted, nor node's internals (no file: URL)
const BENCH_DIR = `${pathToFileURL(__dirname).href}/`;
const OURS_DIR = `${pathToFileURL(path.resolve(process.env.BENCH_LIB ?? path.join(__dirname, '..', 'lib'))).href}/`;

/** Which module a script belongs to: this variant's own L2 module, or the libraries it builds on. */
function ownModule(url) {
  if (variant === 'ours') return url.startsWith(OURS_DIR);
  // the stable L2's folder also holds the L1 classes, which every variant uses: those count as aws-cdk-lib
  if (variant === 'peer') return url.includes('/aws-cdk-lib/aws-batch/') && !url.endsWith('batch.generated.js');
  return false;
}

// (the live heap is measured with no inspector session at all)
const session = what === 'live' ? undefined : new inspector.Session();
session?.connect();
const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));

async function main() {
  // module loading is not counted: one unit is built in a throwaway app first
  VARIANTS[variant].build(new Stack(newApp(), 'Warm'), 1);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-bench-cost-'));
  try {
    const app = newApp(outdir, { cli: true });
    const stack = new Stack(app, 'Stack');
    const result = { variant, n };
    if (what === 'calls') {
      await post('Profiler.enable');
      await post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
      VARIANTS[variant].build(stack, n);
      const { result: scripts } = await post('Profiler.takePreciseCoverage');
      await post('Profiler.stopPreciseCoverage');
      let libraries = 0;
      let own = 0;
      for (const script of scripts) {
        if (!script.url.startsWith('file://') || script.url.startsWith(BENCH_DIR)) continue;
        const calls = script.functions.reduce((sum, f) => sum + f.ranges[0].count, 0);
        if (ownModule(script.url)) own += calls;
        else libraries += calls;
      }
      result.libraryCallsPerUnit = libraries / n;
      result.ownCallsPerUnit = own / n;
    } else if (what === 'alloc') {
      await post('HeapProfiler.enable');
      await post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      VARIANTS[variant].build(stack, n);
      const { profile } = await post('HeapProfiler.stopSampling');
      let allocated = 0;
      const walk = (node) => { allocated += node.selfSize; node.children.forEach(walk); };
      walk(profile.head);
      result.allocatedKiBPerUnit = allocated / 1024 / n;
    } else {
      global.gc();
      const before = process.memoryUsage().heapUsed;
      VARIANTS[variant].build(stack, n);
      global.gc();
      const constructed = process.memoryUsage().heapUsed;
      app.synth();
      global.gc();
      const synthesized = process.memoryUsage().heapUsed;
      result.liveKiBPerUnitAfterConstruct = (constructed - before) / 1024 / n;
      result.liveKiBPerUnitAfterSynth = (synthesized - before) / 1024 / n;
    }
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
