import { Duration, Size, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { IConstruct } from 'constructs';

/*
 * One fully-featured instance of every public construct that owns a CloudFormation resource, built with the
 * richest props: the library renders as much as it can, newer CloudFormation included. Each builder takes the
 * module to build with: this library, or aws-cdk-lib's stable `aws-batch`, which has the same API for the
 * constructs it has (`moduleHas()` tells which). Props the stable module does not know are passed only to this
 * library (`isOurs()`).
 */

/** A construct and the CloudFormation resource type of its `node.defaultChild`. */
export interface FullConstruct {
  /** The class name, as both modules export it. */
  readonly name: string;
  /** What sets this instance apart, when a class has several. */
  readonly variant?: string;
  readonly resourceType: string;
  /** The classes of the module this needs (all of them, for the stable module to have it). */
  readonly needs: string[];
  readonly build: (batch: any, stack: Stack) => IConstruct;
}

/** Whether the module has every one of the classes. */
export function moduleHas(batch: any, names: string[]): boolean {
  return names.every((name) => typeof batch[name] === 'function');
}

/** Whether the module is this library (it has what aws-cdk-lib's stable module lacks). */
function isOurs(batch: any): boolean {
  return typeof batch.LaunchTemplateVersion === 'function';
}

const IMAGE = 'public.ecr.aws/amazonlinux/amazonlinux:2023';
const ACCOUNT = '123456789012';

function vpcOf(stack: Stack): ec2.IVpc {
  return (stack.node.tryFindChild('Vpc') as ec2.IVpc | undefined) ?? new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
}

function role(stack: Stack, id: string, service: string): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal(service) });
}

function templateOf(stack: Stack, id: string): ec2.ILaunchTemplate {
  return ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, id, { launchTemplateId: `lt-0123456789abcdef${id.length}` });
}

function clusterOf(stack: Stack): eks.ICluster {
  return eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'cluster', clusterSecurityGroupId: 'sg-12345678' });
}

function consumable(batch: any, stack: Stack): object[] {
  if (!isOurs(batch)) {
    return [];
  }
  return [{ consumableResource: new batch.ConsumableResource(stack, `Licenses${stack.node.children.length}`, { totalQuantity: 10 }), quantity: 2 }];
}

/** The props every job definition shares. */
function jobProps(batch: any, stack: Stack): object {
  return {
    jobDefinitionName: 'full_job',
    parameters: { input: 's3://bucket/key' },
    retryAttempts: 3,
    retryStrategies: [batch.RetryStrategy.of(batch.Action.EXIT, batch.Reason.CANNOT_PULL_CONTAINER)],
    schedulingPriority: 10,
    timeout: Duration.minutes(30),
    ...(isOurs(batch) ? { skipDeregisterOnUpdate: true, consumableResources: consumable(batch, stack) } : {}),
  };
}

function linuxParameters(batch: any, stack: Stack): any {
  const linux = new batch.LinuxParameters(stack, `Linux${stack.node.children.length}`, {
    initProcessEnabled: true,
    sharedMemorySize: Size.mebibytes(64),
    maxSwap: Size.mebibytes(1024),
    swappiness: 30,
  });
  linux.addDevices({ hostPath: '/dev/fuse', containerPath: '/dev/fuse', permissions: [batch.DevicePermission.READ] });
  linux.addTmpfs({ containerPath: '/tmp/scratch', size: Size.mebibytes(128), mountOptions: [batch.TmpfsMountOption.RW] });
  return linux;
}

function ecsVolumes(batch: any, stack: Stack): any[] {
  const fileSystem = new efs.FileSystem(stack, `Efs${stack.node.children.length}`, { vpc: vpcOf(stack) });
  return [
    batch.EcsVolume.efs({
      name: 'shared', containerPath: '/shared', fileSystem, accessPointId: 'fsap-0123456789abcdef0', enableTransitEncryption: true,
      rootDirectory: '/', transitEncryptionPort: 2049, useJobRole: true, readonly: true,
    }),
    batch.EcsVolume.host({ name: 'scratch', containerPath: '/scratch', hostPath: '/var/scratch' }),
    ...s3FilesVolumes(batch),
  ];
}

