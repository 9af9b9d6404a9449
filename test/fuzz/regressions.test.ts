/**
 * Regression tests for crashes the fuzzer found: each case used to fail with an error from
 * inside aws-cdk-lib (or a plain Error) and now fails with this library's ValidationError.
 */
import { CfnParameter, Duration, Lazy, Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Template } from 'aws-cdk-lib/assertions';
import {
  EcsEc2ContainerDefinition, EcsFargateContainerDefinition, EcsJobDefinition, FairshareSchedulingPolicy, FargateComputeEnvironment, JobQueue, LinuxParameters, MultiNodeJobDefinition,
} from '../../lib';
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

describe('more imports reject malformed ARNs with a ValidationError', () => {
  test.each(MALFORMED_ARNS)('EcsJobDefinition.fromJobDefinitionArn(%j) (was: ArnsMustStartWithArn, or a TypeError splitting an undefined name)', (arn) => {
    const stack = newStack();
    expectValidationError(() => EcsJobDefinition.fromJobDefinitionArn(stack, 'Imported', arn), /^EcsJobDefinition 'Stack\/Imported': jobDefinitionArn must be an ARN of the form .*, got '.*'$/);
  });

  test.each(MALFORMED_ARNS)('MultiNodeJobDefinition.fromJobDefinitionArn(%j)', (arn) => {
    const stack = newStack();
    expectValidationError(() => MultiNodeJobDefinition.fromJobDefinitionArn(stack, 'Imported', arn), /^MultiNodeJobDefinition 'Stack\/Imported': jobDefinitionArn must be an ARN/);
  });

  test.each(MALFORMED_ARNS)('FargateComputeEnvironment.fromFargateComputeEnvironmentArn(%j)', (arn) => {
    const stack = newStack();
    expectValidationError(
      () => FargateComputeEnvironment.fromFargateComputeEnvironmentArn(stack, 'Imported', arn),
      /^FargateComputeEnvironment 'Stack\/Imported': fargateComputeEnvironmentArn must be an ARN/,
    );
  });

  test('a job definition ARN with a revision still gives the bare name', () => {
    const stack = newStack();
    const jd = EcsJobDefinition.fromJobDefinitionArn(stack, 'Imported', 'arn:aws:batch:us-east-1:123456789012:job-definition/my-job:3');
    expect(jd.jobDefinitionName).toBe('my-job');
  });
});

describe('unresolved sizes and durations in units the template cannot take', () => {
  const container = (stack: Stack, linuxParameters: LinuxParameters) => new EcsEc2ContainerDefinition(stack, 'Container', {
    image: ecs.ContainerImage.fromRegistry('x'), cpu: 1, memory: Size.mebibytes(2048), linuxParameters,
  });

  test.each(['kibibytes', 'gibibytes'] as const)('LinuxParameters maxSwap and sharedMemorySize: Size.%s(token) (was: MustBeSizeSpecifiedSize)', (unit) => {
    const stack = newStack();
    const token = new CfnParameter(stack, 'Size', { type: 'Number' }).valueAsNumber;
    expectValidationError(
      () => new LinuxParameters(stack, 'Linux', { maxSwap: Size[unit](token), sharedMemorySize: Size[unit](token) }),
      new RegExp(`^LinuxParameters 'Stack/Linux': maxSwap must be created with Size.mebibytes\\(\\) when its value is unresolved, got Size.${unit}\\(<token>\\)\\n`
        + `LinuxParameters 'Stack/Linux': sharedMemorySize must be created with Size.mebibytes\\(\\)`),
    );
  });

  test('LinuxParameters addTmpfs() size: Size.gibibytes(token) (was: MustBeSizeSpecifiedSize at synthesis)', () => {
    const stack = newStack();
    const params = new LinuxParameters(stack, 'Linux');
    expectValidationError(
      () => params.addTmpfs({ containerPath: '/tmp', size: Size.gibibytes(new CfnParameter(stack, 'Size', { type: 'Number' }).valueAsNumber) }),
      /^LinuxParameters 'Stack\/Linux': tmpfs\[0\]\.size must be created with Size\.mebibytes\(\) when its value is unresolved, got Size\.gibibytes\(<token>\)$/,
    );
  });

  test('LinuxParameters: Size.mebibytes(token) renders the token', () => {
    const stack = newStack();
    const token = new CfnParameter(stack, 'Swap', { type: 'Number' }).valueAsNumber;
    new EcsJobDefinition(stack, 'JobDefinition', { container: container(stack, new LinuxParameters(stack, 'Linux', { maxSwap: Size.mebibytes(token) })) });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobDefinition', {
      ContainerProperties: { LinuxParameters: { MaxSwap: { Ref: 'Swap' } } },
    });
  });

  test.each(['millis', 'minutes', 'hours', 'days'] as const)('job definition timeout: Duration.%s(token) (was: MustBeDurationSpecifiedDuration)', (unit) => {
    const stack = newStack();
    const token = new CfnParameter(stack, 'Timeout', { type: 'Number' }).valueAsNumber;
    expectValidationError(
      () => new MultiNodeJobDefinition(stack, 'JobDefinition', { instanceType: new ec2.InstanceType('m5.large'), timeout: Duration[unit](token) }),
      new RegExp(`^MultiNodeJobDefinition 'Stack/JobDefinition': timeout must be created with Duration.seconds\\(\\) when its value is unresolved, got Duration.${unit}\\(<token>\\)$`),
    );
  });
});

