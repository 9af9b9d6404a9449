import { Construct } from 'constructs';
import { IManagedComputeEnvironment, ManagedComputeEnvironmentBase, ManagedComputeEnvironmentProps } from './managed-compute-environment';
import { ECS_ON_FARGATE, markComputeKind } from './private/compute-kind';
import { importManagedComputeEnvironment } from './private/import-compute-environment';
import { ComputeEnvironmentL1 } from './private/newer-cfn';
import { Problem, show, throwIfInvalid, unresolved, warn } from './private/validation';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * A managed compute environment that runs jobs as Fargate tasks.
 */
export interface IFargateComputeEnvironment extends IManagedComputeEnvironment {
}

/**
 * Props to create a Fargate compute environment.
 */
export interface FargateComputeEnvironmentProps extends ManagedComputeEnvironmentProps {
}

const KIND = 'FargateComputeEnvironment';

/**
 * Settings of EC2 environments that Fargate environments do not take. Plain JavaScript callers
 * can pass them (a props object shared with EC2 environments, say): like upstream, they are not
 * rendered, with a warning.
 */
const EC2_ONLY_PROPS = [
  'allocationStrategy', 'spotBidPercentage', 'spotFleetRole', 'instanceTypes', 'instanceClasses', 'images',
  'instanceRole', 'launchTemplate', 'minvCpus', 'placementGroup', 'useOptimalInstanceClasses',
];

/**
 * A managed compute environment that runs jobs as Fargate (or Fargate Spot) tasks: no
 * instances to choose or maintain.
 *
 * Batch can change only the vCPU limit, subnets and security groups of an existing Fargate
 * environment, so no update policy and no image update setting are rendered: CloudFormation
 * would pass them on every update, and Batch would reject the update.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/fargate.html
 * @see https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html
 * @resource AWS::Batch::ComputeEnvironment
 */
export class FargateComputeEnvironment extends ManagedComputeEnvironmentBase implements IFargateComputeEnvironment {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.FargateComputeEnvironment';

  /**
   * Imports a Fargate compute environment by its ARN.
   */
  public static fromFargateComputeEnvironmentArn(scope: Construct, id: string, fargateComputeEnvironmentArn: string): IFargateComputeEnvironment {
    return importManagedComputeEnvironment(KIND, scope, id, 'fargateComputeEnvironmentArn', fargateComputeEnvironmentArn);
  }

  public get computeEnvironmentArn(): string {
    return this._arn();
  }

  private readonly _arn: () => string;
  // Fargate runs no images of its own, so there is nothing to update.
  public readonly updateToLatestImageVersion?: boolean = false;

  constructor(scope: Construct, id: string, props: FargateComputeEnvironmentProps) {
    props = applyPropertyInjectors(FargateComputeEnvironment.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props);
    throwIfInvalid(KIND, this, checkFargateProps(props));
    warnIgnoredProps(this, props);

    const resource = new ComputeEnvironmentL1(this, 'Resource', {
      ...this._renderManaged(),
      computeEnvironmentName: props.computeEnvironmentName,
      computeResources: this._renderBaseComputeResources(this.spot ? 'FARGATE_SPOT' : 'FARGATE'),
    });

    this._arn = this._arnOf(resource);
    markComputeKind(this, ECS_ON_FARGATE);
  }
}

function checkFargateProps(props: FargateComputeEnvironmentProps): Problem[] {
  return [
    props.securityGroups !== undefined && props.securityGroups.length === 0
      ? 'securityGroups must hold at least one security group on Fargate, got none'
      : undefined,
  ];
}

/**
 * Props a Fargate environment does not render: EC2-only ones (from JavaScript), the update
 * policy, which Batch ignores on Fargate, and `updateToLatestImageVersion`. CloudFormation creates
 * an environment with `UpdateToLatestImageVersion: true`, but Batch then rejects every update of it,
 * as Fargate has no image to update (aws/aws-cdk#27054).
 */
function warnIgnoredProps(scope: FargateComputeEnvironment, props: FargateComputeEnvironmentProps): void {
  const given = props as unknown as Record<string, unknown>;
  for (const p of EC2_ONLY_PROPS.filter((name) => given[name] !== undefined)) {
    warn(scope, 'fargateIgnoresEc2Prop',
      `${p} is ignored: Fargate compute environments do not take it, got ${describeValue(given[p])}`);
  }
  if (props.terminateOnUpdate !== undefined) {
    warn(scope, 'fargateIgnoresUpdatePolicy',
      `terminateOnUpdate is ignored: Batch does not use an update policy on Fargate compute environments, got ${props.terminateOnUpdate}`);
  }
  if (props.updateTimeout !== undefined) {
    warn(scope, 'fargateIgnoresUpdatePolicy',
      `updateTimeout is ignored: Batch does not use an update policy on Fargate compute environments, got ${props.updateTimeout.toHumanString()}`);
  }
  // false is what Fargate has anyway; a token may stand for true
  if (props.updateToLatestImageVersion === true || unresolved(props.updateToLatestImageVersion)) {
    warn(scope, 'fargateIgnoresImageUpdate',
      'updateToLatestImageVersion is ignored: Fargate compute environments have no images to update, and Batch rejects '
      + `every later update of one that sets it, got ${props.updateToLatestImageVersion === true ? 'true' : 'a token'}`);
  }
}

function describeValue(value: unknown): string {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? 'a value' : show(value);
}
