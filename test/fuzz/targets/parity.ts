import { Duration, Size } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as fc from 'fast-check';
import {
  ConsumableResource, ConsumableResourceType, EcsEc2ContainerDefinition, EcsJobDefinition, IConsumableResource, JobQueue,
  JobStateTimeLimitActionsAction, JobStateTimeLimitActionsReason, MultiNodeJobDefinition,
} from '../../../lib';
import { cases, Ctx, duration, FuzzTarget, gen, Gen, isWild, list, name, num, opt, optional, str } from '../harness';
import { arn, CePool, ceRef, CeRef } from './common';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023');

/** A use of one of the case's consumable resources (by index; a missing one is the import). */
interface Use { resource: number; quantity: Gen<number> }

interface ConsumableResourceCase {
  /** Drawn from plausible values: the same resource and quantity are then never listed twice (CloudFormation takes each once). */
  plausible: boolean;
  resources: Array<{ totalQuantity: Gen<number>; name?: Gen<string>; replenishable?: boolean; tags?: Record<string, Gen<string>> }>;
  imports: Gen<string>[];
  /** Uses by an ECS job definition: in the props, then added. */
  jobUses: Use[];
  addedUses: Use[];
  /** Uses by the node ranges of a multi-node job (one range per entry) and by the job itself. */
  rangeUses: Use[][];
  multiNodeUses: Use[];
}

/**
 * Plausible totals are at least 100 and plausible quantities at most 100, so that every plausible
 * case is one Batch takes; wild ones cross both bounds.
 */
const use = (): fc.Arbitrary<Use> => fc.record({ resource: fc.integer({ min: 0, max: 3 }), quantity: num(1, 100) });

export const consumableResourceTarget: FuzzTarget<ConsumableResourceCase> = {
  name: 'ConsumableResource',
  arbitrary: cases(() => fc.record({
    plausible: fc.constant(!isWild()),
    resources: list(fc.record({
      totalQuantity: num(100, isWild() ? Number.MAX_SAFE_INTEGER : 1_000_000),
      name: optional(name()),
      replenishable: optional(fc.boolean()),
      tags: optional(fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), str(), { maxKeys: 3 })),
    }), 3),
    imports: list(arn('consumable-resource'), 1),
    jobUses: list(use(), 3),
    addedUses: list(use(), 2),
    rangeUses: list(list(use(), 2), 3),
    multiNodeUses: list(use(), 2),
  })),
  build(ctx: Ctx, c: ConsumableResourceCase) {
    const pool: IConsumableResource[] = c.resources.map((r, i) => new ConsumableResource(ctx.stack, `Resource${i}`, {
      totalQuantity: r.totalQuantity(ctx),
      consumableResourceName: opt(ctx, r.name),
      resourceType: r.replenishable === undefined ? undefined
        : r.replenishable ? ConsumableResourceType.REPLENISHABLE : ConsumableResourceType.NON_REPLENISHABLE,
      tags: r.tags && Object.fromEntries(Object.entries(r.tags).map(([k, v]) => [k, v(ctx)])),
    }));
    for (const a of c.imports) {
      const imported = ConsumableResource.fromConsumableResourceArn(ctx.stack, ctx.id('Imported'), a(ctx));
      void ctx.stack.resolve(imported.consumableResourceName);
      pool.push(imported);
    }
    if (pool.length === 0) {
      pool.push(ConsumableResource.fromConsumableResourceArn(ctx.stack, 'Fallback', 'arn:aws:batch:us-east-1:123456789012:consumable-resource/f'));
    }
    const requirement = (u: Use) => ({ consumableResource: pool[u.resource % pool.length], quantity: u.quantity(ctx) });
    // a plausible list names a resource and quantity once, as they render
    const seen = new Map<string, Set<string>>();
    const distinct = (uses: Use[], list: string) => uses.map(requirement).filter((r) => {
      const ids = seen.get(list) ?? new Set<string>();
      seen.set(list, ids);
      const id = JSON.stringify(ctx.stack.resolve([r.consumableResource.consumableResourceArn, r.quantity]));
      const again = c.plausible && ids.has(id);
      ids.add(id);
      return !again;
    });
    const container = () => new EcsEc2ContainerDefinition(ctx.stack, ctx.id('Container'), { image: IMAGE, cpu: 1, memory: Size.mebibytes(512) });

    const job = new EcsJobDefinition(ctx.stack, 'Job', { container: container(), consumableResources: distinct(c.jobUses, 'job') });
    for (const r of distinct(c.addedUses, 'job')) {
      job.addConsumableResource(r.consumableResource, r.quantity);
    }
    void job.consumableResources.length;

    if (c.rangeUses.length > 0) {
      new MultiNodeJobDefinition(ctx.stack, 'MultiNode', {
        consumableResources: distinct(c.multiNodeUses, 'multiNode'),
        containers: c.rangeUses.map((uses, i) => ({
          startNode: i, endNode: i, container: container(), consumableResources: distinct(uses, `range${i}`),
        })),
      });
    }
  },
};

interface TimeLimitCase {
  computeEnvironments: CeRef[];
  actions: Array<{ maxTime: Gen<Duration>; reason: JobStateTimeLimitActionsReason; cancel?: boolean }>;
}

/** `maxTime`: plausibly whole seconds from 10 minutes to 24 hours (or a token in seconds); wild, any duration. */
function maxTime(): fc.Arbitrary<Gen<Duration>> {
  if (!isWild()) {
    return num(600, 86400).map((s) => gen(`Duration.seconds(${fc.stringify(s)})`, (ctx) => Duration.seconds(s(ctx))));
  }
  return duration(2 * 86400);
}

export const jobStateTimeLimitActionsTarget: FuzzTarget<TimeLimitCase> = {
  name: 'JobQueue jobStateTimeLimitActions',
  arbitrary: cases(() => fc.record({
    computeEnvironments: fc.array(ceRef, { minLength: 1, maxLength: 1 }),
    actions: list(fc.record({
      maxTime: maxTime(),
      reason: fc.constantFrom(...Object.values(JobStateTimeLimitActionsReason)),
      // TERMINATE is for SageMaker service environments only: plausible cases of compute environments cancel
      cancel: isWild() ? optional(fc.boolean()) : optional(fc.constant(true)),
    }), 5),
  })),
  build(ctx: Ctx, c: TimeLimitCase) {
    const pool = new CePool(ctx);
    new JobQueue(ctx.stack, 'Queue', {
      computeEnvironments: c.computeEnvironments.map((ce, i) => ({ computeEnvironment: pool.get(ce), order: i })),
      jobStateTimeLimitActions: c.actions.map((a) => ({
        maxTime: a.maxTime(ctx),
        reason: a.reason,
        action: a.cancel === undefined ? undefined : a.cancel ? JobStateTimeLimitActionsAction.CANCEL : JobStateTimeLimitActionsAction.TERMINATE,
      })),
    });
  },
};