/** An S3 Files volume with every option, for this library (aws-cdk-lib's stable module has none). */
function s3FilesVolumes(batch: any): any[] {
  if (!isOurs(batch)) {
    return [];
  }
  const fileSystemArn = `arn:aws:s3files:us-east-1:${ACCOUNT}:file-system/fs-0123456789abcdef0`;
  return [batch.EcsVolume.s3Files({
    name: 'lake', containerPath: '/lake', readonly: true, fileSystemArn, accessPointArn: `${fileSystemArn}/access-point/fsap-0123456789abcdef0`,
    rootDirectory: '/', transitEncryptionPort: 2049,
  })];
}

/** The props every ECS container definition shares. */
function ecsContainerProps(batch: any, stack: Stack): object {
  const secret = new secretsmanager.Secret(stack, `Secret${stack.node.children.length}`);
  const credentials = new secretsmanager.Secret(stack, `Credentials${stack.node.children.length}`);
  return {
    image: ecs.ContainerImage.fromRegistry('registry.example.com/app:1', { credentials }),
    cpu: 1,
    memory: Size.mebibytes(2048),
    command: ['run', 'Ref::input'],
    environment: { MODE: 'batch' },
    executionRole: role(stack, `ExecRole${stack.node.children.length}`, 'ecs-tasks.amazonaws.com'),
    jobRole: role(stack, `JobRole${stack.node.children.length}`, 'ecs-tasks.amazonaws.com'),
    linuxParameters: linuxParameters(batch, stack),
    logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'jobs' }),
    readonlyRootFilesystem: true,
    secrets: { TOKEN: batch.Secret.fromSecretsManager(secret) },
    user: 'app',
    volumes: ecsVolumes(batch, stack),
    ...(isOurs(batch) ? { enableExecuteCommand: true } : {}),
  };
}

function ec2Container(batch: any, stack: Stack): any {
  return new batch.EcsEc2ContainerDefinition(stack, `Container${stack.node.children.length}`, {
    ...ecsContainerProps(batch, stack),
    gpu: 1,
    privileged: true,
    ulimits: [{ name: batch.UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 }],
  });
}

function fargateContainer(batch: any, stack: Stack): any {
  const { linuxParameters: _linux, ...props } = ecsContainerProps(batch, stack) as any;
  return new batch.EcsFargateContainerDefinition(stack, `Container${stack.node.children.length}`, {
    ...props,
    volumes: props.volumes.filter((v: any) => !batch.HostVolume.isHostVolume(v)),
    assignPublicIp: true,
    ephemeralStorageSize: Size.gibibytes(30),
    fargatePlatformVersion: ecs.FargatePlatformVersion.VERSION1_4,
    fargateCpuArchitecture: ecs.CpuArchitecture.ARM64,
    fargateOperatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
  });
}

/** The containers of a multi-container ECS task, every container setting used. */
function taskContainers(batch: any, stack: Stack, fargate: boolean): object[] {
  const secret = new secretsmanager.Secret(stack, `TaskSecret${stack.node.children.length}`);
  return [
    {
      name: 'app',
      image: ecs.ContainerImage.fromRegistry(IMAGE),
      cpu: fargate ? 0.5 : 1,
      memory: Size.mebibytes(1024),
      command: ['run'],
      environment: { MODE: 'batch' },
      secrets: { TOKEN: batch.Secret.fromSecretsManager(secret) },
      logging: ecs.LogDrivers.firelens({ options: { Name: 'cloudwatch', region: 'us-east-1' } }),
      user: 'app',
      readonlyRootFilesystem: true,
      dependsOn: [{ containerName: 'router', condition: ecs.ContainerDependencyCondition.START }],
      startTimeout: Duration.seconds(30),
      stopTimeout: Duration.seconds(60),
      essential: true,
      volumes: [
        batch.EcsVolume.efs({ name: 'shared', containerPath: '/shared', fileSystem: new efs.FileSystem(stack, `TaskEfs${stack.node.children.length}`, { vpc: vpcOf(stack) }) }),
        ...s3FilesVolumes(batch),
      ],
      ...(fargate ? {} : {
        linuxParameters: linuxParameters(batch, stack),
        privileged: true,
        gpu: 1,
        ulimits: [{ name: batch.UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 }],
      }),
    },
    {
      name: 'router',
      image: ecs.ContainerImage.fromRegistry(IMAGE),
      cpu: fargate ? 0.5 : 1,
      memory: Size.mebibytes(1024),
      essential: false,
      firelensConfiguration: { type: ecs.FirelensLogRouterType.FLUENTBIT, options: { 'enable-ecs-log-metadata': 'true' } },
    },
  ];
}

