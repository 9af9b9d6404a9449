import * as fc from 'fast-check';
import { FairshareSchedulingPolicy, Share } from '../../../lib';
import { Duration } from 'aws-cdk-lib';
import { cases, Ctx, duration, FuzzTarget, Gen, isWild, list, lit, name, num, opt, optional, str, stringOf } from '../harness';
import { arn } from './common';

interface ShareCase { shareIdentifier: Gen<string>; weightFactor: Gen<number> }

interface PolicyCase {
  computeReservation?: Gen<number>;
  schedulingPolicyName?: Gen<string>;
  shareDecay?: Gen<Duration>;
  shares?: ShareCase[];
  /** addShare() calls after construction, in this order. */
  adds: ShareCase[];
  /** Adds this many generated distinct shares on top (exercises the 500 limit). */
  bulk: number;
  imports: Gen<string>[];
}

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
// hyphens and underscores pass with a warning (the User Guide's own example is `UserA-1`)
const ID_CHARS_WITH_SEPARATORS = `${ID_CHARS}-_`;
const shareIdentifier = () => str(fc.oneof(
  stringOf(ID_CHARS, 1, 8),
  stringOf(ID_CHARS, 1, 8).map((s) => `${s}*`),
  stringOf(ID_CHARS_WITH_SEPARATORS, 1, 8),
  stringOf(ID_CHARS, 254, 256),
));

/**
 * Plausible shares: up to seven identifiers of their own (no wildcard, so none covers another),
 * split between the constructor and addShare(), and room for them under the 500-share limit.
 */
const plausiblePolicy = (): fc.Arbitrary<PolicyCase> => fc.record({
  computeReservation: optional(num(0, 99)),
  schedulingPolicyName: optional(name()),
  shareDecay: optional(duration()),
  ids: fc.uniqueArray(stringOf(ID_CHARS, 1, 8).map((id) => `s${id}`), { maxLength: 7 }),
  weights: fc.array(num(0.0001, 999.9999, false), { minLength: 7, maxLength: 7 }),
  given: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
  bulk: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(493) }),
  imports: list(arn('scheduling-policy'), 2),
}).map(({ ids, weights, given, ...rest }) => {
  const shares = ids.map((id, i) => ({ shareIdentifier: lit(id), weightFactor: weights[i] }));
  const split = Math.min(given ?? 0, shares.length);
  return { ...rest, shares: given === undefined ? undefined : shares.slice(0, split), adds: shares.slice(split) };
});

const share = (): fc.Arbitrary<ShareCase> => fc.record({
  shareIdentifier: shareIdentifier(),
  weightFactor: num(0.0001, 999.9999, false),
});

export const schedulingPolicyTarget: FuzzTarget<PolicyCase> = {
  name: 'FairshareSchedulingPolicy',
  arbitrary: cases(() => (!isWild() ? plausiblePolicy() : fc.record({
    computeReservation: optional(num(0, 99)),
    schedulingPolicyName: optional(name()),
    shareDecay: optional(duration()),
    shares: optional(list(share(), 4)),
    adds: list(share(), 3),
    bulk: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(496, 497, 500, 501) }),
    imports: list(arn('scheduling-policy'), 2),
  }))),
  build(ctx: Ctx, c: PolicyCase) {
    const make = (s: ShareCase): Share => ({ shareIdentifier: s.shareIdentifier(ctx), weightFactor: s.weightFactor(ctx) });
    const policy = new FairshareSchedulingPolicy(ctx.stack, 'Policy', {
      computeReservation: opt(ctx, c.computeReservation),
      schedulingPolicyName: opt(ctx, c.schedulingPolicyName),
      shareDecay: opt(ctx, c.shareDecay),
      shares: c.shares?.map(make),
    });
    for (const s of c.adds) {
      policy.addShare(make(s));
    }
    for (let i = 0; i < c.bulk; i++) {
      policy.addShare({ shareIdentifier: `bulk${i}x`, weightFactor: 1 });
    }
    void policy.shares.length;
    for (const a of c.imports) {
      const imported = FairshareSchedulingPolicy.fromFairshareSchedulingPolicyArn(ctx.stack, ctx.id('Imported'), a(ctx));
      void ctx.stack.resolve(imported.schedulingPolicyName);
    }
  },
};
