import { Annotations, Lazy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IConsumableResource } from './consumable-resource';
import { EksPodOptions } from './eks-job-definition';
import { ConsumableResourceRequirement, GrantSubmitJobOptions, IJobDefinition, JobDefinitionBase, JobDefinitionProps, renderConsumableResources, RetryStrategy, validateConsumableResources } from './job-definition-base';
import { IJobQueue } from './job-queue';
import { Pod, podWarnings, renderRawPod, validatePod, validatePodSettings, warnImagePullSecret } from './private/eks-pod';
import { importJobDefinition } from './private/import-job-definition';
import { lazyAny } from './private/lazy-any';
import { JobDefinitionL1, Placement, renderNewerPropertyLazily } from './private/newer-cfn';
import { nodeCount, nodeRangeWarnings, targetNodes, validateNodeRanges } from './private/node-ranges';
import { applyPropertyInjectors } from './private/property-injection';
import { addValidation, addWarnings, Problem, show, throwIfInvalid, unresolved } from './private/validation';

/**
 * A range of the nodes of a multi-node EKS job, and the Kubernetes pod each of its nodes runs.
 */
export interface EksNodeRange extends EksPodOptions {
  /**
   * The index of the first node of the range.
   */
  readonly startNode: number;

  /**
   * The index of the last node of the range (included).
   *
   * Without it, the range reaches the highest node (`start:`), which lets a job submitted with
   * a `numNodes` override run more or fewer nodes; the job definition then needs `numNodes`.
   *
   * @default - the range reaches the highest node
   */
  readonly endNode?: number;

  /**
   * The consumable resources each node of this range uses, and how much of each, on top of
   * those of the job definition.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/resource-aware-scheduling.html
   * @default - none beyond the job definition's `consumableResources`
   */
  readonly consumableResources?: ConsumableResourceRequirement[];
}

/**
 * Props to create a multi-node EKS job definition.
 */
export interface MultiNodeEksJobDefinitionProps extends JobDefinitionProps {
  /**
   * The node ranges and the pods their nodes run. More can be added with `addNodeRange()`.
   *
   * By synthesis time there must be one to five ranges which together cover every node, 0 to
   * `numNodes` - 1. Ranges may nest (`0:9` and `4:5`): the nodes of the inner range run its pod.
   *
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_NodeRangeProperty.html
   * @default - none
   */
  readonly nodeRanges?: EksNodeRange[];

  /**
   * The index of the main node, which the other nodes connect to. Must be one of the nodes.
   *
   * @default 0
   */
  readonly mainNode?: number;

  /**
   * The number of nodes of a job.
   *
   * Required when a node range has no `endNode`.
   *
   * @default - one more than the highest `endNode`
   */
  readonly numNodes?: number;

  /**
   * The instance type every node runs on (a multi-node job uses one instance type).
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/mnp-eks-running-mnp-jobs.html
   * @default - Batch picks one of the compute environment's instance types
   */
  readonly instanceType?: ec2.InstanceType;
}

const KIND = 'MultiNodeEksJobDefinition';
const MAX_IMAGES_PER_RANGE = 10;

/**
 * A job definition whose jobs run on several nodes of an EKS cluster at once (gang scheduling), one
 * Kubernetes pod per node, such as distributed training or MPI workloads.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/mnp-eks-jobs.html
 * @resource AWS::Batch::JobDefinition
 */
export class MultiNodeEksJobDefinition extends JobDefinitionBase implements IJobDefinition {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.MultiNodeEksJobDefinition';

  /**
   * Imports a job definition by its ARN (with or without a revision).
   */
  public static fromJobDefinitionArn(scope: Construct, id: string, jobDefinitionArn: string): IJobDefinition {
    return importJobDefinition(scope, id, KIND, jobDefinitionArn);
  }

  /**
   * The index of the main node.
   *
   * @default 0
   */
  public readonly mainNode?: number;

  /**
   * The number of nodes of a job.
   *
   * @default - one more than the highest `endNode`
   */
  public readonly numNodes?: number;

  /**
   * The instance type every node runs on.
   *
   * @default - Batch picks one of the compute environment's instance types
   */
  public readonly instanceType?: ec2.InstanceType;

  public get jobDefinitionArn(): string {
    return this._arn();
  }

  private readonly _arn: () => string;

  private readonly _nodeRanges: EksNodeRange[] = [];

