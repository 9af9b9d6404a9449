import { Resource, TagManager, TagType } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { IManagedComputeEnvironment } from '../managed-compute-environment';
import { nameFromImportedArn } from './imported-arn';

/**
 * A managed compute environment imported by its ARN (`prop` names the ARN parameter in messages),
 * for the kinds whose interface adds nothing to `IManagedComputeEnvironment`.
 *
 * What the ARN cannot tell is rendered as the defaults of an environment the app does not manage:
 * enabled, 1 vCPU, no security groups and no tags.
 */
export function importManagedComputeEnvironment(kind: string, scope: Construct, id: string, prop: string, arn: string): IManagedComputeEnvironment {
  const name = nameFromImportedArn(kind, scope, id, prop, arn);
  class Import extends Resource implements IManagedComputeEnvironment {
    public readonly computeEnvironmentArn = arn;
    public readonly computeEnvironmentName = name;
    public readonly enabled = true;
    public readonly maxvCpus = 1;
    public readonly connections = new ec2.Connections();
    public readonly securityGroups: ec2.ISecurityGroup[] = [];
    public readonly tags = new TagManager(TagType.MAP, 'AWS::Batch::ComputeEnvironment');
  }
  return new Import(scope, id, { environmentFromArn: arn });
}
