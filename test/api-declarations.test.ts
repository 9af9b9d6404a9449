/**
 * Every public method of a class in the jsii assembly is declared on a type the assembly has.
 *
 * jsii leaves the `@internal` base classes (`JobDefinitionBase`, `ManagedEc2ComputeEnvironmentBase`,
 * `EcsTaskDefinitionBase`, `EcsContainerDefinitionBase`, ...) out of the assembly and copies their
 * members into each subclass. jsii-rosetta, when it translates the README's examples, looks a
 * called method up by the class that declares it in TypeScript. A method declared only on a
 * hidden base has no type to resolve to, so rosetta guesses its name in every language and prints
 * `Could not resolve symbol id "lib/job-definition-base:JobDefinitionBase"`. Each concrete class
 * therefore redeclares the methods it inherits from a hidden base.
 */
import * as path from 'path';
import * as ts from 'typescript';
import { loadAssembly, REPO_ROOT } from './util/assembly';

interface Declared {
  readonly member: string;
  /** The symbol id of the type whose TypeScript declaration holds the member. */
  readonly declaredOn: string;
}

let program: ts.Program | undefined;

/** For each named class of the assembly, where TypeScript declares each of the given members. */
function declarations(types: Record<string, any>, kind: 'methods' | 'properties'): Declared[] {
  program ??= ts.createProgram([path.join(REPO_ROOT, 'lib', 'index.ts')], { target: ts.ScriptTarget.ES2020, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const result: Declared[] = [];
  for (const type of Object.values(types)) {
    if (type.kind !== 'class') {
      continue;
    }
    const [file, name] = String(type.symbolId).split(':');
    const source = program.getSourceFile(path.join(REPO_ROOT, `${file}.ts`));
    const node = source?.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === name);
    if (!node?.name) {
      throw new Error(`no class ${name} in ${file}.ts`);
    }
    const classType = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(node.name)!);
    for (const member of (type[kind] ?? []).filter((m: any) => !m.static)) {
      const declaration = checker.getPropertyOfType(classType, member.name)?.declarations?.[0];
      const owner = declaration?.parent;
      if (!owner || !(ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) || !owner.name) {
        throw new Error(`no declaration of ${name}.${member.name}`);
      }
      const ownerFile = owner.getSourceFile().fileName;
      const declaredOn = ownerFile.includes(`${path.sep}node_modules${path.sep}`)
        ? 'dependency'
        : `${path.relative(REPO_ROOT, ownerFile).replace(/\.ts$/, '').split(path.sep).join('/')}:${owner.name.text}`;
      result.push({ member: `${name}.${member.name}`, declaredOn });
    }
  }
  return result;
}

describe('declarations behind the assembly', () => {
  const types = loadAssembly().types as Record<string, any>;
  const inAssembly = new Set(Object.values(types).map((t: any) => t.symbolId));
  inAssembly.add('dependency');
  const methods = declarations(types, 'methods');

  test('every public method is declared on a type of the assembly', () => {
    expect(methods.length).toBeGreaterThan(40);
    expect(methods.filter((d) => !inAssembly.has(d.declaredOn)).map((d) => `${d.member} is declared on ${d.declaredOn}`)).toEqual([]);
  });

  test.each([
    ['EcsJobDefinition.addRetryStrategy', 'lib/ecs-job-definition:EcsJobDefinition'],
    ['ManagedEc2EksComputeEnvironment.addInstanceType', 'lib/managed-ec2-eks-compute-environment:ManagedEc2EksComputeEnvironment'],
    ['EcsFargateTaskDefinition.addContainer', 'lib/ecs-task-definition:EcsFargateTaskDefinition'],
    ['EcsEc2ContainerDefinition.addVolume', 'lib/ecs-ec2-container-definition:EcsEc2ContainerDefinition'],
  ])('%s is declared on its own class', (member, declaredOn) => {
    expect(methods.find((d) => d.member === member)?.declaredOn).toBe(declaredOn);
  });

  test('the check sees a member that only a hidden base declares', () => {
    // properties stay on the bases: rosetta resolves only methods and field reads by their declaration
    const timeout = declarations(types, 'properties').find((d) => d.member === 'EcsJobDefinition.timeout');
    expect(timeout?.declaredOn).toBe('lib/job-definition-base:JobDefinitionBase');
    expect(inAssembly.has(timeout!.declaredOn)).toBe(false);
  });
});
