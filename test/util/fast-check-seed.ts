/**
 * Jest setup: every property-based test of one `npm test` draws from the seed the global setup chose
 * (`BATCH_FC_SEED`), so that the run on aws-cdk-lib 2.95.1 and the run on the newest draw the same cases and their
 * templates can be compared one by one. Each `npm test` still draws new cases; `BATCH_FC_SEED=<n>` repeats a run.
 */
import * as fc from 'fast-check';

const seed = Number(process.env.BATCH_FC_SEED);
if (Number.isInteger(seed)) {
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
