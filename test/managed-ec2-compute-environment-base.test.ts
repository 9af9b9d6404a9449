/**
 * The EC2 base (`lib/managed-ec2-compute-environment-base.ts`) declares the members that ECS and EKS
 * compute environments share; its behaviour is tested through both in their own test files. Here: its
 * members read the same in every place a user meets them, the allocation strategy first of all.
 */
import { assemblyTypes, loadAssembly } from './util/assembly';

const types = assemblyTypes(loadAssembly());
const NS = '@aws-cdk/aws-batch-alpha';
const oneLine = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
const property = (type: string, name: string): any => (types[`${NS}.${type}`].properties ?? []).find((p: any) => p.name === name);

/** The properties the base declares, as the assembly folds them into each EC2 class. */
const baseMembers = (cls: string): string[] => types[`${NS}.${cls}`].properties
  .filter((p: any) => p.locationInModule?.filename === 'lib/managed-ec2-compute-environment-base.ts')
  .map((p: any) => p.name);

const CLASSES = ['ManagedEc2EcsComputeEnvironment', 'ManagedEc2EksComputeEnvironment'];

test('the base declares the shared EC2 members, allocationStrategy among them', () => {
  for (const cls of CLASSES) {
    expect(baseMembers(cls)).toEqual(expect.arrayContaining(['allocationStrategy', 'instanceRole', 'launchTemplate', 'minvCpus', 'placementGroup', 'spotBidPercentage']));
  }
});

describe.each(CLASSES)('%s', (cls) => {
  test.each(baseMembers(cls))('%s: the class, its props and its interface give one summary and one default', (name) => {
    const places = [cls, `${cls}Props`, 'ManagedComputeEnvironmentProps', 'IManagedEc2EcsComputeEnvironment', 'IManagedComputeEnvironment']
      .map((t) => [t, property(t, name)])
      .filter(([, p]) => p !== undefined) as Array<[string, any]>;
    expect(places.length).toBeGreaterThanOrEqual(2);
    // the first sentence, without what a getter adds about copies
    const summaries = places.map(([, p]) => oneLine(p.docs?.summary).replace(/ \(a copy: .*\)/, '').replace(/[.;]$/, '').replace(/;.*$/, ''));
    expect(new Set(summaries).size).toBe(1);
    const defaults = places.map(([, p]) => p.docs?.default).filter((d) => d !== undefined);
    expect(new Set(defaults).size).toBeLessThanOrEqual(1);
  });
});

test('the allocation strategy is described alike in the ECS interface, both props and both classes', () => {
  const places = ['IManagedEc2EcsComputeEnvironment', ...CLASSES, ...CLASSES.map((c) => `${c}Props`)]
    .map((t) => property(t, 'allocationStrategy'));
  expect(new Set(places.map((p) => oneLine(p.docs.summary))).size).toBe(1);
  expect(new Set(places.map((p) => p.docs.default))).toEqual(new Set(['- `BEST_FIT_PROGRESSIVE` without Spot, `SPOT_PRICE_CAPACITY_OPTIMIZED` with Spot']));
});
