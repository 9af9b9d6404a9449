import { Annotations, Duration, IResource, Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IComputeEnvironment } from './compute-environment-base';
import { arnOnFirstUse, nameFromArn } from './private/arn';
import { ComputeKind, computeKindOf, describeComputeKind } from './private/compute-kind';
import { importedResourceError, nameFromImportedArn } from './private/imported-arn';
import { lazyAny } from './private/lazy-any';
import { JobQueueL1, omitWhenEmpty, renderNewerProperty, renderNewerPropertyLazily } from './private/newer-cfn';
import { applyPropertyInjectors } from './private/property-injection';
import { checkServiceEnvironments, isServiceQueueType } from './private/service-queue';
import { checkDurationTokenUnit } from './private/units';
import { addValidation, addWarnings, checkDurationSeconds, checkName, checkRange, checkUnique, MAX_INTEGER, Problem, throwIfInvalid } from './private/validation';
import { QuotaShareSchedulingPolicy } from './quota-share-scheduling-policy';
import { ISchedulingPolicy } from './scheduling-policy';
import { IServiceEnvironment, OrderedServiceEnvironment } from './service-environment';

/**
 * The kind of jobs a job queue holds, which decides what it can be linked to.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-batch-jobqueue.html#cfn-batch-jobqueue-jobqueuetype
 */
export enum JobQueueType {
  /**
   * Container jobs on EC2 compute environments (on-demand or Spot) that use ECS.
   */
  ECS = 'ECS',

  /**
   * Container jobs on Fargate compute environments (on-demand or Spot).
   */
  ECS_FARGATE = 'ECS_FARGATE',

  /**
   * Container jobs on ECS Managed Instances compute environments.
   */
  ECS_MANAGED_INSTANCES = 'ECS_MANAGED_INSTANCES',

  /**
   * Pod jobs on EKS compute environments.
   */
  EKS = 'EKS',

  /**
   * SageMaker AI training jobs (service jobs), on service environments instead of compute environments.
   */
  SAGEMAKER_TRAINING = 'SAGEMAKER_TRAINING',
}

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

  /**
   * What Batch does with a job that stays at the head of the queue, in a given state and for a
   * given reason, longer than a given time: for example, cancel a job that no compute
   * environment has the capacity for, so that the jobs behind it can run.
   *
   * @see https://docs.aws.amazon.com/batch/latest/userguide/job_stuck_in_runnable_time_limit_actions.html
   * @default - no actions: a job waits at the head of the queue until it can run
   */
  readonly jobStateTimeLimitActions?: JobStateTimeLimitAction[];

  /**
   * The kind of jobs the queue holds.
   *
   * A `SAGEMAKER_TRAINING` queue is linked to service environments (`serviceEnvironments`,
   * `addServiceEnvironment()`) and never to compute environments; every other type is linked
   * to compute environments of its kind. The type is decided at construction; changing it
   * replaces the queue.
   *
   * @default - `SAGEMAKER_TRAINING` when `serviceEnvironments` are given; otherwise not rendered,
   * and Batch derives the type from the compute environments
   */
  readonly jobQueueType?: JobQueueType;

  /**
   * The service environments a `SAGEMAKER_TRAINING` queue sends its service jobs to, each with its order.
   *
   * At least one is needed by synthesis time; more can be added with `addServiceEnvironment()`.
   *
   * @default - none
   */
  readonly serviceEnvironments?: OrderedServiceEnvironment[];
}

/**
 * An action Batch takes on a job that has stayed at the head of a job queue too long.
 */
export interface JobStateTimeLimitAction {
  /**
   * How long the job stays in `state`, for `reason`, before Batch takes the action.
   *
   * Whole seconds, from 10 minutes (600 seconds) to 24 hours (86400 seconds).
   */
  readonly maxTime: Duration;

  /**
   * The reason the job waits: Batch takes the action only for jobs that wait for this reason.
   */
  readonly reason: JobStateTimeLimitActionsReason;

  /**
   * What Batch does with the job.
   *
   * @default JobStateTimeLimitActionsAction.CANCEL
   */
  readonly action?: JobStateTimeLimitActionsAction;

  /**
   * The state the job waits in.
   *
   * @default JobStateTimeLimitActionsState.RUNNABLE
   */
  readonly state?: JobStateTimeLimitActionsState;
}

