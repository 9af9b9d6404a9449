/**
 * The benchmark app (bench/) must build the same resources in all three variants, or its
 * comparison would not be fair. No timing here: timings live in bench/results.json.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkVariants, synthTemplate, countByType } = require('../../bench/check');

describe('benchmark app', () => {
  test('one unit gives the same resources with this library, the stable L2 and L1 resources', () => {
    // GIVEN / WHEN
    const report = checkVariants(1, ['ours', 'peer', 'floor']);

    // THEN
    expect(report.problems).toEqual([]);
    expect(report.resourceCounts.peer).toBe(report.resourceCounts.ours);
    expect(report.resourceCounts.floor).toBe(report.resourceCounts.ours);
  });

  test('a unit adds the same resources per type in every variant', () => {
    // GIVEN
    const perUnit = (variant: string) => {
      const one = countByType(synthTemplate(variant, 1));
      const two = countByType(synthTemplate(variant, 2));
      return Object.fromEntries(Object.keys(two).map((t) => [t, two[t] - (one[t] ?? 0)]).filter(([, d]) => d !== 0));
    };

    // WHEN
    const ours = perUnit('ours');

    // THEN
    expect(ours).toEqual({
      'AWS::Batch::ComputeEnvironment': 2,
      'AWS::Batch::JobDefinition': 3,
      'AWS::Batch::JobQueue': 1,
      'AWS::Batch::SchedulingPolicy': 1,
      'AWS::EC2::SecurityGroup': 2,
      'AWS::IAM::InstanceProfile': 1,
      'AWS::IAM::Policy': 2,
      'AWS::IAM::Role': 3,
    });
    expect(perUnit('floor')).toEqual(ours);
  });
});
