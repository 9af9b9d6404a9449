import { Duration, Size, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as fc from 'fast-check';
import {
  Action, DevicePermission, EcsEc2ContainerDefinition, EcsFargateContainerDefinition, EcsJobDefinition, EcsVolume,
  EksContainerDefinition, EksJobDefinition, EksVolume, EmptyDirMediumType, IEcsContainerDefinition, ImagePullPolicy,
  JobQueue, LinuxParameters, MultiNodeJobDefinition, Reason, RetryStrategy, Secret, TmpfsMountOption, UlimitName,
  DnsPolicy,
} from '../../../lib';
import { anyNum, cases, isWild, Ctx, duration, FuzzTarget, Gen, gen, list, lit, name, num, opt, optional, plain, size, str, stringOf } from '../harness';
import { arn } from './common';

// ---- job definition props shared by every kind -------------------------------------------------

type ReasonCase = { kind: 'builtin'; which: number } | { kind: 'custom'; onExitCode?: Gen<string>; onReason?: Gen<string>; onStatusReason?: Gen<string> };

const reason = (): fc.Arbitrary<ReasonCase> => fc.oneof(
  fc.record({ kind: fc.constant('builtin' as const), which: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    kind: fc.constant('custom' as const),
    // Batch needs at least one of the three globs: plausible cases always give an exit code.
    onExitCode: (isWild() ? optional : <T>(a: fc.Arbitrary<T>) => a)(str(fc.oneof(stringOf('0123456789', 1, 5), stringOf('0123456789', 1, 5).map((s) => `${s}*`)))),
    onReason: optional(str(fc.constantFrom('Host EC2*', 'CannotPullContainerError:*', 'OutOfMemory'))),
    onStatusReason: optional(str(fc.constantFrom('Task failed*', 'Essential container in task exited'))),
  }),
);

function makeReason(ctx: Ctx, r: ReasonCase): Reason {
  if (r.kind === 'builtin') {
    return [Reason.NON_ZERO_EXIT_CODE, Reason.SPOT_INSTANCE_RECLAIMED, Reason.CANNOT_PULL_CONTAINER][r.which];
  }
  return Reason.custom({ onExitCode: opt(ctx, r.onExitCode), onReason: opt(ctx, r.onReason), onStatusReason: opt(ctx, r.onStatusReason) });
}

const retryStrategy = () => fc.record({ exit: fc.boolean(), on: reason() });
type RetryCase = { exit: boolean; on: ReasonCase };

function makeRetry(ctx: Ctx, r: RetryCase): RetryStrategy {
  return RetryStrategy.of(r.exit ? Action.EXIT : Action.RETRY, makeReason(ctx, r.on));
}

interface JobDefinitionCase {
  jobDefinitionName?: Gen<string>;
  parameters?: Record<string, string>;
  retryAttempts?: Gen<number>;
  retryStrategies?: RetryCase[];
  schedulingPriority?: Gen<number>;
  timeout?: Gen<Duration>;
  addedRetries: RetryCase[];
  grant: boolean;
  imports: Gen<string>[];
}

const jobDefinitionCase = () => ({
  jobDefinitionName: optional(name()),
  parameters: optional(fc.dictionary(stringOf('abcxyz', 1, 5), fc.string({ maxLength: 10 }), { maxKeys: 3 })),
  // Batch needs attempts whenever retry strategies are given: plausible cases always have them.
  retryAttempts: isWild() ? optional(num(1, 10)) : num(1, 10),
  // At most five strategies in all (props and added ones) in plausible cases.
  retryStrategies: optional(list(retryStrategy(), isWild() ? 6 : 3)),
  schedulingPriority: optional(num(0, 9999)),
  timeout: optional(duration(100000)),
  addedRetries: list(retryStrategy(), isWild() ? 3 : 2),
  grant: fc.boolean(),
  imports: list(arn('job-definition'), 2),
});

function jobDefinitionProps(ctx: Ctx, c: JobDefinitionCase) {
  return {
    jobDefinitionName: opt(ctx, c.jobDefinitionName),
    parameters: c.parameters,
    retryAttempts: opt(ctx, c.retryAttempts),
    retryStrategies: c.retryStrategies?.map((r) => makeRetry(ctx, r)),
    schedulingPriority: opt(ctx, c.schedulingPriority),
    timeout: opt(ctx, c.timeout),
  };
}

function afterJobDefinition(ctx: Ctx, c: JobDefinitionCase, jd: { addRetryStrategy(s: RetryStrategy): void; grantSubmitJob(g: iam.IGrantable, q: any): void }): void {
  for (const r of c.addedRetries) {
    jd.addRetryStrategy(makeRetry(ctx, r));
  }
  if (c.grant) {
    const queue = JobQueue.fromJobQueueArn(ctx.stack, 'Queue', 'arn:aws:batch:us-east-1:123456789012:job-queue/q');
    jd.grantSubmitJob(new iam.Role(ctx.stack, 'Submitter', { assumedBy: new iam.AccountRootPrincipal() }), queue);
  }
}

// ---- ECS containers ------------------------------------------------------------------------------

type VolumeCase =
  | { kind: 'host'; name: Gen<string>; containerPath: Gen<string>; hostPath?: Gen<string>; readonly?: boolean }
  | { kind: 'efs'; name: Gen<string>; containerPath: Gen<string>; readonly?: boolean; accessPointId?: Gen<string>;
    enableTransitEncryption?: boolean; rootDirectory?: Gen<string>; transitEncryptionPort?: Gen<number>; useJobRole?: boolean }
  | { kind: 's3files'; name: Gen<string>; containerPath: Gen<string>; readonly?: boolean; fileSystemArn: Gen<string>;
    accessPointArn?: Gen<string>; rootDirectory?: Gen<string>; transitEncryptionPort?: Gen<number> };

const path = () => str(fc.oneof(fc.constantFrom('/data', '/mnt/x', '/'), stringOf('abc/', 1, 10).map((s) => `/${s}`)));
const volumeName = () => name(255);

const S3_FILE_SYSTEM = 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0';

/** S3 Files file system ARNs: well-formed ones and tokens; wild ones also of another service, or no ARN at all. */
const s3FileSystemArn = (): fc.Arbitrary<Gen<string>> => fc.oneof(
  plain(fc.constantFrom(S3_FILE_SYSTEM, 'arn:aws-cn:s3files:cn-north-1:123456789012:file-system/fs-0123456789abcdef1')),
  fc.constant(gen('`arn:${Partition}:s3files:${Region}:${Account}:file-system/fs-...`',
    (ctx) => `arn:${ctx.stack.partition}:s3files:${ctx.stack.region}:${ctx.stack.account}:file-system/fs-0123456789abcdef0`)),
  ...(isWild() ? [str(fc.constantFrom('arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-12345678', 'fs-0123456789abcdef0'))] : []),
);

const ecsVolume = (): fc.Arbitrary<VolumeCase> => fc.oneof(
  fc.record({ kind: fc.constant('host' as const), name: volumeName(), containerPath: path(), hostPath: optional(path()), readonly: optional(fc.boolean()) }),
  fc.record({
    kind: fc.constant('efs' as const), name: volumeName(), containerPath: path(), readonly: optional(fc.boolean()),
    accessPointId: optional(str(fc.constantFrom('fsap-1234'))), enableTransitEncryption: optional(fc.boolean()),
    rootDirectory: optional(path()), transitEncryptionPort: optional(num(0, 65535)), useJobRole: optional(fc.boolean()),
  }),
  fc.record({
    kind: fc.constant('s3files' as const), name: volumeName(), containerPath: path(), readonly: optional(fc.boolean()),
    fileSystemArn: s3FileSystemArn(), accessPointArn: optional(str(fc.constantFrom(`${S3_FILE_SYSTEM}/access-point/fsap-0123456789abcdef0`))),
    rootDirectory: optional(path()), transitEncryptionPort: optional(num(0, 65535)),
  }),
);

/**
 * A plausible EFS volume: an access point or the job role's identity needs encryption in transit
 * (and an access point, no root directory other than '/'), so those draws turn it on.
 */
function plausibleVolume(v: VolumeCase, index: number): VolumeCase {
  const named = { ...v, name: lit(`volume${index}`) };
  if (named.kind === 's3files') {
    // an access point enforces its own root directory
    return { ...named, rootDirectory: named.accessPointArn !== undefined ? undefined : named.rootDirectory };
  }
  if (named.kind !== 'efs') {
    return named;
  }
  const needsEncryption = named.accessPointId !== undefined || named.useJobRole === true || named.transitEncryptionPort !== undefined;
  return {
    ...named,
    enableTransitEncryption: needsEncryption ? true : named.enableTransitEncryption,
    rootDirectory: named.accessPointId !== undefined ? undefined : named.rootDirectory,
  };
}

function makeEcsVolume(ctx: Ctx, v: VolumeCase): EcsVolume {
  if (v.kind === 'host') {
    return EcsVolume.host({ name: v.name(ctx), containerPath: v.containerPath(ctx), hostPath: opt(ctx, v.hostPath), readonly: v.readonly });
  }
  if (v.kind === 's3files') {
    return EcsVolume.s3Files({
      name: v.name(ctx), containerPath: v.containerPath(ctx), readonly: v.readonly, fileSystemArn: v.fileSystemArn(ctx),
      accessPointArn: opt(ctx, v.accessPointArn), rootDirectory: opt(ctx, v.rootDirectory), transitEncryptionPort: opt(ctx, v.transitEncryptionPort),
    });
  }
  return EcsVolume.efs({
    name: v.name(ctx), containerPath: v.containerPath(ctx), readonly: v.readonly,
    fileSystem: efs.FileSystem.fromFileSystemAttributes(ctx.stack, ctx.id('Fs'), {
      fileSystemId: 'fs-12345678', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(ctx.stack, ctx.id('FsSg'), 'sg-11111111'),
    }),
    accessPointId: opt(ctx, v.accessPointId), enableTransitEncryption: v.enableTransitEncryption,
    rootDirectory: opt(ctx, v.rootDirectory), transitEncryptionPort: opt(ctx, v.transitEncryptionPort), useJobRole: v.useJobRole,
  });
}

interface LinuxCase {
  initProcessEnabled?: boolean;
  maxSwap?: Gen<Size>;
  sharedMemorySize?: Gen<Size>;
  swappiness?: Gen<number>;
  devices: Array<{ hostPath: Gen<string>; containerPath?: Gen<string>; permissions?: DevicePermission[] }>;
  tmpfs: Array<{ containerPath: Gen<string>; size: Gen<Size>; mountOptions?: TmpfsMountOption[] }>;
}

const linuxCase = (): fc.Arbitrary<LinuxCase> => fc.record({
  initProcessEnabled: optional(fc.boolean()),
  maxSwap: optional(size()),
  sharedMemorySize: optional(size()),
  swappiness: optional(num(0, 100)),
  devices: list(fc.record({ hostPath: path(), containerPath: optional(path()), permissions: optional(fc.subarray(Object.values(DevicePermission) as DevicePermission[])) }), 2),
  tmpfs: list(fc.record({ containerPath: path(), size: size(), mountOptions: optional(fc.subarray(Object.values(TmpfsMountOption) as TmpfsMountOption[], { maxLength: 3 })) }), 2),
});

function makeLinuxParameters(ctx: Ctx, l: LinuxCase): LinuxParameters {
  const params = new LinuxParameters(ctx.stack, ctx.id('Linux'), {
    initProcessEnabled: l.initProcessEnabled, maxSwap: opt(ctx, l.maxSwap), sharedMemorySize: opt(ctx, l.sharedMemorySize), swappiness: opt(ctx, l.swappiness),
  });
  for (const d of l.devices) {
    params.addDevices({ hostPath: d.hostPath(ctx), containerPath: opt(ctx, d.containerPath), permissions: d.permissions });
  }
  for (const t of l.tmpfs) {
    params.addTmpfs({ containerPath: t.containerPath(ctx), size: t.size(ctx), mountOptions: t.mountOptions });
  }
  return params;
}

type SecretCase = 'secretsManager' | 'secretsManagerField' | 'secretsManagerVersion' | 'ssm' | 'importedSecret';

function makeSecret(ctx: Ctx, s: SecretCase): Secret {
  const id = ctx.id('Secret');
  switch (s) {
    case 'secretsManager': return Secret.fromSecretsManager(new secretsmanager.Secret(ctx.stack, id));
    case 'secretsManagerField': return Secret.fromSecretsManager(new secretsmanager.Secret(ctx.stack, id), 'password');
    case 'secretsManagerVersion': return Secret.fromSecretsManagerVersion(new secretsmanager.Secret(ctx.stack, id), { versionStage: 'AWSCURRENT' }, 'user');
    case 'ssm': return Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(ctx.stack, id, { parameterName: '/app/secret' }));
    default: return Secret.fromSecretsManager(secretsmanager.Secret.fromSecretNameV2(ctx.stack, id, 'existing'));
  }
}

