'use strict';
/**
 * `node bench/report.js [results.json]`: the compact Markdown tables of the README's
 * "Performance" section, from a results file written by `npm run bench`: the timings, then the
 * cost that does not depend on the machine's speed (calls, allocation, live heap).
 */
const fs = require('fs');
const path = require('path');

const file = process.argv[2] ?? path.join(__dirname, 'results.json');
const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
const f0 = (x) => Math.round(x).toLocaleString('en-US');
const sec = (ms) => (ms / 1000).toFixed(ms < 10000 ? 2 : 1);
const q = (x) => `${x.toFixed(2)}×`;
const cols = [['construct (CPU s)', 'constructCpuMs', sec], ['synth (CPU s)', 'synthCpuMs', sec], ['total (CPU s)', 'totalCpuMs', sec],
  ['total (wall s)', 'totalMs', sec], ['peak RSS (MiB)', 'maxRssMiB', f0]];

function rows(lang, n, r) {
  const out = [];
  for (const [v, m] of Object.entries(r.medians)) out.push([lang, n, v, ...cols.map(([, k, fmt]) => (m[k] === undefined ? '' : fmt(m[k])))]);
  for (const [name, ratio] of Object.entries(r.ratios)) out.push([lang, n, `**${name}**`, ...cols.map(([, k]) => (ratio[k] === undefined ? '' : `**${q(ratio[k])}**`))]);
  return out;
}

const all = [];
for (const [n, r] of Object.entries(doc.typescript ?? {})) all.push(...rows('TypeScript', n, r));
if (doc.python?.medians) all.push(...rows('Python', doc.python.n, doc.python));
const header = ['', 'N', 'variant', ...cols.map(([h]) => h)];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map((_, i) => (i < 3 ? ':--' : '--:')).join(' | ')} |`);
for (const row of all) console.log(`| ${row.join(' | ')} |`);
if (doc.cost) {
  const kib = (x) => x.toFixed(1);
  const costCols = [['calls into aws-cdk-lib and constructs', 'libraryCallsPerUnit', f0], ['own calls', 'ownCallsPerUnit', f0],
    ['all calls', undefined, f0], ['allocated (KiB)', 'allocatedKiBPerUnit', kib],
    ['live after construction (KiB)', 'liveKiBPerUnitAfterConstruct', kib], ['live after synthesis (KiB)', 'liveKiBPerUnitAfterSynth', kib]];
  const ratioKey = (k) => k ?? 'callsPerUnit';
  const costHeader = [`per unit, N = ${doc.cost.n}`, ...costCols.map(([h]) => h)];
  console.log(`\n| ${costHeader.join(' | ')} |`);
  console.log(`| ${costHeader.map((_, i) => (i < 1 ? ':--' : '--:')).join(' | ')} |`);
  for (const [v, c] of Object.entries(doc.cost.variants)) {
    console.log(`| ${[v, ...costCols.map(([, k, fmt]) => fmt(k === undefined ? c.libraryCallsPerUnit + c.ownCallsPerUnit : c[k]))].join(' | ')} |`);
  }
  for (const [name, ratio] of Object.entries(doc.cost.ratios)) {
    console.log(`| ${[`**${name}**`, ...costCols.map(([, k]) => (ratio[ratioKey(k)] === undefined ? '' : `**${q(ratio[ratioKey(k)])}**`))].join(' | ')} |`);
  }
}
const m = doc.machine;
console.log(`\n${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node.js ${m.node}, aws-cdk-lib ${m.awsCdkLib}, ${m.date.slice(0, 10)}; ` +
  `load average ${m.loadAverageAtStart?.[0]} at start, ${m.loadAverageAtEnd?.[0]} at end. ` +
  `TypeScript rows: ${doc.options?.runs} runs each, measured at commit ${m.commit}` +
  `${m.oursFrom ? ' with this library installed from its packed tarball' : ''}` +
  `${doc.python?.date ? `; Python rows: ${doc.python.date.slice(0, 10)}, wheel ${doc.python.wheel}` : ''}.`);
