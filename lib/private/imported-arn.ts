import { Arn, ArnFormat, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { nameFromArn } from './arn';
import { show, validationError, ValidationError } from './validation';

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
      throw validationError(kind, scope, [problem], id);
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

/**
 * The error every `add*()` method (and every member with nothing to give) of an imported resource
 * throws: an import stands for a resource this app does not define, so nothing it is given can
 * reach a template.
 *
 * @param kind the class the import was made with
 * @param imported the import
 * @param member the method called or the property read, e.g. `addRetryStrategy()`
 * @param problem what cannot be done, e.g. `cannot add a retry strategy to an imported job definition`
 */
export function importedResourceError(kind: string, imported: IConstruct, member: string, problem: string): ValidationError {
  return validationError(kind, imported, [`${problem}; ${member} needs one this app defines`]);
}
