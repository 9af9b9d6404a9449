/**
 * The example app (example/stack.ts), synthesized with `Template.fromStack` so that its template is
 * also compared on aws-cdk-lib 2.95.1 (test/floor/) and linted (scripts/cfn-lint.sh).
 */
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { BatchExampleStack } from '../example/stack';

test('the example app synthesizes its queues, compute environments and job definitions', () => {
  // WHEN
  const template = Template.fromStack(new BatchExampleStack(new App(), 'BatchExample'));

  // THEN every kind of Batch resource is there
  for (const type of ['AWS::Batch::JobQueue', 'AWS::Batch::ComputeEnvironment', 'AWS::Batch::JobDefinition', 'AWS::Batch::SchedulingPolicy']) {
    expect([type, Object.keys(template.findResources(type)).length > 0]).toEqual([type, true]);
  }
});

test('the example app synthesizes without a warning: it is what a newcomer runs first', () => {
  // WHEN
  const stack = new BatchExampleStack(new App(), 'BatchExample');
  Template.fromStack(stack);

  // THEN
  expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => `${w.id}: ${w.entry.data}`)).toEqual([]);
});
