import { Duration, Size, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import {
  EcsEc2ContainerDefinition, EcsEc2TaskDefinition, EcsFargateTaskDefinition, EcsManagedInstancesTaskDefinition, EcsMultiContainerJobDefinition,
  EcsNetworkMode, EcsTaskContainerOptions, EcsVolume, IEcsTaskDefinition, JobQueue, MultiNodeJobDefinition, UlimitName,
} from '../../../lib';
import { cases, Ctx, duration, FuzzTarget, Gen, isWild, list, name, num, opt, optional, plain, size } from '../harness';

/*
 * Multi-container tasks (on EC2, Fargate and ECS Managed Instances) and multi-node ranges. The plausible half draws only what AWS accepts
 * (1 to 10 uniquely named containers, an essential one, dependencies on earlier containers only,
 * a Fargate task size split among the containers, ranges tiling the nodes), and a rejection there
 * fails the case: it is turned into a crash. The wild half draws anything.
 */

/** Fails a plausible case that this library rejects, so that a wrong rejection is caught. */
function expectAccepted(ctx: Ctx, plausible: boolean): void {
  if (!plausible) {
    return;
  }
  const errors = ctx.stack.node.findAll().flatMap((c) => c.node.validate());
  if (errors.length > 0) {
    throw new Error(`a plausible case was rejected: ${errors.join('; ')}`);
  }
}

interface ContainerCase {
  name: Gen<string>;
  cpu: Gen<number>;
  memory: Gen<Size>;
  essential?: boolean;
  /** Indexes of the containers depended on (of earlier ones, in the plausible half), and the condition. */
  dependsOn: Array<{ on: number; condition: ecs.ContainerDependencyCondition }>;
  firelens: boolean;
  logging: boolean;
  privileged?: boolean;
  gpu?: Gen<number>;
  ulimit: boolean;
  volume?: { name: string; path: string; host: boolean; s3Files: boolean };
  startTimeout?: Gen<Duration>;
  stopTimeout?: Gen<Duration>;
  addedLater: boolean;
}

/** Where a task runs: EC2, Fargate or ECS Managed Instances. */
type Platform = 'ec2' | 'fargate' | 'managedInstances';

const S3_FILE_SYSTEM = 'arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123456789abcdef0';

const CONDITIONS = [
  ecs.ContainerDependencyCondition.START, ecs.ContainerDependencyCondition.COMPLETE,
  ecs.ContainerDependencyCondition.SUCCESS, ecs.ContainerDependencyCondition.HEALTHY,
];

/** Fargate task sizes: [vCPU, MiB]. */
const FARGATE_SIZES: Array<[number, number]> = [[0.25, 512], [0.5, 1024], [1, 2048], [1, 4096], [2, 8192], [4, 16384], [8, 32768], [16, 65536]];

// `wild` is read when the arbitrary is built (see `cases()`), and handed down to arbitraries built later by `chain`.
const containerCase = (platform: Platform, wild: boolean): fc.Arbitrary<ContainerCase> => fc.record({
  name: wild ? name(255) : plain(fc.constant('placeholder')),
  cpu: wild ? num(0, 16, false) : plain(fc.integer({ min: 1, max: 4 })),
  memory: wild ? size() : plain(fc.integer({ min: 4, max: 4096 }).map((m) => Size.mebibytes(m))),
  essential: optional(fc.boolean()),
  dependsOn: list(fc.record({ on: fc.integer({ min: 0, max: 11 }), condition: fc.constantFrom(...(wild ? CONDITIONS : CONDITIONS.slice(0, 3))) }), 2),
  firelens: fc.boolean(),
  logging: fc.boolean(),
  privileged: platform !== 'fargate' || wild ? optional(fc.boolean()) : fc.constant(undefined),
  gpu: platform !== 'fargate' || wild ? optional(num(0, 4)) : fc.constant(undefined),
  ulimit: platform !== 'fargate' || wild ? fc.boolean() : fc.constant(false),
  volume: optional(fc.record({
    name: fc.constantFrom('shared', 'scratch'),
    path: fc.constantFrom('/shared', '/scratch', '/data'),
    host: platform === 'ec2' || wild ? fc.boolean() : fc.constant(false),
    s3Files: fc.boolean(),
  })),
  startTimeout: optional(wild ? duration(600) : plain(fc.integer({ min: 0, max: 600 }).map((s) => Duration.seconds(s)))),
  stopTimeout: optional(wild ? duration(600) : plain(fc.integer({ min: 0, max: 120 }).map((s) => Duration.seconds(s)))),
  addedLater: fc.boolean(),
});

interface TaskCase {
  platform: Platform;
  containers: ContainerCase[];
  fargateSize: number;
  enableExecuteCommand?: boolean;
  ipcMode?: ecs.IpcMode;
  pidMode?: ecs.PidMode;
  assignPublicIp?: boolean;
  ephemeralStorage?: Gen<Size>;
  arm?: boolean;
  /** On ECS Managed Instances: the network mode given (`host`, the only one) or left to Batch. */
  hostNetwork?: boolean;
  plausible: boolean;
}

const taskCase = (platforms: Array<Platform>): fc.Arbitrary<TaskCase> => {
  const wild = isWild();
  const byPlatform = {
    ec2: taskCaseOn('ec2', wild), fargate: taskCaseOn('fargate', wild), managedInstances: taskCaseOn('managedInstances', wild),
  };
  return fc.oneof(...platforms.map((p) => byPlatform[p]));
};

const taskCaseOn = (platform: Platform, wild: boolean): fc.Arbitrary<TaskCase> => fc.record({
  platform: fc.constant(platform),
  containers: fc.array(containerCase(platform, wild), wild ? { maxLength: 12 } : { minLength: 1, maxLength: 10 }),
  fargateSize: fc.integer({ min: 0, max: FARGATE_SIZES.length - 1 }),
  enableExecuteCommand: optional(fc.boolean()),
  ipcMode: optional(fc.constantFrom(ecs.IpcMode.HOST, ecs.IpcMode.TASK, ecs.IpcMode.NONE)),
  pidMode: optional(fc.constantFrom(ecs.PidMode.HOST, ecs.PidMode.TASK)),
  assignPublicIp: optional(fc.boolean()),
  ephemeralStorage: optional(wild ? size() : plain(fc.integer({ min: 21, max: 200 }).map((g) => Size.gibibytes(g)))),
  arm: optional(fc.boolean()),
  hostNetwork: optional(fc.boolean()),
  plausible: fc.constant(!wild),
});

/** The options of each container; in the plausible half made consistent with the others. */
function containerOptions(ctx: Ctx, t: TaskCase): EcsTaskContainerOptions[] {
  const count = t.containers.length;
  const [taskCpu, taskMib] = FARGATE_SIZES[t.fargateSize];
  return t.containers.map((c, i) => {
    const name = t.plausible ? `c${i}` : c.name(ctx);
    // the first container is essential; the others may depend (earlier ones only) on non-essential ones
    const essential = t.plausible && i === 0 ? true : c.essential;
    let cpu = c.cpu(ctx);
    let memory = c.memory(ctx);
    if (t.plausible && t.platform === 'fargate') {
      // an equal share, with the rest on the first container: the sum is the task size
      const share = Math.floor((taskCpu / count) * 1000) / 1000;
      const mib = Math.floor(taskMib / count);
      cpu = i === 0 ? Math.round((taskCpu - share * (count - 1)) * 1000) / 1000 : share;
      memory = Size.mebibytes(i === 0 ? taskMib - mib * (count - 1) : mib);
    }
    const dependsOn = c.dependsOn
      .filter((d) => !t.plausible || (d.on < i && (d.condition === ecs.ContainerDependencyCondition.START || (d.on > 0 && t.containers[d.on].essential === false))))
      .map((d) => ({ containerName: `c${d.on}`, condition: d.condition }));
    return {
      name,
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'),
      cpu,
      memory,
      essential,
      dependsOn,
      firelensConfiguration: c.firelens ? { type: ecs.FirelensLogRouterType.FLUENTBIT, options: { 'enable-ecs-log-metadata': 'true' } } : undefined,
      logging: c.logging ? ecs.LogDrivers.firelens({ options: { Name: 'stdout' } }) : undefined,
      privileged: c.privileged,
      gpu: opt(ctx, c.gpu),
      ulimits: c.ulimit ? [{ name: UlimitName.NOFILE, softLimit: 1024, hardLimit: 4096 }] : undefined,
      // one path per name, so that containers sharing a volume share the same one
      volumes: c.volume ? [c.volume.s3Files
        // one S3 Files volume per name, shared by the containers that mount it
        ? EcsVolume.s3Files({ name: `${c.volume.name}-s3`, containerPath: c.volume.path, fileSystemArn: S3_FILE_SYSTEM, readonly: c.volume.host })
        : c.volume.host
          ? EcsVolume.host({ name: c.volume.name, containerPath: c.volume.path, hostPath: t.plausible ? `/var/${c.volume.name}` : '/var/x' })
          : EcsVolume.host({ name: `${c.volume.name}-${i}`, containerPath: c.volume.path })] : undefined,
      startTimeout: opt(ctx, c.startTimeout),
      stopTimeout: opt(ctx, c.stopTimeout),
    };
  });
}

function makeTask(ctx: Ctx, t: TaskCase): IEcsTaskDefinition {
  const props = { enableExecuteCommand: t.enableExecuteCommand, ipcMode: t.ipcMode, pidMode: t.pidMode };
  const architecture = t.arm === undefined ? undefined : (t.arm ? ecs.CpuArchitecture.ARM64 : ecs.CpuArchitecture.X86_64);
  const task = t.platform === 'ec2'
    ? new EcsEc2TaskDefinition(ctx.stack, ctx.id('Task'), props)
    : t.platform === 'managedInstances'
      ? new EcsManagedInstancesTaskDefinition(ctx.stack, ctx.id('Task'), {
        ...props,
        networkMode: t.hostNetwork ? EcsNetworkMode.HOST : undefined,
        cpuArchitecture: architecture,
      })
      : new EcsFargateTaskDefinition(ctx.stack, ctx.id('Task'), {
        ...props,
        assignPublicIp: t.assignPublicIp,
        ephemeralStorageSize: opt(ctx, t.ephemeralStorage),
        fargateCpuArchitecture: architecture,
      });
  const options = containerOptions(ctx, t);
  // containers added later get their dependencies added later too
  const later: Array<() => void> = [];
  options.forEach((o, i) => {
    if (t.containers[i].addedLater && o.dependsOn && o.dependsOn.length > 0) {
      const container = task.addContainer({ ...o, dependsOn: undefined });
      later.push(() => o.dependsOn!.forEach((d) => container.addDependency(d)));
    } else {
      task.addContainer(o);
    }
  });
  later.forEach((add) => add());
  void task.containers.map((c) => [c.volumes.length, c.ulimits.length, c.dependencies.length]);
  return task;
}

interface MultiContainerCase { task: TaskCase; propagateTags?: boolean; grant: boolean; allRevisions: boolean }

export const ecsMultiContainerJobDefinitionTarget: FuzzTarget<MultiContainerCase> = {
  name: 'EcsMultiContainerJobDefinition',
  arbitrary: cases(() => fc.record({ task: taskCase(['ec2', 'fargate', 'managedInstances']), propagateTags: optional(fc.boolean()), grant: fc.boolean(), allRevisions: fc.boolean() })),
  build(ctx, c) {
    const job = new EcsMultiContainerJobDefinition(ctx.stack, 'JobDefinition', { task: makeTask(ctx, c.task), propagateTags: c.propagateTags });
    if (c.grant) {
      const queue = JobQueue.fromJobQueueArn(ctx.stack, ctx.id('Queue'), 'arn:aws:batch:us-east-1:123456789012:job-queue/q');
      job.grantSubmitJob(new iam.AccountRootPrincipal(), queue, { allRevisions: c.allRevisions });
    }
    expectAccepted(ctx, c.task.plausible);
  },
};

interface RangeCase {
  kind: 'container' | 'task';
  task: TaskCase;
  open: boolean;
  length: Gen<number>;
  start: Gen<number>;
  instanceTypes?: string[];
}

interface MultiNodeRangesCase {
  ranges: RangeCase[];
  numNodes?: Gen<number>;
  mainNode?: Gen<number>;
  plausible: boolean;
}

export const multiNodeRangesTarget: FuzzTarget<MultiNodeRangesCase> = {
  name: 'MultiNodeRanges',
  arbitrary: cases(() => fc.record({
    ranges: fc.array(fc.record({
      kind: fc.constantFrom('container' as const, 'task' as const),
      task: taskCase(isWild() ? ['ec2', 'ec2', 'fargate'] : ['ec2']),
      open: fc.boolean(),
      length: isWild() ? num(0, 4) : plain(fc.integer({ min: 1, max: 4 })),
      start: num(0, 8),
      instanceTypes: optional(fc.array(fc.constantFrom('c5.large', 'c5.xlarge', 'm5.2xlarge'), isWild() ? { maxLength: 2 } : { minLength: 1, maxLength: 1 })),
    }), isWild() ? { maxLength: 7 } : { minLength: 1, maxLength: 5 }),
    numNodes: optional(num(1, 40)),
    mainNode: optional(num(0, 8)),
    plausible: fc.constant(!isWild()),
  })),
  build(ctx, c) {
    // plausible: ranges laid end to end from node 0, the last one possibly open, numNodes consistent
    let next = 0;
    const ranges = c.ranges.map((r, i) => {
      const last = i === c.ranges.length - 1;
      const length = r.length(ctx);
      const startNode = c.plausible ? next : r.start(ctx);
      const endNode = (c.plausible ? last && r.open : r.open) ? undefined
        : (Token.isUnresolved(length) || Token.isUnresolved(startNode) ? length : startNode + length - 1);
      next = Token.isUnresolved(length) ? next + 1 : next + length;
      const runs = r.kind === 'container'
        ? { container: new EcsEc2ContainerDefinition(ctx.stack, ctx.id('Container'), {
          image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:latest'), cpu: 1, memory: Size.mebibytes(512),
        }) }
        : { task: makeTask(ctx, r.task) };
      return { startNode, endNode, ...runs, instanceTypes: r.instanceTypes?.map((t) => new ec2.InstanceType(t)) };
    });
    const open = ranges.length > 0 && ranges[ranges.length - 1].endNode === undefined;
    const numNodes = c.plausible ? (open ? opt(ctx, c.numNodes) && next + 3 : undefined) : opt(ctx, c.numNodes);
    const job = new MultiNodeJobDefinition(ctx.stack, 'JobDefinition', {
      instanceType: new ec2.InstanceType('c5.xlarge'),
      numNodes,
      mainNode: c.plausible ? 0 : opt(ctx, c.mainNode),
    });
    ranges.forEach((r) => job.addRange(r));
    void job.ranges.length;
    expectAccepted(ctx, c.plausible && c.ranges.every((r) => r.kind === 'container' || r.task.plausible));
  },
};
