import { Annotations, Duration, Names, Size, SizeRoundingBehavior, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IManagedComputeEnvironment, ManagedComputeEnvironmentBase, ManagedComputeEnvironmentProps } from './managed-compute-environment';
import { ECS_ON_MANAGED_INSTANCES, markComputeKind } from './private/compute-kind';
import { importManagedComputeEnvironment } from './private/import-compute-environment';
import { ComputeEnvironmentL1, renderNewerPropertyLazily } from './private/newer-cfn';
import { checkDurationTokenUnit, checkSizeTokenUnit, checkUpdateTimeout } from './private/units';
import { addValidation, addWarnings, checkAtLeast, Problem, show, throwIfInvalid, unresolved, validationError } from './private/validation';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * How ECS Managed Instances pays for the instances it launches.
 */
export enum CapacityOptionType {
  /**
   * On-Demand instances.
   */
  ON_DEMAND = 'ON_DEMAND',

  /**
   * Spot instances: cheaper, and reclaimable by EC2 with two minutes' notice.
   */
  SPOT = 'SPOT',

  /**
   * Instances from EC2 capacity reservations (see `capacityReservations`).
   */
  RESERVED = 'RESERVED',
}

/**
 * Whether instances are launched into capacity reservations.
 */
export enum CapacityReservationPreference {
  /**
   * Only into the reservations; no instance is launched when they are used up.
   */
  RESERVATIONS_ONLY = 'RESERVATIONS_ONLY',

  /**
   * Into the reservations first, then as On-Demand instances.
   */
  RESERVATIONS_FIRST = 'RESERVATIONS_FIRST',

  /**
   * Never into the reservations.
   */
  RESERVATIONS_EXCLUDED = 'RESERVATIONS_EXCLUDED',
}

/**
 * The CloudWatch monitoring of the instances.
 */
export enum ManagedInstancesMonitoring {
  /**
   * Metrics every five minutes, at no extra charge.
   */
  BASIC = 'BASIC',

  /**
   * Metrics every minute, charged as detailed monitoring.
   */
  DETAILED = 'DETAILED',
}

/**
 * The EC2 capacity reservations ECS Managed Instances launches instances into.
 */
export interface ManagedInstancesCapacityReservations {
  /**
   * The ARN of the capacity reservation resource group to launch into.
   *
   * @default - no resource group
   */
  readonly reservationGroupArn?: string;

  /**
   * Whether instances are launched into the reservations.
   *
   * @default - the ECS Managed Instances default
   */
  readonly preference?: CapacityReservationPreference;
}

/**
 * A managed compute environment on Amazon ECS Managed Instances.
 */
export interface IEcsManagedInstancesComputeEnvironment extends IManagedComputeEnvironment {
}

/**
 * Props to create a compute environment on Amazon ECS Managed Instances.
 *
 * Updates: `capacityOptionType` and `fipsEnabled` cannot be changed without replacing the
 * environment; every other setting here is updated in place.
 */
export interface EcsManagedInstancesComputeEnvironmentProps extends ManagedComputeEnvironmentProps {
  /**
   * The role ECS assumes to launch and manage the instances.
   *
   * It must trust `ecs.amazonaws.com` and be allowed to pass the instance role to EC2.
   *
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html
   * @default - a role with the `AmazonECSInfrastructureRolePolicyForManagedInstances` managed policy,
   * and `iam:PassRole` on `instanceRole` when that role is given
   */
  readonly infrastructureRole?: iam.IRole;

  /**
   * The role of the instances (an instance profile is created for it).
   *
   * With the default infrastructure role, a role given here needs no particular name.
   *
   * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instances-instance-profile.html
   * @default - a role named `ecsInstanceRole…` with the `AmazonECSInstanceRolePolicyForManagedInstances` managed policy
   */
  readonly instanceRole?: iam.IRole;

  /**
   * How the instances are paid for. Changing it replaces the compute environment.
   *
   * `spot: true` stands for `CapacityOptionType.SPOT`; other values need `spot` unset or false.
   *
   * @default - `SPOT` with `spot: true`, else not rendered: On-Demand
   */
  readonly capacityOptionType?: CapacityOptionType;

