import { Annotations, Lazy } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IConsumableResource } from './consumable-resource';
import { IEcsContainerDefinition } from './ecs-container-definition';
import { isManagedInstancesTask } from './ecs-managed-instances-task-definition';
import { IEcsTaskDefinition, isFargateTask } from './ecs-task-definition';
import { ConsumableResourceRequirement, GrantSubmitJobOptions, IJobDefinition, JobDefinitionBase, JobDefinitionProps, renderConsumableResources, RetryStrategy, validateConsumableResources } from './job-definition-base';
import { IJobQueue } from './job-queue';
import { isFargateContainer } from './private/ecs-container';
import { importJobDefinition } from './private/import-job-definition';
import { lazyAny } from './private/lazy-any';
import { JobDefinitionL1, renderNewerProperties, renderNewerProperty, renderNewerPropertyLazily } from './private/newer-cfn';
import { nodeRangeWarnings, targetNodes, validateNodeRanges } from './private/node-ranges';
import { applyPropertyInjectors } from './private/property-injection';
import { addValidation, addWarnings, checkAtLeast, Problem, throwIfInvalid, unresolved } from './private/validation';

/**
 * A container and the range of nodes of a multi-node job that run it.
 */
export interface MultiNodeContainer {
  /**
   * The index of the first node that runs the container.
   */
  readonly startNode: number;

  /**
   * The index of the last node that runs the container (inclusive).
   */
  readonly endNode: number;

  /**
   * The container the nodes run: an EC2 container (multi-node jobs do not run on Fargate).
   */
  readonly container: IEcsContainerDefinition;

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
 * A range of nodes of a multi-node job and what they run: one container, or a task of several.
 */
export interface MultiNodeRange {
  /**
   * The index of the first node of the range.
   */
  readonly startNode: number;

  /**
   * The index of the last node of the range (inclusive).
   *
   * Left out, the range ends at the job's last node (`N:`), so that a job submitted with more
   * nodes than the definition has runs them in this range. Its start must be below `numNodes`.
   *
   * @default - the range is open-ended: up to the last node of the job
   */
  readonly endNode?: number;

  /**
   * The container the nodes run: an EC2 container (multi-node jobs do not run on Fargate).
   *
   * Give either `container` or `task`.
   *
   * @default - the nodes run `task`
   */
  readonly container?: IEcsContainerDefinition;

  /**
   * The task of several containers the nodes run: an `EcsEc2TaskDefinition`.
   *
   * Give either `container` or `task`.
   *
   * @default - the nodes run `container`
   */
  readonly task?: IEcsTaskDefinition;

  /**
   * The instance types of the nodes of this range (Batch takes one).
   *
   * @default - the job definition's `instanceType`
   */
  readonly instanceTypes?: ec2.InstanceType[];

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
 * Props to create a multi-node job definition.
 */
export interface MultiNodeJobDefinitionProps extends JobDefinitionProps {
  /**
   * The instance type every node runs on.
   *
   * @default - Batch chooses the instance type (`InstanceType` is not rendered); the
   * `instanceType` attribute is then an `OptimalInstanceType`
   */
  readonly instanceType?: ec2.InstanceType;

  /**
   * The containers and the node ranges that run them, at most five. More can be added with `addContainer()`.
   *
   * By synthesis time there must be at least one range, and the ranges must cover nodes 0 to
   * N-1 without gaps; a range may hold another (the inner one wins for its nodes).
   *
   * @default - none
   */
  readonly containers?: MultiNodeContainer[];

  /**
   * Ranges of nodes, each running a container or a task of several. More can be added with `addRange()`.
   *
   * Together with `containers`, at most 5 ranges, which must cover nodes 0 to N-1 without
   * gaps; a range may hold another (the inner one wins for its nodes).
   *
   * @default - none
   */
  readonly ranges?: MultiNodeRange[];

  /**
   * The number of nodes of the job.
   *
   * A job may be submitted with another number of nodes when the last range is open-ended.
   *
   * @default - one more than the highest node the ranges name (an open-ended range names its first node)
   */
  readonly numNodes?: number;

  /**
   * The index of the main node, which the other nodes connect to. Must be one of the nodes.
   *
   * @default 0
   */
  readonly mainNode?: number;