interface EcsContainerCase {
  kind: 'ec2' | 'fargate';
  cpu: Gen<number>;
  memory: Gen<Size>;
  command?: string[];
  environment?: Record<string, string>;
  executionRole?: boolean;
  jobRole?: boolean;
  linuxParameters?: LinuxCase;
  logging?: boolean;
  readonlyRootFilesystem?: boolean;
  secrets?: Record<string, SecretCase>;
  user?: Gen<string>;
  volumes?: VolumeCase[];
  // EC2 only
  gpu?: Gen<number>;
  privileged?: boolean;
  ulimits?: Array<{ name: UlimitName; softLimit: Gen<number>; hardLimit: Gen<number> }>;
  // Fargate only
  assignPublicIp?: boolean;
  ephemeralStorageSize?: Gen<Size>;
  fargatePlatformVersion?: ecs.FargatePlatformVersion;
  addedVolumes: VolumeCase[];
}

// Plausible keys are names Batch takes (not empty, not starting with the reserved AWS_BATCH).
const envKey = () => (isWild() ? fc.oneof(stringOf('ABCXYZ_', 1, 8), fc.constantFrom('AWS_BATCH_X', '1X', '')) : stringOf('ABCXYZ_', 1, 8));
// -1 is unlimited, for either limit
const limit = () => fc.oneof({ weight: 4, arbitrary: anyNum() }, { weight: 1, arbitrary: plain(fc.constant(-1)) });
const ulimit = () => fc.record({ name: fc.constantFrom(...Object.values(UlimitName) as UlimitName[]), softLimit: limit(), hardLimit: limit() });

