import { IConstruct } from 'constructs';

/**
 * What a job queue needs to know of a compute environment to tell whether Batch lets it
 * share a queue with others: who orchestrates its jobs, and what capacity runs them.
 *
 * Batch takes a queue only when all its compute environments agree on both
 * (EC2 and Spot are one capacity, Fargate and Fargate Spot another, ECS Managed Instances a third).
 */
export interface ComputeKind {
  /** `ECS` or `EKS`. */
  readonly orchestration: string;
  /** `EC2` (on-demand or Spot, managed or unmanaged), `FARGATE` (on-demand or Spot), or `MANAGED_INSTANCES` (ECS Managed Instances, on-demand or Spot). */
  readonly capacity: string;
}

export const ECS_ON_EC2: ComputeKind = { orchestration: 'ECS', capacity: 'EC2' };
export const ECS_ON_FARGATE: ComputeKind = { orchestration: 'ECS', capacity: 'FARGATE' };
export const EKS_ON_EC2: ComputeKind = { orchestration: 'EKS', capacity: 'EC2' };
export const ECS_ON_MANAGED_INSTANCES: ComputeKind = { orchestration: 'ECS', capacity: 'MANAGED_INSTANCES' };

// Kept out of the compute environments themselves (an extra property would change their shape), in
// one table that every copy of the library in the app shares, so that each sees the others' marks.
const REGISTRY = Symbol.for('@aws-cdk/aws-batch-alpha.ComputeKinds');
const shared = globalThis as unknown as { [REGISTRY]?: WeakMap<IConstruct, ComputeKind> };
const KINDS: WeakMap<IConstruct, ComputeKind> = shared[REGISTRY] ??= new WeakMap();

/** Records the kind of a compute environment this library creates. */
export function markComputeKind(computeEnvironment: IConstruct, kind: ComputeKind): void {
  KINDS.set(computeEnvironment, kind);
}

/**
 * The kind of a compute environment, or `undefined` when it is not known (imports, and
 * compute environments implemented outside this library): those are not checked.
 */
export function computeKindOf(computeEnvironment: IConstruct): ComputeKind | undefined {
  return KINDS.get(computeEnvironment);
}

/** How a kind reads in a message: `ECS on EC2`. */
export function describeComputeKind(kind: ComputeKind): string {
  return `${kind.orchestration} on ${kind.capacity}`;
}
