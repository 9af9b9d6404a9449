import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IConsumableResource } from './consumable-resource';
import { isManagedInstancesTask } from './ecs-managed-instances-task-definition';
import { IEcsTaskDefinition, isFargateTask } from './ecs-task-definition';
import { GrantSubmitJobOptions, IJobDefinition, JobDefinitionBase, JobDefinitionProps, RetryStrategy } from './job-definition-base';
import { IJobQueue } from './job-queue';
import { importJobDefinition } from './private/import-job-definition';
import { JobDefinitionL1, renderNewerPropertyLazily } from './private/newer-cfn';
import { applyPropertyInjectors } from './private/property-injection';

/**
 * Props to create a job definition that runs several ECS containers in one task.
 */
export interface EcsMultiContainerJobDefinitionProps extends JobDefinitionProps {
  /**
   * The task the jobs run: an `EcsEc2TaskDefinition` for EC2 compute environments, an
   * `EcsFargateTaskDefinition` for Fargate ones, an `EcsManagedInstancesTaskDefinition` for
   * ECS Managed Instances ones.
   */
  readonly task: IEcsTaskDefinition;

  /**
   * Whether the tags of the job and of the job definition are copied to the ECS task that runs it.
   *
   * @default false
   */
  readonly propagateTags?: boolean;
}

const KIND = 'EcsMultiContainerJobDefinition';

/**
 * A job definition whose jobs run a task of up to 10 ECS containers, on EC2, Fargate or
 * ECS Managed Instances resources: an application with its sidecars (log routers, metrics agents, proxies).
 *
 * @see https://docs.aws.amazon.com/batch/latest/userguide/multi-container-jobs.html
 * @resource AWS::Batch::JobDefinition
 */
export class EcsMultiContainerJobDefinition extends JobDefinitionBase implements IJobDefinition {
  /**
   * Uniquely identifies this class for property injection.
   */
  public static readonly PROPERTY_INJECTION_ID: string = '@aws-cdk.aws-batch-alpha.EcsMultiContainerJobDefinition';

  /**
   * Imports a job definition by its ARN (with or without a revision).
   */
  public static fromJobDefinitionArn(scope: Construct, id: string, jobDefinitionArn: string): IJobDefinition {
    return importJobDefinition(scope, id, KIND, jobDefinitionArn);
  }

  /**
   * The task the jobs run.
   */
  public readonly task: IEcsTaskDefinition;

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

  constructor(scope: Construct, id: string, props: EcsMultiContainerJobDefinitionProps) {
    props = applyPropertyInjectors(EcsMultiContainerJobDefinition.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, KIND, props);
    this.task = props.task;
    this.propagateTags = props.propagateTags;

    const resource = new JobDefinitionL1(this, 'Resource', {
      ...this._renderCommonProperties(),
      type: 'container',
      platformCapabilities: [platformOf(this.task)],
      propagateTags: this.propagateTags,
    });
    // EcsProperties is newer than aws-cdk-lib 2.95.1's L1
    renderNewerPropertyLazily(resource, 'EcsProperties', () => ({ TaskProperties: [this.task._renderTaskProperties()] }));

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

/** The `platformCapabilities` of a task's kind: an unknown kind runs on EC2, as Batch assumes. */
function platformOf(task: IEcsTaskDefinition): string {
  if (isFargateTask(task)) {
    return 'FARGATE';
  }
  return isManagedInstancesTask(task) ? 'MANAGED_INSTANCES' : 'EC2';
}
