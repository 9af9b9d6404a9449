import { Duration, Resource, TagManager, TagType } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { LaunchTemplateOverride, LaunchTemplateVersion } from './launch-template';
import { AllocationStrategy, DefaultInstanceClass, IManagedComputeEnvironment, ManagedEc2ComputeEnvironmentProps } from './managed-compute-environment';
import { Ec2Flavour, ManagedEc2ComputeEnvironmentBase } from './managed-ec2-compute-environment-base';
import { ECS_ON_EC2, markComputeKind } from './private/compute-kind';
import { importedResourceError, nameFromImportedArn } from './private/imported-arn';
import { ComputeEnvironmentL1, renderNewerProperty } from './private/newer-cfn';
import { throwIfInvalid } from './private/validation';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * The kinds of Amazon Linux image an ECS compute environment launches.
 */
export enum EcsMachineImageType {
  /**
   * Amazon Linux 2, ECS-optimized.
   */
  ECS_AL2 = 'ECS_AL2',

  /**
   * Amazon Linux 2, ECS-optimized, with the NVIDIA GPU drivers.
   */
  ECS_AL2_NVIDIA = 'ECS_AL2_NVIDIA',

  /**
   * Amazon Linux 2023, ECS-optimized. It has no image for A1 instances.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_Ec2Configuration.html
   */
  ECS_AL2023 = 'ECS_AL2023',

  /**
   * Amazon Linux 2023, ECS-optimized, with the NVIDIA GPU drivers.
   */
  ECS_AL2023_NVIDIA = 'ECS_AL2023_NVIDIA',
}

/**
 * The CloudWatch Container Insights setting of the ECS cluster behind a compute environment.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html
 */
export enum ContainerInsights {
  /**
   * Container Insights on.
   */
  ENABLED = 'ENABLED',

  /**
   * Container Insights with enhanced observability.
   */
  ENHANCED = 'ENHANCED',

  /**
   * Container Insights off.
   */
  DISABLED = 'DISABLED',
}

/**
 * An image for the instances of an ECS compute environment.
 */
export interface EcsMachineImage {
  /**
   * The AMI to launch instead of the one Batch picks for `imageType`.
   *
   * @default - the image Batch picks for the image type
   */
  readonly image?: ec2.IMachineImage;

  /**
   * The kind of image; Batch uses it for the instance types it fits.
   *
   * @default - `EcsMachineImageType.ECS_AL2`, or `ECS_AL2023` when the context flag `@aws-cdk/aws-batch:defaultToAL2023` is true
   */
  readonly imageType?: EcsMachineImageType;
}

/**
 * A managed compute environment of EC2 instances that run jobs as ECS tasks.
 */
export interface IManagedEc2EcsComputeEnvironment extends IManagedComputeEnvironment {
  /**
   * How Batch chooses the instance types it launches.
   *
   * @default - `BEST_FIT_PROGRESSIVE` without Spot, `SPOT_PRICE_CAPACITY_OPTIMIZED` with Spot
   */
  readonly allocationStrategy?: AllocationStrategy;

  /**
   * The images the instances are launched from.
   *
   * @default - the ECS-optimized Amazon Linux 2 image, with GPU drivers on GPU instances
   */
  readonly images?: EcsMachineImage[];

  /**
   * The instance types Batch may launch.
   */
  readonly instanceTypes: ec2.InstanceType[];

  /**
   * The instance classes Batch may launch, any size.
   */
  readonly instanceClasses: ec2.InstanceClass[];

  /**
   * The role of the instances.
   *
   * @default - a role with the `AmazonEC2ContainerServiceforEC2Role` managed policy
   */
  readonly instanceRole?: iam.IRole;

  /**
   * The launch template the instances are launched with.
   *
   * @default - no launch template
   */
  readonly launchTemplate?: ec2.ILaunchTemplate;

  /**
   * The vCPUs kept running even with no jobs to run, and while disabled.
   *
   * @default 0
   */
  readonly minvCpus?: number;

  /**
   * The placement group the instances are launched in.
   *
   * @default - no placement group
   */
  readonly placementGroup?: ec2.IPlacementGroup;

  /**
   * The highest Spot price Batch pays, as a percentage of the On-Demand price of the instance type.
   *
   * @default 100
   */
  readonly spotBidPercentage?: number;

  /**
   * The role the Spot Fleet uses to launch Spot instances.
   *
   * @default - a role with the `AmazonEC2SpotFleetTaggingRole` managed policy is created when Spot is used with `BEST_FIT`, which needs one
   */
  readonly spotFleetRole?: iam.IRole;

  /**
   * Whether `'optimal'` (instance types from the C4, M4 and R4 families) is among the instance types.
   *
   * @default - true, unless `defaultInstanceClasses` are given
   */
  readonly useOptimalInstanceClasses?: boolean;

  /**
   * Lets Batch launch instances of this type.
   */
  addInstanceType(instanceType: ec2.InstanceType): void;

  /**
   * Lets Batch launch instances of this class, of any size.
   */
  addInstanceClass(instanceClass: ec2.InstanceClass): void;
}

