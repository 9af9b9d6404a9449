import { CfnOutput, CfnParameter, Duration, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { Stack } from 'aws-cdk-lib';
import {
  FargateComputeEnvironment, IManagedComputeEnvironment, ManagedComputeEnvironmentProps,
  ManagedEc2EcsComputeEnvironment, ManagedEc2EksComputeEnvironment,
} from '../lib';
import { expectValidationError, stackWithVpc } from './util';

type Factory = (stack: Stack, id: string, props: ManagedComputeEnvironmentProps) => IManagedComputeEnvironment;

/** The three managed kinds, built from the props they share. */
const kinds: Array<[string, Factory]> = [
  ['ManagedEc2EcsComputeEnvironment', (stack, id, props) => new ManagedEc2EcsComputeEnvironment(stack, id, props)],
  ['ManagedEc2EksComputeEnvironment', (stack, id, props) => new ManagedEc2EksComputeEnvironment(stack, id, {
    ...props,
    eksCluster: eks.Cluster.fromClusterAttributes(stack, `${id}Cluster`, { clusterName: 'cluster' }),
    kubernetesNamespace: 'batch',
  })],
  ['FargateComputeEnvironment', (stack, id, props) => new FargateComputeEnvironment(stack, id, props)],
];

describe.each(kinds)('%s', (kind, create) => {
  test('defaults: 256 max vCPUs, enabled, a new security group in the private subnets, no replacement', () => {
    const { stack, vpc } = stackWithVpc();
    const ce = create(stack, 'CE', { vpc });

    expect(ce.maxvCpus).toEqual(256);
    expect(ce.enabled).toBe(true);
    expect(ce.spot).toBeUndefined();
    expect(ce.replaceComputeEnvironment).toBe(false);
    expect(ce.securityGroups).toHaveLength(1);
    expect(ce.connections.securityGroups).toEqual(ce.securityGroups);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { GroupDescription: 'Stack/CE/SecurityGroup' });
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      Type: 'managed',
      State: 'ENABLED',
      ReplaceComputeEnvironment: false,
      ComputeResources: {
        MaxvCpus: 256,
        SecurityGroupIds: [{ 'Fn::GetAtt': ['CESecurityGroup6653FE7C', 'GroupId'] }],
        Subnets: [{ Ref: 'VpcPrivateSubnet1Subnet536B997A' }, { Ref: 'VpcPrivateSubnet2Subnet3788AAA1' }],
      },
    });
    const props = template.findResources('AWS::Batch::ComputeEnvironment').CE1BFE03A1.Properties;
    expect(props).not.toHaveProperty('ServiceRole');
    expect(props).not.toHaveProperty('ComputeEnvironmentName');
  });

  test('renders the shared props', () => {
    const { stack, vpc } = stackWithVpc();
    const sg = new ec2.SecurityGroup(stack, 'SG', { vpc });
    const serviceRole = new iam.Role(stack, 'ServiceRole', { assumedBy: new iam.ServicePrincipal('batch.amazonaws.com') });

    const ce = create(stack, 'CE', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroups: [sg],
      maxvCpus: 12,
      enabled: false,
      computeEnvironmentName: 'named_ce-1',
      serviceRole,
      replaceComputeEnvironment: true,
    });

    expect(ce.serviceRole).toBe(serviceRole);
    expect(ce.securityGroups).toEqual([sg]);
    expect(ce.vpcSubnets).toEqual({ subnetType: ec2.SubnetType.PUBLIC });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::SecurityGroup', 1);
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeEnvironmentName: 'named_ce-1',
      State: 'DISABLED',
      ReplaceComputeEnvironment: true,
      ServiceRole: { 'Fn::GetAtt': ['ServiceRole4288B192', 'Arn'] },
      ComputeResources: {
        MaxvCpus: 12,
        Subnets: [{ Ref: 'VpcPublicSubnet1Subnet5C2D37C4' }, { Ref: 'VpcPublicSubnet2Subnet691E08A3' }],
      },
    });
  });

  test('the security groups property is a copy', () => {
    const { stack, vpc } = stackWithVpc();
    const ce = create(stack, 'CE', { vpc });
    ce.securityGroups.pop();
    expect(ce.securityGroups).toHaveLength(1);
  });

  test('Tags.of() tags the compute environment', () => {
    const { stack, vpc } = stackWithVpc();
    const ce = create(stack, 'CE', { vpc });
    Tags.of(ce).add('team', 'research');
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', { Tags: { team: 'research' } });
  });

  test('the name is split from the ARN, not taken from Ref', () => {
    const { stack, vpc } = stackWithVpc();
    const ce = create(stack, 'CE', { vpc });
    new CfnOutput(stack, 'Arn', { value: ce.computeEnvironmentArn });
    new CfnOutput(stack, 'Name', { value: ce.computeEnvironmentName });
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    const arn = { 'Fn::GetAtt': ['CE1BFE03A1', 'ComputeEnvironmentArn'] };
    expect(outputs.Arn.Value).toEqual(arn);
    expect(outputs.Name.Value).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', arn] }] }] }] });
  });

  describe('validation', () => {
    test.each([
      [{ maxvCpus: -1 }, /maxvCpus must be a whole number at least 0, got -1/],
      [{ maxvCpus: 2.5 }, /maxvCpus must be a whole number at least 0, got 2.5/],
      [{ maxvCpus: 2147483648 }, /maxvCpus must be a whole number from 0 to 2147483647 \(the largest integer AWS Batch and CloudFormation take\), got 2147483648$/],
      [{ computeEnvironmentName: 'bad name' }, /computeEnvironmentName must be 1 to 128 characters of letters, digits, hyphens and underscores, got 'bad name'/],
      [{ computeEnvironmentName: 'n'.repeat(129) }, /computeEnvironmentName must be 1 to 128/],
    ])('%p is rejected', (props, message) => {
      const { stack, vpc } = stackWithVpc();
      expectValidationError(() => create(stack, 'CE', { vpc, ...props }), message);
    });

    test('messages name the kind and the construct path', () => {
      const { stack, vpc } = stackWithVpc();
      expectValidationError(() => create(stack, 'CE', { vpc, maxvCpus: -1 }), new RegExp(`^${kind} 'Stack/CE': maxvCpus`));
    });

    test('maxvCpus: any whole number of at least 0 passes (property-based)', () => {
      fc.assert(fc.property(fc.integer({ min: -100, max: 100000 }), (maxvCpus) => {
        const { stack, vpc } = stackWithVpc();
        const build = () => create(stack, 'CE', { vpc, maxvCpus });
        if (maxvCpus >= 0) {
          expect(build().maxvCpus).toEqual(maxvCpus);
        } else {
          expectValidationError(build, /maxvCpus must be a whole number at least 0/);
        }
      }), { numRuns: 30 });
    });

    test('tokens pass unvalidated', () => {
      const { stack, vpc } = stackWithVpc();
      const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
      const name = new CfnParameter(stack, 'Name').valueAsString;
      create(stack, 'CE', { vpc, maxvCpus: n, computeEnvironmentName: name });
      Template.fromStack(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', {
        ComputeEnvironmentName: { Ref: 'Name' },
        ComputeResources: { MaxvCpus: { Ref: 'N' } },
      });
    });
  });
});

