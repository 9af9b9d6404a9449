import { App, CfnParameter, Duration, Size, Stack, Token } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as batch from '../lib';
import { FakeComputeEnvironment } from './util/fake-compute-environment';
import { expectSynthError, expectValidationError, newStack, stackWithVpc, synth } from './util';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023');

function cluster(stack: Stack): eks.ICluster {
  return eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'c', clusterSecurityGroupId: 'sg-12345678' });
}

function launchTemplate(stack: Stack): ec2.ILaunchTemplate {
  return ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'Template', { launchTemplateId: 'lt-0123456789abcdef0' });
}

function instanceTypesOf(stack: Stack): unknown {
  const ce = Object.values<any>(synth(stack).findResources('AWS::Batch::ComputeEnvironment'))[0];
  return ce.Properties.ComputeResources.InstanceTypes;
}

describe.each<[string, (stack: Stack, vpc: ec2.IVpc, props: any) => batch.ManagedEc2EcsComputeEnvironment | batch.ManagedEc2EksComputeEnvironment]>([
  ['ManagedEc2EcsComputeEnvironment', (stack, vpc, props) => new batch.ManagedEc2EcsComputeEnvironment(stack, 'CE', { vpc, ...props })],
  ['ManagedEc2EksComputeEnvironment', (stack, vpc, props) => new batch.ManagedEc2EksComputeEnvironment(stack, 'CE', {
    vpc, eksCluster: cluster(stack), kubernetesNamespace: 'batch', ...props,
  })],
])('%s instance selection', (kind, create) => {
  test.each<[string, any, string[]]>([
    ['default x86_64 classes replace optimal', { defaultInstanceClasses: [batch.DefaultInstanceClass.X86_64] }, ['default_x86_64']],
    ['types and classes come first', {
      instanceTypes: [ec2.InstanceType.of(ec2.InstanceClass.C7G, ec2.InstanceSize.LARGE)],
      instanceClasses: [ec2.InstanceClass.M7G],
      defaultInstanceClasses: [batch.DefaultInstanceClass.ARM64],
    }, ['c7g.large', 'm7g', 'default_arm64']],
    ['useOptimalInstanceClasses: false with default classes', {
      useOptimalInstanceClasses: false, defaultInstanceClasses: [batch.DefaultInstanceClass.ARM64],
    }, ['default_arm64']],
    ['an empty list of default classes keeps optimal', { defaultInstanceClasses: [] }, ['optimal']],
  ])('%s', (_name, props, expected) => {
    const { stack, vpc } = stackWithVpc();
    create(stack, vpc, props);
    expect(instanceTypesOf(stack)).toEqual(expected);
  });

  test('default classes with useOptimalInstanceClasses: true are rejected', () => {
    const { stack, vpc } = stackWithVpc();
    expectValidationError(() => create(stack, vpc, { useOptimalInstanceClasses: true, defaultInstanceClasses: [batch.DefaultInstanceClass.X86_64] }),
      new RegExp(`${kind} 'Stack/CE': defaultInstanceClasses take the place of 'optimal': useOptimalInstanceClasses must not be true with them, got defaultInstanceClasses \\['default_x86_64'\\]`));
  });

  test.each<[string, any, (ce: any) => void]>([
    ['default_arm64 with an x86 type added later', { defaultInstanceClasses: [batch.DefaultInstanceClass.ARM64] },
      (ce) => ce.addInstanceType(ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE))],
    ['default_x86_64 with an ARM class added later', { defaultInstanceClasses: [batch.DefaultInstanceClass.X86_64] },
      (ce) => ce.addInstanceClass(ec2.InstanceClass.C7G)],
    ['both default classes', { defaultInstanceClasses: [batch.DefaultInstanceClass.X86_64, batch.DefaultInstanceClass.ARM64] }, () => undefined],
  ])('%s fails synthesis: CPU architectures never mix', (_name, props, later) => {
    const { stack, vpc } = stackWithVpc();
    later(create(stack, vpc, props));
    expectSynthError(stack, new RegExp(`${kind} 'Stack/CE': instance types and classes must all have one CPU architecture, got`));
  });

  test.each<[string, any]>([
    ['an AL2023 image type', { images: [{ imageType: kind.includes('Ecs') ? 'ECS_AL2023' : 'EKS_AL2023' }] }],
    ['the defaultToAL2023 flag and no images', {}],
  ])('A1 instances with %s fail synthesis', (name, props) => {
    const app = new App({ context: name.includes('flag') ? { '@aws-cdk/aws-batch:defaultToAL2023': true } : {} });
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const ce = create(stack, vpc, { useOptimalInstanceClasses: false, ...props });
    ce.addInstanceType(ec2.InstanceType.of(ec2.InstanceClass.A1, ec2.InstanceSize.LARGE));
    expectSynthError(stack, new RegExp(`${kind} 'Stack/CE': instance types and classes must not be A1 with an Amazon Linux 2023 image, which does not support A1 instances, got \\['a1.large'\\]`));
  });

  test('A1 instances with Amazon Linux 2 pass', () => {
    const { stack, vpc } = stackWithVpc();
    create(stack, vpc, { useOptimalInstanceClasses: false, instanceClasses: [ec2.InstanceClass.A1] });
    expect(instanceTypesOf(stack)).toEqual(['a1']);
  });

  test('with the defaultToAL2023 flag, an image without a type is Amazon Linux 2023', () => {
    const stack = new Stack(new App({ context: { '@aws-cdk/aws-batch:defaultToAL2023': true } }), 'Stack');
    create(stack, new ec2.Vpc(stack, 'Vpc'), { images: [{}] });
    synth(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeResources: { Ec2Configuration: [{ ImageType: kind.includes('Ecs') ? 'ECS_AL2023' : 'EKS_AL2023' }] },
    });
  });
});

