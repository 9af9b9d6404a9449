/**
 * Determinism: the same app synthesized twice gives byte-identical templates, so a deployment
 * pipeline never sees a diff that nobody made.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { BatchExampleStack } from '../../example/stack';
import { runCase } from '../fuzz/harness';
import { TARGETS } from '../fuzz/targets';
import { keepTemplate } from './templates';

const root = path.join(__dirname, '..', '..');
const TEMPLATE = 'BatchExample.template.json';

/** Synthesizes the example app into a fresh directory, here or in another process, and returns the template's bytes. */
function synthExample(where: 'here' | 'child'): Buffer {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-determinism-'));
  try {
    if (where === 'here') {
      const app = new App({ outdir });
      new BatchExampleStack(app, 'BatchExample');
      expect(app.synth().stacks.map((s) => s.templateFile)).toEqual([TEMPLATE]);
    } else {
      execFileSync('bash', [path.join(root, 'scripts', 'ts-run.sh'), 'test/robustness/synth-example.ts', outdir], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    }
    return fs.readFileSync(path.join(outdir, TEMPLATE));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

test('the example app synthesizes to byte-identical templates twice, and in a second process', () => {
  const first = synthExample('here');
  const second = synthExample('here');
  const other = synthExample('child');
  expect(first.length).toBeGreaterThan(1000);
  expect(second.equals(first)).toBe(true);
  expect(other.equals(first)).toBe(true);
  keepTemplate('example', JSON.parse(first.toString('utf8')));
});

describe.each(TARGETS.map((t) => [t.name, t] as const))('fuzzed %s', (_name, target) => {
  test('the same case synthesizes to the same template twice (at least 20 templates compared)', () => {
    let compared = 0;
    fc.assert(
      fc.property(target.arbitrary, (testCase) => {
        const first = runCase(target, testCase);
        const second = runCase(target, testCase);
        expect(second.outcome).toBe(first.outcome);
        if (first.outcome === 'synthesized') {
          expect(JSON.stringify(second.template)).toBe(JSON.stringify(first.template));
          compared += 1;
        } else {
          expect(String(second.error)).toBe(String(first.error));
        }
      }),
      { numRuns: 40, seed: 7 },
    );
    expect(compared).toBeGreaterThanOrEqual(20);
  });
});
