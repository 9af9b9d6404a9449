import { CfnResource } from 'aws-cdk-lib';
import { CfnComputeEnvironment, CfnJobDefinition, CfnJobQueue, CfnSchedulingPolicy } from 'aws-cdk-lib/aws-batch';
import { Construct } from 'constructs';
import { cloudFormationNames } from './cfn-names';

/*
 * The one way this library renders CloudFormation that aws-cdk-lib 2.95.1's L1 classes do not know.
 *
 * An L1 class renders only the properties it was generated with: given a newer one, it drops it without a word.
 * This library supports every aws-cdk-lib from 2.95.1 on, so anything newer than that release's L1 schema
 * (a property, a nested property, or a whole resource type) is written as raw CloudFormation, the same on every
 * aws-cdk-lib of the range.
 *
 * Every L1 the library makes is an instance of a class `newerL1()` derives from aws-cdk-lib's (`JobDefinitionL1`,
 * ...; `newerResource()` for a resource type 2.95.1 has no class for). The newer values registered on it are merged
 * *under* what its typed props render, in `renderProperties()`: wherever both render a value, the typed props
 * win; objects merge member by member, lists element by element. The user's changes, made after construction,
 * therefore win at their path and leave the library's other members in place:
 * - an L1 property assignment, or a mixin, changes the typed props: what the typed props render there is replaced,
 *   and the newer members the assignment does not set stay under it;
 * - `addPropertyOverride()`, `addPropertyDeletionOverride()` and `addOverride()` are applied by aws-cdk-lib after
 *   `renderProperties()`, on the rendered properties.
 *
 * Values are given as the template shows them: CloudFormation names (`RepositoryCredentials`,
 * `CredentialsParameter`), not the L1's camelCase. They may hold tokens.
 */

/** Where the members that a newer value adds go among the members the typed props render, at every depth of the value. */
export enum Placement {
  /**
   * After the typed members, or in the place of a member the typed props render as `undefined` (as a property
   * override lands).
   */
  AFTER_TYPED = 'after',
  /** In alphabetical order among the typed members, where the newest L1 renders them. */
  ALPHABETICAL = 'alphabetical',
  /** In the newer value's own order, which may name typed members too; the typed members it does not name follow. */
  AS_LISTED = 'listed',
}

/** A value registered on an L1, at a path below its `Properties`. */
interface NewerValue {
  readonly path: string;
  readonly placement: Placement;
  /** The value without `undefined` members, or what `produce()` gave; `undefined` when it renders nothing. */
  value?: unknown;
  readonly produce?: () => unknown;
}

/** An L1 made by a class of `newerL1()`, which renders newer values under its typed props. */
export interface NewerL1 extends CfnResource {
  /** @internal */
  readonly _rendersNewer: true;
  /** @internal */
  _newer?: NewerValue[];
  /** @internal */
  _omittedWhenEmpty?: string[];
}

/** Where the newer values travel through aws-cdk-lib's token resolution, next to the typed props. */
const NEWER_KEY = '@aws-cdk/aws-batch-alpha:newer';

/**
 * The L1 writing its template right now. Its typed props carry the newer values only then (see `_toCloudFormation()`),
 * so that other readers of the props, such as the construct tree written to `tree.json`, see them as before.
 */
let rendering: CfnResource | undefined;

/**
 * A subclass of the L1 class that renders the newer values registered on it under its typed props.
 *
 * The newer values ride along with the typed props through aws-cdk-lib's token resolution, so their tokens are
 * resolved, and references to other stacks found, as the typed props' are. `renderProperties()` then gets both,
 * resolved: it renders the typed props as the L1 class does and merges each newer value under the result, in the
 * order registered. aws-cdk-lib applies the raw overrides after that.
 */
