import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
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

/**
 * The name of a job definition from its ARN, `arn:...:job-definition/<name>:<revision>`.
 *
 * A job definition's ARN (and its `Ref`) carries the revision after the name; the revision is
 * dropped here. An ARN without a revision gives its name unchanged. For a token ARN, the
 * split that `nameFromArn()` renders (the sixth `:`-separated field, after its `/`) already
 * stops before the revision.
 */
export function jobDefinitionNameFromArn(scope: IConstruct, arn: string): string {
  const nameAndRevision = nameFromArn(scope, arn);
  if (Token.isUnresolved(nameAndRevision)) {
    return nameAndRevision;
  }
  return nameAndRevision.split(':')[0];
}

/**
 * An ARN made by `produce()` on first use, then kept.
 *
 * The resources' ARN attributes are made this way: each costs several tokens, and most
 * constructs are never asked for theirs. Kept, so that every read gives the same string.
 */
export function arnOnFirstUse(produce: () => string): () => string {
  let arn: string | undefined;
  return () => {
    arn ??= produce();
    return arn;
  };
}
