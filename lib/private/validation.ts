import { Annotations, Duration, Size, SizeRoundingBehavior, Token } from 'aws-cdk-lib';
import { IConstruct, IValidation } from 'constructs';
import { ValidationError } from '../validation-error';

/*
 * Every message has the same shape: `<Kind> '<construct path>': <problem>`, lower-case, no trailing
 * period, with the property, the value received and what is allowed. The checks below return the
 * `<problem>` part; `throwIfInvalid()`, `addValidation()` and `validationError()` add the prefix.
 */

// The error type is public (`lib/validation-error.ts`); it is re-exported here for the constructs.
export { ValidationError } from '../validation-error';

/** A problem found by a validator, or `undefined` when the value is fine. */
export type Problem = string | undefined;

/** `Kind 'path'`: the prefix of every message about a construct. */
export function describeConstruct(kind: string, scope: IConstruct): string {
  return `${kind} '${scope.node.path}'`;
}

/** Formats one problem of a construct in the library's message format. */
export function formatProblem(kind: string, scope: IConstruct, problem: string): string {
  return `${describeConstruct(kind, scope)}: ${problem}`;
}

/**
 * The error for one or more problems of a construct: the one way this library builds its errors.
 *
 * `childId` names a construct about to be created under `scope` (an import, whose ARN is checked
 * before the construct exists): the message then names `<scope path>/<childId>`.
 */
export function validationError(kind: string, scope: IConstruct, problems: string[], childId?: string): ValidationError {
  const prefix = childId === undefined
    ? describeConstruct(kind, scope)
    : `${kind} '${[scope.node.path, childId].filter((part) => part !== '').join('/')}'`;
  return new ValidationError(problems.map((p) => `${prefix}: ${p}`).join('\n'), childId === undefined ? scope : undefined);
}

/** Keeps only the problems that were found. */
export function found(problems: Problem[]): string[] {
  return problems.filter((p): p is string => p !== undefined);
}

/** Throws one error listing every problem found, if any. */
export function throwIfInvalid(kind: string, scope: IConstruct, problems: Problem[]): void {
  const real = found(problems);
  if (real.length > 0) {
    throw validationError(kind, scope, real);
  }
}

/** Registers a synth-time validation for state that `add*()` methods may change later. */
export function addValidation(kind: string, scope: IConstruct, validate: () => Problem[]): void {
  scope.node.addValidation(new ConstructValidation(kind, scope, validate));
}

/**
 * One registered validation: an object with the three values it needs, where a closure over
 * them would add a closure and its context to every construct (many thousands in a large app).
 */
class ConstructValidation implements IValidation {
  constructor(private readonly kind: string, private readonly scope: IConstruct, private readonly problems: () => Problem[]) {}

  public validate(): string[] {
    return found(this.problems()).map((p) => formatProblem(this.kind, this.scope, p));
  }
}

/** Renders a value for a message. */
export function show(value: unknown): string {
  if (typeof value === 'number' && Token.isUnresolved(value)) {
    // an encoded number token differs from one synthesis to the next: name it instead
    return 'a token';
  }
  if (typeof value === 'string') {
    // likewise for the tokens inside a string (their numbers count the tokens created so far)
    return `'${value.replace(/\$\{Token\[[^\]]*\]\}/g, '${Token}')}'`;
  }
  if (Array.isArray(value)) {
    return `[${value.map(show).join(', ')}]`;
  }
  return String(value);
}

/**
 * aws-cdk-lib encodes a number token as a double whose top bits are a marker, which makes every such
 * double a negative number around -1.9e289. A number above this bound is never a token.
 */
const NUMBER_TOKENS_BELOW = -1e288;

/** True when the value (or, for strings, any part of it) is an unresolved token. */
export function unresolved(value: unknown): boolean {
  if (typeof value === 'number') {
    // Token.isUnresolved() decodes a number through a new ArrayBuffer on every call; most numbers checked
    // here are ordinary ones, which the bound rules out at once. Below it, aws-cdk-lib decides.
    return value < NUMBER_TOKENS_BELOW && Token.isUnresolved(value);
  }
  return value !== undefined && Token.isUnresolved(value);
}

/** `prop` must lie in `[min, max]` (and be whole when `integer`). Tokens and `undefined` pass. */
export function checkRange(prop: string, value: number | undefined, min: number, max: number, integer = false): Problem {
  if (value === undefined || unresolved(value)) {
    return undefined;
  }
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    return `${prop} must be ${integer ? 'a whole number ' : ''}between ${min} and ${max}, got ${show(value)}`;
  }
  if (integer && !Number.isInteger(value)) {
    return `${prop} must be a whole number between ${min} and ${max}, got ${show(value)}`;
  }
  return undefined;
}

/** `prop` must be at least `min` (and whole when `integer`). Tokens and `undefined` pass. */
export function checkAtLeast(prop: string, value: number | undefined, min: number, integer = false): Problem {
  if (value === undefined || unresolved(value)) {
    return undefined;
  }
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || (integer && !Number.isInteger(value))) {
    return `${prop} must be ${integer ? 'a whole number ' : ''}at least ${min}, got ${show(value)}`;
  }
  if (integer && value > MAX_INTEGER) {
    return `${prop} must be a whole number from ${min} to ${MAX_INTEGER} (the largest integer AWS Batch and CloudFormation take), got ${show(value)}`;
  }
  return undefined;
}

