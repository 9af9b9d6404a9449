/**
 * Token safety, driven by the built assembly: every number, string, `Duration` and `Size` field of
 * every struct the library takes (construct props and the options of its static factories), and
 * every list of strings and map of strings, accepts an unresolved token (for a list, a whole-list
 * token and a token element; for a map, a token value). The case synthesizes, and a `CfnParameter`
 * token reaches the template in the field's own property.
 *
 * The fields come from the `.jsii` assembly, so a new prop is covered as soon as it is built. A new
 * struct needs a harness below (how to put one to use in a stack), and the test says so.
 */
import { CfnOutput, CfnParameter, Duration, Fn, Lazy, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  Action, ConsumableResource, EcsEc2ContainerDefinition, EcsEc2TaskDefinition, EcsFargateContainerDefinition, EcsFargateTaskDefinition, EcsJobDefinition,
  EcsManagedInstancesTaskDefinition, EcsMultiContainerJobDefinition, EcsVolume, EksContainerDefinition, EksJobDefinition,
  EksVolume, FairshareSchedulingPolicy, FargateComputeEnvironment, JobQueue, LinuxParameters, ManagedEc2EcsComputeEnvironment,
  ManagedEc2EksComputeEnvironment, MultiNodeEksJobDefinition, MultiNodeJobDefinition, Reason, RetryStrategy, Secret, UlimitName, UnmanagedComputeEnvironment,
  CapacityLimit, CapacityOptionType, CapacityReservationPreference, EcsManagedInstancesComputeEnvironment, QuotaShare,
  QuotaShareSchedulingPolicy, ServiceEnvironment,
} from '../../lib';
import { ValidationError } from '../../lib/private/validation';
import { loadAssembly } from '../util/assembly';
import { newStack } from '../util';

type Fields = Record<string, unknown>;

/** How to put a struct to use: a valid value of it, and what builds it into the stack. */
interface Harness {
  baseline(stack: Stack): Fields;
  use(stack: Stack, value: Fields): void;
}

const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023');
const vpcOf = (stack: Stack) => (stack.node.tryFindChild('Vpc') as ec2.IVpc | undefined) ?? new ec2.Vpc(stack, 'Vpc');
const ec2Container = (stack: Stack, props: Fields = {}) =>
  new EcsEc2ContainerDefinition(stack, 'Container', { image, cpu: 1, memory: Size.mebibytes(512), ...props } as any);
const ecsJob = (stack: Stack, props: Fields) => new EcsJobDefinition(stack, 'Job', { container: ec2Container(stack, props) });
const eksJob = (stack: Stack, props: Fields) =>
  new EksJobDefinition(stack, 'Job', { container: new EksContainerDefinition(stack, 'Container', { image, cpuLimit: 1, memoryLimit: Size.mebibytes(512), ...props } as any) });

const taskContainer = (props: Fields = {}) => ({ name: 'app', image, cpu: 1, memory: Size.mebibytes(512), ...props });
const ec2Task = (stack: Stack, containers: Fields[] = [taskContainer()]) => new EcsEc2TaskDefinition(stack, 'Task', { containers: containers as any });

