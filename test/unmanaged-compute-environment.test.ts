import { CfnOutput, CfnParameter } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { FargateComputeEnvironment, ManagedEc2EcsComputeEnvironment, UnmanagedComputeEnvironment } from '../lib';
import { expectValidationError, newStack } from './util';

describe('UnmanagedComputeEnvironment', () => {
  test('defaults: enabled, a service role with AWSBatchServiceRole, no vCPUs', () => {
    const stack = newStack();
    const ce = new UnmanagedComputeEnvironment(stack, 'CE');

    expect(ce.enabled).toBe(true);
    expect(ce.unmanagedvCPUs).toBeUndefined();
    const template = Template.fromStack(stack);
    // C8: the serviceRole property is the role created, the one the compute environment uses
    const serviceRoleArn = template.toJSON().Resources.CE1BFE03A1.Properties.ServiceRole;
    expect(serviceRoleArn).toEqual({ 'Fn::GetAtt': ['CEBatchServiceRoleADC47101', 'Arn'] });
    expect(stack.resolve(ce.serviceRole!.roleArn)).toEqual(serviceRoleArn);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'batch.amazonaws.com' } }] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSBatchServiceRole']] }],
    });
    expect(template.toJSON().Resources.CE1BFE03A1.Properties).toEqual({
      Type: 'unmanaged',
      State: 'ENABLED',
      ServiceRole: { 'Fn::GetAtt': ['CEBatchServiceRoleADC47101', 'Arn'] },
    });
  });

  test('renders every prop', () => {
    const stack = newStack();
    const serviceRole = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('batch.amazonaws.com') });
    const ce = new UnmanagedComputeEnvironment(stack, 'CE', {
      unmanagedvCpus: 64, enabled: false, computeEnvironmentName: 'mine', serviceRole,
    });
    expect(ce.serviceRole).toBe(serviceRole);
    expect(ce.unmanagedvCPUs).toEqual(64);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      Type: 'unmanaged', State: 'DISABLED', ComputeEnvironmentName: 'mine', UnmanagedvCpus: 64,
      ServiceRole: { 'Fn::GetAtt': ['Role1ABCC5F0', 'Arn'] },
    });
  });

  test('the name is split from the ARN', () => {
    const stack = newStack();
    const ce = new UnmanagedComputeEnvironment(stack, 'CE');
    new CfnOutput(stack, 'Name', { value: ce.computeEnvironmentName });
    expect(Template.fromStack(stack).toJSON().Outputs.Name.Value['Fn::Select'][0]).toEqual(1);
  });

  describe('validation', () => {
    test.each([
      [{ unmanagedvCpus: -1 }, /^UnmanagedComputeEnvironment 'Stack\/CE': unmanagedvCpus must be a whole number at least 0, got -1/],
      [{ unmanagedvCpus: 1.5 }, /unmanagedvCpus must be a whole number at least 0, got 1.5/],
      [{ unmanagedvCpus: 1e21 }, /unmanagedvCpus must be a whole number from 0 to 2147483647 \(the largest integer AWS Batch and CloudFormation take\), got 1e\+21$/],
      [{ computeEnvironmentName: 'no spaces' }, /computeEnvironmentName must be 1 to 128 characters/],
    ])('%p is rejected', (props, message) => {
      expectValidationError(() => new UnmanagedComputeEnvironment(newStack(), 'CE', props), message);
    });

    test('unmanagedvCpus: whole numbers of at least 0 pass (property-based)', () => {
      fc.assert(fc.property(fc.integer({ min: -100, max: 10000 }), (unmanagedvCpus) => {
        const create = () => new UnmanagedComputeEnvironment(newStack(), 'CE', { unmanagedvCpus });
        if (unmanagedvCpus >= 0) {
          expect(create().unmanagedvCPUs).toEqual(unmanagedvCpus);
        } else {
          expectValidationError(create, /unmanagedvCpus must be a whole number at least 0/);
        }
      }), { numRuns: 40 });
    });

    test('a token passes', () => {
      const stack = newStack();
      const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
      new UnmanagedComputeEnvironment(stack, 'CE', { unmanagedvCpus: n });
      Template.fromStack(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', { UnmanagedvCpus: { Ref: 'N' } });
    });
  });

  test('fromUnmanagedComputeEnvironmentArn() parses the name', () => {
    const stack = newStack();
    const ce = UnmanagedComputeEnvironment.fromUnmanagedComputeEnvironmentArn(stack, 'Imported',
      'arn:aws:batch:us-east-2:111122223333:compute-environment/unmanaged');
    expect(ce.computeEnvironmentName).toEqual('unmanaged');
    expect(ce.computeEnvironmentArn).toEqual('arn:aws:batch:us-east-2:111122223333:compute-environment/unmanaged');
    expect(ce.env.account).toEqual('111122223333');
    expect(ce.enabled).toBe(true);
  });
});

describe('imports reject malformed ARNs', () => {
  test.each([
    ['UnmanagedComputeEnvironment', 'unmanagedComputeEnvironmentArn',
      (arn: string) => UnmanagedComputeEnvironment.fromUnmanagedComputeEnvironmentArn(newStack(), 'Imported', arn)],
    ['ManagedEc2EcsComputeEnvironment', 'managedEc2EcsComputeEnvironmentArn',
      (arn: string) => ManagedEc2EcsComputeEnvironment.fromManagedEc2EcsComputeEnvironmentArn(newStack(), 'Imported', arn)],
    ['FargateComputeEnvironment', 'fargateComputeEnvironmentArn',
      (arn: string) => FargateComputeEnvironment.fromFargateComputeEnvironmentArn(newStack(), 'Imported', arn)],
  ])('%s', (kind, prop, importArn) => {
    expectValidationError(() => importArn('not-an-arn'), new RegExp(`^${kind} 'Stack/Imported': ${prop} must be an ARN of the form .*, got 'not-an-arn'`));
    expectValidationError(() => importArn('arn:aws:batch:us-east-1:123456789012:compute-environment'), new RegExp(`${prop} must be an ARN`));
  });
});
