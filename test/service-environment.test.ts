import { CfnParameter, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  CapacityLimit, FairshareSchedulingPolicy, JobQueue, JobQueueType, ServiceEnvironment, ServiceEnvironmentType,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { FakeComputeEnvironment } from './util/fake-compute-environment';

const SE_ARN = 'arn:aws:batch:us-east-1:123456789012:service-environment/training';

describe('CapacityLimit', () => {
  test.each([
    ['instances(10)', CapacityLimit.instances(10), 'NUM_INSTANCES', 10],
    ['ofInstanceType(ml.m5.large, 4)', CapacityLimit.ofInstanceType('ml.m5.large', 4), 'ml.m5.large', 4],
  ])('%s has unit %s and max %d', (_name, limit, unit, max) => {
    expect(limit.capacityUnit).toEqual(unit);
    expect(limit.maxCapacity).toEqual(max);
    expect(CapacityLimit.isCapacityLimit(limit)).toBe(true);
  });

  test.each([[{}], [null], [{ capacityUnit: 'NUM_INSTANCES', maxCapacity: 1 }]])('isCapacityLimit(%j) is false', (x) => {
    expect(CapacityLimit.isCapacityLimit(x)).toBe(false);
  });
});

describe('ServiceEnvironment', () => {
  test('defaults: SAGEMAKER_TRAINING, ENABLED, no name, no tags', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const env = new ServiceEnvironment(stack, 'Env', { capacityLimits: [CapacityLimit.instances(10)] });

    // THEN
    expect(env.serviceEnvironmentType).toEqual(ServiceEnvironmentType.SAGEMAKER_TRAINING);
    expect(env.enabled).toBe(true);
    const template = Template.fromStack(stack).toJSON();
    expect(template.Resources.EnvC33A5BD9).toEqual({
      Type: 'AWS::Batch::ServiceEnvironment',
      Properties: {
        ServiceEnvironmentType: 'SAGEMAKER_TRAINING',
        CapacityLimits: [{ CapacityUnit: 'NUM_INSTANCES', MaxCapacity: 10 }],
        State: 'ENABLED',
      },
    });
    expect(stack.resolve(env.serviceEnvironmentArn)).toEqual({ 'Fn::GetAtt': ['EnvC33A5BD9', 'ServiceEnvironmentArn'] });
  });

  test('renders every prop, and tags from Tags.of()', () => {
    const stack = newStack();
    const env = new ServiceEnvironment(stack, 'Env', {
      capacityLimits: [CapacityLimit.ofInstanceType('ml.m5.large', 8)],
      serviceEnvironmentName: 'training_env-1',
      serviceEnvironmentType: ServiceEnvironmentType.SAGEMAKER_TRAINING,
      enabled: false,
      tags: { team: 'ml' },
    });
    Tags.of(stack).add('stage', 'prod');

    expect(env.enabled).toBe(false);
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::ServiceEnvironment', {
      ServiceEnvironmentName: 'training_env-1',
      CapacityLimits: [{ CapacityUnit: 'ml.m5.large', MaxCapacity: 8 }],
      State: 'DISABLED',
      Tags: { team: 'ml', stage: 'prod' },
    });
  });

  test('addCapacityLimit() after construction renders, and capacityLimits is a copy', () => {
    const stack = newStack();
    const env = new ServiceEnvironment(stack, 'Env');

    env.addCapacityLimit(CapacityLimit.ofInstanceType('ml.g5.xlarge', 2));
    env.capacityLimits.push(CapacityLimit.instances(99));

    expect(env.capacityLimits).toHaveLength(1);
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::ServiceEnvironment', {
      CapacityLimits: [{ CapacityUnit: 'ml.g5.xlarge', MaxCapacity: 2 }],
    });
  });

  test('the name is split from the ARN', () => {
    const stack = newStack();
    const env = new ServiceEnvironment(stack, 'Env', { capacityLimits: [CapacityLimit.instances(1)] });
    expect(stack.resolve(env.serviceEnvironmentName)).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['EnvC33A5BD9', 'ServiceEnvironmentArn'] }] }] }] }],
    });
  });

  test('fromServiceEnvironmentArn() parses the name, account and region', () => {
    const stack = newStack();
    const env = ServiceEnvironment.fromServiceEnvironmentArn(stack, 'Imported', SE_ARN);
    expect(env.serviceEnvironmentArn).toEqual(SE_ARN);
    expect(env.serviceEnvironmentName).toEqual('training');
    expect(env.env).toEqual({ account: '123456789012', region: 'us-east-1' });
  });

  test('fromServiceEnvironmentArn() rejects a malformed ARN', () => {
    const stack = newStack();
    expectValidationError(() => ServiceEnvironment.fromServiceEnvironmentArn(stack, 'Imported', 'training'),
      /^ServiceEnvironment 'Stack\/Imported': serviceEnvironmentArn must be an ARN of the form/);
  });

  test.each([
    ['a name with a space', { serviceEnvironmentName: 'my env' }, /serviceEnvironmentName must be 1 to 128 characters/],
    ['a name of 129 characters', { serviceEnvironmentName: 'a'.repeat(129) }, /serviceEnvironmentName must be 1 to 128 characters/],
  ])('%s is rejected at construction', (_name, props, pattern) => {
    const stack = newStack();
    expectValidationError(() => new ServiceEnvironment(stack, 'Env', { capacityLimits: [CapacityLimit.instances(1)], ...props }), pattern);
  });

  test.each([
    ['no capacity limit', [], /ServiceEnvironment 'Stack\/Env': capacityLimits must hold at least 1 capacity limit, got 0/m],
    ['a negative maxCapacity', [CapacityLimit.instances(-1)], /capacityLimits\[0\]\.maxCapacity must be a whole number at least 0, got -1/],
    ['a fractional maxCapacity', [CapacityLimit.instances(1.5)], /capacityLimits\[0\]\.maxCapacity must be a whole number at least 0, got 1\.5/],
    ['an empty unit', [CapacityLimit.ofInstanceType('', 1)], /capacityLimits\[0\]\.capacityUnit must not be empty/],
  ])('%s fails synthesis', (_name, capacityLimits, pattern) => {
    const stack = newStack();
    new ServiceEnvironment(stack, 'Env', { capacityLimits });
    expectSynthError(stack, pattern);
  });

  test('token limits and names pass', () => {
    const stack = newStack();
    const max = new CfnParameter(stack, 'Max', { type: 'Number' }).valueAsNumber;
    const unit = new CfnParameter(stack, 'Unit').valueAsString;
    const name = new CfnParameter(stack, 'Name').valueAsString;
    new ServiceEnvironment(stack, 'Env', { serviceEnvironmentName: name, capacityLimits: [CapacityLimit.ofInstanceType(unit, max)] });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::ServiceEnvironment', {
      ServiceEnvironmentName: { Ref: 'Name' },
      CapacityLimits: [{ CapacityUnit: { Ref: 'Unit' }, MaxCapacity: { Ref: 'Max' } }],
    });
  });
});

