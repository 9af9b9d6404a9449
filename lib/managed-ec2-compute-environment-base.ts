import { Duration, FeatureFlags, Lazy, Token } from 'aws-cdk-lib';
import { CfnComputeEnvironment } from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { LaunchTemplateOverride, LaunchTemplateVersion } from './launch-template';
import { AllocationStrategy, DefaultInstanceClass, ManagedComputeEnvironmentBase, ManagedEc2ComputeEnvironmentProps } from './managed-compute-environment';
import { checkOverrides, checkVersion, renderOverrides } from './private/launch-template-overrides';
import { ComputeEnvironmentL1, renderNewerListOnceFilled, renderNewerProperty } from './private/newer-cfn';
import { checkDurationTokenUnit, checkUpdateTimeout } from './private/units';
import { addValidation, checkAtLeast, checkRange, Problem, show, throwIfInvalid, unresolved, warn } from './private/validation';

/** An image of an EC2 compute environment: an AMI override and the kind of image Batch expects. */
export interface Ec2Image {
  readonly image?: ec2.IMachineImage;
  readonly imageType?: string;
  readonly imageKubernetesVersion?: string;
}

/** The props EC2 compute environments (ECS and EKS) share. */
export interface ManagedEc2Props extends ManagedEc2ComputeEnvironmentProps {
  readonly defaultInstanceClasses?: DefaultInstanceClass[];
  readonly images?: Ec2Image[];
  readonly useOptimalInstanceClasses?: boolean;
  readonly instanceRole?: iam.IRole;
  readonly launchTemplate?: ec2.ILaunchTemplate;
  readonly minvCpus?: number;
  readonly placementGroup?: ec2.IPlacementGroup;
  readonly allocationStrategy?: AllocationStrategy;
  readonly spotBidPercentage?: number;
  readonly launchTemplateVersion?: LaunchTemplateVersion;
  readonly launchTemplateOverrides?: LaunchTemplateOverride[];
  readonly ec2KeyPair?: string;
  readonly minScaleDownDelay?: Duration;
}

/** What differs between the EC2 kinds. */
export interface Ec2Flavour {
  /** The image type rendered when an image gives none. */
  readonly defaultImageType: string;
  /** The image type rendered when an image gives none and `@aws-cdk/aws-batch:defaultToAL2023` is on. */
  readonly al2023ImageType: string;
  /** The Amazon Linux 2023 image types of this kind. */
  readonly al2023ImageTypes: string[];
  /** Allocation strategies this kind rejects, with the reason. */
  readonly forbiddenStrategies: { [strategy: string]: string };
  /** Whether the nodes are EKS nodes (launch template overrides may then set a user data type). */
  readonly eks?: boolean;
}

const DEFAULT_MIN_VCPUS = 0;
const OPTIMAL = 'optimal';
/** Where the launch template overrides render, a member aws-cdk-lib 2.95.1's L1 lacks. */
const OVERRIDES_PATH = 'ComputeResources.LaunchTemplate.Overrides';

/**
 * The context flag that makes Amazon Linux 2023 the image type of images that name none
 * (and the default Batch is told about in checks). Unset means off, as in aws-cdk-lib.
 */
export const DEFAULT_TO_AL2023_FLAG = '@aws-cdk/aws-batch:defaultToAL2023';

/**
 * What EC2 compute environments (ECS and EKS) share: instance types and classes, images,
 * allocation strategy, Spot bid, instance role and profile, launch template, placement group,
 * and the update policy and image updates that only EC2 environments take.
 *
 * Not exported from the package: jsii folds its members into each EC2 environment class.
 * Each concrete class redeclares the public methods of this class, so that a call resolves to a type
 * of the jsii assembly when jsii-rosetta translates an example (`test/api-declarations.test.ts`).
 *
 * @internal
 */
