/** Jest runs the TypeScript sources directly; the jsii build type-checks them. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/bindings/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', diagnostics: false }],
  },
  maxWorkers: 2,
  // A worker ends the run holding a few hundred MB of heap from the large suites (fuzzing, determinism); tearing it
  // down can take longer than jest's default 500 ms on a busy 2-core machine, and jest then kills it and reports that
  // a "worker process has failed to exit gracefully". It has no open handle left: give it the time it needs.
  workerGracefulExitTimeout: 5000,
  // Keeps synthesized templates in BATCH_TEMPLATE_DIR, validated at the end of the run (test/util/global-teardown.ts).
  setupFilesAfterEnv: ['<rootDir>/test/util/fast-check-seed.ts', '<rootDir>/test/robustness/capture-templates.ts', '<rootDir>/test/floor/pair-templates.ts'],
  // One temp folder per run (TMPDIR for the workers), removed at the end: tests leave nothing behind. The setup
  // then runs the tests on aws-cdk-lib 2.95.1 first, for the comparison (see test/floor/README.md).
  globalSetup: '<rootDir>/test/util/global-setup.ts',
  globalTeardown: '<rootDir>/test/util/global-teardown.ts',
  cacheDirectory: '<rootDir>/.cache/jest',
};