/**
 * What Batch does with a job that has waited at the head of the queue too long.
 */
export enum JobStateTimeLimitActionsAction {
  /**
   * Cancel the job. The only action for queues of ECS, EKS and Fargate compute environments.
   */
  CANCEL = 'CANCEL',

  /**
   * Terminate the job. Batch takes it only for queues of SageMaker Training service environments.
   */
  TERMINATE = 'TERMINATE',
}

/**
 * Why a job waits at the head of the queue: the status reasons Batch can act on.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/job_stuck_in_runnable_time_limit_actions.html
 */
export enum JobStateTimeLimitActionsReason {
  /**
   * No compute environment of the queue can get the instances the job needs.
   */
  INSUFFICIENT_INSTANCE_CAPACITY = 'CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY',

  /**
   * Every compute environment of the queue has a `maxvCpus` below what the job needs.
   */
  COMPUTE_ENVIRONMENT_MAX_RESOURCE = 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE',

  /**
   * No compute environment of the queue has instances that meet the job's resource requirements.
   */
  JOB_RESOURCE_REQUIREMENT = 'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT',
}

/**
 * The state of a waiting job that Batch acts on.
 */
export enum JobStateTimeLimitActionsState {
  /**
   * The job is `RUNNABLE`: ready to run, waiting for capacity. The only state Batch acts on.
   */
  RUNNABLE = 'RUNNABLE',
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
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.JobQueue';

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

  /**
   * Whether `x` is a job queue created by this library.
   *
   * @internal
   */
  public static _isJobQueue(x: unknown): x is JobQueue {
    return x !== null && typeof x === 'object' && JOB_QUEUE_BRAND in x;
  }

  public readonly priority: number;
  public readonly enabled?: boolean;
  public readonly schedulingPolicy?: ISchedulingPolicy;
  public get jobQueueArn(): string {
    return this._arn();
  }

  private readonly _arn: () => string;

  /**
   * The kind of jobs the queue holds.
   *
   * @default - not rendered: Batch derives the type from the compute environments
   */
  public readonly jobQueueType?: JobQueueType;

  private readonly _computeEnvironments: OrderedComputeEnvironment[];
  private readonly _serviceEnvironments: OrderedServiceEnvironment[];
  private _jobQueueName?: string;

  constructor(scope: Construct, id: string, props: JobQueueProps = {}) {
    props = applyPropertyInjectors(JobQueue.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, { physicalName: props.jobQueueName });

    throwIfInvalid(KIND, this, [
      checkName('jobQueueName', props.jobQueueName),
      checkRange('priority', props.priority, 0, 1000, true),
      ...validateJobStateTimeLimitActions(props.jobStateTimeLimitActions ?? []),
    ]);

    this._computeEnvironments = [...(props.computeEnvironments ?? [])];
    this._serviceEnvironments = [...(props.serviceEnvironments ?? [])];
    this.jobQueueType = props.jobQueueType
      ?? (this._serviceEnvironments.length > 0 ? JobQueueType.SAGEMAKER_TRAINING : undefined);
    this.priority = props.priority ?? 1;
    this.enabled = props.enabled;
    this.schedulingPolicy = props.schedulingPolicy;

    const resource = new JobQueueL1(this, 'Resource', {
      computeEnvironmentOrder: lazyAny(() => this._computeEnvironments.map((ce) => ({
        computeEnvironment: ce.computeEnvironment.computeEnvironmentArn,
        order: ce.order,
      }))),
      jobQueueName: props.jobQueueName,
      priority: this.priority,
      schedulingPolicyArn: this.schedulingPolicy?.schedulingPolicyArn,
      state: this.enabled === false ? 'DISABLED' : 'ENABLED',
    });

    renderNewerProperty(resource, 'JobStateTimeLimitActions', (props.jobStateTimeLimitActions ?? []).map((a) => ({
      Action: a.action ?? JobStateTimeLimitActionsAction.CANCEL,
      MaxTimeSeconds: a.maxTime.toSeconds(),
      Reason: a.reason,
      State: a.state ?? JobStateTimeLimitActionsState.RUNNABLE,
    })));

    this.renderServiceQueue(resource);

    this._arn = arnOnFirstUse(() => this.getResourceArnAttribute(resource.attrJobQueueArn, {
      service: 'batch',
      resource: 'job-queue',
      resourceName: this.physicalName,
    }));

    addValidation(KIND, this, () => (this._isServiceQueue
      ? checkServiceEnvironments(this._serviceEnvironments, this._computeEnvironments.length)
      : [...validateComputeEnvironments(this._computeEnvironments), ...this.checkNoServiceEnvironments()]));
    const terminating = (props.jobStateTimeLimitActions ?? []).map((a, i) => a.action === JobStateTimeLimitActionsAction.TERMINATE ? i : -1).filter((i) => i >= 0);
    if (terminating.length > 0) {
      addValidation(KIND, this, () => this._isServiceQueue || this._computeEnvironments.length === 0 ? [] : [
        `jobStateTimeLimitActions[${terminating[0]}].action must be CANCEL for a queue of compute environments (Batch takes TERMINATE only for SageMaker Training service environments), got TERMINATE`,
      ]);
    }
    // a queue of service environments links no compute environment, so these warnings are of queues of compute environments only
    addWarnings(this, () => (this._isServiceQueue ? [] : computeEnvironmentWarnings(this._computeEnvironments)));
    if (!this._isServiceQueue && QuotaShareSchedulingPolicy.isQuotaShareSchedulingPolicy(this.schedulingPolicy)) {
      Annotations.of(this).addWarningV2('@aws-cdk/aws-batch-alpha:quotaSharePolicyNeedsServiceQueue',
        'a QuotaShareSchedulingPolicy serves quota-management queues of type SAGEMAKER_TRAINING; this queue links compute environments');
    }
  }