const HARNESSES: Record<string, Harness> = {
  ConsumableResourceProps: {
    baseline: () => ({ totalQuantity: 5 }),
    use: (stack, v) => new ConsumableResource(stack, 'Resource', v as any),
  },
  ConsumableResourcePermissionsOptions: {
    baseline: () => ({ resourceArns: ['arn:aws:batch:us-east-1:123456789012:consumable-resource/r'] }),
    use: (stack, v) => new ConsumableResource(stack, 'Resource', { totalQuantity: 1 }).grants
      .actions(new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() }), ['batch:DescribeConsumableResource'], v as any),
  },
  ConsumableResourceRequirement: {
    baseline: (stack) => ({ consumableResource: new ConsumableResource(stack, 'Resource', { totalQuantity: 5 }), quantity: 1 }),
    use: (stack, v) => new EcsJobDefinition(stack, 'Job', { container: ec2Container(stack), consumableResources: [v as any] }),
  },
  JobStateTimeLimitAction: {
    baseline: () => ({ maxTime: Duration.minutes(10), reason: 'CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY' }),
    use: (stack, v) => new JobQueue(stack, 'Queue', {
      computeEnvironments: [{ computeEnvironment: new UnmanagedComputeEnvironment(stack, 'Ce'), order: 1 }],
      jobStateTimeLimitActions: [v as any],
    }),
  },
  FirelensConfiguration: {
    baseline: () => ({ type: ecs.FirelensLogRouterType.FLUENTBIT }),
    use: (stack, v) => new EcsMultiContainerJobDefinition(stack, 'Job', {
      task: ec2Task(stack, [taskContainer(), taskContainer({ name: 'router', essential: false, firelensConfiguration: v })]),
    }),
  },
  EcsContainerDependency: {
    baseline: () => ({ containerName: 'sidecar' }),
    use: (stack, v) => new EcsMultiContainerJobDefinition(stack, 'Job', {
      task: ec2Task(stack, [taskContainer({ dependsOn: [v] }), taskContainer({ name: 'sidecar', essential: false })]),
    }),
  },
  EcsTaskContainerOptions: {
    baseline: () => taskContainer(),
    use: (stack, v) => new EcsMultiContainerJobDefinition(stack, 'Job', { task: ec2Task(stack, [v]) }),
  },
  EcsFargateTaskDefinitionProps: {
    baseline: () => ({ containers: [taskContainer({ cpu: 0.25 })] }),
    use: (stack, v) => new EcsMultiContainerJobDefinition(stack, 'Job', { task: new EcsFargateTaskDefinition(stack, 'Task', v as any) }),
  },
  EcsManagedInstancesTaskDefinitionProps: {
    baseline: () => ({ containers: [taskContainer()] }),
    use: (stack, v) => new EcsMultiContainerJobDefinition(stack, 'Job', { task: new EcsManagedInstancesTaskDefinition(stack, 'Task', v as any) }),
  },
  EcsMultiContainerJobDefinitionProps: {
    baseline: (stack) => ({ task: ec2Task(stack) }),
    use: (stack, v) => new EcsMultiContainerJobDefinition(stack, 'Job', v as any),
  },
  MultiNodeRange: {
    // a token node index leaves the number of nodes to numNodes
    baseline: (stack) => ({ startNode: 0, task: ec2Task(stack) }),
    use: (stack, v) => new MultiNodeJobDefinition(stack, 'Job', { instanceType: new ec2.InstanceType('m5.large'), ranges: [v as any], numNodes: 1 }),
  },
  CustomReason: {
    baseline: () => ({ onExitCode: '1' }),
    use: (stack, v) => new EcsJobDefinition(stack, 'Job', {
      container: ec2Container(stack), retryAttempts: 2, retryStrategies: [RetryStrategy.of(Action.RETRY, Reason.custom(v as any))],
    }),
  },
  Device: {
    baseline: () => ({ hostPath: '/dev/fuse' }),
    use: (stack, v) => {
      const linuxParameters = new LinuxParameters(stack, 'Linux');
      linuxParameters.addDevices(v as any);
      ecsJob(stack, { linuxParameters });
    },
  },
  EcsEc2ContainerDefinitionProps: {
    baseline: () => ({ image, cpu: 1, memory: Size.mebibytes(512) }),
    use: (stack, v) => new EcsJobDefinition(stack, 'Job', { container: new EcsEc2ContainerDefinition(stack, 'Container', v as any) }),
  },
  EcsFargateContainerDefinitionProps: {
    baseline: () => ({ image, cpu: 0.25, memory: Size.mebibytes(512) }),
    use: (stack, v) => new EcsJobDefinition(stack, 'Job', { container: new EcsFargateContainerDefinition(stack, 'Container', v as any) }),
  },
  EcsJobDefinitionProps: {
    baseline: (stack) => ({ container: ec2Container(stack) }),
    use: (stack, v) => new EcsJobDefinition(stack, 'Job', v as any),
  },
  EfsVolumeOptions: {
    baseline: (stack) => ({ name: 'efs', containerPath: '/mnt/efs', fileSystem: new efs.FileSystem(stack, 'Fs', { vpc: vpcOf(stack) }), enableTransitEncryption: true }),
    use: (stack, v) => ecsJob(stack, { volumes: [EcsVolume.efs(v as any)] }),
  },
  S3FilesVolumeOptions: {
    baseline: () => ({ name: 'lake', containerPath: '/lake', fileSystemArn: 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0' }),
    use: (stack, v) => new EcsJobDefinition(stack, 'Job', {
      container: new EcsFargateContainerDefinition(stack, 'Container', { image, cpu: 0.25, memory: Size.mebibytes(512), volumes: [EcsVolume.s3Files(v as any)] }),
    }),
  },
  HostVolumeOptions: {
    baseline: () => ({ name: 'host', containerPath: '/data', hostPath: '/var/data' }),
    use: (stack, v) => ecsJob(stack, { volumes: [EcsVolume.host(v as any)] }),
  },
  EksContainerDefinitionProps: {
    baseline: () => ({ image, cpuLimit: 1, memoryLimit: Size.mebibytes(512) }),
    use: (stack, v) => new EksJobDefinition(stack, 'Job', { container: new EksContainerDefinition(stack, 'Container', v as any) }),
  },
  EksJobDefinitionProps: {
    baseline: (stack) => ({ container: new EksContainerDefinition(stack, 'Container', { image, cpuLimit: 1, memoryLimit: Size.mebibytes(512) }) }),
    use: (stack, v) => new EksJobDefinition(stack, 'Job', v as any),
  },
  EmptyDirVolumeOptions: {
    baseline: () => ({ name: 'scratch', mountPath: '/scratch' }),
    use: (stack, v) => eksJob(stack, { volumes: [EksVolume.emptyDir(v as any)] }),
  },
  HostPathVolumeOptions: {
    baseline: () => ({ name: 'host', mountPath: '/host', hostPath: '/var/data' }),
    use: (stack, v) => eksJob(stack, { volumes: [EksVolume.hostPath(v as any)] }),
  },
  SecretPathVolumeOptions: {
    baseline: () => ({ name: 'creds', mountPath: '/creds', secretName: 'creds' }),
    use: (stack, v) => eksJob(stack, { volumes: [EksVolume.secret(v as any)] }),
  },
  PersistentVolumeClaimVolumeOptions: {
    baseline: () => ({ name: 'data', mountPath: '/data', claimName: 'data', subPath: 'runs' }),
    use: (stack, v) => eksJob(stack, { volumes: [EksVolume.persistentVolumeClaim(v as any)] }),
  },
  LinuxCapabilities: {
    baseline: () => ({ drop: ['ALL'] }),
    use: (stack, v) => eksJob(stack, { capabilities: v }),
  },
  PodSecurityContext: {
    baseline: () => ({ fsGroup: 2000 }),
    use: (stack, v) => new EksJobDefinition(stack, 'Job', {
      container: new EksContainerDefinition(stack, 'Container', { image, cpuLimit: 1, memoryLimit: Size.mebibytes(512) }), podSecurityContext: v as any,
    }),
  },
  EksNodeRange: {
    // a token endNode leaves the number of nodes to numNodes
    baseline: (stack) => ({ container: new EksContainerDefinition(stack, 'Container', { image, cpuLimit: 1, memoryLimit: Size.mebibytes(512) }), startNode: 0, endNode: 0 }),
    use: (stack, v) => new MultiNodeEksJobDefinition(stack, 'Job', { nodeRanges: [v as any], numNodes: 1 }),
  },
  MultiNodeEksJobDefinitionProps: {
    baseline: (stack) => ({
      nodeRanges: [{ container: new EksContainerDefinition(stack, 'Container', { image, cpuLimit: 1, memoryLimit: Size.mebibytes(512) }), startNode: 0, endNode: 0 }],
    }),
    use: (stack, v) => new MultiNodeEksJobDefinition(stack, 'Job', v as any),
  },
  FairshareSchedulingPolicyProps: {
    baseline: () => ({}),
    use: (stack, v) => new FairshareSchedulingPolicy(stack, 'Policy', v as any),
  },
  FargateComputeEnvironmentProps: {
    baseline: (stack) => ({ vpc: vpcOf(stack) }),
    use: (stack, v) => new FargateComputeEnvironment(stack, 'Ce', v as any),
  },
  JobQueueProps: {
    baseline: (stack) => ({ computeEnvironments: [{ computeEnvironment: new UnmanagedComputeEnvironment(stack, 'Ce'), order: 1 }] }),
    use: (stack, v) => new JobQueue(stack, 'Queue', v as any),
  },
  LinuxParametersProps: {
    // swappiness renders only with maxSwap (Batch ignores it without; upstream drops it too)
    baseline: () => ({ maxSwap: Size.mebibytes(1024) }),
    use: (stack, v) => ecsJob(stack, { linuxParameters: new LinuxParameters(stack, 'Linux', v as any) }),
  },
  ManagedEc2EcsComputeEnvironmentProps: {
    // a bid needs Spot, whatever its value
    baseline: (stack) => ({ vpc: vpcOf(stack), spot: true }),
    use: (stack, v) => new ManagedEc2EcsComputeEnvironment(stack, 'Ce', v as any),
  },
  ManagedEc2EksComputeEnvironmentProps: {
    baseline: (stack) => ({
      vpc: vpcOf(stack), kubernetesNamespace: 'batch', spot: true,
      eksCluster: eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'cluster', vpc: vpcOf(stack) }),
    }),
    use: (stack, v) => new ManagedEc2EksComputeEnvironment(stack, 'Ce', v as any),
  },
  MultiNodeContainer: {
    // a token endNode leaves the number of nodes to numNodes
    baseline: (stack) => ({ container: ec2Container(stack), startNode: 0, endNode: 0 }),
    use: (stack, v) => new MultiNodeJobDefinition(stack, 'Job', { instanceType: new ec2.InstanceType('m5.large'), containers: [v as any], numNodes: 1 }),
  },
  MultiNodeJobDefinitionProps: {
    baseline: (stack) => ({ instanceType: new ec2.InstanceType('m5.large'), containers: [{ container: ec2Container(stack), startNode: 0, endNode: 0 }] }),
    use: (stack, v) => new MultiNodeJobDefinition(stack, 'Job', v as any),
  },
  OrderedComputeEnvironment: {
    baseline: (stack) => ({ computeEnvironment: new UnmanagedComputeEnvironment(stack, 'Ce'), order: 1 }),
    use: (stack, v) => new JobQueue(stack, 'Queue', { computeEnvironments: [v as any] }),
  },
  SecretVersionInfo: {
    baseline: () => ({ versionStage: 'AWSCURRENT' }),
    use: (stack, v) => ecsJob(stack, { secrets: { TOKEN: Secret.fromSecretsManagerVersion(new secretsmanager.Secret(stack, 'Secret'), v as any) } }),
  },
  Share: {
    baseline: () => ({ shareIdentifier: 'teamA', weightFactor: 1 }),
    use: (stack, v) => new FairshareSchedulingPolicy(stack, 'Policy', { shares: [v as any] }),
  },
  Tmpfs: {
    baseline: () => ({ containerPath: '/scratch', size: Size.mebibytes(64) }),
    use: (stack, v) => {
      const linuxParameters = new LinuxParameters(stack, 'Linux');
      linuxParameters.addTmpfs(v as any);
      ecsJob(stack, { linuxParameters });
    },
  },
  Ulimit: {
    baseline: () => ({ name: UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 }),
    use: (stack, v) => ecsJob(stack, { ulimits: [v] }),
  },
  UnmanagedComputeEnvironmentProps: {
    baseline: () => ({}),
    use: (stack, v) => new UnmanagedComputeEnvironment(stack, 'Ce', v as any),
  },
  EcsManagedInstancesComputeEnvironmentProps: {
    baseline: (stack) => ({ vpc: vpcOf(stack) }),
    use: (stack, v) => new EcsManagedInstancesComputeEnvironment(stack, 'Ce', v as any),
  },
  ManagedInstancesCapacityReservations: {
    baseline: () => ({ preference: CapacityReservationPreference.RESERVATIONS_ONLY }),
    use: (stack, v) => new EcsManagedInstancesComputeEnvironment(stack, 'Ce', {
      vpc: vpcOf(stack), capacityOptionType: CapacityOptionType.RESERVED, capacityReservations: v as any,
    }),
  },
  EksMachineImage: {
    baseline: () => ({}),
    use: (stack, v) => new ManagedEc2EksComputeEnvironment(stack, 'Ce', {
      vpc: vpcOf(stack), kubernetesNamespace: 'batch', images: [v as any],
      eksCluster: eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'cluster', vpc: vpcOf(stack) }),
    }),
  },
  ServiceEnvironmentProps: {
    baseline: () => ({ capacityLimits: [CapacityLimit.instances(2)] }),
    use: (stack, v) => new ServiceEnvironment(stack, 'Env', v as any),
  },
  OrderedServiceEnvironment: {
    baseline: (stack) => ({ serviceEnvironment: new ServiceEnvironment(stack, 'Env', { capacityLimits: [CapacityLimit.instances(2)] }), order: 1 }),
    use: (stack, v) => new JobQueue(stack, 'Queue', { serviceEnvironments: [v as any] }),
  },
  QuotaShareSchedulingPolicyProps: {
    baseline: () => ({}),
    use: (stack, v) => new QuotaShareSchedulingPolicy(stack, 'Policy', v as any),
  },
  QuotaShareProps: {
    baseline: (stack) => ({
      jobQueue: new JobQueue(stack, 'Queue', {
        serviceEnvironments: [{ serviceEnvironment: new ServiceEnvironment(stack, 'Env', { capacityLimits: [CapacityLimit.instances(2)] }), order: 1 }],
        schedulingPolicy: new QuotaShareSchedulingPolicy(stack, 'Policy'),
      }),
      capacityLimits: [CapacityLimit.ofInstanceType('ml.m5.large', 1)],
    }),
    use: (stack, v) => new QuotaShare(stack, 'Share', v as any),
  },
};

