/**
 * Jest global setup: before the tests run on the newest aws-cdk-lib, runs the same test files (those the
 * run selected, less test/floor/excluded-suites.json) on aws-cdk-lib 2.95.1, recording their templates
 * for test/floor/pair-templates.ts to compare with. `test/floor/floor-run.test.ts` reports the outcome.
 *
 * `BATCH_FLOOR=off` leaves the floor run out (the comparison then does not happen, and floor-run.test.ts fails,
 * saying so).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** Where the floor run writes its results, records and timing. */
export const FLOOR_DIR = path.join(ROOT, '.cache', 'floor');

export default function globalSetup(globalConfig: { testPathPatterns?: { patterns?: string[] }; testNamePattern?: string }): void {
  if (process.env.BATCH_FLOOR === 'off') {
    process.stdout.write('\nfloor: BATCH_FLOOR=off, the tests do not run on aws-cdk-lib 2.95.1\n');
    return;
  }
  fs.rmSync(FLOOR_DIR, { recursive: true, force: true });
  fs.mkdirSync(FLOOR_DIR, { recursive: true });
  const args = [
    require.resolve('jest/bin/jest'),
    '--config', path.join(__dirname, 'jest.config.js'),
    '--json', `--outputFile=${path.join(FLOOR_DIR, 'results.json')}`,
    '--passWithNoTests',
    ...(globalConfig.testNamePattern ? ['--testNamePattern', globalConfig.testNamePattern] : []),
    ...(globalConfig.testPathPatterns?.patterns ?? []),
  ];
  const started = Date.now();
  const log = fs.openSync(path.join(FLOOR_DIR, 'floor.log'), 'w');
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', log, log],
    env: { ...process.env, BATCH_FLOOR_RECORD_DIR: path.join(FLOOR_DIR, 'templates'), BATCH_TEMPLATE_DIR: '' },
  });
  fs.closeSync(log);
  const seconds = (Date.now() - started) / 1000;
  fs.writeFileSync(path.join(FLOOR_DIR, 'run.json'), JSON.stringify({ status: run.status, seconds }));
  process.stdout.write(`\nfloor: the tests ran on aws-cdk-lib 2.95.1 in ${seconds.toFixed(0)} s (exit ${run.status}; log in .cache/floor/floor.log)\n`);
  process.env.BATCH_FLOOR_DIR = FLOOR_DIR;
}
