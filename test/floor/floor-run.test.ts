/**
 * The outcome of the run of the tests on aws-cdk-lib 2.95.1 (test/floor/global-setup.ts): it loaded
 * that release, passed, skipped nothing, and recorded templates for the comparison.
 */
import * as fs from 'fs';
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver = require('semver');
import type { FileRecords } from './pair-templates';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const excluded: Record<string, string> = JSON.parse(fs.readFileSync(path.join(__dirname, 'excluded-suites.json'), 'utf8'));
const listedSkips: Array<{ file: string; test: string; reason: string }> = JSON.parse(fs.readFileSync(path.join(__dirname, 'skipped-tests.json'), 'utf8'));
const dir = process.env.BATCH_FLOOR_DIR;
const relative = (file: string) => path.relative(ROOT, file).replace(/\\/g, '/');

function floorRun(): { results: any; records: FileRecords[] } {
  if (dir === undefined) {
    throw new Error('the tests did not run on aws-cdk-lib 2.95.1: BATCH_FLOOR=off, or jest ran without test/floor/global-setup.ts');
  }
  const resultsFile = path.join(dir, 'results.json');
  if (!fs.existsSync(resultsFile)) {
    throw new Error(`the run on aws-cdk-lib 2.95.1 wrote no results (see ${path.join(dir, 'floor.log')})`);
  }
  const recordDir = path.join(dir, 'templates');
  const records = fs.existsSync(recordDir)
    ? fs.readdirSync(recordDir).map((f) => JSON.parse(fs.readFileSync(path.join(recordDir, f), 'utf8')) as FileRecords)
    : [];
  return { results: JSON.parse(fs.readFileSync(resultsFile, 'utf8')), records };
}

describe('the floor of the peer range', () => {
  test('is the aws-cdk-lib the floor run installs', () => {
    expect(pkg.devDependencies['aws-cdk-lib-floor']).toBe(`npm:aws-cdk-lib@${semver.minVersion(pkg.peerDependencies['aws-cdk-lib'])}`);
    expect(pkg.peerDependencies).toEqual({ 'aws-cdk-lib': '^2.95.1', 'constructs': '^10.0.0' });
  });

  test('every listed skip has a reason', () => {
    expect(listedSkips.filter((t) => !(t.file && t.test && t.reason))).toEqual([]);
  });

  test('every excluded suite names existing test files', () => {
    const files = listTests(path.join(ROOT, 'test')).map((f) => f.replace(/\\/g, '/'));
    for (const pattern of Object.keys(excluded)) {
      expect([pattern, files.some((f) => new RegExp(pattern).test(f))]).toEqual([pattern, true]);
    }
  });
});

describe('the run on aws-cdk-lib 2.95.1', () => {
  test('loaded aws-cdk-lib 2.95.1 in every test file', () => {
    const { records } = floorRun();
    expect(new Set(records.map((r) => r.awsCdkLibVersion))).toEqual(new Set(records.length > 0 ? ['2.95.1'] : []));
  });

  test('passed, skipping only the tests skipped-tests.json lists', () => {
    const { results } = floorRun();
    const skipped = new Set(listedSkips.map((t) => `${t.file} › ${t.test}`));
    const failed = (results.testResults as any[]).flatMap((file) => [
      ...(file.assertionResults as any[])
        .filter((t) => t.status !== 'passed' && !(t.status === 'pending' && skipped.has(`${relative(file.name)} › ${t.title}`)))
        .map((t) => `${relative(file.name)} › ${t.fullName}: ${t.status}`),
      ...(file.status === 'failed' && file.message && file.assertionResults.every((t: any) => t.status !== 'failed') ? [`${relative(file.name)}: ${file.message.slice(0, 2000)}`] : []),
    ]);
    expect(failed).toEqual([]);
    expect(results.numRuntimeErrorTestSuites).toBe(0);
    // every listed test that ran was skipped, so a renamed test cannot leave a stale entry
    const ran = new Set((results.testResults as any[]).map((file) => relative(file.name)));
    const pending = new Set((results.testResults as any[]).flatMap((file) => (file.assertionResults as any[])
      .filter((t) => t.status === 'pending').map((t) => `${relative(file.name)} › ${t.title}`)));
    expect([...skipped].filter((s) => ran.has(s.split(' › ')[0]) && !pending.has(s))).toEqual([]);
  });
});

function listTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      return e.name === 'node_modules' ? [] : listTests(p);
    }
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}