/**
 * Base structs, whose fields reach the template through a struct extending them: each is tested
 * through the harness named here (with the fields it inherits).
 */
const THROUGH: Record<string, string> = {
  ComputeEnvironmentProps: 'UnmanagedComputeEnvironmentProps',
  ManagedComputeEnvironmentProps: 'ManagedEc2EcsComputeEnvironmentProps',
  ManagedEc2ComputeEnvironmentProps: 'ManagedEc2EcsComputeEnvironmentProps',
  JobDefinitionProps: 'EcsJobDefinitionProps',
  EcsContainerDefinitionProps: 'EcsEc2ContainerDefinitionProps',
  EcsVolumeOptions: 'HostVolumeOptions',
  EksVolumeOptions: 'EmptyDirVolumeOptions',
  EksPodOptions: 'EksJobDefinitionProps',
};

/** The unit a token `Duration` or `Size` must be given in: the one the template takes (see DEVIATIONS.md, E16). */
const UNITS: Record<string, string> = {
  timeout: 'seconds', shareDecay: 'seconds', maxTime: 'seconds', updateTimeout: 'minutes',
  memory: 'mebibytes', maxSwap: 'mebibytes', sharedMemorySize: 'mebibytes', size: 'mebibytes', sizeLimit: 'mebibytes',
  memoryLimit: 'mebibytes', memoryReservation: 'mebibytes', ephemeralStorageSize: 'gibibytes',
  minScaleDownDelay: 'minutes', scaleInAfter: 'seconds', storageSize: 'gibibytes',
  startTimeout: 'seconds', stopTimeout: 'seconds',
};