  constructor(scope: Construct, id: string, props: MultiNodeEksJobDefinitionProps = {}) {
    props = applyPropertyInjectors(MultiNodeEksJobDefinition.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props);

    this.mainNode = props.mainNode;
    this.numNodes = props.numNodes;
    this.instanceType = props.instanceType;
    (props.nodeRanges ?? []).forEach((range) => this.addNodeRange(range));

    const resource = new JobDefinitionL1(this, 'Resource', {
      ...this._renderCommonProperties(),
      type: 'multinode',
      nodeProperties: {
        mainNode: this.mainNode ?? 0,
        numNodes: Lazy.number({ produce: () => nodeCount(this._nodeRanges, this.numNodes) ?? this.numNodes }),
        nodeRangeProperties: lazyAny(() => this._nodeRanges.map((range) => ({ targetNodes: targetNodes(range) }))),
      },
    });
    // aws-cdk-lib 2.95.1's L1 has no EksProperties in a node range: the ranges render through the newer mechanism,
    // members in this order (TargetNodes, which the L1 renders, names the place of the others)
    renderNewerPropertyLazily(resource, 'NodeProperties.NodeRangeProperties', () => this._nodeRanges.map((range) => ({
      EksProperties: { PodProperties: renderRawPod(podOf(range)) },
      InstanceTypes: this.instanceType !== undefined ? [this.instanceType.toString()] : undefined,
      TargetNodes: targetNodes(range),
      ConsumableResourceProperties: renderConsumableResources(range.consumableResources ?? []),
    })), Placement.AS_LISTED);

    this._arn = this._arnOf(resource);

    addValidation(KIND, this, () => {
      for (const warning of nodeRangeWarnings('nodeRanges', this._nodeRanges, this.numNodes)) {
        Annotations.of(this).addWarningV2('@aws-cdk/aws-batch-alpha:nodeRanges', `${KIND} '${this.node.path}': ${warning}`);
      }
      return [
        ...validateNodeRanges('nodeRanges', this._nodeRanges, this.mainNode, this.numNodes),
        ...this._nodeRanges.flatMap((range, i) => validatePod(`nodeRanges[${i}].`, podOf(range))),
        ...this._nodeRanges.map((range, i) => checkImageCount(`nodeRanges[${i}]`, podOf(range))),
        ...checkSameNamespace(this._nodeRanges),
        ...this._nodeRanges.flatMap((range, i) => validateConsumableResources(`nodeRanges[${i}].consumableResources`, range.consumableResources ?? [])),
      ];
    });
    addWarnings(this, () => this._nodeRanges.flatMap((range, i) => podWarnings(`nodeRanges[${i}].`, podOf(range))));
  }

  public override addConsumableResource(consumableResource: IConsumableResource, quantity: number): void {
    super.addConsumableResource(consumableResource, quantity);
  }

  public override addRetryStrategy(strategy: RetryStrategy): void {
    super.addRetryStrategy(strategy);
  }

  public override grantSubmitJob(identity: iam.IGrantable, queue: IJobQueue, options?: GrantSubmitJobOptions): void {
    super.grantSubmitJob(identity, queue, options);
  }

  /**
   * The node ranges (a copy: use `addNodeRange()` to add one).
   */
  public get nodeRanges(): EksNodeRange[] {
    return [...this._nodeRanges];
  }

  /**
   * Adds a node range and the pod its nodes run.
   */
  public addNodeRange(range: EksNodeRange): void {
    const prefix = `nodeRanges[${this._nodeRanges.length}].`;
    throwIfInvalid(KIND, this, validatePodSettings(prefix, range));
    (range.imagePullSecrets ?? []).forEach((name, i) => warnImagePullSecret(this, `${prefix}imagePullSecrets[${i}]`, name));
    this._nodeRanges.push(range);
  }
}

function podOf(range: EksNodeRange): Pod {
  return {
    containers: [range.container, ...(range.additionalContainers ?? [])],
    initContainers: [...(range.initContainers ?? [])],
    dnsPolicy: range.dnsPolicy,
    hostNetwork: range.useHostNetwork,
    serviceAccountName: range.serviceAccount,
    imagePullSecrets: [...(range.imagePullSecrets ?? [])],
    labels: range.labels,
    annotations: range.annotations,
    namespace: range.kubernetesNamespace,
    shareProcessNamespace: range.shareProcessNamespace,
    securityContext: range.podSecurityContext,
  };
}

/** Up to 10 distinct images in each node range (Batch user guide, "Running MNP jobs" on EKS). */
function checkImageCount(prop: string, pod: Pod): Problem {
  const images = new Set<string>();
  for (const container of [...pod.containers, ...pod.initContainers]) {
    const image = container._imageName;
    if (unresolved(image)) {
      return undefined;
    }
    images.add(image);
  }
  if (images.size > MAX_IMAGES_PER_RANGE) {
    return `${prop} must use at most ${MAX_IMAGES_PER_RANGE} distinct container images, got ${images.size}`;
  }
  return undefined;
}

/** The namespace must be the same in every node range (Batch API reference, `EksMetadata`). */
function checkSameNamespace(ranges: EksNodeRange[]): Problem[] {
  const first = ranges[0]?.kubernetesNamespace;
  return ranges.slice(1).map((range, i) => {
    const ns = range.kubernetesNamespace;
    if (unresolved(first) || unresolved(ns) || ns === first) {
      return undefined;
    }
    return `nodeRanges[${i + 1}].kubernetesNamespace must be the same in every node range (${show(first)} in nodeRanges[0]), got ${show(ns)}`;
  });
}
