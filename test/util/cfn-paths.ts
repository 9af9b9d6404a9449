/**
 * Property paths of CloudFormation resources: every path the AWS::Batch L1s of an aws-cdk-lib can render, read
 * from its jsii assembly, and the paths a synthesized template renders.
 *
 * A path is the resource type, a space, and the property names from the resource's `Properties` down, joined
 * with dots, with `[]` after a list whose items are structures:
 * `AWS::Batch::JobDefinition ContainerProperties.Volumes[].EfsVolumeConfiguration.FileSystemId`. Every level
 * counts (`ContainerProperties` is a path of its own), and so does every place a structure recurs (the
 * `LinuxParameters` of a single container and those of a task's containers are two sets of paths). A map (such
 * as `Tags`) and a list of plain values are one path each.
 */
import * as path from 'path';
import { loadAssemblyIn } from './assembly';

/** The jsii module of the L1s whose paths are listed. */
const MODULE = 'aws-cdk-lib.aws_batch.';
const RESOLVABLE = 'aws-cdk-lib.IResolvable';

/** `<resource type> <path>`. */
export function pathKey(resourceType: string, propertyPath: string): string {
  return `${resourceType} ${propertyPath}`;
}

/**
 * The folder of the aws-cdk-lib that `require` finds from here: the development dependency, or aws-cdk-lib
 * 2.95.1 in the floor run, where jest maps `aws-cdk-lib` to the `aws-cdk-lib-floor` alias.
 */
export function awsCdkLibDir(): string {
  return path.dirname(require.resolve('aws-cdk-lib/package.json'));
}

/** The version of the aws-cdk-lib in `dir`. */
export function awsCdkLibVersion(dir: string = awsCdkLibDir()): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(dir, 'package.json')).version;
}

/** Every property path of every AWS::Batch L1 of the aws-cdk-lib in `dir`, sorted. */
export function batchL1PropertyPaths(dir: string = awsCdkLibDir()): string[] {
  return l1PropertyPaths(loadAssemblyIn(dir));
}

/** Every property path of every AWS::Batch L1 in a jsii assembly of aws-cdk-lib, sorted. */
export function l1PropertyPaths(asm: { types: Record<string, any> }): string[] {
  const types = asm.types;
  const paths: string[] = [];

  /** The property's CloudFormation name: the jsii name with its first letter upper-cased. */
  const cfnName = (jsiiName: string) => jsiiName.charAt(0).toUpperCase() + jsiiName.slice(1);

  /** The alternatives of a property's type, less the token (`IResolvable`) every L1 property also takes. */
  const alternatives = (typeRef: any): any[] => (typeRef.union
    ? typeRef.union.types.flatMap(alternatives)
    : [typeRef]).filter((t: any) => t.fqn !== RESOLVABLE);

  const visit = (resourceType: string, typeRef: any, at: string, ancestors: string[]): void => {
    for (const t of alternatives(typeRef)) {
      if (t.collection?.kind === 'array') {
        visit(resourceType, t.collection.elementtype, `${at}[]`, ancestors);
      } else if (t.fqn?.startsWith(MODULE) && types[t.fqn]?.datatype) {
        if (ancestors.includes(t.fqn)) {
          throw new Error(`${resourceType} ${at}: ${t.fqn} contains itself, so its paths have no end`);
        }
        for (const p of types[t.fqn].properties ?? []) {
          const child = at === '' ? cfnName(p.name) : `${at}.${cfnName(p.name)}`;
          paths.push(pathKey(resourceType, child));
          visit(resourceType, p.type, child, [...ancestors, t.fqn]);
        }
      }
      // primitives, maps and types of other modules (such as aws-cdk-lib's CfnTag) end the path
    }
  };

  for (const [fqn, type] of Object.entries(types)) {
    if (fqn.startsWith(MODULE) && type.kind === 'class' && type.base === 'aws-cdk-lib.CfnResource') {
      visit(resourceTypeOf(type), { fqn: `${fqn}Props` }, '', []);
    }
  }
  return paths.sort();
}

/**
 * The CloudFormation type of an L1 class: newer assemblies name it (`cloudformationResource`); older ones
 * (aws-cdk-lib 2.95.1) do not, and the class is `Cfn` and the type's name.
 */
function resourceTypeOf(type: any): string {
  return type.docs?.custom?.cloudformationResource ?? `AWS::Batch::${type.name.replace(/^Cfn/, '')}`;
}

/** The property paths of the AWS::Batch resources of a template, in the form of `l1PropertyPaths`. */
export function renderedPropertyPaths(template: { Resources?: Record<string, any> }): Set<string> {
  const found = new Set<string>();
  const visit = (resourceType: string, value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item) => visit(resourceType, item, `${at}[]`));
      return;
    }
    if (typeof value !== 'object' || value === null || isIntrinsic(value)) {
      return;
    }
    for (const [name, child] of Object.entries(value)) {
      const childPath = at === '' ? name : `${at}.${name}`;
      found.add(pathKey(resourceType, childPath));
      visit(resourceType, child, childPath);
    }
  };
  for (const resource of Object.values(template.Resources ?? {})) {
    if (typeof resource?.Type === 'string' && resource.Type.startsWith('AWS::Batch::')) {
      visit(resource.Type, resource.Properties ?? {}, '');
    }
  }
  return found;
}

/** `{ Ref }` or `{ 'Fn::…' }`: a value CloudFormation computes, whose keys are no property names. */
function isIntrinsic(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}
