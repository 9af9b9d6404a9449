import { App, CfnOutput, CfnParameter, CfnWaitConditionHandle, Duration, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  Action, DnsPolicy, EksContainerDefinition, EksJobDefinition, EksJobDefinitionProps, EksVolume, JobQueue, Reason, RetryStrategy,
} from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';

function containerIn(stack: Stack): EksContainerDefinition {
  return new EksContainerDefinition(stack, 'Container', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36'),
    cpuReservation: 1,
    memoryLimit: Size.gibibytes(1),
  });
}

function jobDefinitionIn(stack: Stack, props: Partial<EksJobDefinitionProps> = {}): EksJobDefinition {
  return new EksJobDefinition(stack, 'JobDefinition', { container: containerIn(stack), ...props });
}

function onlyJobDefinition(stack: Stack): any {
  const resources = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  expect(Object.keys(resources)).toHaveLength(1);
  return Object.values(resources)[0].Properties;
}

describe('EksJobDefinition rendering', () => {
  test('defaults: a container job with EKS pod properties and nothing else', () => {
    const stack = newStack();
    jobDefinitionIn(stack);

    expect(onlyJobDefinition(stack)).toEqual({
      Type: 'container',
      RetryStrategy: {},
      Timeout: {},
      EksProperties: {
        PodProperties: {
          Containers: [{
            Image: 'public.ecr.aws/docker/library/busybox:1.36',
            Env: [],
            Resources: { Limits: { memory: '1024Mi' }, Requests: { cpu: 1 } },
            SecurityContext: { RunAsNonRoot: true },
          }],
        },
      },
    });
  });

  test('every prop', () => {
    const stack = newStack();
    const job = jobDefinitionIn(stack, {
      dnsPolicy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET,
      serviceAccount: 'batch-jobs',
      useHostNetwork: false,
      jobDefinitionName: 'eks-job',
      parameters: { input: 's3://bucket/key' },
      retryAttempts: 3,
      retryStrategies: [RetryStrategy.of(Action.RETRY, Reason.SPOT_INSTANCE_RECLAIMED)],
      schedulingPriority: 10,
      timeout: Duration.minutes(10),
    });
    job.addRetryStrategy(RetryStrategy.of(Action.EXIT, Reason.NON_ZERO_EXIT_CODE));

    const props = onlyJobDefinition(stack);
    expect(props).toEqual(expect.objectContaining({
      Type: 'container',
      JobDefinitionName: 'eks-job',
      Parameters: { input: 's3://bucket/key' },
      RetryStrategy: {
        Attempts: 3,
        EvaluateOnExit: [
          { Action: 'RETRY', OnStatusReason: 'Host EC2*' },
          { Action: 'EXIT', OnExitCode: '*' },
        ],
      },
      SchedulingPriority: 10,
      Timeout: { AttemptDurationSeconds: 600 },
    }));
    expect(props.EksProperties.PodProperties).toEqual(expect.objectContaining({
      DnsPolicy: 'ClusterFirstWithHostNet',
      HostNetwork: false,
      ServiceAccountName: 'batch-jobs',
    }));
    expect(props.PlatformCapabilities).toBeUndefined();
  });

  test.each(Object.entries(DnsPolicy))('DnsPolicy.%s renders %s', (_name, value) => {
    const stack = newStack();
    jobDefinitionIn(stack, { dnsPolicy: value });
    expect(onlyJobDefinition(stack).EksProperties.PodProperties.DnsPolicy).toBe(value);
  });

  test('useHostNetwork: true is rendered, unset is left to Batch (which defaults to true)', () => {
    const a = newStack();
    jobDefinitionIn(a, { useHostNetwork: true });
    expect(onlyJobDefinition(a).EksProperties.PodProperties.HostNetwork).toBe(true);

    const b = newStack();
    jobDefinitionIn(b);
    expect(onlyJobDefinition(b).EksProperties.PodProperties).not.toHaveProperty('HostNetwork');
  });

  test('volumes added to the container after the job definition is created are rendered', () => {
    const stack = newStack();
    const job = jobDefinitionIn(stack);

    job.container.addVolume(EksVolume.emptyDir({ name: 'scratch', mountPath: '/scratch' }));

    const pod = onlyJobDefinition(stack).EksProperties.PodProperties;
    expect(pod.Volumes).toEqual([{ Name: 'scratch', EmptyDir: {} }]);
    expect(pod.Containers[0].VolumeMounts).toEqual([{ Name: 'scratch', MountPath: '/scratch' }]);
  });

  test('exposes its props', () => {
    const stack = newStack();
    const container = containerIn(stack);
    const job = new EksJobDefinition(stack, 'JobDefinition', {
      container, dnsPolicy: DnsPolicy.DEFAULT, serviceAccount: 'sa', useHostNetwork: false, retryAttempts: 2, timeout: Duration.minutes(2),
    });
    expect(job.container).toBe(container);
    expect(job.dnsPolicy).toBe(DnsPolicy.DEFAULT);
    expect(job.serviceAccount).toBe('sa');
    expect(job.useHostNetwork).toBe(false);
    expect(job.retryAttempts).toBe(2);
    expect(job.timeout?.toMinutes()).toBe(2);
    expect(job.retryStrategies).toEqual([]);
  });

  test('the retryStrategies property is a copy', () => {
    const stack = newStack();
    const job = jobDefinitionIn(stack);
    job.retryStrategies.push(RetryStrategy.of(Action.EXIT, Reason.NON_ZERO_EXIT_CODE));
    expect(job.retryStrategies).toEqual([]);
  });
});

