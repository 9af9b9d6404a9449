import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { REPO_ROOT } from './assembly';

/**
 * The leaf property paths of every `AWS::Batch::*` resource type, read from the jsii assembly of the newest
 * aws-cdk-lib (the `aws-cdk-lib` devDependency, read from its folder, also when a test runs on aws-cdk-lib 2.95.1).
 *
 * A path is the CloudFormation names below `Properties`, dot-separated, with index 0 for a list
 * (`EksProperties.PodProperties.Containers.0.SecurityContext.Privileged`). A leaf is a value of a primitive type,
 * a map or a JSON value. A newer aws-cdk-lib with more properties gives more paths.
 */

/** What a leaf holds. */
export type LeafKind = 'string' | 'number' | 'boolean' | 'date' | 'json' | 'map';

export interface LeafPath {
  /** CloudFormation names, e.g. `ContainerProperties.Command.0`. */
  readonly path: string;
  /** The same path in the L1's camelCase names, e.g. `containerProperties.command.0`. */
  readonly l1Path: string;
  readonly kind: LeafKind;
}

const BATCH = 'aws-cdk-lib.aws_batch.';
/** Deeper than any Batch property nests: a guard against a type that contains itself. */
const MAX_DEPTH = 20;

let assembly: any;

/** The newest aws-cdk-lib's jsii assembly (possibly stored compressed, behind a redirect). */
export function newestAssembly(): any {
  if (assembly === undefined) {
    const dir = path.join(REPO_ROOT, 'node_modules', 'aws-cdk-lib');
    const plain = JSON.parse(fs.readFileSync(path.join(dir, '.jsii'), 'utf8'));
    assembly = plain.schema === 'jsii/file-redirect'
      ? JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, plain.filename))).toString('utf8'))
      : plain;
  }
  return assembly;
}

/** The version of the newest aws-cdk-lib, whose assembly gives the paths. */
export function newestVersion(): string {
  return newestAssembly().version;
}

/** Every `AWS::Batch::*` resource type the newest aws-cdk-lib has an L1 class for, with the leaf paths of its properties. */
export function batchLeafPaths(): Map<string, LeafPath[]> {
  const types = newestAssembly().types as Record<string, any>;
  const result = new Map<string, LeafPath[]>();
  for (const fqn of Object.keys(types).sort()) {
    const name = fqn.slice(BATCH.length);
    if (!fqn.startsWith(BATCH) || !name.startsWith('Cfn') || name.includes('.') || types[fqn].kind !== 'class') {
      continue;
    }
    const props = types[`${fqn}Props`];
    if (props === undefined) {
      throw new Error(`${fqn} has no props struct in the assembly`);
    }
    const leaves: LeafPath[] = [];
    walkStruct(types, props, [], [], leaves, 0);
    result.set(`AWS::Batch::${name.slice('Cfn'.length)}`, leaves);
  }
  return result;
}

function walkStruct(types: Record<string, any>, struct: any, cfn: string[], l1: string[], leaves: LeafPath[], depth: number): void {
  if (depth > MAX_DEPTH) {
    throw new Error(`${struct.fqn} nests deeper than ${MAX_DEPTH} levels`);
  }
  for (const property of struct.properties ?? []) {
    walkType(types, property.type, [...cfn, cloudFormationName(property.name)], [...l1, property.name], leaves, depth + 1);
  }
}

function walkType(types: Record<string, any>, type: any, cfn: string[], l1: string[], leaves: LeafPath[], depth: number): void {
  if (type.union) {
    // an L1 property takes a token or a value: the value's type is the one to walk
    const value = (type.union.types as any[]).find((t) => t.fqn !== 'aws-cdk-lib.IResolvable');
    if (value !== undefined) {
      walkType(types, value, cfn, l1, leaves, depth);
    }
    return;
  }
  if (type.primitive) {
    const kind = type.primitive === 'any' ? 'json' : type.primitive;
    leaves.push({ path: cfn.join('.'), l1Path: l1.join('.'), kind });
    return;
  }
  if (type.collection) {
    if (type.collection.kind === 'map') {
      leaves.push({ path: cfn.join('.'), l1Path: l1.join('.'), kind: 'map' });
    } else {
      walkType(types, type.collection.elementtype, [...cfn, '0'], [...l1, '0'], leaves, depth);
    }
    return;
  }
  const target = types[type.fqn];
  if (target?.kind !== 'interface' || !target.datatype) {
    throw new Error(`${cfn.join('.')}: a type the walk does not know (${JSON.stringify(type)})`);
  }
  walkStruct(types, target, cfn, l1, leaves, depth);
}

/** The CloudFormation name of an L1 property: the L1 lower-cases its first letter. */
function cloudFormationName(l1Name: string): string {
  return l1Name.charAt(0).toUpperCase() + l1Name.slice(1);
}