describe('EKS nodeadm user data', () => {
  test.each<[string, batch.EksMachineImageType, string | undefined]>([
    ['EKS_AL2023', batch.EksMachineImageType.EKS_AL2023, 'EKS_NODEADM'],
    ['EKS_AL2023_NVIDIA', batch.EksMachineImageType.EKS_AL2023_NVIDIA, 'EKS_NODEADM'],
    ['EKS_AL2', batch.EksMachineImageType.EKS_AL2, undefined],
  ])('%s with a launch template renders UserdataType %s', (_name, imageType, expected) => {
    const { stack, vpc } = stackWithVpc();
    new batch.ManagedEc2EksComputeEnvironment(stack, 'CE', {
      vpc, eksCluster: cluster(stack), kubernetesNamespace: 'batch', launchTemplate: launchTemplate(stack), images: [{ imageType }],
    });
    synth(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeResources: { LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0', UserdataType: expected ?? Match.absent() } },
    });
  });

  test('AL2023 without a launch template renders no LaunchTemplate', () => {
    const { stack, vpc } = stackWithVpc();
    new batch.ManagedEc2EksComputeEnvironment(stack, 'CE', {
      vpc, eksCluster: cluster(stack), kubernetesNamespace: 'batch', images: [{ imageType: batch.EksMachineImageType.EKS_AL2023 }],
    });
    synth(stack).hasResourceProperties('AWS::Batch::ComputeEnvironment', { ComputeResources: { LaunchTemplate: Match.absent() } });
  });
});

