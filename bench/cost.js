'use strict';
/**
 * The cost of each variant that does not depend on the machine's speed (see cost-one.js): calls,
 * allocation and live heap per unit, each measured in a fresh process. The counts are exact, the
 * allocation is sampled and varies a little with what the JIT compiler optimizes away (within
 * about 1% between runs at the default N), and the live heap is what a full collection leaves; so,
 * unlike the timings, they barely move from one run to the next.
 */
const { spawnSync } = require('child_process');
const path = require('path');

const METRICS = ['libraryCallsPerUnit', 'ownCallsPerUnit', 'allocatedKiBPerUnit', 'liveKiBPerUnitAfterConstruct', 'liveKiBPerUnitAfterSynth'];

function costOnce(variant, n, what) {
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, 'cost-one.js'), variant, String(n), what],
    { cwd: path.join(__dirname, '..'), encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`cost ${variant} N=${n} ${what} failed:\n${r.stderr.slice(-4000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** `{ n, variants: { <variant>: { <metric>: value } }, ratios: { 'ours/peer': ..., 'ours/floor': ... } }` */
function measureCost(variants, n) {
  const out = { n, variants: {}, ratios: {} };
  for (const v of variants) {
    const m = { ...costOnce(v, n, 'calls'), ...costOnce(v, n, 'alloc'), ...costOnce(v, n, 'live') };
    out.variants[v] = Object.fromEntries(METRICS.map((k) => [k, +m[k].toFixed(1)]));
    console.log(`  cost ${v.padEnd(5)} calls/unit ${m.libraryCallsPerUnit.toFixed(0)} into the libraries + ${m.ownCallsPerUnit.toFixed(0)} own, ` +
      `allocated ${m.allocatedKiBPerUnit.toFixed(1)} KiB/unit, live ${m.liveKiBPerUnitAfterConstruct.toFixed(1)} KiB/unit after construction, ` +
      `${m.liveKiBPerUnitAfterSynth.toFixed(1)} after synthesis`);
  }
  const total = (m) => m.libraryCallsPerUnit + m.ownCallsPerUnit;
  for (const other of ['peer', 'floor']) {
    const a = out.variants.ours;
    const b = out.variants[other];
    if (!a || !b) continue;
    out.ratios[`ours/${other}`] = {
      libraryCallsPerUnit: a.libraryCallsPerUnit / b.libraryCallsPerUnit,
      callsPerUnit: total(a) / total(b),
      allocatedKiBPerUnit: a.allocatedKiBPerUnit / b.allocatedKiBPerUnit,
      liveKiBPerUnitAfterConstruct: a.liveKiBPerUnitAfterConstruct / b.liveKiBPerUnitAfterConstruct,
      liveKiBPerUnitAfterSynth: a.liveKiBPerUnitAfterSynth / b.liveKiBPerUnitAfterSynth,
    };
  }
  return out;
}

module.exports = { measureCost, METRICS };