  /**
   * The EC2 capacity reservations to launch instances into.
   *
   * @default - no capacity reservations
   */
  readonly capacityReservations?: ManagedInstancesCapacityReservations;

  /**
   * Whether the instances use FIPS 140-validated cryptographic modules. Changing it replaces
   * the compute environment.
   *
   * @default - the ECS Managed Instances default for the Region
   */
  readonly fipsEnabled?: boolean;

  /**
   * Whether the instances' tags are readable from the instance metadata service.
   *
   * @default false
   */
  readonly instanceMetadataTagsPropagation?: boolean;

  /**
   * The instance types ECS may launch; a `*` wildcard selects several, e.g.
   * `new ec2.InstanceType('c6i.*')`.
   *
   * Up to 400 names of 1 to 30 characters. More can be added with `addAllowedInstanceType()`.
   *
   * @default - ECS picks cost-effective general-purpose instance types that fit the jobs
   */
  readonly allowedInstanceTypes?: ec2.InstanceType[];

  /**
   * Whether the instances' local (instance store) volumes are used for the tasks.
   *
   * @default false
   */
  readonly useLocalStorage?: boolean;

  /**
   * The size of the volume the tasks use, in whole GiB (at least 1).
   *
   * @default - the ECS Managed Instances default
   */
  readonly storageSize?: Size;

  /**
   * The CloudWatch monitoring of the instances.
   *
   * @default ManagedInstancesMonitoring.BASIC
   */
  readonly monitoring?: ManagedInstancesMonitoring;

  /**
   * How long an idle or underused instance is kept before ECS optimizes it away.
   *
   * Whole seconds, from 0 to 3600.
   *
   * @default - the ECS Managed Instances default
   */
  readonly scaleInAfter?: Duration;

  /**
   * Whether ECS optimizes idle and underused instances away at all.
   *
   * `false` keeps them (renders `ScaleInAfter: -1`) and cannot be combined with `scaleInAfter`.
   *
   * @default true
   */
  readonly infrastructureOptimization?: boolean;

  /**
   * Whether the compute environment's tags are propagated to the instances it launches.
   *
   * Rendered as `ManagedInstancesProvider.PropagateTags`, which the Batch API describes as the
   * propagation of the ECS capacity provider's tags to the instances. `capacityTags` do not need
   * it: Batch puts them on the instances as well as on the capacity provider.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_ManagedInstancesProvider.html
   * @default false
   */
  readonly propagateTags?: boolean;

  /**
   * Tags that Batch puts on the ECS capacity provider of the environment and on the EC2 instances
   * it launches (`ComputeResources.CapacityTags`).
   *
   * They are not the environment's own tags (`Tags.of()`). Batch puts them on the instances
   * whatever `propagateTags` says (that setting propagates the capacity provider's tags). Only ECS
   * Managed Instances environments take them. The principal that deploys the stack (or the stack's service
   * role) needs `batch:SetCapacityTags` on the compute environment: Batch checks it whenever a
   * create or update of the environment carries capacity tags. More can be added with `addCapacityTag()`.
   *
   * The limits of other AWS Batch tags (at most 50, keys up to 128 and values up to 256 characters,
   * no `aws:` prefix) are not documented for capacity tags: crossing one is a warning.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/capacity-tags-access-policy.html
   * @default - no capacity tags
   */
  readonly capacityTags?: { [key: string]: string };
}

const KIND = 'EcsManagedInstancesComputeEnvironment';
const INSTANCE_ROLE_PREFIX = 'ecsInstanceRole';
const MAX_ALLOWED_INSTANCE_TYPES = 400;
/** The general Batch tag restrictions (user guide, "Tag restrictions"), not documented for capacity tags. */
const MAX_TAGS = 50;
const MAX_TAG_KEY = 128;
const MAX_TAG_VALUE = 256;
const RESERVED_TAG_PREFIX = /^aws:/i;

