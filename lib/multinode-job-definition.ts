import { Annotations, Lazy, Tokenization } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { IEcsContainerDefinition } from './ecs-container-definition';
import { IEcsTaskDefinition, isFargateTask } from './ecs-task-definition';
import { IJobDefinition, JobDefinitionBase, JobDefinitionProps } from './job-definition-base';
import { isFargateContainer } from './private/ecs-container';
import { importJobDefinition } from './private/import-job-definition';
import { renderNewerProperties, renderNewerProperty, renderNewerPropertyLazily } from './private/newer-cfn';
import { checkNodeRangeCount } from './private/node-ranges';
import { addValidation, checkAtLeast, Problem, show, throwIfInvalid, unresolved } from './private/validation';

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
   * Only the range that starts last may leave it out: it then ends at the job's last node
   * (`N:`), so that a job submitted with more nodes than the definition has runs them in this range.
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
}

/**
 * Props to create a multi-node job definition.
 */
export interface MultiNodeJobDefinitionProps extends JobDefinitionProps {
  /**
   * The instance type every node runs on.
   */
  readonly instanceType: ec2.InstanceType;

  /**
   * The containers and the node ranges that run them, at most five. More can be added with `addContainer()`.
   *
   * By synthesis time there must be at least one, and the ranges must cover nodes 0 to N-1
   * without gaps or overlaps.
   *
   * @default - none
   */
  readonly containers?: MultiNodeContainer[];

  /**
   * Ranges of nodes, each running a container or a task of several. More can be added with `addRange()`.
   *
   * Together with `containers`, at most 5 ranges, which must cover nodes 0 to N-1 without gaps
   * or overlaps.
   *
   * @default - none
   */
  readonly ranges?: MultiNodeRange[];

  /**
   * The number of nodes of the job.
   *
   * A job may be submitted with another number of nodes when the last range is open-ended.
   *
   * @default - the nodes the ranges cover (an open-ended range counts its first node only)
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
 * A job definition whose jobs run on several EC2 instances at once, each node running one of the
 * containers, such as MPI workloads.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/multi-node-parallel-jobs.html
 * @resource AWS::Batch::JobDefinition
 */
export class MultiNodeJobDefinition extends JobDefinitionBase implements IJobDefinition {
  /**
   * Imports a job definition by its ARN (with or without a revision).
   */
  public static fromJobDefinitionArn(scope: Construct, id: string, jobDefinitionArn: string): IJobDefinition {
    return importJobDefinition(scope, id, KIND, jobDefinitionArn);
  }

  /**
   * The instance type every node runs on.
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

  public readonly jobDefinitionArn: string;

  private readonly _containers: MultiNodeContainer[] = [];
  private readonly _ranges: MultiNodeRange[] = [];
  /** Every range, in the order added: those of `addContainer()` and of `addRange()`. */
  private readonly allRanges: LabeledRange[] = [];
  private readonly resource: CfnJobDefinition;

  constructor(scope: Construct, id: string, props: MultiNodeJobDefinitionProps) {
    super(scope, id, KIND, props);
    throwIfInvalid(KIND, this, [
      checkAtLeast('mainNode', props.mainNode, 0, true),
      checkAtLeast('numNodes', props.numNodes, 1, true),
    ]);

    this.instanceType = props.instanceType;
    this.mainNode = props.mainNode;
    this.numNodes = props.numNodes;
    this.propagateTags = props.propagateTags;

    this.resource = new CfnJobDefinition(this, 'Resource', {
      ...this._renderCommonProperties(),
      type: 'multinode',
      propagateTags: this.propagateTags,
      nodeProperties: {
        mainNode: this.mainNode ?? 0,
        nodeRangeProperties: Lazy.any({
          produce: () => this.allRanges.map(({ range }) => this.renderRange(range)),
        }),
        numNodes: this.numNodes ?? Lazy.number({ produce: () => countNodes(this.allRanges.map((r) => r.range)) }),
      },
      platformCapabilities: ['EC2'],
    });

    this.jobDefinitionArn = this._arnOf(this.resource);

    for (const container of props.containers ?? []) {
      this.addContainer(container);
    }
    for (const range of props.ranges ?? []) {
      this.addRange(range);
    }

    addValidation(KIND, this, () => validateRanges(this.allRanges, this.mainNode ?? 0, this.numNodes));
    addValidation(KIND, this, () => {
      this.warnOnMixedInstanceTypes();
      return [];
    });
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
      // Tokenization.stringifyNumber keeps a token node index a token (a template string would not)
      targetNodes: `${Tokenization.stringifyNumber(range.startNode)}:${range.endNode === undefined ? '' : Tokenization.stringifyNumber(range.endNode)}`,
      container: range.container && {
        ...range.container._renderContainerDefinition(),
        // a range's own instance types take the place of the job's
        instanceType: range.instanceTypes ? undefined : this.instanceType.toString(),
      },
    };
  }

