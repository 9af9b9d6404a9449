import * as core from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ours from '../../lib';

/**
 * What aws-cdk-lib 2.276's stable `aws-batch` added since 2.95.1, built with this library and
 * with that module (aws-cdk-lib 2.276.0 itself, the devDependency alias `aws-cdk-lib-2-276`, used
 * here only as an oracle): the same apps give the same Batch and IAM resources. The deliberate
 * differences (DEVIATIONS.md, P rows) are shown by the tests at the end.
 *
 * Each app is built entirely with one aws-cdk-lib: this library with the development one, the
 * stable module with its own release, so that no construct of one copy ends up in the other.
 */

/** The parts of an aws-cdk-lib the apps are built with. */
interface Cdk {
  readonly App: typeof core.App;
  readonly Stack: typeof core.Stack;
  readonly Duration: typeof core.Duration;
  readonly Size: typeof core.Size;
  readonly Template: typeof Template;
  readonly ec2: typeof ec2;
  readonly ecs: typeof ecs;
  readonly eks: typeof eks;
  readonly iam: typeof iam;
}

/** A Batch library and the aws-cdk-lib its apps are built with. */
interface Library {
  readonly batch: any;
  readonly cdk: Cdk;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const thisLibrary: Library = { batch: ours, cdk: { ...core, Template, ec2, ecs, eks, iam } };
const stable: Library = {
  batch: require('aws-cdk-lib-2-276/aws-batch'),
  cdk: {
    ...require('aws-cdk-lib-2-276'),
    Template: require('aws-cdk-lib-2-276/assertions').Template,
    ec2: require('aws-cdk-lib-2-276/aws-ec2'),
    ecs: require('aws-cdk-lib-2-276/aws-ecs'),
    eks: require('aws-cdk-lib-2-276/aws-eks'),
    iam: require('aws-cdk-lib-2-276/aws-iam'),
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

type Scenario = (batch: any, stack: core.Stack, cdk: Cdk) => void;

const COMPARED = ['AWS::Batch::', 'AWS::IAM::Role', 'AWS::IAM::Policy'];

function synthWith(lib: Library, scenario: Scenario, context: Record<string, unknown> = {}): Record<string, any> {
  const app = new lib.cdk.App({ context });
  const stack = new lib.cdk.Stack(app, 'Stack');
  scenario(lib.batch, stack, lib.cdk);
  const resources = lib.cdk.Template.fromStack(stack).toJSON().Resources ?? {};
  return Object.fromEntries(Object.entries(resources).filter(([, r]: [string, any]) => COMPARED.some((t) => r.Type.startsWith(t))));
}

function vpcIn(cdk: Cdk, stack: core.Stack): ec2.Vpc {
  return new cdk.ec2.Vpc(stack, 'Vpc');
}

function clusterIn(cdk: Cdk, stack: core.Stack): eks.ICluster {
  return cdk.eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c', clusterSecurityGroupId: 'sg-12345678' });
}

function templateIn(cdk: Cdk, stack: core.Stack): ec2.ILaunchTemplate {
  return cdk.ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'Template', { launchTemplateId: 'lt-0123456789abcdef0' });
}

function image(cdk: Cdk): ecs.ContainerImage {
  return cdk.ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023');
}

const scenarios: Record<string, Scenario> = {
  '1: ECS default x86_64 classes in place of optimal': (batch, stack, cdk) => {
    new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
      vpc: vpcIn(cdk, stack),
      instanceClasses: [cdk.ec2.InstanceClass.M6I],
      defaultInstanceClasses: [batch.DefaultInstanceClass.X86_64],
    });
  },
  '1: ECS default arm64 classes with Graviton types': (batch, stack, cdk) => {
    new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
      vpc: vpcIn(cdk, stack),
      instanceTypes: [cdk.ec2.InstanceType.of(cdk.ec2.InstanceClass.C7G, cdk.ec2.InstanceSize.LARGE)],
      defaultInstanceClasses: [batch.DefaultInstanceClass.ARM64],
    });
  },
  '1: EKS default classes': (batch, stack, cdk) => {
    new batch.ManagedEc2EksComputeEnvironment(stack, 'CE', {
      vpc: vpcIn(cdk, stack),
      eksCluster: clusterIn(cdk, stack),
      kubernetesNamespace: 'batch',
      defaultInstanceClasses: [batch.DefaultInstanceClass.X86_64],
    });
  },
  '2: ECS Amazon Linux 2023 images': (batch, stack, cdk) => {
    new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
      vpc: vpcIn(cdk, stack),
      images: [{ imageType: batch.EcsMachineImageType.ECS_AL2023 }, { imageType: batch.EcsMachineImageType.ECS_AL2023_NVIDIA }],
    });
  },
  '2: EKS Amazon Linux 2023 with a launch template renders nodeadm user data': (batch, stack, cdk) => {
    new batch.ManagedEc2EksComputeEnvironment(stack, 'CE', {
      vpc: vpcIn(cdk, stack),
      eksCluster: clusterIn(cdk, stack),
      kubernetesNamespace: 'batch',
      launchTemplate: templateIn(cdk, stack),
      images: [{ imageType: batch.EksMachineImageType.EKS_AL2023 }, { imageType: batch.EksMachineImageType.EKS_AL2023_NVIDIA }],
    });
  },
  '2: EKS Amazon Linux 2 with a launch template renders no user data type': (batch, stack, cdk) => {
    new batch.ManagedEc2EksComputeEnvironment(stack, 'CE', {
      vpc: vpcIn(cdk, stack),
      eksCluster: clusterIn(cdk, stack),
      kubernetesNamespace: 'batch',
      launchTemplate: templateIn(cdk, stack),
      images: [{ imageType: batch.EksMachineImageType.EKS_AL2 }],
    });
  },
  '3: job queue with job state time limit actions': (batch, stack, cdk) => {
    const ce = new batch.FargateComputeEnvironment(stack, 'CE', { vpc: vpcIn(cdk, stack) });
    new batch.JobQueue(stack, 'Queue', {
      computeEnvironments: [{ computeEnvironment: ce, order: 1 }],
      jobStateTimeLimitActions: [
        { maxTime: cdk.Duration.minutes(10), reason: batch.JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY },
        {
          maxTime: cdk.Duration.hours(24),
          reason: batch.JobStateTimeLimitActionsReason.JOB_RESOURCE_REQUIREMENT,
          action: batch.JobStateTimeLimitActionsAction.CANCEL,
          state: batch.JobStateTimeLimitActionsState.RUNNABLE,
        },
      ],
    });
  },
  '3: job queue with an empty list of actions': (batch, stack, cdk) => {
    const ce = new batch.FargateComputeEnvironment(stack, 'CE', { vpc: vpcIn(cdk, stack) });
    new batch.JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: ce, order: 1 }], jobStateTimeLimitActions: [] });
  },
  '4: skipDeregisterOnUpdate on every kind of job definition': (batch, stack, cdk) => {
    const container = new batch.EcsEc2ContainerDefinition(stack, 'Container', { image: image(cdk), cpu: 1, memory: cdk.Size.mebibytes(512) });
    new batch.EcsJobDefinition(stack, 'Ecs', { container, skipDeregisterOnUpdate: true });
    new batch.EksJobDefinition(stack, 'Eks', {
      skipDeregisterOnUpdate: false,
      container: new batch.EksContainerDefinition(stack, 'EksContainer', { image: image(cdk), cpuLimit: 1, memoryLimit: cdk.Size.mebibytes(512) }),
    });
    new batch.MultiNodeJobDefinition(stack, 'Mnp', {
      skipDeregisterOnUpdate: true,
      instanceType: cdk.ec2.InstanceType.of(cdk.ec2.InstanceClass.C5, cdk.ec2.InstanceSize.LARGE),
      containers: [{ startNode: 0, endNode: 1, container }],
    });
  },
  '5: ECS Exec creates a job role': (batch, stack, cdk) => {
    new batch.EcsJobDefinition(stack, 'Job', {
      container: new batch.EcsEc2ContainerDefinition(stack, 'Container', { image: image(cdk), cpu: 1, memory: cdk.Size.mebibytes(512), enableExecuteCommand: true }),
    });
  },
  '5: ECS Exec adds to the given job role, on Fargate': (batch, stack, cdk) => {
    const jobRole = new cdk.iam.Role(stack, 'Role', { assumedBy: new cdk.iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    new batch.EcsJobDefinition(stack, 'Job', {
      container: new batch.EcsFargateContainerDefinition(stack, 'Container', {
        image: image(cdk), cpu: 1, memory: cdk.Size.gibibytes(2), enableExecuteCommand: true, jobRole,
        fargateCpuArchitecture: cdk.ecs.CpuArchitecture.ARM64,
      }),
    });
  },
  '5: Fargate Windows container drops ReadonlyRootFilesystem': (batch, stack, cdk) => {
    new batch.EcsJobDefinition(stack, 'Job', {
      container: new batch.EcsFargateContainerDefinition(stack, 'Container', {
        image: image(cdk), cpu: 1, memory: cdk.Size.gibibytes(2),
        fargateOperatingSystemFamily: cdk.ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
        fargateCpuArchitecture: cdk.ecs.CpuArchitecture.X86_64,
      }),
    });
  },
  '6: multi-node job definition without an instance type': (batch, stack, cdk) => {
    const job = new batch.MultiNodeJobDefinition(stack, 'Mnp');
    job.addContainer({
      startNode: 0, endNode: 2,
      container: new batch.EcsEc2ContainerDefinition(stack, 'Container', { image: image(cdk), cpu: 1, memory: cdk.Size.mebibytes(512), enableExecuteCommand: true }),
    });
  },
  '7: consumable resources and their grants': (batch, stack, cdk) => {
    const licenses = new batch.ConsumableResource(stack, 'Licenses', {
      totalQuantity: 10,
      consumableResourceName: 'licenses',
      resourceType: batch.ConsumableResourceType.NON_REPLENISHABLE,
      tags: { team: 'research' },
    });
    const plain = new batch.ConsumableResource(stack, 'Plain', { totalQuantity: 0 });
    const imported = batch.ConsumableResource.fromConsumableResourceArn(stack, 'Imported',
      'arn:aws:batch:us-east-1:123456789012:consumable-resource/seats');
    const role = new cdk.iam.Role(stack, 'Reader', { assumedBy: new cdk.iam.AccountRootPrincipal() });
    licenses.grants.read(role);
    plain.grants.update(role);
    imported.grants.actions(role, ['batch:DescribeConsumableResource']);
  },
};

describe('this library and aws-cdk-lib 2.276 render the same Batch and IAM resources', () => {
  test.each(Object.entries(scenarios))('%s', (_name, scenario) => {
    const mine = synthWith(thisLibrary, scenario);
    expect(Object.keys(mine).length).toBeGreaterThan(0);
    expect(withoutOlderDifferences(mine)).toEqual(withoutOlderDifferences(withoutEmptyRuntimePlatform(synthWith(stable, scenario))));
  });

  test('2: with @aws-cdk/aws-batch:defaultToAL2023, images without a type are Amazon Linux 2023', () => {
    const scenario: Scenario = (batch, stack, cdk) => {
      const vpc = vpcIn(cdk, stack);
      new batch.ManagedEc2EcsComputeEnvironment(stack, 'Ecs', { vpc, images: [{}] });
      new batch.ManagedEc2EksComputeEnvironment(stack, 'Eks', {
        vpc,
        eksCluster: clusterIn(cdk, stack), kubernetesNamespace: 'batch', launchTemplate: templateIn(cdk, stack), images: [{}],
      });
    };
    const context = { '@aws-cdk/aws-batch:defaultToAL2023': true };
    const mine = synthWith(thisLibrary, scenario, context);
    expect(JSON.stringify(mine)).toContain('EKS_NODEADM');
    expect(JSON.stringify(mine)).toContain('"ImageType":"ECS_AL2023"');
    expect(withoutOlderDifferences(mine)).toEqual(withoutOlderDifferences(synthWith(stable, scenario, context)));
  });
});

/**
 * Removes what differs between 2.95.1 and 2.276 for reasons older than the features compared
 * here: 2.95.1 (and so this library) renders `UpdateToLatestImageVersion: true` on EC2 compute
 * environments, which 2.276 leaves to Batch's default, and 2.276 renders `UpdatePolicy: {}` on
 * Fargate environments, which this library does not (DEVIATIONS.md, C3).
 */
function withoutOlderDifferences(resources: Record<string, any>): Record<string, any> {
  const copy = JSON.parse(JSON.stringify(resources));
  for (const r of Object.values<any>(copy)) {
    if (r.Type !== 'AWS::Batch::ComputeEnvironment') {
      continue;
    }
    if (r.Properties.ComputeResources?.UpdateToLatestImageVersion === true) {
      delete r.Properties.ComputeResources.UpdateToLatestImageVersion;
    }
    if (r.Properties.UpdatePolicy && Object.keys(r.Properties.UpdatePolicy).length === 0 && r.Properties.ComputeResources?.Type?.startsWith('FARGATE')) {
      delete r.Properties.UpdatePolicy;
    }
  }
  return copy;
}

/** Removes the `RuntimePlatform: {}` (P3) that aws-cdk-lib 2.276 renders on Fargate containers that set neither prop. */
function withoutEmptyRuntimePlatform(resources: Record<string, any>): Record<string, any> {
  const copy = JSON.parse(JSON.stringify(resources));
  for (const r of Object.values<any>(copy)) {
    const props = r.Properties?.ContainerProperties;
    if (props?.RuntimePlatform && Object.keys(props.RuntimePlatform).length === 0) {
      delete props.RuntimePlatform;
    }
  }
  return copy;
}

describe('deliberate differences from aws-cdk-lib 2.276 (DEVIATIONS.md, P rows)', () => {
  test('P1: useOptimalInstanceClasses: false with defaultInstanceClasses fails in 2.276, renders the default classes here', () => {
    const scenario: Scenario = (batch, stack, cdk) => {
      new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', {
        vpc: vpcIn(cdk, stack),
        useOptimalInstanceClasses: false,
        defaultInstanceClasses: [batch.DefaultInstanceClass.ARM64],
      });
    };
    expect(() => synthWith(stable, scenario)).toThrow(/defaultInstanceClasses/);
    const mine = Object.values<any>(synthWith(thisLibrary, scenario)).find((r) => r.Type === 'AWS::Batch::ComputeEnvironment');
    expect(mine.Properties.ComputeResources.InstanceTypes).toEqual(['default_arm64']);
  });

  test.each<[string, (batch: any, cdk: Cdk) => any]>([
    ['default_arm64 with x86 types', (batch, cdk) => ({
      instanceTypes: [cdk.ec2.InstanceType.of(cdk.ec2.InstanceClass.M5, cdk.ec2.InstanceSize.LARGE)],
      defaultInstanceClasses: [batch.DefaultInstanceClass.ARM64],
    })],
    ['default_x86_64 with ARM classes', (batch, cdk) => ({
      instanceClasses: [cdk.ec2.InstanceClass.C7G],
      defaultInstanceClasses: [batch.DefaultInstanceClass.X86_64],
    })],
    ['both default classes', (batch) => ({
      defaultInstanceClasses: [batch.DefaultInstanceClass.X86_64, batch.DefaultInstanceClass.ARM64],
    })],
    ["'optimal' with ARM classes", (_batch, cdk) => ({ instanceClasses: [cdk.ec2.InstanceClass.A1] })],
  ])('P2: %s: 2.276 renders a mix of CPU architectures, here a synth error', (_name, props) => {
    const scenario: Scenario = (batch, stack, cdk) => {
      new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc: vpcIn(cdk, stack), ...props(batch, cdk) });
    };
    const theirs = Object.values<any>(synthWith(stable, scenario)).find((r) => r.Type === 'AWS::Batch::ComputeEnvironment');
    expect(theirs.Properties.ComputeResources.InstanceTypes.length).toBeGreaterThan(1);
    expect(() => synthWith(thisLibrary, scenario)).toThrow(/must all have one CPU architecture/);
  });

  test('P3: a Fargate container without runtime platform props renders RuntimePlatform: {} in 2.276, nothing here (as 2.95.1)', () => {
    const scenario: Scenario = (batch, stack, cdk) => {
      new batch.EcsJobDefinition(stack, 'Job', {
        container: new batch.EcsFargateContainerDefinition(stack, 'Container', { image: image(cdk), cpu: 1, memory: cdk.Size.gibibytes(2) }),
      });
    };
    const jobOf = (r: Record<string, any>) => Object.values<any>(r).find((x) => x.Type === 'AWS::Batch::JobDefinition');
    expect(jobOf(synthWith(stable, scenario)).Properties.ContainerProperties.RuntimePlatform).toEqual({});
    expect(jobOf(synthWith(thisLibrary, scenario)).Properties.ContainerProperties.RuntimePlatform).toBeUndefined();
  });
});
