import { CfnComputeEnvironment } from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AllocationStrategy, ManagedComputeEnvironmentProps } from './managed-compute-environment';
import { Ec2Flavour, ManagedEc2ComputeEnvironmentBase } from './managed-ec2-compute-environment-base';
import { EKS_ON_EC2, markComputeKind } from './private/compute-kind';
import { Problem, show, throwIfInvalid, unresolved } from './private/validation';

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
   * @default EksMachineImageType.EKS_AL2
   */
  readonly imageType?: EksMachineImageType;
}

/**
 * Props to create a managed compute environment of EC2 instances that join an EKS cluster.
 */
export interface ManagedEc2EksComputeEnvironmentProps extends ManagedComputeEnvironmentProps {
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
   * The instance types Batch may launch.
   *
   * All instance types and classes, `'optimal'` included, must have one CPU architecture.
   * More can be added with `addInstanceType()`.
   *
   * @default - only `'optimal'`, unless `useOptimalInstanceClasses` is false
   */
  readonly instanceTypes?: ec2.InstanceType[];

  /**
   * The instance classes Batch may launch, any size.
   *
   * All instance types and classes, `'optimal'` included, must have one CPU architecture.
   * More can be added with `addInstanceClass()`.
   *
   * @default - only `'optimal'`, unless `useOptimalInstanceClasses` is false
   */
  readonly instanceClasses?: ec2.InstanceClass[];

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
   * Whether `'optimal'` (instance types from the C4, M4 and R4 families) is among the instance types.
   *
   * `'optimal'` is x86_64: set this to `false` for ARM instance types.
   *
   * @default true
   */
  readonly useOptimalInstanceClasses?: boolean;
}

const KIND = 'ManagedEc2EksComputeEnvironment';

const EKS: Ec2Flavour = {
  defaultImageType: EksMachineImageType.EKS_AL2,
  forbiddenStrategies: { [AllocationStrategy.BEST_FIT]: 'EKS compute environments do not support it' },
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
  public readonly computeEnvironmentArn: string;
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

  constructor(scope: Construct, id: string, props: ManagedEc2EksComputeEnvironmentProps) {
    super(scope, id, KIND, props, EKS);
    markComputeKind(this, EKS_ON_EC2);
    throwIfInvalid(KIND, this, [checkNamespace(props.kubernetesNamespace)]);

    this.eksCluster = props.eksCluster;
    this.kubernetesNamespace = props.kubernetesNamespace;
    this.images = props.images ? [...props.images] : undefined;

    const resource = new CfnComputeEnvironment(this, 'Resource', {
      ...this._renderManaged(),
      computeEnvironmentName: props.computeEnvironmentName,
      eksConfiguration: {
        eksClusterArn: this.eksCluster.clusterArn,
        kubernetesNamespace: this.kubernetesNamespace,
      },
      computeResources: this._renderEc2ComputeResources(this.images, EKS),
      updatePolicy: this._renderUpdatePolicy(),
    });

    this.computeEnvironmentArn = this._arnOf(resource);
  }
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