/**
 * A managed compute environment on Amazon ECS Managed Instances: ECS picks, launches, patches and
 * scales the EC2 instances, and Batch runs its ECS jobs on them, several jobs per instance.
 *
 * Its queues take only environments of this kind. The subnets and security groups given are
 * those of the instances.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/ecs-managed-instances-compute-environments.html
 * @resource AWS::Batch::ComputeEnvironment
 */
export class EcsManagedInstancesComputeEnvironment extends ManagedComputeEnvironmentBase implements IEcsManagedInstancesComputeEnvironment {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.EcsManagedInstancesComputeEnvironment';

  /**
   * Imports an ECS Managed Instances compute environment by its ARN.
   */
  public static fromEcsManagedInstancesComputeEnvironmentArn(
    scope: Construct, id: string, ecsManagedInstancesComputeEnvironmentArn: string,
  ): IEcsManagedInstancesComputeEnvironment {
    return importManagedComputeEnvironment(KIND, scope, id, 'ecsManagedInstancesComputeEnvironmentArn', ecsManagedInstancesComputeEnvironmentArn);
  }

  public get computeEnvironmentArn(): string {
    return this._arn();
  }

  private readonly _arn: () => string;

  /**
   * The role ECS assumes to launch and manage the instances: the one given, or the one created.
   */
  public readonly infrastructureRole: iam.IRole;

  /**
   * The role of the instances: the one given, or the one created.
   */
  public readonly instanceRole: iam.IRole;

  /**
   * How the instances are paid for.
   *
   * @default - On-Demand
   */
  public readonly capacityOptionType?: CapacityOptionType;

  /**
   * Always `false`: ECS keeps the instances patched itself, and Batch has no images to update.
   */
  public readonly updateToLatestImageVersion?: boolean = false;

  private readonly _allowedInstanceTypes: ec2.InstanceType[];
  /** The capacity tags given and added, or the token given for all of them. */
  private readonly _capacityTags: { [key: string]: string };
  private readonly _capacityTagsToken?: { [key: string]: string };

  constructor(scope: Construct, id: string, props: EcsManagedInstancesComputeEnvironmentProps) {
    props = applyPropertyInjectors(EcsManagedInstancesComputeEnvironment.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props);
    markComputeKind(this, ECS_ON_MANAGED_INSTANCES);
    throwIfInvalid(KIND, this, checkProps(props));
    if (props.updateToLatestImageVersion === true) {
      Annotations.of(this).addWarningV2('@aws-cdk/aws-batch-alpha:managedInstancesImages',
        'updateToLatestImageVersion is ignored: ECS Managed Instances keeps the instances patched itself');
    }

    this.capacityOptionType = props.capacityOptionType ?? (props.spot ? CapacityOptionType.SPOT : undefined);
    this._allowedInstanceTypes = [...(props.allowedInstanceTypes ?? [])];
    if (props.capacityTags !== undefined && Token.isUnresolved(props.capacityTags)) {
      this._capacityTagsToken = props.capacityTags;
      this._capacityTags = {};
    } else {
      this._capacityTags = { ...props.capacityTags };
    }

    this.instanceRole = props.instanceRole ?? new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      // the managed infrastructure policy passes only roles whose name starts with ecsInstanceRole
      roleName: INSTANCE_ROLE_PREFIX + Names.uniqueResourceName(this, { maxLength: 64 - INSTANCE_ROLE_PREFIX.length }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonECSInstanceRolePolicyForManagedInstances')],
    });
    const instanceProfile = new iam.CfnInstanceProfile(this, 'InstanceProfile', { roles: [this.instanceRole.roleName] });

    this.infrastructureRole = props.infrastructureRole ?? this.createInfrastructureRole(props.instanceRole);

    const resource = new ComputeEnvironmentL1(this, 'Resource', {
      ...this._renderManaged(),
      computeEnvironmentName: props.computeEnvironmentName,
      // rendered only when asked for: the update policy is an EC2 setting, which Fargate environments cannot take
      updatePolicy: props.terminateOnUpdate !== undefined || props.updateTimeout !== undefined ? {
        terminateJobsOnUpdate: props.terminateOnUpdate,
        jobExecutionTimeoutMinutes: props.updateTimeout?.toMinutes(),
      } : undefined,
    });

