/**
 * The fuzzing harness: random props for each construct, built in a fresh app and synthesized.
 *
 * Every case must end in one of two ways: the app synthesizes, or this library rejects the
 * props with its own ValidationError (message `Kind 'path': ...`), either at construction or
 * at synthesis (`addValidation`, surfaced by aws-cdk-lib as "Validation failed with the
 * following errors", each listed error being one of ours). Anything else — a TypeError, a
 * RangeError, an error raised inside aws-cdk-lib — is a crash.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Duration, Lazy, Size, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { ValidationError } from '../../lib/private/validation';

/** Where a case is built: a fresh env-agnostic stack, plus a counter for unique ids. */
export class Ctx {
  private n = 0;
  constructor(public readonly stack: Stack) {}

  /** A fresh construct id. */
  public id(prefix = 'C'): string {
    this.n += 1;
    return `${prefix}${this.n}`;
  }

  /** A CfnParameter in the stack, for unresolved values. */
  public param(type: 'String' | 'Number' | 'List<Number>' | 'CommaDelimitedList'): CfnParameter {
    return new CfnParameter(this.stack, this.id('P'), { type });
  }
}

/** A value that needs the stack to exist (tokens), with a readable description for reports. */
export interface Gen<T> {
  (ctx: Ctx): T;
}

/** Wraps a materializer so fast-check prints `label` for it in counterexamples. */
export function gen<T>(label: string, fn: (ctx: Ctx) => T): Gen<T> {
  const g = ((ctx: Ctx) => fn(ctx)) as Gen<T> & { [k: symbol]: unknown };
  g[fc.toStringMethod] = () => label;
  return g;
}

/** A plain value as a generator. */
export function lit<T>(value: T): Gen<T> {
  return gen(fc.stringify(value), () => value);
}

/** An arbitrary of generators for plain values. */
export function plain<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Gen<T>> {
  return arb.map(lit);
}

/** Materializes an optional generator. */
export function opt<T>(ctx: Ctx, g: Gen<T> | undefined): T | undefined {
  return g === undefined ? undefined : g(ctx);
}

/** Optional: `undefined` (prop left out) about a third of the time. */
export function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq: 3 });
}

/**
 * Whether the generators being built draw wild values (out of range, malformed, odd units) or
 * only plausible ones. Read while an arbitrary is built: see `cases()`.
 */
let wild = true;

/** One drawn case: the props, and whether they came from the plausible half. */
export interface FuzzCase<T> {
  /** True when every value was drawn from what AWS accepts: such a case must synthesize. */
  readonly plausible: boolean;
  readonly props: T;
}

/**
 * A target's cases: half drawn from plausible values only (valid values that must synthesize:
 * a rejection is a wrong rejection, and a failure), half from wild ones (so that every validation
 * and crash path is tried).
 */
export function cases<T>(build: () => fc.Arbitrary<T>): fc.Arbitrary<FuzzCase<T>> {
  const previous = wild;
  try {
    wild = false;
    const plausible = build().map((props): FuzzCase<T> => ({ plausible: true, props }));
    wild = true;
    const anything = build().map((props): FuzzCase<T> => ({ plausible: false, props }));
    return fc.oneof(plausible, anything);
  } finally {
    wild = previous;
  }
}

/** True while wild generators are being built. */
export function isWild(): boolean {
  return wild;
}

/**
 * Unresolved numbers: a parameter, or a Lazy that resolves to 7, or to the nearest bound of the prop's range
 * when 7 is outside it (so that the sampled templates cfn-lint reads hold a value the template accepts).
 */
function numberTokenIn(min = -Infinity, max = Infinity): fc.Arbitrary<Gen<number>> {
  const resolved = Math.min(Math.max(7, Math.ceil(min)), Math.floor(max));
  return fc.constantFrom(
    gen('CfnParameter<Number>', (ctx) => ctx.param('Number').valueAsNumber),
    gen('Lazy.number', () => Lazy.number({ produce: () => resolved })),
  );
}

const numberToken = numberTokenIn();