/**
 * Fields that reject any value in the case built, token or not, with the reason: there the test
 * expects this library's ValidationError, and still no crash.
 */
const REJECTED: Record<string, string> = {
  'EksJobDefinitionProps.imagePullSecrets (list)': 'each secret renders as an object ({ Name }): a token for the whole list cannot be mapped (K20–K39)',
  'EksNodeRange.imagePullSecrets (list)': 'each secret renders as an object ({ Name }): a token for the whole list cannot be mapped (K20–K39)',
};

/**
 * Fields that are accepted but not rendered in the case built, with the reason: there the token
 * must not reach the template, and nothing may fail.
 */
const IGNORED: Record<string, string> = {
  'FargateComputeEnvironmentProps.updateTimeout': 'Batch ignores the update policy of Fargate environments: ignored with a warning (DEVIATIONS.md, C3, C11)',
};

const FQN_PREFIX = '@aws-cdk/aws-batch-alpha.';
type Kind = 'number' | 'string' | 'Duration' | 'Size' | 'list' | 'list element' | 'map value';

/** The token-able fields of a struct (its own and inherited), from the assembly. */
function tokenFields(types: Record<string, any>, fqn: string): Array<{ name: string; kind: Kind }> {
  const t = types[fqn];
  const own = (t.properties ?? []).flatMap((p: any): Array<{ name: string; kind: Kind }> => {
    const kind = p.type.primitive === 'number' || p.type.primitive === 'string' ? p.type.primitive
      : p.type.fqn === 'aws-cdk-lib.Duration' ? 'Duration' : p.type.fqn === 'aws-cdk-lib.Size' ? 'Size' : undefined;
    const collection = p.type.collection;
    const ofStrings = ['string', 'any'].includes(collection?.elementtype?.primitive);
    if (collection?.kind === 'array' && ofStrings) {
      return [{ name: p.name, kind: 'list' }, { name: p.name, kind: 'list element' }];
    }
    if (collection?.kind === 'map' && ofStrings) {
      return [{ name: p.name, kind: 'map value' }];
    }
    return kind ? [{ name: p.name, kind }] : [];
  });
  return [...own, ...(t.interfaces ?? []).flatMap((base: string) => tokenFields(types, base))];
}

