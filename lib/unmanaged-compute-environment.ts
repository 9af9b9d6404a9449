import { Resource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ComputeEnvironmentBase, ComputeEnvironmentProps, IComputeEnvironment } from './compute-environment-base';
import { ECS_ON_EC2, markComputeKind } from './private/compute-kind';
import { nameFromImportedArn } from './private/imported-arn';
import { ComputeEnvironmentL1 } from './private/newer-cfn';
import { checkAtLeast, throwIfInvalid } from './private/validation';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * An unmanaged compute environment: you launch, scale and terminate its instances yourself.
 */
export interface IUnmanagedComputeEnvironment extends IComputeEnvironment {
  /**
   * The vCPUs reserved for share identifiers that have not run jobs yet, under a fair-share
   * scheduling policy.
   *
   * @default 0
   */
  readonly unmanagedvCPUs?: number;
}

/**
 * Props to create an unmanaged compute environment.
 */
export interface UnmanagedComputeEnvironmentProps extends ComputeEnvironmentProps {
  /**
   * The vCPUs reserved for share identifiers that have not run jobs yet, under a fair-share
   * scheduling policy.
   *
   * Only used when a queue of this environment has a fair-share scheduling policy.
   * A whole number, at least 0.
   *
   * @default 0
   */
  readonly unmanagedvCpus?: number;
}

const KIND = 'UnmanagedComputeEnvironment';

/**
 * A compute environment whose instances you provide and manage: Batch creates an ECS cluster
 * for it, and you register your own container instances in that cluster.
 *
 * When no `serviceRole` is given, a role with the `AWSBatchServiceRole` managed policy is created.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/compute_environments.html#unmanaged_compute_environments
 * @resource AWS::Batch::ComputeEnvironment
 */
export class UnmanagedComputeEnvironment extends ComputeEnvironmentBase implements IUnmanagedComputeEnvironment {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.UnmanagedComputeEnvironment';

  /**
   * Imports an unmanaged compute environment by its ARN.
   */
  public static fromUnmanagedComputeEnvironmentArn(
    scope: Construct, id: string, unmanagedComputeEnvironmentArn: string,
  ): IUnmanagedComputeEnvironment {
    const name = nameFromImportedArn(KIND, scope, id, 'unmanagedComputeEnvironmentArn', unmanagedComputeEnvironmentArn);
    class Import extends Resource implements IUnmanagedComputeEnvironment {
      public readonly computeEnvironmentArn = unmanagedComputeEnvironmentArn;
      public readonly computeEnvironmentName = name;
      public readonly enabled = true;
    }
    return new Import(scope, id, { environmentFromArn: unmanagedComputeEnvironmentArn });
  }

  public get computeEnvironmentArn(): string {
    return this._arn();
  }

  private readonly _arn: () => string;
  /**
   * The vCPUs reserved for share identifiers that have not run jobs yet, under a fair-share
   * scheduling policy.
   *
   * @default 0
   */
  public readonly unmanagedvCPUs?: number;
  /**
   * The role Batch uses for this environment: the one given, or the one created.
   */
  public readonly serviceRole?: iam.IRole;

  constructor(scope: Construct, id: string, props: UnmanagedComputeEnvironmentProps = {}) {
    props = applyPropertyInjectors(UnmanagedComputeEnvironment.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props);
    throwIfInvalid(KIND, this, [checkAtLeast('unmanagedvCpus', props.unmanagedvCpus, 0, true)]);

    this.unmanagedvCPUs = props.unmanagedvCpus;
    this.serviceRole = props.serviceRole ?? new iam.Role(this, 'BatchServiceRole', {
      assumedBy: new iam.ServicePrincipal('batch.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBatchServiceRole')],
    });

    const resource = new ComputeEnvironmentL1(this, 'Resource', {
      type: 'unmanaged',
      state: this.enabled ? 'ENABLED' : 'DISABLED',
      computeEnvironmentName: props.computeEnvironmentName,
      unmanagedvCpus: this.unmanagedvCPUs,
      serviceRole: this.serviceRole.roleArn,
    });

    this._arn = this._arnOf(resource);
    // unmanaged environments run on EC2 instances the user launches into their ECS cluster
    markComputeKind(this, ECS_ON_EC2);
  }
}
