import { Size, SizeRoundingBehavior } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { EcsContainerDefinitionBase, EcsContainerDefinitionProps, IEcsContainerDefinition } from './ecs-container-definition';
import { HostVolume } from './ecs-volume';
import { brand } from './private/brand';
import { FARGATE_CONTAINER_BRAND } from './private/ecs-container';
import { describeFargateMemory, FARGATE_MEMORY_BY_VCPU } from './private/fargate-sizes';
import { checkSizeTokenUnit } from './private/units';
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
}

const KIND = 'EcsFargateContainerDefinition';

/**
 * A container run by ECS on Fargate resources.
 */
export class EcsFargateContainerDefinition extends EcsContainerDefinitionBase implements IEcsFargateContainerDefinition {
  public readonly assignPublicIp?: boolean;
  public readonly fargatePlatformVersion?: ecs.FargatePlatformVersion;
  public readonly ephemeralStorageSize?: Size;

  constructor(scope: Construct, id: string, props: EcsFargateContainerDefinitionProps) {
    super(scope, id, KIND, props);
    this.assignPublicIp = props.assignPublicIp;
    this.fargatePlatformVersion = props.fargatePlatformVersion;
    this.ephemeralStorageSize = props.ephemeralStorageSize;

    throwIfInvalid(KIND, this, [
      ...checkFargateCpuMemory(props.cpu, props.memory),
      checkEphemeralStorage(props.ephemeralStorageSize),
      checkSizeTokenUnit('ephemeralStorageSize', props.ephemeralStorageSize, 'gibibytes'),
    ]);
    // devices and tmpfs mounts can be added to the Linux parameters later
    addValidation(KIND, this, () => [...this.linuxParameterProblems(), ...this.hostPathProblems()]);
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
    };
  }

  private linuxParameterProblems(): Problem[] {
    const params = this.linuxParameters;
    if (!params) {
      return [];
    }
    const problems: Problem[] = [];
    if (params.devices.length > 0) {
      problems.push(`linuxParameters.devices must be empty on Fargate, which does not support devices, got ${params.devices.length}`);
    }
    if (params.tmpfs.length > 0) {
      problems.push(`linuxParameters.tmpfs must be empty on Fargate, which does not support tmpfs mounts, got ${params.tmpfs.length}`);
    }
    if (params.maxSwap !== undefined) {
      problems.push(`linuxParameters.maxSwap must not be set on Fargate, which does not support swap, got ${describeSize(params.maxSwap)}`);
    }
    if (params.sharedMemorySize !== undefined) {
      problems.push(`linuxParameters.sharedMemorySize must not be set on Fargate, which does not support it, got ${describeSize(params.sharedMemorySize)}`);
    }
    return problems;
  }

  private hostPathProblems(): Problem[] {
    return this.volumes.map((volume, i) => HostVolume.isHostVolume(volume) && volume.hostPath !== undefined
      ? `volumes[${i}].hostPath must not be set on Fargate, which does not support host paths, got ${show(volume.hostPath)}`
      : undefined);
  }
}
brand(EcsFargateContainerDefinition, FARGATE_CONTAINER_BRAND);

function checkFargateCpuMemory(cpu: number, memory: Size): Problem[] {
  if (unresolved(cpu)) {
    // the pair cannot be checked, but the memory must still be one that some vCPU count takes
    if (memory.isUnresolved()) {
      return [];
    }
    const mib = memory.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    return FARGATE_MEMORY_BY_VCPU.some((e) => e.memoryMiB.includes(mib))
      ? []
      : [`memory must be a size Fargate takes with some vCPU count (0.5 GiB; 1 to 30 GiB in steps of 1; 32 to 60 in steps of 4; 64 to 120 in steps of 8), got ${mib} MiB`];
  }
  const entry = FARGATE_MEMORY_BY_VCPU.find((e) => e.vcpu === cpu);
  if (!entry) {
    return [`cpu must be one of ${FARGATE_MEMORY_BY_VCPU.map((e) => e.vcpu).join(', ')} vCPUs on Fargate, got ${show(cpu)}`];
  }
  if (memory.isUnresolved()) {
    return [];
  }
  const mib = memory.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!entry.memoryMiB.includes(mib)) {
    return [`memory must be ${describeFargateMemory(cpu)} with ${cpu} vCPU on Fargate, got ${mib} MiB`];
  }
  return [];
}

function checkEphemeralStorage(size: Size | undefined): Problem {
  if (size === undefined || size.isUnresolved()) {
    return undefined;
  }
  const gib = size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isInteger(gib) || gib < 21 || gib > 200) {
    return `ephemeralStorageSize must be a whole number of GiB between 21 and 200, got ${gib} GiB`;
  }
  return undefined;
}

function describeSize(size: Size): string {
  return size.isUnresolved() ? 'a token' : `${size.toMebibytes({ rounding: SizeRoundingBehavior.NONE })} MiB`;
}