export function newerL1<C extends new (scope: Construct, id: string, props: any) => CfnResource>(Base: C):
new (...args: ConstructorParameters<C>) => InstanceType<C> & NewerL1 {
  const L1 = Base as new (scope: Construct, id: string, props: any) => CfnResource;
  class WithNewer extends L1 {
    declare public _newer?: NewerValue[];
    declare public _omittedWhenEmpty?: string[];

    public get _rendersNewer(): true {
      return true;
    }

    public _toCloudFormation(): object {
      const previous = rendering;
      rendering = this;
      try {
        return super._toCloudFormation();
      } finally {
        rendering = previous;
      }
    }

    protected get cfnProperties(): { [key: string]: any } {
      const props = super.cfnProperties;
      if (rendering !== this || (this._newer === undefined && this._omittedWhenEmpty === undefined)) {
        return props;
      }
      const values: { [index: string]: unknown } = {};
      (this._newer ?? []).forEach((newer, i) => {
        const value = valueOf(newer);
        if (value !== undefined) {
          values[i] = value;
        }
      });
      return { ...props, [NEWER_KEY]: values };
    }

    protected renderProperties(props: { [key: string]: any }): { [key: string]: any } {
      const values: { [index: string]: unknown } | undefined = props[NEWER_KEY];
      if (values === undefined) {
        return super.renderProperties(props);
      }
      const typed = { ...props };
      delete typed[NEWER_KEY];
      let rendered: unknown = super.renderProperties(typed);
      (this._newer ?? []).forEach((newer, i) => {
        if (values[i] !== undefined) {
          rendered = mergeAt(rendered, newer.path === '' ? [] : newer.path.split('.'), 0, values[i], newer.placement);
        }
      });
      return omitEmptyLists(rendered as { [key: string]: any }, this._omittedWhenEmpty ?? []);
    }
  }
  return WithNewer as unknown as new (...args: ConstructorParameters<C>) => InstanceType<C> & NewerL1;
}

/** `CfnJobDefinition`, rendering newer values under its typed props. */
export const JobDefinitionL1 = newerL1(CfnJobDefinition);
export type JobDefinitionL1 = InstanceType<typeof JobDefinitionL1>;
/** `CfnComputeEnvironment`, rendering newer values under its typed props. */
export const ComputeEnvironmentL1 = newerL1(CfnComputeEnvironment);
export type ComputeEnvironmentL1 = InstanceType<typeof ComputeEnvironmentL1>;
/** `CfnJobQueue`, rendering newer values under its typed props. */
export const JobQueueL1 = newerL1(CfnJobQueue);
export type JobQueueL1 = InstanceType<typeof JobQueueL1>;
/** `CfnSchedulingPolicy`, rendering newer values under its typed props. */
export const SchedulingPolicyL1 = newerL1(CfnSchedulingPolicy);
export type SchedulingPolicyL1 = InstanceType<typeof SchedulingPolicyL1>;
/** `CfnResource`, rendering newer values under its properties. */
const ResourceL1 = newerL1(CfnResource);

/**
 * A resource of a type aws-cdk-lib 2.95.1 has no L1 class for (see `newerResource()`): what the library renders is
 * a newer value at the root, and the properties set after construction, as on an L1 class, are its typed props.
 */
class UntypedL1 extends ResourceL1 {
  /** The properties set after construction, by CloudFormation name, as given (in the L1's camelCase names). */
  declare public _assigned?: { [name: string]: unknown };

  protected get cfnProperties(): { [key: string]: any } {
    const props = super.cfnProperties;
    if (this._assigned === undefined) {
      return props;
    }
    const typed = { ...props };
    for (const [name, value] of Object.entries(this._assigned)) {
      // an L1 class takes the names of a map's entries as they are
      typed[name] = name === 'Tags' ? value : cloudFormationNames(value);
    }
    return typed;
  }
}

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
 * Renders `value` at `path` below the resource's `Properties`, under what the typed props render there.
 *
 * `path` is dot-separated CloudFormation names, e.g. `ContainerProperties.RepositoryCredentials`; a number
 * names an element of a list the typed props render (`NodeProperties.NodeRangeProperties.0.Container.X`); `''`
 * is the properties themselves.
 * A value that renders nothing leaves the template as it is.
 */
export function renderNewerProperty(resource: NewerL1, path: string, value: unknown, placement = Placement.AFTER_TYPED): void {
  const defined = withoutUndefined(value);
  if (!rendersNothing(defined)) {
    register(resource, { path, placement, value: defined });
  }
}