/**
 * What a lazy token of a field resolves to, where the template constrains it (so that cfn-lint judges a deployable
 * template): 1 and `x` otherwise.
 */
const LAZY_VALUES: Record<string, number | string> = {
  maxTime: 600,
  resourceArns: 'arn:aws:batch:us-east-1:123456789012:consumable-resource/lazy',
  // the job role is granted on it: IAM takes only an ARN there
  fileSystemArn: 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0',
};
/** The plain element next to a token element of a list field. */
const PLAIN_ELEMENTS: Record<string, string> = {
  resourceArns: 'arn:aws:batch:us-east-1:123456789012:consumable-resource/plain',
};

/** A token for a field: from a CfnParameter (which must then reach the template) or a Lazy. */
function tokenFor(stack: Stack, field: { name: string; kind: Kind }, source: 'parameter' | 'lazy'): unknown {
  const lazy = LAZY_VALUES[field.name];
  const number = () => (source === 'parameter'
    ? new CfnParameter(stack, 'Token', { type: 'Number' }).valueAsNumber
    : Lazy.number({ produce: () => (typeof lazy === 'number' ? lazy : 1) }));
  switch (field.kind) {
    case 'number': return number();
    case 'string': return source === 'parameter'
      ? new CfnParameter(stack, 'Token').valueAsString : Lazy.string({ produce: () => (typeof lazy === 'string' ? lazy : 'x') });
    case 'Duration': return (Duration as any)[UNITS[field.name]](number());
    case 'Size': return (Size as any)[UNITS[field.name]](number());
    case 'list': return source === 'parameter'
      ? new CfnParameter(stack, 'Token', { type: 'CommaDelimitedList' }).valueAsList : Lazy.list({ produce: () => [typeof lazy === 'string' ? lazy : 'x'] });
    case 'list element': return [PLAIN_ELEMENTS[field.name] ?? 'a', tokenFor(stack, { name: field.name, kind: 'string' }, source)];
    case 'map value': return { KEY: tokenFor(stack, { name: field.name, kind: 'string' }, source) };
  }
}

