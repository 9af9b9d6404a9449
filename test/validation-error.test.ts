/**
 * The library's one error type: exported, recognised by aws-cdk-lib's `Errors.isValidationError()`, and
 * independent of `Errors` (which aws-cdk-lib 2.95.1, the oldest supported release, does not have).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Errors } from 'aws-cdk-lib';
import { EcsJobDefinition, JobQueue, ValidationError } from '../lib';
import { ValidationError as PrivateValidationError } from '../lib/private/validation';
import { REPO_ROOT } from './util/assembly';
import { newStack } from './util';

/** What `fn` throws. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

const cases: Array<[string, () => unknown]> = [
  ['a props problem', () => new JobQueue(newStack(), 'Queue', { priority: 1001 })],
  ['a malformed imported ARN', () => JobQueue.fromJobQueueArn(newStack(), 'Imported', 'not-an-arn')],
  ['add*() on an import', () => EcsJobDefinition.fromJobDefinitionArn(newStack(), 'Imported', 'arn:aws:batch:us-east-1:123456789012:job-definition/j')
    .addRetryStrategy({} as any)],
];

describe.each(cases)('the error for %s', (_name, fn) => {
  const error = thrownBy(fn);

  test("is recognised by aws-cdk-lib's Errors.isValidationError() and Errors.isConstructError()", () => {
    expect(Errors.isValidationError(error)).toBe(true);
    expect(Errors.isConstructError(error)).toBe(true);
  });

  test('is an instance of the exported ValidationError, and of Error', () => {
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(Error);
    expect(ValidationError.isValidationError(error)).toBe(true);
    expect((error as Error).name).toEqual('ValidationError');
  });
});

test('the error of a construct carries its path, as aws-cdk-lib\'s errors do', () => {
  const error = thrownBy(() => new JobQueue(newStack(), 'Queue', { priority: 1001 })) as ValidationError;
  expect(error.constructPath).toEqual('Stack/Queue');
  expect(error.type).toEqual('validation');
  expect(error.message).toMatch(/^JobQueue 'Stack\/Queue': priority must be/);
});

test('lib/private/validation re-exports the same class', () => {
  expect(PrivateValidationError).toBe(ValidationError);
});

test('a plain Error, and an object without the marks, is not one', () => {
  for (const x of [new Error('x'), { message: 'x' }, null, undefined, 'ValidationError']) {
    expect(Errors.isValidationError(x)).toBe(false);
    expect(ValidationError.isValidationError(x)).toBe(false);
  }
});

test('a ValidationError made by another copy of the library is recognised', () => {
  // GIVEN the module loaded a second time, as a second copy of the package would be
  const modulePath = require.resolve('../lib/validation-error');
  let Other: typeof ValidationError | undefined;
  jest.isolateModules(() => {
    Other = require(modulePath).ValidationError;
  });
  // THEN
  expect(Other).not.toBe(ValidationError);
  const foreign = new Other!('Kind \'x\': problem');
  expect(foreign instanceof ValidationError).toBe(false);
  expect(ValidationError.isValidationError(foreign)).toBe(true);
  expect(Errors.isValidationError(foreign)).toBe(true);
});

test('lib/ does not use aws-cdk-lib\'s Errors, which aws-cdk-lib 2.95.1 lacks', () => {
  const libDir = path.join(REPO_ROOT, 'lib');
  const sources = [...fs.readdirSync(libDir).map((f) => path.join(libDir, f)), ...fs.readdirSync(path.join(libDir, 'private')).map((f) => path.join(libDir, 'private', f))]
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  expect(sources.length).toBeGreaterThan(20);
  const uses = sources.filter((f) => /import\s*{[^}]*\bErrors\b[^}]*}\s*from\s*'aws-cdk-lib'|\.Errors\b/.test(fs.readFileSync(f, 'utf8')));
  expect(uses).toEqual([]);
  // and the error module loads without aws-cdk-lib
  expect(fs.readFileSync(path.join(libDir, 'validation-error.js'), 'utf8')).not.toMatch(/require\("aws-cdk-lib/);
});
