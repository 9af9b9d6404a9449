/**
 * The cost measurement of `npm run bench` (bench/cost-one.js) counts what it says it counts: the calls of
 * the variant's own module apart from those into aws-cdk-lib, and a live heap that grows with the units.
 * No timing here, and no comparison of the variants: those are in bench/results.json.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { REPO_ROOT } from '../util/assembly';

function cost(variant: string, n: number, what: string): any {
  const out = execFileSync(process.execPath, ['--expose-gc', path.join(REPO_ROOT, 'bench', 'cost-one.js'), variant, String(n), what], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    // this library from lib/, as built by `npm run build`
    env: { ...process.env, BENCH_LIB: path.join(REPO_ROOT, 'lib') },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('bench/cost-one.js', () => {
  test('counts this library\'s calls apart from the calls into aws-cdk-lib; the L1 floor has no module of its own', () => {
    const ours = cost('ours', 2, 'calls');
    const floor = cost('floor', 2, 'calls');
    expect(ours.ownCallsPerUnit).toBeGreaterThan(100);
    expect(ours.libraryCallsPerUnit).toBeGreaterThan(1000);
    expect(floor.ownCallsPerUnit).toBe(0);
    expect(floor.libraryCallsPerUnit).toBeGreaterThan(1000);
    // an L2 unit calls into aws-cdk-lib more than the same resources written as L1s
    expect(ours.libraryCallsPerUnit).toBeGreaterThan(floor.libraryCallsPerUnit);
  });

  test('measures the live heap after construction and after synthesis', () => {
    const live = cost('ours', 2, 'live');
    expect(live.liveKiBPerUnitAfterConstruct).toBeGreaterThan(10);
    expect(live.liveKiBPerUnitAfterSynth).toBeGreaterThan(live.liveKiBPerUnitAfterConstruct);
  });

  test('refuses a measurement it does not know', () => {
    expect(() => execFileSync(process.execPath, ['--expose-gc', path.join(REPO_ROOT, 'bench', 'cost-one.js'), 'ours', '2', 'time'], {
      cwd: REPO_ROOT, stdio: 'pipe',
    })).toThrow(/usage: node --expose-gc bench\/cost-one.js/);
  });
});
