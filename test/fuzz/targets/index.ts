import { FuzzTarget } from '../harness';
import { jobQueueTarget } from './job-queue';
import { schedulingPolicyTarget } from './scheduling-policy';

/** Every construct under fuzzing. Add a target here when a construct lands. */
export const TARGETS: FuzzTarget[] = [
  jobQueueTarget,
  schedulingPolicyTarget,
];
