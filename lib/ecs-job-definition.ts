import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IConsumableResource } from './consumable-resource';
import { IEcsContainerDefinition } from './ecs-container-definition';
import { GrantSubmitJobOptions, IJobDefinition, JobDefinitionBase, JobDefinitionProps, RetryStrategy } from './job-definition-base';
import { IJobQueue } from './job-queue';
import { isEc2Container } from './private/ecs-container';
import { importJobDefinition } from './private/import-job-definition';
import { JobDefinitionL1, renderNewerProperties } from './private/newer-cfn';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * The platform an ECS job definition is for: its `platformCapabilities`.
 *
 * Exported as upstream exports it, for TypeScript code that uses it; kept out of the jsii
 * assembly, so other languages do not see it.
 *
 * @internal
 */
export enum Compatibility {
  EC2 = 'EC2',
  FARGATE = 'FARGATE',
}

/**
 * Props to create a job definition that runs one ECS container.
 */
export interface EcsJobDefinitionProps extends JobDefinitionProps {
  /**
   * The container the jobs run: an `EcsEc2ContainerDefinition` for EC2 compute environments,
   * an `EcsFargateContainerDefinition` for Fargate ones.
   */
  readonly container: IEcsContainerDefinition;

  /**
   * Whether the tags of the job and of the job definition are copied to the ECS task that runs it.
   *
   * @default false
   */
  readonly propagateTags?: boolean;
}

const KIND = 'EcsJobDefinition';

/**
 * A job definition whose jobs run one container on ECS, on EC2 or Fargate resources.
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/job_definitions.html
 * @resource AWS::Batch::JobDefinition
 */
export class EcsJobDefinition extends JobDefinitionBase implements IJobDefinition {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.EcsJobDefinition';

  /**
   * Imports a job definition by its ARN (with or without a revision).
   */
  public static fromJobDefinitionArn(scope: Construct, id: string, jobDefinitionArn: string): IJobDefinition {
    return importJobDefinition(scope, id, KIND, jobDefinitionArn);
  }

  /**
   * The container the jobs run.
   */
  public readonly container: IEcsContainerDefinition;

  /**
   * Whether the tags of the job and of the job definition are copied to the ECS task that runs it.
   *
   * @default false
   */
  public readonly propagateTags?: boolean;

  public get jobDefinitionArn(): string {
    return this._arn();
  }

  private readonly _arn: () => string;

  constructor(scope: Construct, id: string, props: EcsJobDefinitionProps) {
    props = applyPropertyInjectors(EcsJobDefinition.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props);
    this.container = props.container;
    this.propagateTags = props.propagateTags;

    const resource = new JobDefinitionL1(this, 'Resource', {
      ...this._renderCommonProperties(),
      type: 'container',
      containerProperties: this.container._renderContainerDefinition(),
      platformCapabilities: [isEc2Container(this.container) ? Compatibility.EC2 : Compatibility.FARGATE],
      propagateTags: this.propagateTags,
    });
    renderNewerProperties(resource, 'ContainerProperties', this.container._renderNewerContainerProperties());


    this._arn = this._arnOf(resource);
  }

  public override addConsumableResource(consumableResource: IConsumableResource, quantity: number): void {
    super.addConsumableResource(consumableResource, quantity);
  }

  public override addRetryStrategy(strategy: RetryStrategy): void {
    super.addRetryStrategy(strategy);
  }

  public override grantSubmitJob(identity: iam.IGrantable, queue: IJobQueue, options?: GrantSubmitJobOptions): void {
    super.grantSubmitJob(identity, queue, options);
  }
}