describe.each(kinds.filter(([kind]) => kind !== 'FargateComputeEnvironment'))('%s update policy', (_kind, create) => {
  test('renders an empty update policy and UpdateToLatestImageVersion: true by default', () => {
    const { stack, vpc } = stackWithVpc();
    const ce = create(stack, 'CE', { vpc });
    expect(ce.updateToLatestImageVersion).toBe(true);
    expect(ce.terminateOnUpdate).toBeUndefined();
    expect(ce.updateTimeout).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      UpdatePolicy: {},
      ComputeResources: { UpdateToLatestImageVersion: true },
    });
  });

  test('renders the update settings', () => {
    const { stack, vpc } = stackWithVpc();
    create(stack, 'CE', { vpc, terminateOnUpdate: true, updateTimeout: Duration.hours(2), updateToLatestImageVersion: false });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      UpdatePolicy: { TerminateJobsOnUpdate: true, JobExecutionTimeoutMinutes: 120 },
      ComputeResources: { UpdateToLatestImageVersion: false },
    });
  });

  test.each([
    [Duration.seconds(90), /updateTimeout must be a whole number of minutes between 1 and 7200, got 1 minute 30 seconds$/],
    [Duration.seconds(30), /updateTimeout must be a whole number of minutes between 1 and 7200, got 30 seconds$/],
    [Duration.minutes(7201), /updateTimeout must be a whole number of minutes between 1 and 7200, got 5 days 1 minute$/],
    [Duration.days(6), /updateTimeout must be a whole number of minutes between 1 and 7200, got 6 days$/],
  ])('updateTimeout %s is rejected', (updateTimeout, message) => {
    const { stack, vpc } = stackWithVpc();
    expectValidationError(() => create(stack, 'CE', { vpc, updateTimeout }), message);
  });

  test('updateTimeout of 1, 360 (the 2023 limit) and 7200 minutes pass', () => {
    const { stack, vpc } = stackWithVpc();
    create(stack, 'A', { vpc, updateTimeout: Duration.minutes(1) });
    create(stack, 'B', { vpc, updateTimeout: Duration.hours(6) });
    create(stack, 'C', { vpc, updateTimeout: Duration.days(5) });
    const minutes = Object.values(Template.fromStack(stack).findResources('AWS::Batch::ComputeEnvironment'))
      .map((r: any) => r.Properties.UpdatePolicy.JobExecutionTimeoutMinutes);
    expect(minutes).toEqual([1, 360, 7200]);
  });

  test('a token updateTimeout passes', () => {
    const { stack, vpc } = stackWithVpc();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    create(stack, 'CE', { vpc, updateTimeout: Duration.minutes(n) });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      UpdatePolicy: { JobExecutionTimeoutMinutes: { Ref: 'N' } },
    });
  });
});
