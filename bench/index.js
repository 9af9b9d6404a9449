'use strict';
/**
 * `npm run bench [-- options]`: synthesis cost of this library against aws-cdk-lib's stable
 * aws-batch L2 (the peer) and plain L1 resources (the floor).
 *
 * Options:
 *   --n 10,100,1000       unit counts (default 10,100,1000)
 *   --runs 5              measured runs per variant and N, after one warm-up run each (default 5)
 *   --warmup 1            warm-up runs per variant, at the smallest N, discarded (default 1)
 *   --variants ours,peer,floor   (add `alpha` for the published upstream alpha 2.91)
 *   --out bench/results.json     where to write the results ('' to skip); into bench/results.json, the
 *                                tables of bench/README.md are written too
 *   --no-check            skip the fairness check
 *   --cost-n 300          units for the cost measurement that does not depend on the machine's speed
 *                         (calls, allocation and live heap per unit; see cost.js)
 *   --no-cost             skip it
 *   --python              also run the Python benchmark (bench/python; N = 100 unless --python-n)
 *
 * This library is timed as apps load it, from its packed tarball installed under node_modules
 * (install.js); BENCH_LIB=<dir> times another build instead.
 *
 * Every run is a fresh `node bench/run-one.js <variant> <n>` process; within a round the
 * variants take turns, and the order rotates from round to round. Inside each process one unit
 * is first built in a throwaway app, so module loading is not counted as construction.
 */
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const DEFAULT_OUT = path.join(__dirname, 'results.json');
const METRICS = ['constructMs', 'synthMs', 'totalMs', 'constructCpuMs', 'synthCpuMs', 'totalCpuMs', 'maxRssMiB'];

function parseArgs(argv) {
  const opts = { n: [10, 100, 1000], runs: 5, warmup: 1, variants: ['ours', 'peer', 'floor'], out: DEFAULT_OUT, check: true, cost: true, costN: 300, python: false, pythonN: 100 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--n': opts.n = value().split(',').map(Number); break;
      case '--runs': opts.runs = Number(value()); break;
      case '--warmup': opts.warmup = Number(value()); break;
      case '--variants': opts.variants = value().split(','); break;
      case '--out': opts.out = value(); break;
      case '--no-check': opts.check = false; break;
      case '--cost-n': opts.costN = Number(value()); break;
      case '--no-cost': opts.cost = false; break;
      case '--python': opts.python = true; break;
      case '--python-n': opts.pythonN = Number(value()); opts.python = true; break;
      case '--help': console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]); process.exit(0);
      default: throw new Error(`unknown option ${argv[i]} (try --help)`);
    }
  }
  if (opts.n.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--n takes positive integers');
  if (!(opts.runs >= 1)) throw new Error('--runs must be at least 1');
  if (!Number.isInteger(opts.costN) || opts.costN < 1) throw new Error('--cost-n takes a positive integer');
  return opts;
}

/** lib/ is compiled by `npm run build`; rebuild when a lib/*.ts is newer than its .js. */
function ensureBuilt() {
  const libDir = path.join(ROOT, 'lib');
  const stale = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) {
        const js = p.replace(/\.ts$/, '.js');
        if (!fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(p).mtimeMs) stale.push(path.relative(ROOT, p));
      }
    }
  };
  walk(libDir);
  if (stale.length) {
    console.log(`lib/ is not built or out of date (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', ...' : ''}): running npm run build`);
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
}

