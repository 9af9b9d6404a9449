import { Fn, IResource, ITaggable, Names, Resource, TagManager, TagType, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IJobQueue, JobQueue } from './job-queue';
import { checkCapacityLimits, renderCapacityLimits } from './private/capacity-limits';
import { checkImportedArn } from './private/imported-arn';
import { newerResource } from './private/newer-cfn';
import { addValidation, checkAtLeast, checkName, Problem, throwIfInvalid } from './private/validation';
import { QuotaShareSchedulingPolicy } from './quota-share-scheduling-policy';
import { CapacityLimit } from './service-environment';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * How a quota share shares its idle capacity with the other quota shares of its queue.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/quota-shares.html
 */
export class ResourceSharing {
  /**
   * Keeps the share's idle capacity for its own jobs: it neither lends nor borrows.
   */
  public static reserve(): ResourceSharing {
    return new ResourceSharing('RESERVE');
  }

  /**
   * Lends the share's idle capacity to other shares; Batch takes it back, preempting the
   * borrowers' jobs, when the share's own jobs need it.
   */
  public static lend(): ResourceSharing {
    return new ResourceSharing('LEND');
  }

  /**
   * Lends idle capacity and lets the share's jobs borrow idle capacity of other shares.
   *
   * @param borrowLimit how much the share may borrow, as a percentage of each of its capacity
   * limits (200 lets it use up to twice its limits in addition); a whole number, at least 0,
   * or -1 for no limit. Default: no limit.
   */
  public static lendAndBorrow(borrowLimit?: number): ResourceSharing {
    return new ResourceSharing('LEND_AND_BORROW', borrowLimit);
  }

  /**
   * Whether `x` is a `ResourceSharing`.
   */
  public static isResourceSharing(x: any): x is ResourceSharing {
    return x !== null && typeof x === 'object' && SHARING_BRAND in x;
  }

  /**
   * The strategy: `RESERVE`, `LEND` or `LEND_AND_BORROW`.
   */
  public readonly strategy: string;

  /**
   * How much the share may borrow, as a percentage of its capacity limits (-1: no limit).
   *
   * @default - no limit (only `LEND_AND_BORROW` borrows)
   */
  public readonly borrowLimit?: number;

  private constructor(strategy: string, borrowLimit?: number) {
    this.strategy = strategy;
    this.borrowLimit = borrowLimit;
    Object.defineProperty(this, SHARING_BRAND, { value: true });
  }
}

const SHARING_BRAND = Symbol.for('@aws-cdk/aws-batch-alpha.ResourceSharing');

/**
 * A quota share of a quota-management job queue.
 */
export interface IQuotaShare extends IResource {
  /**
   * The name of the quota share.
   *
   * @attribute
   */
  readonly quotaShareName: string;

  /**
   * The ARN of the quota share.
   *
   * @attribute
   */
  readonly quotaShareArn: string;
}

/**
 * Props to create a quota share.
 */
export interface QuotaShareProps {
  /**
   * The job queue the share belongs to: a queue of type `SAGEMAKER_TRAINING` whose scheduling
   * policy is a `QuotaShareSchedulingPolicy`. Changing it replaces the quota share.
   */
  readonly jobQueue: IJobQueue;

  /**
   * The capacity the share's jobs may use without borrowing, per SageMaker instance type
   * (`CapacityLimit.ofInstanceType('ml.m5.large', 4)`).
   *
   * One to five are needed by synthesis time; more can be added with `addCapacityLimit()`.
   * Each `maxCapacity` is a whole number, at least 1.
   *
   * @default - none
   */
  readonly capacityLimits?: CapacityLimit[];

  /**
   * How the share shares its idle capacity with the other shares of its queue.
   *
   * @default ResourceSharing.reserve()
   */
  readonly resourceSharing?: ResourceSharing;

  /**
   * Whether a job of the share may be preempted by a higher-priority job of the same share.
   *
   * @default false
   */
  readonly inSharePreemption?: boolean;

  /**
   * The name of the quota share; jobs name it when they are submitted (`quotaShareName`).
   *
   * Up to 128 letters, digits, hyphens and underscores. Changing it replaces the quota share.
   *
   * @default - a name derived from the construct path
   */
  readonly quotaShareName?: string;

  /**
   * Whether the share accepts new jobs. A disabled share finishes the jobs it has.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Tags of the quota share. More can be added with `Tags.of()`.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

const KIND = 'QuotaShare';
const MAX_CAPACITY_LIMITS = 5;
const MAX_SHARES_PER_QUEUE = 20;
/** The quota shares of each queue, in creation order, to count them. */
const SHARES_OF_QUEUE = new WeakMap<IJobQueue, QuotaShare[]>();

/**
 * A quota share: a virtual queue inside a quota-management job queue, with capacity limits of
 * its own for a team or project, and a rule for lending and borrowing idle capacity.
 *
 * Jobs are submitted to the share with `SubmitServiceJob` and the share's `quotaShareName`.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/quota-shares.html
 * @resource AWS::Batch::QuotaShare
 */
export class QuotaShare extends Resource implements IQuotaShare, ITaggable {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.QuotaShare';

