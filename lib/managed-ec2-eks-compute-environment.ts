import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { LaunchTemplateOverride, LaunchTemplateVersion } from './launch-template';
import { AllocationStrategy, DefaultInstanceClass, ManagedEc2ComputeEnvironmentProps } from './managed-compute-environment';
import { Ec2Flavour, ManagedEc2ComputeEnvironmentBase } from './managed-ec2-compute-environment-base';
import { EKS_ON_EC2, markComputeKind } from './private/compute-kind';
import { ComputeEnvironmentL1, Placement, renderNewerProperty } from './private/newer-cfn';
import { addWarnings, Problem, show, throwIfInvalid, unresolved } from './private/validation';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * The kinds of Amazon Linux image an EKS compute environment launches.
 */
export enum EksMachineImageType {
  /**
   * Amazon Linux 2, EKS-optimized.
   */
  EKS_AL2 = 'EKS_AL2',

  /**
   * Amazon Linux 2, EKS-optimized, with the NVIDIA GPU drivers.
   */
  EKS_AL2_NVIDIA = 'EKS_AL2_NVIDIA',

  /**
   * Amazon Linux 2023, EKS-optimized. It has no image for A1 instances.
   *
   * Its nodes are configured by `nodeadm`: with a launch template, the template's user data
   * is given to Batch as `EKS_NODEADM` user data.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_Ec2Configuration.html
   */
  EKS_AL2023 = 'EKS_AL2023',

  /**
   * Amazon Linux 2023, EKS-optimized, with the NVIDIA GPU drivers.
   */
  EKS_AL2023_NVIDIA = 'EKS_AL2023_NVIDIA',
}

/**
 * Whether AWS Batch manages an Amazon EKS access entry on the cluster for a compute environment.
 *
 * Batch compares the states of all compute environments that target one cluster: it creates the
 * access entry only when all of them are `ENABLED`, and deletes it only when all are `DISABLED`.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/eks-access-entries.html
 */
export enum EksAccessEntryDesiredState {
  /**
   * Batch manages an access entry on the cluster for the compute environment.
   */
  ENABLED = 'ENABLED',

  /**
   * Batch deletes the access entry it manages. Not for a cluster whose authentication mode is `API`.
   */
  DISABLED = 'DISABLED',

  /**
   * Batch follows the cluster's own setup: what it applies when no state is given.
   */
  INHERIT_FROM_CLUSTER = 'INHERIT_FROM_CLUSTER',
}

/**
 * An image for the instances of an EKS compute environment.
 */
export interface EksMachineImage {
  /**
   * The AMI to launch instead of the one Batch picks for `imageType`.
   *
   * @default - the image Batch picks for the image type
   */
  readonly image?: ec2.IMachineImage;

  /**
   * The kind of image; Batch uses it for the instance types it fits.
   *
   * @default - `EksMachineImageType.EKS_AL2`, or `EKS_AL2023` when the context flag `@aws-cdk/aws-batch:defaultToAL2023` is true
   */
  readonly imageType?: EksMachineImageType;

  /**
   * The Kubernetes version of the image Batch picks, e.g. `1.30`; it must be one the cluster
   * runs or supports. Changing it is an infrastructure update of the environment.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_Ec2Configuration.html
   * @default - the Kubernetes version of the cluster
   */
  readonly imageKubernetesVersion?: string;
}

/**
 * Props to create a managed compute environment of EC2 instances that join an EKS cluster.
 */
export interface ManagedEc2EksComputeEnvironmentProps extends ManagedEc2ComputeEnvironmentProps {
  /**
   * The EKS cluster the instances join as nodes.
   *
   * The cluster must be prepared for Batch first.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/getting-started-eks.html
   */
  readonly eksCluster: eks.ICluster;

  /**
   * The Kubernetes namespace Batch runs the job pods in.
   *
   * A DNS label of at most 63 characters; not `default`, and not starting with `kube-`.
   */
  readonly kubernetesNamespace: string;

  /**
   * How Batch chooses the instance types it launches.
   *
   * The `SPOT_*` strategies need `spot: true`; `BEST_FIT` is not available on EKS.
   *
   * @default - `BEST_FIT_PROGRESSIVE` without Spot, `SPOT_PRICE_CAPACITY_OPTIMIZED` with Spot
   */
  readonly allocationStrategy?: AllocationStrategy;