/** vCPU and MiB pairs that Fargate takes, and EC2 pairs (whole vCPUs). */
const FARGATE_SIZES: Array<[number, number]> = [[0.25, 512], [0.25, 2048], [0.5, 1024], [0.5, 4096], [1, 2048], [1, 8192], [2, 4096], [2, 16384], [4, 8192], [4, 30720], [8, 16384], [16, 32768]];
const EC2_SIZES: Array<[number, number]> = [[1, 512], [1, 2048], [2, 4096], [4, 8192], [8, 30720], [16, 65536]];

/**
 * Makes a drawn container plausible: a vCPU and memory pair its platform takes, a soft limit
 * within each ulimit's hard limit (one ulimit per name, NOFILE being added by the build), a
 * Fargate ephemeral storage size in range, one name per volume; on Fargate, no host volumes and
 * of the Linux parameters only the init process (Fargate supports no devices, tmpfs, swap or shared memory size).
 */
function plausibleContainer(c: EcsContainerCase & { size: number }): EcsContainerCase {
  const sizes = c.kind === 'fargate' ? FARGATE_SIZES : EC2_SIZES;
  const [cpu, mib] = sizes[c.size % sizes.length];
  const ulimits = c.ulimits?.filter((u, i, all) => u.name !== UlimitName.NOFILE && all.findIndex((o) => o.name === u.name) === i)
    .map((u) => ({ ...u, softLimit: u.hardLimit }));
  const onFargate = c.kind === 'fargate';
  const keep = (v: VolumeCase) => !onFargate || v.kind !== 'host';
  const given = (c.volumes ?? []).filter(keep);
  const volumes = [...given, ...c.addedVolumes.filter(keep)].map(plausibleVolume);
  const { size: _size, ...rest } = c;
  return {
    ...rest,
    linuxParameters: onFargate && c.linuxParameters !== undefined
      ? { initProcessEnabled: c.linuxParameters.initProcessEnabled, devices: [], tmpfs: [] } : c.linuxParameters,
    cpu: lit(cpu),
    memory: gen(`Size.mebibytes(${mib})`, () => Size.mebibytes(mib)),
    ulimits,
    ephemeralStorageSize: c.ephemeralStorageSize === undefined ? undefined : gen('Size.gibibytes(50)', () => Size.gibibytes(50)),
    volumes: c.volumes === undefined ? undefined : volumes.slice(0, given.length),
    addedVolumes: volumes.slice(given.length),
  };
}

