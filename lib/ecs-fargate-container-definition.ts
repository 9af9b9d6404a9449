import { Size } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { EcsContainerDefinitionBase, EcsContainerDefinitionProps, IEcsContainerDefinition } from './ecs-container-definition';
import { EcsVolume, EfsVolume } from './ecs-volume';
import { brand } from './private/brand';
import { FARGATE_CONTAINER_BRAND } from './private/ecs-container';
import { checkEphemeralStorage, checkFargateCpuMemory, fargateHostPathProblems, fargateLinuxParameterProblems } from './private/ecs-platform';
import { checkSizeTokenUnit } from './private/units';
import { applyPropertyInjectors } from './private/property-injection';
import { addValidation, Problem, show, throwIfInvalid, unresolved } from './private/validation';

/**
 * A container run by ECS on Fargate resources.
 */
export interface IEcsFargateContainerDefinition extends IEcsContainerDefinition {
  /**
   * Whether the job gets a public IP address.
   *
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
   * @default false
   */
  readonly assignPublicIp?: boolean;

  /**
   * The Fargate platform version the container runs on.
   *
   * @default FargatePlatformVersion.LATEST
   */
  readonly fargatePlatformVersion?: ecs.FargatePlatformVersion;

  /**
   * The ephemeral storage of the container.
   *
   * @default - 20 GiB
   */
  readonly ephemeralStorageSize?: Size;

  /**
   * The CPU architecture of the container: x86_64, or ARM64 (Graviton).
   *
   * Windows containers run on x86_64 only.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_RuntimePlatform.html
   * @default - x86_64 (no `RuntimePlatform` is rendered)
   */
  readonly fargateCpuArchitecture?: ecs.CpuArchitecture;

  /**
   * The operating system of the container: Linux, or a Windows Server edition.
   *
   * Windows containers take no `linuxParameters`, `user`, `readonlyRootFilesystem` or EFS volumes.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_RuntimePlatform.html
   * @default - Linux (no `RuntimePlatform` is rendered)
   */
  readonly fargateOperatingSystemFamily?: ecs.OperatingSystemFamily;
}

/**
 * Props to create a container run by ECS on Fargate resources.
 */
export interface EcsFargateContainerDefinitionProps extends EcsContainerDefinitionProps {
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
   * The Fargate platform version the container runs on.
   *
   * @default FargatePlatformVersion.LATEST
   */
  readonly fargatePlatformVersion?: ecs.FargatePlatformVersion;

  /**
   * The ephemeral storage of the container.
   *
   * In whole GiB, between 21 and 200.
   *
   * @default - 20 GiB
   */
  readonly ephemeralStorageSize?: Size;

  /**
   * The CPU architecture of the container: x86_64, or ARM64 (Graviton).
   *
   * Windows containers run on x86_64 only.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_RuntimePlatform.html
   * @default - x86_64 (no `RuntimePlatform` is rendered)
   */
  readonly fargateCpuArchitecture?: ecs.CpuArchitecture;

  /**
   * The operating system of the container: Linux, or a Windows Server edition.
   *
   * Windows containers take no `linuxParameters`, `user`, `readonlyRootFilesystem` or EFS volumes.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_RuntimePlatform.html
   * @default - Linux (no `RuntimePlatform` is rendered)
   */
  readonly fargateOperatingSystemFamily?: ecs.OperatingSystemFamily;
}

const KIND = 'EcsFargateContainerDefinition';

/**
 * A container run by ECS on Fargate resources.
 */
export class EcsFargateContainerDefinition extends EcsContainerDefinitionBase implements IEcsFargateContainerDefinition {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.EcsFargateContainerDefinition';

  public readonly assignPublicIp?: boolean;
  public readonly fargatePlatformVersion?: ecs.FargatePlatformVersion;
  public readonly ephemeralStorageSize?: Size;
  public readonly fargateCpuArchitecture?: ecs.CpuArchitecture;
  public readonly fargateOperatingSystemFamily?: ecs.OperatingSystemFamily;

