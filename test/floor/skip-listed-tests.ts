/**
 * Jest setup of the run on aws-cdk-lib 2.95.1 only: skips the tests test/floor/skipped-tests.json lists
 * (each with its reason), and no other. floor-run.test.ts checks that exactly those were skipped.
 */
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const listed: Array<{ file: string; test: string }> = require('./skipped-tests.json');
const file = path.relative(ROOT, expect.getState().testPath ?? '').replace(/\\/g, '/');
const names = new Set(listed.filter((t) => t.file === file).map((t) => t.test));

if (names.size > 0) {
  for (const name of ['test', 'it'] as const) {
    const original = (globalThis as any)[name];
    const wrapped = (title: string, ...rest: unknown[]) => names.has(title) ? original.skip(title, ...rest) : original(title, ...rest);
    (globalThis as any)[name] = Object.assign(wrapped, original);
  }
}
