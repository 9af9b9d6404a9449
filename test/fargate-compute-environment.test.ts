import { CfnOutput, Duration, Lazy, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { AllocationStrategy, FargateComputeEnvironment, FargateComputeEnvironmentProps } from '../lib';
import { expectValidationError, stackWithVpc } from './util';
import { warningsOf } from './util/warnings';

function build(props: Partial<FargateComputeEnvironmentProps> = {}) {
  const { stack, vpc } = stackWithVpc();
  const ce = new FargateComputeEnvironment(stack, 'CE', { vpc, ...props });
  return { stack, vpc, ce };
}

function properties(stack: ReturnType<typeof build>['stack']): any {
  return Object.values(Template.fromStack(stack).findResources('AWS::Batch::ComputeEnvironment'))[0].Properties;
}

describe('FargateComputeEnvironment', () => {
  test('renders FARGATE with only what Batch takes for Fargate', () => {
    const { stack, ce } = build();
    expect(ce.updateToLatestImageVersion).toBe(false);
    const props = properties(stack);
    expect(props).toEqual({
      Type: 'managed',
      State: 'ENABLED',
      ReplaceComputeEnvironment: false,
      ComputeResources: {
        Type: 'FARGATE',
        MaxvCpus: 256,
        SecurityGroupIds: [{ 'Fn::GetAtt': ['CESecurityGroup6653FE7C', 'GroupId'] }],
        Subnets: [{ Ref: 'VpcPrivateSubnet1Subnet536B997A' }, { Ref: 'VpcPrivateSubnet2Subnet3788AAA1' }],
      },
    });
  });

  test('no update policy and no image update setting, so that maxvCpus can be updated in place', () => {
    const { stack } = build({ maxvCpus: 512 });
    const props = properties(stack);
    expect(props).not.toHaveProperty('UpdatePolicy');
    expect(props.ComputeResources).not.toHaveProperty('UpdateToLatestImageVersion');
    expect(props.ComputeResources.MaxvCpus).toEqual(512);
  });

  test('spot renders FARGATE_SPOT', () => {
    const { stack, ce } = build({ spot: true });
    expect(ce.spot).toBe(true);
    expect(properties(stack).ComputeResources.Type).toEqual('FARGATE_SPOT');
  });

  test('updateToLatestImageVersion: false is accepted, renders nothing and warns nothing', () => {
    const { stack } = build({ updateToLatestImageVersion: false });
    expect(properties(stack).ComputeResources).not.toHaveProperty('UpdateToLatestImageVersion');
    expect(warningsOf(stack)).toEqual([]);
  });

  test('Tags.of() tags the environment, not compute resources (Fargate has no instances)', () => {
    const { stack, ce } = build();
    Tags.of(ce).add('k', 'v');
    const props = properties(stack);
    expect(props.Tags).toEqual({ k: 'v' });
    expect(props.ComputeResources).not.toHaveProperty('Tags');
  });

  describe('validation', () => {
    test.each<[string, Record<string, unknown>, RegExp]>([
      ['no security groups', { securityGroups: [] }, /securityGroups must hold at least one security group on Fargate, got none/],
    ])('%s is rejected', (_name, props, message) => {
      expectValidationError(() => build(props as Partial<FargateComputeEnvironmentProps>),
        new RegExp(`^FargateComputeEnvironment 'Stack/CE': ${message.source}`));
    });

    test.each<[string, Record<string, unknown>, string, string]>([
      ['terminateOnUpdate', { terminateOnUpdate: false }, 'fargateIgnoresUpdatePolicy',
        'terminateOnUpdate is ignored: Batch does not use an update policy on Fargate compute environments, got false'],
      ['updateToLatestImageVersion: true', { updateToLatestImageVersion: true }, 'fargateIgnoresImageUpdate',
        'updateToLatestImageVersion is ignored: Fargate compute environments have no images to update, and Batch rejects every later update of one that sets it, got true'],
      ['updateToLatestImageVersion as a token', { updateToLatestImageVersion: Lazy.any({ produce: () => true }) }, 'fargateIgnoresImageUpdate',
        'updateToLatestImageVersion is ignored: Fargate compute environments have no images to update, and Batch rejects every later update of one that sets it, got a token'],
      ['updateTimeout', { updateTimeout: Duration.minutes(10) }, 'fargateIgnoresUpdatePolicy',
        'updateTimeout is ignored: Batch does not use an update policy on Fargate compute environments, got 10 minutes'],
      ['updateTimeout beyond the EC2 range', { updateTimeout: Duration.minutes(9000) }, 'fargateIgnoresUpdatePolicy',
        'updateTimeout is ignored: Batch does not use an update policy on Fargate compute environments, got 6 days 6 hours'],
      ['an allocation strategy (from JavaScript)', { allocationStrategy: AllocationStrategy.BEST_FIT }, 'fargateIgnoresEc2Prop',
        "allocationStrategy is ignored: Fargate compute environments do not take it, got 'BEST_FIT'"],
      ['a bid percentage (from JavaScript)', { spot: true, spotBidPercentage: 50 }, 'fargateIgnoresEc2Prop',
        'spotBidPercentage is ignored: Fargate compute environments do not take it, got 50'],
      ['minvCpus (from JavaScript)', { minvCpus: 1 }, 'fargateIgnoresEc2Prop', 'minvCpus is ignored: Fargate compute environments do not take it, got 1'],
      ['instanceTypes (from JavaScript)', { instanceTypes: [] }, 'fargateIgnoresEc2Prop', 'instanceTypes is ignored: Fargate compute environments do not take it, got []'],
      ['a launch template (from JavaScript)', { launchTemplate: { launchTemplateId: 'lt-1' } }, 'fargateIgnoresEc2Prop',
        'launchTemplate is ignored: Fargate compute environments do not take it, got a value'],
    ])('%s is ignored with a warning, and renders as without it', (_name, props, rule, message) => {
      // GIVEN
      const plain = properties(build({ spot: props.spot as boolean | undefined }).stack);

      // WHEN
      const { stack } = build(props as Partial<FargateComputeEnvironmentProps>);

      // THEN
      expect(properties(stack)).toEqual(plain);
      expect(properties(stack)).not.toHaveProperty('UpdatePolicy');
      expect(warningsOf(stack)).toEqual([{ path: '/Stack/CE', id: `@aws-cdk/aws-batch-alpha:${rule}`, message }]);
    });
  });

  describe('fromFargateComputeEnvironmentArn()', () => {
    test('parses the name and environment', () => {
      const { stack } = stackWithVpc();
      const ce = FargateComputeEnvironment.fromFargateComputeEnvironmentArn(stack, 'Imported',
        'arn:aws:batch:eu-west-1:111122223333:compute-environment/fargate-ce');
      expect(ce.computeEnvironmentName).toEqual('fargate-ce');
      expect(ce.env.region).toEqual('eu-west-1');
      expect(ce.enabled).toBe(true);
      expect(ce.securityGroups).toEqual([]);
      expect(ce.connections).toBeInstanceOf(ec2.Connections);
      new CfnOutput(stack, 'Name', { value: ce.computeEnvironmentName });
      expect(Template.fromStack(stack).toJSON().Outputs.Name.Value).toEqual('fargate-ce');
    });
  });
});
