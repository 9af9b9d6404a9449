import { Size, Token, Tokenization } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { EcsVolume, S3FilesVolume } from './ecs-volume';
import { LinuxParameters } from './linux-parameters';
import { grantS3FilesVolume, renderMountPoint, S3FilesMount, renderNewerVolumes, renderVolume, validateVolume, warnAboutS3FilesArns } from './private/ecs-volumes';
import { createExecutionRole, createJobRole, executeCommandJobRole, grantDefaultLogGroup } from './private/execution-role';
import { lazyAny } from './private/lazy-any';
import { checkSizeTokenUnit } from './private/units';
import { checkNotReservedEnvName, Problem, RESERVED_ENV_PREFIX, show, throwIfInvalid, unresolved, warn } from './private/validation';
import { Secret } from './secret';

/**
 * A container run by ECS, on EC2 or on Fargate: what a job of an ECS job definition runs.
 */
export interface IEcsContainerDefinition extends IConstruct {
  /**
   * The image the container runs.
   */
  readonly image: ecs.ContainerImage;

  /**
   * The vCPUs reserved for the container.
   */
  readonly cpu: number;

  /**
   * The memory limit of the container: it is stopped if it uses more.
   */
  readonly memory: Size;

  /**
   * The command the container runs.
   *
   * @see https://docs.docker.com/engine/reference/builder/#cmd
   * @default - no command
   */
  readonly command?: string[];

  /**
   * The environment variables of the container.
   *
   * @default - no environment variables
   */
  readonly environment?: { [key: string]: string };

  /**
   * The role ECS and Fargate agents use to pull the image, write logs and read secrets.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/execution-IAM-role.html
   */
  readonly executionRole: iam.IRole;

  /**
   * The role the container's processes may assume.
   *
   * @default - no job role, unless ECS Exec or an S3 Files volume needs one: then one is created
   */
  readonly jobRole?: iam.IRole;

  /**
   * Linux-specific settings of the container.
   *
   * @default - none
   */
  readonly linuxParameters?: LinuxParameters;

  /**
   * The log driver configuration of the container.
   *
   * @default - the log configuration of the Docker daemon
   */
  readonly logDriverConfig?: ecs.LogDriverConfig;

  /**
   * Whether the container's root file system is read-only.
   *
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;

  /**
   * Secrets handed to the container as environment variables, by variable name.
   *
   * @default - no secrets
   */
  readonly secrets?: { [envVarName: string]: Secret };

  /**
   * The user the container's processes run as.
   *
   * @default - no user
   */
  readonly user?: string;

  /**
   * The volumes mounted into the container.
   *
   * @default - no volumes
   */
  readonly volumes: EcsVolume[];

  /**
   * Whether ECS Exec is turned on: commands can be run in the running container with
   * `aws ecs execute-command`.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/ecs-exec.html
   * @default false
   */
  readonly enableExecuteCommand?: boolean;

  /**
   * Renders this container as the `ContainerProperties` of a job definition.
   *
   * @internal
   */
  _renderContainerDefinition(): CfnJobDefinition.ContainerPropertiesProperty;

  /**
   * The container's properties that aws-cdk-lib 2.95.1's `CfnJobDefinition` does not know, in
   * CloudFormation names, for `lib/private/newer-cfn.ts` to render next to `_renderContainerDefinition()`'s.
   * The names are fixed when the container is created; a value that `add*()` can change is a token.
   *
   * @internal
   */
  _renderNewerContainerProperties(): { [name: string]: unknown };

  /**
   * Mounts a volume into the container.
   */
  addVolume(volume: EcsVolume): void;
}

/**
 * Props common to EC2 and Fargate containers.
 */
export interface EcsContainerDefinitionProps {
  /**
   * The image the container runs.
   *
   * Images in ECR (and image assets) are pulled with the execution role, which is granted
   * pull access to them.
   */
  readonly image: ecs.ContainerImage;

  /**
   * The vCPUs reserved for the container.
   *
   * On EC2, at least 1. On Fargate, one of 0.25, 0.5, 1, 2, 4, 8 and 16,
   * each allowing a range of `memory`.
   */
  readonly cpu: number;

  /**
   * The memory limit of the container: it is stopped if it uses more.
   *
   * In whole MiB; at least 4 MiB on EC2, and one of the values allowed with `cpu` on Fargate.
   */
  readonly memory: Size;

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
   * The role ECS and Fargate agents use to pull the image, write logs and read secrets.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/execution-IAM-role.html
   * @default - a Role will be created
   */
  readonly executionRole?: iam.IRole;

  /**
   * The role the container's processes may assume.
   *
   * A job role is created when the container has none and ECS Exec or an S3 Files volume needs one.
   * An S3 Files volume's file system may be mounted (and, unless the volume is read-only, written)
   * by the job role, given or created.
   *
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
   * @default - no job role, unless ECS Exec or an S3 Files volume needs one: then one is created
   */
  readonly jobRole?: iam.IRole;

