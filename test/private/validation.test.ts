import { Aws, CfnParameter, Lazy, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { addValidation, checkAtLeast, MAX_INTEGER, show, unresolved } from '../../lib/private/validation';
import { newStack } from '../util';

describe('show()', () => {
  test('quotes strings and lists arrays', () => {
    expect(show('abc')).toBe("'abc'");
    expect(show(['a', 1])).toBe("['a', 1]");
    expect(show(undefined)).toBe('undefined');
  });

  test('names a number token instead of printing its encoding', () => {
    const stack = newStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    expect(Token.isUnresolved(n)).toBe(true);
    expect(show(n)).toBe('a token');
    expect(show(Lazy.number({ produce: () => 1 }))).toBe('a token');
  });

  test('renders the tokens inside a string the same way every time', () => {
    const stack = newStack();
    const first = `x-${new CfnParameter(stack, 'A').valueAsString}-y`;
    const second = `x-${new CfnParameter(stack, 'B').valueAsString}-y`;
    expect(first).not.toEqual(second);
    expect(show(first)).toBe("'x-${Token}-y'");
    expect(show(second)).toBe(show(first));
  });
});

describe('unresolved()', () => {
  test('number tokens of every kind are unresolved', () => {
    const stack = newStack();
    const tokens = [
      Token.asNumber(Lazy.number({ produce: () => 1 })),
      new CfnParameter(stack, 'P', { type: 'Number' }).valueAsNumber,
      Token.asNumber(Aws.ACCOUNT_ID),
      Token.asNumber({ resolve: () => 2 }),
    ];
    for (const token of tokens) {
      expect(Token.isUnresolved(token)).toBe(true);
      expect(unresolved(token)).toBe(true);
    }
  });

  test('agrees with Token.isUnresolved() on every double', () => {
    fc.assert(fc.property(fc.double(), (x) => unresolved(x) === Token.isUnresolved(x)), { numRuns: 2000 });
    // and on doubles around the encoded tokens: every high word from 0xFBF0 to 0xFC0F, any low bits
    const fromBits = (high: number, low: number): number => {
      const view = new DataView(new ArrayBuffer(8));
      view.setUint32(0, high >>> 0);
      view.setUint32(4, low >>> 0);
      return view.getFloat64(0);
    };
    fc.assert(fc.property(fc.integer({ min: 0xFBF00000, max: 0xFC0FFFFF }), fc.integer({ min: 0, max: 0xFFFFFFFF }),
      (high, low) => unresolved(fromBits(high, low)) === Token.isUnresolved(fromBits(high, low))), { numRuns: 2000 });
    for (const x of [0, -0, 1, -1, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, -1e288, -1e289, -1.9e289, -2e289]) {
      expect(unresolved(x)).toBe(Token.isUnresolved(x));
    }
  });

  test('strings, lists and undefined go to Token.isUnresolved()', () => {
    expect(unresolved(undefined)).toBe(false);
    expect(unresolved('plain')).toBe(false);
    expect(unresolved(`a-${Aws.REGION}`)).toBe(true);
    expect(unresolved(Token.asList(Lazy.list({ produce: () => ['a'] })))).toBe(true);
    expect(unresolved(['a'])).toBe(false);
  });
});

describe('checkAtLeast()', () => {
  test('whole numbers stop at the 32-bit maximum', () => {
    expect(checkAtLeast('p', MAX_INTEGER, 0, true)).toBeUndefined();
    expect(checkAtLeast('p', MAX_INTEGER + 1, 0, true)).toBe(`p must be a whole number from 0 to ${MAX_INTEGER} (the largest integer AWS Batch and CloudFormation take), got ${MAX_INTEGER + 1}`);
    // numbers that need not be whole have no such limit
    expect(checkAtLeast('p', 1e21, 0)).toBeUndefined();
  });
});

describe('addValidation()', () => {
  test('reports, at validation time, the problems found then, in the message format', () => {
    const scope = new Construct(newStack(), 'Thing');
    const problems: Array<string | undefined> = [];
    addValidation('Kind', scope, () => problems);
    expect(scope.node.validate()).toEqual([]);
    problems.push(undefined, 'size must be at least 1, got 0');
    expect(scope.node.validate()).toEqual([`Kind '${scope.node.path}': size must be at least 1, got 0`]);
  });
});
