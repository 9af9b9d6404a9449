import { CfnResource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { lazyAny } from './lazy-any';

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
  if (isPlainObject(value)) {
    return Object.values(value).every((v) => v === undefined);
  }
  return false;
}

/**
 * Renders `value` at `path` below the resource's `Properties`.
 *
 * `path` is dot-separated CloudFormation names, e.g. `ContainerProperties.RepositoryCredentials`; a number
 * names an element of a list the typed props render (`NodeProperties.NodeRangeProperties.0.Container.X`).
 * A value that renders nothing leaves the template as it is. The last name of the path must be a property
 * aws-cdk-lib 2.95.1's L1 does not render: the override replaces what is there.
 */
export function renderNewerProperty(resource: CfnResource, path: string, value: unknown): void {
  const defined = withoutUndefined(value);
  if (!rendersNothing(defined)) {
    resource.addPropertyOverride(path, defined);
  }
}

/**
 * `renderNewerProperty()` for each member of `values` that renders something, at `<path>.<member>`.
 */
export function renderNewerProperties(resource: CfnResource, path: string, values: { [name: string]: unknown }): void {
  for (const [name, value] of Object.entries(values)) {
    renderNewerProperty(resource, `${path}.${name}`, value);
  }
}

/**
 * Like `renderNewerProperty`, for state that `add*()` methods may still change: `produce` runs when the
 * template is synthesized, and a result that renders nothing leaves the template as it is.
 *
 * The path must name a property that aws-cdk-lib 2.95.1's L1 does not render (never one the typed props
 * render, nor a parent of one): aws-cdk-lib 2.95.1 keeps a token that resolves to `undefined` in the
 * resolved overrides, and merging it removes whatever the typed props rendered at that path.
 */
export function renderNewerPropertyLazily(resource: CfnResource, path: string, produce: () => unknown): void {
  resource.addPropertyOverride(path, lazyAny(() => {
    const value = withoutUndefined(produce());
    return rendersNothing(value) ? undefined : value;
  }));
}

/**
 * `renderNewerPropertyLazily()` for a list that `add*()` methods fill, registered only once the list holds an item:
 * a resource whose list stays empty carries no override at all (no lazy value, no override path).
 *
 * Call it when the L1 exists and after each addition, passing what the previous call returned: it returns
 * `resource` while the list is still empty, and `undefined` once the property is registered. `render` gets the
 * list itself when the template is synthesized, so items added after the registration are rendered too.
 */
export function renderNewerListOnceFilled<R extends CfnResource, T>(resource: R | undefined, path: string, items: T[],
  render: (items: T[]) => unknown): R | undefined {
  if (resource === undefined || items.length === 0) {
    return resource;
  }
  renderNewerPropertyLazily(resource, path, () => render(items));
  return undefined;
}

/**
 * A resource whose type aws-cdk-lib 2.95.1 has no L1 class for (e.g. `AWS::Batch::ConsumableResource`).
 *
 * `properties` are CloudFormation names; members that are `undefined` are left out of the template.
 * The same class is used on every aws-cdk-lib version, so the template never depends on which one is installed.
 */
export function newerResource(scope: Construct, id: string, type: string, properties: { [name: string]: unknown }): CfnResource {
  return new CfnResource(scope, id, { type, properties: withoutUndefined(properties) as { [name: string]: unknown } });
}

/**
 * A copy of the value without `undefined` members and list elements, at any depth of plain objects and lists.
 *
 * aws-cdk-lib 2.95.1 keeps them when it resolves an override (an undefined list element renders as `null`),
 * newer releases drop them; without them, both render the same.
 */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((v) => v !== undefined).map(withoutUndefined);
  }
  if (isPlainObject(value)) {
    const defined: { [name: string]: unknown } = {};
    for (const [name, member] of Object.entries(value)) {
      if (member !== undefined) {
        defined[name] = withoutUndefined(member);
      }
    }
    return defined;
  }
  return value;
}

/** An object literal (not a token, nor an instance of a class). */
function isPlainObject(value: unknown): value is { [name: string]: unknown } {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Like `renderNewerPropertyLazily`, for an object the L1 already renders part of: `produce` returns members
 * (CloudFormation names) to merge into the object at `path` when the template is synthesized. A member that
 * renders nothing leaves the L1's member of that name as it is; any other replaces it, in its place.
 *
 * (An override whose value is `undefined` deletes what the L1 rendered at its path, which is why members are
 * left out instead.)
 */
export function mergeNewerPropertiesLazily(resource: CfnResource, path: string, produce: () => { [name: string]: unknown }): void {
  resource.addPropertyOverride(path, lazyAny(() => {
    const merged: { [name: string]: unknown } = {};
    for (const [name, value] of Object.entries(produce())) {
      const defined = withoutUndefined(value);
      if (!rendersNothing(defined)) {
        merged[name] = defined;
      }
    }
    return merged;
  }));
}
