import { Duration, Size } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { EcsContainerDefinitionBase } from './ecs-container-definition';
import { Ulimit } from './ecs-ec2-container-definition';
import { EcsVolume } from './ecs-volume';
import { LinuxParameters } from './linux-parameters';
import { renderGpuRequirement, renderUlimit } from './private/ecs-platform';
import { S3FilesMount } from './private/ecs-volumes';
import { lazyAny } from './private/lazy-any';
import { checkDurationTokenUnit } from './private/units';
import { checkAtLeast, checkDurationSeconds, checkName, MAX_INTEGER, Problem, throwIfInvalid } from './private/validation';
import { Secret } from './secret';

/**
 * A container of the same task that a container waits for, and the state it waits for.
 */
export interface EcsContainerDependency {
  /**
   * The name of the container waited for, a container of the same task.
   */
  readonly containerName: string;

  /**
   * The state the container waited for must reach before this one starts.
   *
   * `COMPLETE` and `SUCCESS` can only be waited for on a container that is not essential.
   *
   * @default ecs.ContainerDependencyCondition.START
   */
  readonly condition?: ecs.ContainerDependencyCondition;
}

/**
 * FireLens: makes a container the log router of its task, which the other containers send
 * their logs to with the `awsfirelens` log driver.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html
 */
export interface FirelensConfiguration {
  /**
   * The log router the container runs.
   */
  readonly type: ecs.FirelensLogRouterType;

  /**
   * Options of the log router, such as `enable-ecs-log-metadata`, `config-file-type` and
   * `config-file-value`.
   *
   * @default - no options
   */
  readonly options?: { [key: string]: string };
}

/**
 * A container of a multi-container ECS task.
 *
 * The settings a single ECS container has, except the roles (which belong to the task), plus
 * the name, whether the task depends on the container, what the container waits for, and
 * FireLens log routing.
 */
export interface EcsTaskContainerOptions {
  /**
   * The name of the container, unique within its task.
   *
   * Up to 255 letters, digits, hyphens and underscores. Other containers refer to it in
   * `dependsOn`, and job submissions in container overrides.
   */
  readonly name: string;

  /**
   * The image the container runs.
   *
   * Images in ECR (and image assets) are pulled with the task's execution role, which is
   * granted pull access to them.
   */
  readonly image: ecs.ContainerImage;

  /**
   * The vCPUs reserved for the container.
   *
   * On EC2, at least 1. On Fargate, the vCPUs of all containers of the task add up to the
   * task's, which must be one of 0.25, 0.5, 1, 2, 4, 8 and 16.
   */
  readonly cpu: number;

  /**
   * The memory limit of the container: it is stopped if it uses more.
   *
   * In whole MiB; at least 4 MiB on EC2. On Fargate, the memory of all containers of the task
   * adds up to the task's, which must be one the task's vCPUs allow.
   */
  readonly memory: Size;

  /**
   * The GPUs reserved for the container (EC2 only).
   *
   * @default - no gpus
   */
  readonly gpu?: number;

  /**
   * The command the container runs.
   *
   * May hold parameter placeholders (`Ref::name`) filled from the job definition's `parameters`.
   *
   * @see https://docs.docker.com/engine/reference/builder/#cmd
   * @default - no command
   */
  readonly command?: string[];

  /**
   * The environment variables of the container.
   *
   * Names must not start with `AWS_BATCH`, which Batch reserves. Keep sensitive values in `secrets`.
   *
   * @default - no environment variables
   */
  readonly environment?: { [key: string]: string };

  /**
   * Secrets handed to the container as environment variables, by variable name.
   *
   * The task's execution role is granted read access to each.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/specifying-sensitive-data.html
   * @default - no secrets
   */
  readonly secrets?: { [envVarName: string]: Secret };

  /**
   * Linux-specific settings of the container.
   *
   * @default - none
   */
  readonly linuxParameters?: LinuxParameters;

  /**
   * Where the container's output goes.
   *
   * Use `ecs.LogDrivers.firelens()` to send it to the task's FireLens log router.
   *
   * @default - the log configuration of the Docker daemon
   */
  readonly logging?: ecs.LogDriver;

  /**
   * Whether the container's root file system is read-only.
   *
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;

  /**
   * The user the container's processes run as.
   *
   * @default - no user
   */
  readonly user?: string;

  /**
   * The volumes mounted into the container. More can be added with `addVolume()`.
   *
   * Each becomes a volume of the task; containers that share a volume mount one of the same name.
   *
   * @default - no volumes
   */
  readonly volumes?: EcsVolume[];

  /**
   * Whether the container runs with elevated privileges on its host, like root (EC2 only).
   *
   * @default false
   */
  readonly privileged?: boolean;

