import { CfnElement, Duration, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  Action, EcsEc2TaskDefinition, EcsFargateTaskDefinition, EcsMultiContainerJobDefinition, JobQueue, Reason, RetryStrategy,
} from '../lib';
import { expectValidationError, newStack } from './util';

const image = ecs.ContainerImage.fromRegistry('app');

function ec2Task(stack: Stack): EcsEc2TaskDefinition {
  return new EcsEc2TaskDefinition(stack, 'Task', { containers: [{ name: 'app', image, cpu: 1, memory: Size.mebibytes(512) }] });
}

function jobDefinitionOf(stack: Stack): any {
  const jobs = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  expect(Object.keys(jobs)).toHaveLength(1);
  return Object.values(jobs)[0];
}

describe('EcsMultiContainerJobDefinition', () => {
  test('renders a container job of EcsProperties on EC2, without ContainerProperties', () => {
    // GIVEN
    const stack = newStack();
    const task = ec2Task(stack);

    // WHEN
    const job = new EcsMultiContainerJobDefinition(stack, 'Job', { task });

    // THEN
    const resource = jobDefinitionOf(stack);
    expect(Object.keys(resource.Properties).sort()).toEqual(['EcsProperties', 'PlatformCapabilities', 'RetryStrategy', 'Timeout', 'Type']);
    expect(resource.Properties).toMatchObject({ Type: 'container', PlatformCapabilities: ['EC2'], RetryStrategy: {}, Timeout: {} });
    expect(resource.Properties.EcsProperties.TaskProperties[0].Containers[0].Name).toBe('app');
    expect(job.task).toBe(task);
    expect(job.propagateTags).toBeUndefined();
  });

  test('a Fargate task makes a Fargate job', () => {
    const stack = newStack();
    const task = new EcsFargateTaskDefinition(stack, 'Task', { containers: [{ name: 'app', image, cpu: 0.25, memory: Size.mebibytes(512) }] });

    new EcsMultiContainerJobDefinition(stack, 'Job', { task });

    expect(jobDefinitionOf(stack).Properties.PlatformCapabilities).toEqual(['FARGATE']);
  });

  test('the props every job definition has render as for single containers', () => {
    const stack = newStack();

    const job = new EcsMultiContainerJobDefinition(stack, 'Job', {
      task: ec2Task(stack),
      jobDefinitionName: 'sidecars',
      parameters: { input: 's3://bucket/key' },
      retryAttempts: 3,
      retryStrategies: [RetryStrategy.of(Action.EXIT, Reason.CANNOT_PULL_CONTAINER)],
      schedulingPriority: 10,
      timeout: Duration.minutes(10),
      propagateTags: true,
    });
    job.addRetryStrategy(RetryStrategy.of(Action.RETRY, Reason.SPOT_INSTANCE_RECLAIMED));

    expect(jobDefinitionOf(stack).Properties).toMatchObject({
      JobDefinitionName: 'sidecars',
      Parameters: { input: 's3://bucket/key' },
      PropagateTags: true,
      RetryStrategy: {
        Attempts: 3,
        EvaluateOnExit: [
          { Action: 'EXIT', OnReason: 'CannotPullContainerError:*' },
          { Action: 'RETRY', OnStatusReason: 'Host EC2*' },
        ],
      },
      SchedulingPriority: 10,
      Timeout: { AttemptDurationSeconds: 600 },
    });
  });

  test('the shared validation applies', () => {
    expectValidationError(() => new EcsMultiContainerJobDefinition(newStack(), 'Job', { task: ec2Task(newStack()), retryAttempts: 11 }),
      /EcsMultiContainerJobDefinition 'Stack\/Job': retryAttempts must be a whole number between 1 and 10, got 11/);
  });

  test('fromJobDefinitionArn() parses the name', () => {
    const imported = EcsMultiContainerJobDefinition.fromJobDefinitionArn(newStack(), 'Imported',
      'arn:aws:batch:us-east-1:123456789012:job-definition/sidecars:3');
    expect(imported.jobDefinitionName).toBe('sidecars');
  });

  test.each([
    [undefined, (stack: Stack, job: EcsMultiContainerJobDefinition) => stack.resolve(job.jobDefinitionArn)],
    [{ allRevisions: false }, (stack: Stack, job: EcsMultiContainerJobDefinition) => stack.resolve(job.jobDefinitionArn)],
    [{ allRevisions: true }, (stack: Stack, job: EcsMultiContainerJobDefinition) => stack.resolve(stack.formatArn({
      service: 'batch', resource: 'job-definition', resourceName: `${job.jobDefinitionName}:*`,
    }))],
  ])('grantSubmitJob(%j) allows SubmitJob on the queue and the job definition', (options, expectedArn) => {
    const stack = newStack();
    const job = new EcsMultiContainerJobDefinition(stack, 'Job', { task: ec2Task(stack) });
    const queue = JobQueue.fromJobQueueArn(stack, 'Queue', 'arn:aws:batch:us-east-1:123456789012:job-queue/q');
    const role = new iam.Role(stack, 'Submitter', { assumedBy: new iam.AccountRootPrincipal() });

    job.grantSubmitJob(role, queue, options);

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'batch:SubmitJob', Effect: 'Allow', Resource: [expectedArn(stack, job), 'arn:aws:batch:us-east-1:123456789012:job-queue/q'] }] },
      Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as CfnElement) }],
    });
  });
});