function task(batch: any, stack: Stack, fargate: boolean): any {
  const common = {
    containers: taskContainers(batch, stack, fargate),
    enableExecuteCommand: true,
    executionRole: role(stack, `TaskExecRole${stack.node.children.length}`, 'ecs-tasks.amazonaws.com'),
    jobRole: role(stack, `TaskJobRole${stack.node.children.length}`, 'ecs-tasks.amazonaws.com'),
  };
  return fargate
    ? new batch.EcsFargateTaskDefinition(stack, `Task${stack.node.children.length}`, {
      ...common,
      assignPublicIp: true,
      ephemeralStorageSize: Size.gibibytes(30),
      fargatePlatformVersion: ecs.FargatePlatformVersion.VERSION1_4,
      fargateCpuArchitecture: ecs.CpuArchitecture.X86_64,
      fargateOperatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
    })
    : new batch.EcsEc2TaskDefinition(stack, `Task${stack.node.children.length}`, { ...common, ipcMode: 'task', pidMode: 'task' });
}

/** A task on ECS Managed Instances with every setting: the EC2 containers, the network mode and the CPU architecture. */
function managedInstancesTask(batch: any, stack: Stack): any {
  return new batch.EcsManagedInstancesTaskDefinition(stack, `Task${stack.node.children.length}`, {
    containers: taskContainers(batch, stack, false),
    enableExecuteCommand: true,
    executionRole: role(stack, `TaskExecRole${stack.node.children.length}`, 'ecs-tasks.amazonaws.com'),
    jobRole: role(stack, `TaskJobRole${stack.node.children.length}`, 'ecs-tasks.amazonaws.com'),
    ipcMode: 'task',
    pidMode: 'task',
    networkMode: batch.EcsNetworkMode.HOST,
    cpuArchitecture: ecs.CpuArchitecture.ARM64,
  });
}

/** An EKS container with every setting, newer ones included. */
function eksContainer(batch: any, stack: Stack, name: string): any {
  const ours = isOurs(batch);
  return new batch.EksContainerDefinition(stack, `Eks${name}`, {
    image: ecs.ContainerImage.fromRegistry(IMAGE),
    name,
    args: ['--verbose'],
    command: ['sh', '-c'],
    env: { MODE: 'batch' },
    imagePullPolicy: batch.ImagePullPolicy.ALWAYS,
    cpuLimit: 2,
    cpuReservation: 1,
    memoryLimit: Size.mebibytes(2048),
    memoryReservation: Size.mebibytes(2048),
    gpuLimit: 1,
    gpuReservation: 1,
    privileged: false,
    readonlyRootFilesystem: true,
    runAsGroup: 1000,
    runAsUser: 1000,
    ...(ours ? {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
      seccompProfile: batch.SeccompProfile.localhost(`profiles/${name}.json`),
    } : {}),
    volumes: [
      batch.EksVolume.emptyDir({ name: `${name}-scratch`, mountPath: '/scratch', medium: batch.EmptyDirMediumType.MEMORY, sizeLimit: Size.mebibytes(64), ...(ours ? { subPath: 'a' } : {}) }),
      batch.EksVolume.hostPath({ name: `${name}-logs`, hostPath: '/var/log', mountPath: '/logs', readonly: true }),
      batch.EksVolume.secret({ name: `${name}-creds`, secretName: 'creds', optional: false, mountPath: '/creds' }),
      ...(ours ? [batch.EksVolume.persistentVolumeClaim({ name: `${name}-data`, claimName: 'data', readonlyClaim: true, mountPath: '/data' })] : []),
    ],
  });
}