const stringToken: fc.Arbitrary<Gen<string>> = fc.constantFrom(
  gen('CfnParameter<String>', (ctx) => ctx.param('String').valueAsString),
  gen('Lazy.string', () => Lazy.string({ produce: () => 'lazy' })),
  gen('`x-${CfnParameter}`', (ctx) => `x-${ctx.param('String').valueAsString}`),
);

/** The odd numbers every numeric prop must survive. */
const nastyNumbers = fc.constantFrom(
  0, -0, -1, 1, 0.5, -0.5, NaN, Infinity, -Infinity,
  Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 31, 2 ** 32, -(2 ** 31), 1e21,
);

/**
 * Numbers for a prop whose valid range is `[min, max]`: mostly in range (so cases get far enough
 * to synthesize), plus edges, out-of-range, fractional, huge and unresolved ones.
 */
export function num(min: number, max: number, integer = true): fc.Arbitrary<Gen<number>> {
  const inRange = integer
    ? fc.integer({ min: Math.ceil(min), max: Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  if (!wild) {
    return fc.oneof({ weight: 8, arbitrary: plain(inRange) }, { weight: 1, arbitrary: plain(fc.constantFrom(min, max)) }, { weight: 1, arbitrary: numberTokenIn(min, max) });
  }
  return fc.oneof(
    { weight: 8, arbitrary: plain(inRange) },
    { weight: 1, arbitrary: plain(fc.constantFrom(min, max)) },
    { weight: 1, arbitrary: plain(fc.constantFrom(min - 1, max + 1, min - 0.5, max + 0.5)) },
    { weight: 1, arbitrary: plain(fc.double({ noNaN: false })) },
    { weight: 1, arbitrary: plain(nastyNumbers) },
    { weight: 2, arbitrary: numberTokenIn(min, max) },
  );
}

/** Any number at all, for props without a documented range. */
export function anyNum(): fc.Arbitrary<Gen<number>> {
  if (!wild) {
    return fc.oneof({ weight: 8, arbitrary: plain(fc.integer({ min: 0, max: 10000 })) }, { weight: 1, arbitrary: numberToken });
  }
  return fc.oneof(
    { weight: 4, arbitrary: plain(fc.integer({ min: 0, max: 10000 })) },
    { weight: 1, arbitrary: plain(fc.double()) },
    { weight: 1, arbitrary: plain(nastyNumbers) },
    { weight: 2, arbitrary: numberToken },
  );
}

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';

/** A string of `chars` with a length in `[minLength, maxLength]`. */
export function stringOf(chars: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...chars.split('')), minLength, maxLength });
}