  /**
   * Linux-specific settings of the container.
   *
   * @default - none
   */
  readonly linuxParameters?: LinuxParameters;

  /**
   * Where the container's output goes.
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
   * Secrets handed to the container as environment variables, by variable name.
   *
   * The execution role is granted read access to each.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/specifying-sensitive-data.html
   * @default - no secrets
   */
  readonly secrets?: { [envVarName: string]: Secret };

  /**
   * The user the container's processes run as.
   *
   * @default - no user
   */
  readonly user?: string;

  /**
   * The volumes mounted into the container. More can be added with `addVolume()`.
   *
   * @default - no volumes
   */
  readonly volumes?: EcsVolume[];

  /**
   * Whether ECS Exec is turned on: commands can be run in the running container with
   * `aws ecs execute-command`.
   *
   * The job role gets the `ssmmessages` permissions ECS Exec needs; without a `jobRole`, a job
   * role is created for them.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/ecs-exec.html
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
}

/** What `ContainerImage.bind()` and `LogDriver.bind()` need of a container: its execution role. */
interface BindTarget {
  readonly taskDefinition: { obtainExecutionRole(): iam.IRole };
}

/**
 * What EC2 and Fargate containers share: the props, the default execution role and the rendering.
 *
 * Not exported from the package: jsii folds its members into each container class.
 * Each concrete class redeclares the public methods of this class, so that a call resolves to a type
 * of the jsii assembly when jsii-rosetta translates an example (`test/api-declarations.test.ts`).
 *
 * @internal
 */
export abstract class EcsContainerDefinitionBase extends Construct implements IEcsContainerDefinition {
  public readonly image: ecs.ContainerImage;
  public readonly cpu: number;
  public readonly memory: Size;
  public readonly command?: string[];
  public readonly environment?: { [key: string]: string };
  public readonly executionRole: iam.IRole;
  public readonly linuxParameters?: LinuxParameters;
  public readonly logDriverConfig?: ecs.LogDriverConfig;
  public readonly readonlyRootFilesystem?: boolean;
  public readonly secrets?: { [envVarName: string]: Secret };
  public readonly user?: string;
  public readonly enableExecuteCommand?: boolean;

  private readonly _volumes: EcsVolume[] = [];
  private readonly imageConfig: ecs.ContainerImageConfig;
  private readonly kind: string;
  private _jobRole?: iam.IRole;
  private readonly mountS3Files: S3FilesMount;

  /**
   * @param kind the class name used in error messages
   * @param mountS3Files what to do when an S3 Files volume is mounted, instead of granting the container's own
   * job role (created if need be) what the volume needs
   */
  constructor(scope: Construct, id: string, kind: string, props: EcsContainerDefinitionProps, mountS3Files?: S3FilesMount) {
    super(scope, id);
    this.kind = kind;
    this.mountS3Files = mountS3Files ?? ((volume) => grantS3FilesVolume(this.s3FilesJobRole(), volume));

    this.image = props.image;
    this.cpu = props.cpu;
    this.memory = props.memory;
    this.command = props.command;
    this.environment = props.environment;
    this.enableExecuteCommand = props.enableExecuteCommand;
    this._jobRole = props.enableExecuteCommand === true ? executeCommandJobRole(this, props.jobRole) : props.jobRole;
    this.linuxParameters = props.linuxParameters;
    this.readonlyRootFilesystem = props.readonlyRootFilesystem ?? false;
    this.secrets = props.secrets;
    this.user = props.user;

    this.executionRole = props.executionRole ?? this.createDefaultExecutionRole(props.logging !== undefined);

    // The log driver and the image grant the execution role what they need (log group writes,
    // registry credentials, ECR pulls) through the role the bind target hands them.
    const bindTarget: BindTarget = { taskDefinition: { obtainExecutionRole: () => this.executionRole } };
    this.logDriverConfig = props.logging?.bind(this, bindTarget as unknown as ecs.ContainerDefinition);
    this.imageConfig = props.image.bind(this, bindTarget as unknown as ecs.ContainerDefinition);

    // Granted here rather than when rendered, so that the role's policy is complete however
    // (and however lazily) the container is used.
    for (const secret of Object.values(props.secrets ?? {})) {
      secret.grantRead(this.executionRole);
    }

    throwIfInvalid(kind, this, validateCommonProps(props));
    warnReservedSecretNames(this, props.secrets);
    for (const volume of props.volumes ?? []) {
      this.addVolume(volume);
    }
  }

  /**
   * The role the container's processes may assume.
   *
   * @default - no job role, unless ECS Exec or an S3 Files volume needs one: then one is created
   */
  public get jobRole(): iam.IRole | undefined {
    return this._jobRole;
  }

