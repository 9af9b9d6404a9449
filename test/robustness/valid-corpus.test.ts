import { Duration, Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  Action, EcsEc2ContainerDefinition, EcsFargateContainerDefinition, EcsJobDefinition, EcsVolume, EksContainerDefinition,
  EksJobDefinition, EksVolume, FairshareSchedulingPolicy, FargateComputeEnvironment, JobQueue, LinuxParameters,
  ManagedEc2EcsComputeEnvironment, ManagedEc2EksComputeEnvironment, MultiNodeJobDefinition, Reason, RetryStrategy, SeccompProfile, Secret,
  UlimitName, UnmanagedComputeEnvironment,
} from '../../lib';
import { newStack } from '../util';
import { warningRules } from '../util/warnings';

/**
 * Configurations AWS deploys: each must synthesize without an error. One per rule the library
 * relaxed, and both ends of every range it checks. Where the documentation is unclear, the
 * configuration synthesizes with the warnings listed.
 */
const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023');

function vpcOf(stack: Stack): ec2.IVpc {
  return (stack.node.tryFindChild('Vpc') as ec2.IVpc | undefined) ?? new ec2.Vpc(stack, 'Vpc');
}

function ec2Job(stack: Stack, props: Partial<ConstructorParameters<typeof EcsEc2ContainerDefinition>[2]> = {}, jobProps: object = {}): EcsJobDefinition {
  return new EcsJobDefinition(stack, 'Job', {
    container: new EcsEc2ContainerDefinition(stack, 'Container', { image: IMAGE, cpu: 1, memory: Size.mebibytes(512), ...props }),
    ...jobProps,
  });
}

function fargateJob(stack: Stack, cpu: number, memory: Size, props: object = {}): void {
  new EcsJobDefinition(stack, 'Job', {
    container: new EcsFargateContainerDefinition(stack, 'Container', { image: IMAGE, cpu, memory, ...props }),
  });
}

function eksContainer(stack: Stack, props: object = {}): EksContainerDefinition {
  const container = new EksContainerDefinition(stack, 'Container', { image: IMAGE, cpuLimit: 1, memoryLimit: Size.mebibytes(2048), ...props });
  new EksJobDefinition(stack, 'Job', { container });
  return container;
}

function ecsEnv(stack: Stack, id: string, props: object = {}): ManagedEc2EcsComputeEnvironment {
  return new ManagedEc2EcsComputeEnvironment(stack, id, { vpc: vpcOf(stack), ...props });
}

function fargateEnv(stack: Stack, id: string, props: object = {}): FargateComputeEnvironment {
  return new FargateComputeEnvironment(stack, id, { vpc: vpcOf(stack), ...props });
}

function eksEnv(stack: Stack, id: string, props: object = {}): ManagedEc2EksComputeEnvironment {
  const cluster = eks.Cluster.fromClusterAttributes(stack, `${id}Cluster`, { clusterName: 'cluster' });
  return new ManagedEc2EksComputeEnvironment(stack, id, { vpc: vpcOf(stack), eksCluster: cluster, kubernetesNamespace: 'batch', ...props });
}

function queueOf(stack: Stack, ...environments: Array<{ computeEnvironment: any; order: number }>): JobQueue {
  return new JobQueue(stack, 'Queue', { computeEnvironments: environments });
}

function policyWith(stack: Stack, shares: Array<{ shareIdentifier: string; weightFactor: number }>, props: object = {}): void {
  new FairshareSchedulingPolicy(stack, 'Policy', { shares, ...props });
}

function multiNode(stack: Stack, ranges: Array<[number, number]>): void {
  new MultiNodeJobDefinition(stack, 'Job', {
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.C5, ec2.InstanceSize.XLARGE),
    containers: ranges.map(([startNode, endNode], i) => ({
      startNode,
      endNode,
      container: new EcsEc2ContainerDefinition(stack, `Node${i}`, { image: IMAGE, cpu: 1, memory: Size.mebibytes(512) }),
    })),
  });
}

