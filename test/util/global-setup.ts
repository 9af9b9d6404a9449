import { setup } from './temp-root';
import floorSetup from '../floor/global-setup';

/**
 * Jest global setup: first the run's own temp folder (so the floor run below writes into it too), then the run of
 * the tests on aws-cdk-lib 2.95.1 (see test/floor/global-setup.ts).
 */
export default function globalSetup(globalConfig: Parameters<typeof floorSetup>[0]): void {
  setup();
  floorSetup(globalConfig);
}
