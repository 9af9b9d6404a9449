/**
 * Queues and job definitions work with aws-cdk-lib's Batch integrations: the EventBridge target
 * `aws-events-targets.BatchJob` and the Step Functions task `aws-stepfunctions-tasks.BatchSubmitJob`,
 * for constructs made here and for imported ones.
 */
import { Duration, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { EcsEc2ContainerDefinition, EcsJobDefinition, EksContainerDefinition, EksJobDefinition, IJobDefinition, IJobQueue, JobQueue } from '../lib';
import { FakeComputeEnvironment } from './util/fake-compute-environment';
import { newStack } from './util';

const QUEUE_ARN = 'arn:aws:batch:us-east-1:123456789012:job-queue/imported-queue';
const JOB_ARN = 'arn:aws:batch:us-east-1:123456789012:job-definition/imported-job:2';

function created(stack: Stack): { queue: IJobQueue; job: IJobDefinition } {
  const queue = new JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: new FakeComputeEnvironment(stack, 'Ce'), order: 1 }] });
  const job = new EcsJobDefinition(stack, 'Job', {
    container: new EcsEc2ContainerDefinition(stack, 'Container', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023'), cpu: 1, memory: Size.mebibytes(512),
    }),
  });
  return { queue, job };
}

function imported(stack: Stack): { queue: IJobQueue; job: IJobDefinition } {
  return {
    queue: JobQueue.fromJobQueueArn(stack, 'Queue', QUEUE_ARN),
    job: EcsJobDefinition.fromJobDefinitionArn(stack, 'Job', JOB_ARN),
  };
}

// what each case renders for the queue's and the job definition's ARNs, and how the job definition
// appears in a state machine's definition string
const CASES = [
  ['created here', created, { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queue'), 'JobQueueArn'] }, { Ref: Match.stringLikeRegexp('^Job') }, '{"Ref":"Job'],
  ['imported by ARN', imported, QUEUE_ARN, JOB_ARN, JOB_ARN],
] as const;

describe.each(CASES)('a queue and a job definition %s', (_name, make, queueArn, jobArn, jobInDefinition) => {
  test('are the target of an EventBridge rule', () => {
    // GIVEN
    const stack = newStack();
    const { queue, job } = make(stack);

    // WHEN
    new events.Rule(stack, 'Nightly', {
      schedule: events.Schedule.rate(Duration.days(1)),
      targets: [new targets.BatchJob(queue.jobQueueArn, queue, job.jobDefinitionArn, job, { jobName: 'nightly', attempts: 2 })],
    });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({
        Arn: queueArn,
        BatchParameters: { JobDefinition: jobArn, JobName: 'nightly', RetryStrategy: { Attempts: 2 } },
        RoleArn: Match.anyValue(),
      })],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'batch:SubmitJob', Effect: 'Allow', Resource: Match.arrayWith([jobArn, queueArn]) }] },
    });
  });

  test('are submitted by a Step Functions task', () => {
    // GIVEN
    const stack = newStack();
    const { queue, job } = make(stack);

    // WHEN
    const submit = new tasks.BatchSubmitJob(stack, 'Submit', { jobName: 'report', jobQueueArn: queue.jobQueueArn, jobDefinitionArn: job.jobDefinitionArn });
    new sfn.StateMachine(stack, 'Workflow', { definitionBody: sfn.DefinitionBody.fromChainable(submit) });

    // THEN the task submits this job definition to this queue, waiting for the job to finish
    const template = Template.fromStack(stack);
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as any[];
    const definition = JSON.stringify(machine.Properties.DefinitionString);
    expect(definition).toContain(':states:::batch:submitJob.sync');
    expect(definition).toContain(`\\"JobDefinition\\":\\"`);
    expect(definition).toContain(jobInDefinition);
    // and its role may submit to the queue (aws-cdk-lib's task allows every job definition)
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'batch:SubmitJob', Effect: 'Allow', Resource: Match.arrayWith([queueArn]) })]),
      },
    });
  });
});

test('an EKS job definition is submitted by a Step Functions task', () => {
  const stack = newStack();
  const queue = JobQueue.fromJobQueueArn(stack, 'Queue', QUEUE_ARN);
  const job = new EksJobDefinition(stack, 'EksJob', {
    container: new EksContainerDefinition(stack, 'Container', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023'), cpuLimit: 1, memoryLimit: Size.mebibytes(512),
    }),
  });

  const submit = new tasks.BatchSubmitJob(stack, 'Submit', { jobName: 'pod', jobQueueArn: queue.jobQueueArn, jobDefinitionArn: job.jobDefinitionArn });
  new sfn.StateMachine(stack, 'Workflow', { definitionBody: sfn.DefinitionBody.fromChainable(submit) });

  const [machine] = Object.values(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine')) as any[];
  const definition = JSON.stringify(machine.Properties.DefinitionString);
  expect(definition).toContain(':states:::batch:submitJob.sync');
  expect(definition).toContain('{"Ref":"EksJob');
});
