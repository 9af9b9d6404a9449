import { IResolvable, IResolveContext, LazyAnyValueOptions, Token } from 'aws-cdk-lib';

/**
 * `Lazy.any()`, as this library renders with it: a value produced when the template is resolved,
 * once, and kept; with `omitEmptyArray`, an empty list resolves to `undefined`.
 *
 * Every resource of this library renders some state through such a value (what `add*()` methods
 * may still change), so there are several per resource and many thousands in a large app.
 * `Lazy.any()` makes four to five objects for each and checks its arguments on each call; this is
 * one object, holding the function itself (no producer object around it), that resolves the same
 * way on every supported aws-cdk-lib.
 */
export function lazyAny(produce: () => unknown, options: LazyAnyValueOptions = {}): IResolvable {
  return new LazyAnyValue(produce, options.omitEmptyArray === true);
}

/** Where aws-cdk-lib would keep a stack trace; `Lazy.any()` keeps none either unless debugging. */
const NO_CREATION_STACK: string[] = [];

class LazyAnyValue implements IResolvable {
  private value: unknown;

  constructor(private readonly produce: () => unknown, private readonly omitEmptyArray: boolean) {}

  public get creationStack(): string[] {
    return NO_CREATION_STACK;
  }

  public resolve(_context: IResolveContext): unknown {
    // as Lazy.any(): a result of undefined (or null) is produced again next time
    this.value ??= this.produce();
    return this.omitEmptyArray && Array.isArray(this.value) && this.value.length === 0 ? undefined : this.value;
  }

  public toString(): string {
    return Token.asString(this);
  }

  public toJSON(): string {
    return '<unresolved-lazy>';
  }
}
