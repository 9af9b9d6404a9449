import * as path from 'path';
import { setup } from './temp-root';
import floorSetup from '../floor/global-setup';

/**
 * Jest global setup: first the run's own temp folder (so the floor run below writes into it too) and the folder of
 * the templates to validate, then the run of the tests on aws-cdk-lib 2.95.1 (see test/floor/global-setup.ts), with the same fast-check seed as the main run.
 */
export default function globalSetup(globalConfig: Parameters<typeof floorSetup>[0]): void {
  setup();
  // Every template a test synthesizes is kept here (or in BATCH_TEMPLATE_DIR, for cfn-lint) for the validation at
  // the end of the run (test/util/global-teardown.ts).
  process.env.BATCH_TEMPLATE_DIR ||= path.join(process.env.BATCH_TEST_TMPDIR!, 'templates');
  // aws-cdk-lib's built-in template validation (2.27x on) lints every template a test synthesizes with a WebAssembly
  // module, which each test file loads anew: a worker grows by some 300 MB per file that synthesizes, synthesis takes
  // several times as long, and tearing the worker down at the end outlasts jest's wait for it to exit. The run
  // validates every kept template once, with the same validator, at its end (test/util/global-teardown.ts); the
  // README examples turn the built-in validation back on for themselves. Workers inherit the setting.
  process.env.CDK_VALIDATION ??= 'false';
  // one seed for the property-based tests of both runs (test/util/fast-check-seed.ts)
  process.env.BATCH_FC_SEED ??= String(Math.floor(Math.random() * 2 ** 31));
  process.stdout.write(`\nproperty-based tests: BATCH_FC_SEED=${process.env.BATCH_FC_SEED}\n`);
  floorSetup(globalConfig);
}