  /**
   * Whether the queue holds service jobs (type `SAGEMAKER_TRAINING`) and links service environments.
   *
   * @internal
   */
  public get _isServiceQueue(): boolean {
    return isServiceQueueType(this.jobQueueType);
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

  /**
   * The service environments of this queue (a copy: use `addServiceEnvironment()` to add one).
   */
  public get serviceEnvironments(): OrderedServiceEnvironment[] {
    return [...this._serviceEnvironments];
  }

  /**
   * Adds a service environment to this `SAGEMAKER_TRAINING` queue, at the given order.
   */
  public addServiceEnvironment(serviceEnvironment: IServiceEnvironment, order: number): void {
    this._serviceEnvironments.push({ serviceEnvironment, order });
  }

  /** Renders the type and, for service queues, the service environments in place of the compute environments. */
  private renderServiceQueue(resource: JobQueueL1): void {
    renderNewerProperty(resource, 'JobQueueType', this.jobQueueType);
    if (!this._isServiceQueue) {
      return;
    }
    // CloudFormation takes ComputeEnvironmentOrder or ServiceEnvironmentOrder, never both; the L1 of
    // aws-cdk-lib 2.95.1 requires the former, so it is rendered (empty) and left out of the template.
    omitWhenEmpty(resource, 'ComputeEnvironmentOrder');
    renderNewerPropertyLazily(resource, 'ServiceEnvironmentOrder', () => this._serviceEnvironments.map((se) => ({
      ServiceEnvironment: se.serviceEnvironment.serviceEnvironmentArn,
      Order: se.order,
    })));
  }

  private checkNoServiceEnvironments(): Problem[] {
    return this._serviceEnvironments.length === 0 ? [] : [
      `serviceEnvironments must be empty on a queue of compute environments, got ${this._serviceEnvironments.length}; `
      + 'service environments need jobQueueType SAGEMAKER_TRAINING',
    ];
  }
}

const JOB_QUEUE_BRAND = Symbol.for('@aws-cdk/aws-batch-alpha.JobQueue');
// on the prototype, which every instance (and every subclass) shares, rather than on each queue
Object.defineProperty(JobQueue.prototype, JOB_QUEUE_BRAND, { value: true, enumerable: false, writable: false });

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

function validateJobStateTimeLimitActions(actions: JobStateTimeLimitAction[]): Problem[] {
  return actions.flatMap((a, i) => [
    checkDurationSeconds(`jobStateTimeLimitActions[${i}].maxTime`, a.maxTime, 600, 86400),
    checkDurationTokenUnit(`jobStateTimeLimitActions[${i}].maxTime`, a.maxTime, 'seconds'),
  ]);
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
