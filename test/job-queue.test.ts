import { CfnOutput, CfnParameter, CfnWaitConditionHandle, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import {
  EcsManagedInstancesComputeEnvironment,
  FairshareSchedulingPolicy, FargateComputeEnvironment, IComputeEnvironment, JobQueue, ManagedEc2EcsComputeEnvironment,
  ManagedEc2EksComputeEnvironment, UnmanagedComputeEnvironment,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { FakeComputeEnvironment } from './util/fake-compute-environment';
import { warningsOf } from './util/warnings';

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

    test('more than three compute environments pass with a warning: the quota can be raised', () => {
      // GIVEN
      const stack = newStack();
      const queue = new JobQueue(stack, 'Queue');

      // WHEN
      for (let i = 1; i <= 4; i++) {
        queue.addComputeEnvironment(new FakeComputeEnvironment(stack, `CE${i}`), i);
      }

      // THEN
      expect(Template.fromStack(stack).toJSON().Resources.Queue4A7E3555.Properties.ComputeEnvironmentOrder).toHaveLength(4);
      expect(warningsOf(stack)).toEqual([{
        path: '/Stack/Queue',
        id: '@aws-cdk/aws-batch-alpha:jobQueueComputeEnvironmentQuota',
        message: "computeEnvironments links 4 compute environments; Batch's default quota is 3 per job queue, "
          + "so the deployment fails unless the account's quota has been raised",
      }]);
    });

    test('three compute environments give no warning', () => {
      const stack = newStack();
      const queue = new JobQueue(stack, 'Queue');
      for (let i = 1; i <= 3; i++) {
        queue.addComputeEnvironment(new FakeComputeEnvironment(stack, `CE${i}`), i);
      }
      expect(warningsOf(stack)).toEqual([]);
    });

    test('duplicate orders fail', () => {
      const stack = newStack();
      const queue = new JobQueue(stack, 'Queue');
      queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'A'), 1);
      queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'B'), 1);
      expectSynthError(stack, /computeEnvironments\[1\]\.order must be unique, got 1 which computeEnvironments\[0\] already has/);
    });

    test('fractional orders and orders beyond 32 bits fail', () => {
      const stack = newStack();
      const queue = new JobQueue(stack, 'Queue');
      queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'A'), 2147483648);
      queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'B'), 1.5);
      expectSynthError(stack,
        /computeEnvironments\[0\]\.order must be a whole number between -2147483648 and 2147483647, got 2147483648[\s\S]*computeEnvironments\[1\]\.order must be a whole number between -2147483648 and 2147483647, got 1.5/);
    });

    test('negative orders pass (the schema gives Order no minimum)', () => {
      const stack = newStack();
      const queue = new JobQueue(stack, 'Queue');
      queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'A'), -1);
      queue.addComputeEnvironment(new FakeComputeEnvironment(stack, 'B'), -2147483648);
      expect(Template.fromStack(stack).toJSON().Resources.Queue4A7E3555.Properties.ComputeEnvironmentOrder.map((o: any) => o.Order)).toEqual([-1, -2147483648]);
    });

    test('the same compute environment twice passes with a warning', () => {
      // GIVEN
      const stack = newStack();
      const ce = new FakeComputeEnvironment(stack, 'A');
      const queue = new JobQueue(stack, 'Queue');

      // WHEN
      queue.addComputeEnvironment(ce, 1);
      queue.addComputeEnvironment(ce, 2);

      // THEN
      expect(warningsOf(stack)).toEqual([{
        path: '/Stack/Queue',
        id: '@aws-cdk/aws-batch-alpha:jobQueueComputeEnvironmentLinkedTwice',
        message: "computeEnvironments[1] links compute environment 'Stack/A' again (computeEnvironments[0] already does); the second link adds nothing",
      }]);
    });

    test('warnings are added once, however often the app is synthesized', () => {
      const stack = newStack();
      const ce = new FakeComputeEnvironment(stack, 'A');
      new JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: ce, order: 1 }, { computeEnvironment: ce, order: 2 }] });
      Template.fromStack(stack);
      expect(warningsOf(stack)).toHaveLength(1);
    });
  });

  describe('compute environments of one kind (Batch rejects a queue that mixes them)', () => {
    type Make = (stack: Stack, id: string) => IComputeEnvironment;
    const vpcOf = (stack: Stack) => (stack.node.tryFindChild('Vpc') as ec2.IVpc | undefined) ?? new ec2.Vpc(stack, 'Vpc');
    const ec2Ce: Make = (s, id) => new ManagedEc2EcsComputeEnvironment(s, id, { vpc: vpcOf(s) });
    const spotCe: Make = (s, id) => new ManagedEc2EcsComputeEnvironment(s, id, { vpc: vpcOf(s), spot: true });
    const unmanagedCe: Make = (s, id) => new UnmanagedComputeEnvironment(s, id);
    const fargateCe: Make = (s, id) => new FargateComputeEnvironment(s, id, { vpc: vpcOf(s) });
    const fargateSpotCe: Make = (s, id) => new FargateComputeEnvironment(s, id, { vpc: vpcOf(s), spot: true });
    const eksCe: Make = (s, id) => new ManagedEc2EksComputeEnvironment(s, id, {
      vpc: vpcOf(s), kubernetesNamespace: 'batch', eksCluster: eks.Cluster.fromClusterAttributes(s, `${id}Cluster`, { clusterName: 'c' }),
    });
    const managedInstancesCe: Make = (s, id) => new EcsManagedInstancesComputeEnvironment(s, id, { vpc: vpcOf(s) });
    const managedInstancesSpotCe: Make = (s, id) => new EcsManagedInstancesComputeEnvironment(s, id, { vpc: vpcOf(s), spot: true });
    const importedCe: Make = (s, id) => FargateComputeEnvironment.fromFargateComputeEnvironmentArn(s, id,
      `arn:aws:batch:us-east-1:123456789012:compute-environment/${id}`);

    test.each<[string, Make, Make, RegExp]>([
      ['EC2 and Fargate', ec2Ce, fargateCe,
        /computeEnvironments must all have one capacity, got ECS on EC2 at computeEnvironments\[0\] and ECS on FARGATE at computeEnvironments\[1\]; Batch does not mix them in a queue$/m],
      ['Spot and Fargate Spot', spotCe, fargateSpotCe, /computeEnvironments must all have one capacity, got ECS on EC2 at computeEnvironments\[0\] and ECS on FARGATE/],
      ['unmanaged and Fargate', unmanagedCe, fargateCe, /computeEnvironments must all have one capacity, got ECS on EC2 at computeEnvironments\[0\] and ECS on FARGATE/],
      ['ECS and EKS', ec2Ce, eksCe,
        /computeEnvironments must all have one orchestration, got ECS on EC2 at computeEnvironments\[0\] and EKS on EC2 at computeEnvironments\[1\]; Batch does not mix them in a queue$/m],
      ['EKS and Fargate', eksCe, fargateCe, /computeEnvironments must all have one orchestration, got EKS on EC2 at computeEnvironments\[0\] and ECS on FARGATE/],
      ['unmanaged and EKS', unmanagedCe, eksCe, /computeEnvironments must all have one orchestration, got ECS on EC2 at computeEnvironments\[0\] and EKS on EC2/],
      ['EC2 and ECS Managed Instances', ec2Ce, managedInstancesCe,
        /computeEnvironments must all have one capacity, got ECS on EC2 at computeEnvironments\[0\] and ECS on MANAGED_INSTANCES at computeEnvironments\[1\]; Batch does not mix them in a queue$/m],
      ['ECS Managed Instances and Fargate', managedInstancesCe, fargateCe,
        /computeEnvironments must all have one capacity, got ECS on MANAGED_INSTANCES at computeEnvironments\[0\] and ECS on FARGATE/],
      ['ECS Managed Instances and EKS', managedInstancesCe, eksCe,
        /computeEnvironments must all have one orchestration, got ECS on MANAGED_INSTANCES at computeEnvironments\[0\] and EKS on EC2/],
    ])('%s fail, also when added later', (_name, first, second, message) => {
      // GIVEN
      const stack = newStack();
      const queue = new JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: first(stack, 'First'), order: 1 }] });

      // WHEN
      queue.addComputeEnvironment(second(stack, 'Second'), 2);

      // THEN
      expectSynthError(stack, new RegExp(`JobQueue 'Stack/Queue': ${message.source}`, 'm'));
    });

    test.each<[string, Make[]]>([
      ['EC2, Spot and unmanaged', [ec2Ce, spotCe, unmanagedCe]],
      ['Fargate and Fargate Spot', [fargateCe, fargateSpotCe]],
      ['EKS twice', [eksCe, eksCe]],
      ['ECS Managed Instances on-demand and Spot', [managedInstancesCe, managedInstancesSpotCe]],
      ['Fargate and an import of unknown kind', [fargateCe, importedCe]],
      ['EC2 and an import, even a Fargate one (imports are not checked)', [ec2Ce, importedCe]],
      ['EC2 and a compute environment implemented elsewhere', [ec2Ce, (s, id) => new FakeComputeEnvironment(s, id)]],
    ])('%s pass', (_name, makes) => {
      const stack = newStack();
      new JobQueue(stack, 'Queue', { computeEnvironments: makes.map((make, i) => ({ computeEnvironment: make(stack, `CE${i}`), order: i })) });
      expect(Template.fromStack(stack).toJSON().Resources.Queue4A7E3555.Properties.ComputeEnvironmentOrder).toHaveLength(makes.length);
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
