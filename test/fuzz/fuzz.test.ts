/**
 * The fast profile of the fuzzer: a few hundred random cases per construct, each of which must
 * synthesize or be rejected by this library's ValidationError; a case of the plausible half (only
 * valid values) must synthesize. `npm run fuzz` runs many more.
 */
import * as fc from 'fast-check';
import { failureOf, runCase } from './harness';
import { TARGETS } from './targets';
import { keepTemplate } from '../robustness/templates';

const NUM_RUNS = Number(process.env.FUZZ_FAST_RUNS ?? 150);
// A fixed seed keeps CI reproducible; `npm run fuzz` draws a new one each run.
const SEED = Number(process.env.FUZZ_SEED ?? 20230901);

describe.each(TARGETS.map((t) => [t.name, t] as const))('fuzzed props of %s', (_name, target) => {
  test('every case synthesizes or is rejected with a ValidationError, and every plausible case synthesizes', () => {
    let synthesized = 0;
    let rejected = 0;
    let plausible = 0;
    let plausibleSynthesized = 0;
    fc.assert(
      fc.property(target.arbitrary, (testCase) => {
        const result = runCase(target, testCase);
        const failure = failureOf(result, testCase);
        if (failure !== undefined) {
          throw new Error(failure);
        }
        if (testCase.plausible) {
          plausible += 1;
        }
        if (result.outcome === 'synthesized') {
          synthesized += 1;
          plausibleSynthesized += testCase.plausible ? 1 : 0;
          if (synthesized % 10 === 1) {
            keepTemplate(`fuzz-${target.name}`, result.template);
          }
        } else {
          rejected += 1;
        }
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    // The generators must reach both outcomes, or the fuzzer is not exploring; plausible cases are
    // about half of all, and at least half of them (all, as a rejection fails above) synthesize.
    expect(synthesized).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    expect(plausible).toBeGreaterThanOrEqual(NUM_RUNS / 4);
    expect(plausibleSynthesized).toBeGreaterThanOrEqual(plausible / 2);
  });
});
