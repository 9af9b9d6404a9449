/**
 * An app written against upstream ports by changing only the dependency: jsii-diff, run over the
 * published upstream alpha (2.91.0-alpha.0, the newest alpha on npm) and this library's assembly,
 * finds no change that would break it, in any jsii language.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { loadAssembly, REPO_ROOT } from './util/assembly';

const UPSTREAM = path.join(REPO_ROOT, 'node_modules', 'upstream-batch-alpha');

/** Runs jsii-diff from `from` (the old API) to `to` (the new one); its exit code and report. */
function jsiiDiff(from: string, to: string): { status: number | null; report: string } {
  const bin = path.join(REPO_ROOT, 'node_modules', '.bin', 'jsii-diff');
  const result = spawnSync(bin, ['--error-on=all', '--keys', from, to], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
  });
  return { status: result.status, report: `${result.stdout}${result.stderr}` };
}

describe('API compatibility with upstream', () => {
  beforeAll(() => {
    loadAssembly(); // fails with a clear message when the library was not built
  });

  test('nothing of the upstream API is removed or changed incompatibly', () => {
    const { status, report } = jsiiDiff(UPSTREAM, '.');
    const errors = report.split('\n').filter((line) => line.startsWith('err'));
    expect(errors).toEqual([]);
    expect(status).toBe(0);
  }, 60_000);

  test('the check notices a removal: seen from this library, upstream lacks its additions', () => {
    // EksJobDefinition.grantSubmitJob (DEVIATIONS.md, K10) and Reason's getters (E14) are additions
    // of this library: the reverse comparison reports both as removed.
    const { status, report } = jsiiDiff('.', UPSTREAM);
    expect(status).not.toBe(0);
    expect(report).toContain('[removed:@aws-cdk/aws-batch-alpha.EksJobDefinition.grantSubmitJob]');
    expect(report).toContain('[removed:@aws-cdk/aws-batch-alpha.Reason.onExitCode]');
  }, 60_000);
});