/**
 * `renderNewerProperty()` for each member of `values` that renders something, at `<path>.<member>`.
 */
export function renderNewerProperties(resource: NewerL1, path: string, values: { [name: string]: unknown }): void {
  for (const [name, value] of Object.entries(values)) {
    renderNewerProperty(resource, `${path}.${name}`, value);
  }
}

/**
 * Like `renderNewerProperty()`, for state that `add*()` methods may still change: `produce` runs once, when the
 * template is synthesized, and a result that renders nothing leaves the template as it is.
 */
export function renderNewerPropertyLazily(resource: NewerL1, path: string, produce: () => unknown, placement = Placement.AFTER_TYPED): void {
  register(resource, { path, placement, produce });
}

/**
 * `renderNewerPropertyLazily()` for a list that `add*()` methods fill, registered only once the list holds an item:
 * a resource whose list stays empty carries nothing for it.
 *
 * Call it when the L1 exists and after each addition, passing what the previous call returned: it returns
 * `resource` while the list is still empty, and `undefined` once the property is registered. `render` gets the
 * list itself when the template is synthesized, so items added after the registration are rendered too.
 */
export function renderNewerListOnceFilled<R extends NewerL1, T>(resource: R | undefined, path: string, items: T[],
  render: (items: T[]) => unknown): R | undefined {
  if (resource === undefined || items.length === 0) {
    return resource;
  }
  renderNewerPropertyLazily(resource, path, () => render(items));
  return undefined;
}

/**
 * Leaves the top-level property `name` out of the template when it renders an empty list: for a property
 * aws-cdk-lib 2.95.1's L1 requires, which the resource renders empty because CloudFormation must not get it
 * (as a job queue of service environments, which takes no `ComputeEnvironmentOrder`). A list the user sets stays.
 */
export function omitWhenEmpty(resource: NewerL1, name: string): void {
  (resource._omittedWhenEmpty ??= []).push(name);
}

/**
 * A resource whose type aws-cdk-lib 2.95.1 has no L1 class for (e.g. `AWS::Batch::ConsumableResource`).
 *
 * `properties` are CloudFormation names, every property of the type (`undefined` for one the resource does not
 * render, which is left out). Each can also be set after construction under the L1's camelCase name, with the
 * L1's camelCase members (`resource.totalQuantity = 5`), as on the L1 class of a newer aws-cdk-lib; a mixin sets
 * properties that way. What is set is rendered as an L1 renders its typed props, with the library's value merged
 * under it. The same class is used on every aws-cdk-lib version, so the template never depends on which one is
 * installed.
 */
export function newerResource(scope: Construct, id: string, type: string, properties: { [name: string]: unknown }): NewerL1 {
  const resource = new UntypedL1(scope, id, { type });
  renderNewerProperty(resource, '', properties);
  for (const name of Object.keys(properties)) {
    Object.defineProperty(resource, name.charAt(0).toLowerCase() + name.slice(1), {
      get: () => resource._assigned?.[name],
      set: (value: unknown) => {
        (resource._assigned ??= {})[name] = value;
      },
      configurable: true,
    });
  }
  return resource;
}

function register(resource: NewerL1, newer: NewerValue): void {
  (resource._newer ??= []).push(newer);
}

/** The value to render, produced (once) for a lazy one. */
function valueOf(newer: NewerValue): unknown {
  if (newer.value === undefined && newer.produce !== undefined) {
    const value = withoutUndefined(newer.produce());
    newer.value = rendersNothing(value) ? undefined : value;
  }
  return newer.value;
}

/**
 * A copy of the value without `undefined` members and list elements, at any depth of plain objects and lists.
 *
 * A value that renders nothing is told apart before its tokens are resolved: `{ A: undefined }` renders nothing,
 * `{ A: token }` does, whatever the token resolves to.
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
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An object whose members merge one by one: a plain object that is not a CloudFormation intrinsic (`Ref`, `Fn::*`). */
function isMergeable(value: unknown): value is { [name: string]: unknown } {
  if (!isPlainObject(value)) {
    return false;
  }
  const names = Object.keys(value);
  return !(names.length === 1 && (names[0] === 'Ref' || names[0] === 'Condition' || names[0].startsWith('Fn::')));
}