const ecsContainerCase = (kinds: Array<'ec2' | 'fargate'>): fc.Arbitrary<EcsContainerCase> => {
  const drawn = fc.record({
  kind: fc.constantFrom(...kinds),
  cpu: fc.oneof(plain(fc.constantFrom(0.25, 0.5, 1, 2, 4, 8, 16)), num(0, 256, false)),
  memory: fc.oneof(fc.constantFrom(512, 1024, 2048, 4096, 8192, 30720).map((m) => (() => Size.mebibytes(m)) as Gen<Size>), size()),
  command: optional(list(fc.string({ maxLength: 10 }), 3)),
  environment: optional(fc.dictionary(envKey(), fc.string({ maxLength: 10 }), { maxKeys: 3 })),
  executionRole: optional(fc.boolean()),
  jobRole: optional(fc.boolean()),
  linuxParameters: optional(linuxCase()),
  logging: optional(fc.boolean()),
  readonlyRootFilesystem: optional(fc.boolean()),
  secrets: optional(fc.dictionary(envKey(), fc.constantFrom<SecretCase>('secretsManager', 'secretsManagerField', 'secretsManagerVersion', 'ssm', 'importedSecret'), { maxKeys: 3 })),
  user: optional(str(fc.constantFrom('root', '1000', '1000:1000'))),
  volumes: optional(list(ecsVolume(), 3)),
  gpu: optional(num(0, 8)),
  privileged: optional(fc.boolean()),
  ulimits: optional(list(ulimit(), 3)),
  assignPublicIp: optional(fc.boolean()),
  ephemeralStorageSize: optional(fc.oneof(fc.integer({ min: 0, max: 250 }).map((g) => (() => Size.gibibytes(g)) as Gen<Size>), size())),
  fargatePlatformVersion: optional(fc.constantFrom(ecs.FargatePlatformVersion.LATEST, ecs.FargatePlatformVersion.VERSION1_4, ecs.FargatePlatformVersion.VERSION1_3)),
  addedVolumes: list(ecsVolume(), 2),
  size: fc.nat(),
});
  return isWild() ? drawn.map(({ size: _size, ...c }) => c) : drawn.map(plausibleContainer);
};