export abstract class ManagedEc2ComputeEnvironmentBase extends ManagedComputeEnvironmentBase {
  /**
   * How Batch chooses the instance types it launches.
   *
   * @default - `BEST_FIT_PROGRESSIVE` without Spot, `SPOT_PRICE_CAPACITY_OPTIMIZED` with Spot
   */
  public readonly allocationStrategy?: AllocationStrategy;
  /**
   * The highest Spot price Batch pays, as a percentage of the On-Demand price of the instance type.
   *
   * @default 100
   */
  public readonly spotBidPercentage?: number;
  /**
   * The role of the instances.
   *
   * @default - a role with the `AmazonEC2ContainerServiceforEC2Role` managed policy
   */
  public readonly instanceRole?: iam.IRole;
  /**
   * The launch template the instances are launched with.
   *
   * @default - no launch template
   */
  public readonly launchTemplate?: ec2.ILaunchTemplate;
  /**
   * The vCPUs kept running even with no jobs to run, and while disabled.
   *
   * @default 0
   */
  public readonly minvCpus?: number;
  /**
   * The placement group the instances are launched in.
   *
   * @default - no placement group
   */
  public readonly placementGroup?: ec2.IPlacementGroup;
  public readonly updateToLatestImageVersion?: boolean;
  /**
   * The version of `launchTemplate` the instances are launched with.
   *
   * @default - the template's default version
   */
  public readonly launchTemplateVersion?: LaunchTemplateVersion;
  /**
   * The name of the EC2 key pair the instances are launched with, for SSH access.
   *
   * @default - no key pair
   */
  public readonly ec2KeyPair?: string;
  /**
   * How long Batch keeps an instance running after its last job finishes, waiting for more jobs,
   * before it may terminate it.
   *
   * @default - no delay
   */
  public readonly minScaleDownDelay?: Duration;

  private readonly _launchTemplateOverrides: LaunchTemplateOverride[];
  /** The L1 whose launch template `Overrides` are still to be registered (see `renderNewerListOnceFilled()`). */
  private _overridesPendingOn?: ComputeEnvironmentL1;
  private readonly _instanceTypes: ec2.InstanceType[];
  private readonly _instanceClasses: ec2.InstanceClass[];
  private readonly _useOptimalInstanceClasses: boolean;
  private readonly _defaultInstanceClasses: DefaultInstanceClass[];
  /** @internal */
  protected readonly _defaultImageType: string;
  /** @internal */
  protected readonly _instanceProfile: iam.CfnInstanceProfile;