  /**
   * Imports a quota share by its ARN, `arn:<partition>:batch:<region>:<account>:job-queue/<queue>/quota-share/<name>`.
   */
  public static fromQuotaShareArn(scope: Construct, id: string, quotaShareArn: string): IQuotaShare {
    checkImportedArn(KIND, scope, id, 'quotaShareArn', quotaShareArn);
    const name = Token.isUnresolved(quotaShareArn)
      ? Fn.select(3, Fn.split('/', quotaShareArn))
      : quotaShareArn.split('/').pop()!;
    class Import extends Resource implements IQuotaShare {
      public readonly quotaShareArn = quotaShareArn;
      public readonly quotaShareName = name;
    }
    return new Import(scope, id, { environmentFromArn: quotaShareArn });
  }

  public readonly quotaShareArn: string;
  public readonly quotaShareName: string;

  /**
   * The job queue the share belongs to.
   */
  public readonly jobQueue: IJobQueue;

  /**
   * How the share shares its idle capacity.
   */
  public readonly resourceSharing: ResourceSharing;

  /**
   * Whether a job of the share may be preempted by a higher-priority job of the same share.
   */
  public readonly inSharePreemption: boolean;

  /**
   * Whether the share accepts new jobs.
   */
  public readonly enabled: boolean;

  /**
   * The tags of the quota share.
   */
  public readonly tags: TagManager;

  private readonly _capacityLimits: CapacityLimit[];

  constructor(scope: Construct, id: string, props: QuotaShareProps) {
    props = applyPropertyInjectors(QuotaShare.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, { physicalName: props.quotaShareName });
    this.resourceSharing = props.resourceSharing ?? ResourceSharing.reserve();
    throwIfInvalid(KIND, this, [
      checkName('quotaShareName', props.quotaShareName),
      ...checkBorrowLimit(this.resourceSharing),
    ]);

    this.jobQueue = props.jobQueue;
    this.inSharePreemption = props.inSharePreemption ?? false;
    this.enabled = props.enabled ?? true;
    this.quotaShareName = props.quotaShareName ?? Names.uniqueResourceName(this, { maxLength: 128 });
    this._capacityLimits = [...(props.capacityLimits ?? [])];
    this.tags = new TagManager(TagType.MAP, 'AWS::Batch::QuotaShare', props.tags);
    SHARES_OF_QUEUE.set(this.jobQueue, [...(SHARES_OF_QUEUE.get(this.jobQueue) ?? []), this]);

    const resource = newerResource(this, 'Resource', 'AWS::Batch::QuotaShare', {
      QuotaShareName: this.quotaShareName,
      JobQueue: this.jobQueue.jobQueueArn,
      CapacityLimits: renderCapacityLimits(() => this._capacityLimits),
      ResourceSharingConfiguration: {
        Strategy: this.resourceSharing.strategy,
        BorrowLimit: this.resourceSharing.borrowLimit,
      },
      PreemptionConfiguration: { InSharePreemption: this.inSharePreemption ? 'ENABLED' : 'DISABLED' },
      State: this.enabled ? 'ENABLED' : 'DISABLED',
      Tags: this.tags.renderedTags,
    });

    this.quotaShareArn = resource.getAtt('QuotaShareArn').toString();

    addValidation(KIND, this, () => [
      ...checkCapacityLimits('capacityLimits', this._capacityLimits, { min: 1, max: MAX_CAPACITY_LIMITS, minCapacity: 1 }),
      ...this.checkQueue(),
    ]);
  }

  /**
   * The capacity limits (a copy: use `addCapacityLimit()` to add one).
   */
  public get capacityLimits(): CapacityLimit[] {
    return [...this._capacityLimits];
  }

  /**
   * Adds a limit on the capacity the share's jobs use without borrowing.
   */
  public addCapacityLimit(limit: CapacityLimit): void {
    this._capacityLimits.push(limit);
  }

  /** The queue must be a quota-management queue of this library, with room for one more share. */
  private checkQueue(): Problem[] {
    const problems: Problem[] = [];
    const queue = this.jobQueue;
    const shares = SHARES_OF_QUEUE.get(queue) ?? [];
    const place = shares.indexOf(this);
    if (place >= MAX_SHARES_PER_QUEUE) {
      problems.push(`jobQueue '${queue.node.path}' must have at most ${MAX_SHARES_PER_QUEUE} quota shares, got ${shares.length}`);
    }
    if (!JobQueue._isJobQueue(queue)) {
      // an imported queue: nothing is known about it
      return problems;
    }
    if (!queue._isServiceQueue) {
      problems.push(`jobQueue must be a queue of type SAGEMAKER_TRAINING, got '${queue.node.path}', a queue of compute environments`);
    } else if (!QuotaShareSchedulingPolicy.isQuotaShareSchedulingPolicy(queue.schedulingPolicy)) {
      problems.push(`jobQueue must have a QuotaShareSchedulingPolicy, got '${queue.node.path}' with ${queue.schedulingPolicy ? 'another scheduling policy' : 'no scheduling policy'}`);
    }
    return problems;
  }
}

function checkBorrowLimit(sharing: ResourceSharing): Problem[] {
  if (sharing.borrowLimit === undefined) {
    return [];
  }
  return [checkAtLeast('resourceSharing.borrowLimit', sharing.borrowLimit, -1, true)];
}