function makeEcsContainer(ctx: Ctx, c: EcsContainerCase): IEcsContainerDefinition {
  const common = {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'),
    cpu: c.cpu(ctx),
    memory: c.memory(ctx),
    command: c.command,
    environment: c.environment,
    executionRole: c.executionRole ? new iam.Role(ctx.stack, ctx.id('ExecRole'), { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }) : undefined,
    jobRole: c.jobRole ? iam.Role.fromRoleArn(ctx.stack, ctx.id('JobRole'), 'arn:aws:iam::123456789012:role/job') : undefined,
    linuxParameters: c.linuxParameters === undefined ? undefined : makeLinuxParameters(ctx, c.linuxParameters),
    logging: c.logging ? ecs.LogDriver.awsLogs({ streamPrefix: 'batch' }) : undefined,
    readonlyRootFilesystem: c.readonlyRootFilesystem,
    secrets: c.secrets === undefined ? undefined : Object.fromEntries(Object.entries(c.secrets).map(([k, s]) => [k, makeSecret(ctx, s)])),
    user: opt(ctx, c.user),
    volumes: c.volumes?.map((v) => makeEcsVolume(ctx, v)),
  };
  let container: EcsEc2ContainerDefinition | EcsFargateContainerDefinition;
  if (c.kind === 'ec2') {
    const ec2Container = new EcsEc2ContainerDefinition(ctx.stack, ctx.id('Container'), {
      ...common, gpu: opt(ctx, c.gpu), privileged: c.privileged,
      ulimits: c.ulimits?.map((u) => ({ name: u.name, softLimit: u.softLimit(ctx), hardLimit: u.hardLimit(ctx) })),
    });
    ec2Container.addUlimit({ name: UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 });
    container = ec2Container;
  } else {
    container = new EcsFargateContainerDefinition(ctx.stack, ctx.id('Container'), {
      ...common, assignPublicIp: c.assignPublicIp, ephemeralStorageSize: opt(ctx, c.ephemeralStorageSize), fargatePlatformVersion: c.fargatePlatformVersion,
    });
  }
  for (const v of c.addedVolumes) {
    container.addVolume(makeEcsVolume(ctx, v));
  }
  return container;
}

// ---- targets -------------------------------------------------------------------------------------

interface EcsJobCase extends JobDefinitionCase { container: EcsContainerCase; propagateTags?: boolean }