describe('JobQueue jobStateTimeLimitActions', () => {
  const reason = batch.JobStateTimeLimitActionsReason.COMPUTE_ENVIRONMENT_MAX_RESOURCE;

  test('renders the actions with their defaults', () => {
    const stack = newStack();
    new batch.JobQueue(stack, 'Queue', {
      computeEnvironments: [{ computeEnvironment: new FakeComputeEnvironment(stack, 'CE'), order: 1 }],
      jobStateTimeLimitActions: [{ maxTime: Duration.minutes(10), reason }, { maxTime: Duration.seconds(new CfnParameter(stack, 'T', { type: 'Number' }).valueAsNumber), reason }],
    });
    synth(stack).hasResourceProperties('AWS::Batch::JobQueue', {
      JobStateTimeLimitActions: [
        { Action: 'CANCEL', MaxTimeSeconds: 600, Reason: 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE', State: 'RUNNABLE' },
        { Action: 'CANCEL', MaxTimeSeconds: { Ref: 'T' }, Reason: 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE', State: 'RUNNABLE' },
      ],
    });
  });

  test('an empty list renders nothing', () => {
    const stack = newStack();
    new batch.JobQueue(stack, 'Queue', {
      computeEnvironments: [{ computeEnvironment: new FakeComputeEnvironment(stack, 'CE'), order: 1 }],
      jobStateTimeLimitActions: [],
    });
    synth(stack).hasResourceProperties('AWS::Batch::JobQueue', { JobStateTimeLimitActions: Match.absent() });
  });

  test.each<[string, Duration, RegExp]>([
    ['under 10 minutes', Duration.seconds(599), /JobQueue 'Stack\/Queue': jobStateTimeLimitActions\[0\]\.maxTime must be a whole number of seconds between 600 and 86400, got 9 minutes 59 seconds/],
    ['over 24 hours', Duration.hours(25), /jobStateTimeLimitActions\[0\]\.maxTime must be a whole number of seconds between 600 and 86400, got 1 day 1 hour/],
    ['a fraction of a second', Duration.millis(600_500), /jobStateTimeLimitActions\[0\]\.maxTime must be a whole number of seconds between 600 and 86400/],
    ['a token in minutes', Duration.minutes(Token.asNumber({ Ref: 'T' })), /jobStateTimeLimitActions\[0\]\.maxTime must be created with Duration.seconds\(\) when its value is unresolved/],
  ])('a maxTime %s is rejected', (_name, maxTime, message) => {
    const stack = newStack();
    expectValidationError(() => new batch.JobQueue(stack, 'Queue', { jobStateTimeLimitActions: [{ maxTime, reason }] }), message);
  });

  test('TERMINATE fails synthesis on a queue of compute environments', () => {
    const stack = newStack();
    new batch.JobQueue(stack, 'Queue', {
      computeEnvironments: [{ computeEnvironment: new FakeComputeEnvironment(stack, 'CE'), order: 1 }],
      jobStateTimeLimitActions: [{ maxTime: Duration.hours(1), reason, action: batch.JobStateTimeLimitActionsAction.TERMINATE }],
    });
    expectSynthError(stack, /JobQueue 'Stack\/Queue': jobStateTimeLimitActions\[0\]\.action must be CANCEL for a queue of compute environments/);
  });
});

describe('skipDeregisterOnUpdate', () => {
  test.each([true, false])('%s renders ResourceRetentionPolicy, unset renders nothing', (skip) => {
    const stack = newStack();
    const container = new batch.EcsEc2ContainerDefinition(stack, 'Container', { image: IMAGE, cpu: 1, memory: Size.mebibytes(512) });
    const job = new batch.EcsJobDefinition(stack, 'Job', { container, skipDeregisterOnUpdate: skip });
    new batch.EcsJobDefinition(stack, 'Plain', { container });
    expect(job.skipDeregisterOnUpdate).toBe(skip);
    const template = synth(stack);
    template.hasResourceProperties('AWS::Batch::JobDefinition', { ResourceRetentionPolicy: { SkipDeregisterOnUpdate: skip } });
    expect(Object.values<any>(template.findResources('AWS::Batch::JobDefinition')).filter((r) => r.Properties.ResourceRetentionPolicy)).toHaveLength(1);
  });
});

describe('ECS Exec', () => {
  const SSM = ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'];

  test.each<[string, (stack: Stack, props: any) => batch.IEcsContainerDefinition]>([
    ['EcsEc2ContainerDefinition', (stack, props) => new batch.EcsEc2ContainerDefinition(stack, 'Container', { image: IMAGE, cpu: 1, memory: Size.mebibytes(512), ...props })],
    ['EcsFargateContainerDefinition', (stack, props) => new batch.EcsFargateContainerDefinition(stack, 'Container', { image: IMAGE, cpu: 1, memory: Size.gibibytes(2), ...props })],
  ])('%s: a job role is created with the ssmmessages actions', (_name, create) => {
    const stack = newStack();
    const container = create(stack, { enableExecuteCommand: true });
    new batch.EcsJobDefinition(stack, 'Job', { container });
    expect(container.jobRole).toBeDefined();
    const template = synth(stack);
    template.hasResourceProperties('AWS::Batch::JobDefinition', {
      ContainerProperties: { EnableExecuteCommand: true, JobRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ContainerJobRole'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^ContainerJobRole') }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: SSM, Resource: '*' }] },
    });
  });

  test('a given job role gets the actions', () => {
    const stack = newStack();
    const jobRole = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const container = new batch.EcsEc2ContainerDefinition(stack, 'Container', { image: IMAGE, cpu: 1, memory: Size.mebibytes(512), jobRole, enableExecuteCommand: true });
    new batch.EcsJobDefinition(stack, 'Job', { container });
    expect(container.jobRole).toBe(jobRole);
    synth(stack).hasResourceProperties('AWS::IAM::Policy', { Roles: [{ Ref: Match.stringLikeRegexp('^Role') }], PolicyDocument: { Statement: [{ Action: SSM }] } });
  });

  test.each([false, undefined])('enableExecuteCommand %s creates no role and renders nothing', (enableExecuteCommand) => {
    const stack = newStack();
    const container = new batch.EcsEc2ContainerDefinition(stack, 'Container', { image: IMAGE, cpu: 1, memory: Size.mebibytes(512), enableExecuteCommand });
    new batch.EcsJobDefinition(stack, 'Job', { container });
    expect(container.jobRole).toBeUndefined();
    const props = Object.values<any>(synth(stack).findResources('AWS::Batch::JobDefinition'))[0].Properties.ContainerProperties;
    expect(props.EnableExecuteCommand).toBe(enableExecuteCommand === false ? false : undefined);
  });
});

