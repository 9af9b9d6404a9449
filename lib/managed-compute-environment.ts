import { Duration, ITaggable, TagManager, TagType } from 'aws-cdk-lib';
import { CfnComputeEnvironment } from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ComputeEnvironmentBase, ComputeEnvironmentProps, IComputeEnvironment } from './compute-environment-base';
import { checkAtLeast, throwIfInvalid } from './private/validation';

/**
 * A managed compute environment: AWS Batch launches and terminates its capacity
 * (EC2 instances or Fargate tasks) to fit the jobs its queues send it.
 */
export interface IManagedComputeEnvironment extends IComputeEnvironment, ec2.IConnectable, ITaggable {
  /**
   * The most vCPUs this compute environment scales up to.
   *
   * With EC2 capacity and an allocation strategy other than `BEST_FIT`, Batch may exceed it
   * by at most one instance.
   */
  readonly maxvCpus: number;

  /**
   * Whether CloudFormation replaces the compute environment when an update needs new instances.
   *
   * When `false`, such updates are made in place as infrastructure updates.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-batch-computeenvironment.html#cfn-batch-computeenvironment-replacecomputeenvironment
   * @default false
   */
  readonly replaceComputeEnvironment?: boolean;

  /**
   * Whether the capacity is Spot (EC2 Spot instances or Fargate Spot).
   *
   * Spot capacity costs less and can be reclaimed at any time, with two minutes' notice.
   *
   * @default false
   */
  readonly spot?: boolean;

  /**
   * How long running jobs may keep running during an infrastructure update before their
   * instances are replaced. Used when `terminateOnUpdate` is `false`.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html
   * @default Duration.minutes(30)
   */
  readonly updateTimeout?: Duration;

  /**
   * Whether running jobs are stopped at once when an infrastructure update starts.
   *
   * Stopped jobs are retried when their retry strategy says so.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html
   * @default false
   */
  readonly terminateOnUpdate?: boolean;

  /**
   * The security groups of the capacity this compute environment launches.
   */
  readonly securityGroups: ec2.ISecurityGroup[];

  /**
   * Where in the VPC the capacity is launched.
   *
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Whether Batch moves the instances to the latest image of their kind during
   * infrastructure updates.
   *
   * @default true
   */
  readonly updateToLatestImageVersion?: boolean;
}

/**
 * Props common to every kind of managed compute environment.
 */
export interface ManagedComputeEnvironmentProps extends ComputeEnvironmentProps {
  /**
   * The most vCPUs this compute environment scales up to.
   *
   * With EC2 capacity and an allocation strategy other than `BEST_FIT`, Batch may exceed it
   * by at most one instance.
   *
   * @default 256
   */
  readonly maxvCpus?: number;

  /**
   * Whether CloudFormation replaces the compute environment when an update needs new instances.
   *
   * When `false`, such updates are made in place as infrastructure updates. When switching
   * this to `false`, change nothing else in the same deployment.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-batch-computeenvironment.html#cfn-batch-computeenvironment-replacecomputeenvironment
   * @default false
   */
  readonly replaceComputeEnvironment?: boolean;

  /**
   * Whether the capacity is Spot (EC2 Spot instances or Fargate Spot).
   *
   * Spot capacity costs less and can be reclaimed at any time, with two minutes' notice.
   *
   * @default false
   */
  readonly spot?: boolean;

  /**
   * How long running jobs may keep running during an infrastructure update before their
   * instances are replaced. Used when `terminateOnUpdate` is `false`.
   *
   * Whole minutes, between 1 and 7200. Fargate environments ignore it (with a warning).
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html
   * @default Duration.minutes(30)
   */
  readonly updateTimeout?: Duration;

  /**
   * Whether running jobs are stopped at once when an infrastructure update starts.
   *
   * Stopped jobs are retried when their retry strategy says so. Fargate environments ignore
   * it (with a warning).
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html
   * @default false
   */
  readonly terminateOnUpdate?: boolean;

  /**
   * The VPC the capacity is launched in.
   */
  readonly vpc: ec2.IVpc;

  /**
   * Where in the VPC the capacity is launched.
   *
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The security groups of the capacity this compute environment launches.
   *
   * @default - one new security group in the VPC
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Whether Batch moves the instances to the latest image of their kind during
   * infrastructure updates.
   *
   * Fargate and ECS Managed Instances environments have no images for Batch to update: they
   * ignore it, with a warning when it is `true`.
   *
   * @default true
   */
  readonly updateToLatestImageVersion?: boolean;
}

/**
 * How Batch chooses the instance types it launches when it needs more capacity.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/allocation-strategies.html
 */
export enum AllocationStrategy {
  /**
   * The cheapest instance type that fits the jobs waiting; when none of that type is
   * available, Batch waits for one instead of picking another type.
   *
   * Keeps costs low but can limit throughput. Spot environments with this strategy need a
   * Spot Fleet role; EKS environments cannot use it; infrastructure updates do not support it.
   */
  BEST_FIT = 'BEST_FIT',

  /**
   * Like `BEST_FIT`, but when that type cannot cover the demand Batch goes on to the
   * next-best types.
   *
   * The default without Spot. Gives more throughput, at a possibly higher cost.
   */
  BEST_FIT_PROGRESSIVE = 'BEST_FIT_PROGRESSIVE',

