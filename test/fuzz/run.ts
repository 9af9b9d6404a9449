/**
 * Runs the fuzzer over one target: `ts-node test/fuzz/run.ts <target> <cases> [seed]`.
 * Prints one JSON line with the counts and up to five distinct failures (crashes, and rejections of
 * plausible cases).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { Counts, failureOf, runCase } from './harness';
import { TARGETS } from './targets';

const [targetName, casesArg, seedArg, sampleDir] = process.argv.slice(2);
const target = TARGETS.find((t) => t.name === targetName);
if (target === undefined) {
  throw new Error(`unknown target ${targetName}; known: ${TARGETS.map((t) => t.name).join(', ')}`);
}
const cases = Number(casesArg ?? 10000);
const seed = Number(seedArg ?? Date.now() % 2 ** 31);
const counts: Counts = { cases: 0, synthesized: 0, rejected: 0, crashes: 0, plausible: 0, plausibleSynthesized: 0, wrongRejections: 0 };
const crashes = new Map<string, string>();
const started = Date.now();
// Keeps every 100th valid template, for cfn-lint.
let kept = 0;

for (const testCase of fc.sample(target.arbitrary, { numRuns: cases, seed })) {
  const result = runCase(target, testCase);
  counts.cases += 1;
  counts.plausible += testCase.plausible ? 1 : 0;
  if (result.outcome === 'synthesized') {
    counts.synthesized += 1;
    counts.plausibleSynthesized += testCase.plausible ? 1 : 0;
    if (sampleDir !== undefined && counts.synthesized % 100 === 1) {
      fs.mkdirSync(sampleDir, { recursive: true });
      fs.writeFileSync(path.join(sampleDir, `fuzz-${target.name}-${kept++}.json`), JSON.stringify(result.template, undefined, 1));
    }
  } else if (result.outcome === 'rejected') {
    counts.rejected += 1;
    counts.wrongRejections += testCase.plausible ? 1 : 0;
  } else {
    counts.crashes += 1;
  }
  const failure = failureOf(result, testCase);
  if (failure !== undefined) {
    const key = failure.split('\n')[0];
    if (!crashes.has(key) && crashes.size < 5) {
      crashes.set(key, failure);
    }
  }
}

process.stdout.write(JSON.stringify({ target: target.name, seed, ...counts, seconds: (Date.now() - started) / 1000, examples: [...crashes.values()] }) + "\n");