/**
 * Props to create a managed compute environment of EC2 instances running ECS tasks.
 */
export interface ManagedEc2EcsComputeEnvironmentProps extends ManagedEc2ComputeEnvironmentProps {
  /**
   * How Batch chooses the instance types it launches.
   *
   * The `SPOT_*` strategies need `spot: true`.
   *
   * @default - `BEST_FIT_PROGRESSIVE` without Spot, `SPOT_PRICE_CAPACITY_OPTIMIZED` with Spot
   */
  readonly allocationStrategy?: AllocationStrategy;

  /**
   * The images the instances are launched from.
   *
   * @default - the ECS-optimized Amazon Linux 2 image, with GPU drivers on GPU instances
   */
  readonly images?: EcsMachineImage[];



  /**
   * The role of the instances. An instance profile is created for it.
   *
   * @default - a role with the `AmazonEC2ContainerServiceforEC2Role` managed policy
   */
  readonly instanceRole?: iam.IRole;

  /**
   * The launch template the instances are launched with.
   *
   * Settings given here override the template's.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/launch-templates.html
   * @default - no launch template
   */
  readonly launchTemplate?: ec2.ILaunchTemplate;

  /**
   * The vCPUs kept running even with no jobs to run, and while disabled.
   *
   * A whole number between 0 and `maxvCpus`.
   *
   * @default 0
   */
  readonly minvCpus?: number;

  /**
   * The placement group the instances are launched in; a cluster placement group suits
   * multi-node parallel jobs.
   *
   * @default - no placement group
   */
  readonly placementGroup?: ec2.IPlacementGroup;

  /**
   * The highest Spot price Batch pays, as a percentage of the On-Demand price of the instance type.
   *
   * A whole number from 1 to 100; needs `spot: true`.
   *
   * @default 100
   */
  readonly spotBidPercentage?: number;

  /**
   * The role the Spot Fleet uses to launch Spot instances. Needs `spot: true`.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/spot_fleet_IAM_role.html
   * @default - a role with the `AmazonEC2SpotFleetTaggingRole` managed policy is created when Spot is used with `BEST_FIT`, which needs one
   */
  readonly spotFleetRole?: iam.IRole;

  /**
   * The instance categories Batch curates, in place of `'optimal'`.
   *
   * They share the one CPU architecture of all instance types and classes: `ARM64` only with
   * Graviton instances, `X86_64` only with x86 ones. Setting them together with
   * `useOptimalInstanceClasses: true` is an error.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/instance-type-compute-table.html
   * @default - no default classes: `'optimal'`, unless `useOptimalInstanceClasses` is false
   */
  readonly defaultInstanceClasses?: DefaultInstanceClass[];

  /**
   * Whether `'optimal'` (instance types from the C4, M4 and R4 families) is among the instance types.
   *
   * `'optimal'` is x86_64: set this to `false` for ARM instance types. `defaultInstanceClasses`
   * take its place; `false` with them is the same as leaving it unset.
   *
   * @default - true, unless `defaultInstanceClasses` are given
   */
  readonly useOptimalInstanceClasses?: boolean;

  /**
   * The version of `launchTemplate` the instances are launched with.
   *
   * Without one, Batch uses the template's default version, and a new version of the template
   * reaches the environment only once it is made the default. Changing it is an infrastructure
   * update (updated in place, with interruptions; replaced when `replaceComputeEnvironment` is true).
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/launch-templates.html
   * @default - the template's default version
   */
  readonly launchTemplateVersion?: LaunchTemplateVersion;

  /**
   * Launch templates that replace `launchTemplate` for some instance types.
   *
   * Up to 10, each targeting instance types or families among the environment's instance types
   * and classes, no type twice. Needs `launchTemplate`. More can be added with
   * `addLaunchTemplateOverride()`. Changing them is an infrastructure update.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_LaunchTemplateSpecificationOverride.html
   * @default - none
   */
  readonly launchTemplateOverrides?: LaunchTemplateOverride[];

  /**
   * The name of the EC2 key pair the instances are launched with, for SSH access.
   *
   * Changing it is an infrastructure update.
   *
   * @default - no key pair
   */
  readonly ec2KeyPair?: string;

  /**
   * How long Batch keeps an instance running after its last job finishes, waiting for more jobs,
   * before it may terminate it. Idle instances are billed.
   *
   * Whole minutes between 20 and 10080 (a week), or 0 for no delay. Updated in place.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeScalingPolicy.html
   * @default - no delay
   */
  readonly minScaleDownDelay?: Duration;

  /**
   * The CloudWatch Container Insights setting of the ECS cluster that Batch creates for the environment.
   *
   * Updated in place. Once set, it cannot return to unset: removing it later renders Batch's
   * `DISABLED`.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-batch-computeenvironment-ecssettings.html
   * @default - not managed by Batch: the account's Container Insights default applies
   */
  readonly containerInsights?: ContainerInsights;
}

const KIND = 'ManagedEc2EcsComputeEnvironment';

