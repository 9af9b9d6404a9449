import { CfnParameter, Duration, Size, Stack, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as fc from 'fast-check';
import { Action, EcsEc2ContainerDefinition, EcsJobDefinition, EcsJobDefinitionProps, Reason, RetryStrategy } from '../lib';
import { expectSynthError, expectValidationError, newStack } from './util';
import { warningsOf } from './util/warnings';

/**
 * The shared job definition base (props, retry strategies, reasons), tested through
 * EcsJobDefinition, the simplest job definition built on it.
 */

function container(stack: Stack): EcsEc2ContainerDefinition {
  return new EcsEc2ContainerDefinition(stack, 'Container', {
    image: ecs.ContainerImage.fromRegistry('busybox'),
    cpu: 1,
    memory: Size.mebibytes(512),
  });
}

function jobWith(props: Partial<EcsJobDefinitionProps>, stack = newStack()): { stack: Stack; job: EcsJobDefinition } {
  const job = new EcsJobDefinition(stack, 'JobDefn', { container: container(stack), ...props });
  return { stack, job };
}

function jobDefinitionProps(stack: Stack): any {
  const resources = Template.fromStack(stack).findResources('AWS::Batch::JobDefinition');
  return Object.values(resources)[0].Properties;
}

describe('defaults', () => {
  test('RetryStrategy and Timeout render empty, nothing else is set', () => {
    // GIVEN / WHEN
    const { stack, job } = jobWith({});

    // THEN
    const props = jobDefinitionProps(stack);
    expect(props.RetryStrategy).toEqual({});
    expect(props.Timeout).toEqual({});
    expect(props.JobDefinitionName).toBeUndefined();
    expect(props.Parameters).toBeUndefined();
    expect(props.SchedulingPriority).toBeUndefined();
    expect(job.retryStrategies).toEqual([]);
    expect(job.retryAttempts).toBeUndefined();
    expect(job.timeout).toBeUndefined();
  });
});

describe('every shared prop', () => {
  test('renders and is exposed', () => {
    // GIVEN / WHEN
    const { stack, job } = jobWith({
      jobDefinitionName: 'my_job-1',
      parameters: { echoParam: 'foobar', n: 2 },
      retryAttempts: 4,
      schedulingPriority: 9999,
      timeout: Duration.minutes(2),
    });

    // THEN
    expect(jobDefinitionProps(stack)).toMatchObject({
      JobDefinitionName: 'my_job-1',
      Parameters: { echoParam: 'foobar', n: 2 },
      RetryStrategy: { Attempts: 4 },
      SchedulingPriority: 9999,
      Timeout: { AttemptDurationSeconds: 120 },
    });
    expect(job.parameters).toEqual({ echoParam: 'foobar', n: 2 });
    expect(job.retryAttempts).toBe(4);
    expect(job.schedulingPriority).toBe(9999);
    expect(job.timeout?.toSeconds()).toBe(120);
  });
});

describe('tags', () => {
  test('tags added with Tags.of() render on the job definition, and propagateTags copies them to the tasks', () => {
    // GIVEN
    const { stack, job } = jobWith({ propagateTags: true });

    // WHEN
    Tags.of(stack).add('team', 'research');
    Tags.of(job).add('cost-center', '42');

    // THEN
    const props = jobDefinitionProps(stack);
    expect(props.Tags).toEqual({ 'team': 'research', 'cost-center': '42' });
    expect(props.PropagateTags).toBe(true);
  });
});

describe('Reason', () => {
  test.each([
    ['NON_ZERO_EXIT_CODE', Reason.NON_ZERO_EXIT_CODE, { OnExitCode: '*' }],
    ['CANNOT_PULL_CONTAINER', Reason.CANNOT_PULL_CONTAINER, { OnReason: 'CannotPullContainerError:*' }],
    ['SPOT_INSTANCE_RECLAIMED', Reason.SPOT_INSTANCE_RECLAIMED, { OnStatusReason: 'Host EC2*' }],
  ])('preset %s renders its pattern', (_name, reason, rendered) => {
    // GIVEN / WHEN
    const { stack } = jobWith({ retryAttempts: 3, retryStrategies: [RetryStrategy.of(Action.EXIT, reason)] });

    // THEN
    expect(jobDefinitionProps(stack).RetryStrategy).toEqual({ Attempts: 3, EvaluateOnExit: [{ Action: 'EXIT', ...rendered }] });
  });

  test('custom reasons expose and render every pattern', () => {
    // GIVEN
    const reason = Reason.custom({ onExitCode: '40*', onReason: 'some reason', onStatusReason: 'Host*' });

    // WHEN
    const { stack } = jobWith({ retryAttempts: 3, retryStrategies: [RetryStrategy.of(Action.RETRY, reason)] });

    // THEN
    expect([reason.onExitCode, reason.onReason, reason.onStatusReason]).toEqual(['40*', 'some reason', 'Host*']);
    expect(jobDefinitionProps(stack).RetryStrategy.EvaluateOnExit).toEqual([
      { Action: 'RETRY', OnExitCode: '40*', OnReason: 'some reason', OnStatusReason: 'Host*' },
    ]);
  });

  test('presets expose their patterns through getters', () => {
    expect(Reason.NON_ZERO_EXIT_CODE.onExitCode).toBe('*');
    expect(Reason.NON_ZERO_EXIT_CODE.onReason).toBeUndefined();
    expect(Reason.CANNOT_PULL_CONTAINER.onReason).toBe('CannotPullContainerError:*');
    expect(Reason.SPOT_INSTANCE_RECLAIMED.onStatusReason).toBe('Host EC2*');
  });

  test('a custom reason keeps its own copy of the patterns', () => {
    // GIVEN
    const patterns: { onExitCode?: string } = { onExitCode: '1' };

    // WHEN
    const reason = Reason.custom(patterns);
    patterns.onExitCode = '2';

    // THEN
    expect(reason.onExitCode).toBe('1');
  });

  test('RetryStrategy.of and the constructor keep action and reason', () => {
    const strategy = RetryStrategy.of(Action.EXIT, Reason.NON_ZERO_EXIT_CODE);
    expect(strategy.action).toBe(Action.EXIT);
    expect(strategy.on).toBe(Reason.NON_ZERO_EXIT_CODE);
    expect(new RetryStrategy(Action.RETRY, Reason.CANNOT_PULL_CONTAINER).action).toBe('RETRY');
  });
});

describe('retry strategies', () => {
  test('addRetryStrategy() after construction renders after the given ones', () => {
    // GIVEN
    const { stack, job } = jobWith({ retryAttempts: 3, retryStrategies: [RetryStrategy.of(Action.EXIT, Reason.CANNOT_PULL_CONTAINER)] });

    // WHEN
    job.addRetryStrategy(RetryStrategy.of(Action.RETRY, Reason.SPOT_INSTANCE_RECLAIMED));

    // THEN
    expect(jobDefinitionProps(stack).RetryStrategy.EvaluateOnExit).toEqual([
      { Action: 'EXIT', OnReason: 'CannotPullContainerError:*' },
      { Action: 'RETRY', OnStatusReason: 'Host EC2*' },
    ]);
    expect(job.retryStrategies.map((s) => s.action)).toEqual([Action.EXIT, Action.RETRY]);
  });

  test('retryStrategies is a copy', () => {
    // GIVEN
    const { stack, job } = jobWith({});

    // WHEN
    job.retryStrategies.push(RetryStrategy.of(Action.EXIT, Reason.NON_ZERO_EXIT_CODE));

    // THEN
    expect(job.retryStrategies).toEqual([]);
    expect(jobDefinitionProps(stack).RetryStrategy).toEqual({});
  });

  test('the given array is copied', () => {
    // GIVEN
    const strategies = [RetryStrategy.of(Action.EXIT, Reason.NON_ZERO_EXIT_CODE)];
    const { job } = jobWith({ retryAttempts: 3, retryStrategies: strategies });

    // WHEN
    strategies.push(RetryStrategy.of(Action.EXIT, Reason.NON_ZERO_EXIT_CODE));

    // THEN
    expect(job.retryStrategies).toHaveLength(1);
  });

  test('five strategies are accepted', () => {
    const { stack } = jobWith({ retryAttempts: 3, retryStrategies: Array.from({ length: 5 }, () => RetryStrategy.of(Action.EXIT, Reason.NON_ZERO_EXIT_CODE)) });
    expect(jobDefinitionProps(stack).RetryStrategy.EvaluateOnExit).toHaveLength(5);
  });

  test('a sixth strategy, added later, fails synthesis', () => {
    // GIVEN
    const { stack, job } = jobWith({ retryAttempts: 3, retryStrategies: Array.from({ length: 5 }, () => RetryStrategy.of(Action.EXIT, Reason.NON_ZERO_EXIT_CODE)) });

    // WHEN
    job.addRetryStrategy(RetryStrategy.of(Action.RETRY, Reason.CANNOT_PULL_CONTAINER));

    // THEN
    expectSynthError(stack, /EcsJobDefinition 'Stack\/JobDefn': retryStrategies must hold at most 5 strategies, got 6/);
  });

  test.each([
    ['a letter in the exit code', { onExitCode: '4a' }, /retryStrategies\[0\]\.on\.onExitCode must be 1 to 512 characters of digits, optionally ending with '\*', got '4a'/],
    ['a star inside the exit code', { onExitCode: '4*0' }, /onExitCode must be 1 to 512 characters of digits/],
    ['an empty reason', { onReason: '' }, /retryStrategies\[0\]\.on\.onReason must be 1 to 512 characters of letters, digits, periods, colons and white space, optionally ending with '\*', got ''/],
    ['a slash in the status reason', { onStatusReason: 'Host/EC2' }, /retryStrategies\[0\]\.on\.onStatusReason must be 1 to 512 characters/],
    ['a reason too long', { onReason: 'a'.repeat(513) }, /onReason must be 1 to 512 characters/],
  ])('a custom reason with %s fails synthesis', (_name, patterns, message) => {
    const { stack } = jobWith({ retryAttempts: 3, retryStrategies: [RetryStrategy.of(Action.EXIT, Reason.custom(patterns))] });
    expectSynthError(stack, message);
  });

  test('token patterns pass', () => {
    const stack = newStack();
    jobWith({
      retryAttempts: 2,
      retryStrategies: [RetryStrategy.of(Action.EXIT, Reason.custom({ onExitCode: new CfnParameter(stack, 'Code').valueAsString }))],
    }, stack);
    expect(jobDefinitionProps(stack).RetryStrategy.EvaluateOnExit).toEqual([{ Action: 'EXIT', OnExitCode: { Ref: 'Code' } }]);
  });

  test('retry strategies without retryAttempts fail synthesis (Batch needs attempts with evaluateOnExit)', () => {
    // GIVEN
    const { stack, job } = jobWith({});

    // WHEN
    job.addRetryStrategy(RetryStrategy.of(Action.RETRY, Reason.SPOT_INSTANCE_RECLAIMED));

    // THEN
    expectSynthError(stack, /^\[?.*EcsJobDefinition 'Stack\/JobDefn': retryAttempts must be set when retryStrategies are given, got 1 retry strategies and no retryAttempts$/m);
  });

  test('retry strategies with a token retryAttempts pass', () => {
    const stack = newStack();
    const attempts = new CfnParameter(stack, 'Attempts', { type: 'Number' }).valueAsNumber;
    jobWith({ retryAttempts: attempts, retryStrategies: [RetryStrategy.of(Action.RETRY, Reason.SPOT_INSTANCE_RECLAIMED)] }, stack);
    expect(jobDefinitionProps(stack).RetryStrategy).toEqual({ Attempts: { Ref: 'Attempts' }, EvaluateOnExit: [{ Action: 'RETRY', OnStatusReason: 'Host EC2*' }] });
  });

  test('retryAttempts alone passes', () => {
    const { stack } = jobWith({ retryAttempts: 2 });
    expect(jobDefinitionProps(stack).RetryStrategy).toEqual({ Attempts: 2 });
  });

  test('a custom reason with no pattern is rendered, with a warning', () => {
    // GIVEN / WHEN
    const { stack } = jobWith({ retryAttempts: 3, retryStrategies: [
      RetryStrategy.of(Action.RETRY, Reason.NON_ZERO_EXIT_CODE),
      RetryStrategy.of(Action.EXIT, Reason.custom({})),
    ] });

    // THEN
    expect(jobDefinitionProps(stack).RetryStrategy.EvaluateOnExit).toEqual([{ Action: 'RETRY', OnExitCode: '*' }, { Action: 'EXIT' }]);
    expect(warningsOf(stack)).toEqual([{
      path: '/Stack/JobDefn',
      id: '@aws-cdk/aws-batch-alpha:retryStrategyWithoutPattern',
      message: "retryStrategies[1].on has none of onExitCode, onReason and onStatusReason; Batch documents no rule for such an entry: give a pattern ('*' matches everything)",
    }]);
  });

  test('a 512-character reason ending with a star passes', () => {
    const { stack } = jobWith({ retryAttempts: 3, retryStrategies: [RetryStrategy.of(Action.EXIT, Reason.custom({ onReason: `${'a'.repeat(511)}*` }))] });
    expect(jobDefinitionProps(stack).RetryStrategy.EvaluateOnExit[0].OnReason).toHaveLength(512);
  });
});

describe('validation at construction', () => {
  test.each([
    ['retryAttempts 0', { retryAttempts: 0 }, /EcsJobDefinition 'Stack\/JobDefn': retryAttempts must be a whole number between 1 and 10, got 0/],
    ['retryAttempts 11', { retryAttempts: 11 }, /retryAttempts must be a whole number between 1 and 10, got 11/],
    ['retryAttempts 1.5', { retryAttempts: 1.5 }, /retryAttempts must be a whole number between 1 and 10, got 1.5/],
    ['schedulingPriority -1', { schedulingPriority: -1 }, /schedulingPriority must be a whole number between 0 and 9999, got -1/],
    ['schedulingPriority 10000', { schedulingPriority: 10000 }, /schedulingPriority must be a whole number between 0 and 9999, got 10000/],
    ['timeout 59 s', { timeout: Duration.seconds(59) }, /timeout must be a whole number of seconds between 60 and \d+, got 59 seconds/],
    ['timeout 60.5 s', { timeout: Duration.millis(60500) }, /timeout must be a whole number of seconds/],
    ['an empty name', { jobDefinitionName: '' }, /jobDefinitionName must be 1 to 128 characters of letters, digits, hyphens and underscores, got ''/],
    ['a name with a space', { jobDefinitionName: 'my job' }, /jobDefinitionName must be 1 to 128 characters .*got 'my job'/],
    ['a 129-character name', { jobDefinitionName: 'a'.repeat(129) }, /jobDefinitionName must be 1 to 128 characters/],
  ])('%s is rejected', (_name, props, message) => {
    expectValidationError(() => jobWith(props as Partial<EcsJobDefinitionProps>), message);
  });

  test('every problem is reported at once', () => {
    expectValidationError(() => jobWith({ retryAttempts: 0, schedulingPriority: -1 }), /retryAttempts[\s\S]*\n.*schedulingPriority/);
  });

  test('a 128-character name and a one-minute timeout pass', () => {
    const { stack } = jobWith({ jobDefinitionName: 'a'.repeat(128), timeout: Duration.minutes(1) });
    expect(jobDefinitionProps(stack)).toMatchObject({ JobDefinitionName: 'a'.repeat(128), Timeout: { AttemptDurationSeconds: 60 } });
  });

  test('token props pass and render', () => {
    // GIVEN
    const stack = newStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;

    // WHEN
    jobWith({
      jobDefinitionName: new CfnParameter(stack, 'Name').valueAsString,
      retryAttempts: n,
      schedulingPriority: n,
      timeout: Duration.seconds(new CfnParameter(stack, 'T', { type: 'Number' }).valueAsNumber),
    }, stack);

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobDefinition', {
      JobDefinitionName: { Ref: 'Name' },
      RetryStrategy: { Attempts: { Ref: 'N' } },
      SchedulingPriority: { Ref: 'N' },
      Timeout: { AttemptDurationSeconds: { Ref: 'T' } },
    });
  });
});

