/**
 * The checks that the user's changes win on a construct (see test/robustness/user-changes-win.test.ts), shared by
 * the run on this library and the run on aws-cdk-lib's own L2s.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { FULL_CONSTRUCTS, FullConstruct, labelOf, moduleHas } from './full-constructs';
import { batchLeafPaths, LeafPath } from './l1-paths';

const LEAVES = batchLeafPaths();
/** Paths overridden one at a time per construct (the interesting ones: under something the library renders). */
const SAMPLE = 3;

interface Synthesized {
  readonly properties: any;
  readonly resource: CfnResource;
}

/** Builds the construct in a fresh app, applies `change` to its L1 and returns the L1's synthesized `Properties`. */
function synthesize(batch: any, subject: FullConstruct, change: (resource: CfnResource) => void = () => undefined): Synthesized {
  // (no template validation: the override values are made up)
  const app = new App({ context: { '@aws-cdk/core:validateTemplate': false }, builtinCloudFormationValidation: false } as any);
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const construct: IConstruct = subject.build(batch, stack);
  const resource = construct.node.defaultChild as CfnResource;
  expect(resource.cfnResourceType).toBe(subject.resourceType);
  change(resource);
  const template = app.synth().getStackByName(stack.stackName).template;
  return { properties: template.Resources[stack.resolve(resource.logicalId)].Properties ?? {}, resource };
}

const MISSING = Symbol('missing');

/** The value at a dot-separated path (a number names a list element or a member of that name), or MISSING. */
function valueAt(root: unknown, path: string): unknown {
  let current: any = root;
  for (const name of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(name in current)) {
      return MISSING;
    }
    current = current[name];
  }
  return current;
}

/** Whether the template holds the override: the value itself, or for a map its entries (an object merges into the map). */
function holds(rendered: unknown, value: unknown): boolean {
  if (isObject(value) && isObject(rendered)) {
    return Object.entries(value).every(([name, member]) => JSON.stringify((rendered as any)[name]) === JSON.stringify(member));
  }
  return JSON.stringify(rendered) === JSON.stringify(value);
}

/**
 * The properties an L1 that rendered `base` has once the raw overrides are applied, as aws-cdk-lib applies them to
 * any L1: each path is set (or, for `undefined`, deleted) on the rendered properties; an object merges into an
 * object, replacing a CloudFormation intrinsic; an object left empty by the overrides goes; and a list closes up
 * around the elements removed. This is the template a user gets from an L1 that renders `base` on its own.
 */
function withRawOverrides(base: unknown, overrides: Array<[string, unknown]>): unknown {
  const tree: any = {};
  for (const [path, value] of overrides) {
    const names = path.split('.');
    let current = tree;
    for (const name of names.slice(0, -1)) {
      current[name] = isObject(current[name]) && !Array.isArray(current[name]) ? current[name] : {};
      current = current[name];
    }
    current[names[names.length - 1]] = value;
  }
  const result = JSON.parse(JSON.stringify({ properties: base }));
  merge(result, { properties: tree });
  return closeUp(result.properties ?? {});
}

function merge(target: any, source: any): void {
  for (const name of Object.keys(source)) {
    const value = source[name];
    if (isObject(value) && !Array.isArray(value)) {
      if (!isObject(target[name]) || isIntrinsic(target[name]) || isIntrinsic(value)) {
        target[name] = {};
      }
      merge(target[name], value);
      if (Object.keys(target[name]).length === 0) {
        delete target[name];
      }
    } else if (value === undefined) {
      delete target[name];
    } else {
      target[name] = value;
    }
  }
}

/** The value with the holes of its lists removed, at any depth. */
function closeUp(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((_, i) => i in value).map(closeUp);
  }
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, closeUp(member)]));
  }
  return value;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isIntrinsic(value: unknown): boolean {
  const names = isObject(value) ? Object.keys(value) : [];
  return names.length === 1 && (names[0] === 'Ref' || names[0].startsWith('Fn::'));
}

/** A value for the leaf that the template cannot hold already (the i-th of the construct). */
function overrideValue(leaf: LeafPath, i: number, base: any): unknown {
  switch (leaf.kind) {
    case 'number':
      return 900000 + i;
    case 'boolean':
      return valueAt(base, leaf.path) !== true;
    case 'map':
      return { [`override-key-${i}`]: `override-${i}` };
    default:
      return `override-${i}`;
  }
}