export const ecsJobDefinitionTarget: FuzzTarget<EcsJobCase> = {
  name: 'EcsJobDefinition',
  arbitrary: cases(() => fc.record({ ...jobDefinitionCase(), container: ecsContainerCase(['ec2', 'fargate']), propagateTags: optional(fc.boolean()) })),
  build(ctx, c) {
    const jd = new EcsJobDefinition(ctx.stack, 'JobDefinition', {
      ...jobDefinitionProps(ctx, c), container: makeEcsContainer(ctx, c.container), propagateTags: c.propagateTags,
    });
    afterJobDefinition(ctx, c, jd);
    void jd.retryStrategies.length;
    for (const a of c.imports) {
      const imported = EcsJobDefinition.fromJobDefinitionArn(ctx.stack, ctx.id('Imported'), a(ctx));
      void ctx.stack.resolve(imported.jobDefinitionName);
    }
  },
};

interface MultiNodeCase extends JobDefinitionCase {
  instanceType: string;
  containers?: Array<{ container: EcsContainerCase; startNode: Gen<number>; endNode: Gen<number> }>;
  mainNode?: Gen<number>;
  propagateTags?: boolean;
  added: Array<{ container: EcsContainerCase; startNode: Gen<number>; endNode: Gen<number> }>;
  /** Lay the containers out as contiguous node ranges from 0, with the main node 0 (most valid layouts). */
  contiguous: boolean;
}

const nodeRange = () => fc.record({ container: ecsContainerCase(isWild() ? ['ec2', 'ec2', 'ec2', 'fargate'] : ['ec2']), startNode: num(0, 4), endNode: num(0, 6) });

export const multiNodeJobDefinitionTarget: FuzzTarget<MultiNodeCase> = {
  name: 'MultiNodeJobDefinition',
  arbitrary: cases(() => fc.record({
    ...jobDefinitionCase(),
    instanceType: fc.constantFrom('m5.large', 'c5.xlarge', 'p3.2xlarge'),
    // Plausible cases lay out at least one container, in contiguous ranges from node 0.
    containers: isWild() ? optional(list(nodeRange(), 2)) : fc.array(nodeRange(), { minLength: 1, maxLength: 2 }),
    mainNode: optional(num(0, 6)),
    propagateTags: optional(fc.boolean()),
    added: list(nodeRange(), 2),
    contiguous: isWild() ? fc.boolean() : fc.constant(true),
  })),
  build(ctx, c) {
    let next = 0;
    const range = (n: { startNode: Gen<number>; endNode: Gen<number> }) => {
      if (!c.contiguous) {
        return { startNode: n.startNode(ctx), endNode: n.endNode(ctx) };
      }
      const startNode = next;
      next += 2;
      return { startNode, endNode: startNode + 1 };
    };
    const jd = new MultiNodeJobDefinition(ctx.stack, 'JobDefinition', {
      ...jobDefinitionProps(ctx, c),
      instanceType: new ec2.InstanceType(c.instanceType),
      containers: c.containers?.map((n) => ({ container: makeEcsContainer(ctx, n.container), ...range(n) })),
      mainNode: c.contiguous ? 0 : opt(ctx, c.mainNode),
      propagateTags: c.propagateTags,
    });
    for (const n of c.added) {
      jd.addContainer({ container: makeEcsContainer(ctx, n.container), ...range(n) });
    }
    for (const r of c.addedRetries) {
      jd.addRetryStrategy(makeRetry(ctx, r));
    }
    void jd.containers.length;
    for (const a of c.imports) {
      const imported = MultiNodeJobDefinition.fromJobDefinitionArn(ctx.stack, ctx.id('Imported'), a(ctx));
      void ctx.stack.resolve(imported.jobDefinitionName);
    }
  },
};

interface LinuxParametersCase { linux: LinuxCase; container: EcsContainerCase }

export const linuxParametersTarget: FuzzTarget<LinuxParametersCase> = {
  name: 'LinuxParameters',
  // Plausible cases put the parameters on EC2 containers: Fargate takes almost none of them.
  arbitrary: cases(() => fc.record({ linux: linuxCase(), container: ecsContainerCase(isWild() ? ['ec2', 'fargate'] : ['ec2']) })),
  build(ctx, c) {
    const container = makeEcsContainer(ctx, { ...c.container, linuxParameters: c.linux });
    new EcsJobDefinition(ctx.stack, 'JobDefinition', { container });
  },
};

// ---- EKS -----------------------------------------------------------------------------------------

