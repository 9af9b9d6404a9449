/**
 * The user's changes win, on every construct of this library that owns a CloudFormation resource, at every leaf
 * property path of that resource type in the newest aws-cdk-lib L1 (read from its jsii assembly, lists at index 0;
 * a newer aws-cdk-lib brings more paths, and no edit here):
 * - an override applied after construction (`addPropertyOverride()`) appears in the template at its path;
 * - a deletion override (`addPropertyDeletionOverride()`) removes the property;
 * - an L1 property assignment made after construction wins at every leaf it sets.
 * Each construct is fully featured (test/util/full-constructs.ts): the library renders all it can, newer
 * CloudFormation included, at and around those paths. The checks are in test/util/user-changes.ts; the same run on
 * aws-cdk-lib's own L2s is test/robustness/user-changes-win-stable.test.ts.
 *
 * On aws-cdk-lib 2.95.1 (the floor run) the paths still come from the newest assembly: an override is raw
 * CloudFormation, which renders on any version; an L1 assignment is made for the properties that L1 has.
 *
 * All overrides of a construct are applied in one app: aws-cdk-lib merges the raw overrides into the rendered
 * properties one path at a time, after `renderProperties()`, and no leaf path is a prefix of another, so each
 * lands on its own. A sample of paths per construct is overridden one at a time too, which shows that an override
 * leaves every other leaf of the template as it was.
 */
import { Resource } from 'aws-cdk-lib';
import * as ours from '../../lib';
import { assemblyTypes, loadAssembly } from '../util/assembly';
import { FULL_CONSTRUCTS } from '../util/full-constructs';
import { batchLeafPaths, newestVersion } from '../util/l1-paths';
import { describeUserChangesWin, subjectsOf } from '../util/user-changes';

test('the paths come from the newest aws-cdk-lib\'s assembly, for every Batch resource type, and each type has a construct', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(newestVersion()).toBe(require('../../package.json').devDependencies['aws-cdk-lib']);
  const owned = new Set(FULL_CONSTRUCTS.map((s) => s.resourceType));
  const types = [...batchLeafPaths().keys()];
  expect(types).toEqual([...owned].sort());
  expect(subjectsOf(ours).map((s) => s.name)).toEqual(FULL_CONSTRUCTS.map((s) => s.name));
});

test('every public construct that owns a resource is covered: each concrete class of the API that is an aws-cdk-lib Resource', () => {
  const types = assemblyTypes(loadAssembly());
  const owners = Object.entries(ours)
    .filter(([name, value]) => typeof value === 'function' && value.prototype instanceof Resource
      && types[`@aws-cdk/aws-batch-alpha.${name}`]?.kind === 'class' && !types[`@aws-cdk/aws-batch-alpha.${name}`].abstract)
    .map(([name]) => name);
  expect(owners.sort()).toEqual([...new Set(FULL_CONSTRUCTS.map((s) => s.name))].sort());
});

describe('every construct of this library that owns a resource', () => describeUserChangesWin(ours));
