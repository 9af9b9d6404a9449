import { App } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ECS_ON_EC2, ECS_ON_FARGATE, computeKindOf, describeComputeKind, markComputeKind } from '../../lib/private/compute-kind';

describe('compute kinds', () => {
  test('a marked construct has its kind, an unmarked one none', () => {
    const root = new App();
    const marked = new Construct(root, 'Marked');
    markComputeKind(marked, ECS_ON_FARGATE);
    expect(computeKindOf(marked)).toBe(ECS_ON_FARGATE);
    expect(computeKindOf(new Construct(root, 'Unmarked'))).toBeUndefined();
    expect(describeComputeKind(ECS_ON_EC2)).toBe('ECS on EC2');
  });

  test('another copy of the library in the app sees the marks of this one, and this one its marks', () => {
    const root = new App();
    const ours = new Construct(root, 'Ours');
    const theirs = new Construct(root, 'Theirs');
    markComputeKind(ours, ECS_ON_EC2);
    let other: typeof import('../../lib/private/compute-kind') | undefined;
    jest.isolateModules(() => {
      other = require('../../lib/private/compute-kind');
    });
    expect(other!.computeKindOf).not.toBe(computeKindOf); // a second copy of the module
    expect(other!.computeKindOf(ours)).toEqual(ECS_ON_EC2);
    other!.markComputeKind(theirs, other!.ECS_ON_FARGATE);
    expect(computeKindOf(theirs)).toEqual(ECS_ON_FARGATE);
  });
});
