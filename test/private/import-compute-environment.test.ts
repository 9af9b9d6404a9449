import { App, Stack } from 'aws-cdk-lib';
import { importManagedComputeEnvironment } from '../../lib/private/import-compute-environment';

describe('importManagedComputeEnvironment()', () => {
  test('takes the name from the ARN and the defaults of an environment the app does not manage', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    const arn = 'arn:aws:batch:us-east-1:123456789012:compute-environment/shared';
    const imported = importManagedComputeEnvironment('FargateComputeEnvironment', stack, 'Imported', 'fargateComputeEnvironmentArn', arn);
    expect(imported.computeEnvironmentArn).toBe(arn);
    expect(stack.resolve(imported.computeEnvironmentName)).toBe('shared');
    expect([imported.enabled, imported.maxvCpus, imported.securityGroups]).toEqual([true, 1, []]);
    expect(imported.node.path).toBe('Stack/Imported');
  });

  test('a malformed ARN is a ValidationError naming the parameter', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => importManagedComputeEnvironment('FargateComputeEnvironment', stack, 'Imported', 'fargateComputeEnvironmentArn', 'shared'))
      .toThrow(/FargateComputeEnvironment 'Stack\/Imported': fargateComputeEnvironmentArn must be an ARN of the form/);
  });
});
