import { Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { IJobDefinition, JobDefinitionBase } from '../job-definition-base';
import { nameFromArn } from './arn';

/**
 * The name in a job definition ARN, `arn:...:job-definition/<name>:<revision>`, without the revision.
 *
 * For a token ARN, CloudFormation's split on ':' already leaves the revision out.
 */
export function jobDefinitionNameFromArn(scope: IConstruct, jobDefinitionArn: string): string {
  const nameAndRevision = nameFromArn(scope, jobDefinitionArn);
  return Token.isUnresolved(nameAndRevision) ? nameAndRevision : nameAndRevision.split(':')[0];
}

/** A job definition known by its ARN; its name is split from the ARN, without the revision. */
export function importJobDefinition(scope: Construct, id: string, kind: string, jobDefinitionArn: string): IJobDefinition {
  class Import extends JobDefinitionBase {
    public readonly jobDefinitionArn = jobDefinitionArn;
    public readonly jobDefinitionName = jobDefinitionNameFromArn(scope, jobDefinitionArn);
  }
  return new Import(scope, id, kind);
}
