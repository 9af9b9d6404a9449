/**
 * Every type and member of the upstream 2.95.1 API (listed in test/fixtures/api-2.95.1.json) is in the built
 * assembly, with the same types, parameters and optionality: `scripts/api-coverage.js` finds no difference.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from './util/assembly';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'api-coverage.js');
const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: os.tmpdir(), encoding: 'utf8' });

test('the assembly covers the whole 2.95.1 API', () => {
  const result = run();
  expect(result.stdout.trim().split('\n').pop()).toMatch(/^api coverage: 81\/81 types, (\d+)\/\1 members, 0 differences$/);
  expect(result.status).toBe(0);
});

test('a type or member the assembly lacks is reported', () => {
  // GIVEN a spec that asks for one more type and one more member
  const spec = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'api-2.95.1.json'), 'utf8'));
  spec.NoSuchType = { kind: 'class', properties: {}, methods: {} };
  spec.JobQueue.properties.noSuchProperty = { type: 'string', optional: true };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-coverage-'));
  try {
    const file = path.join(dir, 'spec.json');
    fs.writeFileSync(file, JSON.stringify(spec));
    // WHEN
    const result = run('--spec', file);
    // THEN
    expect(result.stdout).toMatch(/^missing class NoSuchType$/m);
    expect(result.stdout).toMatch(/^JobQueue\.noSuchProperty: missing property \(string, optional\)$/m);
    expect(result.status).toBe(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an optional parameter added after the upstream ones passes; a changed parameter list is reported', () => {
  // GIVEN a spec in which grantSubmitJob() takes only the identity (the assembly adds queue and options)
  const spec = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'api-2.95.1.json'), 'utf8'));
  spec.EcsJobDefinition.methods.grantSubmitJob.params = spec.EcsJobDefinition.methods.grantSubmitJob.params.slice(0, 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-coverage-'));
  try {
    const file = path.join(dir, 'spec.json');
    fs.writeFileSync(file, JSON.stringify(spec));
    // WHEN
    const result = run('--spec', file);
    // THEN the required queue parameter is a difference; the optional options parameter alone would not be
    expect(result.stdout).toMatch(/^EcsJobDefinition\.grantSubmitJob\(\): parameters \(identity:[^,]+, queue:IJobQueue, options:GrantSubmitJobOptions\?\), expected \(identity:[^,)]+\)$/m);
    expect(result.stdout.trim().split('\n').pop()).toMatch(/, 1 differences$/);
    expect(result.status).toBe(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