const CORPUS: Array<[string, (stack: Stack) => void, string[]]> = [
  // relaxed: ulimits (E6)
  ['memlock unlimited (-1/-1), as in AWS\'s EFA templates', (s) => { ec2Job(s, { ulimits: [{ name: UlimitName.MEMLOCK, softLimit: -1, hardLimit: -1 }] }); }, []],
  ['a finite soft limit under an unlimited hard limit', (s) => { ec2Job(s, { ulimits: [{ name: UlimitName.NOFILE, softLimit: 1024, hardLimit: -1 }] }); }, []],
  ['a ulimit added later at the 32-bit maximum', (s) => {
    const container = ec2Job(s).container as EcsEc2ContainerDefinition;
    container.addUlimit({ name: UlimitName.STACK, softLimit: 0, hardLimit: 2147483647 });
  }, []],
  // relaxed: updateTimeout (C6)
  ['updateTimeout of 7200 minutes, the current maximum', (s) => { ecsEnv(s, 'CE', { updateTimeout: Duration.minutes(7200) }); }, []],
  ['updateTimeout of 1 minute', (s) => { ecsEnv(s, 'CE', { updateTimeout: Duration.minutes(1), terminateOnUpdate: false }); }, []],
  // relaxed: Fargate update policy and EC2-only props (C3, C6)
  ['terminateOnUpdate on Fargate, ignored', (s) => { fargateEnv(s, 'CE', { terminateOnUpdate: false }); }, ['fargateIgnoresUpdatePolicy']],
  ['updateTimeout on Fargate, ignored', (s) => { fargateEnv(s, 'CE', { updateTimeout: Duration.minutes(30) }); }, ['fargateIgnoresUpdatePolicy']],
  ['updateToLatestImageVersion on Fargate, which CloudFormation creates, ignored', (s) => { fargateEnv(s, 'CE', { updateToLatestImageVersion: true }); },
    ['fargateIgnoresImageUpdate']],
  ['a props object shared with an EC2 environment, spread into a Fargate one', (s) => {
    const shared: any = { vpc: vpcOf(s), maxvCpus: 16, minvCpus: 0, instanceTypes: [new ec2.InstanceType('c5.large')] };
    ecsEnv(s, 'Ec2', shared);
    fargateEnv(s, 'Fargate', shared);
  }, ['fargateIgnoresEc2Prop', 'fargateIgnoresEc2Prop']],
  // relaxed and new: job queues (Q3, Q7)
  ['four compute environments in a queue (a raised quota)', (s) => {
    queueOf(s, ...[1, 2, 3, 4].map((order) => ({ computeEnvironment: ecsEnv(s, `CE${order}`), order })));
  }, ['jobQueueComputeEnvironmentQuota']],
  ['a negative order', (s) => { queueOf(s, { computeEnvironment: ecsEnv(s, 'CE'), order: -1 }); }, []],
  ['one compute environment linked twice', (s) => {
    const ce = ecsEnv(s, 'CE');
    queueOf(s, { computeEnvironment: ce, order: 1 }, { computeEnvironment: ce, order: 2 });
  }, ['jobQueueComputeEnvironmentLinkedTwice']],
  ['EC2, Spot and unmanaged environments in one queue', (s) => {
    queueOf(s, { computeEnvironment: ecsEnv(s, 'OnDemand'), order: 1 }, { computeEnvironment: ecsEnv(s, 'Spot', { spot: true }), order: 2 },
      { computeEnvironment: new UnmanagedComputeEnvironment(s, 'Unmanaged'), order: 3 });
  }, []],
  ['Fargate and Fargate Spot in one queue', (s) => {
    queueOf(s, { computeEnvironment: fargateEnv(s, 'OnDemand'), order: 1 }, { computeEnvironment: fargateEnv(s, 'Spot', { spot: true }), order: 2 });
  }, []],
  ['EKS on-demand and Spot, and an import of unknown kind, in one queue', (s) => {
    const imported = ManagedEc2EcsComputeEnvironment.fromManagedEc2EcsComputeEnvironmentArn(s, 'Imported',
      'arn:aws:batch:us-east-1:123456789012:compute-environment/eks-spare');
    queueOf(s, { computeEnvironment: eksEnv(s, 'OnDemand'), order: 1 }, { computeEnvironment: eksEnv(s, 'Spot', { spot: true }), order: 2 },
      { computeEnvironment: imported, order: 3 });
  }, []],
  ['priority 0 and a 128-character name', (s) => {
    new JobQueue(s, 'Queue', { priority: 0, jobQueueName: 'q'.repeat(128), computeEnvironments: [{ computeEnvironment: ecsEnv(s, 'CE'), order: 0 }] });
  }, []],
  ['priority 1000', (s) => { new JobQueue(s, 'Queue', { priority: 1000, computeEnvironments: [{ computeEnvironment: fargateEnv(s, 'CE'), order: 1 }] }); }, []],
  // relaxed: fairshare policies (Q5)
  ['a hyphenated share identifier, as in the User Guide', (s) => { policyWith(s, [{ shareIdentifier: 'UserA-1', weightFactor: 1 }]); }, ['shareIdentifierCharacters']],
  ['an underscored share identifier prefix', (s) => { policyWith(s, [{ shareIdentifier: 'team_a*', weightFactor: 1 }]); }, ['shareIdentifierCharacters']],
  ['a lone * share identifier', (s) => { policyWith(s, [{ shareIdentifier: '*', weightFactor: 1 }]); }, []],
  ['501 shares in a policy', (s) => {
    policyWith(s, Array.from({ length: 501 }, (_, i) => ({ shareIdentifier: `team${i}`, weightFactor: 1 })));
  }, ['sharesAboveActiveLimit']],
  ['the lower ends of the fairshare ranges', (s) => {
    policyWith(s, [{ shareIdentifier: 'a', weightFactor: 0.0001 }], { computeReservation: 0, shareDecay: Duration.seconds(0) });
  }, []],
  ['the upper ends of the fairshare ranges, with a 255-character identifier', (s) => {
    policyWith(s, [{ shareIdentifier: 'a'.repeat(255), weightFactor: 999.9999 }], { computeReservation: 99, shareDecay: Duration.seconds(604800) });
  }, []],
  // relaxed: Spot bid (C6)
  ['spotBidPercentage 0', (s) => { ecsEnv(s, 'CE', { spot: true, spotBidPercentage: 0 }); }, ['spotBidPercentageZero']],
  ['spotBidPercentage 100 on EKS', (s) => { eksEnv(s, 'CE', { spot: true, spotBidPercentage: 100 }); }, []],
  ['maxvCpus 0 and minvCpus equal to maxvCpus', (s) => { ecsEnv(s, 'Zero', { maxvCpus: 0 }); ecsEnv(s, 'Fixed', { minvCpus: 8, maxvCpus: 8 }); }, []],
  // relaxed: EKS (K7, K8)
  ['an EKS container named with capitals', (s) => { eksContainer(s, { name: 'Main' }); }, ['eksContainerNameCase']],
  ['an emptyDir of size limit 0', (s) => {
    eksContainer(s, { volumes: [EksVolume.emptyDir({ name: 'scratch', mountPath: '/scratch', sizeLimit: Size.mebibytes(0) })] });
  }, []],
  ['the smallest EKS resources and the largest user id', (s) => {
    new EksJobDefinition(s, 'Job', {
      container: new EksContainerDefinition(s, 'Container', { image: IMAGE, cpuReservation: 0.25, memoryReservation: Size.mebibytes(4), runAsUser: 2147483647 }),
    });
  }, []],
  // EKS security contexts (K12-K17): the ends of each range; what Kubernetes takes but does not apply, with a warning
  ['EKS security contexts at the ends of their ranges', (s) => {
    const names = Array.from({ length: 64 }, (_, i) => `${i}`.padStart(128, 'X'));
    new EksJobDefinition(s, 'Job', {
      container: new EksContainerDefinition(s, 'Container', {
        image: IMAGE, cpuLimit: 1, memoryLimit: Size.mebibytes(512), runAsRoot: true,
        capabilities: { add: names, drop: [] }, seccompProfile: SeccompProfile.localhost('p'.repeat(4095)),
      }),
      podSecurityContext: { fsGroup: 2147483647, runAsUser: 0, runAsGroup: 0, runAsNonRoot: true, seccompProfile: SeccompProfile.unconfined() },
    });
  }, []],
  ['a CAP_ capability, a profile on a privileged container and a pod runAsNonRoot of false', (s) => {
    eksContainer(s, { privileged: true, capabilities: { add: ['CAP_SYS_ADMIN'] }, seccompProfile: SeccompProfile.runtimeDefault() });
    new EksJobDefinition(s, 'Pod', {
      container: new EksContainerDefinition(s, 'PodContainer', { image: IMAGE, cpuLimit: 1, memoryLimit: Size.mebibytes(512), runAsUser: 1000 }),
      podSecurityContext: { runAsNonRoot: false },
    });
  }, ['eksCapabilityPrefix', 'eksSeccompProfilePrivileged', 'eksPodRunAsNonRootOverridden']],
  // relaxed: Linux parameters (E10)
  ['sharedMemorySize 0 and a tmpfs of size 0', (s) => {
    const linuxParameters = new LinuxParameters(s, 'Linux', { sharedMemorySize: Size.mebibytes(0) });
    linuxParameters.addTmpfs({ containerPath: '/scratch', size: Size.mebibytes(0) });
    ec2Job(s, { linuxParameters });
  }, []],
  // relaxed: secrets and volumes (E8, E11)
  ['a secret named AWS_BATCH_TOKEN', (s) => {
    const secret = new secretsmanager.Secret(s, 'Secret');
    ec2Job(s, { secrets: { AWS_BATCH_TOKEN: Secret.fromSecretsManager(secret) } });
  }, ['secretNameReserved']],
  ['two host volumes of one name', (s) => {
    ec2Job(s, {
      volumes: [
        EcsVolume.host({ name: 'data', hostPath: '/data', containerPath: '/a' }),
        EcsVolume.host({ name: 'data', hostPath: '/data', containerPath: '/b' }),
      ],
    });
  }, ['ecsVolumeNameDuplicate']],
  ['EFS transit encryption ports 0 and 65535', (s) => {
    const fileSystem = efs.FileSystem.fromFileSystemAttributes(s, 'Fs', {
      fileSystemId: 'fs-12345678', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg', 'sg-12345678'),
    });
    ec2Job(s, {
      volumes: [
        EcsVolume.efs({ name: 'low', fileSystem, containerPath: '/low', enableTransitEncryption: true, transitEncryptionPort: 0 }),
        EcsVolume.efs({ name: 'high', fileSystem, containerPath: '/high', enableTransitEncryption: true, transitEncryptionPort: 65535 }),
      ],
    });
  }, []],
  // ranges: S3 Files volumes (E20)
  ['S3 Files transit encryption ports 0 and 65535 on Fargate, one volume through an access point with the root directory /', (s) => {
    const fileSystemArn = 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0';
    fargateJob(s, 1, Size.gibibytes(2), {
      volumes: [
        EcsVolume.s3Files({ name: 'low', fileSystemArn, containerPath: '/low', transitEncryptionPort: 0 }),
        EcsVolume.s3Files({
          name: 'high', fileSystemArn, containerPath: '/high', transitEncryptionPort: 65535, rootDirectory: '/',
          accessPointArn: `${fileSystemArn}/access-point/fsap-0123456789abcdef0`,
        }),
      ],
    });
  }, []],
  ['an S3 Files volume on EC2, which Batch does not support yet', (s) => {
    ec2Job(s, { volumes: [EcsVolume.s3Files({ name: 'lake', fileSystemArn: 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0', containerPath: '/lake' })] });
  }, ['s3FilesVolumeOnEc2']],
  // relaxed: retry strategies (E13)
  ['a custom reason with no pattern', (s) => {
    ec2Job(s, {}, { retryAttempts: 2, retryStrategies: [RetryStrategy.of(Action.RETRY, Reason.custom({}))] });
  }, ['retryStrategyWithoutPattern']],
  ['five retry strategies with retryAttempts 10', (s) => {
    const strategies = ['1', '2', '3', '4', '5*'].map((code) => RetryStrategy.of(Action.RETRY, Reason.custom({ onExitCode: code })));
    ec2Job(s, {}, { retryAttempts: 10, retryStrategies: strategies });
  }, []],
  ['retryAttempts 1, timeout 60 seconds, scheduling priorities 0 and 9999', (s) => {
    ec2Job(s, {}, { retryAttempts: 1, timeout: Duration.seconds(60), schedulingPriority: 0 });
    new EcsJobDefinition(s, 'Other', {
      container: new EcsEc2ContainerDefinition(s, 'OtherContainer', { image: IMAGE, cpu: 1, memory: Size.mebibytes(4) }),
      schedulingPriority: 9999,
    });
  }, []],
  // ranges: containers (E5, E6, E7)
  ['the smallest EC2 container: 1 vCPU, 4 MiB', (s) => { ec2Job(s, { cpu: 1, memory: Size.mebibytes(4) }); }, []],
  ['the smallest Fargate container, with 21 GiB of ephemeral storage', (s) => { fargateJob(s, 0.25, Size.mebibytes(512), { ephemeralStorageSize: Size.gibibytes(21) }); }, []],
  ['the largest Fargate container, with 200 GiB of ephemeral storage', (s) => { fargateJob(s, 16, Size.gibibytes(120), { ephemeralStorageSize: Size.gibibytes(200) }); }, []],
  // ranges: multi-node (E12, E17)
  ['five node ranges in a multi-node job', (s) => { multiNode(s, [[0, 0], [1, 1], [2, 3], [4, 4], [5, 9]]); }, []],
  // template faithfulness (C10)
  ['a GPU image and a later generic image, as upstream synthesizes it', (s) => {
    ecsEnv(s, 'CE', {
      images: [
        { image: ecs.EcsOptimizedImage.amazonLinux2(ecs.AmiHardwareType.GPU) },
        { image: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-12345678' }) },
      ],
    });
  }, []],
];

describe('every configuration of the valid corpus synthesizes', () => {
  test('the corpus holds at least 30 configurations', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
  });

  test.each(CORPUS)('%s', (_name, build, expectedWarnings) => {
    // GIVEN
    const stack = newStack();

    // WHEN
    build(stack);

    // THEN: no error, and exactly the warnings expected
    expect(warningRules(stack)).toEqual([...expectedWarnings].sort());
  });
});