function runOnce(variant, n) {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'run-one.js'), variant, String(n)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`run ${variant} N=${n} failed:\n${r.stderr.slice(-4000)}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop());
  return { ...m, totalMs: m.constructMs + m.synthMs, totalCpuMs: m.constructCpuMs + m.synthCpuMs };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function logRun(label, v, m) {
  process.stdout.write(`  ${label} ${v.padEnd(5)} construct ${m.constructMs.toFixed(0)} ms, synth ${m.synthMs.toFixed(0)} ms, ` +
    `cpu ${m.totalCpuMs.toFixed(0)} ms, rss ${m.maxRssMiB.toFixed(0)} MiB\n`);
}

function measure(opts) {
  // Warm-up runs (discarded) fill the file system cache; they run at the smallest N, as the
  // cache they fill does not depend on N.
  const smallest = Math.min(...opts.n);
  for (let w = 0; w < opts.warmup; w++) {
    for (const v of opts.variants) logRun(`N=${smallest} warm-up`, v, runOnce(v, smallest));
  }
  const results = {};
  for (const n of opts.n) {
    const runs = Object.fromEntries(opts.variants.map((v) => [v, []]));
    for (let round = 0; round < opts.runs; round++) {
      // The variants take turns; the order rotates from round to round.
      const order = opts.variants.map((_, i) => opts.variants[(i + round) % opts.variants.length]);
      for (const v of order) {
        const m = runOnce(v, n);
        runs[v].push(m);
        logRun(`N=${n} run ${round + 1}/${opts.runs}`, v, m);
      }
    }
    const resources = new Set(Object.values(runs).flat().map((m) => m.resources));
    if (resources.size > 1) throw new Error(`N=${n}: variants synthesized different resource counts: ${[...resources]}`);
    results[n] = {
      resources: [...resources][0],
      medians: Object.fromEntries(opts.variants.map((v) => [v, Object.fromEntries(METRICS.map((k) => [k, median(runs[v].map((m) => m[k]))]))])),
      runs,
    };
    results[n].ratios = ratios(results[n].medians);
  }
  return results;
}

function ratios(medians) {
  const out = {};
  for (const other of ['peer', 'floor']) {
    if (!medians.ours || !medians[other]) continue;
    out[`ours/${other}`] = Object.fromEntries(METRICS.map((k) => [k, medians.ours[k] / medians[other][k]]));
  }
  return out;
}

function table(results) {
  const cols = [['construct ms', 'constructMs'], ['synth ms', 'synthMs'], ['construct cpu ms', 'constructCpuMs'], ['synth cpu ms', 'synthCpuMs'], ['total cpu ms', 'totalCpuMs'], ['peak RSS MiB', 'maxRssMiB']];
  const lines = [];
  const row = (cells) => `| ${cells.join(' | ')} |`;
  lines.push(row(['N', 'variant', ...cols.map(([h]) => h)]));
  lines.push(row(['--:', ':--', ...cols.map(() => '--:')]));
  for (const [n, r] of Object.entries(results)) {
    for (const [v, m] of Object.entries(r.medians)) lines.push(row([n, v, ...cols.map(([, k]) => m[k].toFixed(0))]));
    for (const [name, q] of Object.entries(r.ratios)) lines.push(row([n, `**${name}**`, ...cols.map(([, k]) => `${q[k].toFixed(2)}×`)]));
  }
  return lines.join('\n');
}

function machine() {
  let commit;
  try { commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { commit = undefined; }
  // What `test/bench/freshness.test.ts` compares with: the commit measured at and the tree of lib/ measured
  // (uncommitted changes included).
  let libCommit;
  let libTree;
  try {
    libCommit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    libTree = require('./lib-tree').libTree(ROOT);
  } catch { libCommit = undefined; }
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    awsCdkLib: require('aws-cdk-lib/package.json').version,
    commit,
    libCommit,
    libTree,
    loadAverageAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.variants.includes('ours')) {
    ensureBuilt();
    // Timed as an app loads it: from the packed tarball, installed under node_modules (see install.js).
    // BENCH_LIB names another build to time instead.
    process.env.BENCH_LIB ??= require('./install').installPacked();
  }
  const info = machine();
  if (opts.variants.includes('ours')) info.oursFrom = path.relative(ROOT, process.env.BENCH_LIB);
  console.log(`machine: ${info.cpus} × ${info.cpuModel}, ${info.memoryGiB} GiB, node ${info.node}, aws-cdk-lib ${info.awsCdkLib}, load average ${info.loadAverageAtStart.join(' ')}`);

  let check;
  if (opts.check) {
    const { checkVariants } = require('./check');
    check = checkVariants(2, opts.variants);
    console.log(`fairness check (N=2): resources ${Object.entries(check.resourceCounts).map(([v, c]) => `${v} ${c}`).join(', ')}`);
    for (const n of check.normalized) console.log(`  normalized before comparing ours with peer: ${n}`);
    if (!check.ok) {
      for (const p of check.problems) console.error(`  DIFFERENT: ${p}`);
      console.error('the variants do not build the same app; fix bench/ (or pass --no-check to time them anyway)');
      process.exit(1);
    }
    console.log('  ours and peer: same resources; ours and floor: same template (logical ids without hash)');
  }

  console.log(`timing: N = ${opts.n.join(', ')}; ${opts.warmup} warm-up + ${opts.runs} runs per variant and N, each in a fresh process`);
  const results = measure(opts);
  info.loadAverageAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  console.log('\nmedians: wall-clock ms, CPU ms (user + system, all threads; steadier than wall-clock on a busy machine), peak RSS:\n');
  console.log(table(results));

  let cost;
  if (opts.cost) {
    console.log(`\ncost that does not depend on the machine's speed, N = ${opts.costN} (each in a fresh process, not timed):`);
    cost = require('./cost').measureCost(opts.variants.filter((v) => v !== 'alpha'), opts.costN);
  }

  if (opts.out) {
    const previous = fs.existsSync(opts.out) ? JSON.parse(fs.readFileSync(opts.out, 'utf8')) : {};
    const doc = { machine: info, options: { n: opts.n, runs: opts.runs, warmup: opts.warmup, variants: opts.variants }, check, typescript: results, cost, python: previous.python };
    fs.writeFileSync(opts.out, JSON.stringify(doc, null, 1) + '\n');
    console.log(`\nwrote ${path.relative(process.cwd(), opts.out)}`);
  }

  if (opts.python) {
    // The Python side merges its results into the same file, under "python".
    const r = spawnSync('python3', [path.join(__dirname, 'python', 'bench.py'), '--n', String(opts.pythonN), '--runs', String(opts.runs), '--warmup', String(opts.warmup), '--out', opts.out],
      { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }

  if (opts.out && path.resolve(opts.out) === DEFAULT_OUT) {
    // the committed results: bench/README.md shows their tables
    require('./report').writeTables(opts.out);
    console.log(`wrote the tables into ${path.relative(process.cwd(), path.join(__dirname, 'README.md'))}`);
  }
}

main();