  /**
   * Whether the tags of the job and of the job definition are copied to the ECS tasks that run it.
   *
   * @default false
   */
  readonly propagateTags?: boolean;
}

const KIND = 'MultiNodeJobDefinition';

/**
 * The instance type of a multi-node job definition that names none: Batch chooses one.
 *
 * It stands in for the choice (its name is `optimal`) and is never rendered.
 */
export class OptimalInstanceType extends ec2.InstanceType {
  constructor() {
    super('optimal');
  }
}

/**
 * A job definition whose jobs run on several EC2 instances at once, each node running one of the
 * containers, such as MPI workloads.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/multi-node-parallel-jobs.html
 * @resource AWS::Batch::JobDefinition
 */
export class MultiNodeJobDefinition extends JobDefinitionBase implements IJobDefinition {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.MultiNodeJobDefinition';

  /**
   * Imports a job definition by its ARN (with or without a revision).
   */
  public static fromJobDefinitionArn(scope: Construct, id: string, jobDefinitionArn: string): IJobDefinition {
    return importJobDefinition(scope, id, KIND, jobDefinitionArn);
  }

  /**
   * The instance type every node runs on: an `OptimalInstanceType` when Batch chooses it.
   */
  public readonly instanceType: ec2.InstanceType;

  /**
   * The index of the main node.
   *
   * @default 0
   */
  public readonly mainNode?: number;

  /**
   * Whether the tags of the job and of the job definition are copied to the ECS tasks that run it.
   *
   * @default false
   */
  public readonly propagateTags?: boolean;

  /**
   * The number of nodes of the job.
   *
   * @default - the nodes the ranges cover
   */
  public readonly numNodes?: number;

  public get jobDefinitionArn(): string {
    return this._arn();
  }

  private readonly _arn: () => string;

  private readonly _containers: MultiNodeContainer[] = [];
  private readonly _ranges: MultiNodeRange[] = [];
  /** Every range, in the order added: those of `addContainer()` and of `addRange()`. */
  private readonly allRanges: LabeledRange[] = [];
  private readonly resource: JobDefinitionL1;
  /** The instance type as rendered: `undefined` when Batch chooses it. */
  private readonly givenInstanceType?: string;

