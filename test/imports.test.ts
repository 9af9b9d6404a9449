/**
 * Every import stands for a resource this app does not define: each `add*()` its interface offers (and
 * every member it has nothing to give for) throws this library's ValidationError, naming the import's
 * path and the member, the same way for every kind.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import {
  Action, EcsJobDefinition, EksJobDefinition, JobQueue, ManagedEc2EcsComputeEnvironment, MultiNodeJobDefinition,
  Reason, RetryStrategy,
} from '../lib';
import { expectValidationError, newStack } from './util';
import { FakeComputeEnvironment } from './util/fake-compute-environment';

const ARN = {
  queue: 'arn:aws:batch:us-east-1:123456789012:job-queue/q',
  jobDefinition: 'arn:aws:batch:us-east-1:123456789012:job-definition/j:3',
  computeEnvironment: 'arn:aws:batch:us-east-1:123456789012:compute-environment/ce',
};
const retry = RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE);

test.each<[string, string, string, (stack: ReturnType<typeof newStack>) => unknown]>([
  ['JobQueue', 'addComputeEnvironment()', 'cannot add a compute environment to an imported job queue',
    (stack) => JobQueue.fromJobQueueArn(stack, 'Imported', ARN.queue).addComputeEnvironment(new FakeComputeEnvironment(stack, 'Ce'), 1)],
  ['ManagedEc2EcsComputeEnvironment', 'addInstanceType()', 'cannot add an instance type to an imported compute environment',
    (stack) => ManagedEc2EcsComputeEnvironment.fromManagedEc2EcsComputeEnvironmentArn(stack, 'Imported', ARN.computeEnvironment)
      .addInstanceType(new ec2.InstanceType('c5.large'))],
  ['ManagedEc2EcsComputeEnvironment', 'addInstanceClass()', 'cannot add an instance class to an imported compute environment',
    (stack) => ManagedEc2EcsComputeEnvironment.fromManagedEc2EcsComputeEnvironmentArn(stack, 'Imported', ARN.computeEnvironment)
      .addInstanceClass(ec2.InstanceClass.C5)],
  ['EcsJobDefinition', 'addRetryStrategy()', 'cannot add a retry strategy to an imported job definition',
    (stack) => EcsJobDefinition.fromJobDefinitionArn(stack, 'Imported', ARN.jobDefinition).addRetryStrategy(retry)],
  ['MultiNodeJobDefinition', 'addRetryStrategy()', 'cannot add a retry strategy to an imported job definition',
    (stack) => MultiNodeJobDefinition.fromJobDefinitionArn(stack, 'Imported', ARN.jobDefinition).addRetryStrategy(retry)],
  ['EksJobDefinition', 'addRetryStrategy()', 'cannot add a retry strategy to an imported job definition',
    (stack) => EksJobDefinition.fromEksJobDefinitionArn(stack, 'Imported', ARN.jobDefinition).addRetryStrategy(retry)],
  ['EksJobDefinition', 'container', 'an imported job definition has no container definition',
    (stack) => EksJobDefinition.fromEksJobDefinitionArn(stack, 'Imported', ARN.jobDefinition).container],
])('%s import: %s throws a ValidationError naming the import', (kind, member, problem, call) => {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expectValidationError(() => call(newStack()),
    new RegExp(`^${kind} 'Stack/Imported': ${escape(problem)}; ${escape(member)} needs one this app defines$`));
});

test.each([
  ['EcsJobDefinition', (stack: ReturnType<typeof newStack>) => EcsJobDefinition.fromJobDefinitionArn(stack, 'Imported', ARN.jobDefinition)],
  ['MultiNodeJobDefinition', (stack: ReturnType<typeof newStack>) => MultiNodeJobDefinition.fromJobDefinitionArn(stack, 'Imported', ARN.jobDefinition)],
])('a %s import keeps no retry strategy after a refused addRetryStrategy()', (_kind, importIt) => {
  const imported = importIt(newStack());
  expect(() => imported.addRetryStrategy(retry)).toThrow();
  expect(imported.retryStrategies).toEqual([]);
});

test.each([
  ['EcsJobDefinition', (stack: ReturnType<typeof newStack>, arn: string) => EcsJobDefinition.fromJobDefinitionArn(stack, 'Imported', arn)],
  ['MultiNodeJobDefinition', (stack: ReturnType<typeof newStack>, arn: string) => MultiNodeJobDefinition.fromJobDefinitionArn(stack, 'Imported', arn)],
  ['EksJobDefinition', (stack: ReturnType<typeof newStack>, arn: string) => EksJobDefinition.fromEksJobDefinitionArn(stack, 'Imported', arn)],
])('a %s import takes its account and region from the ARN, as every import does', (_kind, importIt) => {
  const imported = importIt(newStack(), 'arn:aws:batch:eu-west-1:111122223333:job-definition/j:3');
  expect(imported.env.account).toEqual('111122223333');
  expect(imported.env.region).toEqual('eu-west-1');
});