  /**
   * The images the instances are launched from.
   *
   * @default - the EKS-optimized Amazon Linux 2 image, with GPU drivers on GPU instances
   */
  readonly images?: EksMachineImage[];



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
   * The placement group the instances are launched in.
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
   * Whether Batch manages an Amazon EKS access entry on the cluster for the environment
   * (`EksConfiguration.AccessEntry.DesiredState`).
   *
   * Batch compares the states of all compute environments that target the cluster: it creates the
   * entry only when all are `ENABLED` and deletes it only when all are `DISABLED`, so give every
   * environment of the cluster the same state (a warning names the environments of this app that
   * differ). `DISABLED` is rejected on a cluster whose authentication mode is `API`. It is the only EKS
   * setting Batch updates in place.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/eks-access-entries.html
   * @default - not rendered: Batch applies `INHERIT_FROM_CLUSTER`
   */
  readonly accessEntryDesiredState?: EksAccessEntryDesiredState;
}

const KIND = 'ManagedEc2EksComputeEnvironment';

const EKS: Ec2Flavour = {
  defaultImageType: EksMachineImageType.EKS_AL2,
  al2023ImageType: EksMachineImageType.EKS_AL2023,
  al2023ImageTypes: [EksMachineImageType.EKS_AL2023, EksMachineImageType.EKS_AL2023_NVIDIA],
  forbiddenStrategies: { [AllocationStrategy.BEST_FIT]: 'EKS compute environments do not support it' },
  eks: true,
};

const NAMESPACE_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A managed compute environment of EC2 instances, on-demand or Spot, that join an EKS cluster
 * and run jobs as pods.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/eks.html
 * @resource AWS::Batch::ComputeEnvironment
 */
export class ManagedEc2EksComputeEnvironment extends ManagedEc2ComputeEnvironmentBase {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.ManagedEc2EksComputeEnvironment';

  public get computeEnvironmentArn(): string {
    return this._arn();
  }

  private readonly _arn: () => string;
  /**
   * The EKS cluster the instances join.
   */
  public readonly eksCluster: eks.ICluster;
  /**
   * The Kubernetes namespace the job pods run in.
   *
   * @default - always set: the namespace given in the props
   */
  public readonly kubernetesNamespace?: string;
  /**
   * The images the instances are launched from.
   */
  public readonly images?: EksMachineImage[];
  /**
   * Whether Batch manages an Amazon EKS access entry on the cluster for the environment.
   *
   * @default - not rendered: Batch applies `INHERIT_FROM_CLUSTER`
   */
  public readonly accessEntryDesiredState?: EksAccessEntryDesiredState;