describe('ranges (property-based)', () => {
  test('retryAttempts: whole numbers 1 to 10 pass, others fail', () => {
    fc.assert(fc.property(fc.integer({ min: -20, max: 30 }), (n) => {
      const ok = n >= 1 && n <= 10;
      if (ok) {
        expect(jobDefinitionProps(jobWith({ retryAttempts: n }).stack).RetryStrategy.Attempts).toBe(n);
      } else {
        expectValidationError(() => jobWith({ retryAttempts: n }), /retryAttempts must be a whole number between 1 and 10/);
      }
    }), { numRuns: 30 });
  });

  test('schedulingPriority: whole numbers 0 to 9999 pass, others fail', () => {
    fc.assert(fc.property(fc.integer({ min: -100, max: 10100 }), (n) => {
      if (n >= 0 && n <= 9999) {
        expect(() => jobWith({ schedulingPriority: n })).not.toThrow();
      } else {
        expectValidationError(() => jobWith({ schedulingPriority: n }), /schedulingPriority must be a whole number between 0 and 9999/);
      }
    }), { numRuns: 40 });
  });

  test('timeout: at least 60 whole seconds', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 600 }), (s) => {
      if (s >= 60) {
        expect(jobDefinitionProps(jobWith({ timeout: Duration.seconds(s) }).stack).Timeout).toEqual({ AttemptDurationSeconds: s });
      } else {
        expectValidationError(() => jobWith({ timeout: Duration.seconds(s) }), /timeout must be a whole number of seconds between 60/);
      }
    }), { numRuns: 30 });
  });

  test('names: letters, digits, hyphens and underscores pass', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/), (name) => {
      expect(jobDefinitionProps(jobWith({ jobDefinitionName: name }).stack).JobDefinitionName).toBe(name);
    }), { numRuns: 30 });
  });
});

test('an empty evaluateOnExit is left out rather than rendered empty', () => {
  const { stack } = jobWith({ retryAttempts: 3 });
  Template.fromStack(stack).hasResourceProperties('AWS::Batch::JobDefinition', {
    RetryStrategy: { Attempts: 3, EvaluateOnExit: Match.absent() },
  });
});
