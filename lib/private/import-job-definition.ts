import { Construct } from 'constructs';
import { IJobDefinition, JobDefinitionBase } from '../job-definition-base';
import { checkImportedArn } from './imported-arn';

/** A job definition known by its ARN; its name is split from the ARN, without the revision. */
export function importJobDefinition(scope: Construct, id: string, kind: string, jobDefinitionArn: string): IJobDefinition {
  checkImportedArn(kind, scope, id, 'jobDefinitionArn', jobDefinitionArn);
  class Import extends JobDefinitionBase {
    public readonly jobDefinitionArn = jobDefinitionArn;

    public addConsumableResource(): void {
      this._refuseOnImport('add a consumable resource to');
    }
  }
  return new Import(scope, id, kind);
}