/** The leaves the sample overrides one at a time: spread over those below a member the library renders. */
function sampleOf(leaves: LeafPath[], base: any): LeafPath[] {
  const underRendered = leaves.filter((leaf) => {
    const parent = leaf.path.split('.').slice(0, -1).join('.');
    return parent !== '' && valueAt(base, parent) !== MISSING;
  });
  const pool = underRendered.length > 0 ? underRendered : leaves;
  const step = pool.length / Math.min(SAMPLE, pool.length);
  return Array.from({ length: Math.min(SAMPLE, pool.length) }, (_, i) => pool[Math.floor(i * step)]);
}

/** The typed value an L1 assignment sets for each top-level property: every leaf below it set, lists of one. */
function typedValues(leaves: LeafPath[]): Map<string, { value: unknown; leaves: Array<[LeafPath, unknown]> }> {
  const result = new Map<string, { value: unknown; leaves: Array<[LeafPath, unknown]> }>();
  leaves.forEach((leaf, i) => {
    const [top, ...rest] = leaf.l1Path.split('.');
    const value = leaf.kind === 'number' ? 800000 + i
      : leaf.kind === 'boolean' ? i % 2 === 0
        : leaf.kind === 'map' || leaf.kind === 'json' ? { [`typed-key-${i}`]: `typed-${i}` }
          : `typed-${i}`;
    const entry = result.get(top) ?? { value: undefined, leaves: [] };
    entry.leaves.push([leaf, value]);
    entry.value = setAt(entry.value, rest, value);
    result.set(top, entry);
  });
  return result;
}

function setAt(target: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) {
    return value;
  }
  const [name, ...rest] = path;
  const container: any = target ?? (name === '0' ? [] : {});
  container[name === '0' && Array.isArray(container) ? 0 : name] = setAt(container[name], rest, value);
  return container;
}

/** The constructs of the module that the checks run on: every one it has. */
export function subjectsOf(batch: any): FullConstruct[] {
  return FULL_CONSTRUCTS.filter((s) => moduleHas(batch, s.needs));
}

/**
 * Defines, for each construct the module has, the tests that overrides, deletion overrides and L1 property
 * assignments made after construction reach the template at every leaf path of its resource type.
 */
export function describeUserChangesWin(batch: any): void {
  const subjects = subjectsOf(batch);

  describe.each(subjects.map((s): [string, FullConstruct] => [labelOf(s), s]))('%s', (_label, subject) => {
    const leaves = LEAVES.get(subject.resourceType)!;
    let base: any;
    beforeAll(() => {
      base = synthesize(batch, subject).properties;
    });

    test('an override at every leaf path appears in the template at that path, on top of what the library renders', () => {
      const overrides = leaves.map((leaf, i): [string, unknown] => [leaf.path, overrideValue(leaf, i, base)]);
      const { properties } = synthesize(batch, subject, (resource) => {
        overrides.forEach(([path, value]) => resource.addPropertyOverride(path, value));
      });
      expect(leaves.filter((leaf, i) => !holds(valueAt(properties, leaf.path), overrides[i][1])).map((l) => l.path)).toEqual([]);
      expect(properties).toEqual(withRawOverrides(base, overrides));
    });

    test('a deletion override at every leaf path removes the property, and only it', () => {
      const deletions = leaves.map((leaf): [string, unknown] => [leaf.path, undefined]);
      const { properties } = synthesize(batch, subject, (resource) => {
        leaves.forEach((leaf) => resource.addPropertyDeletionOverride(leaf.path));
      });
      // (a list closes up around an element that is removed whole, so only the rest of the template is compared)
      expect(properties).toEqual(withRawOverrides(base, deletions));
    });

    test('an override or a deletion override, alone, changes its path and nothing else', () => {
      for (const leaf of sampleOf(leaves, base)) {
        for (const value of [overrideValue(leaf, 0, base), undefined]) {
          const { properties } = synthesize(batch, subject, (resource) => resource.addPropertyOverride(leaf.path, value));
          expect([leaf.path, properties]).toEqual([leaf.path, withRawOverrides(base, [[leaf.path, value]])]);
        }
      }
    });

    test('an L1 property assignment after construction wins at every leaf it sets that the L1 renders', () => {
      const typed = typedValues(leaves);
      const known = new Set<string>();
      const { properties } = synthesize(batch, subject, (resource: any) => {
        for (const [name, { value }] of typed) {
          // tags go through the tag manager (Tags.of()); a property the installed L1 does not have is not assignable
          if (name !== 'tags' && name in resource) {
            resource[name] = value;
            known.add(name);
          }
        }
      });
      // what an L1 of the installed aws-cdk-lib, alone, renders of the same values (2.95.1's L1 drops members it
      // does not know; for a type it has no class for, the library renders every member it is given)
      const rendered = bareL1Properties(subject.resourceType, typed, known);
      const expected = [...typed].filter(([name]) => known.has(name)).flatMap(([, { leaves: set }]) => set)
        .filter(([leaf, value]) => rendered === undefined || holds(valueAt(rendered, leaf.path), value));
      expect(expected.filter(([leaf, value]) => !holds(valueAt(properties, leaf.path), value)).map(([leaf]) => leaf.path)).toEqual([]);
      expect(expected.length).toBeGreaterThan(0);
    });
  });
}

