import { IResource, ITaggable, Resource, TagManager, TagType } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { arnOnFirstUse, nameFromArn } from './private/arn';
import { nameFromImportedArn } from './private/imported-arn';
import { newerResource } from './private/newer-cfn';
import { applyPropertyInjectors } from './private/property-injection';
import { checkRange, throwIfInvalid } from './private/validation';

/**
 * A pool of something that jobs use and that only exists in a limited quantity, such as
 * software licenses or database connections: Batch starts a job only when the quantity it
 * asks for is free.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/resource-aware-scheduling.html
 */
export interface IConsumableResource extends IResource {
  /**
   * The ARN of the consumable resource.
   *
   * @attribute
   */
  readonly consumableResourceArn: string;

  /**
   * The name of the consumable resource.
   *
   * @attribute
   */
  readonly consumableResourceName: string;

  /**
   * Grants on the consumable resource.
   */
  readonly grants: ConsumableResourceGrants;

  /**
   * How much of the resource there is.
   *
   * Known for resources this app creates: job definitions check that no job asks for more.
   *
   * @default - unknown, as for an imported resource
   */
  readonly totalQuantity?: number;
}

/**
 * Whether a consumable resource comes back once a job is done with it.
 */
export enum ConsumableResourceType {
  /**
   * The quantity a job uses is free again when the job ends (licenses, connections).
   */
  REPLENISHABLE = 'REPLENISHABLE',

  /**
   * The quantity a job uses is gone for good (API calls of a quota, credits); the total can be
   * raised again by updating the resource.
   */
  NON_REPLENISHABLE = 'NON_REPLENISHABLE',
}

/**
 * Props to create a consumable resource.
 */
export interface ConsumableResourceProps {
  /**
   * How much of the resource there is.
   *
   * A whole number, 0 or more.
   */
  readonly totalQuantity: number;

  /**
   * The name of the consumable resource, unique in the account and Region.
   *
   * Changing it replaces the resource.
   *
   * @default - a name CloudFormation generates
   */
  readonly consumableResourceName?: string;

  /**
   * Whether the quantity a job uses comes back when the job ends.
   *
   * Changing it replaces the resource.
   *
   * @default ConsumableResourceType.REPLENISHABLE
   */
  readonly resourceType?: ConsumableResourceType;

  /**
   * Tags of the consumable resource.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Options of `ConsumableResourceGrants.actions()`.
 */
export interface ConsumableResourcePermissionsOptions {
  /**
   * The ARNs the actions are allowed on.
   *
   * @default - the consumable resource's ARN
   */
  readonly resourceArns?: string[];
}

/**
 * Grants IAM permissions on a consumable resource.
 */
export class ConsumableResourceGrants {
  /**
   * The grants of a consumable resource, created or imported.
   */
  public static fromConsumableResource(resource: IConsumableResource): ConsumableResourceGrants {
    return new ConsumableResourceGrants(resource);
  }

  /**
   * The consumable resource the grants are on.
   */
  protected readonly resource: IConsumableResource;

  private constructor(resource: IConsumableResource) {
    this.resource = resource;
  }

  /**
   * Allows `grantee` to describe the consumable resource and to list the jobs that use it.
   */
  public read(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ['batch:DescribeConsumableResource', 'batch:ListJobsByConsumableResource']);
  }

  /**
   * Allows `grantee` to change the consumable resource's total quantity.
   */
  public update(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ['batch:UpdateConsumableResource']);
  }

  /**
   * Allows `grantee` the given actions on the consumable resource (or on `options.resourceArns`).
   */
  public actions(grantee: iam.IGrantable, actions: string[], options: ConsumableResourcePermissionsOptions = {}): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: options.resourceArns ?? [this.resource.consumableResourceArn],
    });
  }
}

const KIND = 'ConsumableResource';
const RESOURCE_TYPE = 'AWS::Batch::ConsumableResource';
/** `TotalQuantity` is a 64-bit integer; beyond this a JavaScript number is no longer exact. */
const MAX_QUANTITY = Number.MAX_SAFE_INTEGER;

/**
 * A consumable resource: a limited quantity of something jobs use, which Batch counts out to
 * the jobs it starts.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/resource-aware-scheduling.html
 * @resource AWS::Batch::ConsumableResource
 */
export class ConsumableResource extends Resource implements IConsumableResource, ITaggable {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.ConsumableResource';

  /**
   * Imports a consumable resource by its ARN, `arn:<partition>:batch:<region>:<account>:consumable-resource/<name>`.
   */
  public static fromConsumableResourceArn(scope: Construct, id: string, consumableResourceArn: string): IConsumableResource {
    const name = nameFromImportedArn(KIND, scope, id, 'consumableResourceArn', consumableResourceArn);
    class Import extends Resource implements IConsumableResource {
      public readonly consumableResourceArn = consumableResourceArn;
      public readonly consumableResourceName = name;
      public readonly grants = ConsumableResourceGrants.fromConsumableResource(this);
    }
    return new Import(scope, id, { environmentFromArn: consumableResourceArn });
  }

  public get consumableResourceArn(): string {
    return this._arn();
  }

  private readonly _arn: () => string;
  public readonly grants: ConsumableResourceGrants;
  /**
   * How much of the resource there is.
   *
   * @default - always set: the props' `totalQuantity`
   */
  public readonly totalQuantity?: number;
  /**
   * Whether the quantity a job uses comes back when the job ends.
   */
  public readonly resourceType: ConsumableResourceType;
  /**
   * The tags of the consumable resource: those of the props, and those `Tags.of()` adds.
   */
  public readonly tags: TagManager;

  private _consumableResourceName?: string;

  constructor(scope: Construct, id: string, props: ConsumableResourceProps) {
    props = applyPropertyInjectors(ConsumableResource.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, { physicalName: props.consumableResourceName });
    throwIfInvalid(KIND, this, [checkRange('totalQuantity', props.totalQuantity, 0, MAX_QUANTITY, true)]);

    this.totalQuantity = props.totalQuantity;
    this.resourceType = props.resourceType ?? ConsumableResourceType.REPLENISHABLE;
    this.tags = new TagManager(TagType.MAP, RESOURCE_TYPE, props.tags);

    const resource = newerResource(this, 'Resource', RESOURCE_TYPE, {
      ConsumableResourceName: props.consumableResourceName,
      ResourceType: this.resourceType,
      TotalQuantity: props.totalQuantity,
      // Tags.of() may add tags after construction: rendered late, as a token standing for the map
      Tags: this.tags.renderedTags,
    });

    this._arn = arnOnFirstUse(() => this.getResourceArnAttribute(resource.ref, {
      service: 'batch',
      resource: 'consumable-resource',
      resourceName: this.physicalName,
    }));
    this.grants = ConsumableResourceGrants.fromConsumableResource(this);
  }

  /**
   * The name of the consumable resource.
   */
  public get consumableResourceName(): string {
    // split on first use: most apps never read it, and the split costs several tokens
    this._consumableResourceName ??= this.getResourceNameAttribute(nameFromArn(this, this.consumableResourceArn));
    return this._consumableResourceName;
  }
}