  /**
   * Spot only: the instance types with the most Spot capacity, to be interrupted least.
   */
  SPOT_CAPACITY_OPTIMIZED = 'SPOT_CAPACITY_OPTIMIZED',

  /**
   * Spot only: the instance types least likely to be interrupted, and among those the cheapest.
   *
   * The default with Spot, and the recommended Spot strategy.
   */
  SPOT_PRICE_CAPACITY_OPTIMIZED = 'SPOT_PRICE_CAPACITY_OPTIMIZED',
}

/**
 * The instance categories AWS Batch curates for each Region, kept up to date by Batch.
 *
 * They take the place of `'optimal'` in the instance types.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/instance-type-compute-table.html
 */
export enum DefaultInstanceClass {
  /**
   * Current x86_64 instance families that Batch picks (general purpose, compute and memory optimized).
   */
  X86_64 = 'default_x86_64',

  /**
   * Current Graviton (ARM64) instance families that Batch picks (general purpose, compute and memory optimized).
   */
  ARM64 = 'default_arm64',
}

/**
 * The props EC2 compute environments (ECS and EKS) share: the instances Batch may launch.
 */
export interface ManagedEc2ComputeEnvironmentProps extends ManagedComputeEnvironmentProps {
  /**
   * The instance types Batch may launch.
   *
   * All instance types and classes, `'optimal'` and the default classes included, must have
   * one CPU architecture. More can be added with `addInstanceType()`.
   *
   * @default - only `'optimal'` (or the `defaultInstanceClasses`), unless `useOptimalInstanceClasses` is false
   */
  readonly instanceTypes?: ec2.InstanceType[];

  /**
   * The instance classes Batch may launch, any size.
   *
   * All instance types and classes, `'optimal'` and the default classes included, must have
   * one CPU architecture. More can be added with `addInstanceClass()`.
   *
   * @default - only `'optimal'` (or the `defaultInstanceClasses`), unless `useOptimalInstanceClasses` is false
   */
  readonly instanceClasses?: ec2.InstanceClass[];
}

const DEFAULT_MAX_VCPUS = 256;

/**
 * What every managed compute environment shares: vCPU ceiling, network placement and tags.
 *
 * The update settings are members of every managed environment, but only EC2 environments
 * take them: their check and rendering live in the EC2 base.
 *
 * @internal
 */
export abstract class ManagedComputeEnvironmentBase extends ComputeEnvironmentBase implements IManagedComputeEnvironment {
  public readonly maxvCpus: number;
  public readonly replaceComputeEnvironment?: boolean;
  public readonly spot?: boolean;
  public readonly updateTimeout?: Duration;
  public readonly terminateOnUpdate?: boolean;
  public abstract readonly updateToLatestImageVersion?: boolean;
  public readonly vpcSubnets?: ec2.SubnetSelection;
  public readonly connections: ec2.Connections;
  public readonly tags: TagManager = new TagManager(TagType.MAP, 'AWS::Batch::ComputeEnvironment');

  private readonly _securityGroups: ec2.ISecurityGroup[];
  /** @internal */
  protected readonly _subnetIds: string[];

  constructor(scope: Construct, id: string, kind: string, props: ManagedComputeEnvironmentProps) {
    super(scope, id, kind, props);
    throwIfInvalid(kind, this, [checkAtLeast('maxvCpus', props.maxvCpus, 0, true)]);
    this.maxvCpus = props.maxvCpus ?? DEFAULT_MAX_VCPUS;
    this.replaceComputeEnvironment = props.replaceComputeEnvironment ?? false;
    this.spot = props.spot;
    this.updateTimeout = props.updateTimeout;
    this.terminateOnUpdate = props.terminateOnUpdate;
    this.vpcSubnets = props.vpcSubnets;
    this._securityGroups = props.securityGroups ? [...props.securityGroups] : [
      new ec2.SecurityGroup(this, 'SecurityGroup', { vpc: props.vpc }),
    ];
    this.connections = new ec2.Connections({ securityGroups: this._securityGroups });
    this._subnetIds = props.vpc.selectSubnets(props.vpcSubnets).subnetIds;
  }

  /**
   * The security groups of the capacity (a copy).
   */
  public get securityGroups(): ec2.ISecurityGroup[] {
    return [...this._securityGroups];
  }

  /**
   * The top-level properties of a managed compute environment.
   *
   * @internal
   */
  protected _renderManaged(): ManagedTopLevel {
    return {
      type: 'managed',
      state: this.enabled ? 'ENABLED' : 'DISABLED',
      serviceRole: this.serviceRole?.roleArn,
      replaceComputeEnvironment: this.replaceComputeEnvironment,
    };
  }

  /**
   * The compute resources every managed environment renders.
   *
   * @internal
   */
  protected _renderBaseComputeResources(type: string): CfnComputeEnvironment.ComputeResourcesProperty {
    return {
      type,
      maxvCpus: this.maxvCpus,
      securityGroupIds: this._securityGroups.map((sg) => sg.securityGroupId),
      subnets: this._subnetIds,
    };
  }
}

/** The top-level properties shared by every managed compute environment. */
interface ManagedTopLevel {
  readonly type: string;
  readonly state: string;
  readonly serviceRole?: string;
  readonly replaceComputeEnvironment?: boolean;
}
