import { Duration, Resource, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import * as batch from '../lib';

/** A compute environment created outside this app, known by its ARN. */
class ExistingComputeEnvironment extends Resource implements batch.IComputeEnvironment {
  public readonly computeEnvironmentArn: string;
  public readonly computeEnvironmentName: string;
  public readonly enabled = true;

  constructor(scope: Construct, id: string, name: string) {
    super(scope, id);
    this.computeEnvironmentName = name;
    this.computeEnvironmentArn = Stack.of(this).formatArn({ service: 'batch', resource: 'compute-environment', resourceName: name });
  }
}

/**
 * Everything the library offers, in one stack. The construct ids here are mirrored by the
 * Python and Java apps under test/bindings, which must synthesize the same template.
 */
export class BatchExampleStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const existing = new ExistingComputeEnvironment(this, 'Existing', 'existing-ce');

    const policy = new batch.FairshareSchedulingPolicy(this, 'FairsharePolicy', {
      shareDecay: Duration.minutes(10),
      computeReservation: 20,
      shares: [{ shareIdentifier: 'analytics', weightFactor: 1 }],
    });
    policy.addShare({ shareIdentifier: 'reports*', weightFactor: 0.5 });

    const queue = new batch.JobQueue(this, 'JobQueue', {
      priority: 10,
      schedulingPolicy: policy,
    });
    queue.addComputeEnvironment(existing, 1);
  }
}
