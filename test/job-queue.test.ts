import { CfnOutput, CfnParameter, CfnWaitConditionHandle, Duration, Lazy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { FairshareSchedulingPolicy, JobQueue } from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { FakeComputeEnvironment } from './util/fake-compute-environment';

const ARN = (name: string) => `arn:aws:batch:us-east-1:123456789012:compute-environment/${name}`;

describe('JobQueue', () => {
  test('defaults: priority 1, ENABLED, no name, no scheduling policy', () => {
    // GIVEN
    const stack = newStack();
    const ce = new FakeComputeEnvironment(stack, 'CE');

    // WHEN
    const queue = new JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: ce, order: 1 }] });

    // THEN
    expect(queue.priority).toEqual(1);
    expect(queue.enabled).toBeUndefined();
    expect(queue.schedulingPolicy).toBeUndefined();
    Template.fromStack(stack).templateMatches({
      Resources: {
        Queue4A7E3555: {
          Type: 'AWS::Batch::JobQueue',
          Properties: {
            ComputeEnvironmentOrder: [{ ComputeEnvironment: ARN('CE'), Order: 1 }],
            Priority: 1,
            State: 'ENABLED',
          },
        },
      },
    });
    const props = Template.fromStack(stack).toJSON().Resources.Queue4A7E3555.Properties;
    expect(props).not.toHaveProperty('JobQueueName');
    expect(props).not.toHaveProperty('SchedulingPolicyArn');
  });

  test('renders every prop', () => {
    const stack = newStack();
    const ce = new FakeComputeEnvironment(stack, 'CE');
    const policy = new FairshareSchedulingPolicy(stack, 'Policy');

    const queue = new JobQueue(stack, 'Queue', {
      computeEnvironments: [{ computeEnvironment: ce, order: 5 }],
      jobQueueName: 'my_queue-1',
      priority: 10,
      enabled: false,
      schedulingPolicy: policy,
    });

    expect(queue.enabled).toBe(false);
    expect(queue.schedulingPolicy).toBe(policy);
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobQueue', {
      ComputeEnvironmentOrder: [{ ComputeEnvironment: ARN('CE'), Order: 5 }],
      JobQueueName: 'my_queue-1',
      Priority: 10,
      State: 'DISABLED',
      SchedulingPolicyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Policy'), 'Arn'] },
    });
  });

  test('enabled: true renders ENABLED', () => {
    const stack = newStack();
    const ce = new FakeComputeEnvironment(stack, 'CE');
    new JobQueue(stack, 'Queue', { enabled: true, computeEnvironments: [{ computeEnvironment: ce, order: 1 }] });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobQueue', { State: 'ENABLED' });
  });

  test('addComputeEnvironment() after construction appends in call order', () => {
    const stack = newStack();
    const a = new FakeComputeEnvironment(stack, 'A');
    const b = new FakeComputeEnvironment(stack, 'B');
    const queue = new JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: a, order: 2 }] });

    queue.addComputeEnvironment(b, 1);

    expect(queue.computeEnvironments.map((c) => c.order)).toEqual([2, 1]);
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobQueue', {
      ComputeEnvironmentOrder: [
        { ComputeEnvironment: ARN('A'), Order: 2 },
        { ComputeEnvironment: ARN('B'), Order: 1 },
      ],
    });
  });

  test('the computeEnvironments property is a copy', () => {
    const stack = newStack();
    const a = new FakeComputeEnvironment(stack, 'A');
    const queue = new JobQueue(stack, 'Queue');
    queue.computeEnvironments.push({ computeEnvironment: a, order: 1 });
    expect(queue.computeEnvironments).toEqual([]);
  });

  test('the ARN is the JobQueueArn attribute and the name is split from it', () => {
    const stack = newStack();
    const ce = new FakeComputeEnvironment(stack, 'CE');
    const queue = new JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: ce, order: 1 }] });

    new CfnOutput(stack, 'Arn', { value: queue.jobQueueArn });
    new CfnOutput(stack, 'Name', { value: queue.jobQueueName });

    const outputs = Template.fromStack(stack).toJSON().Outputs;
    expect(outputs.Arn.Value).toEqual({ 'Fn::GetAtt': ['Queue4A7E3555', 'JobQueueArn'] });
    expect(outputs.Name.Value).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Queue4A7E3555', 'JobQueueArn'] }] }] }] }],
    });
  });

  describe('fromJobQueueArn()', () => {
    test('parses the name and environment', () => {
      const stack = newStack();
      const queue = JobQueue.fromJobQueueArn(stack, 'Imported', 'arn:aws:batch:us-west-2:111122223333:job-queue/my-queue');
      expect(queue.jobQueueName).toEqual('my-queue');
      expect(queue.jobQueueArn).toEqual('arn:aws:batch:us-west-2:111122223333:job-queue/my-queue');
      expect(queue.env.region).toEqual('us-west-2');
      expect(queue.env.account).toEqual('111122223333');
      expect(queue.computeEnvironments).toEqual([]);
      expect(queue.priority).toEqual(1);
    });

    test('a token ARN yields a name CloudFormation splits at deploy time', () => {
      const stack = newStack();
      const arn = new CfnParameter(stack, 'Arn').valueAsString;
      const queue = JobQueue.fromJobQueueArn(stack, 'Imported', arn);
      new CfnOutput(stack, 'Name', { value: queue.jobQueueName });
      new CfnWaitConditionHandle(stack, 'Placeholder'); // a template needs one resource
      expect(Template.fromStack(stack).toJSON().Outputs.Name.Value).toEqual({
        'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'Arn' }] }] }] }],
      });
    });

    test('adding a compute environment to an imported queue is an error', () => {
      const stack = newStack();
      const queue = JobQueue.fromJobQueueArn(stack, 'Imported', 'arn:aws:batch:us-west-2:111122223333:job-queue/q');
      const ce = new FakeComputeEnvironment(stack, 'CE');
      expect(() => queue.addComputeEnvironment(ce, 1)).toThrow(/JobQueue 'Stack\/Imported': cannot add a compute environment to an imported job queue/);
    });
  });

  describe('validation at construction', () => {
    test.each([
      [{ priority: -1 }, /priority must be a whole number between 0 and 1000, got -1/],
      [{ priority: 1001 }, /priority must be a whole number between 0 and 1000, got 1001/],
      [{ priority: 0.5 }, /priority must be a whole number between 0 and 1000, got 0.5/],
      [{ jobQueueName: 'bad name!' }, /jobQueueName must be 1 to 128 characters of letters, digits, hyphens and underscores, got 'bad name!'/],
      [{ jobQueueName: 'q'.repeat(129) }, /jobQueueName must be 1 to 128/],
    ])('%p is rejected', (props, message) => {
      const stack = newStack();
      expectValidationError(() => new JobQueue(stack, 'Queue', props), message);
    });

    test('messages name the construct path', () => {
      const stack = newStack();
      expectValidationError(() => new JobQueue(stack, 'Queue', { priority: 1001 }), /^JobQueue 'Stack\/Queue': priority/);
    });

    test('priority 0 and 1000 are accepted', () => {
      const stack = newStack();
      const ce = new FakeComputeEnvironment(stack, 'CE');
      new JobQueue(stack, 'Low', { priority: 0, computeEnvironments: [{ computeEnvironment: ce, order: 1 }] });
      new JobQueue(stack, 'High', { priority: 1000, computeEnvironments: [{ computeEnvironment: ce, order: 1 }] });
      Template.fromStack(stack).resourceCountIs('AWS::Batch::JobQueue', 2);
    });

    test('priority: any integer in range passes, any outside fails (property-based)', () => {
      fc.assert(fc.property(fc.integer({ min: -5000, max: 5000 }), (priority) => {
        const stack = newStack();
        const create = () => new JobQueue(stack, 'Queue', { priority });
        if (priority >= 0 && priority <= 1000) {
          expect(create().priority).toEqual(priority);
        } else {
          expectValidationError(create, /priority must be a whole number between 0 and 1000/);
        }
      }), { numRuns: 50 });
    });

    test('unresolved tokens pass through unvalidated', () => {
      const stack = newStack();
      const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
      const ce = new FakeComputeEnvironment(stack, 'CE');
      new JobQueue(stack, 'Queue', {
        priority: n,
        jobQueueName: Lazy.string({ produce: () => 'late' }),
        computeEnvironments: [{ computeEnvironment: ce, order: n }, { computeEnvironment: new FakeComputeEnvironment(stack, 'CE2'), order: n }],
      });
      Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobQueue', {
        Priority: { Ref: 'N' },
        JobQueueName: 'late',
        ComputeEnvironmentOrder: [{ Order: { Ref: 'N' } }, { Order: { Ref: 'N' } }],
      });
    });
  });

  describe('validation at synthesis (compute environments can be added later)', () => {
    test('a queue without compute environments fails', () => {
      const stack = newStack();
      new JobQueue(stack, 'Queue');
      expectSynthError(stack, /JobQueue 'Stack\/Queue': computeEnvironments must link at least one compute environment, got none/);
    });

    test('a queue given its compute environment later passes', () => {
      const stack = newStack();
      const queue = new JobQueue(stack, 'Queue');
      queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'CE'), 1);
      Template.fromStack(stack).resourceCountIs('AWS::Batch::JobQueue', 1);
    });

    test('more than three compute environments fail', () => {
      const stack = newStack();
      const queue = new JobQueue(stack, 'Queue');
      for (let i = 1; i <= 4; i++) {
        queue.addComputeEnvironment(new FakeComputeEnvironment(stack, `CE${i}`), i);
      }
      expectSynthError(stack, /computeEnvironments must link at most 3 compute environments, got 4/);
    });

    test('duplicate orders fail', () => {
      const stack = newStack();
      const queue = new JobQueue(stack, 'Queue');
      queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'A'), 1);
      queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'B'), 1);
      expectSynthError(stack, /computeEnvironments\[1\]\.order must be unique, got 1 which computeEnvironments\[0\] already has/);
    });

    test('negative or fractional orders fail', () => {
      const stack = newStack();
      const queue = new JobQueue(stack, 'Queue');
      queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'A'), -1);
      queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'B'), 1.5);
      expectSynthError(stack, /computeEnvironments\[0\]\.order must be a whole number between 0 and 2147483647, got -1[\s\S]*computeEnvironments\[1\]\.order must be a whole number/);
    });

    test('the same compute environment twice fails', () => {
      const stack = newStack();
      const ce = new FakeComputeEnvironment(stack, 'A');
      const queue = new JobQueue(stack, 'Queue');
      queue.addComputeEnvironment(ce, 1);
      queue.addComputeEnvironment(ce, 2);
      expectSynthError(stack, /computeEnvironments\[1\] links compute environment 'Stack\/A' a second time/);
    });
  });

  test('works with a scheduling policy whose shares are added later', () => {
    const stack = newStack();
    const policy = new FairshareSchedulingPolicy(stack, 'Policy', { shareDecay: Duration.minutes(5) });
    const queue = new JobQueue(stack, 'Queue', { schedulingPolicy: policy });
    queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'CE'), 1);
    policy.addShare({ shareIdentifier: 'late', weightFactor: 1 });
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::SchedulingPolicy', {
      FairsharePolicy: { ShareDecaySeconds: 300, ShareDistribution: [{ ShareIdentifier: 'late', WeightFactor: 1 }] },
    });
  });
});