/**
 * Strings that break naive parsing: empty, blank, long, unicode, ARN-like, path-like.
 *
 * Strings holding a forged token marker (`${Token[...]}`) are left out: aws-cdk-lib takes them
 * for tokens everywhere and fails resolving them, whatever the library does.
 */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\n', '-', '_', '*', '/', ':', '::', 'arn:', '${', '${Token}', 'a b', 'ü', '🙂', '\u0000', 'a'.repeat(129), 'a'.repeat(256)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ minLength: 200, maxLength: 600 }),
).filter((s) => !/\$\{Token\[/.test(s));

/**
 * A resource name: mostly valid (letters, digits, `-`, `_`, up to `maxLength`), sometimes too
 * long, empty, with bad characters, or unresolved.
 */
export function name(maxLength = 128): fc.Arbitrary<Gen<string>> {
  if (!wild) {
    return fc.oneof({ weight: 8, arbitrary: plain(stringOf(NAME_CHARS, 1, Math.min(maxLength, 40))) }, { weight: 1, arbitrary: stringToken });
  }
  return fc.oneof(
    { weight: 6, arbitrary: plain(stringOf(NAME_CHARS, 1, Math.min(maxLength, 40))) },
    { weight: 1, arbitrary: plain(stringOf(NAME_CHARS, maxLength, maxLength + 1)) },
    { weight: 2, arbitrary: plain(nastyString) },
    { weight: 2, arbitrary: stringToken },
  );
}

/** Any string, for free-text props. */
export function str(valid: fc.Arbitrary<string> = fc.string({ maxLength: 30 })): fc.Arbitrary<Gen<string>> {
  if (!wild) {
    return fc.oneof({ weight: 8, arbitrary: plain(valid) }, { weight: 1, arbitrary: stringToken });
  }
  return fc.oneof(
    { weight: 6, arbitrary: plain(valid) },
    { weight: 2, arbitrary: plain(nastyString) },
    { weight: 2, arbitrary: stringToken },
  );
}

/** Durations: whole and fractional seconds, minutes, days, huge, negative-free, unresolved. */
export function duration(maxSeconds = 604800): fc.Arbitrary<Gen<Duration>> {
  if (!wild) {
    // Whole minutes from 1 to 6 hours fit every duration prop of the library.
    return fc.integer({ min: 1, max: Math.max(1, Math.min(360, Math.floor(maxSeconds / 60))) })
      .map((m) => gen(`Duration.minutes(${m})`, () => Duration.minutes(m)));
  }
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: maxSeconds }).map((s) => gen(`Duration.seconds(${s})`, () => Duration.seconds(s))) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 100000 }).map((m) => gen(`Duration.millis(${m})`, () => Duration.millis(m))) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 10000 }).map((m) => gen(`Duration.minutes(${m})`, () => Duration.minutes(m))) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 400 }).map((d) => gen(`Duration.days(${d})`, () => Duration.days(d))) },
    { weight: 1, arbitrary: fc.constantFrom(0.5, 1e12, Number.MAX_SAFE_INTEGER).map((s) => gen(`Duration.seconds(${s})`, () => Duration.seconds(s))) },
    { weight: 2, arbitrary: fc.tuple(numberToken, fc.constantFrom('millis', 'seconds', 'minutes', 'hours', 'days') as fc.Arbitrary<DurationUnit>)
      .map(([t, unit]) => gen(`Duration.${unit}(${fc.stringify(t)})`, (ctx) => Duration[unit](t(ctx)))) },
  );
}

type DurationUnit = 'millis' | 'seconds' | 'minutes' | 'hours' | 'days';
type SizeUnit = 'kibibytes' | 'mebibytes' | 'gibibytes';

/** Sizes: whole and fractional MiB, GiB, KiB, tiny, huge, unresolved. */
export function size(): fc.Arbitrary<Gen<Size>> {
  if (!wild) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 4, max: 8192 }).map((m) => gen(`Size.mebibytes(${m})`, () => Size.mebibytes(m))) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 8 }).map((g) => gen(`Size.gibibytes(${g})`, () => Size.gibibytes(g))) },
      { weight: 1, arbitrary: numberToken.map((t) => gen(`Size.mebibytes(${fc.stringify(t)})`, (ctx) => Size.mebibytes(t(ctx)))) },
    );
  }
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 1024 * 1024 }).map((m) => gen(`Size.mebibytes(${m})`, () => Size.mebibytes(m))) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 4096 }).map((g) => gen(`Size.gibibytes(${g})`, () => Size.gibibytes(g))) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 10000 }).map((k) => gen(`Size.kibibytes(${k})`, () => Size.kibibytes(k))) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 2 ** 40).map((t) => gen(`Size.tebibytes(${t})`, () => Size.tebibytes(t))) },
    { weight: 2, arbitrary: fc.tuple(numberToken, fc.constantFrom('kibibytes', 'mebibytes', 'gibibytes') as fc.Arbitrary<SizeUnit>)
      .map(([t, unit]) => gen(`Size.${unit}(${fc.stringify(t)})`, (ctx) => Size[unit](t(ctx)))) },
  );
}

/** A list of up to `maxLength` items, sometimes empty, sometimes long. */
export function list<T>(item: fc.Arbitrary<T>, maxLength = 5): fc.Arbitrary<T[]> {
  return fc.array(item, { maxLength });
}