/** `typed` with `newer` merged under it at `path[at...]`, a path the typed value may lack in part. */
function mergeAt(typed: unknown, path: string[], at: number, newer: unknown, placement: Placement): unknown {
  if (at === path.length) {
    return mergeUnder(typed, newer, placement);
  }
  const name = path[at];
  if (Array.isArray(typed)) {
    // a path names an element of a list by its index: one the list has
    const index = Number(name);
    if (!Number.isInteger(index) || index < 0 || index >= typed.length) {
      return typed;
    }
    const elements = [...typed];
    elements[index] = mergeAt(typed[index], path, at + 1, newer, placement);
    return elements;
  }
  if (typed === undefined) {
    const member = mergeAt(undefined, path, at + 1, newer, placement);
    return member === undefined ? undefined : { [name]: member };
  }
  if (!isMergeable(typed)) {
    return typed;
  }
  const member = mergeAt(typed[name], path, at + 1, newer, placement);
  // a member the typed value has (even as `undefined`) keeps its place; a new one comes last
  return member === undefined ? typed : { ...typed, [name]: member };
}

/**
 * `newer` merged under `typed`: where both have a value, the typed one wins. Objects merge member by member,
 * lists element by element at the same index (the typed list's length stays); what only `newer` has is added
 * where `placement` says, without its empty objects (as a property override leaves them out).
 */
function mergeUnder(typed: unknown, newer: unknown, placement: Placement): unknown {
  if (typed === undefined) {
    return withoutEmptyObjects(newer);
  }
  if (newer === undefined) {
    return typed;
  }
  if (Array.isArray(typed)) {
    return Array.isArray(newer) ? typed.map((element, i) => mergeUnder(element, newer[i], placement)) : typed;
  }
  if (!isMergeable(typed) || !isMergeable(newer)) {
    return typed;
  }
  const merged: { [name: string]: unknown } = {};
  for (const name of memberOrder(Object.keys(typed), Object.keys(newer), placement)) {
    const value = mergeUnder(typed[name], newer[name], placement);
    if (value !== undefined || name in typed) {
      merged[name] = value;
    }
  }
  return merged;
}

/** The names of the merged members, in the order `placement` gives. */
function memberOrder(typed: string[], newer: string[], placement: Placement): string[] {
  const typedSet = new Set(typed);
  const added = newer.filter((name) => !typedSet.has(name));
  switch (placement) {
    case Placement.AS_LISTED: {
      const newerSet = new Set(newer);
      return [...newer, ...typed.filter((name) => !newerSet.has(name))];
    }
    case Placement.ALPHABETICAL: {
      const sorted = [...added].sort();
      const names: string[] = [];
      let next = 0;
      for (const name of typed) {
        while (next < sorted.length && sorted[next] < name) {
          names.push(sorted[next++]);
        }
        names.push(name);
      }
      return [...names, ...sorted.slice(next)];
    }
    default:
      return [...typed, ...added];
  }
}

/** The value without the objects that hold nothing (at any depth of objects; lists are kept as they are). */
function withoutEmptyObjects(value: unknown): unknown {
  if (!isPlainObject(value)) {
    return value;
  }
  const kept: { [name: string]: unknown } = {};
  for (const [name, member] of Object.entries(value)) {
    const pruned = withoutEmptyObjects(member);
    if (pruned !== undefined) {
      kept[name] = pruned;
    }
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** The rendered properties without those of `names` that render an empty list. */
function omitEmptyLists(rendered: { [key: string]: any }, names: string[]): { [key: string]: any } {
  const empty = names.filter((name) => Array.isArray(rendered[name]) && rendered[name].length === 0);
  if (empty.length === 0) {
    return rendered;
  }
  const kept = { ...rendered };
  empty.forEach((name) => delete kept[name]);
  return kept;
}