  constructor(scope: Construct, id: string, kind: string, props: ManagedEc2Props, flavour: Ec2Flavour) {
    super(scope, id, kind, props);
    const spot = props.spot ?? false;
    throwIfInvalid(kind, this, [
      checkAtLeast('minvCpus', props.minvCpus, 0, true),
      checkMinNotAboveMax(props.minvCpus, this.maxvCpus),
      ...checkAllocationStrategy(props.allocationStrategy, spot, flavour),
      ...checkBidPercentage(props.spotBidPercentage, spot),
      props.useOptimalInstanceClasses === true && (props.defaultInstanceClasses ?? []).length > 0
        ? `defaultInstanceClasses take the place of 'optimal': useOptimalInstanceClasses must not be true with them, got defaultInstanceClasses ${show(props.defaultInstanceClasses)}`
        : undefined,
      checkUpdateTimeout(props.updateTimeout),
      props.launchTemplateVersion && !props.launchTemplate
        ? `launchTemplateVersion needs launchTemplate, got version ${show(props.launchTemplateVersion.version)} and no launch template`
        : undefined,
      checkVersion('launchTemplateVersion', props.launchTemplateVersion),
      checkScaleDownDelay(props.minScaleDownDelay),
    ]);
    if (props.spotBidPercentage === 0) {
      warn(this, 'spotBidPercentageZero', 'spotBidPercentage is 0: Batch documents no minimum, but no Spot instance is offered at 0% of the On-Demand price, '
        + 'so this compute environment may never launch one');
    }

    this.allocationStrategy = props.allocationStrategy
      ?? (spot ? AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED : AllocationStrategy.BEST_FIT_PROGRESSIVE);
    this.spotBidPercentage = props.spotBidPercentage;
    this.launchTemplate = props.launchTemplate;
    this.minvCpus = props.minvCpus ?? DEFAULT_MIN_VCPUS;
    this.placementGroup = props.placementGroup;
    this.updateToLatestImageVersion = props.updateToLatestImageVersion ?? true;
    this.launchTemplateVersion = props.launchTemplateVersion;
    this.ec2KeyPair = props.ec2KeyPair;
    this.minScaleDownDelay = props.minScaleDownDelay;
    this._launchTemplateOverrides = [...(props.launchTemplateOverrides ?? [])];
    this._instanceTypes = [...(props.instanceTypes ?? [])];
    this._instanceClasses = [...(props.instanceClasses ?? [])];
    this._defaultInstanceClasses = [...(props.defaultInstanceClasses ?? [])];
    // the default classes take the place of 'optimal'
    this._useOptimalInstanceClasses = this._defaultInstanceClasses.length === 0 && (props.useOptimalInstanceClasses ?? true);
    this._defaultImageType = FeatureFlags.of(this).isEnabled(DEFAULT_TO_AL2023_FLAG) ? flavour.al2023ImageType : flavour.defaultImageType;

    this.instanceRole = props.instanceRole ?? new iam.Role(this, 'InstanceProfileRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEC2ContainerServiceforEC2Role')],
    });
    this._instanceProfile = new iam.CfnInstanceProfile(this, 'InstanceProfile', {
      roles: [this.instanceRole.roleName],
    });

    const imageTypes = props.images === undefined || props.images.length === 0
      ? [this._defaultImageType]
      : props.images.map((image) => image.imageType ?? this._defaultImageType);
    const al2023 = imageTypes.filter((t) => flavour.al2023ImageTypes.includes(t));
    addValidation(kind, this, () => [
      ...checkInstances(this._instanceTypes, this._instanceClasses, this._useOptimalInstanceClasses, this._defaultInstanceClasses),
      checkNoA1WithAl2023(this._instanceTypes, this._instanceClasses, al2023),
    ]);
    addValidation(kind, this, () => checkOverrides(
      this._launchTemplateOverrides,
      renderInstances(this._instanceTypes, this._instanceClasses, this._useOptimalInstanceClasses, this._defaultInstanceClasses),
      this.launchTemplate !== undefined,
      flavour.eks ?? false,
    ));
  }

  /**
   * Launch templates that replace `launchTemplate` for some instance types (a copy: use
   * `addLaunchTemplateOverride()` to add one).
   */
  public get launchTemplateOverrides(): LaunchTemplateOverride[] {
    return [...this._launchTemplateOverrides];
  }

  /**
   * Launches the override's target instance types with the override's launch template.
   */
  public addLaunchTemplateOverride(override: LaunchTemplateOverride): void {
    this._launchTemplateOverrides.push(override);
    this._overridesPendingOn = renderNewerListOnceFilled(this._overridesPendingOn, OVERRIDES_PATH, this._launchTemplateOverrides, renderOverrides);
  }

  /**
   * Whether the instances run Amazon Linux 2023 images (an image type of AL2023, or no image
   * type where the flag makes AL2023 the default).
   *
   * @internal
   */
  protected _usesAl2023(images: Ec2Image[] | undefined, flavour: Ec2Flavour): boolean {
    return (images ?? []).some((image) => flavour.al2023ImageTypes.includes(image.imageType ?? this._defaultImageType));
  }

  /**
   * The instance types Batch may launch (a copy: use `addInstanceType()` to add one).
   */
  public get instanceTypes(): ec2.InstanceType[] {
    return [...this._instanceTypes];
  }

  /**
   * The instance classes Batch may launch, any size (a copy: use `addInstanceClass()` to add one).
   */
  public get instanceClasses(): ec2.InstanceClass[] {
    return [...this._instanceClasses];
  }

  /**
   * Lets Batch launch instances of this type.
   */
  public addInstanceType(instanceType: ec2.InstanceType): void {
    this._instanceTypes.push(instanceType);
  }

  /**
   * Lets Batch launch instances of this class, of any size.
   */
  public addInstanceClass(instanceClass: ec2.InstanceClass): void {
    this._instanceClasses.push(instanceClass);
  }

  /**
   * The compute resources EC2 environments render.
   *
   * @internal
   */
  protected _renderEc2ComputeResources(images: Ec2Image[] | undefined, _flavour: Ec2Flavour): CfnComputeEnvironment.ComputeResourcesProperty {
    return {
      ...this._renderBaseComputeResources(this.spot ? 'SPOT' : 'EC2'),
      updateToLatestImageVersion: this.updateToLatestImageVersion,
      minvCpus: this.minvCpus,
      instanceRole: this._instanceProfile.attrArn,
      instanceTypes: Lazy.list({
        produce: () => renderInstances(this._instanceTypes, this._instanceClasses, this._useOptimalInstanceClasses, this._defaultInstanceClasses),
      }),
      allocationStrategy: this.allocationStrategy,
      bidPercentage: this.spotBidPercentage,
      launchTemplate: renderLaunchTemplate(this.launchTemplate, this.launchTemplateVersion),
      ec2KeyPair: this.ec2KeyPair,
      ec2Configuration: this.renderImages(images),
      placementGroup: this.placementGroup?.placementGroupName,
      // Tags.of() may add tags after construction: rendered late, as a token standing for the map.
      tags: this.tags.renderedTags as unknown as { [key: string]: string },
    };
  }

  /**
   * The update policy, rendered (even empty) for EC2 environments.
   *
   * @internal
   */
  protected _renderUpdatePolicy(): CfnComputeEnvironment.UpdatePolicyProperty {
    return {
      terminateJobsOnUpdate: this.terminateOnUpdate,
      jobExecutionTimeoutMinutes: this.updateTimeout?.toMinutes(),
    };
  }

  /**
   * The settings of EC2 environments that aws-cdk-lib 2.95.1's L1 does not know: launch template
   * overrides and the scaling policy.
   *
   * @internal
   */
  protected _renderNewerEc2(resource: ComputeEnvironmentL1): void {
    // an environment without overrides carries no override
    this._overridesPendingOn = renderNewerListOnceFilled(resource, OVERRIDES_PATH, this._launchTemplateOverrides, renderOverrides);
    renderNewerProperty(resource, 'ComputeResources.ScalingPolicy', {
      MinScaleDownDelayMinutes: this.minScaleDownDelay?.toMinutes(),
    });
  }

  /**
   * The id of the `i`-th image override. Each image creates what it needs in the environment's
   * scope, as upstream does (a generic image adds an `AmiMap` mapping there). Only an image whose
   * constructs would collide with an earlier image's gets a scope of its own (`Image<i>`), so
   * every app upstream synthesizes keeps its template and mapping ids.
   */
  private imageIdOf(image: ec2.IMachineImage, i: number): string {
    if (i === 0) {
      return image.getImage(this).imageId;
    }
    try {
      return image.getImage(this).imageId;
    } catch (collision) {
      // The construct library refuses a second child of the same id before adding anything, so
      // nothing is left behind; any other failure fails again in the fresh scope and is rethrown.
      try {
        return image.getImage(new Construct(this, `Image${i}`)).imageId;
      } catch {
        throw collision;
      }
    }
  }

  private renderImages(images: Ec2Image[] | undefined): CfnComputeEnvironment.Ec2ConfigurationObjectProperty[] | undefined {
    let overrides = 0;
    return images?.map((image) => ({
      imageIdOverride: image.image ? this.imageIdOf(image.image, overrides++) : undefined,
      imageType: image.imageType ?? this._defaultImageType,
      imageKubernetesVersion: image.imageKubernetesVersion,
    }));
  }
}