/** The paths in a template where a value occurs, as `Resources.Job.Properties.ContainerProperties.Command[1]`. */
function pathsOf(value: unknown, wanted: string, at = ''): string[] {
  if (JSON.stringify(value) === wanted) {
    return [at];
  }
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => pathsOf(v, wanted, `${at}[${i}]`));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => pathsOf(v, wanted, at === '' ? k : `${at}.${k}`));
  }
  return [];
}

/** A resource requirement's value, of the given type (`VCPU`, `MEMORY`, `GPU`). */
const requirement = (type: string) => (path: string, resources: unknown) => {
  const m = /^(.*\.ResourceRequirements\[\d+\])\.Value$/.exec(path);
  return m !== null && valueAt(resources, m[1]).Type === type;
};

/**
 * Where a field's token must land when the CloudFormation property does not spell the field's
 * name, by `Struct.field` or field: the rendered path must match. Other fields land in a property
 * that spells their name (`jobQueueName` in `JobQueueName`, `command` in `Command`).
 */
const LANDS_IN: Record<string, RegExp | ((path: string, resources: unknown) => boolean)> = {
  'cpu': requirement('VCPU'),
  'memory': requirement('MEMORY'),
  'gpu': requirement('GPU'),
  'ephemeralStorageSize': /\.EphemeralStorage\.SizeInGiB$/,
  'retryAttempts': /\.RetryStrategy\.Attempts$/,
  'kubernetesNamespace': /\.PodProperties\.Metadata\.Namespace$|\.EksConfiguration\.KubernetesNamespace$/,
  'maxTime': /\.JobStateTimeLimitActions\[\d+\]\.MaxTimeSeconds$/,
  'resourceArns': /\.PolicyDocument\.Statement\[\d+\]\.Resource(\[\d+\])?$/,
  'EfsVolumeOptions.name': /\.Volumes\[\d+\]\.Name$|\.MountPoints\[\d+\]\.SourceVolume$/,
  'HostVolumeOptions.name': /\.Volumes\[\d+\]\.Name$|\.MountPoints\[\d+\]\.SourceVolume$/,
  'S3FilesVolumeOptions.name': /\.Volumes\[\d+\]\.Name$|\.MountPoints\[\d+\]\.SourceVolume$/,
  // the job role is allowed to mount the file system
  'S3FilesVolumeOptions.fileSystemArn': /\.S3FilesVolumeConfiguration\.FileSystemArn$|\.PolicyDocument\.Statement\[\d+\]\.Resource$/,
  'HostVolumeOptions.hostPath': /\.Volumes\[\d+\]\.Host\.SourcePath$/,
  'cpuLimit': /\.Resources\.Limits\.cpu$/,
  'cpuReservation': /\.Resources\.Requests\.cpu$/,
  'gpuLimit': /\.Resources\.Limits\.nvidia\.com\/gpu$/,
  'gpuReservation': /\.Resources\.Requests\.nvidia\.com\/gpu$/,
  'memoryLimit': /\.Resources\.Limits\.memory(\.|$)/,
  'memoryReservation': /\.Resources\.Requests\.memory(\.|$)/,
  'serviceAccount': /\.PodProperties\.ServiceAccountName$/,
  'EksJobDefinitionProps.kubernetesNamespace': /\.PodProperties\.Metadata\.Namespace$/,
  'EksNodeRange.kubernetesNamespace': /\.PodProperties\.Metadata\.Namespace$/,
  'schedulingPolicyName': /^Resources\.Policy\w+\.Properties\.Name$/,
  'shareDecay': /\.FairsharePolicy\.ShareDecaySeconds$/,
  'spotBidPercentage': /\.ComputeResources\.BidPercentage$/,
  'updateTimeout': /\.UpdatePolicy\.JobExecutionTimeoutMinutes$/,
  'storageSize': /\.StorageConfiguration\.StorageSizeGiB$/,
  'minScaleDownDelay': /\.ScalingPolicy\.MinScaleDownDelayMinutes$/,
  'startNode': /\.NodeRangeProperties\[\d+\]\.TargetNodes\./,
  'endNode': /\.NodeRangeProperties\[\d+\]\.TargetNodes\.|\.NodeProperties\.NumNodes$/,
  'versionId': /\.Secrets\[\d+\]\.ValueFrom\./,
  'versionStage': /\.Secrets\[\d+\]\.ValueFrom\./,
};

