import { Duration } from 'aws-cdk-lib';
import { FakeComputeEnvironment } from '../util/fake-compute-environment';
import { bothTemplates, Scenario } from '../util/upstream';

/**
 * The same apps built with this library and with the published upstream alpha must give the
 * same Batch resources. Known, deliberate differences are listed in DEVIATIONS.md; the
 * outputs that show them (names derived from Ref) are kept out of these scenarios.
 */
const scenarios: Record<string, Scenario> = {
  'queue with defaults and one compute environment': (batch, stack) => {
    const ce = new FakeComputeEnvironment(stack, 'CE');
    new batch.JobQueue(stack, 'Queue', { computeEnvironments: [{ computeEnvironment: ce, order: 1 }] });
  },
  'queue with every prop and a compute environment added later': (batch, stack) => {
    const a = new FakeComputeEnvironment(stack, 'A');
    const b = new FakeComputeEnvironment(stack, 'B');
    const policy = new batch.FairshareSchedulingPolicy(stack, 'Policy');
    const queue = new batch.JobQueue(stack, 'Queue', {
      computeEnvironments: [{ computeEnvironment: a, order: 2 }],
      enabled: false,
      priority: 7,
      jobQueueName: 'named-queue',
      schedulingPolicy: policy,
    });
    queue.addComputeEnvironment(b, 1);
  },
  'enabled queue': (batch, stack) => {
    const a = new FakeComputeEnvironment(stack, 'A');
    new batch.JobQueue(stack, 'Queue', { enabled: true, computeEnvironments: [{ computeEnvironment: a, order: 1 }] });
  },
  'empty fairshare policy': (batch, stack) => {
    new batch.FairshareSchedulingPolicy(stack, 'Policy');
  },
  'fairshare policy with every prop and a share added later': (batch, stack) => {
    const policy = new batch.FairshareSchedulingPolicy(stack, 'Policy', {
      computeReservation: 50,
      schedulingPolicyName: 'named',
      shareDecay: Duration.minutes(15),
      shares: [{ shareIdentifier: 'a', weightFactor: 0.25 }],
    });
    policy.addShare({ shareIdentifier: 'b*', weightFactor: 3 });
  },
};

const BATCH_TYPES = ['AWS::Batch::JobQueue', 'AWS::Batch::SchedulingPolicy'];

function batchResources(template: any): Record<string, any> {
  return Object.fromEntries(Object.entries(template.Resources ?? {}).filter(([, r]: [string, any]) => BATCH_TYPES.includes(r.Type)));
}

describe('JobQueue and FairshareSchedulingPolicy match upstream', () => {
  test.each(Object.entries(scenarios))('%s', (_name, scenario) => {
    const { ours, upstream } = bothTemplates(scenario);
    const mine = batchResources(ours);
    expect(Object.keys(mine).length).toBeGreaterThan(0);
    expect(mine).toEqual(batchResources(upstream));
  });
});
