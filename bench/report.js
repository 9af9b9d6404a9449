'use strict';
/**
 * `node bench/report.js [results.json]`: prints the compact Markdown tables of the "Results" section of
 * bench/README.md, from a results file written by `npm run bench`: the timings, then the cost that does not
 * depend on the machine's speed (calls, allocation, live heap).
 *
 * `node bench/report.js --write [results.json]` writes them into bench/README.md instead, between the two
 * marker lines there (`npm run bench` does so after a run).
 */
const fs = require('fs');
const path = require('path');

const README = path.join(__dirname, 'README.md');
const BEGIN = '<!-- tables: written by `node bench/report.js --write` from bench/results.json; do not edit -->';
const END = '<!-- end of tables -->';

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

/** The tables and the line on the machine, as Markdown lines. */
function report(doc) {
  const lines = [];
  const all = [];
  for (const [n, r] of Object.entries(doc.typescript ?? {})) all.push(...rows('TypeScript', n, r));
  if (doc.python?.medians) all.push(...rows('Python', doc.python.n, doc.python));
  const header = ['', 'N', 'variant', ...cols.map(([h]) => h)];
  lines.push(`| ${header.join(' | ')} |`);
  lines.push(`| ${header.map((_, i) => (i < 3 ? ':--' : '--:')).join(' | ')} |`);
  for (const row of all) lines.push(`| ${row.join(' | ')} |`);
  if (doc.cost) {
    const kib = (x) => x.toFixed(1);
    const costCols = [['calls into aws-cdk-lib and constructs', 'libraryCallsPerUnit', f0], ['own calls', 'ownCallsPerUnit', f0],
      ['all calls', undefined, f0], ['allocated (KiB)', 'allocatedKiBPerUnit', kib],
      ['live after construction (KiB)', 'liveKiBPerUnitAfterConstruct', kib], ['live after synthesis (KiB)', 'liveKiBPerUnitAfterSynth', kib]];
    const ratioKey = (k) => k ?? 'callsPerUnit';
    const costHeader = [`per unit, N = ${doc.cost.n}`, ...costCols.map(([h]) => h)];
    lines.push('', `| ${costHeader.join(' | ')} |`);
    lines.push(`| ${costHeader.map((_, i) => (i < 1 ? ':--' : '--:')).join(' | ')} |`);
    for (const [v, c] of Object.entries(doc.cost.variants)) {
      lines.push(`| ${[v, ...costCols.map(([, k, fmt]) => fmt(k === undefined ? c.libraryCallsPerUnit + c.ownCallsPerUnit : c[k]))].join(' | ')} |`);
    }
    for (const [name, ratio] of Object.entries(doc.cost.ratios)) {
      lines.push(`| ${[`**${name}**`, ...costCols.map(([, k]) => (ratio[ratioKey(k)] === undefined ? '' : `**${q(ratio[ratioKey(k)])}**`))].join(' | ')} |`);
    }
  }
  const m = doc.machine;
  lines.push('', `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node.js ${m.node}, aws-cdk-lib ${m.awsCdkLib}, ${m.date.slice(0, 10)}; ` +
    `load average ${m.loadAverageAtStart?.[0]} at start, ${m.loadAverageAtEnd?.[0]} at end. ` +
    `TypeScript rows: ${doc.options?.runs} runs each, measured at commit ${m.commit}` +
    `${m.oursFrom ? ' with this library installed from its packed tarball' : ''}` +
    `${doc.python?.date ? `; Python rows: ${doc.python.date.slice(0, 10)}, wheel ${doc.python.wheel}` : ''}.`);
  return lines.join('\n');
}

/** The text between the marker lines of a README (the tables it shows), or `undefined` without them. */
function shownTables(readme) {
  const span = tablesSpan(readme);
  return span === undefined ? undefined : readme.slice(span.start, span.end).replace(/\n$/, '');
}

/** Where the lines between the marker lines start and end (the end is where the closing marker's line starts). */
function tablesSpan(readme) {
  const begin = readme.indexOf(`${BEGIN}\n`);
  if (begin < 0) return undefined;
  const start = begin + BEGIN.length + 1;
  const end = readme.startsWith(END, start) ? start : readme.indexOf(`\n${END}`, start) + 1;
  return end <= 0 ? undefined : { start, end };
}

/** Writes the tables of a results file into bench/README.md (or `readmeFile`), between the marker lines. */
function writeTables(resultsFile, readmeFile = README) {
  const readme = fs.readFileSync(readmeFile, 'utf8');
  const span = tablesSpan(readme);
  if (span === undefined) throw new Error(`${readmeFile} has no lines ${BEGIN} and ${END} to write the tables between`);
  const doc = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  fs.writeFileSync(readmeFile, `${readme.slice(0, span.start)}${report(doc)}\n${readme.slice(span.end)}`);
}

module.exports = { report, shownTables, writeTables, README };

if (require.main === module) {
  const args = process.argv.slice(2);
  const write = args.includes('--write');
  const file = args.find((a) => a !== '--write') ?? path.join(__dirname, 'results.json');
  if (write) {
    writeTables(file);
    console.log(`wrote the tables of ${path.relative(process.cwd(), file)} into ${path.relative(process.cwd(), README)}`);
  } else {
    console.log(report(JSON.parse(fs.readFileSync(file, 'utf8'))));
  }
}