  /**
   * The volumes mounted into the container (a copy: use `addVolume()` to add one).
   */
  public get volumes(): EcsVolume[] {
    return [...this._volumes];
  }

  public addVolume(volume: EcsVolume): void {
    const at = `volumes[${this._volumes.length}]`;
    throwIfInvalid(this.kind, this, validateVolume(volume, this._volumes.length));
    if (!unresolved(volume.name) && this._volumes.some((v) => v.name === volume.name)) {
      // nothing in Batch or ECS documents that volume names must be unique
      warn(this, 'ecsVolumeNameDuplicate', `${at}.name ${show(volume.name)} is used by an earlier volume of this container; `
        + 'both are rendered, under the same name');
    }
    this._volumes.push(volume);
    if (S3FilesVolume.isS3FilesVolume(volume)) {
      warnAboutS3FilesArns(this, volume, at);
      this.mountS3Files(volume, at);
    }
  }

  /** The job role, created (as `JobRole`) when the container has none: S3 Files volumes need one. */
  private s3FilesJobRole(): iam.IRole {
    this._jobRole ??= createJobRole(this);
    return this._jobRole;
  }

  /**
   * @internal
   */
  public _renderContainerDefinition(): CfnJobDefinition.ContainerPropertiesProperty {
    const environment = this.environment ?? {};
    return {
      image: this.imageConfig.imageName,
      command: this.command,
      environment: Object.keys(environment).map((name) => ({ name, value: environment[name] })),
      // an S3 Files volume added later may still create the job role
      jobRoleArn: this._jobRole?.roleArn ?? Token.asString(lazyAny(() => this._jobRole?.roleArn)),
      executionRoleArn: this.executionRole.roleArn,
      linuxParameters: this.linuxParameters?.renderLinuxParameters(),
      logConfiguration: this.logDriverConfig,
      readonlyRootFilesystem: this.readonlyRootFilesystem,
      resourceRequirements: [
        // Tokenization.stringifyNumber keeps an unresolved number a token (Number.toString() would not).
        { type: 'MEMORY', value: Tokenization.stringifyNumber(this.memory.toMebibytes()) },
        { type: 'VCPU', value: Tokenization.stringifyNumber(this.cpu) },
        ...this._renderExtraResourceRequirements(),
      ],
      secrets: this.secrets
        ? Object.entries(this.secrets).map(([name, secret]) => ({ name, valueFrom: secret.arn }))
        : undefined,
      mountPoints: lazyAny(() => this._volumes.map(renderMountPoint), { omitEmptyArray: true }),
      volumes: lazyAny(() => this._volumes.map(renderVolume), { omitEmptyArray: true }),
      user: this.user,
    };
  }

  /**
   * Resource requirements beyond memory and vCPU.
   *
   * @internal
   */
  protected _renderExtraResourceRequirements(): CfnJobDefinition.ResourceRequirementProperty[] {
    return [];
  }

  private createDefaultExecutionRole(hasLogging: boolean): iam.IRole {
    const role = createExecutionRole(this);
    if (!hasLogging) {
      grantDefaultLogGroup(this, role);
    }
    return role;
  }

  /**
   * @internal
   */
  public _renderNewerContainerProperties(): { [name: string]: unknown } {
    const parameter = this.imageConfig.repositoryCredentials?.credentialsParameter;
    return {
      RepositoryCredentials: parameter === undefined ? undefined : { CredentialsParameter: parameter },
      EnableExecuteCommand: this.enableExecuteCommand,
      // aligned with the volumes `_renderContainerDefinition()` renders; volumes may still be added
      Volumes: lazyAny(() => renderNewerVolumes(this._volumes)),
    };
  }
}

function validateCommonProps(props: EcsContainerDefinitionProps): Problem[] {
  const problems: Problem[] = [checkSizeTokenUnit('memory', props.memory, 'mebibytes')];
  for (const name of Object.keys(props.environment ?? {})) {
    problems.push(checkEnvName('environment', name));
  }
  return problems;
}

/**
 * Batch reserves the `AWS_BATCH` prefix for the variables it sets, in the documentation of
 * `environment`; nothing says so of secrets, so a secret of such a name is only warned about.
 */
function warnReservedSecretNames(scope: Construct, secrets: { [name: string]: Secret } | undefined): void {
  for (const name of Object.keys(secrets ?? {})) {
    if (!unresolved(name) && name.startsWith(RESERVED_ENV_PREFIX)) {
      warn(scope, 'secretNameReserved', `secrets variable name ${show(name)} starts with '${RESERVED_ENV_PREFIX}', `
        + 'which Batch reserves for the variables it sets; the job may not see the secret under that name');
    }
  }
}

function checkEnvName(prop: string, name: string): Problem {
  return checkNotReservedEnvName(`${prop} variable names`, name, ', which Batch reserves');
}