  /**
   * The ulimits of the container (EC2 only). More can be added with `addUlimit()`.
   *
   * @default - no ulimits
   */
  readonly ulimits?: Ulimit[];

  /**
   * Whether the task stops when this container stops.
   *
   * Every task has at least one essential container; a container that is not essential may
   * stop, or fail, without stopping the others.
   *
   * @default true
   */
  readonly essential?: boolean;

  /**
   * The containers of the task this container waits for before it starts. More can be added
   * with `addDependency()`.
   *
   * @default - starts without waiting
   */
  readonly dependsOn?: EcsContainerDependency[];

  /**
   * Makes this container the FireLens log router of the task.
   *
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html
   * @default - not a log router
   */
  readonly firelensConfiguration?: FirelensConfiguration;

  /**
   * How long the containers waiting for this one wait for it to reach their condition before
   * they give up, which stops the job. In whole seconds.
   *
   * @default - the ECS agent's default
   */
  readonly startTimeout?: Duration;

  /**
   * How long the container has to exit on its own after it is asked to stop, before it is
   * killed. In whole seconds; at most 120 seconds on Fargate.
   *
   * @default - 30 seconds, or the ECS agent's setting on EC2
   */
  readonly stopTimeout?: Duration;
}

const KIND = 'EcsTaskContainer';
const MAX_NAME_LENGTH = 255;

/**
 * A container of a multi-container ECS task, as `addContainer()` of the task returns it.
 *
 * Volumes, ulimits and dependencies can still be added to it.
 */
export class EcsTaskContainer {
  /**
   * Creates the container of a task.
   *
   * @internal
   */
  public static _create(scope: Construct, id: string, options: EcsTaskContainerOptions, executionRole: iam.IRole,
    mountS3Files: S3FilesMount): EcsTaskContainer {
    return new EcsTaskContainer(new TaskContainerDefinition(scope, id, options, executionRole, mountS3Files), options);
  }

  /**
   * The name of the container, unique within its task.
   */
  public readonly containerName: string;

  /**
   * Whether the task stops when this container stops.
   */
  public readonly essential: boolean;

  /**
   * The image the container runs.
   */
  public readonly image: ecs.ContainerImage;

  /**
   * The vCPUs reserved for the container.
   */
  public readonly cpu: number;

  /**
   * The memory limit of the container.
   */
  public readonly memory: Size;

  /**
   * The GPUs reserved for the container.
   *
   * @default - no gpus
   */
  public readonly gpu?: number;

  /**
   * Linux-specific settings of the container.
   *
   * @default - none
   */
  public readonly linuxParameters?: LinuxParameters;

  /**
   * Whether the container runs with elevated privileges on its host.
   *
   * @default false
   */
  public readonly privileged?: boolean;

  /**
   * Whether the container's root file system is read-only.
   *
   * @default false
   */
  public readonly readonlyRootFilesystem?: boolean;

  /**
   * The user the container's processes run as.
   *
   * @default - no user
   */
  public readonly user?: string;

  /**
   * The FireLens configuration, when this container is the task's log router.
   *
   * @default - not a log router
   */
  public readonly firelensConfiguration?: FirelensConfiguration;

  /**
   * How long containers waiting for this one wait.
   *
   * @default - the ECS agent's default
   */
  public readonly startTimeout?: Duration;

  /**
   * How long the container has to exit after it is asked to stop.
   *
   * @default - 30 seconds, or the ECS agent's setting on EC2
   */
  public readonly stopTimeout?: Duration;

  private readonly definition: TaskContainerDefinition;

  private constructor(definition: TaskContainerDefinition, options: EcsTaskContainerOptions) {
    this.definition = definition;
    this.containerName = options.name;
    this.essential = options.essential ?? true;
    this.image = options.image;
    this.cpu = options.cpu;
    this.memory = options.memory;
    this.gpu = options.gpu;
    this.linuxParameters = options.linuxParameters;
    this.privileged = options.privileged;
    this.readonlyRootFilesystem = options.readonlyRootFilesystem;
    this.user = options.user;
    this.firelensConfiguration = options.firelensConfiguration;
    this.startTimeout = options.startTimeout;
    this.stopTimeout = options.stopTimeout;
  }

  /**
   * The containers this one waits for (a copy: use `addDependency()` to add one).
   */
  public get dependencies(): EcsContainerDependency[] {
    return this.definition.dependencies;
  }

  /**
   * The volumes mounted into the container (a copy: use `addVolume()` to add one).
   */
  public get volumes(): EcsVolume[] {
    return this.definition.volumes;
  }

  /**
   * The ulimits of the container (a copy: use `addUlimit()` to add one).
   */
  public get ulimits(): Ulimit[] {
    return this.definition.ulimits;
  }

