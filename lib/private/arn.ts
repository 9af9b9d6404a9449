import { ArnFormat, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The resource name in an AWS Batch ARN of the form `arn:...:<resource-type>/<name>`.
 *
 * Works on tokens too: CloudFormation then splits the ARN at deploy time.
 * Batch resources' `Ref` is their ARN, so names are always derived from the ARN.
 */
export function nameFromArn(scope: IConstruct, arn: string): string {
  return Stack.of(scope).splitArn(arn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
}
