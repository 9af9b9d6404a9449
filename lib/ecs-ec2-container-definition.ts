import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import { Construct } from 'constructs';
import { EcsContainerDefinitionBase, EcsContainerDefinitionProps, IEcsContainerDefinition } from './ecs-container-definition';
import { EcsVolume, S3FilesVolume } from './ecs-volume';
import { brand } from './private/brand';
import { EC2_CONTAINER_BRAND } from './private/ecs-container';
import { checkEc2Cpu, renderGpuRequirement, renderUlimit, validateUlimit } from './private/ecs-platform';
import { S3_FILES_EC2_WARNING } from './private/ecs-volumes';
import { lazyAny } from './private/lazy-any';
import { applyPropertyInjectors } from './private/property-injection';
import { checkAtLeast, checkWholeMiB, show, throwIfInvalid, warn } from './private/validation';

/**
 * The resources a `ulimit` can limit.
 */
export enum UlimitName {
  /** Size of core dump files. */
  CORE = 'core',
  /** CPU time of a process, in seconds. */
  CPU = 'cpu',
  /** Size of a process's data segment. */
  DATA = 'data',
  /** Size of files a process creates. */
  FSIZE = 'fsize',
  /** Number of file locks. */
  LOCKS = 'locks',
  /** Locked memory. */
  MEMLOCK = 'memlock',
  /** Size of POSIX message queues. */
  MSGQUEUE = 'msgqueue',
  /** Highest nice priority. */
  NICE = 'nice',
  /** Number of open file descriptors. */
  NOFILE = 'nofile',
  /** Number of processes. */
  NPROC = 'nproc',
  /** Resident set size of a process, in pages. */
  RSS = 'rss',
  /** Highest real-time priority. */
  RTPRIO = 'rtprio',
  /** CPU time of real-time tasks without blocking. */
  RTTIME = 'rttime',
  /** Number of pending signals. */
  SIGPENDING = 'sigpending',
  /** Size of the stack, in bytes. */
  STACK = 'stack',
}

/**
 * A `ulimit` of the container: a limit on a resource its processes use.
 */
export interface Ulimit {
  /**
   * The resource limited.
   */
  readonly name: UlimitName;

  /**
   * The limit processes are held to, which they may raise up to `hardLimit`.
   *
   * A whole number; `-1` means unlimited. At most `hardLimit`.
   */
  readonly softLimit: number;

  /**
   * The limit processes cannot raise.
   *
   * A whole number; `-1` means unlimited.
   */
  readonly hardLimit: number;
}

/**
 * A container run by ECS on EC2 resources.
 */
export interface IEcsEc2ContainerDefinition extends IEcsContainerDefinition {
  /**
   * Whether the container runs with elevated privileges on its host, like root.
   *
   * @default false
   */
  readonly privileged?: boolean;

  /**
   * The ulimits of the container.
   */
  readonly ulimits: Ulimit[];

  /**
   * The GPUs reserved for the container.
   *
   * @default - no gpus
   */
  readonly gpu?: number;

  /**
   * Adds a ulimit to the container.
   */
  addUlimit(ulimit: Ulimit): void;
}

/**
 * Props to create a container run by ECS on EC2 resources.
 */
export interface EcsEc2ContainerDefinitionProps extends EcsContainerDefinitionProps {
  /**
   * Whether the container runs with elevated privileges on its host, like root.
   *
   * @default false
   */
  readonly privileged?: boolean;

  /**
   * The ulimits of the container. More can be added with `addUlimit()`.
   *
   * @default - no ulimits
   */
  readonly ulimits?: Ulimit[];

  /**
   * The GPUs reserved for the container.
   *
   * A whole number. All containers of a job together may not reserve more GPUs than the instance has.
   *
   * @default - no gpus
   */
  readonly gpu?: number;
}

const KIND = 'EcsEc2ContainerDefinition';

/**
 * A container run by ECS on EC2 resources.
 */
export class EcsEc2ContainerDefinition extends EcsContainerDefinitionBase implements IEcsEc2ContainerDefinition {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.EcsEc2ContainerDefinition';

  public readonly privileged?: boolean;
  public readonly gpu?: number;

  private readonly _ulimits: Ulimit[] = [];

  constructor(scope: Construct, id: string, props: EcsEc2ContainerDefinitionProps) {
    props = applyPropertyInjectors(EcsEc2ContainerDefinition.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props);
    this.privileged = props.privileged;
    this.gpu = props.gpu;

    throwIfInvalid(KIND, this, [
      checkEc2Cpu(props.cpu),
      checkWholeMiB('memory', props.memory, 4),
      checkAtLeast('gpu', props.gpu, 0, true),
    ]);
    for (const ulimit of props.ulimits ?? []) {
      this.addUlimit(ulimit);
    }
  }

  public override addVolume(volume: EcsVolume): void {
    const at = `volumes[${this.volumes.length}]`;
    super.addVolume(volume);
    if (S3FilesVolume.isS3FilesVolume(volume)) {
      warn(this, 's3FilesVolumeOnEc2', `${at} is the S3 Files volume ${show(volume.name)}: ${S3_FILES_EC2_WARNING}`);
    }
  }

  /**
   * The ulimits of the container (a copy: use `addUlimit()` to add one).
   */
  public get ulimits(): Ulimit[] {
    return [...this._ulimits];
  }

  public addUlimit(ulimit: Ulimit): void {
    throwIfInvalid(KIND, this, validateUlimit(ulimit, this._ulimits.length));
    this._ulimits.push(ulimit);
  }

  /**
   * @internal
   */
  public _renderContainerDefinition(): CfnJobDefinition.ContainerPropertiesProperty {
    return {
      ...super._renderContainerDefinition(),
      ulimits: lazyAny(() => this._ulimits.map(renderUlimit), { omitEmptyArray: true }),
      privileged: this.privileged,
    };
  }

  /**
   * @internal
   */
  protected _renderExtraResourceRequirements(): CfnJobDefinition.ResourceRequirementProperty[] {
    return renderGpuRequirement(this.gpu);
  }
}
brand(EcsEc2ContainerDefinition, EC2_CONTAINER_BRAND);
