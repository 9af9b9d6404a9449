import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { EcsTaskContainer, EcsTaskContainerOptions } from './ecs-task-container';
import { commonContainerProblems, EcsTaskDefinitionBase, EcsTaskDefinitionProps, IEcsTaskDefinition, runtimeName, ulimitProblems } from './ecs-task-definition';
import { brand, hasBrand } from './private/brand';
import { applyPropertyInjectors } from './private/property-injection';
import { Problem } from './private/validation';

/**
 * How the network of a task on ECS Managed Instances is set up.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/ecs-managed-instances-job-definitions.html
 */
export enum EcsNetworkMode {
  /**
   * The containers share the network stack of the instance they run on.
   */
  HOST = 'host',
}

/**
 * Props to create an ECS task of one or more containers that runs on ECS Managed Instances.
 */
export interface EcsManagedInstancesTaskDefinitionProps extends EcsTaskDefinitionProps {
  /**
   * How the network of the task is set up.
   *
   * Batch takes only `host` here, its default, which gives the containers the instance's network stack.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/ecs-managed-instances-job-definitions.html
   * @default - not rendered: Batch uses `host`
   */
  readonly networkMode?: EcsNetworkMode;

  /**
   * The CPU architecture of the task, such as ARM64 for Graviton instances.
   *
   * The operating system is always Linux.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/ecs-managed-instances-job-definitions.html
   * @default - X86_64
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;
}

/**
 * An ECS task of one or more containers that runs on ECS Managed Instances.
 */
export interface IEcsManagedInstancesTaskDefinition extends IEcsTaskDefinition {
  /**
   * How the network of the task is set up.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/ecs-managed-instances-job-definitions.html
   * @default - not rendered: Batch uses `host`
   */
  readonly networkMode?: EcsNetworkMode;

  /**
   * The CPU architecture of the task, such as ARM64 for Graviton instances.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/ecs-managed-instances-job-definitions.html
   * @default - X86_64
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;
}

const KIND = 'EcsManagedInstancesTaskDefinition';

/** True for instances of `EcsManagedInstancesTaskDefinition`. */
export function isManagedInstancesTask(x: unknown): boolean {
  return hasBrand(x, KIND);
}

/**
 * An ECS task of one or more containers that runs on ECS Managed Instances: the task of a
 * multi-container job whose queue links `EcsManagedInstancesComputeEnvironment`s.
 *
 * Its containers take any vCPU and memory (no Fargate task sizes) and GPUs.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/ecs-managed-instances-job-definitions.html
 */
export class EcsManagedInstancesTaskDefinition extends EcsTaskDefinitionBase implements IEcsManagedInstancesTaskDefinition {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.EcsManagedInstancesTaskDefinition';

  public readonly networkMode?: EcsNetworkMode;
  public readonly cpuArchitecture?: ecs.CpuArchitecture;

  constructor(scope: Construct, id: string, props: EcsManagedInstancesTaskDefinitionProps = {}) {
    props = applyPropertyInjectors(EcsManagedInstancesTaskDefinition.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props);
    this.networkMode = props.networkMode;
    this.cpuArchitecture = props.cpuArchitecture;
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
      // only when given, so that Batch's default stays Batch's
      NetworkMode: this.networkMode,
      RuntimePlatform: this.cpuArchitecture
        ? { CpuArchitecture: runtimeName(this.cpuArchitecture, '_cpuArchitecture') }
        : undefined,
    };
  }

  /**
   * @internal
   */
  protected _containerProblems(options: EcsTaskContainerOptions, at: string): Problem[] {
    return commonContainerProblems(options, at, 1);
  }

  /**
   * @internal
   */
  protected _platformProblems(containers: EcsTaskContainer[]): Problem[] {
    return ulimitProblems(containers);
  }
}
brand(EcsManagedInstancesTaskDefinition, KIND);
