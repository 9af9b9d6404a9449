import { IResolvable, IResolveContext, Lazy, Token } from 'aws-cdk-lib';

/*
 * Turns a value shaped like an L1 property (camelCase names, as `CfnJobDefinition.*Property` types
 * have them) into the template's CloudFormation names (PascalCase), for the structures that
 * `newer-cfn.ts` renders raw.
 *
 * It lets the containers of a multi-container task reuse the single-container rendering: that
 * rendering is typed against aws-cdk-lib 2.95.1's L1, while a task's containers must be written
 * raw because that L1 does not know `EcsProperties`.
 */

/** Members whose value is a map of user-chosen names (log driver and FireLens options): kept as given. */
const USER_MAPS = new Set(['options']);

/**
 * The value with every member name capitalized, resolved first so that lazily rendered parts
 * (`Lazy` lists) are converted too. CloudFormation intrinsics (`Ref`, `Fn::*`) are kept as they are.
 */
export function cloudFormationNames(value: unknown): IResolvable {
  return Lazy.uncachedAny({ produce: (context: IResolveContext) => convert(context.resolve(value)) });
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(convert);
  }
  if (value === null || typeof value !== 'object' || Token.isUnresolved(value)) {
    return value;
  }
  const entries = Object.entries(value as { [key: string]: unknown });
  if (entries.length === 1 && isIntrinsic(entries[0][0])) {
    return value;
  }
  const result: { [key: string]: unknown } = {};
  for (const [key, member] of entries) {
    if (member === undefined) {
      continue;
    }
    result[capitalize(key)] = USER_MAPS.has(key) ? member : convert(member);
  }
  return result;
}

function isIntrinsic(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}

function capitalize(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}
