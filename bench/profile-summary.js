'use strict';
/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`): self time per function, the top entries
 * overall and those in this library's lib/ directory.
 *   node bench/profile-summary.js <file.cpuprofile> [top]
 */
const fs = require('fs');
const path = require('path');

// this library's lib/: in the repository, or installed (bench/install.js)
const IS_LIB = /(^|\s)lib\/|node_modules\/@aws-cdk\/aws-batch-alpha\/lib\//;

function summarize(file, top = 25) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const label = (id) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const where = url.replace(/^file:\/\//, '');
    return `${functionName || '(anonymous)'} ${path.relative(process.cwd(), where) || where}:${lineNumber + 1}`;
  };
  const isLib = (key) => IS_LIB.test(key) && (!key.includes('node_modules') || key.includes('@aws-cdk/aws-batch-alpha/lib/'));
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);

  const self = new Map(); // self time per function
  const inclusive = new Map(); // time with the function anywhere on the stack (counted once per sample)
  const underLib = new Map(); // time attributed to the innermost lib/ function on the stack
  let totalUs = 0;
  let libInclusiveUs = 0;
  for (const [id, us] of selfUs) {
    totalUs += us;
    add(self, label(id), us);
    const seen = new Set();
    let innermostLib;
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const key = label(cur);
      if (!seen.has(key)) { seen.add(key); add(inclusive, key, us); }
      if (innermostLib === undefined && isLib(key)) innermostLib = key;
    }
    if (innermostLib !== undefined) { add(underLib, innermostLib, us); libInclusiveUs += us; }
  }
  const rows = (map, filter = () => true) => [...map].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, us]) => ({ ms: Math.round(us / 1000), pct: +(100 * us / totalUs).toFixed(1), fn: k }));
  const libSelfUs = [...self].filter(([k]) => isLib(k)).reduce((s, [, us]) => s + us, 0);
  return {
    totalMs: Math.round(totalUs / 1000),
    libSelfMs: Math.round(libSelfUs / 1000),
    libInclusiveMs: Math.round(libInclusiveUs / 1000),
    top: rows(self),
    topLib: rows(self, isLib),
    topLibInclusive: rows(inclusive, isLib),
    topUnderLib: rows(underLib),
  };
}

function print(s) {
  const list = (title, rs) => {
    console.log(`\n${title}:`);
    for (const r of rs) console.log(`${String(r.ms).padStart(7)} ms ${String(r.pct).padStart(5)}%  ${r.fn}`);
  };
  console.log(`${s.totalMs} ms sampled; self time in lib/: ${s.libSelfMs} ms; with lib/ on the stack: ${s.libInclusiveMs} ms`);
  list('top self time', s.top);
  list('top self time in lib/', s.topLib);
  list('top inclusive time of lib/ functions', s.topLibInclusive);
  list('time under lib/, by the innermost lib/ function (what it spends in aws-cdk-lib included)', s.topUnderLib);
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  print(summarize(file, Number(top ?? 25)));
}

module.exports = { summarize, print };