  constructor(scope: Construct, id: string, props: MultiNodeJobDefinitionProps = {}) {
    props = applyPropertyInjectors(MultiNodeJobDefinition.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props);
    throwIfInvalid(KIND, this, [
      checkAtLeast('mainNode', props.mainNode, 0, true),
      checkAtLeast('numNodes', props.numNodes, 1, true),
    ]);

    this.instanceType = props.instanceType ?? new OptimalInstanceType();
    this.givenInstanceType = props.instanceType?.toString();
    this.mainNode = props.mainNode;
    this.numNodes = props.numNodes;
    this.propagateTags = props.propagateTags;

    this.resource = new JobDefinitionL1(this, 'Resource', {
      ...this._renderCommonProperties(),
      type: 'multinode',
      propagateTags: this.propagateTags,
      nodeProperties: {
        mainNode: this.mainNode ?? 0,
        nodeRangeProperties: lazyAny(() => this.allRanges.map(({ range }) => this.renderRange(range))),
        numNodes: this.numNodes ?? Lazy.number({ produce: () => defaultNodeCount(this.allRanges.map((r) => r.range)) }),
      },
      platformCapabilities: ['EC2'],
    });

    this._arn = this._arnOf(this.resource);

    for (const container of props.containers ?? []) {
      this.addContainer(container);
    }
    for (const range of props.ranges ?? []) {
      this.addRange(range);
    }

    addValidation(KIND, this, () => validateRanges(this.allRanges, this.mainNode ?? 0, this.numNodes));
    addWarnings(this, () => {
      const ranges = this.allRanges.map((r) => r.range);
      return nodeRangeWarnings('containers', ranges, this.numNodes ?? defaultNodeCount(ranges), this.allRanges.map((r) => r.label))
        .map((warning): [string, string] => ['nodeRanges', `${KIND} '${this.node.path}': ${warning}`]);
    });
    addValidation(KIND, this, () => {
      this.warnOnMixedInstanceTypes();
      return [];
    });
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
   * The containers and their node ranges (a copy: use `addContainer()` to add one).
   */
  public get containers(): MultiNodeContainer[] {
    return [...this._containers];
  }

  /**
   * The ranges added with `ranges` or `addRange()` (a copy: use `addRange()` to add one).
   */
  public get ranges(): MultiNodeRange[] {
    return [...this._ranges];
  }

  /**
   * Adds a container run by a range of nodes.
   */
  public addContainer(container: MultiNodeContainer): void {
    this._containers.push(container);
    this.track(container, `containers[${this._containers.length - 1}]`);
  }

  /**
   * Adds a range of nodes, running a container or a task of several containers.
   */
  public addRange(range: MultiNodeRange): void {
    this._ranges.push(range);
    this.track(range, `ranges[${this._ranges.length - 1}]`);
  }

  private track(range: MultiNodeRange, label: string): void {
    const index = this.allRanges.length;
    this.allRanges.push({ range, label });
    // What aws-cdk-lib 2.95.1's L1 does not know is written at the range's index
    // (ranges are only ever appended, so the index is final).
    const at = `NodeProperties.NodeRangeProperties.${index}`;
    renderNewerProperty(this.resource, `${at}.InstanceTypes`, this.renderInstanceTypes(range));
    if (range.container) {
      renderNewerProperties(this.resource, `${at}.Container`, range.container._renderNewerContainerProperties());
    }
    if (range.task) {
      const task = range.task;
      renderNewerPropertyLazily(this.resource, `${at}.EcsProperties`, () => ({ TaskProperties: [task._renderTaskProperties()] }));
    }
    renderNewerProperty(this.resource, `${at}.ConsumableResourceProperties`, renderConsumableResources(range.consumableResources ?? []));
  }

  /**
   * The Batch user guide says every node group of a job uses the same instance type, while the
   * API takes one per range: a warning, not an error, when the ranges differ.
   */
  private warnOnMixedInstanceTypes(): void {
    const types = new Set(this.allRanges.map(({ range }) => (range.instanceTypes ?? [this.instanceType]).map(String).join(',')));
    if (types.size > 1) {
      Annotations.of(this).addWarningV2('@aws-cdk/aws-batch-alpha:nodeRangeInstanceTypes',
        `node ranges run on different instance types (${[...types].sort().join('; ')}), which the Batch user guide says a multi-node job does not support; check that Batch accepts them`);
    }
  }

  private renderRange(range: MultiNodeRange): CfnJobDefinition.NodeRangePropertyProperty {
    return {
      targetNodes: targetNodes(range),
      container: range.container && {
        ...range.container._renderContainerDefinition(),
        // a range's own instance types take the place of the job's
        instanceType: range.instanceTypes ? undefined : this.givenInstanceType,
      },
    };
  }

  private renderInstanceTypes(range: MultiNodeRange): string[] | undefined {
    if (range.instanceTypes) {
      return range.instanceTypes.map((t) => t.toString());
    }
    // a task has no container to carry the job's instance type: the range does
    return range.task && this.givenInstanceType !== undefined ? [this.givenInstanceType] : undefined;
  }
}

/** A range and how messages name it (`containers[i]` or `ranges[i]`). */
interface LabeledRange {
  readonly range: MultiNodeRange;
  readonly label: string;
}

/**
 * The number of nodes when `numNodes` is not given: one more than the highest node the ranges
 * name (an open-ended range names its first node). `undefined` when a token hides it.
 */
function defaultNodeCount(ranges: MultiNodeRange[]): number | undefined {
  const highest = ranges.map((r) => r.endNode ?? r.startNode);
  if (highest.length === 0 || highest.some(unresolved)) {
    return undefined;
  }
  return Math.max(...highest) + 1;
}

function validateRanges(labeled: LabeledRange[], mainNode: number, numNodes: number | undefined): Problem[] {
  if (labeled.length === 0) {
    return ['containers must hold at least one container or range, got none'];
  }
  const problems: Problem[] = [];
  labeled.forEach(({ range: r, label }) => {
    if ((r.container === undefined) === (r.task === undefined)) {
      problems.push(`${label} must have either a container or a task, got ${r.container ? 'both' : 'neither'}`);
    }
    if (r.container && isFargateContainer(r.container)) {
      problems.push(`${label}.container must be an EC2 container, as multi-node jobs do not run on Fargate, got an EcsFargateContainerDefinition`);
    }
    if (r.task && isFargateTask(r.task)) {
      problems.push(`${label}.task must be an EC2 task, as multi-node jobs do not run on Fargate, got an EcsFargateTaskDefinition`);
    }
    if (r.task && isManagedInstancesTask(r.task)) {
      problems.push(`${label}.task must be an EC2 task, as jobs on ECS Managed Instances must be of type container, not multinode, got an EcsManagedInstancesTaskDefinition`);
    }
    if (r.instanceTypes !== undefined && r.instanceTypes.length !== 1) {
      problems.push(`${label}.instanceTypes must hold exactly one instance type, the number Batch takes, got ${r.instanceTypes.length}`);
    }
    problems.push(...validateConsumableResources(`${label}.consumableResources`, r.consumableResources ?? []));
  });
  const ranges = labeled.map((l) => l.range);
  // the ranges must account for every node, and may nest (the rules EKS multi-node jobs share)
  problems.push(...validateNodeRanges('containers', ranges, mainNode, numNodes ?? defaultNodeCount(ranges), labeled.map((l) => l.label)));
  return problems;
}
