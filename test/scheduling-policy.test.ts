import { CfnOutput, CfnParameter, Duration, Lazy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { FairshareSchedulingPolicy } from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { warningRules, warningsOf } from './util/warnings';

describe('FairshareSchedulingPolicy', () => {
  test('renders an empty policy with an empty share distribution, as upstream does', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new FairshareSchedulingPolicy(stack, 'Policy');

    // THEN
    Template.fromStack(stack).templateMatches({
      Resources: {
        Policy23B91518: {
          Type: 'AWS::Batch::SchedulingPolicy',
          Properties: { FairsharePolicy: { ShareDistribution: [] } },
        },
      },
    });
  });

  test('renders every prop', () => {
    const stack = newStack();

    new FairshareSchedulingPolicy(stack, 'Policy', {
      schedulingPolicyName: 'my-policy',
      computeReservation: 75,
      shareDecay: Duration.hours(1),
      shares: [{ shareIdentifier: 'teamA', weightFactor: 0.5 }],
    });

    Template.fromStack(stack).hasResourceProperties('AWS::Batch::SchedulingPolicy', {
      Name: 'my-policy',
      FairsharePolicy: {
        ComputeReservation: 75,
        ShareDecaySeconds: 3600,
        ShareDistribution: [{ ShareIdentifier: 'teamA', WeightFactor: 0.5 }],
      },
    });
  });

  test('addShare() after construction adds to the rendered shares and to the shares property', () => {
    const stack = newStack();
    const policy = new FairshareSchedulingPolicy(stack, 'Policy', {
      shares: [{ shareIdentifier: 'a', weightFactor: 1 }],
    });

    policy.addShare({ shareIdentifier: 'b*', weightFactor: 2 });

    expect(policy.shares.map((s) => s.shareIdentifier)).toEqual(['a', 'b*']);
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::SchedulingPolicy', {
      FairsharePolicy: {
        ShareDistribution: [
          { ShareIdentifier: 'a', WeightFactor: 1 },
          { ShareIdentifier: 'b*', WeightFactor: 2 },
        ],
      },
    });
  });

  test('the shares property is a copy: mutating it changes nothing', () => {
    const stack = newStack();
    const policy = new FairshareSchedulingPolicy(stack, 'Policy');

    policy.shares.push({ shareIdentifier: 'x', weightFactor: 1 });

    expect(policy.shares).toEqual([]);
  });

  test('the ARN is the Arn attribute and the name is split from it, not taken from Ref (which is the ARN)', () => {
    const stack = newStack();
    const policy = new FairshareSchedulingPolicy(stack, 'Policy');

    new CfnOutput(stack, 'Arn', { value: policy.schedulingPolicyArn });
    new CfnOutput(stack, 'Name', { value: policy.schedulingPolicyName });

    const outputs = Template.fromStack(stack).toJSON().Outputs;
    expect(outputs.Arn.Value).toEqual({ 'Fn::GetAtt': ['Policy23B91518', 'Arn'] });
    expect(outputs.Name.Value).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Policy23B91518', 'Arn'] }] }] }] }],
    });
  });

  test('fromFairshareSchedulingPolicyArn() parses the name and the environment', () => {
    const stack = newStack();

    const policy = FairshareSchedulingPolicy.fromFairshareSchedulingPolicyArn(stack, 'Imported',
      'arn:aws:batch:eu-west-1:123456789012:scheduling-policy/my-policy');

    expect(policy.schedulingPolicyName).toEqual('my-policy');
    expect(policy.schedulingPolicyArn).toEqual('arn:aws:batch:eu-west-1:123456789012:scheduling-policy/my-policy');
    expect(policy.env.region).toEqual('eu-west-1');
    expect(policy.env.account).toEqual('123456789012');
    expect(policy.shares).toEqual([]);
  });

  describe('validation at construction', () => {
    test.each([
      [{ computeReservation: -1 }, /computeReservation must be a whole number between 0 and 99, got -1/],
      [{ computeReservation: 100 }, /computeReservation must be a whole number between 0 and 99, got 100/],
      [{ computeReservation: 1.5 }, /computeReservation must be a whole number between 0 and 99, got 1.5/],
      [{ shareDecay: Duration.days(8) }, /shareDecay must be a whole number of seconds between 0 and 604800, got 8 days/],
      [{ shareDecay: Duration.millis(1500) }, /shareDecay must be a whole number of seconds between 0 and 604800/],
      [{ schedulingPolicyName: 'has space' }, /schedulingPolicyName must be 1 to 128 characters of letters, digits, hyphens and underscores, got 'has space'/],
      [{ schedulingPolicyName: 'x'.repeat(129) }, /schedulingPolicyName must be 1 to 128 characters/],
      [{ schedulingPolicyName: '' }, /schedulingPolicyName must be 1 to 128 characters/],
    ])('%p is rejected', (props, message) => {
      const stack = newStack();
      expectValidationError(() => new FairshareSchedulingPolicy(stack, 'Policy', props), message);
    });

    test('errors name the construct path', () => {
      const stack = newStack();
      expectValidationError(() => new FairshareSchedulingPolicy(stack, 'Policy', { computeReservation: 100 }),
        /^FairshareSchedulingPolicy 'Stack\/Policy': computeReservation/);
    });

    test('all problems are reported at once', () => {
      const stack = newStack();
      expectValidationError(() => new FairshareSchedulingPolicy(stack, 'Policy', { computeReservation: 100, shareDecay: Duration.days(30) }),
        /computeReservation[\s\S]*\n[\s\S]*shareDecay/);
    });

    test('the limits themselves are accepted', () => {
      const stack = newStack();
      new FairshareSchedulingPolicy(stack, 'Low', { computeReservation: 0, shareDecay: Duration.seconds(0), schedulingPolicyName: 'a' });
      new FairshareSchedulingPolicy(stack, 'High', { computeReservation: 99, shareDecay: Duration.days(7), schedulingPolicyName: 'x'.repeat(128) });
      Template.fromStack(stack).resourceCountIs('AWS::Batch::SchedulingPolicy', 2);
    });

    test('unresolved tokens are not validated', () => {
      const stack = newStack();
      const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
      const s = new CfnParameter(stack, 'S').valueAsString;

      new FairshareSchedulingPolicy(stack, 'Policy', {
        computeReservation: n,
        shareDecay: Duration.seconds(n),
        schedulingPolicyName: s,
        shares: [{ shareIdentifier: s, weightFactor: n }, { shareIdentifier: Lazy.string({ produce: () => 'late' }), weightFactor: 1 }],
      });

      Template.fromStack(stack).hasResourceProperties('AWS::Batch::SchedulingPolicy', {
        Name: { Ref: 'S' },
        FairsharePolicy: { ComputeReservation: { Ref: 'N' }, ShareDecaySeconds: { Ref: 'N' } },
      });
    });
  });

  describe('share validation at synthesis (shares can be added later)', () => {
    test.each([
      [[{ shareIdentifier: 'a', weightFactor: 0 }], /shares\[0\]\.weightFactor must be between 0.0001 and 999.9999, got 0/],
      [[{ shareIdentifier: 'a', weightFactor: 1000 }], /shares\[0\]\.weightFactor must be between 0.0001 and 999.9999, got 1000/],
      [[{ shareIdentifier: 'a.b', weightFactor: 1 }],
        /shares\[0\]\.shareIdentifier must be 1 to 255 letters, digits, hyphens and underscores, optionally followed by '\*', got 'a.b'$/m],
      [[{ shareIdentifier: '', weightFactor: 1 }], /shares\[0\]\.shareIdentifier must be 1 to 255 letters, digits, hyphens and underscores, optionally followed by '\*', got ''$/m],
      [[{ shareIdentifier: 'a*b', weightFactor: 1 }], /shares\[0\]\.shareIdentifier must be 1 to 255 letters, digits, hyphens and underscores/],
      [[{ shareIdentifier: 'a'.repeat(256), weightFactor: 1 }], /shares\[0\]\.shareIdentifier must be 1 to 255/],
      [[{ shareIdentifier: 'a**', weightFactor: 1 }], /shares\[0\]\.shareIdentifier must be/],
      [[{ shareIdentifier: 'a', weightFactor: 1 }, { shareIdentifier: 'a', weightFactor: 2 }], /shares\[1\]\.shareIdentifier 'a' overlaps share identifier 'a'/],
      [[{ shareIdentifier: 'team*', weightFactor: 1 }, { shareIdentifier: 'teamA', weightFactor: 2 }], /shares\[1\]\.shareIdentifier 'teamA' overlaps share identifier 'team\*'/],
      [[{ shareIdentifier: 'teamA', weightFactor: 1 }, { shareIdentifier: 'team*', weightFactor: 2 }], /shares\[1\]\.shareIdentifier 'team\*' overlaps share identifier 'teamA'/],
      [[{ shareIdentifier: 'te*', weightFactor: 1 }, { shareIdentifier: 'team*', weightFactor: 2 }], /overlaps/],
      [[{ shareIdentifier: '*', weightFactor: 1 }, { shareIdentifier: 'team', weightFactor: 2 }], /shares\[1\]\.shareIdentifier 'team' overlaps share identifier '\*'/],
    ])('%j is rejected', (shares, message) => {
      const stack = newStack();
      new FairshareSchedulingPolicy(stack, 'Policy', { shares });
      expectSynthError(stack, message);
    });

    test('more than 500 shares pass with a warning, also when added later (the limit is of active identifiers in a queue)', () => {
      // GIVEN
      const stack = newStack();
      const policy = new FairshareSchedulingPolicy(stack, 'Policy');

      // WHEN
      for (let i = 0; i < 501; i++) {
        policy.addShare({ shareIdentifier: `s${i}x`, weightFactor: 1 });
      }

      // THEN
      expect(Template.fromStack(stack).toJSON().Resources.Policy23B91518.Properties.FairsharePolicy.ShareDistribution).toHaveLength(501);
      expect(warningsOf(stack)).toEqual([{
        path: '/Stack/Policy',
        id: '@aws-cdk/aws-batch-alpha:sharesAboveActiveLimit',
        message: 'shares holds 501 shares; a job queue takes at most 500 active share identifiers, and jobs that would add one more are rejected when submitted',
      }]);
    });

    test.each([
      ['a hyphen, as in the User Guide', 'UserA-1'],
      ['an underscore', 'team_a'],
      ['a hyphen before the star', 'team-*'],
    ])('a share identifier with %s passes with a warning', (_name, shareIdentifier) => {
      const stack = newStack();
      new FairshareSchedulingPolicy(stack, 'Policy', { shares: [{ shareIdentifier, weightFactor: 1 }] });
      expect(Template.fromStack(stack).toJSON().Resources.Policy23B91518.Properties.FairsharePolicy.ShareDistribution)
        .toEqual([{ ShareIdentifier: shareIdentifier, WeightFactor: 1 }]);
      expect(warningsOf(stack)).toEqual([{
        path: '/Stack/Policy',
        id: '@aws-cdk/aws-batch-alpha:shareIdentifierCharacters',
        message: `shares[0].shareIdentifier '${shareIdentifier}' has a hyphen or underscore: the Batch API reference allows only letters and digits, `
          + 'its User Guide uses hyphenated identifiers; check that Batch accepts it',
      }]);
    });

    test.each(['*', 'teamA', 'team*', 'a'.repeat(255), `${'a'.repeat(255)}*`])('share identifier %s passes silently', (shareIdentifier) => {
      const stack = newStack();
      new FairshareSchedulingPolicy(stack, 'Policy', { shares: [{ shareIdentifier, weightFactor: 1 }] });
      expect(warningRules(stack)).toEqual([]);
    });

    test('500 distinct shares are accepted', () => {
      const stack = newStack();
      const policy = new FairshareSchedulingPolicy(stack, 'Policy');
      for (let i = 0; i < 500; i++) {
        policy.addShare({ shareIdentifier: `s${i}x`, weightFactor: 1 });
      }
      const shares = Template.fromStack(stack).toJSON().Resources.Policy23B91518.Properties.FairsharePolicy.ShareDistribution;
      expect(shares).toHaveLength(500);
    });

    test('a share added after construction is validated too', () => {
      const stack = newStack();
      const policy = new FairshareSchedulingPolicy(stack, 'Policy');
      policy.addShare({ shareIdentifier: 'ok', weightFactor: -1 });
      expectSynthError(stack, /FairshareSchedulingPolicy 'Stack\/Policy': shares\[0\]\.weightFactor must be between/);
    });

    test('weight factors inside the range always synthesize; outside always fail (property-based)', () => {
      fc.assert(fc.property(fc.double({ noNaN: true, min: -2000, max: 2000 }), (weightFactor) => {
        const stack = newStack();
        new FairshareSchedulingPolicy(stack, 'Policy', { shares: [{ shareIdentifier: 'a', weightFactor }] });
        const valid = weightFactor >= 0.0001 && weightFactor <= 999.9999;
        if (valid) {
          expect(() => Template.fromStack(stack)).not.toThrow();
        } else {
          expectSynthError(stack, /weightFactor must be between 0.0001 and 999.9999/);
        }
      }), { numRuns: 60 });
    });

    test('computeReservation: integers 0..99 pass, anything else fails (property-based)', () => {
      fc.assert(fc.property(fc.integer({ min: -500, max: 500 }), (computeReservation) => {
        const stack = newStack();
        const create = () => new FairshareSchedulingPolicy(stack, 'Policy', { computeReservation });
        if (computeReservation >= 0 && computeReservation <= 99) {
          expect(create().computeReservation).toEqual(computeReservation);
        } else {
          expectValidationError(create, /computeReservation must be a whole number between 0 and 99/);
        }
      }), { numRuns: 60 });
    });
  });
});
