import { App, Size, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fs from 'fs';
import * as path from 'path';
import * as batch from '../lib';
import { EcsEc2ContainerDefinition, EcsFargateContainerDefinition, EcsJobDefinition, JobQueue } from '../lib';
import { REPO_ROOT } from './util/assembly';
import { newStack } from './util';

const image = ecs.ContainerImage.fromRegistry('busybox');

function ec2Container(stack: Stack, id = 'Container'): EcsEc2ContainerDefinition {
  return new EcsEc2ContainerDefinition(stack, id, { image, cpu: 1, memory: Size.mebibytes(512) });
}

function fargateContainer(stack: Stack, id = 'Container'): EcsFargateContainerDefinition {
  return new EcsFargateContainerDefinition(stack, id, { image, cpu: 0.25, memory: Size.mebibytes(512) });
}

describe('EcsJobDefinition', () => {
  test.each([
    ['an EC2 container', 'EC2', ec2Container],
    ['a Fargate container', 'FARGATE', fargateContainer],
  ])('with %s is a container job for %s', (_name, capability, make) => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const job = new EcsJobDefinition(stack, 'JobDefn', { container: make(stack) });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobDefinition', {
      Type: 'container',
      PlatformCapabilities: [capability],
      PropagateTags: Match.absent(),
      ContainerProperties: Match.objectLike({ Image: 'busybox' }),
    });
    expect(job.propagateTags).toBeUndefined();
  });

  test('the container is exposed', () => {
    const stack = newStack();
    const container = ec2Container(stack);
    expect(new EcsJobDefinition(stack, 'JobDefn', { container }).container).toBe(container);
  });

  test.each([true, false])('propagateTags %s renders', (propagateTags) => {
    const stack = newStack();
    const job = new EcsJobDefinition(stack, 'JobDefn', { container: ec2Container(stack), propagateTags });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobDefinition', { PropagateTags: propagateTags });
    expect(job.propagateTags).toBe(propagateTags);
  });

  test('the ARN is the Ref and the name is split from it, before the revision', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const job = new EcsJobDefinition(stack, 'JobDefn', { container: ec2Container(stack) });

    // THEN
    const logicalId = stack.getLogicalId(job.node.defaultChild as any);
    expect(stack.resolve(job.jobDefinitionArn)).toEqual({ Ref: logicalId });
    // arn:...:job-definition/<name>:<revision> -> field 5 of ':' is 'job-definition/<name>'
    expect(stack.resolve(job.jobDefinitionName)).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: logicalId }] }] }] }],
    });
  });

  test('another environment refers to it by its generated name', () => {
    // GIVEN
    const app = new App();
    const producer = new Stack(app, 'Producer', { env: { account: '111111111111', region: 'us-east-1' } });
    const consumer = new Stack(app, 'Consumer', { env: { account: '222222222222', region: 'us-east-1' } });
    const job = new EcsJobDefinition(producer, 'JobDefn', { container: ec2Container(producer), jobDefinitionName: 'shared-job' });

    // WHEN
    const role = new iam.Role(consumer, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['batch:SubmitJob'], resources: [job.jobDefinitionArn] }));

    // THEN
    Template.fromStack(consumer).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Resource: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('job-definition/shared-job$')])] }) })] },
    });
  });
});

describe('Compatibility', () => {
  test('Compatibility is exported for TypeScript, as upstream exports it, and kept out of the assembly', () => {
    // GIVEN: code written against upstream, which compares platform capabilities with the enum
    const stack = newStack();
    new EcsJobDefinition(stack, 'Ec2', { container: ec2Container(stack) });
    new EcsJobDefinition(stack, 'Fargate', {
      container: new EcsFargateContainerDefinition(stack, 'FargateContainer', { image, cpu: 0.25, memory: Size.mebibytes(512) }),
    });

    // WHEN
    const capabilities = Object.values(Template.fromStack(stack).findResources('AWS::Batch::JobDefinition'))
      .map((r: any) => r.Properties.PlatformCapabilities);

    // THEN
    expect(capabilities).toEqual([[batch.Compatibility.EC2], [batch.Compatibility.FARGATE]]);
    expect({ ...batch.Compatibility }).toEqual({ EC2: 'EC2', FARGATE: 'FARGATE' });
    const assembly = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, '.jsii'), 'utf8'));
    expect(Object.keys(assembly.types).filter((fqn) => /Compatibility/.test(fqn))).toEqual([]);
  });
});

describe('EcsJobDefinition.fromJobDefinitionArn', () => {
  test.each([
    ['with a revision', 'arn:aws:batch:us-east-1:123456789012:job-definition/my-job:3', 'my-job'],
    ['without a revision', 'arn:aws:batch:us-east-1:123456789012:job-definition/my-job', 'my-job'],
  ])('parses the name of an ARN %s', (_name, arn, name) => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const imported = EcsJobDefinition.fromJobDefinitionArn(stack, 'Imported', arn);

    // THEN
    expect(imported.jobDefinitionArn).toBe(arn);
    expect(imported.jobDefinitionName).toBe(name);
    expect(imported.retryStrategies).toEqual([]);
  });

  test('splits a token ARN at deploy time', () => {
    const stack = newStack();
    const imported = EcsJobDefinition.fromJobDefinitionArn(stack, 'Imported', Token.asString({ Ref: 'Arn' }));
    expect(stack.resolve(imported.jobDefinitionName)).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'Arn' }] }] }] }],
    });
  });
});

describe('grantSubmitJob', () => {
  test('allows batch:SubmitJob on the job definition and the queue', () => {
    // GIVEN
    const stack = newStack();
    const job = new EcsJobDefinition(stack, 'JobDefn', { container: ec2Container(stack) });
    const queue = JobQueue.fromJobQueueArn(stack, 'Queue', 'arn:aws:batch:us-east-1:123456789012:job-queue/q');
    const user = new iam.User(stack, 'User');

    // WHEN
    job.grantSubmitJob(user, queue);

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'batch:SubmitJob',
          Effect: 'Allow',
          Resource: [{ Ref: stack.getLogicalId(job.node.defaultChild as any) }, 'arn:aws:batch:us-east-1:123456789012:job-queue/q'],
        }],
      },
      Users: [{ Ref: stack.getLogicalId(user.node.defaultChild as any) }],
    });
  });
});