    renderNewerPropertyLazily(resource, 'ComputeResources', () => ({
      Type: 'ECS_MANAGED_INSTANCES',
      MaxvCpus: this.maxvCpus,
      ManagedInstancesProvider: {
        InfrastructureRoleArn: this.infrastructureRole.roleArn,
        InstanceLaunchTemplate: {
          Ec2InstanceProfileArn: instanceProfile.attrArn,
          NetworkConfiguration: {
            Subnets: this._subnetIds,
            SecurityGroups: this.securityGroups.map((sg) => sg.securityGroupId),
          },
          CapacityOptionType: this.capacityOptionType,
          CapacityReservations: props.capacityReservations ? {
            ReservationGroupArn: props.capacityReservations.reservationGroupArn,
            ReservationPreference: props.capacityReservations.preference,
          } : undefined,
          FipsEnabled: props.fipsEnabled,
          InstanceMetadataTagsPropagation: props.instanceMetadataTagsPropagation,
          InstanceRequirements: this._allowedInstanceTypes.length > 0
            ? { AllowedInstanceTypes: this._allowedInstanceTypes.map((t) => t.toString()) }
            : undefined,
          LocalStorageConfiguration: props.useLocalStorage !== undefined ? { UseLocalStorage: props.useLocalStorage } : undefined,
          Monitoring: props.monitoring,
          StorageConfiguration: props.storageSize ? { StorageSizeGiB: props.storageSize.toGibibytes() } : undefined,
        },
        InfrastructureOptimization: renderOptimization(props),
        PropagateTags: props.propagateTags === undefined ? undefined : (props.propagateTags ? 'CAPACITY_PROVIDER' : 'NONE'),
      },
      CapacityTags: this._capacityTagsToken
        ?? (Object.keys(this._capacityTags).length > 0 ? { ...this._capacityTags } : undefined),
    }));

    this._arn = this._arnOf(resource);

    addValidation(KIND, this, () => checkAllowedInstanceTypes(this._allowedInstanceTypes));
    addWarnings(this, () => capacityTagWarnings(this._capacityTags));
  }

  /**
   * The instance types ECS may launch (a copy: use `addAllowedInstanceType()` to add one).
   */
  public get allowedInstanceTypes(): ec2.InstanceType[] {
    return [...this._allowedInstanceTypes];
  }

  /**
   * Lets ECS launch instances of this type (a `*` wildcard selects several, e.g. `c6i.*`).
   */
  public addAllowedInstanceType(instanceType: ec2.InstanceType): void {
    this._allowedInstanceTypes.push(instanceType);
  }

  /**
   * Adds a tag that Batch puts on the ECS capacity provider and the EC2 instances (see `capacityTags`);
   * a tag of the same key is replaced.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/capacity-tags-access-policy.html
   */
  public addCapacityTag(key: string, value: string): void {
    if (this._capacityTagsToken !== undefined) {
      throw validationError(KIND, this, [`addCapacityTag() must not be called when capacityTags is given as one token, got the key ${show(key)}`]);
    }
    this._capacityTags[key] = value;
  }

  private createInfrastructureRole(givenInstanceRole: iam.IRole | undefined): iam.IRole {
    const role = new iam.Role(this, 'InfrastructureRole', {
      assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonECSInfrastructureRolePolicyForManagedInstances')],
    });
    if (givenInstanceRole) {
      // the managed policy passes only roles named ecsInstanceRole*: a role of another name needs its own grant
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [givenInstanceRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      }));
    }
    return role;
  }
}

function renderOptimization(props: EcsManagedInstancesComputeEnvironmentProps): { ScaleInAfter: number } | undefined {
  if (props.infrastructureOptimization === false) {
    return { ScaleInAfter: -1 };
  }
  return props.scaleInAfter ? { ScaleInAfter: props.scaleInAfter.toSeconds() } : undefined;
}

