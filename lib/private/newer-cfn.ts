import { CfnResource, Lazy } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/*
 * The one way this library renders CloudFormation that aws-cdk-lib 2.95.1's L1 classes do not know.
 *
 * An L1 class renders only the properties it was generated with: given a newer one, it drops it without a word.
 * This library supports every aws-cdk-lib from 2.95.1 on, so anything newer than that release's L1 schema
 * (a property, a nested property, or a whole resource type) is written here as raw CloudFormation:
 * a property override on the L1 resource, or a `CfnResource` with the type name. Both render the same
 * template on every aws-cdk-lib of the range.
 *
 * Values are given as the template shows them: CloudFormation names (`RepositoryCredentials`,
 * `CredentialsParameter`), not the L1's camelCase. They may hold tokens.
 */

/** A value that renders nothing: `undefined`, an empty list or an object with no defined member. */
export function rendersNothing(value: unknown): boolean {
  if (value === undefined || value === null) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as object).every((v) => v === undefined);
  }
  return false;
}

/**
 * Renders `value` at `path` below the resource's `Properties`.
 *
 * `path` is dot-separated CloudFormation names, e.g. `ContainerProperties.RepositoryCredentials`.
 * A value that renders nothing leaves the template as it is.
 */
export function renderNewerProperty(resource: CfnResource, path: string, value: unknown): void {
  if (!rendersNothing(value)) {
    resource.addPropertyOverride(path, value);
  }
}

/**
 * Like `renderNewerProperty`, for state that `add*()` methods may still change: `produce` runs when the
 * template is synthesized, and a result that renders nothing leaves the template as it is.
 */
export function renderNewerPropertyLazily(resource: CfnResource, path: string, produce: () => unknown): void {
  resource.addPropertyOverride(path, Lazy.any({
    produce: () => {
      const value = produce();
      return rendersNothing(value) ? undefined : value;
    },
  }));
}

/**
 * A resource whose type aws-cdk-lib 2.95.1 has no L1 class for (e.g. `AWS::Batch::ConsumableResource`).
 *
 * `properties` are CloudFormation names; members that are `undefined` are left out of the template.
 * The same class is used on every aws-cdk-lib version, so the template never depends on which one is installed.
 */
export function newerResource(scope: Construct, id: string, type: string, properties: { [name: string]: unknown }): CfnResource {
  const defined: { [name: string]: unknown } = {};
  for (const [name, value] of Object.entries(properties)) {
    if (value !== undefined) {
      defined[name] = value;
    }
  }
  return new CfnResource(scope, id, { type, properties: defined });
}

/**
 * `value` without its members that render nothing, recursively; `undefined` when nothing is left.
 * Lists are kept as they are.
 */
export function pruned(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    return value;
  }
  const kept: { [name: string]: unknown } = {};
  for (const [name, member] of Object.entries(value as { [name: string]: unknown })) {
    const p = pruned(member);
    if (p !== undefined) {
      kept[name] = p;
    }
  }
  return Object.keys(kept).length === 0 ? undefined : kept;
}

/**
 * Renders, for each element of the list at `listPath` (a list the L1 renders, e.g.
 * `NodeProperties.NodeRangeProperties`), the members `produce` gives for it, merged into that
 * element. `produce` runs when the template is synthesized and returns one entry per element
 * of the list, in its order; entries that render nothing leave their element as it is.
 */
export function renderNewerPropertiesOfElementsLazily(resource: CfnResource, listPath: string,
  produce: () => Array<{ [name: string]: unknown }>): void {
  resource.addPropertyOverride(listPath, Lazy.any({
    produce: () => {
      // an object keyed by index merges into the list element by element (an empty one changes nothing)
      const byIndex: { [index: string]: unknown } = {};
      produce().forEach((members, i) => {
        const p = pruned(members);
        if (p !== undefined) {
          byIndex[String(i)] = p;
        }
      });
      return byIndex;
    },
  }));
}
