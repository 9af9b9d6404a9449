import { FuzzTarget } from '../harness';
import { ecsManagedInstancesTarget, launchTemplateTarget, quotaShareTarget, serviceEnvironmentTarget } from './beyond';
import { fargateTarget, managedEc2EcsTarget, managedEc2EksTarget, unmanagedTarget } from './compute-environments';
import { eksPodTarget, multiNodeEksJobDefinitionTarget } from './eks-pods';
import { ecsJobDefinitionTarget, eksJobDefinitionTarget, linuxParametersTarget, multiNodeJobDefinitionTarget } from './job-definitions';
import { jobQueueTarget } from './job-queue';
import { consumableResourceTarget, jobStateTimeLimitActionsTarget } from './parity';
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
  consumableResourceTarget,
  jobStateTimeLimitActionsTarget,
  eksPodTarget,
  multiNodeEksJobDefinitionTarget,
  serviceEnvironmentTarget,
  quotaShareTarget,
  ecsManagedInstancesTarget,
  launchTemplateTarget,
  ecsMultiContainerJobDefinitionTarget,
  multiNodeRangesTarget,
];