/** The pod settings of an EKS job definition or node range. */
function podProps(batch: any, stack: Stack, prefix: string): object {
  const ours = isOurs(batch);
  return {
    container: eksContainer(batch, stack, `${prefix}main`),
    dnsPolicy: batch.DnsPolicy.CLUSTER_FIRST,
    serviceAccount: 'batch-jobs',
    useHostNetwork: true,
    ...(ours ? {
      additionalContainers: [eksContainer(batch, stack, `${prefix}sidecar`)],
      initContainers: [eksContainer(batch, stack, `${prefix}init`)],
      imagePullSecrets: ['registry-creds'],
      labels: { team: 'research' },
      annotations: { 'example.com/owner': 'research' },
      kubernetesNamespace: 'batch',
      shareProcessNamespace: true,
      podSecurityContext: {
        fsGroup: 2000, runAsUser: 1000, runAsGroup: 3000, runAsNonRoot: true, seccompProfile: batch.SeccompProfile.localhost('profiles/pod.json'),
      },
    } : {}),
  };
}

/** The props every managed compute environment shares. */
function managedProps(stack: Stack): object {
  return {
    vpc: vpcOf(stack),
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    securityGroups: [new ec2.SecurityGroup(stack, 'Sg', { vpc: vpcOf(stack) })],
    maxvCpus: 256,
    replaceComputeEnvironment: true,
    terminateOnUpdate: true,
    updateTimeout: Duration.minutes(30),
    computeEnvironmentName: 'full_env',
    enabled: false,
    serviceRole: role(stack, 'ServiceRole', 'batch.amazonaws.com'),
  };
}

/** The props every managed EC2 compute environment shares, newer ones included. */
function ec2Props(batch: any, stack: Stack): object {
  const m5 = ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE);
  const ours = isOurs(batch);
  return {
    ...managedProps(stack),
    spot: true,
    allocationStrategy: batch.AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED,
    spotBidPercentage: 60,
    minvCpus: 2,
    instanceRole: role(stack, 'InstanceRole', 'ec2.amazonaws.com'),
    instanceTypes: [m5],
    instanceClasses: [ec2.InstanceClass.C5],
    useOptimalInstanceClasses: false,
    placementGroup: new ec2.PlacementGroup(stack, 'Placement', { strategy: ec2.PlacementGroupStrategy.SPREAD }),
    launchTemplate: templateOf(stack, 'Template'),
    updateToLatestImageVersion: true,
    ...(ours ? {
      launchTemplateVersion: batch.LaunchTemplateVersion.of(3),
      launchTemplateOverrides: [{ launchTemplate: templateOf(stack, 'Override'), targetInstanceTypes: [m5], version: batch.LaunchTemplateVersion.latest() }],
      ec2KeyPair: 'my-key',
      minScaleDownDelay: Duration.minutes(30),
    } : {}),
  };
}

function tagged<T extends IConstruct>(construct: T): T {
  Tags.of(construct).add('cost-center', '42');
  return construct;
}

function ec2Queue(batch: any, stack: Stack): any {
  const environment = new batch.ManagedEc2EcsComputeEnvironment(stack, 'QueueEnv', { vpc: vpcOf(stack) });
  return new batch.JobQueue(stack, 'QueueForShares', { computeEnvironments: [{ computeEnvironment: environment, order: 1 }] });
}

function serviceQueue(batch: any, stack: Stack, id: string): any {
  const environment = new batch.ServiceEnvironment(stack, `${id}Env`, { capacityLimits: [batch.CapacityLimit.ofInstanceType('ml.m5.large', 8)] });
  return new batch.JobQueue(stack, id, {
    jobQueueType: batch.JobQueueType.SAGEMAKER_TRAINING,
    serviceEnvironments: [{ serviceEnvironment: environment, order: 1 }],
    schedulingPolicy: new batch.QuotaShareSchedulingPolicy(stack, `${id}Policy`),
    priority: 5,
    jobQueueName: 'service_queue',
    enabled: false,
  });
}

