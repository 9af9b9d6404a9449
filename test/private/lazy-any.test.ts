import { Aws, Lazy, Stack, Token } from 'aws-cdk-lib';
import { lazyAny } from '../../lib/private/lazy-any';
import { newStack } from '../util';

// These tests also run on aws-cdk-lib 2.95.1 (see test/floor/): the value resolves as Lazy.any() does there too.

/** What `stack.resolve()` makes of the value, as a template would render it. */
function resolved(stack: Stack, value: unknown): unknown {
  return stack.resolve(value);
}

describe('lazyAny()', () => {
  test.each([
    ['a list', () => [1, 2], {}],
    ['an empty list', () => [], {}],
    ['an empty list with omitEmptyArray', () => [], { omitEmptyArray: true }],
    ['a list with omitEmptyArray', () => ['a'], { omitEmptyArray: true }],
    ['an object', () => ({ A: 1, B: [true] }), {}],
    ['undefined', () => undefined, {}],
    ['a value holding a token', () => ({ Account: Aws.ACCOUNT_ID }), {}],
  ])('resolves %s as Lazy.any() does', (_name, produce, options) => {
    const stack = newStack();
    expect(resolved(stack, lazyAny(produce, options))).toEqual(resolved(stack, Lazy.any({ produce }, options)));
  });

  test('produces once, on first resolution, and keeps the result, as Lazy.any() does', () => {
    const stack = newStack();
    const state = [1];
    let calls = 0;
    const value = lazyAny(() => { calls++; return [...state]; });
    expect(calls).toBe(0);
    expect(resolved(stack, value)).toEqual([1]);
    state.push(2);
    expect(resolved(stack, value)).toEqual([1]);
    expect(calls).toBe(1);
  });

  test('is a token, in an object and inside a string', () => {
    const value = lazyAny(() => 'x');
    expect(Token.isUnresolved(value)).toBe(true);
    expect(Token.isUnresolved(`${value}`)).toBe(true);
    expect(newStack().resolve(`a-${value}`)).toBe('a-x');
  });
});
