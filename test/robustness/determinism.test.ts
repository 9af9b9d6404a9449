/**
 * Determinism: the same app synthesized twice gives byte-identical templates, so a deployment
 * pipeline never sees a diff that nobody made.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { BatchExampleStack } from '../../example/stack';
import { runCase } from '../fuzz/harness';
import { TARGETS } from '../fuzz/targets';
import { keepTemplate } from './templates';

/** Synthesizes the example app into a fresh directory and returns its template files' bytes. */
function synthExample(): Map<string, Buffer> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-determinism-'));
  const app = new App({ outdir });
  new BatchExampleStack(app, 'BatchExample');
  const assembly = app.synth();
  const files = new Map<string, Buffer>();
  for (const stack of assembly.stacks) {
    files.set(stack.templateFile, fs.readFileSync(path.join(outdir, stack.templateFile)));
  }
  return files;
}

test('the example app synthesizes to byte-identical templates twice', () => {
  const first = synthExample();
  const second = synthExample();
  expect([...first.keys()]).toEqual(['BatchExample.template.json']);
  expect([...second.keys()]).toEqual([...first.keys()]);
  for (const [file, bytes] of first) {
    expect(second.get(file)!.equals(bytes)).toBe(true);
    keepTemplate('example', JSON.parse(bytes.toString('utf8')));
  }
});

describe.each(TARGETS.map((t) => [t.name, t] as const))('fuzzed %s', (_name, target) => {
  test('the same case synthesizes to the same template twice', () => {
    fc.assert(
      fc.property(target.arbitrary, (testCase) => {
        const first = runCase(target, testCase);
        const second = runCase(target, testCase);
        expect(second.outcome).toBe(first.outcome);
        if (first.outcome === 'synthesized') {
          expect(JSON.stringify(second.template)).toBe(JSON.stringify(first.template));
        } else {
          expect(String(second.error)).toBe(String(first.error));
        }
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