  /**
   * Makes this container wait for another container of the task.
   */
  public addDependency(dependency: EcsContainerDependency): void {
    this.definition.addDependency(dependency);
  }

  /**
   * Mounts a volume into the container, and adds it to the task's volumes.
   */
  public addVolume(volume: EcsVolume): void {
    this.definition.addVolume(volume);
  }

  /**
   * Adds a ulimit to the container (EC2 only).
   */
  public addUlimit(ulimit: Ulimit): void {
    this.definition.addUlimit(ulimit);
  }

  /**
   * Renders the container as an entry of `TaskProperties.Containers`, with CloudFormation names.
   *
   * @internal
   */
  public _renderTaskContainer(): unknown {
    return this.definition.renderTaskContainer();
  }
}

/**
 * The construct behind a task container: the single-container base class does the binding of
 * image, log driver and secrets to the task's execution role, the validation every ECS container
 * shares and the rendering of the members `TaskContainerProperties` shares with `ContainerProperties`.
 */
class TaskContainerDefinition extends EcsContainerDefinitionBase {
  private readonly options: EcsTaskContainerOptions;
  private readonly _dependencies: EcsContainerDependency[] = [];
  private readonly _ulimits: Ulimit[] = [];

  constructor(scope: Construct, id: string, options: EcsTaskContainerOptions, executionRole: iam.IRole, mountS3Files: S3FilesMount) {
    // the task's job role serves its containers' S3 Files volumes
    super(scope, id, KIND, { ...options, executionRole }, mountS3Files);
    throwIfInvalid(KIND, this, validateTaskContainerOptions(options));
    this.options = options;
    for (const dependency of options.dependsOn ?? []) {
      this.addDependency(dependency);
    }
    for (const ulimit of options.ulimits ?? []) {
      this.addUlimit(ulimit);
    }
  }

  public get dependencies(): EcsContainerDependency[] {
    return [...this._dependencies];
  }

  public get ulimits(): Ulimit[] {
    return [...this._ulimits];
  }

  public addDependency(dependency: EcsContainerDependency): void {
    this._dependencies.push(dependency);
  }

  public addUlimit(ulimit: Ulimit): void {
    // checked by the task, whose platform decides whether ulimits are allowed at all
    this._ulimits.push(ulimit);
  }

  public renderTaskContainer(): unknown {
    const single = this._renderContainerDefinition();
    // the task renders the volumes of its containers, S3 Files ones included
    const { Volumes: _volumes, ...newer } = this._renderNewerContainerProperties();
    const options = this.options;
    const container: { [key: string]: unknown } = {
      name: options.name,
      image: single.image,
      command: single.command,
      environment: Object.keys(options.environment ?? {}).length > 0 ? single.environment : undefined,
      essential: options.essential,
      dependsOn: lazyAny(() => this._dependencies.map((d) => ({
        containerName: d.containerName,
        condition: d.condition ?? ecs.ContainerDependencyCondition.START,
      })), { omitEmptyArray: true }),
      firelensConfiguration: options.firelensConfiguration && {
        type: options.firelensConfiguration.type,
        options: options.firelensConfiguration.options,
      },
      linuxParameters: single.linuxParameters,
      logConfiguration: single.logConfiguration,
      mountPoints: single.mountPoints,
      privileged: options.privileged,
      // false is the default: not rendered, as Windows containers must not set it at all
      readonlyRootFilesystem: options.readonlyRootFilesystem ? true : undefined,
      resourceRequirements: single.resourceRequirements,
      secrets: single.secrets,
      startTimeout: options.startTimeout?.toSeconds(),
      stopTimeout: options.stopTimeout?.toSeconds(),
      ulimits: lazyAny(() => this._ulimits.map(renderUlimit), { omitEmptyArray: true }),
      user: single.user,
      // what the single-container rendering writes raw (already in CloudFormation names)
      ...newer,
    };
    return container;
  }

  /**
   * @internal
   */
  protected _renderExtraResourceRequirements(): CfnJobDefinition.ResourceRequirementProperty[] {
    return renderGpuRequirement(this.options.gpu);
  }
}

/** The problems of the options of a task container that do not depend on the task's platform. */
function validateTaskContainerOptions(options: EcsTaskContainerOptions): Problem[] {
  return [
    checkName('name', options.name, MAX_NAME_LENGTH),
    checkAtLeast('gpu', options.gpu, 0, true),
    checkDurationSeconds('startTimeout', options.startTimeout, 0, MAX_INTEGER),
    checkDurationTokenUnit('startTimeout', options.startTimeout, 'seconds'),
    checkDurationSeconds('stopTimeout', options.stopTimeout, 0, MAX_INTEGER),
    checkDurationTokenUnit('stopTimeout', options.stopTimeout, 'seconds'),
  ];
}