function renderLaunchTemplate(
  template: ec2.ILaunchTemplate | undefined, version: LaunchTemplateVersion | undefined,
): CfnComputeEnvironment.LaunchTemplateSpecificationProperty | undefined {
  if (!template) {
    return undefined;
  }
  // Batch takes the id or the name, not both; templates imported by name have no id.
  return template.launchTemplateId !== undefined
    ? { launchTemplateId: template.launchTemplateId, version: version?.version }
    : { launchTemplateName: template.launchTemplateName, version: version?.version };
}

/** `minScaleDownDelay`: whole minutes, 0 (no delay) or between 20 and 10080 (a week). */
function checkScaleDownDelay(value: Duration | undefined): Problem {
  if (value === undefined) {
    return undefined;
  }
  if (value.isUnresolved()) {
    return checkDurationTokenUnit('minScaleDownDelay', value, 'minutes');
  }
  const minutes = value.toMinutes({ integral: false });
  if (!Number.isInteger(minutes) || (minutes !== 0 && (minutes < 20 || minutes > 10080))) {
    return `minScaleDownDelay must be 0 or a whole number of minutes between 20 and 10080, got ${value.toHumanString()}`;
  }
  return undefined;
}

/**
 * The EC2 family of an instance class as Batch knows it (`m6g`), also for the enum's
 * descriptive aliases (`STANDARD6_GRAVITON`).
 */
export function instanceFamily(instanceClass: ec2.InstanceClass): string {
  if (unresolved(instanceClass)) {
    return instanceClass;
  }
  try {
    return ec2.InstanceType.of(instanceClass, ec2.InstanceSize.LARGE).toString().split('.')[0];
  } catch {
    return instanceClass;
  }
}

/** The `InstanceTypes` list: types, then classes, then the default classes or `optimal` unless turned off. */
export function renderInstances(types: ec2.InstanceType[], classes: ec2.InstanceClass[], useOptimal: boolean,
  defaultClasses: DefaultInstanceClass[] = []): string[] {
  return [
    ...types.map((t) => t.toString()),
    ...classes.map(instanceFamily),
    ...defaultClasses,
    ...(useOptimal ? [OPTIMAL] : []),
  ];
}

const DEFAULT_CLASS_ARCHITECTURE: { [defaultClass: string]: ec2.InstanceArchitecture } = {
  [DefaultInstanceClass.X86_64]: ec2.InstanceArchitecture.X86_64,
  [DefaultInstanceClass.ARM64]: ec2.InstanceArchitecture.ARM_64,
};

