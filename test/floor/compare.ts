/**
 * What the floor comparison compares: the Batch and IAM resources of a template, each with the
 * construct that owns it, and the differences between two such records.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ALLOWED_DIFFERENCES } from './allowed-differences';

/** The Batch and IAM resources of one template, by logical id. */
export interface TemplateRecord {
  readonly resources: { [logicalId: string]: { owner: string; resource: unknown } };
}

const COMPARED_TYPE = /^AWS::(Batch|IAM)::/;

/**
 * Who made a resource: `library` when a construct of this library is above it, else the jsii name of
 * the outermost aws-cdk-lib construct above it (e.g. `aws-cdk-lib.aws_eks.Cluster`), else `test`.
 */
export function ownerOf(resource: IConstruct, libraryClasses: Function[]): string {
  let owner = 'test';
  for (let scope = resource.node.scope; scope !== undefined && !Stack.isStack(scope); scope = scope.node.scope) {
    if (libraryClasses.some((cls) => scope instanceof cls)) {
      return 'library';
    }
    const fqn = (scope.constructor as any)[Symbol.for('jsii.rtti')]?.fqn;
    if (typeof fqn === 'string') {
      owner = fqn;
    }
  }
  return owner;
}

/** The record of a synthesized template of the stack. */
export function recordOf(stack: Stack, template: { Resources?: { [id: string]: any } }, libraryClasses: Function[]): TemplateRecord {
  const owners = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (CfnResource.isCfnResource(c) && Stack.of(c) === stack) {
      owners.set(stack.resolve(c.logicalId), ownerOf(c, libraryClasses));
    }
  }
  const resources: TemplateRecord['resources'] = {};
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (COMPARED_TYPE.test(resource.Type)) {
      resources[id] = { owner: owners.get(id) ?? 'test', resource };
    }
  }
  return { resources };
}

/**
 * The differences of the floor's record from the newest one's, one line each, leaving out those
 * `ALLOWED_DIFFERENCES` lists. A property the newest renders and the floor does not is one of them.
 */
export function differences(newest: TemplateRecord, floor: TemplateRecord): string[] {
  const found: string[] = [];
  const ids = [...new Set([...Object.keys(newest.resources), ...Object.keys(floor.resources)])].sort();
  for (const id of ids) {
    const a = newest.resources[id];
    const b = floor.resources[id];
    const owner = a?.owner ?? b?.owner;
    const type = ((a ?? b)!.resource as { Type?: string }).Type;
    if (ALLOWED_DIFFERENCES.some((allowed) => allowed.owner === owner && allowed.type === type)) {
      continue;
    }
    if (b === undefined) {
      found.push(`${id} (${owner}): missing with aws-cdk-lib 2.95.1`);
    } else if (a === undefined) {
      found.push(`${id} (${owner}): only with aws-cdk-lib 2.95.1`);
    } else {
      found.push(...diff(a.resource, b.resource, id).map((d) => `${d} (${owner})`));
    }
  }
  return found;
}

/** Where two JSON values differ, as `path: what`. */
function diff(a: unknown, b: unknown, path: string): string[] {
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => {
      const p = `${path}.${k}`;
      if (!(k in b)) {
        return [`${p}: missing with aws-cdk-lib 2.95.1 (newest renders ${JSON.stringify((a as any)[k])})`];
      }
      if (!(k in a)) {
        return [`${p}: only with aws-cdk-lib 2.95.1 (${JSON.stringify((b as any)[k])})`];
      }
      return diff((a as any)[k], (b as any)[k], p);
    });
  }
  if (typeof a === 'number' && typeof b === 'number' && fromNumberToken(a) && fromNumberToken(b)) {
    // Arithmetic on an encoded number token leaves a number of its magnitude in the template, made of a counter
    // of the tokens created so far, which differs between runs: a bug of its own, not a difference of versions.
    return [];
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${path}: ${JSON.stringify(a)} with the newest, ${JSON.stringify(b)} with aws-cdk-lib 2.95.1`];
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** True for a number of the magnitude aws-cdk-lib encodes number tokens with (about 1.9e289). */
function fromNumberToken(value: number): boolean {
  return Math.abs(value) > 1e288;
}
