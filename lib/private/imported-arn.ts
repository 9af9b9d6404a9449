import { Arn, ArnFormat, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { nameFromArn } from './arn';
import { show, ValidationError } from './validation';

/**
 * The resource name of an ARN passed to a `from*Arn()` import.
 *
 * A concrete ARN must have the form `arn:<partition>:<service>:<region>:<account>:<type>/<name>`;
 * one that does not is rejected with this library's ValidationError (naming the import's path,
 * `<scope path>/<id>`) rather than left to fail inside ARN parsing. Tokens pass unchecked.
 */
export function nameFromImportedArn(kind: string, scope: IConstruct, id: string, prop: string, arn: string): string {
  checkImportedArn(kind, scope, id, prop, arn);
  return nameFromArn(scope, arn);
}

/** Throws this library's ValidationError when a concrete imported ARN is malformed (see `nameFromImportedArn`). */
export function checkImportedArn(kind: string, scope: IConstruct, id: string, prop: string, arn: string): void {
  if (!Token.isUnresolved(arn)) {
    const problem = importedArnProblem(prop, arn);
    if (problem !== undefined) {
      const path = [scope.node.path, id].filter((part) => part !== '').join('/');
      throw new ValidationError(`${kind} '${path}': ${problem}`);
    }
  }
}

function importedArnProblem(prop: string, arn: string): string | undefined {
  const expected = `${prop} must be an ARN of the form arn:<partition>:<service>:<region>:<account>:<resource-type>/<name>, got ${show(arn)}`;
  if (typeof arn !== 'string') {
    return expected;
  }
  let resourceName: string | undefined;
  try {
    resourceName = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).resourceName;
  } catch {
    return expected;
  }
  return resourceName === undefined || resourceName === '' ? expected : undefined;
}
