import { Duration, Lazy, Token } from 'aws-cdk-lib';
import { CfnComputeEnvironment } from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AllocationStrategy, ManagedComputeEnvironmentBase, ManagedComputeEnvironmentProps } from './managed-compute-environment';
import { checkDurationTokenUnit } from './private/units';
import { addValidation, checkAtLeast, checkRange, Problem, show, throwIfInvalid, unresolved, warn } from './private/validation';

/** An image of an EC2 compute environment: an AMI override and the kind of image Batch expects. */
export interface Ec2Image {
  readonly image?: ec2.IMachineImage;
  readonly imageType?: string;
}

/** The props EC2 compute environments (ECS and EKS) share. */
export interface ManagedEc2Props extends ManagedComputeEnvironmentProps {
  readonly instanceTypes?: ec2.InstanceType[];
  readonly instanceClasses?: ec2.InstanceClass[];
  readonly useOptimalInstanceClasses?: boolean;
  readonly instanceRole?: iam.IRole;
  readonly launchTemplate?: ec2.ILaunchTemplate;
  readonly minvCpus?: number;
  readonly placementGroup?: ec2.IPlacementGroup;
  readonly allocationStrategy?: AllocationStrategy;
  readonly spotBidPercentage?: number;
}

/** What differs between the EC2 kinds. */
export interface Ec2Flavour {
  /** The image type rendered when an image gives none. */
  readonly defaultImageType: string;
  /** Allocation strategies this kind rejects, with the reason. */
  readonly forbiddenStrategies: { [strategy: string]: string };
}

const DEFAULT_MIN_VCPUS = 0;
const OPTIMAL = 'optimal';

/**
 * What EC2 compute environments (ECS and EKS) share: instance types and classes, images,
 * allocation strategy, Spot bid, instance role and profile, launch template, placement group,
 * and the update policy and image updates that only EC2 environments take.
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

  private readonly _instanceTypes: ec2.InstanceType[];
  private readonly _instanceClasses: ec2.InstanceClass[];
  private readonly _useOptimalInstanceClasses: boolean;
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
      checkUpdateTimeout(props.updateTimeout),
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
    this._instanceTypes = [...(props.instanceTypes ?? [])];
    this._instanceClasses = [...(props.instanceClasses ?? [])];
    this._useOptimalInstanceClasses = props.useOptimalInstanceClasses ?? true;

    this.instanceRole = props.instanceRole ?? new iam.Role(this, 'InstanceProfileRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEC2ContainerServiceforEC2Role')],
    });
    this._instanceProfile = new iam.CfnInstanceProfile(this, 'InstanceProfile', {
      roles: [this.instanceRole.roleName],
    });

    addValidation(kind, this, () => checkInstances(this._instanceTypes, this._instanceClasses, this._useOptimalInstanceClasses));
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
  protected _renderEc2ComputeResources(images: Ec2Image[] | undefined, flavour: Ec2Flavour): CfnComputeEnvironment.ComputeResourcesProperty {
    return {
      ...this._renderBaseComputeResources(this.spot ? 'SPOT' : 'EC2'),
      updateToLatestImageVersion: this.updateToLatestImageVersion,
      minvCpus: this.minvCpus,
      instanceRole: this._instanceProfile.attrArn,
      instanceTypes: Lazy.list({
        produce: () => renderInstances(this._instanceTypes, this._instanceClasses, this._useOptimalInstanceClasses),
      }),
      allocationStrategy: this.allocationStrategy,
      bidPercentage: this.spotBidPercentage,
      launchTemplate: renderLaunchTemplate(this.launchTemplate),
      ec2Configuration: this.renderImages(images, flavour),
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

  private renderImages(images: Ec2Image[] | undefined, flavour: Ec2Flavour): CfnComputeEnvironment.Ec2ConfigurationObjectProperty[] | undefined {
    let overrides = 0;
    return images?.map((image) => ({
      imageIdOverride: image.image ? this.imageIdOf(image.image, overrides++) : undefined,
      imageType: image.imageType ?? flavour.defaultImageType,
    }));
  }
}

function renderLaunchTemplate(template: ec2.ILaunchTemplate | undefined): CfnComputeEnvironment.LaunchTemplateSpecificationProperty | undefined {
  if (!template) {
    return undefined;
  }
  // Batch takes the id or the name, not both; templates imported by name have no id.
  return template.launchTemplateId !== undefined
    ? { launchTemplateId: template.launchTemplateId }
    : { launchTemplateName: template.launchTemplateName };
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

/** The `InstanceTypes` list: types, then classes, then `optimal` unless turned off. */
export function renderInstances(types: ec2.InstanceType[], classes: ec2.InstanceClass[], useOptimal: boolean): string[] {
  return [
    ...types.map((t) => t.toString()),
    ...classes.map(instanceFamily),
    ...(useOptimal ? [OPTIMAL] : []),
  ];
}

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

function checkInstances(types: ec2.InstanceType[], classes: ec2.InstanceClass[], useOptimal: boolean): Problem[] {
  if (types.length === 0 && classes.length === 0 && !useOptimal) {
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

/** The longest `jobExecutionTimeoutMinutes` the update policy takes (it was 360 until 2024). */
const MAX_UPDATE_TIMEOUT_MINUTES = 7200;

/** `updateTimeout`: whole minutes between 1 and 7200 (the update policy's range). */
function checkUpdateTimeout(value: Duration | undefined): Problem {
  if (value === undefined) {
    return undefined;
  }
  if (value.isUnresolved()) {
    // A token cannot be converted between units: it must already be in minutes.
    return checkDurationTokenUnit('updateTimeout', value, 'minutes');
  }
  const minutes = value.toMinutes({ integral: false });
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_UPDATE_TIMEOUT_MINUTES) {
    return `updateTimeout must be a whole number of minutes between 1 and ${MAX_UPDATE_TIMEOUT_MINUTES}, got ${value.toHumanString()}`;
  }
  return undefined;
}
