/**
 * The one way this library marks the classes that `isFoo()` checks recognise.
 *
 * `instanceof` fails across two copies of the library (and across jsii languages), so each class
 * carries a well-known symbol on its prototype, `@aws-cdk/aws-batch-alpha.<name>`, and the checks
 * look for the symbol. Subclasses inherit the brand.
 */

const SYMBOLS = new Map<string, symbol>();

function symbolOf(name: string): symbol {
  let symbol = SYMBOLS.get(name);
  if (symbol === undefined) {
    symbol = Symbol.for(`@aws-cdk/aws-batch-alpha.${name}`);
    SYMBOLS.set(name, symbol);
  }
  return symbol;
}

/** Marks the instances of `cls` (and of its subclasses) with the brand `name`. */
export function brand(cls: Function, name: string): void {
  Object.defineProperty(cls.prototype, symbolOf(name), { value: true, enumerable: false, writable: false });
}

/** True when `x` is an object that carries the brand `name`. */
export function hasBrand(x: unknown, name: string): boolean {
  return x !== null && typeof x === 'object' && symbolOf(name) in (x as object);
}