/**
 * The properties an L1 of the installed aws-cdk-lib renders for the typed values of `names`, made on its own; or
 * `undefined` when the installed aws-cdk-lib has no L1 class for the type.
 */
function bareL1Properties(type: string, typed: ReturnType<typeof typedValues>, names: Set<string>): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const l1 = require('aws-cdk-lib/aws-batch')[`Cfn${type.split('::')[2]}`];
  if (l1 === undefined) {
    return undefined;
  }
  const app = new App({ builtinCloudFormationValidation: false } as any);
  new l1(new Stack(app, 'Bare'), 'Bare', Object.fromEntries([...typed].filter(([name]) => names.has(name)).map(([name, { value }]) => [name, value])));
  return app.synth().getStackByName('Bare').template.Resources.Bare.Properties;
}

/** The leaves of the typed values of `names` that the rendered properties do not hold. */
function lostLeaves(properties: unknown, typed: ReturnType<typeof typedValues>, names: Set<string>): string[] {
  return [...typed].filter(([name]) => names.has(name)).flatMap(([, { leaves: set }]) => set)
    .filter(([leaf, value]) => !holds(valueAt(properties, leaf.path), value))
    .map(([leaf]) => leaf.path);
}

/**
 * Whether `PropertyMergeStrategy.combine()` can merge into the value: it copies the value member by member into a
 * new object, walking every member that is an object, so a member that is an instance of a class (a lazily
 * rendered value) loses its class and fails to resolve. Lists it takes as they are.
 */
function combinable(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.values(value).every(combinable);
}

/**
 * Defines, for each construct the module has, the tests that the property changes a CDK mixin makes on its L1
 * (`CfnPropsMixin`, applied with `.with()` after construction) reach the template at every leaf they set. Needs an
 * aws-cdk-lib with mixins (2.95.1 has none).
 */
export function describeMixinsWin(batch: any): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { CfnPropsMixin } = require('aws-cdk-lib/core/lib/helpers-internal');
  const { PropertyMergeStrategy } = require('aws-cdk-lib');
  const l1s = require('aws-cdk-lib/aws-batch');
  /* eslint-enable @typescript-eslint/no-require-imports */

  describe.each(subjectsOf(batch).map((s): [string, FullConstruct] => [labelOf(s), s]))('%s', (_label, subject) => {
    const leaves = LEAVES.get(subject.resourceType)!;
    const l1 = l1s[`Cfn${subject.resourceType.split('::')[2]}`];
    const typed = typedValues(leaves);
    // tags go through the tag manager (Tags.of())
    const names = new Set([...typed.keys()].filter((name) => name !== 'tags'));
    const props = (only: Set<string>) => Object.fromEntries([...typed].filter(([name]) => only.has(name)).map(([name, { value }]) => [name, value]));

    test('a mixin that overrides every property wins at every leaf it sets', () => {
      const { properties } = synthesize(batch, subject, (resource) => {
        resource.node.scope!.with(new CfnPropsMixin(l1, props(names), { strategy: PropertyMergeStrategy.override() }));
      });
      expect(lostLeaves(properties, typed, names)).toEqual([]);
    });

    test('a mixin that combines into every property it can merge into wins at every leaf it sets', () => {
      const combined = new Set<string>();
      const { properties } = synthesize(batch, subject, (resource: any) => {
        for (const name of names) {
          if (combinable(resource[name])) {
            combined.add(name);
          }
        }
        resource.node.scope!.with(new CfnPropsMixin(l1, props(combined), { strategy: PropertyMergeStrategy.combine() }));
      });
      expect(lostLeaves(properties, typed, combined)).toEqual([]);
      expect(combined.size).toBeGreaterThan(0);
    });
  });
}