describe('EksJobDefinition names and ARNs', () => {
  test('the ARN is the Ref of the resource', () => {
    const stack = newStack();
    const job = jobDefinitionIn(stack);
    expect(stack.resolve(job.jobDefinitionArn)).toEqual({ Ref: 'JobDefinition24FFE3ED' });
  });

  test('the name is split from the ARN, without the revision', () => {
    // GIVEN
    const stack = newStack();
    const job = jobDefinitionIn(stack);

    // THEN the sixth ':' field of the ARN is 'job-definition/<name>'; the revision is the seventh
    expect(stack.resolve(job.jobDefinitionName)).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'JobDefinition24FFE3ED' }] }] }] }],
    });
  });

  test('a name given is still read back from the ARN, so references wait for the resource', () => {
    const stack = newStack();
    const job = jobDefinitionIn(stack, { jobDefinitionName: 'named' });
    new CfnOutput(stack, 'Name', { value: job.jobDefinitionName });
    expect(JSON.stringify(Template.fromStack(stack).toJSON().Outputs.Name.Value)).toContain('JobDefinition24FFE3ED');
  });

  test('a stack in another environment references the job definition through the name it was given', () => {
    const app = new App();
    const producer = new Stack(app, 'Producer', { env: { account: '111111111111', region: 'us-east-1' } });
    const consumer = new Stack(app, 'Consumer', { env: { account: '222222222222', region: 'us-east-1' } });
    const job = jobDefinitionIn(producer, { jobDefinitionName: 'shared-job' });

    new CfnOutput(consumer, 'Arn', { value: job.jobDefinitionArn });
    new CfnOutput(consumer, 'Name', { value: job.jobDefinitionName });
    new CfnWaitConditionHandle(consumer, 'Placeholder'); // a template needs one resource

    const outputs = Template.fromStack(consumer).toJSON().Outputs;
    expect(JSON.stringify(outputs.Arn.Value)).toContain(':batch:us-east-1:111111111111:job-definition/shared-job');
    // no export from the producer: the name is split from the ARN formatted with the given name
    expect(JSON.stringify(outputs.Name.Value)).toContain('job-definition/shared-job');
    expect(JSON.stringify(outputs)).not.toContain('Fn::ImportValue');
  });

  test.each([
    ['arn:aws:batch:us-east-1:123456789012:job-definition/my-job:3', 'my-job'],
    ['arn:aws:batch:us-east-1:123456789012:job-definition/my-job', 'my-job'],
    ['arn:aws-cn:batch:cn-north-1:123456789012:job-definition/a_b-c:12', 'a_b-c'],
  ])('fromEksJobDefinitionArn(%s) is named %s', (arn, name) => {
    const stack = newStack();
    const imported = EksJobDefinition.fromEksJobDefinitionArn(stack, 'Imported', arn);
    expect(imported.jobDefinitionArn).toBe(arn);
    expect(imported.jobDefinitionName).toBe(name);
    expect(imported.env.account).toBe('123456789012');
  });

  test('fromEksJobDefinitionArn() with a token ARN splits it in the template', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    const imported = EksJobDefinition.fromEksJobDefinitionArn(stack, 'Imported', arn);
    expect(stack.resolve(imported.jobDefinitionName)).toEqual({
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'Arn' }] }] }] }],
    });
  });

  test.each(['not-an-arn', 'arn:aws:batch:us-east-1:123456789012:job-definition'])('fromEksJobDefinitionArn(%s) is rejected', (arn) => {
    const stack = newStack();
    expectValidationError(() => EksJobDefinition.fromEksJobDefinitionArn(stack, 'Imported', arn),
      /^EksJobDefinition 'Stack\/Imported': eksJobDefinitionArn must be an ARN of the form .*, got '/);
  });

  test('an imported job definition has no container and takes no retry strategy', () => {
    const stack = newStack();
    const imported = EksJobDefinition.fromEksJobDefinitionArn(stack, 'Imported', 'arn:aws:batch:us-east-1:123456789012:job-definition/my-job:3');
    expect(imported.retryStrategies).toEqual([]);
    expect(() => imported.container).toThrow(/EksJobDefinition 'Stack\/Imported': an imported job definition has no container definition/);
    expect(() => imported.addRetryStrategy(RetryStrategy.of(Action.EXIT, Reason.NON_ZERO_EXIT_CODE)))
      .toThrow(/EksJobDefinition 'Stack\/Imported': cannot add a retry strategy to an imported job definition/);
  });
});

