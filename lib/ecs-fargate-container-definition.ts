import { Size } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { EcsContainerDefinitionBase, EcsContainerDefinitionProps, IEcsContainerDefinition } from './ecs-container-definition';
import { brand } from './private/brand';
import { FARGATE_CONTAINER_BRAND } from './private/ecs-container';
import { checkEphemeralStorage, checkFargateCpuMemory, fargateHostPathProblems, fargateLinuxParameterProblems } from './private/ecs-platform';
import { checkSizeTokenUnit } from './private/units';
import { addValidation, throwIfInvalid } from './private/validation';

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
    addValidation(KIND, this, () => [...fargateLinuxParameterProblems(this.linuxParameters), ...fargateHostPathProblems(this.volumes)]);
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
}
brand(EcsFargateContainerDefinition, FARGATE_CONTAINER_BRAND);
