import { IConstruct } from 'constructs';

/*
 * aws-cdk-lib (from 2.17x on) tells its own errors apart by two well-known symbols on the error object:
 * `Errors.isValidationError(e)` holds when both are present. Marking this library's errors the same way lets
 * aws-cdk-lib, the CDK CLI and user code treat them as the validation errors they are, without this library
 * importing `Errors` (aws-cdk-lib 2.95.1, the oldest release this library supports, has no such class).
 */
const SYNTHESIS_ERROR = Symbol.for('@aws-cdk/core.SynthesisError');
const CDK_VALIDATION_ERROR = Symbol.for('@aws-cdk/core.ValidationError');
/** Marks this library's errors, so that `isValidationError()` works across copies of the library. */
const BATCH_VALIDATION_ERROR = Symbol.for('@aws-cdk/aws-batch-alpha.ValidationError');

/**
 * The error this library throws when props, or the arguments of a method, are ones AWS Batch or
 * CloudFormation would reject, or a job could never run with.
 *
 * Every message has the same shape, one line per problem: `<Kind> '<construct path>': <problem>`.
 *
 * jsii does not let a class of the public API extend `Error`, so this class is exported to TypeScript
 * and JavaScript only (it is not part of the jsii assembly): there, `instanceof ValidationError` and
 * `ValidationError.isValidationError(e)` both hold. Every language can use aws-cdk-lib's
 * `Errors.isValidationError(e)` (aws-cdk-lib 2.17x and later), which recognises these errors too.
 */
class BatchValidationError extends Error {
  /**
   * Whether `x` is a ValidationError of this library (also one thrown by another copy of it).
   */
  public static isValidationError(x: unknown): x is BatchValidationError {
    return x !== null && typeof x === 'object' && BATCH_VALIDATION_ERROR in x;
  }

  /**
   * The path of the construct the error is about, as aws-cdk-lib's errors carry it.
   */
  public readonly constructPath?: string;

  /**
   * @param message the whole message, `<Kind> '<construct path>': <problem>` per line
   * @param scope the construct the error is about, when it exists already
   */
  constructor(message: string, scope?: IConstruct) {
    super(message);
    Object.setPrototypeOf(this, BatchValidationError.prototype);
    this.name = 'ValidationError';
    this.constructPath = scope?.node.path;
    for (const symbol of [SYNTHESIS_ERROR, CDK_VALIDATION_ERROR, BATCH_VALIDATION_ERROR]) {
      Object.defineProperty(this, symbol, { value: true, enumerable: false, writable: false });
    }
  }

  /**
   * The kind of error, as aws-cdk-lib's errors name it.
   */
  public get type(): 'validation' {
    return 'validation';
  }
}

/**
 * The error this library throws for input AWS Batch or CloudFormation would reject (see `BatchValidationError`).
 */
export const ValidationError = BatchValidationError;
/**
 * The error this library throws for input AWS Batch or CloudFormation would reject.
 */
export type ValidationError = BatchValidationError;
