/**
 * Regression tests for crashes the fuzzer found: each case used to fail with an error from
 * inside aws-cdk-lib (or a plain Error) and now fails with this library's ValidationError.
 */
import { CfnParameter, Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FairshareSchedulingPolicy, JobQueue } from '../../lib';
import { expectValidationError, newStack } from '../util';
import { FakeComputeEnvironment } from '../util/fake-compute-environment';

const MALFORMED_ARNS = ['', '/', 'abc', 'arn:aws:batch', 'arn:aws:batch:us-east-1:123456789012:job-queue', 'arn:aws:batch:us-east-1:123456789012:job-queue/'];

describe('imports reject malformed ARNs with a ValidationError (was: ArnsMustStartWithArn from aws-cdk-lib)', () => {
  test.each(MALFORMED_ARNS)('JobQueue.fromJobQueueArn(%j)', (arn) => {
    const stack = newStack();
    expectValidationError(
      () => JobQueue.fromJobQueueArn(stack, 'Imported', arn),
      /^JobQueue 'Stack\/Imported': jobQueueArn must be an ARN of the form arn:<partition>:<service>:<region>:<account>:<resource-type>\/<name>, got '.*'$/,
    );
  });

  test.each(MALFORMED_ARNS)('FairshareSchedulingPolicy.fromFairshareSchedulingPolicyArn(%j)', (arn) => {
    const stack = newStack();
    expectValidationError(
      () => FairshareSchedulingPolicy.fromFairshareSchedulingPolicyArn(stack, 'Imported', arn),
      /^FairshareSchedulingPolicy 'Stack\/Imported': fairshareSchedulingPolicyArn must be an ARN of the form .*, got '.*'$/,
    );
  });

  test('well-formed and unresolved ARNs still import', () => {
    const stack = newStack();
    const queue = JobQueue.fromJobQueueArn(stack, 'Q', 'arn:aws:batch:us-east-1:123456789012:job-queue/my-queue');
    const policy = FairshareSchedulingPolicy.fromFairshareSchedulingPolicyArn(stack, 'P', new CfnParameter(stack, 'Arn').valueAsString);
    expect(queue.jobQueueName).toBe('my-queue');
    expect(stack.resolve(policy.schedulingPolicyName)).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'Arn' }] }] }] }],
    });
  });
});

test('adding a compute environment to an imported job queue throws a ValidationError (was: a plain Error)', () => {
  const stack = newStack();
  const queue = JobQueue.fromJobQueueArn(stack, 'Imported', 'arn:aws:batch:us-east-1:123456789012:job-queue/q');
  expectValidationError(() => queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'Ce'), 1), /^JobQueue 'Stack\/Imported': cannot add a compute environment/);
});

describe('unresolved durations in a unit the template cannot take are rejected (was: MustBeDurationSpecifiedDuration from aws-cdk-lib)', () => {
  test.each(['millis', 'minutes', 'hours', 'days'] as const)('FairshareSchedulingPolicy shareDecay: Duration.%s(token)', (unit) => {
    const stack = newStack();
    const token = new CfnParameter(stack, 'Decay', { type: 'Number' }).valueAsNumber;
    expectValidationError(
      () => new FairshareSchedulingPolicy(stack, 'Policy', { shareDecay: Duration[unit](token) }),
      new RegExp(`^FairshareSchedulingPolicy 'Stack/Policy': shareDecay must be created with Duration.seconds\\(\\) when its value is unresolved, got Duration.${unit}\\(<token>\\)$`),
    );
  });

  test('FairshareSchedulingPolicy shareDecay: Duration.seconds(token) renders the token', () => {
    const stack = newStack();
    new FairshareSchedulingPolicy(stack, 'Policy', { shareDecay: Duration.seconds(new CfnParameter(stack, 'Seconds', { type: 'Number' }).valueAsNumber) });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::SchedulingPolicy', {
      FairsharePolicy: { ShareDecaySeconds: { Ref: 'Seconds' } },
    });
  });
});
