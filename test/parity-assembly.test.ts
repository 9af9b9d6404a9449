/**
 * Code written against aws-cdk-lib's stable `aws-batch` ports here by changing the import: every
 * L2 type and member of aws-cdk-lib 2.276's `aws_batch` (read from the jsii assembly of aws-cdk-lib
 * 2.276.0 itself, the devDependency alias `aws-cdk-lib-2-276`, whatever the newest release is) exists in
 * this library's assembly, under the same name and of the same kind, except the listed ones,
 * which need types aws-cdk-lib 2.95.1 lacks (see the README, "Not provided").
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadAssembly, loadAssemblyIn, REPO_ROOT } from './util/assembly';

const OURS = '@aws-cdk/aws-batch-alpha.';
const STABLE = 'aws-cdk-lib.aws_batch.';

/**
 * Not provided: the `*Ref` getters of aws-cdk-lib's reference interfaces (`interfaces.aws_batch.I*Ref`),
 * which 2.95.1 lacks. (Parameters widened to accept those interfaces or L1 constructs are not
 * members and need no entry: the narrower parameter here takes this library's own types.)
 */
export const OUT_OF_SCOPE = [
  'ComputeEnvironment.computeEnvironmentRef',
  'JobQueue.jobQueueRef',
  'JobDefinition.jobDefinitionRef',
  'SchedulingPolicy.schedulingPolicyRef',
  'ConsumableResource.consumableResourceRef',
];

function isOutOfScope(member: string): boolean {
  return OUT_OF_SCOPE.some((entry) => entry.split('.')[1] === member);
}

type Members = Map<string, string>; // name -> kind

/** Own and inherited members of a type, looked up in the given assemblies. */
function effectiveMembers(fqn: string, types: Record<string, any>): Members {
  const result: Members = new Map();
  const visit = (name: string) => {
    const t = types[name];
    if (!t) {
      return;
    }
    for (const p of t.properties ?? []) {
      result.set(p.name, p.static ? 'static property' : 'property');
    }
    for (const m of t.methods ?? []) {
      result.set(m.name, m.static ? 'static method' : 'method');
    }
    for (const m of t.members ?? []) {
      result.set(m.name, 'enum member');
    }
    if (t.base) {
      visit(t.base);
    }
    for (const i of t.interfaces ?? []) {
      visit(i);
    }
  };
  visit(fqn);
  return result;
}

describe('parity with aws-cdk-lib 2.276 aws-batch', () => {
  const ours = loadAssembly();
  const stable = loadAssemblyIn(path.join(REPO_ROOT, 'node_modules', 'aws-cdk-lib-2-276'));
  const types = { ...stable.types, ...ours.types };
  const stableL2 = Object.keys(stable.types)
    .filter((fqn) => fqn.startsWith(STABLE) && !fqn.slice(STABLE.length).startsWith('Cfn') && !fqn.slice(STABLE.length).includes('.'));

  test('the stable module has the types the research counted', () => {
    expect(stableL2.length).toBe(93);
  });

  test.each(stableL2.map((fqn) => [fqn.slice(STABLE.length)]))('%s exists here with every member', (name) => {
    const mine = ours.types[OURS + name];
    expect(mine).toBeDefined();
    expect(mine.kind).toBe(stable.types[STABLE + name].kind);
    const expected = effectiveMembers(STABLE + name, types);
    const actual = effectiveMembers(OURS + name, types);
    const missing = [...expected.entries()]
      .filter(([member, kind]) => actual.get(member) !== kind && !isOutOfScope(member))
      .map(([member, kind]) => `${kind} ${member}`);
    expect(missing).toEqual([]);
  });

  test('the check notices a missing member', () => {
    const withoutOne = { ...types, [OURS + 'JobQueue']: { ...types[OURS + 'JobQueue'], properties: [] } };
    const expected = effectiveMembers(STABLE + 'JobQueue', types);
    const actual = effectiveMembers(OURS + 'JobQueue', withoutOne);
    expect([...expected.keys()].filter((m) => !actual.has(m))).toContain('PROPERTY_INJECTION_ID');
  });

  test('the README lists what is not provided', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Not provided'));
    for (const entry of OUT_OF_SCOPE) {
      expect(section).toContain(`\`${entry.split('.')[1]}\``);
    }
  });
});