  constructor(scope: Construct, id: string, props: EcsFargateContainerDefinitionProps) {
    props = applyPropertyInjectors(EcsFargateContainerDefinition.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props);
    this.assignPublicIp = props.assignPublicIp;
    this.fargatePlatformVersion = props.fargatePlatformVersion;
    this.ephemeralStorageSize = props.ephemeralStorageSize;
    this.fargateCpuArchitecture = props.fargateCpuArchitecture;
    this.fargateOperatingSystemFamily = props.fargateOperatingSystemFamily;

    throwIfInvalid(KIND, this, [
      ...checkFargateCpuMemory(props.cpu, props.memory),
      checkEphemeralStorage(props.ephemeralStorageSize),
      checkSizeTokenUnit('ephemeralStorageSize', props.ephemeralStorageSize, 'gibibytes'),
      ...this.windowsProblems(props),
    ]);
    // devices and tmpfs mounts can be added to the Linux parameters later
    addValidation(KIND, this, () => [
      ...fargateLinuxParameterProblems(this.linuxParameters), ...fargateHostPathProblems(this.volumes), ...this.windowsVolumeProblems(),
    ]);
  }

  public override addVolume(volume: EcsVolume): void {
    super.addVolume(volume);
  }

  /**
   * @internal
   */
  public _renderContainerDefinition(): CfnJobDefinition.ContainerPropertiesProperty {
    return {
      ...super._renderContainerDefinition(),
      ephemeralStorage: this.ephemeralStorageSize ? { sizeInGiB: this.ephemeralStorageSize.toGibibytes() } : undefined,
      fargatePlatformConfiguration: { platformVersion: this.fargatePlatformVersion?.toString() },
      networkConfiguration: { assignPublicIp: this.assignPublicIp ? 'ENABLED' : 'DISABLED' },
      // Rendered only when set, so that the template of a container without them stays as it was.
      runtimePlatform: this.fargateCpuArchitecture || this.fargateOperatingSystemFamily ? {
        cpuArchitecture: this.fargateCpuArchitecture?._cpuArchitecture,
        operatingSystemFamily: this.fargateOperatingSystemFamily?._operatingSystemFamily,
      } : undefined,
      // Windows containers take no ReadonlyRootFilesystem (not even false)
      ...(this.isWindows() ? { readonlyRootFilesystem: undefined } : {}),
    };
  }

  private isWindows(): boolean {
    const family = this.fargateOperatingSystemFamily?._operatingSystemFamily;
    return family !== undefined && !unresolved(family) && family.startsWith('WINDOWS');
  }

  /** What Batch does not take on Windows containers (see `RuntimePlatform` in the Batch API reference). */
  private windowsProblems(props: EcsFargateContainerDefinitionProps): Problem[] {
    if (!this.isWindows()) {
      return [];
    }
    const family = this.fargateOperatingSystemFamily!._operatingSystemFamily;
    const cpu = props.fargateCpuArchitecture?._cpuArchitecture;
    return [
      cpu !== undefined && !unresolved(cpu) && cpu !== 'X86_64'
        ? `fargateCpuArchitecture must be X86_64 for Windows containers, got ${cpu}` : undefined,
      props.readonlyRootFilesystem === true
        ? `readonlyRootFilesystem must not be true for Windows containers (${family}), got true` : undefined,
      props.linuxParameters !== undefined
        ? `linuxParameters must not be set for Windows containers (${family})` : undefined,
      props.user !== undefined
        ? `user must not be set for Windows containers (${family}), got ${show(props.user)}` : undefined,
    ];
  }

  private windowsVolumeProblems(): Problem[] {
    if (!this.isWindows()) {
      return [];
    }
    return this.volumes.map((volume, i) => EfsVolume.isEfsVolume(volume)
      ? `volumes[${i}] must not be an EFS volume for Windows containers, got EFS volume ${show(volume.name)}`
      : undefined);
  }
}
brand(EcsFargateContainerDefinition, FARGATE_CONTAINER_BRAND);