const ECS: Ec2Flavour = {
  defaultImageType: EcsMachineImageType.ECS_AL2,
  al2023ImageType: EcsMachineImageType.ECS_AL2023,
  al2023ImageTypes: [EcsMachineImageType.ECS_AL2023, EcsMachineImageType.ECS_AL2023_NVIDIA],
  forbiddenStrategies: {},
};

/**
 * A managed compute environment of EC2 instances, on-demand or Spot, that run jobs as ECS tasks.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/compute_environments.html
 * @resource AWS::Batch::ComputeEnvironment
 */
export class ManagedEc2EcsComputeEnvironment extends ManagedEc2ComputeEnvironmentBase implements IManagedEc2EcsComputeEnvironment {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.ManagedEc2EcsComputeEnvironment';

  /**
   * Imports an ECS compute environment by its ARN.
   */
  public static fromManagedEc2EcsComputeEnvironmentArn(
    scope: Construct, id: string, managedEc2EcsComputeEnvironmentArn: string,
  ): IManagedEc2EcsComputeEnvironment {
    const name = nameFromImportedArn(KIND, scope, id, 'managedEc2EcsComputeEnvironmentArn', managedEc2EcsComputeEnvironmentArn);
    class Import extends Resource implements IManagedEc2EcsComputeEnvironment {
      public readonly computeEnvironmentArn = managedEc2EcsComputeEnvironmentArn;
      public readonly computeEnvironmentName = name;
      public readonly enabled = true;
      public readonly instanceClasses: ec2.InstanceClass[] = [];
      public readonly instanceTypes: ec2.InstanceType[] = [];
      public readonly maxvCpus = 1;
      public readonly connections = new ec2.Connections();
      public readonly securityGroups: ec2.ISecurityGroup[] = [];
      public readonly tags = new TagManager(TagType.MAP, 'AWS::Batch::ComputeEnvironment');

      public addInstanceClass(_instanceClass: ec2.InstanceClass): void {
        throw importedResourceError(KIND, this, 'addInstanceClass()', 'cannot add an instance class to an imported compute environment');
      }

      public addInstanceType(_instanceType: ec2.InstanceType): void {
        throw importedResourceError(KIND, this, 'addInstanceType()', 'cannot add an instance type to an imported compute environment');
      }
    }
    return new Import(scope, id, { environmentFromArn: managedEc2EcsComputeEnvironmentArn });
  }

  public get computeEnvironmentArn(): string {
    return this._arn();
  }

  private readonly _arn: () => string;
  public readonly images?: EcsMachineImage[];
  public readonly spotFleetRole?: iam.IRole;
  public readonly useOptimalInstanceClasses?: boolean;
  /**
   * The CloudWatch Container Insights setting of the environment's ECS cluster.
   *
   * @default - not managed by Batch
   */
  public readonly containerInsights?: ContainerInsights;

  constructor(scope: Construct, id: string, props: ManagedEc2EcsComputeEnvironmentProps) {
    props = applyPropertyInjectors(ManagedEc2EcsComputeEnvironment.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props, ECS);
    markComputeKind(this, ECS_ON_EC2);
    throwIfInvalid(KIND, this, [
      props.spotFleetRole && !props.spot ? 'spotFleetRole needs spot: true, got spot: false' : undefined,
    ]);

    this.images = props.images ? [...props.images] : undefined;
    // the default classes take the place of 'optimal'
    this.useOptimalInstanceClasses = (props.defaultInstanceClasses ?? []).length === 0 && (props.useOptimalInstanceClasses ?? true);
    this.containerInsights = props.containerInsights;
    this.spotFleetRole = props.spotFleetRole
      ?? (this.spot && this.allocationStrategy === AllocationStrategy.BEST_FIT ? this.createSpotFleetRole() : undefined);

    const resource = new ComputeEnvironmentL1(this, 'Resource', {
      ...this._renderManaged(),
      computeEnvironmentName: props.computeEnvironmentName,
      computeResources: {
        ...this._renderEc2ComputeResources(this.images, ECS),
        spotIamFleetRole: this.spotFleetRole?.roleArn,
      },
      updatePolicy: this._renderUpdatePolicy(),
    });
    this._renderNewerEc2(resource);
    renderNewerProperty(resource, 'EcsSettings', { ContainerInsights: this.containerInsights });

    this._arn = this._arnOf(resource);
  }

  public override addInstanceType(instanceType: ec2.InstanceType): void {
    super.addInstanceType(instanceType);
  }

  public override addInstanceClass(instanceClass: ec2.InstanceClass): void {
    super.addInstanceClass(instanceClass);
  }

  public override addLaunchTemplateOverride(override: LaunchTemplateOverride): void {
    super.addLaunchTemplateOverride(override);
  }

  private createSpotFleetRole(): iam.IRole {
    return new iam.Role(this, 'SpotFleetRole', {
      assumedBy: new iam.ServicePrincipal('spotfleet.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEC2SpotFleetTaggingRole')],
    });
  }
}
