import { IResource, Lazy, Resource } from 'aws-cdk-lib';
import { CfnJobQueue } from 'aws-cdk-lib/aws-batch';
import { Construct } from 'constructs';
import { IComputeEnvironment } from './compute-environment-base';
import { nameFromArn } from './private/arn';
import { ComputeKind, computeKindOf, describeComputeKind } from './private/compute-kind';
import { importedResourceError, nameFromImportedArn } from './private/imported-arn';
import { addValidation, addWarnings, checkName, checkRange, checkUnique, MAX_INTEGER, Problem, throwIfInvalid } from './private/validation';
import { ISchedulingPolicy } from './scheduling-policy';

/**
 * A job queue: where jobs are submitted, and from where they are sent to compute environments.
 */
export interface IJobQueue extends IResource {
  /**
   * The name of the job queue.
   *
   * @attribute
   */
  readonly jobQueueName: string;

  /**
   * The ARN of the job queue.
   *
   * @attribute
   */
  readonly jobQueueArn: string;

  /**
   * The compute environments this queue sends jobs to, each with its order.
   *
   * Batch tries the compute environments in ascending order and places a job in the first
   * one with capacity for it. All must be of one kind: EC2 (on-demand or Spot), Fargate
   * (on-demand or Spot) or EKS, never mixed.
   */
  readonly computeEnvironments: OrderedComputeEnvironment[];

  /**
   * The priority of this queue among the queues that share a compute environment.
   *
   * Queues with a higher priority are evaluated first.
   */
  readonly priority: number;

  /**
   * Whether the queue accepts new jobs.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * The scheduling policy of this queue.
   *
   * @default - no scheduling policy
   */
  readonly schedulingPolicy?: ISchedulingPolicy;

  /**
   * Adds a compute environment to this queue, at the given order.
   */
  addComputeEnvironment(computeEnvironment: IComputeEnvironment, order: number): void;
}

/**
 * A compute environment and its place in a queue's order.
 */
export interface OrderedComputeEnvironment {
  /**
   * The compute environment.
   */
  readonly computeEnvironment: IComputeEnvironment;

  /**
   * The place of this compute environment in the queue: lower orders are tried first.
   */
  readonly order: number;
}

/**
 * Props to create a job queue.
 */
export interface JobQueueProps {
  /**
   * The compute environments this queue sends jobs to, each with its order.
   *
   * At least one is needed by synthesis time; more can be added with
   * `addComputeEnvironment()`. All must be of one kind: EC2 (on-demand or Spot, managed
   * or unmanaged), Fargate (on-demand or Spot) or EKS. Batch's default quota is three
   * per queue (more give a warning: the quota can be raised).
   *
   * @default - none
   */
  readonly computeEnvironments?: OrderedComputeEnvironment[];

  /**
   * The priority of this queue among the queues that share a compute environment.
   *
   * Between 0 and 1000; higher priorities are evaluated first.
   *
   * @default 1
   */
  readonly priority?: number;

  /**
   * The name of the job queue.
   *
   * Up to 128 letters, digits, hyphens and underscores.
   *
   * @default - no name
   */
  readonly jobQueueName?: string;

  /**
   * Whether the queue accepts new jobs.
   *
   * A disabled queue keeps running the jobs it has, but new jobs cannot be submitted to it.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * The scheduling policy of this queue.
   *
   * Without one, jobs run first in, first out. A queue's scheduling policy can be set
   * only when the queue is created; a queue with one cannot drop it.
   *
   * @default - no scheduling policy
   */
  readonly schedulingPolicy?: ISchedulingPolicy;
}

const KIND = 'JobQueue';
/** Batch's default quota of compute environments per queue; some accounts have it raised. */
const DEFAULT_COMPUTE_ENVIRONMENT_QUOTA = 3;

/**
 * A job queue: jobs are submitted to it and wait there until a compute environment it
 * is linked to can run them.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/job_queues.html
 * @resource AWS::Batch::JobQueue
 */
export class JobQueue extends Resource implements IJobQueue {
  /**
   * Imports a job queue by its ARN.
   */
  public static fromJobQueueArn(scope: Construct, id: string, jobQueueArn: string): IJobQueue {
    const name = nameFromImportedArn(KIND, scope, id, 'jobQueueArn', jobQueueArn);
    class Import extends Resource implements IJobQueue {
      public readonly computeEnvironments: OrderedComputeEnvironment[] = [];
      public readonly priority = 1;
      public readonly jobQueueArn = jobQueueArn;
      public readonly jobQueueName = name;

      public addComputeEnvironment(_computeEnvironment: IComputeEnvironment, _order: number): void {
        throw importedResourceError(KIND, this, 'addComputeEnvironment()', 'cannot add a compute environment to an imported job queue');
      }
    }
    return new Import(scope, id, { environmentFromArn: jobQueueArn });
  }

  public readonly priority: number;
  public readonly enabled?: boolean;
  public readonly schedulingPolicy?: ISchedulingPolicy;
  public readonly jobQueueArn: string;

  private readonly _computeEnvironments: OrderedComputeEnvironment[];
  private _jobQueueName?: string;

