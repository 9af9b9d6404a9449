import * as iam from 'aws-cdk-lib/aws-iam';
import { IJobQueue } from '../job-queue';

/**
 * Allows `identity` to submit jobs of the given job definition to the queue.
 *
 * `batch:SubmitJob` is authorized against both the queue and the job definition, so the
 * statement names both ARNs. Shared by every kind of job definition.
 *
 * @param jobDefinitionArns the ARN of the job definition's revision, or of every revision
 */
export function grantSubmitJob(identity: iam.IGrantable, queue: IJobQueue, ...jobDefinitionArns: string[]): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee: identity,
    actions: ['batch:SubmitJob'],
    resourceArns: [...jobDefinitionArns, queue.jobQueueArn],
  });
}
