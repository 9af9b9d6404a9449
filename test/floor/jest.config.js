/**
 * The unit tests again, with aws-cdk-lib resolved to 2.95.1 (the floor of the peer range, installed
 * as the devDependency alias `aws-cdk-lib-floor`). `test/floor/global-setup.ts` runs them before
 * the main run; see test/floor/README.md.
 */
const path = require('path');
const base = require('../../jest.config');

/** Suites left out on the floor, each with the reason: every other suite runs there. */
const EXCLUDED = require('./excluded-suites.json');

module.exports = {
  ...base,
  rootDir: path.join(__dirname, '..', '..'),
  roots: ['<rootDir>/test'],
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, ...Object.keys(EXCLUDED)],
  moduleNameMapper: {
    '^aws-cdk-lib$': '<rootDir>/node_modules/aws-cdk-lib-floor',
    '^aws-cdk-lib/(.*)$': '<rootDir>/node_modules/aws-cdk-lib-floor/$1',
  },
  // the tests test/floor/skipped-tests.json lists (with the reasons) are skipped here
  setupFilesAfterEnv: [...base.setupFilesAfterEnv, '<rootDir>/test/floor/skip-listed-tests.ts'],
  // the main run's setup made the temp folder and started this run; its teardown removes the folder
  globalSetup: undefined,
  globalTeardown: undefined,
};