type EksVolumeCase =
  | { kind: 'emptyDir'; name: Gen<string>; mountPath?: Gen<string>; readonly?: boolean; medium?: EmptyDirMediumType; sizeLimit?: Gen<Size> }
  | { kind: 'hostPath'; name: Gen<string>; mountPath?: Gen<string>; readonly?: boolean; hostPath: Gen<string> }
  | { kind: 'secret'; name: Gen<string>; mountPath?: Gen<string>; readonly?: boolean; secretName: Gen<string>; optional?: boolean };

// Plausible cases draw valid DNS-1123 labels only; wild ones also hyphens at either end, capitals, 64 characters.
const dnsLabel = () => (isWild()
  ? str(fc.oneof(stringOf('abcdefghijklmnopqrstuvwxyz0123456789-', 1, 20), fc.constantFrom('a'.repeat(64), 'A', '-a')))
  : str(fc.oneof(stringOf('abcdefghijklmnopqrstuvwxyz0123456789', 1, 20), fc.constantFrom('a-b', 'x1-y2'))));

// vCPUs: plausible cases draw multiples of 0.25 (what Batch on EKS takes), wild ones any double.
const eksCpu = (): fc.Arbitrary<Gen<number>> => (isWild()
  ? num(0.25, 96, false)
  : num(1, 384).map((q) => gen(`quarters(${fc.stringify(q)})`, (ctx) => {
    const v = q(ctx);
    return Token.isUnresolved(v) ? v : v / 4;
  })));

const eksVolume = (): fc.Arbitrary<EksVolumeCase> => fc.oneof(
  fc.record({ kind: fc.constant('emptyDir' as const), name: dnsLabel(), mountPath: optional(path()), readonly: optional(fc.boolean()),
    medium: optional(fc.constantFrom(...Object.values(EmptyDirMediumType) as EmptyDirMediumType[])), sizeLimit: optional(size()) }),
  fc.record({ kind: fc.constant('hostPath' as const), name: dnsLabel(), mountPath: optional(path()), readonly: optional(fc.boolean()), hostPath: path() }),
  fc.record({ kind: fc.constant('secret' as const), name: dnsLabel(), mountPath: optional(path()), readonly: optional(fc.boolean()), secretName: dnsLabel(), optional: optional(fc.boolean()) }),
);

/** A plausible case's volumes have names and mount paths of their own. */
function uniqueEksVolumes<C extends { volumes?: EksVolumeCase[]; addedVolumes: EksVolumeCase[] }>(c: C): C {
  const all = [...(c.volumes ?? []), ...c.addedVolumes].map((v, i) => ({
    ...v, name: lit(`volume${i}`), mountPath: v.mountPath === undefined ? undefined : lit(`/mnt/volume${i}`),
  }));
  const given = c.volumes?.length ?? 0;
  return { ...c, volumes: c.volumes === undefined ? undefined : all.slice(0, given), addedVolumes: all.slice(given) };
}

/** EKS volumes; plausible ones are read-only only where mounted. */
const plausibleEksVolume = (): fc.Arbitrary<EksVolumeCase> => (isWild() ? eksVolume()
  : eksVolume().map((v) => (v.mountPath === undefined ? { ...v, readonly: undefined } : v)));

function makeEksVolume(ctx: Ctx, v: EksVolumeCase): EksVolume {
  const common = { name: v.name(ctx), mountPath: opt(ctx, v.mountPath), readonly: v.readonly };
  switch (v.kind) {
    case 'emptyDir': return EksVolume.emptyDir({ ...common, medium: v.medium, sizeLimit: opt(ctx, v.sizeLimit) });
    case 'hostPath': return EksVolume.hostPath({ ...common, hostPath: v.hostPath(ctx) });
    default: return EksVolume.secret({ ...common, secretName: v.secretName(ctx), optional: v.optional });
  }
}

interface EksJobCase extends JobDefinitionCase {
  args?: string[];
  command?: string[];
  cpuLimit?: Gen<number>;
  cpuReservation?: Gen<number>;
  env?: Record<string, string>;
  gpuLimit?: Gen<number>;
  gpuReservation?: Gen<number>;
  imagePullPolicy?: ImagePullPolicy;
  memoryLimit?: Gen<Size>;
  memoryReservation?: Gen<Size>;
  /** Give cpuReservation the same value as cpuLimit (the limit may not be lower). */
  sameCpu: boolean;
  /** Give gpuReservation the same value as gpuLimit (Batch needs them equal when both are set). */
  sameGpu: boolean;
  /** Give memoryReservation the same value as memoryLimit (Batch needs them equal when both are set). */
  sameMemory: boolean;
  containerName?: Gen<string>;
  privileged?: boolean;
  readonlyRootFilesystem?: boolean;
  runAsGroup?: Gen<number>;
  runAsRoot?: boolean;
  runAsUser?: Gen<number>;
  volumes?: EksVolumeCase[];
  addedVolumes: EksVolumeCase[];
  dnsPolicy?: DnsPolicy;
  serviceAccount?: Gen<string>;
  useHostNetwork?: boolean;
}

