import { Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IComputeEnvironment } from '../../lib';

/** A stand-in compute environment with a fixed ARN, for tests of things that link to one. */
export class FakeComputeEnvironment extends Resource implements IComputeEnvironment {
  public readonly computeEnvironmentArn: string;
  public readonly computeEnvironmentName: string;
  public readonly enabled = true;

  constructor(scope: Construct, id: string, name = id) {
    super(scope, id);
    this.computeEnvironmentName = name;
    this.computeEnvironmentArn = `arn:aws:batch:us-east-1:123456789012:compute-environment/${name}`;
  }
}
