import type { OrderedServiceEnvironment } from '../service-environment';
import { checkRange, checkUnique, MAX_INTEGER, Problem } from './validation';

/** The one queue type whose queues link service environments instead of compute environments. */
export function isServiceQueueType(type: string | undefined): boolean {
  return type === 'SAGEMAKER_TRAINING';
}

/**
 * The problems of a SAGEMAKER_TRAINING queue: no compute environments (CloudFormation takes
 * either ComputeEnvironmentOrder or ServiceEnvironmentOrder), at least one service environment,
 * each linked once with a unique whole order.
 */
export function checkServiceEnvironments(services: OrderedServiceEnvironment[], computeEnvironments: number): Problem[] {
  const problems: Problem[] = [];
  if (computeEnvironments > 0) {
    problems.push(`computeEnvironments must be empty on a queue of type SAGEMAKER_TRAINING, got ${computeEnvironments}; `
      + 'link service environments with serviceEnvironments or addServiceEnvironment()');
  }
  if (services.length === 0) {
    problems.push('serviceEnvironments must link at least one service environment, got none; pass serviceEnvironments or call addServiceEnvironment()');
  }
  problems.push(...services.map((se, i) => checkRange(`serviceEnvironments[${i}].order`, se.order, 0, MAX_INTEGER, true)));
  problems.push(...checkUnique('serviceEnvironments', services, (se) => se.order, 'order'));
  const linked = new Set<unknown>();
  services.forEach((se, i) => {
    if (linked.has(se.serviceEnvironment)) {
      problems.push(`serviceEnvironments[${i}] links service environment '${se.serviceEnvironment.node.path}' a second time; each may be linked once`);
    }
    linked.add(se.serviceEnvironment);
  });
  return problems;
}