/** The value at a path made by pathsOf(), under `Resources`. */
function valueAt(resources: unknown, path: string): any {
  let value: any = { Resources: resources };
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    value = value?.[m[1] ?? Number(m[2])];
  }
  return value;
}

/** Whether a template path is the field's own property. */
function landsInItsProperty(path: string, casePath: string, field: string, resources: unknown): boolean {
  const rule = LANDS_IN[casePath.replace(/ \(.*\)$/, '')] ?? LANDS_IN[field];
  if (rule !== undefined) {
    return typeof rule === 'function' ? rule(path, resources) : rule.test(path);
  }
  const wanted = field.toLowerCase();
  return path.split(/[.[\]]/).some((segment) => segment.toLowerCase() === wanted);
}

const types: Record<string, any> = loadAssembly().types;
const structs = Object.keys(types)
  .filter((fqn) => types[fqn].kind === 'interface' && types[fqn].datatype)
  .filter((fqn) => tokenFields(types, fqn).length > 0)
  .map((fqn) => fqn.slice(FQN_PREFIX.length));

test('every struct with a number, string, Duration or Size field has a harness', () => {
  const missing = structs.filter((name) => !(name in HARNESSES) && !(name in THROUGH));
  expect(missing).toEqual([]);
  const unitless = structs.flatMap((name) => tokenFields(types, FQN_PREFIX + name))
    .filter((f) => (f.kind === 'Duration' || f.kind === 'Size') && !(f.name in UNITS)).map((f) => f.name);
  expect(unitless).toEqual([]);
});