/** How a case ended. */
export type Outcome = 'synthesized' | 'rejected' | 'crash';

/** One case's result: its outcome, the error if any, and the template when it synthesized. */
export interface CaseResult {
  readonly outcome: Outcome;
  readonly error?: unknown;
  readonly template?: any;
}

const OUR_MESSAGE = /^[A-Z][A-Za-z0-9]* '[^'\n]*': \S/;
const SYNTH_VALIDATION = /^Validation failed with the following errors:\n/;

/**
 * True when `e` is this library's validation error, thrown directly or reported at synthesis.
 *
 * Messages may span lines when they quote a value with line breaks, so only the first line of
 * each error is checked against the `Kind 'path': ` format.
 */
export function isOurRejection(e: unknown): boolean {
  if (!(e instanceof Error)) {
    return false;
  }
  if (e instanceof ValidationError) {
    return OUR_MESSAGE.test(e.message);
  }
  if (SYNTH_VALIDATION.test(e.message)) {
    // aws-cdk-lib lists each error as `\n  [construct path] message`; every message must be ours.
    const entries = e.message.replace(SYNTH_VALIDATION, '').split(/\n {2}(?=\[)/);
    return entries.length > 0 && entries.every((entry) => {
      const m = /^ *\[[^\]\n]*\] ([^]*)$/.exec(entry);
      return m !== null && OUR_MESSAGE.test(m[1]);
    });
  }
  return false;
}

/** A construct under fuzzing: how to draw a case and how to build it. */
export interface FuzzTarget<T = any> {
  /** The construct's name, for reports. */
  readonly name: string;
  /** Draws a case (see `cases()`). */
  readonly arbitrary: fc.Arbitrary<FuzzCase<T>>;
  /** Builds the case in the context's stack (constructs, add*() calls). */
  build(ctx: Ctx, testCase: T): void;
}

let outdir: string | undefined;

/** One output directory per process, reused by every case (templates are small). */
function caseOutdir(): string {
  if (outdir === undefined) {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'batch-fuzz-'));
  }
  return outdir;
}

/** Builds one case in a fresh app, synthesizes it and classifies the result. */
export function runCase<T>(target: FuzzTarget<T>, testCase: FuzzCase<T>): CaseResult {
  try {
    // The built-in template validation is slow; cfn-lint covers templates in its own step.
    const app = new App({ outdir: caseOutdir(), builtinCloudFormationValidation: false, context: { 'aws:cdk:enable-path-metadata': false } });
    const stack = new Stack(app, 'Stack');
    target.build(new Ctx(stack), testCase.props);
    const assembly = app.synth();
    return { outcome: 'synthesized', template: assembly.getStackByName(stack.stackName).template };
  } catch (e) {
    return { outcome: isOurRejection(e) ? 'rejected' : 'crash', error: e };
  }
}

/** Counts of a fuzzing run of one target. */
export interface Counts {
  cases: number;
  synthesized: number;
  rejected: number;
  crashes: number;
  /** Cases of the plausible half, and how many of them synthesized. */
  plausible: number;
  plausibleSynthesized: number;
  /** Plausible cases that were rejected: valid props the library refused. */
  wrongRejections: number;
}

/**
 * What is wrong with a case's result, if anything: a crash, or the rejection of a plausible case.
 * Undefined when the result is as it should be.
 */
export function failureOf(result: CaseResult, testCase: FuzzCase<unknown>): string | undefined {
  if (result.outcome === 'crash') {
    return `crash: ${describeCrash(result, testCase)}`;
  }
  if (result.outcome === 'rejected' && testCase.plausible) {
    return `wrong rejection of a plausible case: ${describeCrash(result, testCase)}`;
  }
  return undefined;
}

/** Describes a crash for a report: the error and the case that caused it. */
export function describeCrash(result: CaseResult, testCase: unknown): string {
  const e = result.error as Error;
  const where = e?.stack?.split('\n').slice(0, 6).join('\n') ?? String(e);
  return `${where}\ncase: ${fc.stringify(testCase)}`;
}
