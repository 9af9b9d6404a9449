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
  // one seed for the property-based tests of both runs (test/util/fast-check-seed.ts)
  process.env.BATCH_FC_SEED ??= String(Math.floor(Math.random() * 2 ** 31));
  process.stdout.write(`\nproperty-based tests: BATCH_FC_SEED=${process.env.BATCH_FC_SEED}\n`);
  floorSetup(globalConfig);
}
