import * as fc from 'fast-check';
import { IComputeEnvironment } from '../../../lib';
import { FakeComputeEnvironment } from '../../util/fake-compute-environment';
import { Ctx, gen, Gen, isWild, nastyString, plain, stringOf } from '../harness';

/**
 * ARNs for `from*Arn()` imports: well-formed, odd resource names, malformed, unresolved.
 * `malformed: false` leaves out the malformed ones, for imports whose fix is pending.
 */
export function arn(resourceType: string, malformed = true): fc.Arbitrary<Gen<string>> {
  const wellFormed = stringOf('abcdefghijklmnopqrstuvwxyz0123456789-_', 1, 40)
    .map((n) => `arn:aws:batch:us-east-1:123456789012:${resourceType}/${n}`);
  if (!isWild()) {
    return plain(wellFormed);
  }
  return fc.oneof(
    { weight: 6, arbitrary: plain(wellFormed) },
    { weight: 1, arbitrary: plain(fc.constantFrom(
      `arn:aws-cn:batch:cn-north-1:123456789012:${resourceType}/a/b`,
      ...(malformed ? [`arn:aws:batch:us-east-1:123456789012:${resourceType}/`, `arn:aws:batch:us-east-1:123456789012:${resourceType}`, 'arn:aws:batch:::x'] : []),
    )) },
    ...(malformed ? [{ weight: 1, arbitrary: plain(nastyString) }] : []),
    { weight: 2, arbitrary: fc.constantFrom(
      gen('CfnParameter<String>', (ctx) => ctx.param('String').valueAsString),
      gen('`arn:aws:batch:${Region}:...`', (ctx) => `arn:aws:batch:${ctx.stack.region}:${ctx.stack.account}:${resourceType}/x`),
    ) },
  );
}

/** A compute environment of a small pool, by index: the same index gives the same one (duplicates). */
export type CeRef = number;

/** Picks compute environments from a pool of four. */
export const ceRef: fc.Arbitrary<CeRef> = fc.integer({ min: 0, max: 3 });

/** Materializes pool entries on demand, one per index per case. */
export class CePool {
  private readonly made = new Map<number, IComputeEnvironment>();
  constructor(private readonly ctx: Ctx) {}

  public get(ref: CeRef): IComputeEnvironment {
    let ce = this.made.get(ref);
    if (ce === undefined) {
      ce = new FakeComputeEnvironment(this.ctx.stack, `Ce${ref}`, `ce-${ref}`);
      this.made.set(ref, ce);
    }
    return ce;
  }
}
