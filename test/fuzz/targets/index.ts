import { FuzzTarget } from '../harness';
import { fargateTarget, managedEc2EcsTarget, managedEc2EksTarget, unmanagedTarget } from './compute-environments';
import { jobQueueTarget } from './job-queue';
import { schedulingPolicyTarget } from './scheduling-policy';

/** Every construct under fuzzing. Add a target here when a construct lands. */
export const TARGETS: FuzzTarget[] = [
  jobQueueTarget,
  schedulingPolicyTarget,
  managedEc2EcsTarget,
  managedEc2EksTarget,
  fargateTarget,
  unmanagedTarget,
];
