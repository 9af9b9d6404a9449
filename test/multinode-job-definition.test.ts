import { CfnElement, CfnParameter, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  EcsEc2ContainerDefinition, EcsFargateContainerDefinition, MultiNodeContainer, MultiNodeJobDefinition,
  MultiNodeJobDefinitionProps, Secret,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';

const instanceType = ec2.InstanceType.of(ec2.InstanceClass.R4, ec2.InstanceSize.LARGE);
const image = ecs.ContainerImage.fromRegistry('mpi');

let containerCount = 0;
function container(stack: Stack): EcsEc2ContainerDefinition {
  return new EcsEc2ContainerDefinition(stack, `Container${containerCount++}`, { image, cpu: 1, memory: Size.mebibytes(1024) });
}

function range(stack: Stack, startNode: number, endNode: number): MultiNodeContainer {
  return { container: container(stack), startNode, endNode };
}

function jobWith(stack: Stack, props: Partial<MultiNodeJobDefinitionProps> = {}): MultiNodeJobDefinition {
  return new MultiNodeJobDefinition(stack, 'JobDefinition', { instanceType, ...props });
}

function nodeProperties(stack: Stack): any {
  const jobs = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  return Object.values(jobs)[0].Properties.NodeProperties;
}

describe('MultiNodeJobDefinition', () => {
  test('renders a multinode job on EC2, main node 0 by default', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const job = jobWith(stack, { containers: [range(stack, 0, 3)] });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobDefinition', {
      Type: 'multinode',
      PlatformCapabilities: ['EC2'],
      RetryStrategy: {},
      Timeout: {},
    });
    const nodes = nodeProperties(stack);
    expect(nodes.MainNode).toBe(0);
    expect(nodes.NumNodes).toBe(4);
    expect(nodes.NodeRangeProperties).toHaveLength(1);
    expect(nodes.NodeRangeProperties[0].TargetNodes).toBe('0:3');
    expect(nodes.NodeRangeProperties[0].Container).toMatchObject({ Image: 'mpi', InstanceType: 'r4.large', Environment: [] });
    expect(job.mainNode).toBeUndefined();
    expect(job.instanceType).toBe(instanceType);
  });

  test('addContainer() after construction renders, and containers is a copy', () => {
    // GIVEN
    const stack = newStack();
    const job = jobWith(stack, { containers: [range(stack, 0, 5)], mainNode: 7, propagateTags: true });

    // WHEN
    job.addContainer(range(stack, 6, 10));
    job.containers.push(range(stack, 11, 11));

    // THEN
    const nodes = nodeProperties(stack);
    expect(nodes.NodeRangeProperties.map((r: any) => r.TargetNodes)).toEqual(['0:5', '6:10']);
    expect(nodes.NumNodes).toBe(11);
    expect(nodes.MainNode).toBe(7);
    expect(job.containers).toHaveLength(2);
    expect(job.propagateTags).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobDefinition', { PropagateTags: true });
  });

  test('ranges may be given in any order', () => {
    const stack = newStack();
    jobWith(stack, { containers: [range(stack, 2, 4), range(stack, 0, 1)] });
    expect(nodeProperties(stack).NumNodes).toBe(5);
  });

  test('secrets of containers added later are readable by their execution role', () => {
    // GIVEN
    const stack = newStack();
    const job = jobWith(stack);
    const secret = new secretsmanager.Secret(stack, 'Secret');
    const executionRole = new iam.Role(stack, 'Exec', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });

    // WHEN
    job.addContainer({
      startNode: 0,
      endNode: 1,
      container: new EcsEc2ContainerDefinition(stack, 'WithSecret', {
        image, cpu: 1, memory: Size.mebibytes(512), executionRole, secrets: { TOKEN: Secret.fromSecretsManager(secret) },
      }),
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: { Ref: stack.getLogicalId(secret.node.defaultChild as CfnElement) } }] },
      Roles: [{ Ref: stack.getLogicalId(executionRole.node.defaultChild as CfnElement) }],
    });
  });

  test('the name is split from the ARN, not the ARN itself', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const job = jobWith(stack, { containers: [range(stack, 0, 0)] });

    // THEN
    const logicalId = stack.getLogicalId(job.node.defaultChild as CfnElement);
    expect(stack.resolve(job.jobDefinitionArn)).toEqual({ Ref: logicalId });
    expect(stack.resolve(job.jobDefinitionName)).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: logicalId }] }] }] }],
    });
  });

  test.each([
    ['arn:aws:batch:us-east-1:123456789012:job-definition/mpi:7', 'mpi'],
    ['arn:aws:batch:us-east-1:123456789012:job-definition/mpi', 'mpi'],
  ])('fromJobDefinitionArn(%s) is named %s', (arn, name) => {
    const imported = MultiNodeJobDefinition.fromJobDefinitionArn(newStack(), 'Imported', arn);
    expect(imported.jobDefinitionName).toBe(name);
    expect(imported.jobDefinitionArn).toBe(arn);
  });

  describe('validation', () => {
    test.each([
      ['no container', () => [], /MultiNodeJobDefinition 'Stack\/JobDefinition': containers must hold at least one container, got none/, undefined],
      ['overlapping ranges', (s: Stack) => [range(s, 0, 5), range(s, 5, 10)], /containers node ranges must not overlap, got 5:10 overlapping nodes before 6/, undefined],
      ['a gap', (s: Stack) => [range(s, 0, 2), range(s, 4, 5)], /containers node ranges must cover every node from 0 without gaps, got no container for node 3/, undefined],
      ['a wider gap', (s: Stack) => [range(s, 0, 0), range(s, 4, 5)], /got no container for nodes 1 to 3/, undefined],
      ['ranges not starting at 0', (s: Stack) => [range(s, 1, 5)], /got no container for node 0/, undefined],
      ['an end before the start', (s: Stack) => [range(s, 3, 2)], /containers\[0\]\.endNode must be at least its startNode \(3\), got 2/, undefined],
      ['a negative start', (s: Stack) => [range(s, -1, 2)], /containers\[0\]\.startNode must be a whole number at least 0, got -1/, undefined],
      ['a fractional end', (s: Stack) => [range(s, 0, 2.5)], /containers\[0\]\.endNode must be a whole number at least 0, got 2.5/, undefined],
      ['a main node outside the ranges', (s: Stack) => [range(s, 0, 3)], /mainNode must be one of the nodes, 0 to 3, got 4/, 4],
      ['a Fargate container', (s: Stack) => [{
        startNode: 0,
        endNode: 1,
        container: new EcsFargateContainerDefinition(s, 'Fargate', { image, cpu: 1, memory: Size.gibibytes(2) }),
      }], /containers\[0\]\.container must be an EC2 container, as multi-node jobs do not run on Fargate/, undefined],
    ])('%s fails synthesis', (_name, containers, message, mainNode) => {
      const stack = newStack();
      jobWith(stack, { containers: containers(stack), mainNode });
      expectSynthError(stack, message);
    });

    test('five node ranges pass; a sixth, added later, fails synthesis (Batch takes up to five node groups)', () => {
      // GIVEN
      const five = newStack();
      jobWith(five, { containers: [0, 1, 2, 3, 4].map((n) => range(five, n, n)) });
      expect(nodeProperties(five).NodeRangeProperties).toHaveLength(5);
      const stack = newStack();
      const job = jobWith(stack, { containers: [0, 1, 2, 3, 4].map((n) => range(stack, n, n)) });

      // WHEN
      job.addContainer(range(stack, 5, 9));

      // THEN
      expectSynthError(stack, /MultiNodeJobDefinition 'Stack\/JobDefinition': containers must hold at most 5 node ranges, got 6$/m);
    });

    test('a container added later can fill a gap', () => {
      const stack = newStack();
      const job = jobWith(stack, { containers: [range(stack, 0, 1), range(stack, 4, 4)] });
      job.addContainer(range(stack, 2, 3));
      expect(nodeProperties(stack).NumNodes).toBe(5);
    });

    test.each([-1, 1.5])('mainNode %d is rejected at construction', (mainNode) => {
      expectValidationError(() => jobWith(newStack(), { mainNode }), /mainNode must be a whole number at least 0, got/);
    });

    test('token node indexes pass', () => {
      const stack = newStack();
      const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
      jobWith(stack, { containers: [{ container: container(stack), startNode: 0, endNode: n }], mainNode: n });
      expect(nodeProperties(stack).MainNode).toEqual({ Ref: 'N' });
    });
  });
});