describe('ECS container resource requirements with unresolved numbers', () => {
  test('an unresolved cpu, memory and gpu render as string tokens (was: "value: 7 should be a string" from the L1)', () => {
    const stack = newStack();
    const container = new EcsEc2ContainerDefinition(stack, 'Container', {
      image: ecs.ContainerImage.fromRegistry('x'),
      cpu: Lazy.number({ produce: () => 7 }),
      memory: Size.mebibytes(new CfnParameter(stack, 'Memory', { type: 'Number' }).valueAsNumber),
      gpu: Lazy.number({ produce: () => 2 }),
    });
    new EcsJobDefinition(stack, 'JobDefinition', { container });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobDefinition', {
      ContainerProperties: {
        ResourceRequirements: [
          { Type: 'MEMORY', Value: { Ref: 'Memory' } },
          { Type: 'VCPU', Value: '7' },
          { Type: 'GPU', Value: '2' },
        ],
      },
    });
  });

  test('memory: Size.gibibytes(token) is rejected (was: MustBeSizeSpecifiedSize at synthesis)', () => {
    const stack = newStack();
    expectValidationError(() => new EcsEc2ContainerDefinition(stack, 'Container', {
      image: ecs.ContainerImage.fromRegistry('x'), cpu: 1, memory: Size.gibibytes(new CfnParameter(stack, 'Memory', { type: 'Number' }).valueAsNumber),
    }), /^EcsEc2ContainerDefinition 'Stack\/Container': memory must be created with Size\.mebibytes\(\) when its value is unresolved, got Size\.gibibytes\(<token>\)$/);
  });

  test('Fargate ephemeralStorageSize: Size.mebibytes(token) is rejected (was: MustBeSizeSpecifiedSize at synthesis)', () => {
    const stack = newStack();
    expectValidationError(() => new EcsFargateContainerDefinition(stack, 'Container', {
      image: ecs.ContainerImage.fromRegistry('x'), cpu: 1, memory: Size.mebibytes(2048),
      ephemeralStorageSize: Size.mebibytes(new CfnParameter(stack, 'Storage', { type: 'Number' }).valueAsNumber),
    }), /^EcsFargateContainerDefinition 'Stack\/Container': ephemeralStorageSize must be created with Size\.gibibytes\(\) when its value is unresolved, got Size\.mebibytes\(<token>\)$/);
  });

  test('Fargate memory of a fraction of a MiB with a token cpu is rejected (was: CannotConvertedIntoWhole at synthesis)', () => {
    const stack = newStack();
    expectValidationError(() => new EcsFargateContainerDefinition(stack, 'Container', {
      image: ecs.ContainerImage.fromRegistry('x'), cpu: new CfnParameter(stack, 'Cpu', { type: 'Number' }).valueAsNumber, memory: Size.kibibytes(3179),
    }), /^EcsFargateContainerDefinition 'Stack\/Container': memory must be a size Fargate takes with some vCPU count .*, got 3\.1044921875 MiB$/);
  });
});