  private renderInstanceTypes(range: MultiNodeRange): string[] | undefined {
    if (range.instanceTypes) {
      return range.instanceTypes.map((t) => t.toString());
    }
    // a task has no container to carry the job's instance type: the range does
    return range.task ? [this.instanceType.toString()] : undefined;
  }
}

/** A range and how messages name it (`containers[i]` or `ranges[i]`). */
interface LabeledRange {
  readonly range: MultiNodeRange;
  readonly label: string;
}

function countNodes(ranges: MultiNodeRange[]): number {
  // an open-ended range counts its first node
  return ranges.reduce((sum, r) => sum + ((r.endNode ?? r.startNode) - r.startNode + 1), 0);
}

function validateRanges(labeled: LabeledRange[], mainNode: number, numNodes: number | undefined): Problem[] {
  if (labeled.length === 0) {
    return ['containers must hold at least one container, got none'];
  }
  const problems: Problem[] = [checkNodeRangeCount(labeled.length)];
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
    if (r.instanceTypes !== undefined && r.instanceTypes.length !== 1) {
      problems.push(`${label}.instanceTypes must hold exactly one instance type, the number Batch takes, got ${r.instanceTypes.length}`);
    }
    problems.push(checkAtLeast(`${label}.startNode`, r.startNode, 0, true));
    problems.push(checkAtLeast(`${label}.endNode`, r.endNode, 0, true));
    if (r.endNode !== undefined && !unresolved(r.startNode) && !unresolved(r.endNode) && r.endNode < r.startNode) {
      problems.push(`${label}.endNode must be at least its startNode (${r.startNode}), got ${r.endNode}`);
    }
  });
  const ranges = labeled.map((l) => l.range);
  if (problems.some((p) => p !== undefined) || ranges.some((r) => unresolved(r.startNode) || unresolved(r.endNode))) {
    return problems;
  }

  // the ranges, in node order, must tile 0..N-1 (an open-ended range covers every node from its start)
  const sorted = [...labeled].sort((a, b) => a.range.startNode - b.range.startNode);
  let next = 0;
  for (const { range } of sorted) {
    const start = range.startNode;
    const end = range.endNode ?? Number.POSITIVE_INFINITY;
    if (start < next) {
      const before = Number.isFinite(next) ? `nodes before ${next}` : 'an open-ended range';
      problems.push(`containers node ranges must not overlap, got ${start}:${range.endNode ?? ''} overlapping ${before}`);
    } else if (start > next) {
      const gap = start - 1 === next ? `node ${next}` : `nodes ${next} to ${start - 1}`;
      problems.push(`containers node ranges must cover every node from 0 without gaps, got no container for ${gap}`);
    }
    next = Math.max(next, end + 1);
  }
  const open = sorted[sorted.length - 1].range.endNode === undefined;
  if (numNodes !== undefined && !unresolved(numNodes)) {
    if (open) {
      const lastStart = sorted[sorted.length - 1].range.startNode;
      if (lastStart >= numNodes) {
        problems.push(`numNodes must be more than the first node of the open-ended range (${lastStart}), got ${numNodes}`);
      }
    } else if (next !== numNodes) {
      problems.push(`numNodes must be the number of nodes the ranges cover (${next}), got ${numNodes}`);
    }
  }
  const nodes = numNodes !== undefined && !unresolved(numNodes) ? numNodes : countNodes(ranges);
  if (!unresolved(mainNode) && mainNode >= nodes) {
    problems.push(`mainNode must be one of the nodes, 0 to ${nodes - 1}, got ${show(mainNode)}`);
  }
  return problems;
}