function checkProps(props: EcsManagedInstancesComputeEnvironmentProps): Problem[] {
  const problems: Problem[] = [];
  if (props.spot && props.capacityOptionType !== undefined && props.capacityOptionType !== CapacityOptionType.SPOT) {
    problems.push(`capacityOptionType must be SPOT or unset with spot: true, got ${props.capacityOptionType}`);
  }
  if (props.infrastructureOptimization === false && props.scaleInAfter !== undefined) {
    problems.push(`scaleInAfter must not be set with infrastructureOptimization: false, got ${props.scaleInAfter.toHumanString()}`);
  }
  problems.push(checkUpdateTimeout(props.updateTimeout));
  problems.push(checkScaleInAfter(props.scaleInAfter));
  problems.push(checkStorageSize(props.storageSize));
  return problems;
}

function checkScaleInAfter(value: Duration | undefined): Problem {
  if (value === undefined) {
    return undefined;
  }
  if (value.isUnresolved()) {
    return checkDurationTokenUnit('scaleInAfter', value, 'seconds');
  }
  const seconds = value.toSeconds({ integral: false });
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600
    ? undefined
    : `scaleInAfter must be a whole number of seconds between 0 and 3600, got ${value.toHumanString()}`;
}

function checkStorageSize(value: Size | undefined): Problem {
  if (value === undefined) {
    return undefined;
  }
  if (value.isUnresolved()) {
    return checkSizeTokenUnit('storageSize', value, 'gibibytes');
  }
  const gib = value.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
  return checkAtLeast('storageSize', gib, 1, true) === undefined
    ? undefined
    : `storageSize must be a whole number of GiB, at least 1, got ${show(gib)} GiB`;
}

/**
 * Warnings for capacity tags beyond the general Batch tag restrictions, which no page documents for capacity tags.
 * Keys and values that are tokens are not checked.
 */
function capacityTagWarnings(tags: { [key: string]: string }): Array<[string, string] | undefined> {
  const warnings: Array<[string, string] | undefined> = [];
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) {
    warnings.push(['capacityTagsQuota', `capacityTags holds ${entries.length} tags: other AWS Batch resources take at most ${MAX_TAGS}, `
      + 'and no page says whether capacity tags are held to that limit']);
  }
  for (const [key, value] of entries) {
    const problems: string[] = [];
    if (!unresolved(key)) {
      if (key.length < 1 || key.length > MAX_TAG_KEY) {
        problems.push(`a key of ${key.length} characters (1 to ${MAX_TAG_KEY} on other Batch tags)`);
      }
      if (RESERVED_TAG_PREFIX.test(key)) {
        problems.push('a key starting with the prefix aws:, which AWS reserves');
      }
    }
    if (!unresolved(value) && typeof value === 'string') {
      if (value.length > MAX_TAG_VALUE) {
        problems.push(`a value of ${value.length} characters (at most ${MAX_TAG_VALUE} on other Batch tags)`);
      }
      if (RESERVED_TAG_PREFIX.test(value)) {
        problems.push('a value starting with the prefix aws:, which AWS reserves');
      }
    }
    if (problems.length > 0) {
      warnings.push(['capacityTagRestrictions', `capacityTags[${show(key)}] has ${problems.join(' and ')}: `
        + 'the AWS Batch tag restrictions are not documented for capacity tags, so it may be rejected at deployment']);
    }
  }
  return warnings;
}

function checkAllowedInstanceTypes(types: ec2.InstanceType[]): Problem[] {
  const problems: Problem[] = [];
  if (types.length > MAX_ALLOWED_INSTANCE_TYPES) {
    problems.push(`allowedInstanceTypes must hold at most ${MAX_ALLOWED_INSTANCE_TYPES} instance types, got ${types.length}`);
  }
  types.forEach((type, i) => {
    const name = type.toString();
    if (!unresolved(name) && (name.length < 1 || name.length > 30)) {
      problems.push(`allowedInstanceTypes[${i}] must be 1 to 30 characters, got ${show(name)}`);
    }
  });
  return problems;
}