export const FULL_CONSTRUCTS: FullConstruct[] = [
  {
    name: 'ManagedEc2EcsComputeEnvironment',
    resourceType: 'AWS::Batch::ComputeEnvironment',
    needs: ['ManagedEc2EcsComputeEnvironment'],
    build: (batch, stack) => tagged(new batch.ManagedEc2EcsComputeEnvironment(stack, 'Subject', {
      ...ec2Props(batch, stack),
      images: [{ imageType: batch.EcsMachineImageType.ECS_AL2023, image: ec2.MachineImage.latestAmazonLinux2023() }],
      spotFleetRole: role(stack, 'FleetRole', 'spotfleet.amazonaws.com'),
      ...(isOurs(batch) ? { containerInsights: batch.ContainerInsights.ENHANCED } : {}),
    })),
  },
  {
    name: 'ManagedEc2EksComputeEnvironment',
    resourceType: 'AWS::Batch::ComputeEnvironment',
    needs: ['ManagedEc2EksComputeEnvironment'],
    build: (batch, stack) => tagged(new batch.ManagedEc2EksComputeEnvironment(stack, 'Subject', {
      ...ec2Props(batch, stack),
      eksCluster: clusterOf(stack),
      kubernetesNamespace: 'batch',
      images: [{
        imageType: batch.EksMachineImageType.EKS_AL2023, image: ec2.MachineImage.latestAmazonLinux2023(),
        ...(isOurs(batch) ? { imageKubernetesVersion: '1.31' } : {}),
      }],
      ...(isOurs(batch) ? { accessEntryDesiredState: batch.EksAccessEntryDesiredState.ENABLED } : {}),
    })),
  },
  {
    name: 'FargateComputeEnvironment',
    resourceType: 'AWS::Batch::ComputeEnvironment',
    needs: ['FargateComputeEnvironment'],
    build: (batch, stack) => tagged(new batch.FargateComputeEnvironment(stack, 'Subject', { ...managedProps(stack), spot: true })),
  },
  {
    name: 'UnmanagedComputeEnvironment',
    resourceType: 'AWS::Batch::ComputeEnvironment',
    needs: ['UnmanagedComputeEnvironment'],
    build: (batch, stack) => tagged(new batch.UnmanagedComputeEnvironment(stack, 'Subject', {
      unmanagedvCpus: 16, computeEnvironmentName: 'full_env', enabled: false, serviceRole: role(stack, 'ServiceRole', 'batch.amazonaws.com'),
    })),
  },
  {
    name: 'EcsManagedInstancesComputeEnvironment',
    resourceType: 'AWS::Batch::ComputeEnvironment',
    needs: ['EcsManagedInstancesComputeEnvironment'],
    build: (batch, stack) => tagged(new batch.EcsManagedInstancesComputeEnvironment(stack, 'Subject', {
      ...managedProps(stack),
      infrastructureRole: iam.Role.fromRoleArn(stack, 'Infra', `arn:aws:iam::${ACCOUNT}:role/infra`),
      instanceRole: iam.Role.fromRoleArn(stack, 'Inst', `arn:aws:iam::${ACCOUNT}:role/ecsInstanceRoleMine`),
      capacityOptionType: batch.CapacityOptionType.RESERVED,
      capacityReservations: {
        reservationGroupArn: `arn:aws:resource-groups:us-east-1:${ACCOUNT}:group/reservations`,
        preference: batch.CapacityReservationPreference.RESERVATIONS_FIRST,
      },
      fipsEnabled: true,
      instanceMetadataTagsPropagation: true,
      allowedInstanceTypes: [new ec2.InstanceType('c6i.*')],
      useLocalStorage: true,
      storageSize: Size.gibibytes(100),
      monitoring: batch.ManagedInstancesMonitoring.DETAILED,
      scaleInAfter: Duration.minutes(10),
      propagateTags: true,
      capacityTags: { 'cost-center': 'research', 'team': 'genomics' },
    })),
  },
  {
    name: 'JobQueue',
    variant: 'of compute environments',
    resourceType: 'AWS::Batch::JobQueue',
    needs: ['JobQueue', 'ManagedEc2EcsComputeEnvironment', 'FairshareSchedulingPolicy'],
    build: (batch, stack) => {
      const environment = new batch.ManagedEc2EcsComputeEnvironment(stack, 'Env', { vpc: vpcOf(stack) });
      return tagged(new batch.JobQueue(stack, 'Subject', {
        computeEnvironments: [{ computeEnvironment: environment, order: 1 }],
        schedulingPolicy: new batch.FairshareSchedulingPolicy(stack, 'Policy'),
        jobStateTimeLimitActions: [{ maxTime: Duration.minutes(30), reason: batch.JobStateTimeLimitActionsReason.INSUFFICIENT_INSTANCE_CAPACITY }],
        priority: 5,
        jobQueueName: 'full_queue',
        enabled: false,
        ...(isOurs(batch) ? { jobQueueType: batch.JobQueueType.ECS } : {}),
      }));
    },
  },
  {
    name: 'JobQueue',
    variant: 'of service environments',
    resourceType: 'AWS::Batch::JobQueue',
    needs: ['JobQueue', 'ServiceEnvironment', 'QuotaShareSchedulingPolicy'],
    build: (batch, stack) => tagged(serviceQueue(batch, stack, 'Subject')),
  },
  {
    name: 'FairshareSchedulingPolicy',
    resourceType: 'AWS::Batch::SchedulingPolicy',
    needs: ['FairshareSchedulingPolicy'],
    build: (batch, stack) => tagged(new batch.FairshareSchedulingPolicy(stack, 'Subject', {
      computeReservation: 50,
      shareDecay: Duration.hours(1),
      shares: [{ shareIdentifier: 'teamA', weightFactor: 1 }],
      schedulingPolicyName: 'full_policy',
    })),
  },
  {
    name: 'QuotaShareSchedulingPolicy',
    resourceType: 'AWS::Batch::SchedulingPolicy',
    needs: ['QuotaShareSchedulingPolicy'],
    build: (batch, stack) => tagged(new batch.QuotaShareSchedulingPolicy(stack, 'Subject', {
      schedulingPolicyName: 'full_policy',
      idleResourceAssignmentStrategy: batch.IdleResourceAssignmentStrategy.FIFO,
    })),
  },
  {
    name: 'ConsumableResource',
    resourceType: 'AWS::Batch::ConsumableResource',
    needs: ['ConsumableResource'],
    build: (batch, stack) => tagged(new batch.ConsumableResource(stack, 'Subject', {
      totalQuantity: 10,
      consumableResourceName: 'licenses',
      resourceType: batch.ConsumableResourceType.NON_REPLENISHABLE,
      tags: { team: 'research' },
    })),
  },
  {
    name: 'ServiceEnvironment',
    resourceType: 'AWS::Batch::ServiceEnvironment',
    needs: ['ServiceEnvironment'],
    build: (batch, stack) => tagged(new batch.ServiceEnvironment(stack, 'Subject', {
      capacityLimits: [batch.CapacityLimit.ofInstanceType('ml.m5.large', 8)],
      serviceEnvironmentName: 'full_env',
      serviceEnvironmentType: batch.ServiceEnvironmentType.SAGEMAKER_TRAINING,
      enabled: false,
      tags: { team: 'ml' },
    })),
  },
  {
    name: 'QuotaShare',
    resourceType: 'AWS::Batch::QuotaShare',
    needs: ['QuotaShare'],
    build: (batch, stack) => tagged(new batch.QuotaShare(stack, 'Subject', {
      jobQueue: serviceQueue(batch, stack, 'Queue'),
      capacityLimits: [batch.CapacityLimit.ofInstanceType('ml.m5.large', 4)],
      resourceSharing: batch.ResourceSharing.lendAndBorrow(150),
      inSharePreemption: true,
      quotaShareName: 'team_a',
      enabled: false,
      tags: { team: 'a' },
    })),
  },
  // each ECS job definition on EC2 and on Fargate
  ...[false, true].flatMap((fargate): FullConstruct[] => [
    {
      name: 'EcsJobDefinition',
      variant: fargate ? 'with a Fargate container' : 'with an EC2 container',
      resourceType: 'AWS::Batch::JobDefinition',
      needs: ['EcsJobDefinition', fargate ? 'EcsFargateContainerDefinition' : 'EcsEc2ContainerDefinition'],
      build: (batch, stack) => tagged(new batch.EcsJobDefinition(stack, 'Subject', {
        ...jobProps(batch, stack), container: fargate ? fargateContainer(batch, stack) : ec2Container(batch, stack), propagateTags: true,
      })),
    },
    {
      name: 'EcsMultiContainerJobDefinition',
      variant: fargate ? 'with a Fargate task' : 'with an EC2 task',
      resourceType: 'AWS::Batch::JobDefinition',
      needs: ['EcsMultiContainerJobDefinition', fargate ? 'EcsFargateTaskDefinition' : 'EcsEc2TaskDefinition'],
      build: (batch, stack) => tagged(new batch.EcsMultiContainerJobDefinition(stack, 'Subject', {
        ...jobProps(batch, stack), task: task(batch, stack, fargate), propagateTags: true,
      })),
    },
  ]),
  {
    name: 'EcsMultiContainerJobDefinition',
    variant: 'with an ECS Managed Instances task',
    resourceType: 'AWS::Batch::JobDefinition',
    needs: ['EcsMultiContainerJobDefinition', 'EcsManagedInstancesTaskDefinition'],
    build: (batch, stack) => tagged(new batch.EcsMultiContainerJobDefinition(stack, 'Subject', {
      ...jobProps(batch, stack), task: managedInstancesTask(batch, stack), propagateTags: true,
    })),
  },
  {
    name: 'EksJobDefinition',
    resourceType: 'AWS::Batch::JobDefinition',
    needs: ['EksJobDefinition'],
    build: (batch, stack) => tagged(new batch.EksJobDefinition(stack, 'Subject', { ...jobProps(batch, stack), ...podProps(batch, stack, '') })),
  },
  {
    name: 'MultiNodeJobDefinition',
    resourceType: 'AWS::Batch::JobDefinition',
    needs: ['MultiNodeJobDefinition'],
    build: (batch, stack) => {
      const ours = isOurs(batch);
      const job = new batch.MultiNodeJobDefinition(stack, 'Subject', {
        ...jobProps(batch, stack),
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.LARGE),
        mainNode: 0,
        numNodes: 4,
        propagateTags: true,
        containers: [{ container: ec2Container(batch, stack), startNode: 0, endNode: 1 }],
        ...(ours ? {
          ranges: [{
            startNode: 2, endNode: 3, task: task(batch, stack, false),
            instanceTypes: [ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.LARGE)], consumableResources: consumable(batch, stack),
          }],
        } : {}),
      });
      if (!ours) {
        job.addContainer({ container: ec2Container(batch, stack), startNode: 2, endNode: 3 });
      }
      return tagged(job);
    },
  },
  {
    name: 'MultiNodeEksJobDefinition',
    resourceType: 'AWS::Batch::JobDefinition',
    needs: ['MultiNodeEksJobDefinition'],
    build: (batch, stack) => tagged(new batch.MultiNodeEksJobDefinition(stack, 'Subject', {
      ...jobProps(batch, stack),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.LARGE),
      mainNode: 0,
      numNodes: 2,
      nodeRanges: [
        { startNode: 0, endNode: 0, ...podProps(batch, stack, 'a'), consumableResources: consumable(batch, stack) },
        { startNode: 1, endNode: 1, ...podProps(batch, stack, 'b') },
      ],
    })),
  },
];

/** The construct's name and variant, as a test names it. */
export function labelOf(subject: FullConstruct): string {
  return subject.variant === undefined ? subject.name : `${subject.name} ${subject.variant}`;
}
