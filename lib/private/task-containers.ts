import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Problem, show, unresolved } from './validation';

/*
 * The rules of the containers of one multi-container ECS task: how many, their names, which are
 * essential and what they wait for. Kept apart from the constructs so that they can be tested
 * (and fuzzed) as plain data.
 */

/** What the rules need to know of a container. */
export interface TaskContainerFacts {
  readonly name: string;
  readonly essential: boolean;
  readonly dependencies: ReadonlyArray<{ readonly containerName: string; readonly condition?: ecs.ContainerDependencyCondition }>;
}

/** A warning: a rule id (after `@aws-cdk/aws-batch-alpha:`) and its message. */
export interface TaskWarning {
  readonly rule: string;
  readonly message: string;
}

/** Batch runs at most this many containers in a task. */
export const MAX_TASK_CONTAINERS = 10;

/** The problems (errors) and warnings of a task's containers. */
export function validateTaskContainers(containers: TaskContainerFacts[]): { errors: Problem[]; warnings: TaskWarning[] } {
  const errors: Problem[] = [];
  const warnings: TaskWarning[] = [];
  if (containers.length < 1 || containers.length > MAX_TASK_CONTAINERS) {
    errors.push(`containers must hold 1 to ${MAX_TASK_CONTAINERS} containers, got ${containers.length}`);
  }

  const byName = new Map<string, TaskContainerFacts>();
  const anyUnresolvedName = containers.some((c) => unresolved(c.name));
  for (const c of containers) {
    if (unresolved(c.name)) {
      continue;
    }
    if (byName.has(c.name)) {
      errors.push(`containers names must be unique within the task, got ${show(c.name)} twice`);
    } else {
      byName.set(c.name, c);
    }
  }

  // essential is a boolean: a token there counts as essential
  if (containers.length > 0 && !containers.some((c) => c.essential !== false)) {
    errors.push(`containers must include at least one essential container, got none of ${containers.length}`);
  }

  for (const c of containers) {
    c.dependencies.forEach((d, i) => {
      const at = `containers[${show(c.name)}].dependsOn[${i}]`;
      if (unresolved(d.containerName)) {
        return;
      }
      const target = byName.get(d.containerName);
      if (d.containerName === c.name) {
        errors.push(`${at}.containerName must name another container of the task, got the container itself`);
      } else if (target === undefined) {
        if (!anyUnresolvedName) {
          errors.push(`${at}.containerName must name a container of the task (${[...byName.keys()].map(show).join(', ')}), got ${show(d.containerName)}`);
        }
      } else if ((d.condition === ecs.ContainerDependencyCondition.COMPLETE || d.condition === ecs.ContainerDependencyCondition.SUCCESS)
        && target.essential !== false) {
        errors.push(`${at}.condition must not be ${d.condition} for an essential container, got ${d.condition} for ${show(target.name)}, which is essential`);
      }
      if (d.condition === ecs.ContainerDependencyCondition.HEALTHY) {
        warnings.push({
          rule: 'healthyDependency',
          message: `${at}.condition is HEALTHY, which Batch does not document for task containers, and a task container has no health check to pass; use START, COMPLETE or SUCCESS`,
        });
      }
    });
  }

  const cycle = findCycle(containers, byName);
  if (cycle) {
    errors.push(`containers dependsOn must not form a cycle, got ${cycle.map(show).join(' -> ')}`);
  }
  return { errors, warnings };
}

/** A dependency cycle among the containers, as the names along it (first name repeated at the end). */
function findCycle(containers: TaskContainerFacts[], byName: Map<string, TaskContainerFacts>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') {
      return undefined;
    }
    if (state.get(name) === 'visiting') {
      return [...path.slice(path.indexOf(name)), name];
    }
    state.set(name, 'visiting');
    path.push(name);
    for (const d of byName.get(name)?.dependencies ?? []) {
      if (d.containerName !== name && byName.has(d.containerName)) {
        const found = visit(d.containerName);
        if (found) {
          return found;
        }
      }
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const c of containers) {
    if (!unresolved(c.name)) {
      const found = visit(c.name);
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}
