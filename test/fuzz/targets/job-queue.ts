import * as fc from 'fast-check';
import { FairshareSchedulingPolicy, JobQueue } from '../../../lib';
import { cases, Ctx, FuzzTarget, Gen, isWild, list, lit, name, num, opt, optional } from '../harness';
import { arn, CePool, ceRef, CeRef } from './common';

interface Link { ce: CeRef; order: Gen<number> }

interface JobQueueCase {
  computeEnvironments?: Link[];
  priority?: Gen<number>;
  jobQueueName?: Gen<string>;
  enabled?: boolean;
  schedulingPolicy?: 'new' | 'import';
  /** addComputeEnvironment() calls after construction, in this order. */
  adds: Link[];
  /** fromJobQueueArn() imports. */
  imports: Gen<string>[];
  /** Whether to call addComputeEnvironment() on the imports. */
  addToImports: boolean;
}

const link = (): fc.Arbitrary<Link> => fc.record({ ce: ceRef, order: num(-2147483648, 2147483647) });

/**
 * A plausible queue: one to three distinct compute environments with distinct orders, some given to
 * the constructor and the rest added after, and no additions to imported queues.
 */
const plausibleQueue = (): fc.Arbitrary<JobQueueCase> => fc.record({
  ces: fc.uniqueArray(ceRef, { minLength: 1, maxLength: 3 }),
  orders: fc.uniqueArray(fc.integer({ min: 0, max: 2147483647 }), { minLength: 3, maxLength: 3 }),
  given: fc.integer({ min: 0, max: 3 }),
  priority: optional(num(0, 1000)),
  jobQueueName: optional(name()),
  enabled: optional(fc.boolean()),
  schedulingPolicy: optional(fc.constantFrom('new' as const, 'import' as const)),
  imports: list(arn('job-queue'), 2),
}).map(({ ces, orders, given, ...rest }) => {
  const links = ces.map((ce, i) => ({ ce, order: lit(orders[i]) }));
  const split = Math.min(given, links.length);
  return { ...rest, computeEnvironments: split === 0 ? undefined : links.slice(0, split), adds: links.slice(split), addToImports: false };
});

export const jobQueueTarget: FuzzTarget<JobQueueCase> = {
  name: 'JobQueue',
  arbitrary: cases(() => (!isWild() ? plausibleQueue() : fc.record({
    computeEnvironments: optional(list(link(), 4)),
    priority: optional(num(0, 1000)),
    jobQueueName: optional(name()),
    enabled: optional(fc.boolean()),
    schedulingPolicy: optional(fc.constantFrom('new' as const, 'import' as const)),
    adds: list(link(), 3),
    imports: list(arn('job-queue'), 2),
    addToImports: fc.boolean(),
  }))),
  build(ctx: Ctx, c: JobQueueCase) {
    const pool = new CePool(ctx);
    const schedulingPolicy = c.schedulingPolicy === 'new'
      ? new FairshareSchedulingPolicy(ctx.stack, 'Policy')
      : c.schedulingPolicy === 'import'
        ? FairshareSchedulingPolicy.fromFairshareSchedulingPolicyArn(ctx.stack, 'Policy', 'arn:aws:batch:us-east-1:123456789012:scheduling-policy/p')
        : undefined;
    const queue = new JobQueue(ctx.stack, 'Queue', {
      computeEnvironments: c.computeEnvironments?.map((l) => ({ computeEnvironment: pool.get(l.ce), order: l.order(ctx) })),
      priority: opt(ctx, c.priority),
      jobQueueName: opt(ctx, c.jobQueueName),
      enabled: c.enabled,
      schedulingPolicy,
    });
    for (const l of c.adds) {
      queue.addComputeEnvironment(pool.get(l.ce), l.order(ctx));
    }
    // Reading the public state must not throw either.
    void queue.computeEnvironments.length;
    for (const a of c.imports) {
      const imported = JobQueue.fromJobQueueArn(ctx.stack, ctx.id('Imported'), a(ctx));
      void ctx.stack.resolve(imported.jobQueueName);
      if (c.addToImports) {
        imported.addComputeEnvironment(pool.get(0), 1);
      }
    }
  },
};