/** Whole-number properties of AWS Batch are 32-bit signed integers. */
export const MAX_INTEGER = 2147483647;

const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * AWS Batch resource names: 1 to `maxLength` letters, digits, hyphens and underscores
 * (some resources also allow a leading letter or digit only; see the per-resource checks).
 */
export function checkName(prop: string, value: string | undefined, maxLength = 128): Problem {
  if (value === undefined || unresolved(value)) {
    return undefined;
  }
  if (value.length < 1 || value.length > maxLength || !NAME_PATTERN.test(value)) {
    return `${prop} must be 1 to ${maxLength} characters of letters, digits, hyphens and underscores, got ${show(value)}`;
  }
  return undefined;
}

/** A duration in whole seconds within `[minSeconds, maxSeconds]`. Tokens and `undefined` pass. */
export function checkDurationSeconds(prop: string, value: Duration | undefined, minSeconds: number, maxSeconds: number): Problem {
  if (value === undefined || value.isUnresolved()) {
    return undefined;
  }
  const seconds = value.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < minSeconds || seconds > maxSeconds) {
    return `${prop} must be a whole number of seconds between ${minSeconds} and ${maxSeconds}, got ${value.toHumanString()}`;
  }
  return undefined;
}

/** A size in MiB, fractions kept; `undefined` for `undefined` and for tokens. */
export function concreteMiB(value: Size | undefined): number | undefined {
  if (value === undefined || value.isUnresolved()) {
    return undefined;
  }
  return value.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
}

/**
 * A size in whole MiB of at least `minMiB` (fractions of a MiB are rejected, not thrown on). Tokens and `undefined` pass.
 *
 * @param allowed how the message states the rule
 */
export function checkWholeMiB(prop: string, value: Size | undefined, minMiB: number,
  allowed = `a whole number of MiB, at least ${minMiB}`): Problem {
  const mib = concreteMiB(value);
  if (mib !== undefined && (!Number.isInteger(mib) || mib < minMiB)) {
    return `${prop} must be ${allowed}, got ${mib} MiB`;
  }
  return undefined;
}

/** A string that must not be empty. Tokens and `undefined` pass. */
export function checkNotEmpty(prop: string, value: string | undefined): Problem {
  if (value === undefined || unresolved(value)) {
    return undefined;
  }
  return value.length === 0 ? `${prop} must not be empty, got ''` : undefined;
}

/**
 * The entries of a list that repeat a key: each repeat is named with the index it repeats.
 * Entries whose key is `undefined` or a token are not compared.
 */
export function checkUnique<T>(prop: string, items: T[], key: (item: T) => string | number | undefined, what: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string | number, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (k === undefined || unresolved(k)) {
      return;
    }
    const previous = seen.get(k);
    if (previous !== undefined) {
      problems.push(`${prop}[${i}].${what} must be unique, got ${show(k)} which ${prop}[${previous}] already has`);
    } else {
      seen.set(k, i);
    }
  });
  return problems;
}

/** The prefix of the environment variable names AWS Batch sets itself. */
export const RESERVED_ENV_PREFIX = 'AWS_BATCH';

/**
 * An environment variable name must not start with `AWS_BATCH`, the names Batch sets in every job.
 * `subject` names what is checked (`env names`), `why` how the message explains it. Tokens pass.
 */
export function checkNotReservedEnvName(subject: string, name: string, why: string): Problem {
  if (unresolved(name) || !name.startsWith(RESERVED_ENV_PREFIX)) {
    return undefined;
  }
  return `${subject} must not start with '${RESERVED_ENV_PREFIX}'${why}, got ${show(name)}`;
}

/** The prefix of every warning id this library adds. */
export const WARNING_PREFIX = '@aws-cdk/aws-batch-alpha:';

/**
 * Adds a warning that the user can acknowledge with
 * `Annotations.of(scope).acknowledgeWarning('@aws-cdk/aws-batch-alpha:<rule>')`.
 *
 * Used where the AWS documentation conflicts, a quota can be raised or a setting is ignored:
 * the app may well deploy, so it is not an error.
 */
export function warn(scope: IConstruct, rule: string, message: string): void {
  Annotations.of(scope).addWarningV2(`${WARNING_PREFIX}${rule}`, message);
}

/**
 * Registers warnings found at synthesis, for state that `add*()` methods may change later.
 *
 * Each warning is added once, however often the tree is validated.
 */
export function addWarnings(scope: IConstruct, check: () => Array<[string, string] | undefined>): void {
  let done = false;
  scope.node.addValidation({
    validate: () => {
      if (!done) {
        done = true;
        for (const w of check()) {
          if (w !== undefined) {
            warn(scope, w[0], w[1]);
          }
        }
      }
      return [];
    },
  });
}