  constructor(scope: Construct, id: string, props: JobQueueProps = {}) {
    super(scope, id, { physicalName: props.jobQueueName });

    throwIfInvalid(KIND, this, [
      checkName('jobQueueName', props.jobQueueName),
      checkRange('priority', props.priority, 0, 1000, true),
    ]);

    this._computeEnvironments = [...(props.computeEnvironments ?? [])];
    this.priority = props.priority ?? 1;
    this.enabled = props.enabled;
    this.schedulingPolicy = props.schedulingPolicy;

    const resource = new CfnJobQueue(this, 'Resource', {
      computeEnvironmentOrder: Lazy.any({
        produce: () => this._computeEnvironments.map((ce) => ({
          computeEnvironment: ce.computeEnvironment.computeEnvironmentArn,
          order: ce.order,
        })),
      }),
      jobQueueName: props.jobQueueName,
      priority: this.priority,
      schedulingPolicyArn: this.schedulingPolicy?.schedulingPolicyArn,
      state: this.enabled === false ? 'DISABLED' : 'ENABLED',
    });

    this.jobQueueArn = this.getResourceArnAttribute(resource.attrJobQueueArn, {
      service: 'batch',
      resource: 'job-queue',
      resourceName: this.physicalName,
    });

    addValidation(KIND, this, () => validateComputeEnvironments(this._computeEnvironments));
    addWarnings(this, () => computeEnvironmentWarnings(this._computeEnvironments));
  }

  /**
   * The name of the job queue.
   *
   * Split from the ARN on first use.
   *
   * @attribute
   */
  public get jobQueueName(): string {
    // split on first use: most apps never read it, and the split costs several tokens
    this._jobQueueName ??= nameFromArn(this, this.jobQueueArn);
    return this._jobQueueName;
  }

  /**
   * The compute environments of this queue (a copy: use `addComputeEnvironment()` to add one).
   */
  public get computeEnvironments(): OrderedComputeEnvironment[] {
    return [...this._computeEnvironments];
  }

  public addComputeEnvironment(computeEnvironment: IComputeEnvironment, order: number): void {
    this._computeEnvironments.push({ computeEnvironment, order });
  }
}

function validateComputeEnvironments(ces: OrderedComputeEnvironment[]): Problem[] {
  if (ces.length === 0) {
    return ['computeEnvironments must link at least one compute environment, got none; pass computeEnvironments or call addComputeEnvironment()'];
  }
  const problems: Problem[] = [];
  // the schema's Order is an integer with no documented range
  problems.push(...ces.map((ce, i) => checkRange(`computeEnvironments[${i}].order`, ce.order, -MAX_INTEGER - 1, MAX_INTEGER, true)));
  problems.push(...checkUnique('computeEnvironments', ces, (ce) => ce.order, 'order'));
  problems.push(...checkOneKind(ces));
  return problems;
}

/**
 * Batch takes a queue only when its compute environments share one orchestration (ECS or EKS)
 * and one capacity (EC2 and Spot, or Fargate and Fargate Spot). Environments of unknown kind
 * (imports) are left out.
 */
function checkOneKind(ces: OrderedComputeEnvironment[]): Problem[] {
  const known = ces
    .map((ce, i) => ({ i, kind: computeKindOf(ce.computeEnvironment) }))
    .filter((e): e is { i: number; kind: ComputeKind } => e.kind !== undefined);
  if (known.length < 2) {
    return [];
  }
  const first = known[0];
  const problems: Problem[] = [];
  for (const aspect of ['orchestration', 'capacity'] as const) {
    const other = known.find((e) => e.kind[aspect] !== first.kind[aspect]);
    if (other) {
      problems.push(`computeEnvironments must all have one ${aspect}, got ${describeComputeKind(first.kind)} at computeEnvironments[${first.i}]`
        + ` and ${describeComputeKind(other.kind)} at computeEnvironments[${other.i}]; Batch does not mix them in a queue`);
      break;
    }
  }
  return problems;
}

function computeEnvironmentWarnings(ces: OrderedComputeEnvironment[]): Array<[string, string] | undefined> {
  const warnings: Array<[string, string] | undefined> = [];
  if (ces.length > DEFAULT_COMPUTE_ENVIRONMENT_QUOTA) {
    warnings.push(['jobQueueComputeEnvironmentQuota',
      `computeEnvironments links ${ces.length} compute environments; Batch's default quota is ${DEFAULT_COMPUTE_ENVIRONMENT_QUOTA} per job queue, `
      + 'so the deployment fails unless the account\'s quota has been raised']);
  }
  const seen = new Map<IComputeEnvironment, number>();
  ces.forEach((ce, i) => {
    const previous = seen.get(ce.computeEnvironment);
    if (previous !== undefined) {
      warnings.push(['jobQueueComputeEnvironmentLinkedTwice',
        `computeEnvironments[${i}] links compute environment '${ce.computeEnvironment.node.path}' again (computeEnvironments[${previous}] already does); `
        + 'the second link adds nothing']);
    } else {
      seen.set(ce.computeEnvironment, i);
    }
  });
  return warnings;
}
