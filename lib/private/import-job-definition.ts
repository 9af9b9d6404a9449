import { Duration, Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IConsumableResource } from '../consumable-resource';
import type { IJobDefinition, RetryStrategy } from '../job-definition-base';
import { jobDefinitionNameFromArn } from './arn';
import { checkImportedArn, importedResourceError } from './imported-arn';

/**
 * A job definition known by its ARN: what every job definition import returns, or extends with the
 * members of its kind.
 *
 * Its name is split from the ARN, without the revision. It renders nothing, so it takes no retry
 * strategy: `addRetryStrategy()` throws, as every `add*()` of an import does.
 */
export class ImportedJobDefinition extends Resource implements IJobDefinition {
  public readonly jobDefinitionArn: string;
  public readonly jobDefinitionName: string;
  public readonly retryStrategies: RetryStrategy[] = [];
  public readonly parameters?: { [key: string]: any };
  public readonly retryAttempts?: number;
  public readonly schedulingPriority?: number;
  public readonly timeout?: Duration;
  /** The class the import is made with, for messages. */
  protected readonly kind: string;

  /**
   * @param kind the class the import is made with, for messages
   * @param prop the name of the ARN parameter of the import method, for messages
   */
  constructor(scope: Construct, id: string, kind: string, prop: string, jobDefinitionArn: string) {
    checkImportedArn(kind, scope, id, prop, jobDefinitionArn);
    super(scope, id, { environmentFromArn: jobDefinitionArn });
    this.kind = kind;
    this.jobDefinitionArn = jobDefinitionArn;
    this.jobDefinitionName = jobDefinitionNameFromArn(scope, jobDefinitionArn);
  }

  public addRetryStrategy(_strategy: RetryStrategy): void {
    throw importedResourceError(this.kind, this, 'addRetryStrategy()', 'cannot add a retry strategy to an imported job definition');
  }

  /**
   * Throws: an import renders nothing, so its jobs' consumable resources cannot be changed here.
   */
  public addConsumableResource(_consumableResource: IConsumableResource, _quantity: number): void {
    throw importedResourceError(this.kind, this, 'addConsumableResource()', 'cannot add a consumable resource to an imported job definition');
  }
}

/** A job definition known by its ARN (see `ImportedJobDefinition`). */
export function importJobDefinition(scope: Construct, id: string, kind: string, jobDefinitionArn: string): IJobDefinition {
  return new ImportedJobDefinition(scope, id, kind, 'jobDefinitionArn', jobDefinitionArn);
}
