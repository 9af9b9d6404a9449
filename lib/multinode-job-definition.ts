import { Lazy } from 'aws-cdk-lib';
import { CfnJobDefinition } from 'aws-cdk-lib/aws-batch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { IEcsContainerDefinition } from './ecs-container-definition';
import { IJobDefinition, JobDefinitionBase, JobDefinitionProps } from './job-definition-base';
import { isFargateContainer } from './private/ecs-container';
import { importJobDefinition } from './private/import-job-definition';
import { renderNewerProperties } from './private/newer-cfn';
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

  public readonly jobDefinitionArn: string;

  private readonly _containers: MultiNodeContainer[];
  private readonly resource: CfnJobDefinition;

  constructor(scope: Construct, id: string, props: MultiNodeJobDefinitionProps) {
    super(scope, id, KIND, props);
    throwIfInvalid(KIND, this, [checkAtLeast('mainNode', props.mainNode, 0, true)]);

    this.instanceType = props.instanceType;
    this.mainNode = props.mainNode;
    this.propagateTags = props.propagateTags;
    this._containers = [...(props.containers ?? [])];

    const resource = new CfnJobDefinition(this, 'Resource', {
      ...this._renderCommonProperties(),
      type: 'multinode',
      propagateTags: this.propagateTags,
      nodeProperties: {
        mainNode: this.mainNode ?? 0,
        nodeRangeProperties: Lazy.any({
          produce: () => this._containers.map((c): CfnJobDefinition.NodeRangePropertyProperty => ({
            targetNodes: `${c.startNode}:${c.endNode}`,
            container: { ...c.container._renderContainerDefinition(), instanceType: this.instanceType.toString() },
          })),
        }),
        numNodes: Lazy.number({ produce: () => countNodes(this._containers) }),
      },
      platformCapabilities: ['EC2'],
    });

    this.jobDefinitionArn = this._arnOf(resource);
    this.resource = resource;
    this._containers.forEach((c, i) => this.renderNewerContainerProperties(c, i));

    addValidation(KIND, this, () => validateContainers(this._containers, this.mainNode ?? 0));
  }

  /**
   * The containers and their node ranges (a copy: use `addContainer()` to add one).
   */
  public get containers(): MultiNodeContainer[] {
    return [...this._containers];
  }

  /**
   * Adds a container run by a range of nodes.
   */
  public addContainer(container: MultiNodeContainer): void {
    this._containers.push(container);
    this.renderNewerContainerProperties(container, this._containers.length - 1);
  }

  /** Containers are only ever appended, so a container's index in the node range list never changes. */
  private renderNewerContainerProperties(c: MultiNodeContainer, index: number): void {
    renderNewerProperties(this.resource, `NodeProperties.NodeRangeProperties.${index}.Container`, c.container._renderNewerContainerProperties());
  }
}

/** The most node groups (node ranges) a multi-node job may have. */
const MAX_NODE_GROUPS = 5;

function countNodes(containers: MultiNodeContainer[]): number {
  return containers.reduce((sum, c) => sum + c.endNode - c.startNode + 1, 0);
}

function validateContainers(containers: MultiNodeContainer[], mainNode: number): Problem[] {
  if (containers.length === 0) {
    return ['containers must hold at least one container, got none'];
  }
  const problems: Problem[] = [];
  if (containers.length > MAX_NODE_GROUPS) {
    // User Guide, multi-node parallel jobs: up to five distinct node groups per job
    problems.push(`containers must hold at most ${MAX_NODE_GROUPS} node ranges, got ${containers.length}`);
  }
  containers.forEach((c, i) => {
    if (isFargateContainer(c.container)) {
      problems.push(`containers[${i}].container must be an EC2 container, as multi-node jobs do not run on Fargate, got an EcsFargateContainerDefinition`);
    }
    problems.push(checkAtLeast(`containers[${i}].startNode`, c.startNode, 0, true));
    problems.push(checkAtLeast(`containers[${i}].endNode`, c.endNode, 0, true));
    if (!unresolved(c.startNode) && !unresolved(c.endNode) && c.endNode < c.startNode) {
      problems.push(`containers[${i}].endNode must be at least its startNode (${c.startNode}), got ${c.endNode}`);
    }
  });
  if (problems.some((p) => p !== undefined) || containers.some((c) => unresolved(c.startNode) || unresolved(c.endNode))) {
    return problems;
  }

  // the ranges, in node order, must tile 0..N-1
  const ranges = containers.map((c) => [c.startNode, c.endNode]).sort((a, b) => a[0] - b[0]);
  let next = 0;
  for (const [start, end] of ranges) {
    if (start < next) {
      problems.push(`containers node ranges must not overlap, got ${start}:${end} overlapping nodes before ${next}`);
    } else if (start > next) {
      const gap = start - 1 === next ? `node ${next}` : `nodes ${next} to ${start - 1}`;
      problems.push(`containers node ranges must cover every node from 0 without gaps, got no container for ${gap}`);
    }
    next = Math.max(next, end + 1);
  }
  if (!unresolved(mainNode) && mainNode >= next) {
    problems.push(`mainNode must be one of the nodes, 0 to ${next - 1}, got ${show(mainNode)}`);
  }
  return problems;
}