const CASES = structs.filter((name) => name in HARNESSES).flatMap((name) =>
  tokenFields(types, FQN_PREFIX + name).flatMap((field) =>
    (['parameter', 'lazy'] as const).map((source) => [
      `${name}.${field.name}${['list', 'list element', 'map value'].includes(field.kind) ? ` (${field.kind})` : ''}`, source, name, field,
    ] as const)));

test('the cases cover every struct, directly or through one extending it', () => {
  const tested = new Set(CASES.map(([, , name]) => name));
  expect(structs.filter((name) => !tested.has(name) && !tested.has(THROUGH[name]))).toEqual([]);
  expect(CASES.length).toBeGreaterThan(100);
});

test.each(CASES)('%s takes a %s token', (path, source, name, field) => {
  const stack = newStack();
  const harness = HARNESSES[name];
  const value = { ...harness.baseline(stack), [field.name]: tokenFor(stack, field, source) };

  let template: any;
  let error: unknown;
  try {
    harness.use(stack, value);
    if (path in IGNORED && source === 'parameter') {
      // the construct renders nothing of an ignored prop: reference the parameter elsewhere, so that the template
      // does not carry an unused parameter (which aws-cdk-lib's template validation reports)
      new CfnOutput(stack, 'IgnoredToken', { value: Fn.ref('Token') });
    }
    template = Template.fromStack(stack).toJSON();
  } catch (e) {
    error = e;
  }

  if (path in REJECTED) {
    expect(error).toBeInstanceOf(ValidationError);
    return;
  }
  expect(error).toBeUndefined();
  if (path in IGNORED) {
    expect(JSON.stringify(template.Resources)).not.toContain('"Token"');
    return;
  }
  if (source === 'parameter') {
    // the token is rendered, not dropped or replaced, and lands in the field's own property
    const paths = pathsOf(template.Resources, '{"Ref":"Token"}', 'Resources');
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !landsInItsProperty(p, path, field.name, template.Resources))).toEqual([]);
  }
});
