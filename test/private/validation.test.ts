import { CfnParameter, Lazy, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { addValidation, checkAtLeast, MAX_INTEGER, show } from '../../lib/private/validation';
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
