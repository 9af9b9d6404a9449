import type { OrderedServiceEnvironment } from '../service-environment';
import { checkRange, MAX_INTEGER, Problem, show, unresolved } from './validation';

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
  const orders = new Map<number, number>();
  const linked = new Set<unknown>();
  services.forEach((se, i) => {
    if (!unresolved(se.order)) {
      problems.push(checkRange(`serviceEnvironments[${i}].order`, se.order, 0, MAX_INTEGER, true));
      const previous = orders.get(se.order);
      if (previous !== undefined) {
        problems.push(`serviceEnvironments[${i}].order must be unique, got ${show(se.order)} which serviceEnvironments[${previous}] already has`);
      } else {
        orders.set(se.order, i);
      }
    }
    if (linked.has(se.serviceEnvironment)) {
      problems.push(`serviceEnvironments[${i}] links service environment '${se.serviceEnvironment.node.path}' a second time; each may be linked once`);
    }
    linked.add(se.serviceEnvironment);
  });
  return problems;
}