export const eksJobDefinitionTarget: FuzzTarget<EksJobCase> = {
  name: 'EksJobDefinition',
  arbitrary: cases(() => fc.record({
    ...jobDefinitionCase(),
    args: optional(list(fc.string({ maxLength: 8 }), 3)),
    command: optional(list(fc.string({ maxLength: 8 }), 3)),
    // Batch on EKS needs a vCPU and a memory amount: plausible cases always set the limits, with
    // reservations equal to them or left out, and no read-only volume without a mount path.
    cpuLimit: isWild() ? optional(eksCpu()) : eksCpu(),
    cpuReservation: optional(eksCpu()),
    sameCpu: isWild() ? fc.boolean() : fc.constant(true),
    env: optional(fc.dictionary(envKey(), fc.string({ maxLength: 8 }), { maxKeys: 3 })),
    gpuLimit: optional(num(0, 8)),
    gpuReservation: optional(num(0, 8)),
    sameGpu: isWild() ? fc.boolean() : fc.constant(true),
    imagePullPolicy: optional(fc.constantFrom(...Object.values(ImagePullPolicy) as ImagePullPolicy[])),
    memoryLimit: isWild() ? optional(size()) : size(),
    memoryReservation: optional(size()),
    sameMemory: isWild() ? fc.boolean() : fc.constant(true),
    containerName: optional(dnsLabel()),
    privileged: optional(fc.boolean()),
    readonlyRootFilesystem: optional(fc.boolean()),
    runAsGroup: optional(num(0, 2147483647)),
    runAsRoot: optional(fc.boolean()),
    // User 0 is root, which needs runAsRoot: plausible cases draw other users.
    runAsUser: optional(num(isWild() ? 0 : 1, 2147483647)),
    volumes: optional(list(plausibleEksVolume(), 3)),
    addedVolumes: list(plausibleEksVolume(), 2),
    dnsPolicy: optional(fc.constantFrom(...Object.values(DnsPolicy) as DnsPolicy[])),
    serviceAccount: optional(dnsLabel()),
    useHostNetwork: optional(fc.boolean()),
  }).map(isWild() ? (c) => c : uniqueEksVolumes)),
  build(ctx, c) {
    const container = new EksContainerDefinition(ctx.stack, 'Container', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'),
      args: c.args, command: c.command, cpuLimit: opt(ctx, c.cpuLimit),
      cpuReservation: c.sameCpu ? opt(ctx, c.cpuLimit) : opt(ctx, c.cpuReservation), env: c.env,
      gpuLimit: opt(ctx, c.gpuLimit), gpuReservation: c.sameGpu ? opt(ctx, c.gpuLimit) : opt(ctx, c.gpuReservation), imagePullPolicy: c.imagePullPolicy,
      memoryLimit: opt(ctx, c.memoryLimit), memoryReservation: c.sameMemory ? opt(ctx, c.memoryLimit) : opt(ctx, c.memoryReservation), name: opt(ctx, c.containerName),
      privileged: c.privileged, readonlyRootFilesystem: c.readonlyRootFilesystem, runAsGroup: opt(ctx, c.runAsGroup),
      runAsRoot: c.runAsRoot, runAsUser: opt(ctx, c.runAsUser), volumes: c.volumes?.map((v) => makeEksVolume(ctx, v)),
    });
    for (const v of c.addedVolumes) {
      container.addVolume(makeEksVolume(ctx, v));
    }
    const jd = new EksJobDefinition(ctx.stack, 'JobDefinition', {
      ...jobDefinitionProps(ctx, c), container, dnsPolicy: c.dnsPolicy, serviceAccount: opt(ctx, c.serviceAccount), useHostNetwork: c.useHostNetwork,
    });
    afterJobDefinition(ctx, c, jd);
    for (const a of c.imports) {
      const imported = EksJobDefinition.fromEksJobDefinitionArn(ctx.stack, ctx.id('Imported'), a(ctx));
      void ctx.stack.resolve(imported.jobDefinitionName);
    }
  },
};
