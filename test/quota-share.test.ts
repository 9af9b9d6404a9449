import { CfnParameter, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import {
  CapacityLimit, FairshareSchedulingPolicy, IdleResourceAssignmentStrategy, JobQueue, QuotaShare, QuotaShareSchedulingPolicy,
  ResourceSharing, ServiceEnvironment,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { FakeComputeEnvironment } from './util/fake-compute-environment';

const SE_ARN = 'arn:aws:batch:us-east-1:123456789012:service-environment/training';
const SHARE_ARN = 'arn:aws:batch:us-east-1:123456789012:job-queue/training/quota-share/team_a';

/** A quota-management queue: SAGEMAKER_TRAINING, with a quota-share scheduling policy. */
function quotaQueue(stack: Stack): JobQueue {
  return new JobQueue(stack, 'Queue', {
    serviceEnvironments: [{ serviceEnvironment: ServiceEnvironment.fromServiceEnvironmentArn(stack, 'Env', SE_ARN), order: 1 }],
    schedulingPolicy: new QuotaShareSchedulingPolicy(stack, 'Policy'),
  });
}

describe('QuotaShareSchedulingPolicy', () => {
  test('renders the quota-share policy with FIFO by default', () => {
    const stack = newStack();
    const policy = new QuotaShareSchedulingPolicy(stack, 'Policy');
    expect(policy.idleResourceAssignmentStrategy).toEqual(IdleResourceAssignmentStrategy.FIFO);
    const template = Template.fromStack(stack).toJSON();
    expect(Object.values(template.Resources)).toEqual([{
      Type: 'AWS::Batch::SchedulingPolicy',
      Properties: { QuotaSharePolicy: { IdleResourceAssignmentStrategy: 'FIFO' } },
    }]);
  });

  test('renders a name', () => {
    const stack = newStack();
    new QuotaShareSchedulingPolicy(stack, 'Policy', {
      schedulingPolicyName: 'quota_policy',
      idleResourceAssignmentStrategy: IdleResourceAssignmentStrategy.FIFO,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::SchedulingPolicy', {
      Name: 'quota_policy',
      QuotaSharePolicy: { IdleResourceAssignmentStrategy: 'FIFO' },
    });
  });

  test('rejects a bad name', () => {
    const stack = newStack();
    expectValidationError(() => new QuotaShareSchedulingPolicy(stack, 'Policy', { schedulingPolicyName: 'no spaces' }),
      /QuotaShareSchedulingPolicy 'Stack\/Policy': schedulingPolicyName must be 1 to 128 characters/);
  });

  test('fromQuotaShareSchedulingPolicyArn() parses the name and is recognized', () => {
    const stack = newStack();
    const policy = QuotaShareSchedulingPolicy.fromQuotaShareSchedulingPolicyArn(stack, 'Imported',
      'arn:aws:batch:us-east-1:123456789012:scheduling-policy/quota');
    expect(policy.schedulingPolicyName).toEqual('quota');
    expect(QuotaShareSchedulingPolicy.isQuotaShareSchedulingPolicy(policy)).toBe(true);
    expect(QuotaShareSchedulingPolicy.isQuotaShareSchedulingPolicy(new FairshareSchedulingPolicy(stack, 'Fair'))).toBe(false);
  });

  test('on a queue of compute environments it is a warning', () => {
    const stack = newStack();
    new JobQueue(stack, 'Queue', {
      computeEnvironments: [{ computeEnvironment: new FakeComputeEnvironment(stack, 'CE'), order: 1 }],
      schedulingPolicy: new QuotaShareSchedulingPolicy(stack, 'Policy'),
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Queue',
      'a QuotaShareSchedulingPolicy serves quota-management queues of type SAGEMAKER_TRAINING; this queue links compute environments [ack: @aws-cdk/aws-batch-alpha:quotaSharePolicyNeedsServiceQueue]');
  });
});

describe('ResourceSharing', () => {
  test.each([
    ['reserve()', ResourceSharing.reserve(), 'RESERVE', undefined],
    ['lend()', ResourceSharing.lend(), 'LEND', undefined],
    ['lendAndBorrow()', ResourceSharing.lendAndBorrow(), 'LEND_AND_BORROW', undefined],
    ['lendAndBorrow(200)', ResourceSharing.lendAndBorrow(200), 'LEND_AND_BORROW', 200],
  ])('%s', (_name, sharing, strategy, limit) => {
    expect(sharing.strategy).toEqual(strategy);
    expect(sharing.borrowLimit).toEqual(limit);
    expect(ResourceSharing.isResourceSharing(sharing)).toBe(true);
  });
});

describe('QuotaShare', () => {
  test('defaults: RESERVE, no in-share preemption, ENABLED, a generated name', () => {
    // GIVEN
    const stack = newStack();
    const queue = quotaQueue(stack);

    // WHEN
    const share = new QuotaShare(stack, 'Share', { jobQueue: queue, capacityLimits: [CapacityLimit.ofInstanceType('ml.m5.large', 4)] });

    // THEN
    expect(share.quotaShareName).toEqual('StackShare9ECFABEB');
    expect(share.inSharePreemption).toBe(false);
    expect(share.enabled).toBe(true);
    const resources = Template.fromStack(stack).findResources('AWS::Batch::QuotaShare');
    expect(Object.values(resources)).toEqual([{
      Type: 'AWS::Batch::QuotaShare',
      Properties: {
        QuotaShareName: 'StackShare9ECFABEB',
        JobQueue: { 'Fn::GetAtt': ['Queue4A7E3555', 'JobQueueArn'] },
        CapacityLimits: [{ CapacityUnit: 'ml.m5.large', MaxCapacity: 4 }],
        ResourceSharingConfiguration: { Strategy: 'RESERVE' },
        PreemptionConfiguration: { InSharePreemption: 'DISABLED' },
        State: 'ENABLED',
      },
    }]);
    expect(stack.resolve(share.quotaShareArn)).toEqual({ 'Fn::GetAtt': [Object.keys(resources)[0], 'QuotaShareArn'] });
  });

  test('renders every prop, tags from Tags.of(), and limits added later', () => {
    const stack = newStack();
    const share = new QuotaShare(stack, 'Share', {
      jobQueue: quotaQueue(stack),
      capacityLimits: [CapacityLimit.ofInstanceType('ml.m5.large', 4)],
      resourceSharing: ResourceSharing.lendAndBorrow(150),
      inSharePreemption: true,
      quotaShareName: 'team_a',
      enabled: false,
      tags: { team: 'a' },
    });
    share.addCapacityLimit(CapacityLimit.ofInstanceType('ml.g5.xlarge', 2));
    share.capacityLimits.pop();
    Tags.of(stack).add('stage', 'prod');

    expect(share.capacityLimits).toHaveLength(2);
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::QuotaShare', {
      QuotaShareName: 'team_a',
      CapacityLimits: [{ CapacityUnit: 'ml.m5.large', MaxCapacity: 4 }, { CapacityUnit: 'ml.g5.xlarge', MaxCapacity: 2 }],
      ResourceSharingConfiguration: { Strategy: 'LEND_AND_BORROW', BorrowLimit: 150 },
      PreemptionConfiguration: { InSharePreemption: 'ENABLED' },
      State: 'DISABLED',
      Tags: { team: 'a', stage: 'prod' },
    });
  });

  test('fromQuotaShareArn() takes the name after quota-share/', () => {
    const stack = newStack();
    const share = QuotaShare.fromQuotaShareArn(stack, 'Imported', SHARE_ARN);
    expect(share.quotaShareName).toEqual('team_a');
    expect(share.env).toEqual({ account: '123456789012', region: 'us-east-1' });

    const token = new CfnParameter(stack, 'Arn').valueAsString;
    expect(stack.resolve(QuotaShare.fromQuotaShareArn(stack, 'Token', token).quotaShareName))
      .toEqual({ 'Fn::Select': [3, { 'Fn::Split': ['/', { Ref: 'Arn' }] }] });
  });

  test('fromQuotaShareArn() rejects a malformed ARN', () => {
    expectValidationError(() => QuotaShare.fromQuotaShareArn(newStack(), 'Imported', 'team_a'),
      /QuotaShare 'Stack\/Imported': quotaShareArn must be an ARN of the form/);
  });

  test.each([
    ['a bad name', { quotaShareName: 'a b' }, /quotaShareName must be 1 to 128 characters/],
    ['a borrow limit below -1', { resourceSharing: ResourceSharing.lendAndBorrow(-2) }, /resourceSharing\.borrowLimit must be a whole number at least -1, got -2/],
    ['a fractional borrow limit', { resourceSharing: ResourceSharing.lendAndBorrow(1.5) }, /resourceSharing\.borrowLimit must be a whole number at least -1, got 1\.5/],
  ])('%s is rejected at construction', (_name, props, pattern) => {
    const stack = newStack();
    expectValidationError(() => new QuotaShare(stack, 'Share', { jobQueue: quotaQueue(stack), ...props }), pattern);
  });

  test.each([
    ['no capacity limit', [], /QuotaShare 'Stack\/Share': capacityLimits must hold at least 1 capacity limit, got 0/],
    ['six capacity limits', [1, 2, 3, 4, 5, 6].map((n) => CapacityLimit.ofInstanceType(`ml.m5.${n}xlarge`, 1)),
      /capacityLimits must hold at most 5 capacity limits, got 6/],
    ['a maxCapacity of 0', [CapacityLimit.ofInstanceType('ml.m5.large', 0)], /capacityLimits\[0\]\.maxCapacity must be a whole number at least 1, got 0/],
  ])('%s fails synthesis', (_name, capacityLimits, pattern) => {
    const stack = newStack();
    new QuotaShare(stack, 'Share', { jobQueue: quotaQueue(stack), capacityLimits });
    expectSynthError(stack, pattern);
  });

  test('a queue of compute environments fails synthesis', () => {
    const stack = newStack();
    const queue = new JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: new FakeComputeEnvironment(stack, 'CE'), order: 1 }] });
    new QuotaShare(stack, 'Share', { jobQueue: queue, capacityLimits: [CapacityLimit.ofInstanceType('ml.m5.large', 1)] });
    expectSynthError(stack, /QuotaShare 'Stack\/Share': jobQueue must be a queue of type SAGEMAKER_TRAINING, got 'Stack\/Queue'/);
  });

  test.each([
    ['no scheduling policy', undefined, 'no scheduling policy'],
    ['a fair-share policy', (s: Stack) => new FairshareSchedulingPolicy(s, 'Fair'), 'another scheduling policy'],
  ])('a service queue with %s fails synthesis', (_name, policy, what) => {
    const stack = newStack();
    const queue = new JobQueue(stack, 'Queue', {
      serviceEnvironments: [{ serviceEnvironment: ServiceEnvironment.fromServiceEnvironmentArn(stack, 'Env', SE_ARN), order: 1 }],
      schedulingPolicy: policy?.(stack),
    });
    new QuotaShare(stack, 'Share', { jobQueue: queue, capacityLimits: [CapacityLimit.ofInstanceType('ml.m5.large', 1)] });
    expectSynthError(stack, new RegExp(`jobQueue must have a QuotaShareSchedulingPolicy, got 'Stack/Queue' with ${what}`));
  });

  test('an imported queue is not checked', () => {
    const stack = newStack();
    const queue = JobQueue.fromJobQueueArn(stack, 'Queue', 'arn:aws:batch:us-east-1:123456789012:job-queue/training');
    new QuotaShare(stack, 'Share', { jobQueue: queue, capacityLimits: [CapacityLimit.ofInstanceType('ml.m5.large', 1)] });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::QuotaShare', {
      JobQueue: 'arn:aws:batch:us-east-1:123456789012:job-queue/training',
    });
  });

  test('20 shares on one queue pass, the 21st fails synthesis', () => {
    const withShares = (count: number) => {
      const stack = newStack();
      const queue = quotaQueue(stack);
      for (let i = 0; i < count; i++) {
        new QuotaShare(stack, `Share${i}`, { jobQueue: queue, capacityLimits: [CapacityLimit.ofInstanceType('ml.m5.large', 1)] });
      }
      return stack;
    };
    expect(Object.keys(Template.fromStack(withShares(20)).findResources('AWS::Batch::QuotaShare'))).toHaveLength(20);
    expectSynthError(withShares(21), /QuotaShare 'Stack\/Share20': jobQueue 'Stack\/Queue' must have at most 20 quota shares, got 21/);
  });

  test('token limits, names and borrow limits pass', () => {
    const stack = newStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    const name = new CfnParameter(stack, 'Name').valueAsString;
    new QuotaShare(stack, 'Share', {
      jobQueue: quotaQueue(stack),
      quotaShareName: name,
      capacityLimits: [CapacityLimit.ofInstanceType('ml.m5.large', n)],
      resourceSharing: ResourceSharing.lendAndBorrow(n),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::QuotaShare', {
      QuotaShareName: { Ref: 'Name' },
      CapacityLimits: [{ CapacityUnit: 'ml.m5.large', MaxCapacity: { Ref: 'N' } }],
      ResourceSharingConfiguration: { Strategy: 'LEND_AND_BORROW', BorrowLimit: { Ref: 'N' } },
    });
  });
});