describe('JobQueue of type SAGEMAKER_TRAINING', () => {
  test('renders the type and the service environments, and no compute environments', () => {
    // GIVEN
    const stack = newStack();
    const env = new ServiceEnvironment(stack, 'Env', { capacityLimits: [CapacityLimit.instances(10)] });

    // WHEN
    const queue = new JobQueue(stack, 'Queue', { serviceEnvironments: [{ serviceEnvironment: env, order: 1 }] });

    // THEN
    expect(queue.jobQueueType).toEqual(JobQueueType.SAGEMAKER_TRAINING);
    const props = Template.fromStack(stack).toJSON().Resources.Queue4A7E3555.Properties;
    expect(props).toEqual({
      JobQueueType: 'SAGEMAKER_TRAINING',
      ServiceEnvironmentOrder: [{ ServiceEnvironment: { 'Fn::GetAtt': ['EnvC33A5BD9', 'ServiceEnvironmentArn'] }, Order: 1 }],
      Priority: 1,
      State: 'ENABLED',
    });
  });

  test('addServiceEnvironment() after construction renders, and serviceEnvironments is a copy', () => {
    const stack = newStack();
    const queue = new JobQueue(stack, 'Queue', { jobQueueType: JobQueueType.SAGEMAKER_TRAINING });

    queue.addServiceEnvironment(ServiceEnvironment.fromServiceEnvironmentArn(stack, 'Env', SE_ARN), 3);
    queue.serviceEnvironments.pop();

    expect(queue.serviceEnvironments).toHaveLength(1);
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobQueue', {
      JobQueueType: 'SAGEMAKER_TRAINING',
      ServiceEnvironmentOrder: [{ ServiceEnvironment: SE_ARN, Order: 3 }],
      ComputeEnvironmentOrder: Match.absent(),
    });
  });

  test('a queue of compute environments renders no type unless given', () => {
    const stack = newStack();
    const ce = new FakeComputeEnvironment(stack, 'CE');
    new JobQueue(stack, 'Plain', { computeEnvironments: [{ computeEnvironment: ce, order: 1 }] });
    new JobQueue(stack, 'Typed', { computeEnvironments: [{ computeEnvironment: ce, order: 1 }], jobQueueType: JobQueueType.ECS });
    const queues = Template.fromStack(stack).findResources('AWS::Batch::JobQueue');
    expect(Object.values(queues).map((q: any) => q.Properties.JobQueueType)).toEqual([undefined, 'ECS']);
  });

  test('a fair-share scheduling policy may be used', () => {
    const stack = newStack();
    const env = ServiceEnvironment.fromServiceEnvironmentArn(stack, 'Env', SE_ARN);
    const policy = new FairshareSchedulingPolicy(stack, 'Policy');
    new JobQueue(stack, 'Queue', { serviceEnvironments: [{ serviceEnvironment: env, order: 1 }], schedulingPolicy: policy });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobQueue', {
      SchedulingPolicyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Policy'), 'Arn'] },
    });
  });

  test.each([
    ['no service environment', (q: JobQueue) => q,
      /JobQueue 'Stack\/Queue': serviceEnvironments must link at least one service environment, got none/m],
    ['a compute environment', (q: JobQueue, s: any) => {
      q.addServiceEnvironment(ServiceEnvironment.fromServiceEnvironmentArn(s, 'Env', SE_ARN), 1);
      q.addComputeEnvironment(new FakeComputeEnvironment(s, 'CE'), 1);
    }, /computeEnvironments must be empty on a queue of type SAGEMAKER_TRAINING, got 1/],
    ['two environments with one order', (q: JobQueue, s: any) => {
      q.addServiceEnvironment(ServiceEnvironment.fromServiceEnvironmentArn(s, 'A', SE_ARN), 1);
      q.addServiceEnvironment(ServiceEnvironment.fromServiceEnvironmentArn(s, 'B', `${SE_ARN}-b`), 1);
    }, /serviceEnvironments\[1\]\.order must be unique, got 1 which serviceEnvironments\[0\] already has/],
    ['an environment linked twice', (q: JobQueue, s: any) => {
      const env = ServiceEnvironment.fromServiceEnvironmentArn(s, 'A', SE_ARN);
      q.addServiceEnvironment(env, 1);
      q.addServiceEnvironment(env, 2);
    }, /serviceEnvironments\[1\] links service environment 'Stack\/A' a second time/],
    ['a negative order', (q: JobQueue, s: any) => {
      q.addServiceEnvironment(ServiceEnvironment.fromServiceEnvironmentArn(s, 'A', SE_ARN), -1);
    }, /serviceEnvironments\[0\]\.order must be a whole number between 0 and 2147483647, got -1/],
  ])('%s fails synthesis', (_name, arrange, pattern) => {
    const stack = newStack();
    const queue = new JobQueue(stack, 'Queue', { jobQueueType: JobQueueType.SAGEMAKER_TRAINING });
    arrange(queue, stack);
    expectSynthError(stack, pattern);
  });

  test('a queue of compute environments cannot link service environments', () => {
    const stack = newStack();
    const queue = new JobQueue(stack, 'Queue', {
      jobQueueType: JobQueueType.ECS,
      computeEnvironments: [{ computeEnvironment: new FakeComputeEnvironment(stack, 'CE'), order: 1 }],
    });
    queue.addServiceEnvironment(ServiceEnvironment.fromServiceEnvironmentArn(stack, 'Env', SE_ARN), 1);
    expectSynthError(stack, /JobQueue 'Stack\/Queue': serviceEnvironments must be empty on a queue of compute environments, got 1/m);
  });

  test('a token order passes', () => {
    const stack = newStack();
    const order = new CfnParameter(stack, 'Order', { type: 'Number' }).valueAsNumber;
    new JobQueue(stack, 'Queue', {
      serviceEnvironments: [{ serviceEnvironment: ServiceEnvironment.fromServiceEnvironmentArn(stack, 'Env', SE_ARN), order }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobQueue', {
      ServiceEnvironmentOrder: [{ ServiceEnvironment: SE_ARN, Order: { Ref: 'Order' } }],
    });
  });
});
