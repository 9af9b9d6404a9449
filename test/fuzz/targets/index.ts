import { FuzzTarget } from '../harness';
import { fargateTarget, managedEc2EcsTarget, managedEc2EksTarget, unmanagedTarget } from './compute-environments';
import { ecsJobDefinitionTarget, eksJobDefinitionTarget, linuxParametersTarget, multiNodeJobDefinitionTarget } from './job-definitions';
import { jobQueueTarget } from './job-queue';
import { ecsMultiContainerJobDefinitionTarget, multiNodeRangesTarget } from './multi-container';
import { schedulingPolicyTarget } from './scheduling-policy';

/** Every construct under fuzzing. Add a target here when a construct lands. */
export const TARGETS: FuzzTarget[] = [
  jobQueueTarget,
  schedulingPolicyTarget,
  managedEc2EcsTarget,
  managedEc2EksTarget,
  fargateTarget,
  unmanagedTarget,
  ecsJobDefinitionTarget,
  multiNodeJobDefinitionTarget,
  linuxParametersTarget,
  eksJobDefinitionTarget,
  ecsMultiContainerJobDefinitionTarget,
  multiNodeRangesTarget,
];
