import { Annotations, Size, SizeRoundingBehavior, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { EcsTaskContainer, EcsTaskContainerOptions } from './ecs-task-container';
import { EcsVolume, EfsVolume, S3FilesVolume } from './ecs-volume';
import { cloudFormationNames } from './private/cfn-names';
import { brand, hasBrand } from './private/brand';
import {
  grantS3FilesVolume, renderNewerVolumeMembers, renderRawVolume, renderVolume, S3_FILES_EC2_WARNING, validateVolume,
} from './private/ecs-volumes';
import {
  checkEc2Cpu, checkEphemeralStorage, checkFargateCpuMemory, fargateHostPathProblems,
  fargateLinuxParameterProblems, validateUlimit,
} from './private/ecs-platform';
import { createExecutionRole, createJobRole, executeCommandJobRole, grantDefaultLogGroup } from './private/execution-role';
import { validateTaskContainers } from './private/task-containers';
import { checkSizeTokenUnit } from './private/units';
import { addValidation, checkWholeMiB, Problem, show, throwIfInvalid, warn } from './private/validation';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * The containers of one ECS task and the settings they share: what a multi-container job runs,
 * or what the nodes of a range of a multi-node job run.
 */
export interface IEcsTaskDefinition extends IConstruct {
  /**
   * The containers of the task.
   */
  readonly containers: EcsTaskContainer[];

  /**
   * The role ECS and Fargate agents use to pull the images, write logs and read secrets of the task's containers.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/execution-IAM-role.html
   */
  readonly executionRole: iam.IRole;

  /**
   * The role the processes of the task's containers may assume.
   *
   * @default - no job role, unless ECS Exec or an S3 Files volume needs one: then one is created
   */
  readonly jobRole?: iam.IRole;

  /**
   * Whether ECS Exec is turned on for every container of the task.
   *
   * @default false
   */
  readonly enableExecuteCommand?: boolean;

  /**
   * The IPC namespace the task's containers use.
   *
   * @default - the Docker daemon's default (a private namespace per container)
   */
  readonly ipcMode?: ecs.IpcMode;

  /**
   * The process namespace the task's containers use.
   *
   * @default - a private namespace per container
   */
  readonly pidMode?: ecs.PidMode;

  /**
   * Adds a container to the task and returns it.
   */
  addContainer(options: EcsTaskContainerOptions): EcsTaskContainer;

  /**
   * Renders the task as one entry of `EcsProperties.TaskProperties`, with CloudFormation names.
   *
   * @internal
   */
  _renderTaskProperties(): { [name: string]: unknown };
}

/**
 * Props to create an ECS task of one or more containers.
 */
export interface EcsTaskDefinitionProps {
  /**
   * The containers of the task; more can be added with `addContainer()`.
   *
   * By synthesis time there must be 1 to 10, with unique names, and at least one essential.
   *
   * @default - none
   */
  readonly containers?: EcsTaskContainerOptions[];

  /**
   * The role ECS and Fargate agents use to pull the images, write logs and read secrets of the task's containers.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/execution-IAM-role.html
   * @default - a Role will be created
   */
  readonly executionRole?: iam.IRole;

  /**
   * The role the processes of the task's containers may assume.
   *
   * A job role is created when the task has none and ECS Exec or an S3 Files volume of a container
   * needs one. An S3 Files volume's file system may be mounted (and, unless the volume is read-only,
   * written) by the job role, given or created.
   *
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
   * @default - no job role, unless ECS Exec or an S3 Files volume needs one: then one is created
   */
  readonly jobRole?: iam.IRole;

  /**
   * Whether ECS Exec is turned on for every container of the task.
   *
   * The job role (created when none is given) is allowed the Systems Manager channels ECS Exec uses.
   *
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
   * @default false
   */
  readonly enableExecuteCommand?: boolean;

  /**
   * The IPC namespace the task's containers use.
   *
   * @default - the Docker daemon's default (a private namespace per container)
   */
  readonly ipcMode?: ecs.IpcMode;

  /**
   * The process namespace the task's containers use.
   *
   * @default - a private namespace per container
   */
  readonly pidMode?: ecs.PidMode;
}

/** The brands of the EC2 and Fargate task classes, so that job definitions tell them apart without `instanceof`. */
const EC2_TASK_BRAND = 'EcsEc2TaskDefinition';
const FARGATE_TASK_BRAND = 'EcsFargateTaskDefinition';

/** True for instances of `EcsFargateTaskDefinition`. */
export function isFargateTask(x: unknown): boolean {
  return hasBrand(x, FARGATE_TASK_BRAND);
}

/** True for instances of `EcsEc2TaskDefinition`. */
export function isEc2Task(x: unknown): boolean {
  return hasBrand(x, EC2_TASK_BRAND);
}

const CONTAINER_ID = /^[A-Za-z0-9_-]+$/;

/**
 * What the tasks of every platform share: the containers, the roles and the rendering.
 *
 * Not exported from the package: jsii folds its members into each task class.
 * Each concrete class redeclares the public methods of this class, so that a call resolves to a type
 * of the jsii assembly when jsii-rosetta translates an example (`test/api-declarations.test.ts`).
 *
 * @internal
 */
export abstract class EcsTaskDefinitionBase extends Construct implements IEcsTaskDefinition {
  public readonly executionRole: iam.IRole;
  public readonly enableExecuteCommand?: boolean;
  public readonly ipcMode?: ecs.IpcMode;
  public readonly pidMode?: ecs.PidMode;

  /** @internal */
  protected readonly _kind: string;
  private readonly _containers: EcsTaskContainer[] = [];
  private readonly createdExecutionRole: boolean;
  private logGroupGranted = false;
  private _jobRole?: iam.IRole;

  /**
   * @param kind the class name used in error messages
   */
  constructor(scope: Construct, id: string, kind: string, props: EcsTaskDefinitionProps) {
    super(scope, id);
    this._kind = kind;
    this.enableExecuteCommand = props.enableExecuteCommand;
    this.ipcMode = props.ipcMode;
    this.pidMode = props.pidMode;

    this.createdExecutionRole = props.executionRole === undefined;
    this.executionRole = props.executionRole ?? createExecutionRole(this);
    this._jobRole = props.enableExecuteCommand === true ? executeCommandJobRole(this, props.jobRole) : props.jobRole;

    for (const container of props.containers ?? []) {
      this.addContainer(container);
    }
    addValidation(kind, this, () => this.validateTask());
  }

  /**
   * The role the processes of the task's containers may assume.
   *
   * @default - no job role, unless ECS Exec or an S3 Files volume needs one: then one is created
   */
  public get jobRole(): iam.IRole | undefined {
    return this._jobRole;
  }

  /**
   * The containers of the task (a copy: use `addContainer()` to add one).
   */
  public get containers(): EcsTaskContainer[] {
    return [...this._containers];
  }

  public addContainer(options: EcsTaskContainerOptions): EcsTaskContainer {
    const at = `containers[${this._containers.length}]`;
    throwIfInvalid(this._kind, this, this._containerProblems(options, at));
    const id = !Token.isUnresolved(options.name) && CONTAINER_ID.test(options.name) && !this.node.tryFindChild(options.name)
      ? options.name
      : `Container${this._containers.length}`;
    const container = EcsTaskContainer._create(this, id, options, this.executionRole,
      (volume, volumeAt) => this.mountS3Files(volume, `containers[${show(options.name)}].${volumeAt}`));
    if (options.logging === undefined && this.createdExecutionRole && !this.logGroupGranted) {
      // as for a single container without a log driver: its output goes to Batch's log group
      grantDefaultLogGroup(this, this.executionRole);
      this.logGroupGranted = true;
    }
    this._containers.push(container);
    return container;
  }

  /**
   * @internal
   */
  public _renderTaskProperties(): { [name: string]: unknown } {
    return {
      Containers: this._containers.map((c) => cloudFormationNames(c._renderTaskContainer())),
      EnableExecuteCommand: this.enableExecuteCommand,
      ExecutionRoleArn: this.executionRole.roleArn,
      IpcMode: this.ipcMode,
      PidMode: this.pidMode,
      TaskRoleArn: this._jobRole?.roleArn,
      Volumes: this.renderVolumes(),
    };
  }

  /**
   * What a warning about an S3 Files volume on this task's platform says, or `undefined` when the platform runs them.
   *
   * @internal
   */
  protected _s3FilesPlatformWarning(): string | undefined {
    return undefined;
  }

  /**
   * The problems of a container's options on this task's platform, found when it is added.
   *
   * @internal
   */
  protected abstract _containerProblems(options: EcsTaskContainerOptions, at: string): Problem[];

  /**
   * The problems of the containers on this task's platform, found at synthesis.
   *
   * @internal
   */
  protected abstract _platformProblems(containers: EcsTaskContainer[]): Problem[];

  /** An S3 Files volume mounted by a container: the task's job role (created if need be) may mount the file system. */
  private mountS3Files(volume: S3FilesVolume, at: string): void {
    this._jobRole ??= createJobRole(this);
    grantS3FilesVolume(this._jobRole, volume);
    const platformWarning = this._s3FilesPlatformWarning();
    if (platformWarning !== undefined) {
      warn(this, 's3FilesVolumeOnEc2', `${at} is the S3 Files volume ${show(volume.name)}: ${platformWarning}`);
    }
  }

  private validateTask(): Problem[] {
    const containers = this._containers;
    const problems = validateTaskContainers(containers.map((c) => ({
      name: c.containerName,
      essential: c.essential,
      dependencies: c.dependencies,
    })));
    for (const warning of problems.warnings) {
      Annotations.of(this).addWarningV2(`@aws-cdk/aws-batch-alpha:${warning.rule}`, warning.message);
    }
    return [...problems.errors, ...this.volumeProblems(), ...this._platformProblems(containers)];
  }

  /** Containers that mount volumes of the same name must mean the same volume. */
  private volumeProblems(): Problem[] {
    const problems: Problem[] = [];
    const seen = new Map<string, { rendered: string; container: string }>();
    for (const container of this._containers) {
      container.volumes.forEach((volume, i) => {
        if (Token.isUnresolved(volume.name)) {
          return;
        }
        const rendered = JSON.stringify([renderVolume(volume), renderNewerVolumeMembers(volume)]);
        const first = seen.get(volume.name);
        if (first === undefined) {
          seen.set(volume.name, { rendered, container: container.containerName });
        } else if (first.rendered !== rendered) {
          problems.push(`containers[${show(container.containerName)}].volumes[${i}] must be the same volume as the one named ${show(volume.name)} in container ${show(first.container)}, got a different one`);
        }
      });
    }
    return problems;
  }

  /** One task volume per volume name, in the order the containers mount them. */
  private renderVolumes(): unknown {
    const volumes: EcsVolume[] = [];
    for (const container of this._containers) {
      for (const volume of container.volumes) {
        if (!volumes.some((v) => v.name === volume.name)) {
          volumes.push(volume);
        }
      }
    }
    return volumes.length === 0 ? undefined : volumes.map(renderRawVolume);
  }
}

/**
 * The problems of a container's options that every kind of task checks alike: its memory, whole MiB and at least
 * `minMiB`, and its volumes, checked as a single container checks its own.
 *
 * @internal
 */
export function commonContainerProblems(options: EcsTaskContainerOptions, at: string, minMiB: number): Problem[] {
  const volumes = options.volumes ?? [];
  return [
    checkWholeMiB(`${at}.memory`, options.memory, minMiB),
    checkSizeTokenUnit(`${at}.memory`, options.memory, 'mebibytes'),
    ...volumes.flatMap((v, i) => validateVolume(v, i).map((p) => p && `${at}.${p}`)),
  ];
}

/**
 * The problems of the ulimits of the containers of a task on instances (EC2 or ECS Managed Instances).
 *
 * @internal
 */
export function ulimitProblems(containers: EcsTaskContainer[]): Problem[] {
  return containers.flatMap((c) => c.ulimits.flatMap((u, i) => validateUlimit(u, i, `containers[${show(c.containerName)}].ulimits`)));
}

/**
 * An ECS task of one or more containers that runs on EC2 resources: the task of a
 * multi-container job on EC2, or of a range of nodes of a multi-node job.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/multi-container-jobs.html
 */
export class EcsEc2TaskDefinition extends EcsTaskDefinitionBase {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.EcsEc2TaskDefinition';

  constructor(scope: Construct, id: string, props: EcsTaskDefinitionProps = {}) {
    props = applyPropertyInjectors(EcsEc2TaskDefinition.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, 'EcsEc2TaskDefinition', props);
  }

  public override addContainer(options: EcsTaskContainerOptions): EcsTaskContainer {
    return super.addContainer(options);
  }

  /**
   * @internal
   */
  protected _containerProblems(options: EcsTaskContainerOptions, at: string): Problem[] {
    return [
      checkEc2Cpu(options.cpu, `${at}.cpu`),
      ...commonContainerProblems(options, at, 4),
    ];
  }

  /**
   * @internal
   */
  protected _platformProblems(containers: EcsTaskContainer[]): Problem[] {
    return ulimitProblems(containers);
  }

  /**
   * @internal
   */
  protected _s3FilesPlatformWarning(): string | undefined {
    return S3_FILES_EC2_WARNING;
  }
}
brand(EcsEc2TaskDefinition, EC2_TASK_BRAND);

/**
 * Props to create an ECS task of one or more containers that runs on Fargate resources.
 */
export interface EcsFargateTaskDefinitionProps extends EcsTaskDefinitionProps {
  /**
   * Whether the job gets a public IP address.
   *
   * A job in a private subnet reaches the internet (to pull images, for one) through a NAT
   * gateway instead; one in a public subnet without a public IP cannot.
   *
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
   * @default false
   */
  readonly assignPublicIp?: boolean;

  /**
   * The Fargate platform version the task runs on.
   *
   * @default FargatePlatformVersion.LATEST
   */
  readonly fargatePlatformVersion?: ecs.FargatePlatformVersion;

  /**
   * The ephemeral storage of the task.
   *
   * In whole GiB, between 21 and 200.
   *
   * @default - 20 GiB
   */
  readonly ephemeralStorageSize?: Size;

  /**
   * The CPU architecture of the task, such as ARM64 for Graviton.
   *
   * @default - X86_64
   */
  readonly fargateCpuArchitecture?: ecs.CpuArchitecture;

  /**
   * The operating system of the task.
   *
   * Windows tasks support neither `linuxParameters`, `privileged`, `user`, `ulimits`,
   * `readonlyRootFilesystem` nor EFS volumes.
   *
   * @default - LINUX
   */
  readonly fargateOperatingSystemFamily?: ecs.OperatingSystemFamily;
}

/**
 * An ECS task of one or more containers that runs on Fargate resources.
 */
export interface IEcsFargateTaskDefinition extends IEcsTaskDefinition {
  /**
   * Whether the job gets a public IP address.
   *
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
   * @default false
   */
  readonly assignPublicIp?: boolean;

  /**
   * The Fargate platform version the task runs on.
   *
   * @default FargatePlatformVersion.LATEST
   */
  readonly fargatePlatformVersion?: ecs.FargatePlatformVersion;

  /**
   * The ephemeral storage of the task.
   *
   * @default - 20 GiB
   */
  readonly ephemeralStorageSize?: Size;

  /**
   * The CPU architecture of the task, such as ARM64 for Graviton.
   *
   * @default - X86_64
   */
  readonly fargateCpuArchitecture?: ecs.CpuArchitecture;

  /**
   * The operating system of the task.
   *
   * @default - LINUX
   */
  readonly fargateOperatingSystemFamily?: ecs.OperatingSystemFamily;
}

const FARGATE_KIND = 'EcsFargateTaskDefinition';
const FARGATE_MAX_STOP_TIMEOUT_SECONDS = 120;

/**
 * An ECS task of one or more containers that runs on Fargate resources: the task of a
 * multi-container job on Fargate.
 *
 * The vCPUs and memory of its containers add up to the task's, which must be a Fargate task size.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/multi-container-jobs.html
 */
export class EcsFargateTaskDefinition extends EcsTaskDefinitionBase implements IEcsFargateTaskDefinition {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.EcsFargateTaskDefinition';

  public readonly assignPublicIp?: boolean;
  public readonly fargatePlatformVersion?: ecs.FargatePlatformVersion;
  public readonly ephemeralStorageSize?: Size;
  public readonly fargateCpuArchitecture?: ecs.CpuArchitecture;
  public readonly fargateOperatingSystemFamily?: ecs.OperatingSystemFamily;

  constructor(scope: Construct, id: string, props: EcsFargateTaskDefinitionProps = {}) {
    props = applyPropertyInjectors(EcsFargateTaskDefinition.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, FARGATE_KIND, props);
    this.assignPublicIp = props.assignPublicIp;
    this.fargatePlatformVersion = props.fargatePlatformVersion;
    this.ephemeralStorageSize = props.ephemeralStorageSize;
    this.fargateCpuArchitecture = props.fargateCpuArchitecture;
    this.fargateOperatingSystemFamily = props.fargateOperatingSystemFamily;
    throwIfInvalid(FARGATE_KIND, this, [
      checkEphemeralStorage(props.ephemeralStorageSize),
      checkSizeTokenUnit('ephemeralStorageSize', props.ephemeralStorageSize, 'gibibytes'),
    ]);
  }

  public override addContainer(options: EcsTaskContainerOptions): EcsTaskContainer {
    return super.addContainer(options);
  }

  /**
   * @internal
   */
  public _renderTaskProperties(): { [name: string]: unknown } {
    return {
      ...super._renderTaskProperties(),
      EphemeralStorage: this.ephemeralStorageSize ? { SizeInGiB: this.ephemeralStorageSize.toGibibytes() } : undefined,
      NetworkConfiguration: { AssignPublicIp: this.assignPublicIp ? 'ENABLED' : 'DISABLED' },
      PlatformVersion: this.fargatePlatformVersion?.toString(),
      RuntimePlatform: this.fargateCpuArchitecture || this.fargateOperatingSystemFamily ? {
        CpuArchitecture: runtimeName(this.fargateCpuArchitecture, '_cpuArchitecture'),
        OperatingSystemFamily: runtimeName(this.fargateOperatingSystemFamily, '_operatingSystemFamily'),
      } : undefined,
    };
  }

  /**
   * @internal
   */
  protected _containerProblems(options: EcsTaskContainerOptions, at: string): Problem[] {
    return [
      ...commonContainerProblems(options, at, 1),
    ];
  }

  /**
   * @internal
   */
  protected _platformProblems(containers: EcsTaskContainer[]): Problem[] {
    const problems: Problem[] = [...this.sizeProblems(containers)];
    const windows = runtimeName(this.fargateOperatingSystemFamily, '_operatingSystemFamily')?.startsWith('WINDOWS') === true;
    for (const c of containers) {
      const at = `containers[${show(c.containerName)}].`;
      if (c.privileged === true) {
        problems.push(`${at}privileged must not be true on Fargate, which does not support privileged containers, got true`);
      }
      if (c.gpu !== undefined && !Token.isUnresolved(c.gpu) && c.gpu > 0) {
        problems.push(`${at}gpu must not be set on Fargate, which has no GPUs, got ${show(c.gpu)}`);
      }
      if (c.ulimits.length > 0) {
        problems.push(`${at}ulimits must be empty on Fargate, which does not support them, got ${c.ulimits.length}`);
      }
      const stop = c.stopTimeout;
      if (stop !== undefined && !stop.isUnresolved() && stop.toSeconds({ integral: false }) > FARGATE_MAX_STOP_TIMEOUT_SECONDS) {
        problems.push(`${at}stopTimeout must be at most ${FARGATE_MAX_STOP_TIMEOUT_SECONDS} seconds on Fargate, got ${stop.toSeconds({ integral: false })} seconds`);
      }
      problems.push(...fargateLinuxParameterProblems(c.linuxParameters, at), ...fargateHostPathProblems(c.volumes, at));
      if (windows) {
        problems.push(...windowsProblems(c, at));
      }
    }
    return problems;
  }

  /** The task's size is the sum of its containers' vCPUs and memory, and must be one Fargate runs. */
  private sizeProblems(containers: EcsTaskContainer[]): Problem[] {
    if (containers.length === 0 || containers.some((c) => Token.isUnresolved(c.cpu) || c.memory.isUnresolved())) {
      return [];
    }
    const cpu = Math.round(containers.reduce((sum, c) => sum + c.cpu, 0) * 1000) / 1000;
    const mib = containers.reduce((sum, c) => sum + c.memory.toMebibytes({ rounding: SizeRoundingBehavior.NONE }), 0);
    return checkFargateCpuMemory(cpu, Size.mebibytes(mib), {
      cpu: 'the cpu of all containers together',
      memory: 'the memory of all containers together',
    });
  }
}
brand(EcsFargateTaskDefinition, FARGATE_TASK_BRAND);

/** What Windows containers do not support. */
function windowsProblems(c: EcsTaskContainer, at: string): Problem[] {
  const problems: Problem[] = [];
  const unsupported = (prop: string, got: string) =>
    problems.push(`${at}${prop} must not be set for a Windows task, which does not support it, got ${got}`);
  if (c.linuxParameters !== undefined) { unsupported('linuxParameters', 'LinuxParameters'); }
  if (c.privileged === true) { unsupported('privileged', 'true'); }
  if (c.user !== undefined) { unsupported('user', show(c.user)); }
  if (c.ulimits.length > 0) { unsupported('ulimits', `${c.ulimits.length}`); }
  if (c.readonlyRootFilesystem === true) { unsupported('readonlyRootFilesystem', 'true'); }
  c.volumes.forEach((v, i) => {
    if (EfsVolume.isEfsVolume(v)) { unsupported(`volumes[${i}]`, `the EFS volume ${show(v.name)}`); }
  });
  return problems;
}

/**
 * The CloudFormation value of an aws-ecs runtime platform class, which keeps it in an internal member.
 *
 * @internal
 */
export function runtimeName(value: ecs.CpuArchitecture | ecs.OperatingSystemFamily | undefined, member: string): string | undefined {
  return value === undefined ? undefined : (value as unknown as { [key: string]: string })[member];
}
