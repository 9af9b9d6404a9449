import { CfnOutput, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ours from '../../lib';
import { BatchModule, bothTemplates, Scenario, synthWith, upstream } from '../util/upstream';

/** aws-cdk-lib's stable module: 2.95.1's alpha graduated into it; run here only as a second oracle. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stableBatch: BatchModule = require('aws-cdk-lib/aws-batch');

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
      spotBidPercentage: 70,
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

/** Removes the given keys from a copy of a resource's properties (and of its ComputeResources). */
function without(resource: any, keys: string[], computeKeys: string[] = []): any {
  const copy = JSON.parse(JSON.stringify(resource));
  keys.forEach((k) => delete copy.Properties[k]);
  computeKeys.forEach((k) => delete copy.Properties.ComputeResources[k]);
  return copy;
}

describe('deliberate differences from upstream (DEVIATIONS.md, Compute environments)', () => {
  test('C1: the name attribute is split from the ARN, not taken from Ref', () => {
    const { ours, upstream } = bothTemplates((batch, stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      const ce = new batch.FargateComputeEnvironment(stack, 'CE', { vpc });
      new CfnOutput(stack, 'Name', { value: ce.computeEnvironmentName });
    });
    expect(upstream.Outputs.Name.Value).toEqual({ Ref: 'CE1BFE03A1' });
    expect(ours.Outputs.Name.Value['Fn::Select'][0]).toEqual(1);
    expect(JSON.stringify(ours.Outputs.Name.Value)).toContain('ComputeEnvironmentArn');
  });

  test('C2: the Spot Fleet role created for BEST_FIT has the AmazonEC2SpotFleetTaggingRole policy', () => {
    const { ours, upstream } = bothTemplates((batch, stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc, spot: true, allocationStrategy: batch.AllocationStrategy.BEST_FIT });
    });
    const id = 'CESpotFleetRoleF7151646';
    expect(upstream.Resources[id].Properties).not.toHaveProperty('ManagedPolicyArns');
    expect(JSON.stringify(ours.Resources[id].Properties.ManagedPolicyArns)).toContain('service-role/AmazonEC2SpotFleetTaggingRole');
    expect(without(ours.Resources[id], ['ManagedPolicyArns'])).toEqual(upstream.Resources[id]);
    expect(ours.Resources.CE1BFE03A1).toEqual(upstream.Resources.CE1BFE03A1);
  });

  test('C3: Fargate renders no UpdatePolicy and no UpdateToLatestImageVersion; the rest is identical', () => {
    const { ours, upstream } = bothTemplates((batch, stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new batch.FargateComputeEnvironment(stack, 'CE', { vpc, spot: true, maxvCpus: 512, computeEnvironmentName: 'f' });
    });
    const up = upstream.Resources.CE1BFE03A1;
    expect(up.Properties.UpdatePolicy).toEqual({});
    expect(up.Properties.ComputeResources.UpdateToLatestImageVersion).toBe(true);
    expect(ours.Resources.CE1BFE03A1).toEqual(without(up, ['UpdatePolicy'], ['UpdateToLatestImageVersion']));
  });

  test('C3: updateToLatestImageVersion: true synthesizes, as upstream, and renders as without it', () => {
    const { ours, upstream } = bothTemplates((batch, stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new batch.FargateComputeEnvironment(stack, 'CE', { vpc, updateToLatestImageVersion: true });
    });
    const up = upstream.Resources.CE1BFE03A1;
    expect(up.Properties.ComputeResources.UpdateToLatestImageVersion).toBe(true);
    expect(ours.Resources.CE1BFE03A1).toEqual(without(up, ['UpdatePolicy'], ['UpdateToLatestImageVersion']));
  });

  test('spot without a strategy defaults to SPOT_PRICE_CAPACITY_OPTIMIZED, as 2.95.1 (the graduated module) does; the 2.91 oracle predates it', () => {
    const scenario: Scenario = (batch, stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc, spot: true });
    };
    const { ours, upstream } = bothTemplates(scenario);
    expect(upstream.Resources.CE1BFE03A1.Properties.ComputeResources.AllocationStrategy).toEqual('SPOT_CAPACITY_OPTIMIZED');
    expect(ours.Resources.CE1BFE03A1.Properties.ComputeResources.AllocationStrategy).toEqual('SPOT_PRICE_CAPACITY_OPTIMIZED');
    const graduated = synthWith(stableBatch, scenario);
    expect(graduated.Resources.CE1BFE03A1.Properties.ComputeResources.AllocationStrategy).toEqual('SPOT_PRICE_CAPACITY_OPTIMIZED');
    expect(without(ours.Resources.CE1BFE03A1, [], ['AllocationStrategy'])).toEqual(without(upstream.Resources.CE1BFE03A1, [], ['AllocationStrategy']));
  });

  test('C4: a launch template imported by name is rendered by name (upstream renders an empty LaunchTemplate)', () => {
    const { ours, upstream } = bothTemplates((batch, stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      const launchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'LT', { launchTemplateName: 'lt' });
      new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc, launchTemplate });
    });
    expect(upstream.Resources.CE1BFE03A1.Properties.ComputeResources.LaunchTemplate).toEqual({});
    expect(ours.Resources.CE1BFE03A1.Properties.ComputeResources.LaunchTemplate).toEqual({ LaunchTemplateName: 'lt' });
  });

  test('C5: descriptive instance class aliases render as the EC2 family Batch knows', () => {
    const { ours, upstream } = bothTemplates((batch, stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
        vpc, useOptimalInstanceClasses: false, instanceClasses: [ec2.InstanceClass.STANDARD6_GRAVITON, ec2.InstanceClass.M6G],
      });
    });
    expect(upstream.Resources.CE1BFE03A1.Properties.ComputeResources.InstanceTypes).toEqual(['standard6-graviton', 'm6g']);
    expect(ours.Resources.CE1BFE03A1.Properties.ComputeResources.InstanceTypes).toEqual(['m6g', 'm6g']);
  });

  test('C10: two generic images collide upstream, here each has its own mapping', () => {
    const scenario = (batch: BatchModule, stack: Stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
        vpc,
        images: [
          { image: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-11111111' }) },
          { image: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-22222222' }) },
        ],
      });
    };
    expect(() => synthWith(upstream, scenario)).toThrow(/There is already a Construct with name 'AmiMap'/);
    const template = synthWith(ours, scenario);
    expect(Object.keys(template.Mappings)).toHaveLength(2);
    const config = template.Resources.CE1BFE03A1.Properties.ComputeResources.Ec2Configuration;
    expect(config.map((c: any) => c.ImageIdOverride['Fn::FindInMap'][0])).toEqual(Object.keys(template.Mappings));
  });

  test.each<[string, () => ec2.IMachineImage[]]>([
    ['a GPU image, then a generic one', () => [
      ecs.EcsOptimizedImage.amazonLinux2(ecs.AmiHardwareType.GPU),
      ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-11111111' }),
    ]],
    ['an SSM image between two images without mappings, then a generic one', () => [
      ecs.EcsOptimizedImage.amazonLinux2(),
      ecs.EcsOptimizedImage.amazonLinux2(ecs.AmiHardwareType.ARM),
      ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-11111111', 'eu-west-1': 'ami-22222222' }),
    ]],
  ])('C10: a generic image after an image without a mapping keeps the mapping id upstream gives it (%s)', (_name, images) => {
    // GIVEN: an app upstream synthesizes
    const scenario = (batch: BatchModule, stack: Stack) => {
      new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
        vpc: new ec2.Vpc(stack, 'Vpc'),
        images: images().map((image) => ({ image })),
      });
    };

    // WHEN
    const { ours: here, upstream: there } = bothTemplates(scenario);

    // THEN: the same mapping, under the same id, used the same way
    expect(Object.keys(here.Mappings)).toHaveLength(1);
    expect(here.Mappings).toEqual(there.Mappings);
    expect(here.Resources.CE1BFE03A1.Properties.ComputeResources.Ec2Configuration)
      .toEqual(there.Resources.CE1BFE03A1.Properties.ComputeResources.Ec2Configuration);
    expect(here.Parameters).toEqual(there.Parameters);
  });

  test('C10: only the image whose mapping would collide gets a scope of its own', () => {
    const template = synthWith(ours, (batch, stack) => {
      new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
        vpc: new ec2.Vpc(stack, 'Vpc'),
        images: [
          { image: ecs.EcsOptimizedImage.amazonLinux2() },
          { image: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-11111111' }) },
          { image: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-22222222' }) },
        ],
      });
    });
    const config = template.Resources.CE1BFE03A1.Properties.ComputeResources.Ec2Configuration;
    const mappingIds = config.slice(1).map((c: any) => c.ImageIdOverride['Fn::FindInMap'][0]);
    expect(mappingIds[0]).toMatch(/^CEAmiMap/);
    expect(mappingIds[1]).toMatch(/^CEImage2AmiMap/);
  });
});