describe('Fargate runtime platform', () => {
  function fargate(stack: Stack, props: Partial<batch.EcsFargateContainerDefinitionProps>): batch.EcsFargateContainerDefinition {
    return new batch.EcsFargateContainerDefinition(stack, 'Container', { image: IMAGE, cpu: 1, memory: Size.gibibytes(2), ...props });
  }

  test('ARM64 renders RuntimePlatform', () => {
    const stack = newStack();
    new batch.EcsJobDefinition(stack, 'Job', { container: fargate(stack, { fargateCpuArchitecture: ecs.CpuArchitecture.ARM64 }) });
    synth(stack).hasResourceProperties('AWS::Batch::JobDefinition', { ContainerProperties: { RuntimePlatform: { CpuArchitecture: 'ARM64' }, ReadonlyRootFilesystem: false } });
  });

  test('Windows renders its family and drops ReadonlyRootFilesystem', () => {
    const stack = newStack();
    const container = fargate(stack, { fargateOperatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2019_FULL });
    new batch.EcsJobDefinition(stack, 'Job', { container });
    const props = Object.values<any>(synth(stack).findResources('AWS::Batch::JobDefinition'))[0].Properties.ContainerProperties;
    expect(props.RuntimePlatform).toEqual({ OperatingSystemFamily: 'WINDOWS_SERVER_2019_FULL' });
    expect(props.ReadonlyRootFilesystem).toBeUndefined();
    expect(container.fargateOperatingSystemFamily).toBe(ecs.OperatingSystemFamily.WINDOWS_SERVER_2019_FULL);
  });

  test.each<[string, Partial<batch.EcsFargateContainerDefinitionProps>, RegExp]>([
    ['ARM64', { fargateCpuArchitecture: ecs.CpuArchitecture.ARM64 }, /fargateCpuArchitecture must be X86_64 for Windows containers, got ARM64/],
    ['readonlyRootFilesystem', { readonlyRootFilesystem: true }, /readonlyRootFilesystem must not be true for Windows containers \(WINDOWS_SERVER_2022_CORE\), got true/],
    ['linuxParameters', { linuxParameters: new batch.LinuxParameters(newStack(), 'Lp') }, /linuxParameters must not be set for Windows containers/],
    ['user', { user: 'admin' }, /user must not be set for Windows containers \(WINDOWS_SERVER_2022_CORE\), got 'admin'/],
  ])('Windows with %s is rejected', (_name, props, message) => {
    const stack = newStack();
    expectValidationError(() => fargate(stack, { fargateOperatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE, ...props }),
      new RegExp(`EcsFargateContainerDefinition 'Stack/Container': ${message.source}`));
  });

  test('Windows with an EFS volume added later fails synthesis', () => {
    const stack = newStack();
    const container = fargate(stack, { fargateOperatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE });
    new batch.EcsJobDefinition(stack, 'Job', { container });
    const fileSystem = { fileSystemId: 'fs-12345678' } as any;
    container.addVolume(batch.EcsVolume.efs({ name: 'data', containerPath: '/data', fileSystem }));
    expectSynthError(stack, /volumes\[0\] must not be an EFS volume for Windows containers, got EFS volume 'data'/);
  });
});

describe('MultiNodeJobDefinition without an instance type', () => {
  test('omits InstanceType; the attribute is an OptimalInstanceType', () => {
    const stack = newStack();
    const job = new batch.MultiNodeJobDefinition(stack, 'Mnp');
    job.addContainer({ startNode: 0, endNode: 0, container: new batch.EcsEc2ContainerDefinition(stack, 'C', { image: IMAGE, cpu: 1, memory: Size.mebibytes(512), enableExecuteCommand: true }) });
    expect(job.instanceType).toBeInstanceOf(batch.OptimalInstanceType);
    expect(job.instanceType.toString()).toBe('optimal');
    const range = Object.values<any>(synth(stack).findResources('AWS::Batch::JobDefinition'))[0].Properties.NodeProperties.NodeRangeProperties[0];
    expect(range.Container.InstanceType).toBeUndefined();
    expect(range.Container.EnableExecuteCommand).toBe(true);
  });
});