describe('EksJobDefinition.grantSubmitJob()', () => {
  test('allows batch:SubmitJob on the job definition and the queue', () => {
    // GIVEN
    const stack = newStack();
    const job = jobDefinitionIn(stack);
    const queue = JobQueue.fromJobQueueArn(stack, 'Queue', 'arn:aws:batch:us-east-1:123456789012:job-queue/my-queue');
    const role = new iam.Role(stack, 'Submitter', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

    // WHEN
    job.grantSubmitJob(role, queue);

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'batch:SubmitJob',
          Effect: 'Allow',
          Resource: [{ Ref: 'JobDefinition24FFE3ED' }, 'arn:aws:batch:us-east-1:123456789012:job-queue/my-queue'],
        }],
      },
      Roles: [stack.resolve(role.roleName)],
    });
  });
});

describe('EksJobDefinition validation', () => {
  test.each<[string, Partial<EksJobDefinitionProps>, RegExp]>([
    ['a service account with capitals', { serviceAccount: 'Batch' }, /serviceAccount must be a DNS-1123 subdomain .*, got 'Batch'$/],
    ['a service account with underscores', { serviceAccount: 'batch_jobs' }, /serviceAccount must be a DNS-1123 subdomain/],
    ['a timeout under 60 seconds', { timeout: Duration.seconds(59) }, /timeout must be a whole number of seconds between 60 and/],
    ['0 retry attempts', { retryAttempts: 0 }, /retryAttempts must be a whole number between 1 and 10, got 0/],
    ['11 retry attempts', { retryAttempts: 11 }, /retryAttempts must be a whole number between 1 and 10, got 11/],
    ['a scheduling priority over 9999', { schedulingPriority: 10000 }, /schedulingPriority must be a whole number between 0 and 9999, got 10000/],
    ['a name with spaces', { jobDefinitionName: 'my job' }, /jobDefinitionName must be 1 to 128 characters/],
  ])('%s is rejected at construction', (_title, props, pattern) => {
    expectValidationError(() => jobDefinitionIn(newStack(), props), new RegExp(`^EksJobDefinition 'Stack/JobDefinition': ${pattern.source}`));
  });

  test('a service account with periods and a token pass', () => {
    expect(() => jobDefinitionIn(newStack(), { serviceAccount: 'team.batch-jobs' })).not.toThrow();
    const stack = newStack();
    expect(() => jobDefinitionIn(stack, { serviceAccount: new CfnParameter(stack, 'Sa').valueAsString })).not.toThrow();
  });

  test('more than 5 retry strategies fail synthesis, also when added later', () => {
    const stack = newStack();
    const job = jobDefinitionIn(stack, { retryStrategies: [RetryStrategy.of(Action.EXIT, Reason.NON_ZERO_EXIT_CODE)] });
    for (let i = 0; i < 5; i++) {
      job.addRetryStrategy(RetryStrategy.of(Action.RETRY, Reason.custom({ onExitCode: `${i}` })));
    }
    expectSynthError(stack, /EksJobDefinition 'Stack\/JobDefinition': retryStrategies must hold at most 5 strategies, got 6/);
  });
});