  constructor(scope: Construct, id: string, props: ManagedEc2EksComputeEnvironmentProps) {
    props = applyPropertyInjectors(ManagedEc2EksComputeEnvironment.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props, EKS);
    markComputeKind(this, EKS_ON_EC2);
    throwIfInvalid(KIND, this, [
      checkNamespace(props.kubernetesNamespace),
      checkAccessEntry(props.accessEntryDesiredState, props.eksCluster),
    ]);

    this.eksCluster = props.eksCluster;
    this.kubernetesNamespace = props.kubernetesNamespace;
    this.images = props.images ? [...props.images] : undefined;

    const resource = new ComputeEnvironmentL1(this, 'Resource', {
      ...this._renderManaged(),
      computeEnvironmentName: props.computeEnvironmentName,
      eksConfiguration: {
        eksClusterArn: this.eksCluster.clusterArn,
        kubernetesNamespace: this.kubernetesNamespace,
      },
      computeResources: this._renderEc2ComputeResources(this.images, EKS),
      updatePolicy: this._renderUpdatePolicy(),
    });
    if (this.launchTemplate && this._usesAl2023(this.images, EKS)) {
      // AL2023 nodes read their user data as nodeadm configuration
      renderNewerProperty(resource, 'ComputeResources.LaunchTemplate.UserdataType', 'EKS_NODEADM');
    }
    this._renderNewerEc2(resource);
    // where the newest L1 renders it: before the typed members, in alphabetical order
    if (props.accessEntryDesiredState !== undefined) {
      renderNewerProperty(resource, 'EksConfiguration', { AccessEntry: { DesiredState: props.accessEntryDesiredState } }, Placement.ALPHABETICAL);
    }
    this.accessEntryDesiredState = props.accessEntryDesiredState;
    registerOnCluster(this);
    if (props.accessEntryDesiredState !== undefined) {
      // an environment that gives a state warns, naming the others: one without a state has nothing to compare
      addWarnings(this, () => [accessEntryDisagreement(this)]);
    }

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
}

/**
 * `DISABLED` on a cluster whose authentication mode is `API`, which Batch rejects (API reference, EksAccessEntry).
 *
 * The mode is known only from an `eks.Cluster` of an aws-cdk-lib that has `authenticationMode` (the clusters of
 * aws-cdk-lib 2.95.1 and imported ones have none): elsewhere nothing is checked.
 */
function checkAccessEntry(state: EksAccessEntryDesiredState | undefined, cluster: eks.ICluster): Problem {
  if (state !== EksAccessEntryDesiredState.DISABLED) {
    return undefined;
  }
  const mode = (cluster as { readonly authenticationMode?: unknown }).authenticationMode;
  if (typeof mode !== 'string' || unresolved(mode) || mode !== 'API') {
    return undefined;
  }
  return `accessEntryDesiredState must be ENABLED or INHERIT_FROM_CLUSTER on a cluster whose authentication mode is API, got ${state}`;
}

/**
 * The EKS compute environments of each app, by the cluster they target: the cluster construct itself, or its ARN
 * where that is known (an import made twice from one ARN). Two imports whose ARNs are tokens are not matched.
 */
const ENVIRONMENTS_OF_APP = new WeakMap<IConstruct, Map<unknown, ManagedEc2EksComputeEnvironment[]>>();

function clusterKey(cluster: eks.ICluster): unknown {
  const arn = cluster.clusterArn;
  return typeof arn === 'string' && !unresolved(arn) ? arn : cluster;
}

function registerOnCluster(environment: ManagedEc2EksComputeEnvironment): void {
  const root = environment.node.root;
  let byCluster = ENVIRONMENTS_OF_APP.get(root);
  if (byCluster === undefined) {
    byCluster = new Map();
    ENVIRONMENTS_OF_APP.set(root, byCluster);
  }
  const key = clusterKey(environment.eksCluster);
  const environments = byCluster.get(key);
  if (environments === undefined) {
    byCluster.set(key, [environment]);
  } else {
    environments.push(environment);
  }
}

/**
 * A warning when an environment of the same cluster asks for another access entry state (a state not given
 * counts as `INHERIT_FROM_CLUSTER`, what Batch applies): Batch then leaves the entry as it is (user guide, "Amazon
 * EKS access entry authentication"). Nothing when a state is a token.
 */
function accessEntryDisagreement(environment: ManagedEc2EksComputeEnvironment): [string, string] | undefined {
  const peers = ENVIRONMENTS_OF_APP.get(environment.node.root)?.get(clusterKey(environment.eksCluster)) ?? [];
  if (peers.some((peer) => unresolved(peer.accessEntryDesiredState))) {
    return undefined;
  }
  const effective = (peer: ManagedEc2EksComputeEnvironment) => peer.accessEntryDesiredState ?? EksAccessEntryDesiredState.INHERIT_FROM_CLUSTER;
  const describe = (peer: ManagedEc2EksComputeEnvironment) => peer.accessEntryDesiredState ?? 'not given (INHERIT_FROM_CLUSTER)';
  const others = peers.filter((peer) => effective(peer) !== effective(environment));
  if (others.length === 0) {
    return undefined;
  }
  const named = others.map((peer) => `'${peer.node.path}' (${describe(peer)})`);
  return ['eksAccessEntryStatesDiffer', `accessEntryDesiredState is ${describe(environment)}, but ${named.join(', ')} `
    + 'of the same cluster differ: Batch creates or deletes the access entry only when every compute environment of the cluster '
    + 'asks for the same state'];
}

function checkNamespace(namespace: string): Problem {
  if (unresolved(namespace)) {
    return undefined;
  }
  if (namespace === 'default' || namespace.startsWith('kube-')) {
    return `kubernetesNamespace must not be 'default' or start with 'kube-', got ${show(namespace)}`;
  }
  if (namespace.length > 63 || !NAMESPACE_PATTERN.test(namespace)) {
    return `kubernetesNamespace must be 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit, got ${show(namespace)}`;
  }
  return undefined;
}
