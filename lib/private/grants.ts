import * as iam from 'aws-cdk-lib/aws-iam';
import { IJobQueue } from '../job-queue';

/**
 * Allows `identity` to submit jobs of the given job definition to the queue.
 *
 * `batch:SubmitJob` is authorized against both the queue and the job definition, so the
 * statement names both ARNs. Shared by every kind of job definition.
 */
export function grantSubmitJob(identity: iam.IGrantable, queue: IJobQueue, jobDefinitionArn: string): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee: identity,
    actions: ['batch:SubmitJob'],
    resourceArns: [jobDefinitionArn, queue.jobQueueArn],
  });
}
