'use strict';
/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`): self time per function, the top entries
 * overall and those in this library's lib/ directory.
 *   node bench/profile-summary.js <file.cpuprofile> [top]
 */
const fs = require('fs');
const path = require('path');

function summarize(file, top = 25) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byFunction = new Map();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const where = url.replace(/^file:\/\//, '');
    const key = `${functionName || '(anonymous)'} ${path.relative(process.cwd(), where) || where}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    totalUs += us;
  }
  const sorted = [...byFunction].sort((a, b) => b[1] - a[1]);
  const rows = (list) => list.map(([k, us]) => ({ ms: Math.round(us / 1000), pct: +(100 * us / totalUs).toFixed(1), fn: k }));
  const isLib = ([k]) => /(^|\s)lib\//.test(k) && !k.includes('node_modules');
  const libUs = sorted.filter(isLib).reduce((s, [, us]) => s + us, 0);
  return {
    totalMs: Math.round(totalUs / 1000),
    libSelfMs: Math.round(libUs / 1000),
    top: rows(sorted.slice(0, top)),
    topLib: rows(sorted.filter(isLib).slice(0, top)),
  };
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  const s = summarize(file, Number(top ?? 25));
  console.log(`total ${s.totalMs} ms, of which self time in lib/: ${s.libSelfMs} ms`);
  console.log('\ntop self time:');
  for (const r of s.top) console.log(`${String(r.ms).padStart(7)} ms ${String(r.pct).padStart(5)}%  ${r.fn}`);
  console.log('\ntop self time in lib/:');
  for (const r of s.topLib) console.log(`${String(r.ms).padStart(7)} ms ${String(r.pct).padStart(5)}%  ${r.fn}`);
}

module.exports = { summarize };