/** The CPU architecture of an instance class, or undefined when it is a token or unknown. */
function classArchitecture(instanceClass: ec2.InstanceClass): ec2.InstanceArchitecture | undefined {
  if (unresolved(instanceClass)) {
    return undefined;
  }
  try {
    return ec2.InstanceType.of(instanceClass, ec2.InstanceSize.LARGE).architecture;
  } catch {
    return undefined;
  }
}

function typeArchitecture(instanceType: ec2.InstanceType): ec2.InstanceArchitecture | undefined {
  if (Token.isUnresolved(instanceType.toString())) {
    return undefined;
  }
  try {
    return instanceType.architecture;
  } catch {
    return undefined;
  }
}

function checkInstances(types: ec2.InstanceType[], classes: ec2.InstanceClass[], useOptimal: boolean,
  defaultClasses: DefaultInstanceClass[]): Problem[] {
  if (types.length === 0 && classes.length === 0 && defaultClasses.length === 0 && !useOptimal) {
    return ['instanceTypes and instanceClasses must name at least one instance when useOptimalInstanceClasses is false, got none'];
  }
  const byArch = new Map<string, string[]>();
  const note = (arch: ec2.InstanceArchitecture | undefined, name: string) => {
    if (arch !== undefined) {
      byArch.set(arch, [...(byArch.get(arch) ?? []), name]);
    }
  };
  types.forEach((t) => note(typeArchitecture(t), t.toString()));
  classes.forEach((c) => note(classArchitecture(c), instanceFamily(c)));
  defaultClasses.forEach((c) => note(unresolved(c) ? undefined : DEFAULT_CLASS_ARCHITECTURE[c], c));
  if (useOptimal) {
    note(ec2.InstanceArchitecture.X86_64, OPTIMAL);
  }
  if (byArch.size > 1) {
    const parts = [...byArch.entries()].map(([arch, names]) => `${arch} ${show(names)}`);
    return [`instance types and classes must all have one CPU architecture, got ${parts.join(' and ')}`
      + (useOptimal ? '; \'optimal\' is x86_64, set useOptimalInstanceClasses to false for ARM instances' : '')];
  }
  return [];
}

/** Amazon Linux 2023 has no image for A1 instances (the first Graviton generation). */
function checkNoA1WithAl2023(types: ec2.InstanceType[], classes: ec2.InstanceClass[], al2023ImageTypes: string[]): Problem {
  if (al2023ImageTypes.length === 0) {
    return undefined;
  }
  const a1 = [
    ...types.map((t) => t.toString()).filter((t) => !unresolved(t) && t.startsWith('a1.')),
    ...classes.map(instanceFamily).filter((c) => c === 'a1'),
  ];
  if (a1.length === 0) {
    return undefined;
  }
  return `instance types and classes must not be A1 with an Amazon Linux 2023 image, which does not support A1 instances, got ${show(a1)} with image type ${al2023ImageTypes[0]}`;
}

function checkMinNotAboveMax(minvCpus: number | undefined, maxvCpus: number): Problem {
  if (minvCpus === undefined || unresolved(minvCpus) || unresolved(maxvCpus)) {
    return undefined;
  }
  if (minvCpus > maxvCpus) {
    return `minvCpus must not exceed maxvCpus, got minvCpus ${minvCpus} and maxvCpus ${maxvCpus}`;
  }
  return undefined;
}

function checkAllocationStrategy(strategy: AllocationStrategy | undefined, spot: boolean, flavour: Ec2Flavour): Problem[] {
  if (strategy === undefined || unresolved(strategy)) {
    return [];
  }
  const problems: Problem[] = [];
  const isSpotStrategy = strategy === AllocationStrategy.SPOT_CAPACITY_OPTIMIZED || strategy === AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED;
  if (isSpotStrategy && !spot) {
    problems.push(`allocationStrategy ${strategy} needs spot: true, got spot: false`);
  }
  const reason = flavour.forbiddenStrategies[strategy];
  if (reason) {
    problems.push(`allocationStrategy must not be ${strategy}: ${reason}`);
  }
  return problems;
}

function checkBidPercentage(bid: number | undefined, spot: boolean): Problem[] {
  if (bid === undefined) {
    return [];
  }
  return [
    spot ? undefined : `spotBidPercentage needs spot: true, got spotBidPercentage ${show(bid)} and spot: false`,
    // 0 is let through with a warning: no AWS page gives a minimum
    checkRange('spotBidPercentage', bid, 0, 100, true),
  ];
}

