import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundledValidator, satisfies, summaryLine, validateTemplates } from './cfn-validate';

describe('validating the kept templates with @aws/cloudformation-validate', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-validate-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, resources: object): void {
    fs.writeFileSync(path.join(dir, name), JSON.stringify({ Resources: resources }));
  }

  const queue = { Type: 'AWS::Batch::JobQueue', Properties: { Priority: 1, ComputeEnvironmentOrder: [{ Order: 1, ComputeEnvironment: 'arn:aws:batch:us-east-1:123456789012:compute-environment/ce' }] } };

  test('uses the validator aws-cdk-lib bundles, in the version range it declares', () => {
    const validator = bundledValidator();
    expect(validator.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(fs.existsSync(path.join(validator.dir, 'index.js'))).toBe(true);
  });

  test.each<[string, string, boolean]>([
    ['1.14.0', '1.14.0', true],
    ['1.14.1', '1.14.0', false],
    ['1.17.1', '~1.17.0', true],
    ['1.17.0', '~1.17.1', false],
    ['1.18.0', '~1.17.0', false],
    ['1.18.0', '^1.17.0', true],
    ['1.17.0', '^1.17.2', false],
    ['2.0.0', '^1.17.0', false],
    ['1.17.1', '>=1.0.0', false],
    ['1.17.1-beta', '~1.17.0', false],
  ])('version %s is in %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  test('a valid template has no error, an invalid one names the template, the rule, the resource and the property', () => {
    // GIVEN
    write('valid-queue.json', { Queue: queue });
    write('job-queue-abc.json', { Queue: { ...queue, Properties: { ...queue.Properties, Priority: 'high', Bogus: 1 } } });

    // WHEN
    const summary = validateTemplates(dir);

    // THEN
    expect(summary.templates).toBe(2);
    expect(summary.errors.length).toBeGreaterThanOrEqual(2);
    expect(summary.errors.every((e) => e.startsWith('job-queue-abc.json: '))).toBe(true);
    expect(summary.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^job-queue-abc\.json: [EF]\d+ Queue .*Bogus/)]));
    expect(summaryLine(summary)).toMatch(new RegExp(`^cloudformation-validate ${summary.validatorVersion.replace(/\./g, '\\.')}: 2 templates, \\d+ errors, \\d+ warnings$`));
  });

  test('an empty folder is zero templates, not an error', () => {
    expect(validateTemplates(dir)).toMatchObject({ templates: 0, errors: [] });
    expect(validateTemplates(path.join(dir, 'missing'))).toMatchObject({ templates: 0, errors: [] });
  });
});
