/**
 * Jest `globalSetup` / `globalTeardown`: one temp folder per test run, removed at the end.
 *
 * Every `App` without an `outdir` synthesizes into a fresh folder of `os.tmpdir()`, and so do the fuzz and
 * determinism tests and the processes they start. Pointing `TMPDIR` at one folder of the run (inherited by the
 * jest workers and their child processes) keeps all of them in it, and the teardown removes it whole.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const VARIABLE = 'BATCH_TEST_TMPDIR';

export function setup(): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-alpha-test-'));
  process.env[VARIABLE] = root;
  process.env.TMPDIR = root;
}

export function teardown(): void {
  const root = process.env[VARIABLE];
  if (root !== undefined) {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
